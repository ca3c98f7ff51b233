using FluentAssertions;
using Xunit;

namespace S3FilesSim.Cli.Tests.Reporting;

/// <summary>The report's metrics as CloudWatch shows them: a backlog inside a minute shows in that minute's Maximum, and a
/// first listing is timed as the import it is
/// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-monitoring-cloudwatch.html).</summary>
public sealed class MetricsReportTests : IDisposable
{
    private const int Documents = 1_200;
    private readonly TempTree _tree = new();

    public MetricsReportTests()
    {
        for (var i = 0; i < Documents; i++)
        {
            _tree.File($"inbox/d{i:D4}.txt", "a document\n");
        }
    }

    public void Dispose() => _tree.Dispose();

    [Fact]
    public async Task DocumentPipeline_ExportsThatDrainInsideTheSecondMinute_ShowInItsMaximum()
    {
        var report = await CliHarness.ExecuteAsync(new RunSettings { Source = _tree.Root, Duration = TimeSpan.FromSeconds(120) });

        var second = report.Metrics.Single(period => period.Complete && period.VirtualSeconds == 120);
        second.PendingExports.Should().BeGreaterThanOrEqualTo(2 * Documents);    // a .meta.json and a moved document each
        second.ExportAge.Should().BeGreaterThanOrEqualTo(60);
        report.Sync.PendingExports.Should().Be(0);
    }

    // docs/SEMANTICS.md "Modelled latency": the first access of a directory imports its entries at 2,400 objects/s.
    [Fact]
    public async Task Walk_DirectoryOfManyEntries_TimesItsFirstListingAsFirstDirectoryAccess()
    {
        var report = await CliHarness.ExecuteAsync(new RunSettings { Source = _tree.Root, Scenario = "walk" });

        var first = report.Latency.Single(row => row.Operation == "FirstDirectoryAccess");
        first.Count.Should().Be(2);    // the root and inbox/
        first.MaxMilliseconds.Should().BeApproximately(8 + (Documents * 1000.0 / 2400), 10);
        report.Latency.Should().NotContain(row => row.Operation == "ReadDirectory");
    }
}
