using FluentAssertions;
using S3FilesSim.Export;
using S3FilesSim.FileSystem;
using S3FilesSim.Tests.FileSystem;
using Xunit;
using static S3FilesSim.Tests.Export.ExportTestKit;

namespace S3FilesSim.Tests.Export;

// Export rate 800 files/s and 2,700 MB/s per file system; changes beyond it queue in order (PendingExports):
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-performance.html
public sealed class RateCeilingTests
{
    [Fact]
    public async Task BurstOf10000Files_DrainsOver12Point5Seconds()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        for (var i = 0; i < 10_000; i++)
        {
            await fs.WriteFileAsync($"/f{i:D5}", "x");
        }

        await sim.AdvanceAsync(TimeSpan.FromSeconds(60));
        var curve = new List<int>();
        for (var second = 0; second < 14; second++)
        {
            curve.Add(sim.FileSystem.PendingExports);
            await sim.AdvanceAsync(TimeSpan.FromSeconds(1));
        }

        curve[0].Should().BeInRange(9_199, 10_000);
        curve.Should().BeInDescendingOrder();
        curve[6].Should().BeInRange(4_399, 4_401 + 800);
        curve[12].Should().BeGreaterThan(0);
        curve[13].Should().Be(0);
        sim.Bucket.ObjectCount.Should().Be(10_000);
    }

    [Fact]
    public async Task Burst_ExportAgeGrowsWhileQueued()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        for (var i = 0; i < 4_000; i++)
        {
            await fs.WriteFileAsync($"/f{i:D4}", "x");
        }

        await sim.AdvanceAsync(TimeSpan.FromSeconds(63));

        sim.FileSystem.ExportAge.Should().BeCloseTo(TimeSpan.FromSeconds(63), TimeSpan.FromMilliseconds(10));
        sim.FileSystem.PendingExports.Should().BeInRange(1_500, 1_700);
    }

    [Fact]
    public async Task ByteCeiling_LargeFilesPacedByBytesPerSecond()
    {
        await using var sim = NewSimulation(new ExportOptions { MaxBytesPerSecond = 1_000_000 });
        var fs = sim.Mount();
        for (var i = 0; i < 3; i++)
        {
            var handle = await fs.OpenAsync($"/big{i}", OpenFlags.WriteOnly | OpenFlags.Create);
            await fs.WriteAsync(handle, new byte[1_000_000], 0);
            await fs.CloseAsync(handle);
        }

        await sim.AdvanceAsync(TimeSpan.FromSeconds(61.5));

        sim.Bucket.ObjectCount.Should().Be(2);
        sim.FileSystem.PendingExports.Should().Be(1);
    }

    [Fact]
    public async Task NoCeiling_BurstExportsAtOnce()
    {
        await using var sim = NewSimulation(new ExportOptions { MaxFilesPerSecond = null, MaxBytesPerSecond = null });
        var fs = sim.Mount();
        for (var i = 0; i < 2_000; i++)
        {
            await fs.WriteFileAsync($"/f{i:D4}", "x");
        }

        await sim.AdvanceAsync(TimeSpan.FromSeconds(60));

        sim.Bucket.ObjectCount.Should().Be(2_000);
        sim.FileSystem.PendingExports.Should().Be(0);
        sim.FileSystem.ExportAge.Should().Be(TimeSpan.Zero);
    }

    [Fact]
    public async Task Exports_RunInOrderOfReadiness()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        await fs.WriteFileAsync("/first", "1");
        await sim.AdvanceAsync(TimeSpan.FromMilliseconds(1));
        await fs.WriteFileAsync("/second", "2");
        await fs.WriteFileAsync("/first", "1 again");

        await sim.AdvanceAsync(TimeSpan.FromSeconds(61));

        var first = (await sim.Bucket.HeadObjectAsync("first"))!.LastModified;
        var second = (await sim.Bucket.HeadObjectAsync("second"))!.LastModified;
        second.Should().BeBefore(first);
    }
}
