using FluentAssertions;
using S3FilesSim.Cli.Reporting;
using Xunit;

namespace S3FilesSim.Cli.Tests.Scenarios;

/// <summary>Observing is free: the report's file-system and bucket views are read through the file system's observer and
/// the bucket itself, so a run with them reports exactly what the same run without them reports.</summary>
public sealed class ObservationTests : IDisposable
{
    private readonly TempTree _tree = new();

    public ObservationTests()
    {
        for (var i = 0; i < 30; i++)
        {
            _tree.File($"inbox/sub{i % 3}/doc{i}.txt", $"document {i}\nwith two lines\n");
            _tree.File($"archive/y{i % 5}/old{i}.txt", $"old {i}\n");
        }

        _tree.File("big/large.bin", new byte[300_000]);
    }

    public void Dispose() => _tree.Dispose();

    [Theory]
    [InlineData("document-pipeline")]
    [InlineData("conflicts")]
    public async Task Run_WithAndWithoutViews_ReportsTheSameMetricsTimelineAndCost(string scenario)
    {
        var withViews = await CliHarness.ExecuteAsync(new RunSettings { Source = _tree.Root, Scenario = scenario });
        var withoutViews = await CliHarness.ExecuteAsync(new RunSettings { Source = _tree.Root, Scenario = scenario, Views = false });

        withViews.Snapshots.Should().NotBeEmpty().And.OnlyContain(snapshot => snapshot.FileSystem.Count > 0 && snapshot.Bucket.Count > 0);
        withoutViews.Snapshots.Should().BeEmpty();
        Measured(withViews).Should().BeEquivalentTo(Measured(withoutViews), options => options.WithStrictOrdering());
    }

    [Fact]
    public async Task Conflicts_TreeOfManyDirectories_EditsTheFirstFilesWithoutListingTheWholeTree()
    {
        var report = await CliHarness.ExecuteAsync(new RunSettings { Source = _tree.Root, Scenario = "conflicts" });

        report.Conflicts!.OverwrittenKeys.Should().Equal("archive/y0/old0.txt", "archive/y0/old20.txt", "archive/y1/old1.txt", "archive/y1/old21.txt");
        report.Snapshots[0].UnlistedDirectories.Should().Contain(["/big/", "/inbox/"]);
        report.Latency.Should().NotContain(row => row.Operation == "ReadDirectory");
    }

    private static object Measured(RunReport report) => new
    {
        report.Metrics,
        report.AlarmTransitions,
        report.Timeline.CountsByKind,
        report.Timeline.TotalEvents,
        report.Sync,
        report.ReadTiers,
        report.Latency,
        report.Cost,
        report.Documents,
        report.Conflicts,
    };
}
