using System.Text;
using FluentAssertions;
using S3FilesSim.FileSystem;
using S3FilesSim.ObjectStorage;
using S3FilesSim.Tests.Export;
using S3FilesSim.Tests.FileSystem;
using Xunit;
using static S3FilesSim.Tests.Export.ExportTestKit;

namespace S3FilesSim.Tests.Conflicts;

// "The S3 bucket is the source of truth": the file-system version moves to lost+found and the bucket's latest version
// takes the path. https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-synchronization.html
public sealed class ConflictTests
{
    [Fact]
    public async Task ModifiedOnBothSides_BucketWinsAndFileSystemVersionGoesToLostAndFound()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        await sim.ExportFileAsync(fs, "/report.csv", "v1");
        await fs.WriteFileAsync("/report.csv", "from the file system");
        await sim.Bucket.PutObjectAsync("report.csv", "from S3");

        await sim.AdvanceAsync(Quiet);

        (await fs.ReadFileAsync("/report.csv")).Should().Be("from S3");
        (await sim.Bucket.TextAsync("report.csv")).Should().Be("from S3");
        var lost = await LostFilesAsync(sim, fs);
        lost.Should().ContainSingle().Which.Should().MatchRegex("^[0-9a-f]{10}_report\\.csv$");
        (await fs.ReadFileAsync(LostPath(sim, lost[0]))).Should().Be("from the file system");
        sim.FileSystem.LostAndFoundFiles.Should().Be(1);
    }

    [Fact]
    public async Task LostAndFoundFile_StatusShowsKeyAndOriginalPath()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        await fs.MkdirAsync("/data");
        await sim.ExportFileAsync(fs, "/data/report.csv", "v1");
        await fs.WriteFileAsync("/data/report.csv", "fs");
        await sim.Bucket.PutObjectAsync("data/report.csv", "s3");

        await sim.AdvanceAsync(Quiet);

        var lost = await LostFilesAsync(sim, fs);
        (await fs.StatusAsync(LostPath(sim, lost[0]))).Should().Be($"S3Key: s3://{sim.Bucket.BucketName}/data/report.csv\nFilePath: /data/report.csv\n");
    }

    [Fact]
    public async Task ModifiedOnFileSystem_DeletedInBucket_PathDisappearsAndStatusKeyIsEmpty()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        await sim.ExportFileAsync(fs, "/a.txt", "v1");
        await fs.WriteFileAsync("/a.txt", "fs");
        await sim.Bucket.DeleteObjectAsync("a.txt");

        await sim.AdvanceAsync(Quiet);

        await ((Func<Task>)(() => fs.StatAsync("/a.txt").AsTask())).WithErrno(Errno.ENOENT);
        var lost = await LostFilesAsync(sim, fs);
        (await fs.StatusAsync(LostPath(sim, lost[0]))).Should().Be("S3Key: \nFilePath: /a.txt\n");
    }

    [Fact]
    public async Task NewFileOnBothSides_BucketObjectWins()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        await fs.WriteFileAsync("/a.txt", "fs");
        await sim.Bucket.PutObjectAsync("a.txt", "s3");

        await sim.AdvanceAsync(Quiet);

        (await fs.ReadFileAsync("/a.txt")).Should().Be("s3");
        sim.FileSystem.LostAndFoundFiles.Should().Be(1);
        (await sim.Bucket.VersionsAsync("a.txt")).Should().ContainSingle();
    }

    [Fact]
    public async Task ConflictingFile_KeepsOwnerAndModeInLostAndFound()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        await fs.WriteFileAsync("/a.txt", "fs", FileSystemTestKit.Octal("600"));
        await fs.ChownAsync("/a.txt", 1000, 1000);
        await sim.Bucket.PutObjectAsync("a.txt", "s3");

        await sim.AdvanceAsync(Quiet);

        var lost = await LostFilesAsync(sim, fs);
        var status = await fs.StatAsync(LostPath(sim, lost[0]));
        status.Uid.Should().Be(1000u);
        status.Mode.Should().Be(FileSystemTestKit.Octal("600"));
    }

    [Fact]
    public async Task ImportedWinner_TakesPosixMetadataFromTheObject()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        await fs.WriteFileAsync("/a.txt", "fs");
        var metadata = new Dictionary<string, string> { ["file-owner"] = "7", ["file-group"] = "8", ["file-permissions"] = "0100640" };
        await sim.Bucket.PutObjectAsync("a.txt", "s3"u8.ToArray(), metadata);

        await sim.AdvanceAsync(Quiet);

        var status = await fs.StatAsync("/a.txt");
        (status.Uid, status.Gid, status.Mode).Should().Be((7u, 8u, FileSystemTestKit.Octal("640")));
    }

    // Decision (docs/SEMANTICS.md): deleted on the file system, changed in S3 → the S3 version comes back.
    [Fact]
    public async Task DeletedOnFileSystem_ChangedInBucket_ComesBackWithBucketContent()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        await sim.ExportFileAsync(fs, "/a.txt", "v1");
        await fs.UnlinkAsync("/a.txt");
        await sim.Bucket.PutObjectAsync("a.txt", "changed in S3");

        await sim.AdvanceAsync(Quiet);

        (await fs.ReadFileAsync("/a.txt")).Should().Be("changed in S3");
        (await sim.Bucket.TextAsync("a.txt")).Should().Be("changed in S3");
        sim.FileSystem.LostAndFoundFiles.Should().Be(0);
    }

    [Fact]
    public async Task WithoutConditionalWrites_HeadCompareDetectsTheConflict()
    {
        await using var sim = S3FilesSimulation.Create();
        var store = new RecordingObjectStore(sim.Bucket, conditionalWrites: false);
        var fileSystem = sim.CreateFileSystem(null, store);
        var fs = fileSystem.Mount(new MountOptions { User = PosixUser.Root });
        await sim.ExportFileAsync(fs, "/a.txt", "v1");
        await fs.WriteFileAsync("/a.txt", "fs");
        await sim.Bucket.PutObjectAsync("a.txt", "s3");

        await sim.AdvanceAsync(Quiet);

        (await fs.ReadFileAsync("/a.txt")).Should().Be("s3");
        fileSystem.LostAndFoundFiles.Should().Be(1);
        store.Heads.Should().BeGreaterThan(0);
    }

    [Fact]
    public async Task ResolveBucketChange_DirtyEntryChangedInBucket_ResolvesAtOnce()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        await sim.ExportFileAsync(fs, "/a.txt", "v1");
        await fs.WriteFileAsync("/a.txt", "fs");
        await sim.Bucket.PutObjectAsync("a.txt", "s3");
        var inode = sim.FileSystem.Namespace.Root.Directory.Find("a.txt")!;

        var resolved = await sim.FileSystem.Revalidation.ResolveBucketChangeAsync(inode);

        resolved.Should().BeTrue();
        (await fs.ReadFileAsync("/a.txt")).Should().Be("s3");
        sim.FileSystem.PendingExports.Should().Be(0);
    }

    [Fact]
    public async Task ResolveBucketChange_DirtyEntryDeletedInBucket_PathDisappears()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        await sim.ExportFileAsync(fs, "/a.txt", "v1");
        await fs.WriteFileAsync("/a.txt", "fs");
        await sim.Bucket.DeleteObjectAsync("a.txt");
        var inode = sim.FileSystem.Namespace.Root.Directory.Find("a.txt")!;

        var resolved = await sim.FileSystem.Revalidation.ResolveBucketChangeAsync(inode);

        resolved.Should().BeTrue();
        await ((Func<Task>)(() => fs.StatAsync("/a.txt").AsTask())).WithErrno(Errno.ENOENT);
        sim.FileSystem.LostAndFoundFiles.Should().Be(1);
    }

    [Fact]
    public async Task ResolveBucketChange_CleanEntry_DoesNothing()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        await sim.ExportFileAsync(fs, "/a.txt", "v1");
        var inode = sim.FileSystem.Namespace.Root.Directory.Find("a.txt")!;

        var resolved = await sim.FileSystem.Revalidation.ResolveBucketChangeAsync(inode);

        resolved.Should().BeFalse();
        sim.FileSystem.LostAndFoundFiles.Should().Be(0);
    }

    [Fact]
    public async Task OpenHandleOnLosingFile_KeepsReadingTheFileSystemVersion()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        await fs.WriteFileAsync("/a.txt", "fs");
        var handle = await fs.OpenAsync("/a.txt", OpenFlags.ReadOnly);
        await sim.Bucket.PutObjectAsync("a.txt", "s3");

        await sim.AdvanceAsync(Quiet);

        (await fs.ReadOpenAsync(handle)).Should().Be("fs");
        (await fs.ReadFileAsync("/a.txt")).Should().Be("s3");
    }

    internal static async Task<IReadOnlyList<string>> LostFilesAsync(S3FilesSimulation sim, IFileSystem fs) =>
        [.. (await fs.ReadDirectoryAsync("/" + LostDirectory(sim))).Select(e => e.Name)];

    internal static string LostDirectory(S3FilesSimulation sim) => ".s3files-lost+found-" + sim.FileSystem.FileSystemId;

    internal static string LostPath(S3FilesSimulation sim, string name) => "/" + LostDirectory(sim) + "/" + name;

    internal static async Task<string> MakeConflictAsync(S3FilesSimulation sim, IFileSystem fs, string name)
    {
        await fs.WriteFileAsync("/" + name, "fs");
        await sim.Bucket.PutObjectAsync(new PutObjectRequest { Key = name, Content = ObjectContent.FromBytes(Encoding.UTF8.GetBytes("s3")) });
        await sim.AdvanceAsync(Quiet);
        return LostPath(sim, (await LostFilesAsync(sim, fs))[0]);
    }
}
