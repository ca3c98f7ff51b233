using FluentAssertions;
using S3FilesSim.FileSystem;
using S3FilesSim.ObjectStorage;
using S3FilesSim.Tests.Export;
using S3FilesSim.Tests.FileSystem;
using Xunit;
using static S3FilesSim.Tests.Import.ImportTestKit;

namespace S3FilesSim.Tests.Import;

// Bucket changes reach the file system through S3 Event Notifications "typically within seconds": files whose data is
// resident are updated automatically; expired files are updated when next accessed; accessed directories' metadata is
// kept consistent. https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-synchronization.html
public sealed class BucketEventTests
{
    private static readonly TimeSpan EventDelay = TimeSpan.FromSeconds(6);

    [Fact]
    public async Task OverwriteInBucket_ReachesResidentFileAfterTheEventDelay()
    {
        await using var sim = NewSimulation();
        await sim.Bucket.PutObjectAsync("r.txt", "v1");
        var fs = sim.Mount();
        await fs.ReadFileAsync("/r.txt");
        await sim.AdvanceAsync(EventDelay);

        await sim.Bucket.PutObjectAsync("r.txt", "version two");
        var beforeDelivery = await fs.ReadFileAsync("/r.txt");
        await sim.AdvanceAsync(EventDelay);

        beforeDelivery.Should().Be("v1");
        (await fs.ReadFileAsync("/r.txt")).Should().Be("version two");
        (await fs.StatAsync("/r.txt")).Blocks.Should().BeGreaterThan(0, "the new data is on the high-performance storage");
    }

    [Fact]
    public async Task OverwriteInBucket_ReachesExpiredFileDataOnlyOnNextRead()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        await fs.WriteFileAsync("/e.txt", "old");
        await sim.AdvanceAsync(TimeSpan.FromSeconds(61) + TimeSpan.FromDays(31));
        var storage = sim.FileSystem.StorageBytes;

        await sim.Bucket.PutObjectAsync("e.txt", "brand new");
        await sim.AdvanceAsync(EventDelay);

        sim.FileSystem.StorageBytes.Should().Be(storage, "no data is fetched for a file that is not resident");
        (await fs.StatAsync("/e.txt")).Size.Should().Be(9, "metadata of accessed directories stays consistent");
        (await fs.ReadFileAsync("/e.txt")).Should().Be("brand new");
        sim.FileSystem.ReadStatistics.BucketThenImportBytes.Should().Be(9);
    }

    [Fact]
    public async Task DeleteInBucket_RemovesTheFile()
    {
        await using var sim = NewSimulation();
        await sim.Bucket.PutObjectAsync("d/gone.txt", "x");
        var fs = sim.Mount();
        await fs.ReadDirectoryAsync("/d");

        await sim.Bucket.DeleteObjectAsync("d/gone.txt");
        await sim.AdvanceAsync(EventDelay);

        (await fs.NamesAsync("/d")).Should().BeEmpty();
        sim.FileSystem.PendingExports.Should().Be(0, "a bucket-side delete is not exported back");
    }

    [Fact]
    public async Task NewKeyInAccessedDirectory_AddsTheEntry()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        await fs.MkdirAsync("/in");
        await sim.AdvanceAsync(TimeSpan.FromSeconds(61));

        await sim.Bucket.PutObjectAsync("in/new.txt", "n");
        await sim.Bucket.PutObjectAsync("in/sub/deep.txt", "d");
        await sim.AdvanceAsync(EventDelay);

        (await fs.NamesAsync("/in")).Should().Equal("new.txt", "sub");
        (await fs.ReadFileAsync("/in/sub/deep.txt")).Should().Be("d");
    }

    [Fact]
    public async Task EventInNeverAccessedDirectory_IsIgnoredUntilFirstAccess()
    {
        await using var sim = NewSimulation();
        await sim.Bucket.PutObjectAsync("cold/a.txt", "a");
        var fs = sim.Mount();
        await sim.AdvanceAsync(EventDelay);
        var inodes = sim.FileSystem.Inodes;

        await sim.Bucket.PutObjectAsync("cold/b.txt", "b");
        await sim.AdvanceAsync(EventDelay);

        sim.FileSystem.Inodes.Should().Be(inodes);
        (await fs.NamesAsync("/cold")).Should().Equal("a.txt", "b.txt");
    }

    [Fact]
    public async Task DuplicateDeliveries_ChangeNothingMore()
    {
        await using var sim = S3FilesSimulation.Create(new SimulationOptions
        {
            Bucket = new InMemoryObjectStoreOptions { Events = new BucketEventDeliveryOptions { DuplicateProbability = 1 } },
        });
        await sim.Bucket.PutObjectAsync("dup.txt", "v1");
        var fs = sim.Mount();
        await fs.ReadFileAsync("/dup.txt");

        await sim.Bucket.PutObjectAsync("dup.txt", "v2");
        await sim.Bucket.DeleteObjectAsync("dup.txt");
        await sim.Bucket.PutObjectAsync("dup.txt", "v3");
        await sim.AdvanceAsync(TimeSpan.FromMinutes(2));

        (await fs.ReadFileAsync("/dup.txt")).Should().Be("v3");
        (await sim.Bucket.VersionsAsync()).Where(v => !v.IsDeleteMarker).Should().HaveCount(3, "nothing is exported back");
        sim.FileSystem.ImportFailures.Should().Be(0);
        sim.FileSystem.LostAndFoundFiles.Should().Be(0);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public async Task OutOfOrderDeliveries_LatestVersionWins(int seed)
    {
        await using var sim = S3FilesSimulation.Create(new SimulationOptions { Seed = seed });
        await sim.Bucket.PutObjectAsync("o.txt", "v0");
        var fs = sim.Mount();
        await fs.ReadFileAsync("/o.txt");

        for (var i = 1; i <= 10; i++)
        {
            await sim.Bucket.PutObjectAsync("o.txt", $"v{i}");
        }

        await sim.Bucket.DeleteObjectAsync("o.txt");
        await sim.AdvanceAsync(EventDelay);

        (await fs.NamesAsync("/")).Should().NotContain("o.txt");
        await sim.Bucket.PutObjectAsync("o.txt", "final");
        await sim.AdvanceAsync(EventDelay);
        (await fs.ReadFileAsync("/o.txt")).Should().Be("final");
    }

    [Fact]
    public async Task EventOnDirtyFile_BucketWinsAndFileSystemCopyGoesToLostAndFound()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        await sim.ExportFileAsync(fs, "/c.txt", "v1");
        await sim.AdvanceAsync(EventDelay);
        await fs.WriteFileAsync("/c.txt", "file system edit");

        await sim.Bucket.PutObjectAsync("c.txt", "bucket edit");
        await sim.AdvanceAsync(EventDelay);

        (await fs.ReadFileAsync("/c.txt")).Should().Be("bucket edit", "the conflict is resolved when the event arrives, before the export is due");
        sim.FileSystem.LostAndFoundFiles.Should().Be(1);
        var lostDirectory = (await fs.NamesAsync("/")).Single(n => n.StartsWith(".s3files-lost+found-", StringComparison.Ordinal));
        var lost = await fs.NamesAsync("/" + lostDirectory);
        (await fs.ReadFileAsync($"/{lostDirectory}/{lost.Single()}")).Should().Be("file system edit");
    }

    [Fact]
    public async Task EventOnDirtyFile_StoreCompletingOnAnotherThread_BucketWinsWithoutDeadlock()
    {
        await using var sim = S3FilesSimulation.Create();
        var fileSystem = sim.CreateFileSystem(null, new RecordingObjectStore(sim.Bucket, getsOnAnotherThread: true), sim.Bucket.Events);
        var fs = fileSystem.Mount(new MountOptions());
        await sim.ExportFileAsync(fs, "/c.txt", "v1");
        await sim.AdvanceAsync(EventDelay);
        await fs.WriteFileAsync("/c.txt", "file system edit");

        await sim.Bucket.PutObjectAsync("c.txt", "bucket edit");
        await Task.Run(() => sim.AdvanceAsync(EventDelay).AsTask()).WaitAsync(TimeSpan.FromSeconds(30));

        (await fs.ReadFileAsync("/c.txt")).Should().Be("bucket edit");
        fileSystem.LostAndFoundFiles.Should().Be(1);
    }

    [Fact]
    public async Task DeleteEventOnDirtyFile_FileGoesToLostAndFoundAndPathDisappears()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        await sim.ExportFileAsync(fs, "/c.txt", "v1");
        await sim.AdvanceAsync(EventDelay);
        await fs.WriteFileAsync("/c.txt", "edit");

        await sim.Bucket.DeleteObjectAsync("c.txt");
        await sim.AdvanceAsync(EventDelay);

        (await fs.NamesAsync("/")).Should().NotContain("c.txt");
        sim.FileSystem.LostAndFoundFiles.Should().Be(1);
    }

    [Fact]
    public async Task DirectoryMarkerEvent_AddsDirectoryWithItsMetadata()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();

        await sim.Bucket.PutObjectAsync("team/", Array.Empty<byte>(), PosixMetadata(1000, 1000, "040750"));
        await sim.AdvanceAsync(EventDelay);

        var status = await fs.StatAsync("/team");
        (status.Type, status.Uid, status.Mode).Should().Be((FileType.Directory, 1000u, FileSystemTestKit.Octal("750")));
    }

    [Fact]
    public async Task ImportAge_CountsFromTheBucketChangeUntilApplied()
    {
        await using var sim = S3FilesSimulation.Create(new SimulationOptions
        {
            Bucket = new InMemoryObjectStoreOptions { Events = new BucketEventDeliveryOptions { MinDelay = TimeSpan.FromSeconds(3), MaxDelay = TimeSpan.FromSeconds(3) } },
        });
        var fs = sim.Mount();
        await sim.Bucket.PutObjectAsync("late.txt", "x");

        await sim.AdvanceAsync(TimeSpan.FromSeconds(3));

        sim.FileSystem.ImportAge.Should().Be(TimeSpan.FromSeconds(3));
        await sim.AdvanceAsync(TimeSpan.FromSeconds(1));
        sim.FileSystem.ImportAge.Should().Be(TimeSpan.Zero);
        (await fs.ReadFileAsync("/late.txt")).Should().Be("x");
    }

    [Fact]
    public async Task TwoFileSystemsOnOneBucket_ExportOfOneReachesTheOther()
    {
        await using var sim = NewSimulation();
        var first = sim.Mount();
        var second = sim.CreateFileSystem().Mount(new MountOptions());
        await first.WriteFileAsync("/shared.txt", "from the first");

        await sim.AdvanceAsync(TimeSpan.FromSeconds(60) + EventDelay);

        (await second.ReadFileAsync("/shared.txt")).Should().Be("from the first");
    }

    [Fact]
    public async Task OwnExports_DoNotComeBackAsChanges()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        await fs.WriteFileAsync("/own.txt", "mine");

        await sim.AdvanceAsync(TimeSpan.FromMinutes(5));

        (await sim.Bucket.VersionsAsync("own.txt")).Should().ContainSingle();
        sim.FileSystem.LostAndFoundFiles.Should().Be(0);
        (await fs.ReadFileAsync("/own.txt")).Should().Be("mine");
    }
}
