using FluentAssertions;
using S3FilesSim.FileSystem;
using S3FilesSim.ObjectStorage;
using S3FilesSim.Tests.Export;
using S3FilesSim.Tests.FileSystem;
using Xunit;
using static S3FilesSim.Tests.Conflicts.ConflictTests;
using static S3FilesSim.Tests.Export.ExportTestKit;

namespace S3FilesSim.Tests.Conflicts;

// Renames racing with another client's writes; the bucket stays the source of truth and nothing is lost.
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-synchronization.html
// Regressions found by the reference-model random tests (tests/S3FilesSim.Tests/Reliability/Model).
public sealed class RenameConflictTests
{
    [Fact]
    public async Task RenamedFile_ConflictsAtNewKey_OldKeyIsDeleted()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        await sim.ExportFileAsync(fs, "/a.txt", "fs");
        await fs.RenameAsync("/a.txt", "/b.txt");
        await sim.Bucket.PutObjectAsync("b.txt", "s3");

        await sim.AdvanceAsync(Quiet);
        await sim.AdvanceAsync(Quiet);

        (await sim.Bucket.KeysAsync()).Should().Equal("b.txt");
        (await fs.ReadFileAsync("/b.txt")).Should().Be("s3");
        (await OnlyLostFileAsync(sim, fs)).Should().Be("fs");
    }

    [Fact]
    public async Task RenamedOntoKeyWrittenThroughS3_EventArrives_BucketWinsWithoutWaitingForTheExport()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        await sim.ExportFileAsync(fs, "/a.txt", "fs");
        await sim.Bucket.PutObjectAsync("b.txt", "s3");
        await fs.RenameAsync("/a.txt", "/b.txt");

        await sim.AdvanceAsync(TimeSpan.FromSeconds(10));

        (await fs.ReadFileAsync("/b.txt")).Should().Be("s3");
        (await OnlyLostFileAsync(sim, fs)).Should().Be("fs");
        (await sim.Bucket.KeysAsync()).Should().Equal("b.txt");
    }

    [Fact]
    public async Task RenamedFile_OldKeyRewrittenThroughS3_NewVersionStaysAndComesBack()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        await sim.ExportFileAsync(fs, "/a.txt", "fs");
        await fs.RenameAsync("/a.txt", "/b.txt");
        await sim.Bucket.PutObjectAsync("a.txt", "s3");

        await sim.AdvanceAsync(Quiet);
        await sim.AdvanceAsync(Quiet);

        (await sim.Bucket.TextAsync("a.txt")).Should().Be("s3");
        (await fs.ReadFileAsync("/a.txt")).Should().Be("s3");
        (await sim.Bucket.TextAsync("b.txt")).Should().Be("fs");
    }

    [Fact]
    public async Task RenamedFile_BaseRewrittenThenNewKeyEvent_BucketVersionTakesTheOldPath()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        await sim.ExportFileAsync(fs, "/a.txt", "fs");
        await fs.RenameAsync("/a.txt", "/b.txt");
        await sim.Bucket.DeleteObjectAsync("b.txt");
        await sim.Bucket.PutObjectAsync("a.txt", "s3");

        await sim.AdvanceAsync(Quiet);
        await sim.AdvanceAsync(Quiet);

        (await fs.ReadFileAsync("/a.txt")).Should().Be("s3");
        await ((Func<Task>)(() => fs.StatAsync("/b.txt").AsTask())).WithErrno(Errno.ENOENT);
        (await OnlyLostFileAsync(sim, fs)).Should().Be("fs");
    }

    [Fact]
    public async Task RenamedFileReplacedByAnother_OldKeyRewrittenThroughS3_NewVersionComesBackAtOldPath()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        await fs.WriteFileAsync("/a.txt", "first");
        await sim.ExportFileAsync(fs, "/c.txt", "second");
        await fs.RenameAsync("/a.txt", "/b.txt");
        await fs.RenameAsync("/c.txt", "/b.txt");
        await sim.Bucket.PutObjectAsync("a.txt", "s3");

        await sim.AdvanceAsync(Quiet);
        await sim.AdvanceAsync(Quiet);

        (await fs.ReadFileAsync("/a.txt")).Should().Be("s3");
        (await sim.Bucket.KeysAsync()).Should().Equal("a.txt", "b.txt");
    }

    [Fact]
    public async Task RenamedDirectory_ChildKeyRewrittenThroughS3_ComesBackWithItsDirectory()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        await fs.MkdirAsync("/x");
        await sim.ExportFileAsync(fs, "/x/a", "fs");
        await fs.RenameAsync("/x", "/y");
        await sim.Bucket.PutObjectAsync("x/a", "s3");

        await sim.AdvanceAsync(Quiet);
        await sim.AdvanceAsync(Quiet);

        (await fs.ReadFileAsync("/x/a")).Should().Be("s3");
        (await fs.ReadFileAsync("/y/a")).Should().Be("fs");
    }

    [Fact]
    public async Task NonResidentFile_MovedToLostAndFound_KeepsItsBytes()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        var original = new byte[200_000];
        new Random(7).NextBytes(original);
        await sim.Bucket.PutObjectAsync("big.bin", original);
        await sim.AdvanceAsync(Quiet);
        await fs.RenameAsync("/big.bin", "/moved.bin");
        await sim.Bucket.PutObjectAsync("moved.bin", "s3");

        await sim.AdvanceAsync(Quiet);

        var lost = LostPath(sim, (await LostFilesAsync(sim, fs))[0]);
        (await fs.ReadAllBytesAsync(lost)).Should().Equal(original);
    }

    /// <summary>Reads the only file in lost+found.</summary>
    internal static async Task<string> OnlyLostFileAsync(S3FilesSimulation sim, IFileSystem fs) =>
        await fs.ReadFileAsync(LostPath(sim, (await LostFilesAsync(sim, fs)).Single()));
}
