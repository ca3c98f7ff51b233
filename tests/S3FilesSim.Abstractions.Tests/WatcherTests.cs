using System.Collections.Concurrent;
using System.IO.Abstractions;
using FluentAssertions;
using S3FilesSim.FileSystem;
using S3FilesSim.ObjectStorage;
using Xunit;

namespace S3FilesSim.Abstractions.Tests;

/// <summary>The watcher's S3 Files side: bucket-side changes arrive as events once imported, delivery runs on the
/// simulation's scheduler (deterministic, on virtual time), other clients' writes are seen, access points scope the paths.</summary>
public sealed class WatcherTests : IAsyncLifetime
{
    private static readonly TimeSpan EventDelivered = TimeSpan.FromSeconds(6);
    private readonly S3FilesSimulation _sim = S3FilesSimulation.Create(new SimulationOptions { Seed = 3 });
    private readonly S3FilesSim.FileSystem.IFileSystem _mount;
    private readonly System.IO.Abstractions.IFileSystem _fs;
    private readonly ConcurrentQueue<string> _events = new();

    public WatcherTests()
    {
        _mount = _sim.FileSystem.Mount(new MountOptions());
        _fs = _mount.AsSystemIOAbstractions(new SystemIOAdapterOptions { MountPath = "/data" });
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _mount.DisposeAsync();
        await _sim.DisposeAsync();
    }

    [Fact]
    public async Task BucketPutOfANewKey_RaisesCreatedOnceTheEventIsImported()
    {
        _fs.Directory.CreateDirectory("/data/inbox");
        using var watcher = Watch("/data/inbox");

        await _sim.Bucket.PutObjectAsync("inbox/from-s3.txt", "uploaded");
        await _sim.AdvanceAsync(EventDelivered);

        _events.Should().Equal("Created:from-s3.txt");
    }

    [Fact]
    public async Task BucketOverwriteOfAnExportedFile_RaisesChanged()
    {
        _fs.File.WriteAllText("/data/doc.txt", "v1");
        await _sim.AdvanceAsync(TimeSpan.FromSeconds(61));
        using var watcher = Watch("/data");

        await _sim.Bucket.PutObjectAsync("doc.txt", "v2 from another S3 client");
        await _sim.AdvanceAsync(EventDelivered);

        _events.Should().Contain("Changed:doc.txt");
        _fs.File.ReadAllText("/data/doc.txt").Should().Be("v2 from another S3 client");
    }

    [Fact]
    public async Task BucketDeleteOfAnExportedFile_RaisesDeleted()
    {
        _fs.File.WriteAllText("/data/doc.txt", "v1");
        await _sim.AdvanceAsync(TimeSpan.FromSeconds(61));
        using var watcher = Watch("/data");

        await _sim.Bucket.DeleteObjectAsync("doc.txt");
        await _sim.AdvanceAsync(EventDelivered);

        _events.Should().Equal("Deleted:doc.txt");
    }

    [Fact]
    public async Task MountWrite_EventsWaitUntilTheSimulationRunsDueWork()
    {
        using var watcher = Watch("/data");

        _fs.File.WriteAllText("/data/a.txt", "x");
        var beforeRunning = _events.ToArray();
        await _sim.RunUntilIdleAsync();

        beforeRunning.Should().BeEmpty("events are raised on the simulation's scheduler, never under the file system's lock");
        _events.Should().Equal(["Created:a.txt", "Changed:a.txt", "Changed:a.txt"], "File.WriteAllText opens, truncates (IN_MODIFY) and writes (IN_MODIFY), as inotify reports it");
    }

    [Fact]
    public async Task WriteThroughAnotherMount_IsRaisedToo()
    {
        await using var other = _sim.FileSystem.Mount(new MountOptions());
        using var watcher = Watch("/data");

        await other.WriteAllTextAsync("/other.txt", "x");
        await _sim.RunUntilIdleAsync();

        _events.Should().Contain("Created:other.txt");
    }

    [Fact]
    public async Task AccessPointMount_NamesEventsFromTheAccessPointRoot()
    {
        await _mount.CreateDirectoriesAsync("/teams/a");
        var accessPoint = _sim.FileSystem.CreateAccessPoint(new AccessPointOptions { RootDirectory = "/teams/a" });
        await using var scoped = _sim.FileSystem.Mount(new MountOptions { AccessPointId = accessPoint.AccessPointId });
        var fs = scoped.AsSystemIOAbstractions(new SystemIOAdapterOptions { MountPath = "/mnt/team" });
        using var watcher = Watch("/mnt/team", fs);

        await _mount.WriteAllTextAsync("/teams/a/report.txt", "x");
        await _mount.WriteAllTextAsync("/elsewhere.txt", "x");
        await _sim.RunUntilIdleAsync();

        _events.Should().Equal("Created:report.txt", "Changed:report.txt");
    }

    [Fact]
    public async Task WaitForChanged_EventRaisedWhileWaiting_ReturnsIt()
    {
        using var watcher = _fs.FileSystemWatcher.New("/data");
        var armed = _sim.Scheduler.PendingCount;
        var waiting = Task.Run(() => watcher.WaitForChanged(WatcherChangeTypes.Created, TimeSpan.FromMinutes(1)));
        await WaitUntilAsync(() => _sim.Scheduler.PendingCount > armed);

        _fs.File.WriteAllText("/data/awaited.txt", "x");
        await _sim.RunUntilIdleAsync();
        var result = await waiting.WaitAsync(TimeSpan.FromSeconds(30));

        (result.ChangeType, result.Name, result.TimedOut).Should().Be((WatcherChangeTypes.Created, "awaited.txt", false));
    }

    [Fact]
    public async Task WaitForChanged_TimeoutPassesOnVirtualTime_ReturnsTimedOut()
    {
        using var watcher = _fs.FileSystemWatcher.New("/data");
        var armed = _sim.Scheduler.PendingCount;
        var waiting = Task.Run(() => watcher.WaitForChanged(WatcherChangeTypes.Deleted, 5000));
        await WaitUntilAsync(() => _sim.Scheduler.PendingCount > armed);

        await _sim.AdvanceAsync(TimeSpan.FromSeconds(5));
        var result = await waiting.WaitAsync(TimeSpan.FromSeconds(30));

        result.TimedOut.Should().BeTrue();
    }

    [Fact]
    public async Task MoreChangesThanInotifyQueues_RaisesErrorWithBufferOverflow()
    {
        await _mount.MkdirAsync("/many");
        using var watcher = Watch("/data/many");
        var errors = new List<Exception>();
        watcher.Error += (_, e) => errors.Add(e.GetException());

        for (var i = 0; i < 8_200; i++)
        {
            var handle = await _mount.OpenAsync($"/many/f{i}", OpenFlags.WriteOnly | OpenFlags.Create);
            await _mount.WriteAsync(handle, new byte[1], 0);
            await _mount.CloseAsync(handle);
        }

        await _sim.RunUntilIdleAsync();

        errors.Should().ContainSingle().Which.Should().BeOfType<InternalBufferOverflowException>()
            .Which.Message.Should().Be("Too many changes at once in directory:/data/many.");
        _events.Should().BeEmpty();
    }

    [Fact]
    public async Task Dispose_StopsEvents()
    {
        var watcher = Watch("/data");
        watcher.Dispose();

        _fs.File.WriteAllText("/data/after.txt", "x");
        await _sim.RunUntilIdleAsync();

        _events.Should().BeEmpty();
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            DateTime.UtcNow.Should().BeBefore(deadline, "the waiting thread should have armed its timeout");
            await Task.Delay(5);
        }
    }

    private IFileSystemWatcher Watch(string path, System.IO.Abstractions.IFileSystem? fs = null)
    {
        var watcher = (fs ?? _fs).FileSystemWatcher.New(path);
        watcher.Created += (_, e) => _events.Enqueue("Created:" + e.Name);
        watcher.Changed += (_, e) => _events.Enqueue("Changed:" + e.Name);
        watcher.Deleted += (_, e) => _events.Enqueue("Deleted:" + e.Name);
        watcher.Renamed += (_, e) => _events.Enqueue("Renamed:" + e.OldName + "->" + e.Name);
        watcher.EnableRaisingEvents = true;
        return watcher;
    }
}
