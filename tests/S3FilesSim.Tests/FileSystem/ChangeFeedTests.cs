using FluentAssertions;
using S3FilesSim.FileSystem;
using S3FilesSim.ObjectStorage;
using Xunit;
using static S3FilesSim.Tests.Export.ExportTestKit;

namespace S3FilesSim.Tests.FileSystem;

// The change feed front doors use (a FUSE mount's kernel-cache invalidation, a FileSystemWatcher): every change a client
// or the import makes, in order, with who made it. Bucket-side changes arrive after their event is delivered
// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-synchronization.html).
public sealed class ChangeFeedTests
{
    private static readonly TimeSpan EventDelivered = TimeSpan.FromSeconds(6);

    [Fact]
    public async Task ClientCalls_EachReportedInOrderWithPathsAndClientSource()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        var changes = Record(sim.FileSystem);

        await fs.MkdirAsync("/docs");
        await fs.WriteFileAsync("/docs/a.txt", "hello");
        await fs.ChmodAsync("/docs/a.txt", FileSystemTestKit.Octal("600"));
        await fs.RenameAsync("/docs/a.txt", "/docs/b.txt");
        await fs.UnlinkAsync("/docs/b.txt");

        changes.Select(c => (c.Kind, c.Path, c.OldPath)).Should().Equal(
            (FileSystemChangeKind.Created, "/docs", null),
            (FileSystemChangeKind.Created, "/docs/a.txt", null),
            (FileSystemChangeKind.DataChanged, "/docs/a.txt", null),
            (FileSystemChangeKind.MetadataChanged, "/docs/a.txt", null),
            (FileSystemChangeKind.Renamed, "/docs/b.txt", "/docs/a.txt"),
            (FileSystemChangeKind.Deleted, "/docs/b.txt", null));
        changes.Should().OnlyContain(c => c.Source == FileSystemChangeSource.Client);
        changes[0].Type.Should().Be(FileType.Directory);
        changes[1].InodeNumber.Should().Be((await fs.StatAsync("/docs")).InodeNumber + 1);
        changes[^1].Time.Should().Be(sim.Clock.GetUtcNow());
    }

    [Fact]
    public async Task Fifo_NeverExported_StillReportedToOtherClients()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        var changes = Record(sim.FileSystem);

        await fs.MknodAsync("/pipe", FileType.Fifo);
        await fs.RenameAsync("/pipe", "/pipe2");
        await fs.UnlinkAsync("/pipe2");

        changes.Select(c => (c.Kind, c.Path, c.Type)).Should().Equal(
            (FileSystemChangeKind.Created, "/pipe", FileType.Fifo),
            (FileSystemChangeKind.Renamed, "/pipe2", FileType.Fifo),
            (FileSystemChangeKind.Deleted, "/pipe2", FileType.Fifo));
    }

    [Fact]
    public async Task FirstListing_OfObjectsAlreadyInTheBucket_IsNoChange()
    {
        await using var sim = NewSimulation();
        await sim.Bucket.PutObjectAsync("inbox/a.txt", "a");
        await sim.Bucket.PutObjectAsync("inbox/sub/b.txt", "b");
        await sim.AdvanceAsync(EventDelivered);
        var fs = sim.Mount();
        var changes = Record(sim.FileSystem);

        var names = await fs.ReadDirectoryAsync("/inbox");
        await fs.ReadFileAsync("/inbox/a.txt");

        names.Select(e => e.Name).Should().Contain(["a.txt", "sub"]);
        changes.Should().BeEmpty();
    }

    [Fact]
    public async Task BucketSideCreateOverwriteDelete_ReportedWithImportSourceOnceTheEventArrives()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        await sim.Bucket.PutObjectAsync("inbox/a.txt", "v1");
        await sim.AdvanceAsync(EventDelivered);
        await fs.ReadFileAsync("/inbox/a.txt");
        var changes = Record(sim.FileSystem);

        await sim.Bucket.PutObjectAsync("inbox/new.txt", "new");
        await sim.Bucket.PutObjectAsync("inbox/a.txt", "v2");
        changes.Should().BeEmpty("the events are not delivered yet");
        await sim.AdvanceAsync(EventDelivered);
        await sim.Bucket.DeleteObjectAsync("inbox/new.txt");
        await sim.AdvanceAsync(EventDelivered);

        changes.Should().HaveCount(3);
        changes.Take(2).Select(c => (c.Kind, c.Path)).Should().BeEquivalentTo(new[]
        {
            (FileSystemChangeKind.Created, "/inbox/new.txt"),
            (FileSystemChangeKind.DataChanged, "/inbox/a.txt"),
        });
        changes[^1].Should().Match<FileSystemChange>(c => c.Kind == FileSystemChangeKind.Deleted && c.Path == "/inbox/new.txt");
        changes.Should().OnlyContain(c => c.Source == FileSystemChangeSource.Import);
        (await fs.ReadFileAsync("/inbox/a.txt")).Should().Be("v2");
    }

    [Fact]
    public async Task Conflict_LosingFileMovesToLostAndFoundAndBucketVersionTakesThePath_AsImportChanges()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        await sim.ExportFileAsync(fs, "/report.csv", "v1");
        await fs.WriteFileAsync("/report.csv", "from the file system");
        await sim.Bucket.PutObjectAsync("report.csv", "from S3");
        var changes = Record(sim.FileSystem);

        await sim.AdvanceAsync(Quiet);

        var lostDirectory = "/.s3files-lost+found-" + sim.FileSystem.FileSystemId;
        var imported = changes.Where(c => c.Source == FileSystemChangeSource.Import).ToList();
        imported.Should().Contain(c => c.Kind == FileSystemChangeKind.Renamed && c.OldPath == "/report.csv" && c.Path.StartsWith(lostDirectory + "/", StringComparison.Ordinal));
        imported.Should().Contain(c => c.Kind == FileSystemChangeKind.Created && c.Path == "/report.csv");
        changes.Should().NotContain(c => c.Source == FileSystemChangeSource.Client);
    }

    [Fact]
    public async Task MountFeed_BelowAccessPointRoot_PathsFromTheMountRootAndNothingFromOutside()
    {
        await using var sim = NewSimulation();
        var root = sim.Mount();
        await root.MkdirAsync("/team");
        await root.MkdirAsync("/other");
        var accessPoint = sim.FileSystem.CreateAccessPoint(new AccessPointOptions { RootDirectory = "/team" });
        var teamMount = sim.FileSystem.Mount(new MountOptions { AccessPointId = accessPoint.AccessPointId });
        var seen = new List<FileSystemChange>();
        using var subscription = ((IFileSystemChangeFeed)teamMount).SubscribeChanges(seen.Add);

        await root.WriteFileAsync("/team/a.txt", "a");
        await root.WriteFileAsync("/other/b.txt", "b");
        await root.RenameAsync("/other/b.txt", "/team/b.txt");
        await root.RenameAsync("/team/a.txt", "/other/a.txt");

        seen.Select(c => (c.Kind, c.Path, c.OldPath)).Should().Equal(
            (FileSystemChangeKind.Created, "/a.txt", null),
            (FileSystemChangeKind.DataChanged, "/a.txt", null),
            (FileSystemChangeKind.Created, "/b.txt", null),
            (FileSystemChangeKind.Deleted, "/a.txt", null));
    }

    [Fact]
    public async Task DisposedSubscriptionAndUnmountedMount_ReceiveNothingMore()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        var fileSystemSeen = new List<FileSystemChange>();
        var mountSeen = new List<FileSystemChange>();
        var subscription = sim.FileSystem.SubscribeChanges(fileSystemSeen.Add);
        var observer = sim.Mount();
        ((IFileSystemChangeFeed)observer).SubscribeChanges(mountSeen.Add);
        await fs.MkdirAsync("/one");

        subscription.Dispose();
        await observer.DisposeAsync();
        await fs.MkdirAsync("/two");

        fileSystemSeen.Select(c => c.Path).Should().Equal("/one");
        mountSeen.Select(c => c.Path).Should().Equal("/one");
        var act = () => ((IFileSystemChangeFeed)observer).SubscribeChanges(_ => { });
        act.Should().Throw<ObjectDisposedException>();
    }

    private static List<FileSystemChange> Record(S3FilesFileSystem fileSystem)
    {
        var changes = new List<FileSystemChange>();
        fileSystem.SubscribeChanges(changes.Add);
        return changes;
    }
}
