using FluentAssertions;
using S3FilesSim.FileSystem;
using S3FilesSim.ObjectStorage;
using S3FilesSim.Tests.FileSystem;
using Xunit;
using static S3FilesSim.Tests.Export.ExportTestKit;

namespace S3FilesSim.Tests.Export;

// What each file operation turns into in the bucket:
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-synchronization.html
public sealed class ExportWriteTests
{
    [Fact]
    public async Task Create_PutsObjectWithPosixMetadata()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        await fs.WriteFileAsync("/a.txt", "hello");
        await fs.ChownAsync("/a.txt", 1000, 1000);
        var status = await fs.StatAsync("/a.txt");

        await sim.AdvanceAsync(Quiet);

        var head = (await sim.Bucket.HeadObjectAsync("a.txt"))!;
        head.Metadata["file-owner"].Should().Be("1000");
        head.Metadata["file-group"].Should().Be("1000");
        head.Metadata["file-permissions"].Should().Be("0100644");
        head.Metadata["file-mtime"].Should().Be($"{status.ModificationTime.TotalNanoseconds}ns");
        head.Metadata["file-btime"].Should().Be($"{status.BirthTime.TotalNanoseconds}ns");
    }

    [Fact]
    public async Task Modify_AddsNewVersionOfSameKey()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        await sim.ExportFileAsync(fs, "/a.txt", "one");

        await fs.WriteFileAsync("/a.txt", "two");
        await sim.AdvanceAsync(Quiet);

        (await sim.Bucket.VersionsAsync("a.txt")).Should().HaveCount(2);
        (await sim.Bucket.TextAsync("a.txt")).Should().Be("two");
    }

    [Fact]
    public async Task Unlink_AddsDeleteMarker()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        await sim.ExportFileAsync(fs, "/a.txt", "one");

        await fs.UnlinkAsync("/a.txt");
        await sim.AdvanceAsync(Quiet);

        var versions = await sim.Bucket.VersionsAsync("a.txt");
        versions.Should().HaveCount(2);
        versions.Single(v => v.IsLatest).IsDeleteMarker.Should().BeTrue();
    }

    [Fact]
    public async Task CreateThenUnlinkBeforeExport_WritesNothing()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        await fs.WriteFileAsync("/a.txt", "one");

        await fs.UnlinkAsync("/a.txt");
        await sim.AdvanceAsync(Quiet);

        (await sim.Bucket.VersionsAsync()).Should().BeEmpty();
        sim.FileSystem.PendingExports.Should().Be(0);
    }

    [Fact]
    public async Task Chown_ResidentFile_PutsNewVersionWithSameBody()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        await sim.ExportFileAsync(fs, "/a.txt", "body");

        await fs.ChownAsync("/a.txt", 42, 43);
        await sim.AdvanceAsync(Quiet);

        (await sim.Bucket.VersionsAsync("a.txt")).Should().HaveCount(2);
        var head = (await sim.Bucket.HeadObjectAsync("a.txt"))!;
        head.Metadata["file-owner"].Should().Be("42");
        head.Metadata["file-group"].Should().Be("43");
        (await sim.Bucket.TextAsync("a.txt")).Should().Be("body");
    }

    [Fact]
    public async Task Chmod_NonResidentFile_CopiesOntoItselfWithNewMetadata()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        await sim.ExportFileAsync(fs, "/a.txt", "body");
        lock (sim.FileSystem.Namespace.Gate)
        {
            sim.FileSystem.Namespace.Root.Directory.Find("a.txt")!.Resident = false;
        }

        await fs.ChmodAsync("/a.txt", FileSystemTestKit.Octal("640"));
        await sim.AdvanceAsync(Quiet);

        (await sim.Bucket.VersionsAsync("a.txt")).Should().HaveCount(2);
        (await sim.Bucket.HeadObjectAsync("a.txt"))!.Metadata["file-permissions"].Should().Be("0100640");
        (await sim.Bucket.TextAsync("a.txt")).Should().Be("body");
    }

    [Fact]
    public async Task Put_DoesNotKeepCustomMetadataOfPreviousVersion()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        await sim.ExportFileAsync(fs, "/a.txt", "one");
        var head = (await sim.Bucket.HeadObjectAsync("a.txt"))!;
        var custom = new Dictionary<string, string>(head.Metadata) { ["color"] = "blue" };
        var put = await sim.Bucket.PutObjectAsync(new PutObjectRequest { Key = "a.txt", Content = ObjectContent.FromString("one"), Metadata = custom });
        lock (sim.FileSystem.Namespace.Gate)
        {
            var inode = sim.FileSystem.Namespace.Root.Directory.Find("a.txt")!;
            inode.ETag = put.ETag;
            inode.VersionId = put.VersionId;
        }

        await fs.WriteFileAsync("/a.txt", "two");
        await sim.AdvanceAsync(Quiet);

        (await sim.Bucket.HeadObjectAsync("a.txt"))!.Metadata.Should().NotContainKey("color");
    }

    [Fact]
    public async Task Mkdir_PutsZeroByteMarkerWithDirectoryMode()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();

        await fs.MkdirAsync("/docs");
        await sim.AdvanceAsync(Quiet);

        var head = (await sim.Bucket.HeadObjectAsync("docs/"))!;
        head.ContentLength.Should().Be(0);
        head.Metadata["file-permissions"].Should().Be("0040755");
    }

    [Fact]
    public async Task Chmod_ImportedMarkerHoldingBytes_KeepsTheBytesWithNewMetadata()
    {
        // A dir/ marker may hold content, which S3 Files keeps when its metadata is rewritten:
        // https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-posix-permissions.html
        await using var sim = NewSimulation();
        await sim.Bucket.PutObjectAsync(new PutObjectRequest
        {
            Key = "docs/",
            Content = ObjectContent.FromString("marker body"),
            Metadata = new Dictionary<string, string> { ["file-permissions"] = "0040755" },
        });
        var fs = sim.Mount();
        (await fs.StatAsync("/docs")).Type.Should().Be(FileType.Directory);

        await fs.ChmodAsync("/docs", UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        await sim.AdvanceAsync(Quiet);

        var head = (await sim.Bucket.HeadObjectAsync("docs/"))!;
        head.Metadata["file-permissions"].Should().Be("0040700");
        (await sim.Bucket.GetObjectBytesAsync("docs/")).Should().Equal("marker body"u8.ToArray());
    }

    [Fact]
    public async Task Rmdir_DeletesTheMarker()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        await fs.MkdirAsync("/docs");
        await sim.AdvanceAsync(Quiet);

        await fs.RmdirAsync("/docs");
        await sim.AdvanceAsync(Quiet);

        (await sim.Bucket.HeadObjectAsync("docs/")).Should().BeNull();
        (await sim.Bucket.VersionsAsync("docs/")).Should().HaveCount(2);
    }

    [Fact]
    public async Task Symlink_PutsTargetAsBodyWithLinkTypeBits()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();

        await fs.SymlinkAsync("../target/file", "/link");
        await sim.AdvanceAsync(Quiet);

        (await sim.Bucket.TextAsync("link")).Should().Be("../target/file");
        (await sim.Bucket.HeadObjectAsync("link"))!.Metadata["file-permissions"].Should().Be("0120777");
    }

    [Fact]
    public async Task ScopedFileSystem_PrefixesKeys()
    {
        await using var sim = NewSimulation(prefix: "team/");
        var fs = sim.Mount();
        await fs.MkdirAsync("/d");

        await fs.WriteFileAsync("/d/a.txt", "x");
        await sim.AdvanceAsync(Quiet);

        (await sim.Bucket.KeysAsync()).Should().Equal("team/d/", "team/d/a.txt");
    }

    [Fact]
    public async Task Export_RecordsBaseVersionAndETagOnTheInode()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        await fs.WriteFileAsync("/a.txt", "x");

        await sim.AdvanceAsync(Quiet);

        var head = (await sim.Bucket.HeadObjectAsync("a.txt"))!;
        var inode = sim.FileSystem.Namespace.Root.Directory.Find("a.txt")!;
        inode.VersionId.Should().Be(head.VersionId);
        inode.ETag.Should().Be(head.ETag);
    }
}
