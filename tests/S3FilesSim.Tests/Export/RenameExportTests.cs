using FluentAssertions;
using S3FilesSim.ObjectStorage;
using S3FilesSim.FileSystem;
using S3FilesSim.Tests.FileSystem;
using Xunit;
using static S3FilesSim.Tests.Export.ExportTestKit;

namespace S3FilesSim.Tests.Export;

// Renames are copy + delete, per object for directories, gradual in S3:
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-synchronization.html
public sealed class RenameExportTests
{
    [Fact]
    public async Task RenameFile_CopiesToNewKeyAndDeletesOld()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        await sim.ExportFileAsync(fs, "/a.txt", "body");

        await fs.RenameAsync("/a.txt", "/b.txt");
        await sim.AdvanceAsync(Quiet);

        (await sim.Bucket.KeysAsync()).Should().Equal("b.txt");
        (await sim.Bucket.TextAsync("b.txt")).Should().Be("body");
    }

    [Fact]
    public async Task RenameFile_BeforeFirstExport_ExportsOnlyTheNewKey()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        await fs.WriteFileAsync("/a.txt", "body");

        await fs.RenameAsync("/a.txt", "/b.txt");
        await sim.AdvanceAsync(Quiet);

        (await sim.Bucket.VersionsAsync()).Select(v => v.Key).Should().Equal("b.txt");
    }

    [Fact]
    public async Task RenameOverExportedFile_LeavesOnlyTheNewContent()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        await fs.WriteFileAsync("/a.txt", "a");
        await sim.ExportFileAsync(fs, "/b.txt", "b");

        await fs.RenameAsync("/a.txt", "/b.txt");
        await sim.AdvanceAsync(Quiet);

        (await sim.Bucket.KeysAsync()).Should().Equal("b.txt");
        (await sim.Bucket.TextAsync("b.txt")).Should().Be("a");
        sim.FileSystem.LostAndFoundFiles.Should().Be(0);
    }

    [Fact]
    public async Task SwapTwoNames_UsesIntermediateKeyAndEndsSwapped()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        await fs.WriteFileAsync("/a", "A");
        await sim.ExportFileAsync(fs, "/b", "B");

        await fs.RenameAsync("/a", "/t");
        await fs.RenameAsync("/b", "/a");
        await fs.RenameAsync("/t", "/b");
        await sim.AdvanceAsync(Quiet);

        (await sim.Bucket.KeysAsync()).Should().Equal("a", "b");
        (await sim.Bucket.TextAsync("a")).Should().Be("B");
        (await sim.Bucket.TextAsync("b")).Should().Be("A");
        (await sim.Bucket.VersionsAsync()).Should().Contain(v => v.Key.Contains(".s3files-rename-"));
        sim.FileSystem.LostAndFoundFiles.Should().Be(0);
    }

    [Fact]
    public async Task SwapTwoNames_IntermediateKeyOver1024Bytes_FailsWithKeyTooLongToBreakCycle()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        var dir = "/" + new string('d', 250) + "/" + new string('e', 250) + "/" + new string('f', 250) + "/" + new string('g', 250);
        await fs.MkdirAsync(dir[..251]);
        await fs.MkdirAsync(dir[..502]);
        await fs.MkdirAsync(dir[..753]);
        await fs.MkdirAsync(dir);
        await fs.WriteFileAsync(dir + "/a", "A");
        await fs.WriteFileAsync(dir + "/b", "B");
        await sim.AdvanceAsync(Quiet);

        await fs.RenameAsync(dir + "/a", dir + "/t");
        await fs.RenameAsync(dir + "/b", dir + "/a");
        await fs.RenameAsync(dir + "/t", dir + "/b");
        await sim.AdvanceAsync(Quiet);

        (await fs.StatusAsync(dir + "/b")).Should().Contain("ExportError: KeyTooLongToBreakCycle\n");
    }

    // "S3 shows both the old and new prefixes until every object has been copied and deleted."
    [Fact]
    public async Task RenameDirectoryOf1000Files_IsGradualWithBothPrefixesVisibleMidway()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        await fs.MkdirAsync("/alpha");
        for (var i = 0; i < 1000; i++)
        {
            await fs.WriteFileAsync($"/alpha/f{i:D4}", "x");
        }

        await sim.AdvanceAsync(TimeSpan.FromSeconds(65));
        await fs.RenameAsync("/alpha", "/beta");
        await fs.WriteFileAsync("/beta/new", "not yet exported");

        await sim.AdvanceAsync(TimeSpan.FromSeconds(60.5));
        var oldMidway = (await sim.Bucket.ListObjectsV2Async(new() { Prefix = "alpha/", MaxKeys = 1000 })).KeyCount;
        var newMidway = (await sim.Bucket.ListObjectsV2Async(new() { Prefix = "beta/", MaxKeys = 1000 })).KeyCount;
        await sim.AdvanceAsync(TimeSpan.FromSeconds(5));

        oldMidway.Should().BeGreaterThan(0);
        newMidway.Should().BeGreaterThan(0);
        (await sim.Bucket.ListObjectsV2Async(new() { Prefix = "alpha/" })).KeyCount.Should().Be(0);
        sim.Bucket.ObjectCount.Should().Be(1002);
        (await sim.Bucket.TextAsync("beta/new")).Should().Be("not yet exported");
    }

    [Fact]
    public async Task RenameDirectory_ObjectWrittenToOldPrefixAfterRename_IsNotMoved()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        await fs.MkdirAsync("/alpha");
        await sim.ExportFileAsync(fs, "/alpha/a", "a");

        await fs.RenameAsync("/alpha", "/beta");
        await sim.Bucket.PutObjectAsync("alpha/late", "from S3");
        await sim.AdvanceAsync(Quiet);

        (await sim.Bucket.KeysAsync()).Should().Equal("alpha/late", "beta/", "beta/a");
    }
}
