using FluentAssertions;
using Xunit;

namespace S3FilesSim.Cli.Tests.Reporting;

/// <summary>The cost projection projects only what recurs: the storage a run leaves behind, until it expires, and the
/// bucket's versions; the run's one-off work (first import, first reads) is reported once, never scaled to a month
/// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-metering.html).</summary>
public sealed class CostProjectionTests : IDisposable
{
    private const int Files = 500;
    private const decimal GB = 1L << 30;
    private readonly TempTree _tree = new();

    public CostProjectionTests()
    {
        for (var i = 0; i < Files; i++)
        {
            _tree.File($"d{i % 10}/f{i}.txt", "small file\n");
        }
    }

    public void Dispose() => _tree.Dispose();

    [Fact]
    public async Task ReadAll_TreeReadOnce_ProjectsTheStorageItLeavesNotTheReads()
    {
        var report = await CliHarness.ExecuteAsync(new RunSettings { Source = _tree.Root, Scenario = "read-all" });

        var steady = report.Cost.SteadyState;
        steady.HighPerformanceBytes.Should().Be(Files * 10 * 1024L);    // every file read became resident, billed at least 10 KiB
        steady.ExpirationDays.Should().Be(30);
        steady.S3Bytes.Should().Be(Files * 11L);
        steady.FirstMonth.Should().Be((steady.HighPerformanceBytes / GB * 0.30m) + (steady.S3Bytes!.Value / GB * 0.023m));
        steady.AfterExpiration.Should().Be(steady.S3Bytes!.Value / GB * 0.023m);
        report.Cost.OneOff.Should().BeGreaterThan(0);
        steady.FirstMonth.Should().BeLessThan(report.Cost.OneOff * 21_600 / 100, "the linear projection of 120 s of one-off work is a hundred times too high");
    }

    [Fact]
    public async Task Run_Rendered_PrintsTheOneOffCostTheMonthlyStorageAndTheAssumptions()
    {
        var (exitCode, output, _) = await CliHarness.RunAsync("run", "--source", _tree.Root, "--scenario", "walk", "--no-views");

        exitCode.Should().Be(0);
        output.Should().Contain("This run's work:").And.Contain("Storage it leaves, per 30-day month:").And.Contain("Assumes: no client activity after the run")
            .And.Contain("expires 30 days after its last access").And.NotContain("at this rate");
    }
}
