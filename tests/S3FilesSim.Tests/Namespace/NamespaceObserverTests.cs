using FluentAssertions;
using S3FilesSim.FileSystem;
using S3FilesSim.Namespace;
using S3FilesSim.Tests.FileSystem;
using Xunit;
using static S3FilesSim.Tests.FileSystem.FileSystemTestKit;

namespace S3FilesSim.Tests.Namespace;

public sealed class NamespaceObserverTests
{
    [Fact]
    public async Task Mutations_ReachingTheFileSystem_AreReportedInOrder()
    {
        await using var sim = NewSimulation();
        var observer = new RecordingObserver();
        using var subscription = sim.FileSystem.ClientChanges.Subscribe(observer);
        var fs = sim.Mount();

        await fs.MkdirAsync("/d");
        var handle = await fs.OpenAsync("/d/f", OpenFlags.WriteOnly | OpenFlags.Create);
        await fs.WriteAsync(handle, new byte[3]);
        var beforeClose = observer.Calls.Count;
        await fs.CloseAsync(handle);
        await fs.ChmodAsync("/d/f", Octal("600"));
        await fs.RenameAsync("/d/f", "/d/g");
        await fs.UnlinkAsync("/d/g");

        beforeClose.Should().Be(2);
        observer.Calls.Should().Equal(
            "created /d",
            "created /d/f",
            "data /d/f",
            "metadata /d/f",
            "renamed /d/f -> /d/g",
            "removed /d/g");
    }

    [Fact]
    public async Task Rename_OverExistingFile_ReportsRemovalThenRename()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        await fs.WriteFileAsync("/a", "a");
        await fs.WriteFileAsync("/b", "b");
        var observer = new RecordingObserver();
        using var subscription = sim.FileSystem.ClientChanges.Subscribe(observer);

        await fs.RenameAsync("/a", "/b");

        observer.Calls.Should().Equal("removed /b", "renamed /a -> /b");
    }

    [Fact]
    public async Task Create_MarksTheEntryDirtySinceNow()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        await sim.AdvanceAsync(TimeSpan.FromSeconds(7));

        await fs.WriteFileAsync("/f", "x");

        var inode = sim.FileSystem.Namespace.Root.Directory.Find("f")!;
        inode.DirtySince.Should().Be(sim.Now);
        (inode.VersionId, inode.ETag, inode.Resident).Should().Be((null, null, true));
    }

    [Fact]
    public async Task ObjectKeyOf_UsesThePrefixAndMarksDirectories()
    {
        await using var sim = NewSimulation(new FileSystemOptions { Prefix = "scope/" });
        var fs = sim.Mount();
        await fs.MkdirAsync("/d");
        await fs.WriteFileAsync("/d/f.txt", "x");
        var ns = sim.FileSystem.Namespace;
        var directory = ns.Root.Directory.Find("d")!;

        (ns.ObjectKeyOf(directory), ns.ObjectKeyOf(directory.Directory.Find("f.txt")!)).Should().Be(("scope/d/", "scope/d/f.txt"));
    }

    private sealed class RecordingObserver : INamespaceObserver
    {
        public List<string> Calls { get; } = [];

        public void OnCreated(Inode inode, string path) => Calls.Add($"created {path}");

        public void OnDataChanged(Inode inode, string path) => Calls.Add($"data {path}");

        public void OnMetadataChanged(Inode inode, string path) => Calls.Add($"metadata {path}");

        public void OnRenamed(Inode inode, string oldPath, string newPath) => Calls.Add($"renamed {oldPath} -> {newPath}");

        public void OnRemoved(Inode inode, string path) => Calls.Add($"removed {path}");
    }
}
