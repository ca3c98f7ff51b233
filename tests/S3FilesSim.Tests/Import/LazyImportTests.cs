using FluentAssertions;
using S3FilesSim.FileSystem;
using S3FilesSim.ObjectStorage;
using S3FilesSim.Tests.FileSystem;
using Xunit;
using static S3FilesSim.Tests.Import.ImportTestKit;

namespace S3FilesSim.Tests.Import;

// Lazy import: "When you first access a directory ... S3 Files imports the metadata of all files in that directory"
// and the data of files smaller than the import size limit.
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-synchronization.html
public sealed class LazyImportTests
{
    private static readonly TimeSpan Seconds5 = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task FirstListing_OneThousandObjects_ImportsAllMetadataAndOnlySmallFilesData()
    {
        await using var sim = NewSimulation();
        for (var i = 0; i < 1000; i++)
        {
            await sim.Bucket.PutAsync($"logs/f{i:D4}", i % 10 == 0 ? 200_000 : 1_000);
        }

        var fs = sim.Mount();
        var before = sim.FileSystem.Inodes;

        var names = await fs.ReadDirectoryAsync("/logs");
        await sim.AdvanceAsync(Seconds5);

        names.Should().HaveCount(1000);
        (sim.FileSystem.Inodes - before).Should().Be(1000);
        (await fs.StatAsync("/logs/f0001")).Size.Should().Be(1_000);
        (await fs.StatAsync("/logs/f0000")).Size.Should().Be(200_000);
        (await fs.StatAsync("/logs/f0001")).Blocks.Should().BeGreaterThan(0, "a small file's data is imported");
        (await fs.StatAsync("/logs/f0000")).Blocks.Should().Be(0, "a file of 128 KiB or more stays metadata-only");
    }

    [Fact]
    public async Task Mount_DoesNotListSubdirectoriesUntilAccessed()
    {
        await using var sim = NewSimulation();
        await sim.Bucket.PutAsync("a/b/c.txt", 10);
        var fs = sim.Mount();
        var inodesAfterMount = sim.FileSystem.Inodes;

        await fs.StatAsync("/a");

        (await fs.NamesAsync("/")).Should().Equal("a");
        sim.FileSystem.Inodes.Should().Be(inodesAfterMount, "stat of /a does not list it");
        (await fs.NamesAsync("/a")).Should().Equal("b");
        sim.FileSystem.Inodes.Should().Be(inodesAfterMount + 1);
    }

    [Fact]
    public async Task OpenDeepPath_ListsEachDirectoryOnTheWay()
    {
        await using var sim = NewSimulation();
        await sim.Bucket.PutObjectAsync("a/b/c.txt", "deep");
        var fs = sim.Mount();

        var text = await fs.ReadFileAsync("/a/b/c.txt");

        text.Should().Be("deep");
    }

    [Fact]
    public async Task ObjectWithoutPosixMetadata_IsRootOwned0644AndItsDirectory0755()
    {
        await using var sim = NewSimulation();
        await sim.Bucket.PutObjectAsync("d/plain.txt", "x");
        var fs = sim.Mount();

        var file = await fs.StatAsync("/d/plain.txt");
        var directory = await fs.StatAsync("/d");

        (file.Uid, file.Gid, file.Mode, file.Type).Should().Be((0u, 0u, FileSystemTestKit.Octal("644"), FileType.RegularFile));
        (directory.Uid, directory.Gid, directory.Mode, directory.Type).Should().Be((0u, 0u, FileSystemTestKit.Octal("755"), FileType.Directory));
    }

    [Fact]
    public async Task ObjectWithPosixMetadata_GetsOwnerGroupModeAndMtime()
    {
        await using var sim = NewSimulation();
        var metadata = PosixMetadata(1000, 2000, "0100600");
        metadata["file-mtime"] = "1700000000123456789ns";
        await sim.Bucket.PutObjectAsync("own.txt", "x"u8.ToArray(), metadata);
        var fs = sim.Mount();

        var status = await fs.StatAsync("/own.txt");

        (status.Uid, status.Gid, status.Mode).Should().Be((1000u, 2000u, FileSystemTestKit.Octal("600")));
        status.ModificationTime.TotalNanoseconds.Should().Be(1_700_000_000_123_456_789);
    }

    [Fact]
    public async Task DirectoryMarkerWithMetadata_GivesTheDirectoryOwnerAndMode()
    {
        await using var sim = NewSimulation();
        await sim.Bucket.PutObjectAsync("team/", Array.Empty<byte>(), PosixMetadata(1000, 1000, "040770"));
        await sim.Bucket.PutObjectAsync("team/x", "x");
        var fs = sim.Mount();

        var status = await fs.StatAsync("/team");

        (status.Uid, status.Gid, status.Mode, status.Type).Should().Be((1000u, 1000u, FileSystemTestKit.Octal("770"), FileType.Directory));
        (await fs.NamesAsync("/team")).Should().Equal("x");
    }

    [Fact]
    public async Task SymlinkObject_AppearsAsSymlinkWithBodyAsTarget()
    {
        await using var sim = NewSimulation();
        await sim.Bucket.PutObjectAsync("target.txt", "t");
        await sim.Bucket.PutObjectAsync("link", "target.txt"u8.ToArray(), PosixMetadata(0, 0, "0120777"));
        var fs = sim.Mount();

        var target = await fs.ReadLinkAsync("/link");

        target.Should().Be("target.txt");
        (await fs.LstatAsync("/link")).Type.Should().Be(FileType.SymbolicLink);
        (await fs.ReadFileAsync("/link")).Should().Be("t");
    }

    [Fact]
    public async Task ImportedEntries_AreCleanAndRecordTheirBaseVersion()
    {
        await using var sim = NewSimulation();
        var written = await sim.Bucket.PutObjectAsync("base.txt", "b");
        var fs = sim.Mount();
        await fs.StatAsync("/base.txt");

        await sim.AdvanceAsync(TimeSpan.FromMinutes(2));

        sim.FileSystem.PendingExports.Should().Be(0);
        (await sim.Bucket.ListObjectVersionsAsync(new ListObjectVersionsRequest { Prefix = "base.txt" })).Versions.Should().ContainSingle()
            .Which.VersionId.Should().Be(written.VersionId!.Value, "an imported entry is not exported back");
    }

    [Fact]
    public async Task ChmodOfImportedFile_ExportsConditionallyOnItsBase()
    {
        await using var sim = NewSimulation();
        await sim.Bucket.PutObjectAsync("m.txt", "body");
        var fs = sim.Mount();

        await fs.ChmodAsync("/m.txt", FileSystemTestKit.Octal("600"));
        await sim.AdvanceAsync(TimeSpan.FromMinutes(2));

        var head = await sim.Bucket.HeadObjectAsync("m.txt");
        head!.Metadata["file-permissions"].Should().Be("0100600");
        (await sim.Bucket.GetObjectBytesAsync("m.txt")).Should().Equal("body"u8.ToArray());
        sim.FileSystem.LostAndFoundFiles.Should().Be(0);
    }

    [Fact]
    public async Task DirectoryCreatedOnFileSystem_IsNotListedFromTheBucket()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        await fs.MkdirAsync("/new");
        await sim.Bucket.PutObjectAsync("new/late.txt", "x");

        var names = await fs.NamesAsync("/new");

        names.Should().BeEmpty("a directory created on the file system counts as accessed");
    }

    [Fact]
    public async Task ScopePrefix_KeysArePrefixPlusPath()
    {
        await using var sim = NewSimulation(prefix: "scope/");
        await sim.Bucket.PutObjectAsync("scope/in.txt", "in");
        await sim.Bucket.PutObjectAsync("out.txt", "out");
        var fs = sim.Mount();

        var names = await fs.NamesAsync("/");

        names.Should().Equal("in.txt");
        (await fs.ReadFileAsync("/in.txt")).Should().Be("in");
    }

    [Fact]
    public async Task ManyPages_AllEntriesImported()
    {
        await using var sim = NewSimulation();
        for (var i = 0; i < 2500; i++)
        {
            await sim.Bucket.PutAsync($"p/{i}", 0);
        }

        var fs = sim.Mount();

        var names = await fs.ReadDirectoryAsync("/p");

        names.Should().HaveCount(2500);
    }

    [Fact]
    public async Task WriteToMetadataOnlyFile_KeepsTheRestOfTheBucketData()
    {
        await using var sim = NewSimulation();
        await sim.Bucket.PutAsync("big", 300_000);
        var expected = await sim.Bucket.ExpectedAsync("big");
        var fs = sim.Mount();
        var handle = await fs.OpenAsync("/big", OpenFlags.ReadWrite);

        await fs.WriteAsync(handle, new byte[] { 1, 2, 3 }, 10);
        await fs.CloseAsync(handle);

        expected[10] = 1;
        expected[11] = 2;
        expected[12] = 3;
        (await fs.ReadAllBytesAsync("/big")).Should().Equal(expected);
    }
}
