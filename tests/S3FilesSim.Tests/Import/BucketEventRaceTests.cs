using FluentAssertions;
using S3FilesSim.FileSystem;
using S3FilesSim.ObjectStorage;
using S3FilesSim.Tests.Export;
using S3FilesSim.Tests.FileSystem;
using Xunit;
using static S3FilesSim.Tests.Conflicts.RenameConflictTests;
using static S3FilesSim.Tests.Export.ExportTestKit;

namespace S3FilesSim.Tests.Import;

// Bucket events racing with file-system changes: the file system ends as a fresh listing of the bucket would show it
// (a directory wins over an object of the same name), and what loses on the file system goes to lost+found.
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-synchronization.html
// Regressions found by the reference-model random tests (tests/S3FilesSim.Tests/Reliability/Model).
public sealed class BucketEventRaceTests
{
    [Fact]
    public async Task KeyBelowCleanFile_Event_DirectoryReplacesTheFile()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        await sim.ExportFileAsync(fs, "/b", "file");
        await sim.Bucket.PutObjectAsync("b/x", "below");

        await sim.AdvanceAsync(Quiet);

        (await fs.ReadFileAsync("/b/x")).Should().Be("below");
        sim.FileSystem.LostAndFoundFiles.Should().Be(0);
        (await sim.Bucket.TextAsync("b")).Should().Be("file");
    }

    [Fact]
    public async Task KeyBelowUnexportedFile_Event_FileGoesToLostAndFound()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        await fs.WriteFileAsync("/b", "file");
        await sim.Bucket.PutObjectAsync("b/x", "below");

        await sim.AdvanceAsync(Quiet);

        (await fs.StatAsync("/b")).Type.Should().Be(FileType.Directory);
        (await OnlyLostFileAsync(sim, fs)).Should().Be("file");
        (await sim.Bucket.KeysAsync()).Should().Equal("b/x");
    }

    [Fact]
    public async Task KeyBelowRenamedFile_Event_OldKeyIsDeleted()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        await sim.ExportFileAsync(fs, "/a", "file");
        await fs.RenameAsync("/a", "/b");
        await sim.Bucket.PutObjectAsync("b/x", "below");

        await sim.AdvanceAsync(Quiet);
        await sim.AdvanceAsync(Quiet);

        (await sim.Bucket.KeysAsync()).Should().Equal("b/x");
        (await OnlyLostFileAsync(sim, fs)).Should().Be("file");
    }

    [Fact]
    public async Task ExportedDirectory_RemovedBeforeItsEcho_StaysRemoved()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        await fs.MkdirAsync("/b");
        await sim.AdvanceAsync(TimeSpan.FromSeconds(60.1));
        await fs.RmdirAsync("/b");

        await sim.AdvanceAsync(Quiet);
        await sim.AdvanceAsync(Quiet);

        await ((Func<Task>)(() => fs.StatAsync("/b").AsTask())).WithErrno(Errno.ENOENT);
        (await sim.Bucket.KeysAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task ChildOfRenamedDirectory_NewKeyWrittenThroughS3_ExportsWithoutFailure()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        await sim.Bucket.PutObjectAsync("a/a", "one");
        await sim.AdvanceAsync(TimeSpan.FromSeconds(59));
        await fs.RenameAsync("/a", "/x");
        await sim.Bucket.PutObjectAsync("x/a", "two");

        await sim.AdvanceAsync(Quiet);
        await sim.AdvanceAsync(Quiet);

        sim.FileSystem.ExportFailures.Should().Be(0);
        (await sim.Bucket.KeysAsync()).Should().Equal("x/", "x/a");
        (await fs.ReadFileAsync("/x/a")).Should().Be("two");
    }

    [Fact]
    public async Task OldPrefixListedAgain_BeforeRenameExported_MovedFileIsNotImportedBack()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        await fs.MkdirAsync("/b");
        await sim.ExportFileAsync(fs, "/b/f", "moved");
        await fs.RenameAsync("/b", "/a");
        await sim.Bucket.PutObjectAsync("b/new", "s3");
        await sim.AdvanceAsync(TimeSpan.FromSeconds(10));

        var names = await fs.NamesAsync("/b");

        names.Should().Equal("new");
    }

    [Fact]
    public async Task MarkerWrittenAtRenamedSubdirectoryKey_Event_SubdirectoryAndChildrenStillMove()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        await fs.MkdirAsync("/c");
        await fs.MkdirAsync("/c/c");
        await sim.ExportFileAsync(fs, "/c/c/b", "child");
        await fs.RenameAsync("/c", "/a");
        await sim.Bucket.PutObjectAsync("a/c/", "marker");

        await sim.AdvanceAsync(Quiet);
        await sim.AdvanceAsync(Quiet);

        sim.FileSystem.ExportFailures.Should().Be(0);
        (await sim.Bucket.KeysAsync()).Should().Equal("a/", "a/c/", "a/c/b");
    }

    [Fact]
    public async Task MarkerWrittenAtUnexportedDirectory_DirectoryRenamed_MarkerMovesToo()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        await sim.Bucket.PutObjectAsync("x/", "marker");
        await fs.MkdirAsync("/x");
        await sim.AdvanceAsync(TimeSpan.FromSeconds(10));

        await fs.RenameAsync("/x", "/y");
        await sim.AdvanceAsync(Quiet);
        await sim.AdvanceAsync(Quiet);

        (await sim.Bucket.KeysAsync()).Should().Equal("y/");
    }
}
