using FluentAssertions;
using S3FilesSim.Export;
using S3FilesSim.FileSystem;
using S3FilesSim.ObjectStorage;
using S3FilesSim.Tests.FileSystem;
using Xunit;
using static S3FilesSim.Tests.Export.ExportTestKit;

namespace S3FilesSim.Tests.Export;

public sealed class DebounceTests
{
    // https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-synchronization.html: "if you append to a file
    // every 30 seconds for 5 minutes, S3 Files starts exporting at minute 6".
    [Fact]
    public async Task Append_Every30SecondsFor5Minutes_ExportsOnceAtMinute6()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        var start = sim.Now;
        var exportTimes = new List<TimeSpan>();
        for (var i = 0; i <= 10; i++)
        {
            await fs.AppendAsync("/log.txt", $"line {i}\n");
            await sim.AdvanceAsync(TimeSpan.FromSeconds(30));
        }

        for (var second = 0; second < 120; second++)
        {
            await sim.AdvanceAsync(TimeSpan.FromSeconds(1));
            if ((await sim.Bucket.VersionsAsync("log.txt")).Count > 0 && exportTimes.Count == 0)
            {
                exportTimes.Add(sim.Now - start);
            }
        }

        var versions = await sim.Bucket.VersionsAsync("log.txt");
        versions.Should().ContainSingle();
        exportTimes.Should().Equal(TimeSpan.FromMinutes(6));
        (await sim.Bucket.TextAsync("log.txt")).Should().Be(string.Concat(Enumerable.Range(0, 11).Select(i => $"line {i}\n")));
    }

    [Fact]
    public async Task Write_BeforeCommitDelay_IsNotExported()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();

        await fs.WriteFileAsync("/a.txt", "hello");
        await sim.AdvanceAsync(TimeSpan.FromSeconds(59));

        (await sim.Bucket.HeadObjectAsync("a.txt")).Should().BeNull();
        sim.FileSystem.PendingExports.Should().Be(1);
    }

    [Fact]
    public async Task Write_AfterCommitDelay_IsExportedAndClean()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();

        await fs.WriteFileAsync("/a.txt", "hello");
        await sim.AdvanceAsync(TimeSpan.FromSeconds(60));

        (await sim.Bucket.TextAsync("a.txt")).Should().Be("hello");
        sim.FileSystem.PendingExports.Should().Be(0);
        sim.FileSystem.Namespace.Root.Directory.Find("a.txt")!.DirtySince.Should().BeNull();
    }

    [Fact]
    public async Task OpenWriteWithoutClose_IsNotAChange_NothingExported()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        await fs.WriteFileAsync("/a.txt", "one");
        await sim.AdvanceAsync(TimeSpan.FromSeconds(60));
        var handle = await fs.OpenAsync("/a.txt", OpenFlags.WriteOnly);

        await fs.WriteAsync(handle, "two"u8.ToArray(), 0);
        await sim.AdvanceAsync(TimeSpan.FromMinutes(5));

        (await sim.Bucket.TextAsync("a.txt")).Should().Be("one");
    }

    [Fact]
    public async Task Fsync_FlushesButDoesNotExportBeforeTheQuietPeriod()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        var handle = await fs.OpenAsync("/a.txt", OpenFlags.WriteOnly | OpenFlags.Create);
        await fs.WriteAsync(handle, "x"u8.ToArray(), 0);

        await fs.FsyncAsync(handle);
        await sim.AdvanceAsync(TimeSpan.FromSeconds(30));

        (await sim.Bucket.HeadObjectAsync("a.txt")).Should().BeNull();
        await sim.AdvanceAsync(TimeSpan.FromSeconds(30));
        (await sim.Bucket.TextAsync("a.txt")).Should().Be("x");
    }

    [Fact]
    public async Task MaxExportDelay_ContinuousAppends_ForcesAnExport()
    {
        await using var sim = NewSimulation(new ExportOptions { MaxExportDelay = TimeSpan.FromMinutes(2) });
        var fs = sim.Mount();

        for (var i = 0; i < 10; i++)
        {
            await fs.AppendAsync("/log.txt", "x");
            await sim.AdvanceAsync(TimeSpan.FromSeconds(30));
        }

        var versions = await sim.Bucket.VersionsAsync("log.txt");
        versions.Should().HaveCount(2);
    }

    [Fact]
    public async Task Chmod_RestartsTheQuietPeriod()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        await fs.WriteFileAsync("/a.txt", "x");
        await sim.AdvanceAsync(TimeSpan.FromSeconds(40));

        await fs.ChmodAsync("/a.txt", FileSystemTestKit.Octal("600"));
        await sim.AdvanceAsync(TimeSpan.FromSeconds(40));

        (await sim.Bucket.HeadObjectAsync("a.txt")).Should().BeNull();
        await sim.AdvanceAsync(TimeSpan.FromSeconds(20));
        (await sim.Bucket.HeadObjectAsync("a.txt"))!.Metadata["file-permissions"].Should().Be("0100600");
    }

    [Fact]
    public async Task ChildChange_LeavesAnExportedParentDirectoryClean()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        await fs.MkdirAsync("/d");
        await sim.AdvanceAsync(TimeSpan.FromSeconds(61));

        await fs.WriteFileAsync("/d/a.txt", "x");
        await fs.RenameAsync("/d/a.txt", "/d/b.txt");

        sim.FileSystem.Namespace.Root.Directory.Find("d")!.DirtySince.Should().BeNull();
        sim.FileSystem.PendingExports.Should().Be(1);
    }
}
