using System.Collections.Concurrent;
using System.IO.Abstractions;
using FluentAssertions;
using Xunit;

namespace S3FilesSim.Abstractions.Tests.Parity;

/// <content>FileSystemWatcher. Events are collected as "Kind:Name" (Renamed as "Renamed:Old->New"); the real side waits for
/// inotify's thread, the simulated side runs the simulation's due work. A negative assertion is made after a later
/// "sentinel" event has arrived, since events arrive in order.</content>
public abstract partial class FileSystemParityTests<TTarget>
{
    private const string Sentinel = "sentinel.done";

    [Fact]
    public async Task Watcher_NewFile_RaisesCreatedWithTheRelativeNameAndFullPath()
    {
        using var watch = Watch(Root);

        Fs.File.WriteAllText(P("a.txt"), "x");

        await watch.SettleAsync("Created:a.txt");
        watch.Events.Should().StartWith("Created:a.txt");
        watch.FullPaths.Should().Contain(P("a.txt"));
    }

    [Fact]
    public async Task Watcher_WriteToExistingFile_RaisesChanged()
    {
        var path = Given("a.txt", "old");
        using var watch = Watch(Root);

        Fs.File.AppendAllText(path, "more");

        await watch.SettleAsync("Changed:a.txt");
        watch.Events.Should().Contain("Changed:a.txt").And.NotContain("Created:a.txt");
    }

    [Fact]
    public async Task Watcher_DeleteFile_RaisesDeleted()
    {
        var path = Given("a.txt");
        using var watch = Watch(Root);

        Fs.File.Delete(path);

        await watch.SettleAsync("Deleted:a.txt");
        watch.Events.Should().Equal("Deleted:a.txt");
    }

    [Fact]
    public async Task Watcher_RenameWithinDirectory_RaisesRenamedWithOldName()
    {
        var path = Given("old.txt");
        using var watch = Watch(Root);

        Fs.File.Move(path, P("new.txt"));

        await watch.SettleAsync("Renamed:old.txt->new.txt");
        watch.Events.Should().Equal("Renamed:old.txt->new.txt");
    }

    [Fact]
    public async Task Watcher_RenameOutOfTheWatchedDirectory_RaisesDeleted()
    {
        var path = Given("watched/a.txt");
        Fs.Directory.CreateDirectory(P("elsewhere"));
        using var watch = Watch(P("watched"));

        Fs.File.Move(path, P("elsewhere", "a.txt"));

        await watch.SettleAsync("Deleted:a.txt");
        watch.Events.Should().Equal("Deleted:a.txt");
    }

    [Fact]
    public async Task Watcher_RenameIntoTheWatchedDirectory_RaisesCreated()
    {
        var path = Given("elsewhere/a.txt");
        Fs.Directory.CreateDirectory(P("watched"));
        using var watch = Watch(P("watched"));

        Fs.File.Move(path, P("watched", "a.txt"));

        await watch.SettleAsync("Created:a.txt");
        watch.Events.Should().Equal("Created:a.txt");
    }

    [Fact]
    public async Task Watcher_NewDirectory_RaisesCreated()
    {
        using var watch = Watch(Root);

        Fs.Directory.CreateDirectory(P("dir"));

        await watch.SettleAsync("Created:dir");
        watch.Events.Should().Equal("Created:dir");
    }

    [Fact]
    public async Task Watcher_Filter_RaisesOnlyMatchingNames()
    {
        using var watch = Watch(Root, filter: "*.done");

        Fs.File.WriteAllText(P("ignored.txt"), "x");
        Fs.File.WriteAllText(P(Sentinel), "x");

        await watch.SettleAsync("Created:" + Sentinel);
        watch.Events.Should().NotContain(e => e.Contains("ignored.txt"));
    }

    [Fact]
    public async Task Watcher_WithoutSubdirectories_IgnoresNestedChanges()
    {
        Fs.Directory.CreateDirectory(P("sub"));
        using var watch = Watch(Root);

        Fs.File.WriteAllText(P("sub", "nested.txt"), "x");
        Fs.File.WriteAllText(P(Sentinel), "x");

        await watch.SettleAsync("Created:" + Sentinel);
        watch.Events.Should().NotContain(e => e.Contains("nested.txt"));
    }

    [Fact]
    public async Task Watcher_IncludeSubdirectories_NamesNestedChangesRelatively()
    {
        Fs.Directory.CreateDirectory(P("sub"));
        using var watch = Watch(Root, includeSubdirectories: true);

        Fs.File.WriteAllText(P("sub", "nested.txt"), "x");

        await watch.SettleAsync("Created:sub/nested.txt");
        watch.Events.Should().Contain("Created:sub/nested.txt");
    }

    [Fact]
    public async Task Watcher_NotifyFilterFileNameOnly_RaisesNoChangedForWrites()
    {
        var path = Given("a.txt");
        using var watch = Watch(Root, notifyFilter: NotifyFilters.FileName);

        Fs.File.AppendAllText(path, "more");
        Fs.File.WriteAllText(P(Sentinel), "x");

        await watch.SettleAsync("Created:" + Sentinel);
        watch.Events.Should().Equal("Created:" + Sentinel);
    }

    [Fact]
    public async Task Watcher_ChangeOfPermissions_RaisesChanged()
    {
        var path = Given("a.txt");
        using var watch = Watch(Root);

        Fs.File.SetUnixFileMode(path, UnixFileMode.UserRead);

        await watch.SettleAsync("Changed:a.txt");
        watch.Events.Should().Equal("Changed:a.txt");
    }

    [Fact]
    public async Task Watcher_Disabled_RaisesNothing()
    {
        using var watch = Watch(Root);
        watch.Watcher.EnableRaisingEvents = false;

        Fs.File.WriteAllText(P("a.txt"), "x");
        watch.Watcher.EnableRaisingEvents = true;
        Fs.File.WriteAllText(P(Sentinel), "x");

        await watch.SettleAsync("Created:" + Sentinel);
        watch.Events.Should().NotContain(e => e.Contains("a.txt"));
    }

    [Fact]
    public void Watcher_NewOnMissingDirectory_ThrowsArgumentException()
    {
        var path = P("missing");

        var act = () => Fs.FileSystemWatcher.New(path);

        act.Should().Throw<ArgumentException>().WithMessage($"The directory name '{path}' does not exist.*");
    }

    [Fact]
    public void Watcher_Filters_NormalizeStarDotStar()
    {
        using var watcher = Fs.FileSystemWatcher.New(Root);

        watcher.Filter = "*.*";

        watcher.Filter.Should().Be("*");
        watcher.NotifyFilter.Should().Be(NotifyFilters.LastWrite | NotifyFilters.FileName | NotifyFilters.DirectoryName);
    }

    /// <summary>Starts a watcher on <paramref name="path"/> that records its events.</summary>
    private WatchRecording Watch(string path, string filter = "*", bool includeSubdirectories = false, NotifyFilters? notifyFilter = null)
    {
        var watcher = Fs.FileSystemWatcher.New(path, filter);
        watcher.IncludeSubdirectories = includeSubdirectories;
        if (notifyFilter is { } filters)
        {
            watcher.NotifyFilter = filters;
        }

        var recording = new WatchRecording(watcher, Target);
        watcher.EnableRaisingEvents = true;
        return recording;
    }

    private sealed class WatchRecording : IDisposable
    {
        private readonly ConcurrentQueue<string> _events = new();
        private readonly ConcurrentQueue<string> _fullPaths = new();
        private readonly ParityTarget _target;

        public WatchRecording(IFileSystemWatcher watcher, ParityTarget target)
        {
            Watcher = watcher;
            _target = target;
            watcher.Created += (_, e) => Record("Created:" + e.Name, e.FullPath);
            watcher.Deleted += (_, e) => Record("Deleted:" + e.Name, e.FullPath);
            watcher.Changed += (_, e) => Record("Changed:" + e.Name, e.FullPath);
            watcher.Renamed += (_, e) => Record("Renamed:" + e.OldName + "->" + e.Name, e.FullPath);
        }

        public IFileSystemWatcher Watcher { get; }

        /// <summary>Gets the distinct events in arrival order (inotify coalesces or repeats Changed depending on timing).</summary>
        public IReadOnlyList<string> Events => _events.Distinct().ToList();

        public IReadOnlyList<string> FullPaths => [.. _fullPaths];

        public Task SettleAsync(string expected) => _target.SettleAsync(() => _events.Contains(expected));

        public void Dispose() => Watcher.Dispose();

        private void Record(string entry, string fullPath)
        {
            _events.Enqueue(entry);
            _fullPaths.Enqueue(fullPath);
        }
    }
}
