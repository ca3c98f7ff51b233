using System.Text.Json;
using FluentAssertions;
using S3FilesSim.FileSystem;
using S3FilesSim.ObjectStorage;
using S3FilesSim.Telemetry;
using S3FilesSim.Time;
using Xunit;
using static S3FilesSim.Tests.FileSystem.FileSystemTestKit;

namespace S3FilesSim.Tests.Telemetry;

// CloudWatch statistics of a period are computed from every value the period saw, so a backlog that built up and drained
// inside one minute shows in that minute's Maximum
// (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/cloudwatch_concepts.html#Statistic,
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-monitoring-cloudwatch.html).
public sealed class GaugeStatisticsTests
{
    private const int Files = 4_000;

    [Fact]
    public async Task MetricsHistory_BacklogThatDrainsInsideAMinute_ShowsInThatMinutesMaximum()
    {
        await using var sim = S3FilesSimulation.Create();
        var fs = sim.Mount();
        for (var i = 0; i < Files; i++)
        {
            await fs.WriteFileAsync($"/f{i}.txt", "x");
        }

        await sim.AdvanceAsync(TimeSpan.FromMinutes(2));

        var minute = sim.FileSystem.MetricsHistory[1];    // 60 s to 120 s: the 4,000 exports run from 60 s to 65 s at 800/s
        minute.PendingExports.Should().Be(0);
        minute.ExportAge.Should().Be(0);
        minute.GetValue(MetricDefinitions.PendingExports, MetricStatistic.Maximum).Should().Be(Files);
        minute.GetValue(MetricDefinitions.ExportAge, MetricStatistic.Maximum).Should().BeInRange(64, 65);
        minute.GetValue(MetricDefinitions.PendingExports, MetricStatistic.Minimum).Should().Be(0);
        minute.GaugeStatistics[MetricDefinitions.PendingExports].SampleCount.Should().BeGreaterThan(2);
    }

    [Fact]
    public async Task Alarm_PendingExportsAboveZeroOnlyInsideAMinute_SeesTheDatapoint()
    {
        var alarm = new MetricAlarm { AlarmName = "backlog", MetricName = MetricDefinitions.PendingExports, Threshold = 1000, ComparisonOperator = ComparisonOperator.GreaterThanThreshold, EvaluationPeriods = 1 };
        await using var sim = S3FilesSimulation.Create(new SimulationOptions
        {
            Telemetry = new TelemetryOptions { Alarms = [alarm] },
            FileSystem = new FileSystemOptions { Export = new S3FilesSim.Export.ExportOptions { CommitDelay = TimeSpan.FromSeconds(10) } },
        });
        var fs = sim.Mount();
        for (var i = 0; i < Files; i++)
        {
            await fs.WriteFileAsync($"/f{i}.txt", "x");
        }

        await sim.AdvanceAsync(TimeSpan.FromSeconds(60));    // exported from 10 s to 15 s: nothing is pending at the end of the minute

        sim.FileSystem.MetricsHistory[0].PendingExports.Should().Be(0);
        sim.FileSystem.Alarms.GetState("backlog").Should().Be(AlarmState.Alarm);
    }

    [Fact]
    public async Task EmfOutput_GaugeThatChangedInsideThePeriod_WritesItsStatisticSet()
    {
        using var output = new StringWriter();
        await using var sim = S3FilesSimulation.Create(new SimulationOptions { Telemetry = new TelemetryOptions { EmfOutput = output, EmfStatisticEncoding = EmfStatisticEncoding.StatisticSet } });
        var fs = sim.Mount();
        for (var i = 0; i < Files; i++)
        {
            await fs.WriteFileAsync($"/f{i}.txt", "x");
        }

        await sim.AdvanceAsync(TimeSpan.FromMinutes(2));

        var second = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement)
            .Where(record => record.TryGetProperty(MetricDefinitions.PendingExports, out _)).ElementAt(1);
        var pending = second.GetProperty(MetricDefinitions.PendingExports);
        pending.GetProperty("Max").GetDouble().Should().Be(Files);
        pending.GetProperty("Min").GetDouble().Should().Be(0);
    }

    [Fact]
    public void SampleGauges_WithinTheSampleInterval_TakesOneSample()
    {
        var clock = new VirtualClock();
        var pending = 5L;
        using var recorder = new MetricsRecorder("fs-0123456789abcdef0", clock, () => default(FileSystemGaugeReading) with { PendingExports = pending }, TimeSpan.FromMinutes(15), TimeSpan.FromSeconds(1));

        recorder.SampleGauges();
        pending = 9;
        recorder.SampleGauges();
        pending = 1;
        var metrics = recorder.Collect();

        metrics.GaugeStatistics[MetricDefinitions.PendingExports].Should().Be(new GaugeStatisticSet(6, 2, 1, 5));
    }

    // docs/SEMANTICS.md "Modelled latency": a first directory access imports every entry at 2,400 objects/s.
    [Fact]
    public async Task ReadDirectory_FirstAccessOfADirectoryFoundInTheBucket_IsTimedAsFirstDirectoryAccess()
    {
        await using var sim = NewSimulation();
        for (var i = 0; i < 2_400; i++)
        {
            await sim.Bucket.PutObjectAsync($"big/f{i}.txt", "x");
        }

        var fs = sim.Mount();
        await fs.ReadDirectoryAsync("/big");
        await fs.ReadDirectoryAsync("/big");

        var first = sim.FileSystem.Latency.GetSummary(OperationKind.FirstDirectoryAccess);
        first.Count.Should().Be(1);
        first.Max.TotalSeconds.Should().BeApproximately(1.008, 0.02);
        sim.FileSystem.Latency.GetSummary(OperationKind.ReadDirectory).Count.Should().Be(1);
    }

    [Fact]
    public async Task ReadDirectory_DirectoryCreatedOnTheFileSystem_IsAnOrdinaryListing()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        await fs.MkdirAsync("/made");

        await fs.ReadDirectoryAsync("/made");

        sim.FileSystem.Latency.GetSummary(OperationKind.FirstDirectoryAccess).Count.Should().Be(0);
        sim.FileSystem.Latency.GetSummary(OperationKind.ReadDirectory).Count.Should().Be(1);
    }
}
