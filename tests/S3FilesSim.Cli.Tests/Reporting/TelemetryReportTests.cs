using S3FilesSim.Cost;
using FluentAssertions;
using S3FilesSim.Cli.Reporting;
using S3FilesSim.Cli.Scenarios;
using S3FilesSim.FileSystem;
using Xunit;

namespace S3FilesSim.Cli.Tests.Reporting;

// The report is the library's own telemetry: https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-monitoring-cloudwatch.html
// and https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-metering.html.
public sealed class TelemetryReportTests : IDisposable
{
    private readonly TempTree _tree = new TempTree()
        .File("inbox/a.txt", "one two three\n")
        .File("inbox/b.txt", "four five")
        .File("notes/c.txt", "six");

    public void Dispose() => _tree.Dispose();

    [Fact]
    public async Task Fill_AfterTheConflictsScenario_CostLinesEqualTheLibraryCostReport()
    {
        var (simulation, report) = await RunAsync("conflicts");
        await using (simulation)
        {
            var library = simulation.FileSystem.GetCostReport();

            report.Cost.Lines.Select(l => (l.Item, l.Quantity, l.Amount)).Should().Equal(library.Lines.Select(l => (l.Description, l.Quantity, l.Amount)));
            report.Cost.Total.Should().Be(library.Total);
            report.Cost.OneOff.Should().Be(library.Total - library[CostLineKind.HighPerformanceStorage].Amount - library[CostLineKind.S3Storage].Amount);
        }
    }

    [Fact]
    public async Task Fill_AfterTheConflictsScenario_ShowsTheLostAndFoundAlarmFiredAndTheFileSystemCount()
    {
        var (simulation, report) = await RunAsync("conflicts");
        await using (simulation)
        {
            var lostAndFound = simulation.FileSystem.LostAndFoundFiles;

            lostAndFound.Should().BeGreaterThan(0);
            report.Sync.LostAndFoundFiles.Should().Be(lostAndFound);
            report.Metrics[^1].LostAndFoundFiles.Should().Be(lostAndFound);
            report.Alarms.Should().ContainSingle(a => a.AlarmName == "S3Files-LostAndFoundFiles").Which.State.Should().Be("Alarm");
            report.AlarmTransitions.Should().ContainSingle(t => t.AlarmName == "S3Files-LostAndFoundFiles" && t.NewState == "Alarm")
                .Which.VirtualSeconds.Should().Be(60);
        }
    }

    [Fact]
    public async Task Fill_AfterTheConflictsScenario_CountsTheTimelineConflictsAndMoves()
    {
        var (simulation, report) = await RunAsync("conflicts", withEvents: true);
        await using (simulation)
        {
            var conflicts = simulation.FileSystem.Timeline.Query(S3FilesSim.Telemetry.SyncEventKind.Conflict);

            report.Sync.Conflicts.Should().Be(conflicts.Count).And.BeGreaterThan(0);
            report.Timeline.CountsByKind["Conflict"].Should().Be(conflicts.Count);
            report.Timeline.Events!.Where(e => e.Kind == "Conflict").Select(e => e.Key).Should().Equal(conflicts.Select(e => e.Key));
        }
    }

    [Fact]
    public async Task Fill_AfterTheWalkScenario_HasOneMetricsRowPerMinuteAndTheCurrentOne()
    {
        var (simulation, report) = await RunAsync("walk");
        await using (simulation)
        {
            report.Metrics.Select(m => (m.VirtualSeconds, m.Complete)).Should().Equal((60, true), (120, true), (120, false));
            report.Metrics[0].MetadataReadOperations.Should().Be(simulation.FileSystem.MetricsHistory[0].MetadataReadBytes.SampleCount);
            report.Metrics[^1].Inodes.Should().Be(simulation.FileSystem.Inodes);
        }
    }

    [Fact]
    public async Task Fill_AfterTheWalkScenario_ReportsTheLibraryLatencyWithThePublishedFigures()
    {
        var (simulation, report) = await RunAsync("walk");
        await using (simulation)
        {
            var firstListings = simulation.FileSystem.Latency.GetSummary(S3FilesSim.Telemetry.OperationKind.FirstDirectoryAccess);

            report.Latency.Should().ContainSingle(r => r.Operation == "FirstDirectoryAccess")
                .Which.Should().Match<LatencyRow>(r => r.Count == firstListings.Count && r.P99Milliseconds == firstListings.P99.TotalMilliseconds && r.PublishedFigure.Contains("2,400 objects/s"));
        }
    }

    [Fact]
    public async Task Fill_WithoutEvents_LeavesTheTimelineEventsOut()
    {
        var (simulation, report) = await RunAsync("walk");
        await using (simulation)
        {
            report.Timeline.Events.Should().BeNull();
            report.Timeline.CountsByKind["Import"].Should().BeGreaterThan(0);
        }
    }

    private async Task<(S3FilesSimulation Simulation, RunReport Report)> RunAsync(string scenarioName, bool withEvents = false)
    {
        var settings = new RunSettings { Source = _tree.Root, Scenario = scenarioName };
        var simulation = S3FilesSimulation.Create();
        var load = await CorpusLoader.LoadAsync(_tree.Root, simulation.Bucket, RunProgress.Silent, CancellationToken.None);
        var report = new RunReport
        {
            Scenario = scenarioName,
            Seed = 1,
            Bucket = simulation.Bucket.BucketName,
            FileSystemId = simulation.FileSystem.FileSystemId,
            Options = new RunOptionsReport(_tree.Root, 60, 0, 0, 120),
            Load = load,
        };
        var mount = simulation.FileSystem.Mount(new MountOptions());
        var context = new ScenarioContext(simulation, simulation.FileSystem, simulation.Bucket, mount, settings, report);
        using var telemetry = new TelemetryReport(simulation.FileSystem, context.Start, () => simulation.Now);
        await ScenarioCatalog.Get(scenarioName).RunAsync(context, CancellationToken.None);
        telemetry.Fill(report, withEvents ? new TimelineSelection(new HashSet<S3FilesSim.Telemetry.SyncEventKind>(), null) : null, context.Counts.OtherClientWrites, context.Counts.OtherClientDeletes, simulation.Bucket.ObjectCount);
        return (simulation, report);
    }
}
