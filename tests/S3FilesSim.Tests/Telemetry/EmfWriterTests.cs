using System.Text.Json;
using FluentAssertions;
using Microsoft.Extensions.Logging;
using S3FilesSim.Telemetry;
using S3FilesSim.Time;
using Xunit;

namespace S3FilesSim.Tests.Telemetry;

// Format: https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html
// Metrics: https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-monitoring-cloudwatch.html
public sealed class EmfWriterTests
{
    private static readonly FileSystemMetrics Snapshot = new()
    {
        FileSystemId = "fs-0123456789abcdef0",
        Timestamp = new DateTimeOffset(2026, 4, 7, 0, 14, 0, TimeSpan.Zero),
        Period = TimeSpan.FromMinutes(1),
        StorageBytes = 5_000,
        Inodes = 12,
        PendingExports = 3,
        ImportFailures = 1,
        ExportFailures = 2,
        ImportAge = 4.5,
        ExportAge = 61,
        DataReadBytes = new MetricStatisticSet(450, 3, 50, 300),
        DataWriteBytes = new MetricStatisticSet(4096, 1, 4096, 4096),
        LostAndFoundFiles = 7,
        ClientConnections = 2,
        NFSConnectionAccessible = 1,
        S3BucketAccessible = 1,
        S3BucketReachable = 0,
    };

    [Fact]
    public void Format_ServiceRecord_HasMetadataDirectiveWithNamespaceDimensionsAndCloudWatchUnits()
    {
        using var record = JsonDocument.Parse(EmfWriter.Format(Snapshot)[0]);

        var aws = record.RootElement.GetProperty("_aws");
        aws.GetProperty("Timestamp").GetInt64().Should().Be(Snapshot.Timestamp.ToUnixTimeMilliseconds());
        var directives = aws.GetProperty("CloudWatchMetrics");
        directives.GetArrayLength().Should().Be(1);
        var directive = directives[0];
        directive.GetProperty("Namespace").GetString().Should().Be("AWS/S3/Files");
        directive.GetProperty("Dimensions").EnumerateArray().Select(set => set.EnumerateArray().Select(d => d.GetString()).ToList())
            .Should().BeEquivalentTo([new List<string?> { "FileSystemId" }]);
        directive.GetProperty("Metrics").EnumerateArray()
            .Select(m => (m.GetProperty("Name").GetString(), m.GetProperty("Unit").GetString()))
            .Should().Equal(
                ("StorageBytes", "Bytes"),
                ("Inodes", "Count"),
                ("PendingExports", "Count"),
                ("ImportFailures", "Count"),
                ("ExportFailures", "Count"),
                ("ImportAge", "Seconds"),
                ("ExportAge", "Seconds"),
                ("DataReadBytes", "Bytes"),
                ("DataWriteBytes", "Bytes"),
                ("LostAndFoundFiles", "Count"),
                ("ClientConnections", "Count"));
    }

    [Fact]
    public void Format_ServiceRecord_EveryDirectiveMetricAndTheDimensionAreTopLevelMembers()
    {
        using var record = JsonDocument.Parse(EmfWriter.Format(Snapshot)[0]);

        var root = record.RootElement;
        root.GetProperty("FileSystemId").GetString().Should().Be("fs-0123456789abcdef0");
        root.GetProperty("StorageBytes").GetInt64().Should().Be(5_000);
        root.GetProperty("Inodes").GetInt64().Should().Be(12);
        root.GetProperty("PendingExports").GetInt64().Should().Be(3);
        root.GetProperty("ImportFailures").GetInt64().Should().Be(1);
        root.GetProperty("ExportFailures").GetInt64().Should().Be(2);
        root.GetProperty("ImportAge").GetDouble().Should().Be(4.5);
        root.GetProperty("ExportAge").GetDouble().Should().Be(61);
        root.GetProperty("LostAndFoundFiles").GetInt64().Should().Be(7);
        root.GetProperty("ClientConnections").GetInt64().Should().Be(2);
        foreach (var metric in root.GetProperty("_aws").GetProperty("CloudWatchMetrics")[0].GetProperty("Metrics").EnumerateArray())
        {
            root.TryGetProperty(metric.GetProperty("Name").GetString()!, out _).Should().BeTrue();
        }
    }

    [Fact]
    public void Format_ClientRecord_HasClientNamespaceUnitNoneAndOneOrZeroValues()
    {
        using var record = JsonDocument.Parse(EmfWriter.Format(Snapshot)[1]);

        var root = record.RootElement;
        var directive = root.GetProperty("_aws").GetProperty("CloudWatchMetrics")[0];
        directive.GetProperty("Namespace").GetString().Should().Be("efs-utils/S3Files");
        directive.GetProperty("Metrics").EnumerateArray()
            .Select(m => (m.GetProperty("Name").GetString(), m.GetProperty("Unit").GetString()))
            .Should().Equal(("NFSConnectionAccessible", "None"), ("S3BucketAccessible", "None"), ("S3BucketReachable", "None"));
        root.GetProperty("FileSystemId").GetString().Should().Be("fs-0123456789abcdef0");
        root.GetProperty("NFSConnectionAccessible").GetInt32().Should().Be(1);
        root.GetProperty("S3BucketAccessible").GetInt32().Should().Be(1);
        root.GetProperty("S3BucketReachable").GetInt32().Should().Be(0);
        root.TryGetProperty("PendingExports", out _).Should().BeFalse();
    }

    [Fact]
    public void Format_StorageMetricsAndIdleByteMetricsWithoutDatapoint_AreLeftOut()
    {
        var between = Snapshot with { StorageBytes = null, Inodes = null };

        using var record = JsonDocument.Parse(EmfWriter.Format(between)[0]);

        var names = record.RootElement.GetProperty("_aws").GetProperty("CloudWatchMetrics")[0].GetProperty("Metrics")
            .EnumerateArray().Select(m => m.GetProperty("Name").GetString()).ToList();
        names.Should().NotContain(["StorageBytes", "Inodes", "MetadataReadBytes", "MetadataWriteBytes"]);
        record.RootElement.TryGetProperty("StorageBytes", out _).Should().BeFalse();
        record.RootElement.TryGetProperty("MetadataReadBytes", out _).Should().BeFalse();
    }

    [Fact]
    public void Format_ValueArrayThreeOperations_ValuesReproduceSumSampleCountMinimumMaximum()
    {
        using var record = JsonDocument.Parse(EmfWriter.Format(Snapshot)[0]);

        var values = record.RootElement.GetProperty("DataReadBytes").EnumerateArray().Select(v => v.GetDouble()).ToList();
        values.Should().Equal(50, 300, 100);
        record.RootElement.GetProperty("DataWriteBytes").EnumerateArray().Select(v => v.GetDouble()).Should().Equal(4096);
    }

    [Fact]
    public void Format_ValueArrayOverHundredOperations_HundredValuesKeepingMinimumAndMaximum()
    {
        var busy = Snapshot with { DataReadBytes = new MetricStatisticSet(Sum: 1_000_000, SampleCount: 1_000, Minimum: 10, Maximum: 5_000) };

        using var record = JsonDocument.Parse(EmfWriter.Format(busy)[0]);

        var values = record.RootElement.GetProperty("DataReadBytes").EnumerateArray().Select(v => v.GetDouble()).ToList();
        values.Should().HaveCount(100);
        values.Min().Should().Be(10);
        values.Max().Should().Be(5_000);
        values.Skip(2).Should().AllBeEquivalentTo((1_000_000 - 10 - 5_000) / 998.0);
    }

    [Fact]
    public void Format_StatisticSetEncoding_WritesMaxMinCountSumObject()
    {
        using var record = JsonDocument.Parse(EmfWriter.Format(Snapshot, EmfStatisticEncoding.StatisticSet)[0]);

        var set = record.RootElement.GetProperty("DataReadBytes");
        set.GetProperty("Max").GetInt64().Should().Be(300);
        set.GetProperty("Min").GetInt64().Should().Be(50);
        set.GetProperty("Count").GetInt64().Should().Be(3);
        set.GetProperty("Sum").GetInt64().Should().Be(450);
    }

    [Fact]
    public void Write_TextWriter_WritesOneSingleLineJsonRecordPerNamespace()
    {
        using var output = new StringWriter();
        var writer = new EmfWriter(output);

        writer.Write(Snapshot);

        var lines = output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        lines.Should().HaveCount(2);
        lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("_aws").GetProperty("CloudWatchMetrics")[0].GetProperty("Namespace").GetString())
            .Should().Equal("AWS/S3/Files", "efs-utils/S3Files");
    }

    [Fact]
    public void Write_Logger_LogsEachRecordVerbatimAsAnInformationMessage()
    {
        var logger = new CapturingLogger();
        var writer = new EmfWriter(logger, EmfStatisticEncoding.StatisticSet);

        writer.Write(Snapshot);

        logger.Entries.Should().Equal(EmfWriter.Format(Snapshot, EmfStatisticEncoding.StatisticSet).Select(r => (LogLevel.Information, r)));
        writer.StatisticEncoding.Should().Be(EmfStatisticEncoding.StatisticSet);
    }

    [Fact]
    public async Task Publisher_FifteenVirtualMinutes_WritesTwoRecordsPerMinuteAndStorageOnlyAtMinuteFifteen()
    {
        var clock = new VirtualClock();
        using var output = new StringWriter();
        using var recorder = new MetricsRecorder("fs-0123456789abcdef0", clock, () => default, TimeSpan.FromMinutes(15));
        using var publisher = new MetricsPublisher(recorder, clock.Scheduler, new TelemetryOptions { EmfOutput = output }, Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);
        publisher.Start();

        await clock.Scheduler.AdvanceAsync(TimeSpan.FromMinutes(15));

        var records = output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        records.Should().HaveCount(30);
        records.Select(r => r.GetProperty("_aws").GetProperty("Timestamp").GetInt64()).Distinct()
            .Should().Equal(Enumerable.Range(0, 15).Select(m => VirtualClock.DefaultStart.AddMinutes(m).ToUnixTimeMilliseconds()));
        records.Where(r => r.TryGetProperty("StorageBytes", out _)).Should().ContainSingle()
            .Which.GetProperty("_aws").GetProperty("Timestamp").GetInt64().Should().Be(VirtualClock.DefaultStart.AddMinutes(14).ToUnixTimeMilliseconds());
    }

    private sealed class CapturingLogger : ILogger
    {
        public List<(LogLevel, string)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Add((logLevel, formatter(state, exception)));
    }
}
