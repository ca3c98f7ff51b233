using System.Diagnostics.Metrics;
using FluentAssertions;
using S3FilesSim.Telemetry;
using S3FilesSim.Time;
using Xunit;

namespace S3FilesSim.Tests.Telemetry;

// Metric names, units and cadence: https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-monitoring-cloudwatch.html
public sealed class MetricsRecorderTests : IDisposable
{
    private const string FileSystemId = "fs-0123456789abcdef0";
    private readonly VirtualClock _clock = new();
    private readonly MetricsRecorder _recorder;
    private FileSystemGaugeReading _reading = new(
        StorageBytes: 5_000,
        Inodes: 12,
        PendingExports: 3,
        ImportFailures: 1,
        ExportFailures: 2,
        ImportAge: TimeSpan.FromSeconds(4.5),
        ExportAge: TimeSpan.FromSeconds(61),
        LostAndFoundFiles: 7,
        ClientConnections: 2,
        NfsConnectionAccessible: true,
        S3BucketAccessible: true,
        S3BucketReachable: false);

    public MetricsRecorderTests()
    {
        _recorder = new MetricsRecorder(FileSystemId, _clock, () => _reading, TimeSpan.FromMinutes(15));
    }

    public void Dispose() => _recorder.Dispose();

    [Fact]
    public async Task Collect_AfterOperations_ReturnsSumSampleCountMinimumMaximumPerByteMetric()
    {
        _recorder.RecordDataRead(100);
        _recorder.RecordDataRead(300);
        _recorder.RecordDataRead(50);
        _recorder.RecordDataWrite(4096);
        _recorder.RecordMetadataRead(4096);
        _recorder.RecordMetadataWrite(4096);
        _recorder.RecordMetadataWrite(8192);
        await _clock.Scheduler.AdvanceAsync(TimeSpan.FromMinutes(1));

        var metrics = _recorder.Collect();

        metrics.DataReadBytes.Should().Be(new MetricStatisticSet(450, 3, 50, 300));
        metrics.DataReadBytes.Average.Should().Be(150);
        metrics.DataWriteBytes.Should().Be(new MetricStatisticSet(4096, 1, 4096, 4096));
        metrics.MetadataReadBytes.Should().Be(new MetricStatisticSet(4096, 1, 4096, 4096));
        metrics.MetadataWriteBytes.Should().Be(new MetricStatisticSet(12288, 2, 4096, 8192));
    }

    [Fact]
    public async Task Collect_NextPeriod_StatisticsStartFromZero()
    {
        _recorder.RecordDataRead(100);
        await _clock.Scheduler.AdvanceAsync(TimeSpan.FromMinutes(1));
        _recorder.Collect();
        await _clock.Scheduler.AdvanceAsync(TimeSpan.FromMinutes(1));

        var second = _recorder.Collect();

        second.DataReadBytes.Should().Be(MetricStatisticSet.Empty);
        second.GetValue("DataReadBytes", MetricStatistic.Sum).Should().BeNull();
    }

    [Fact]
    public async Task Collect_EachMinute_TimestampIsPeriodStartAndPeriodIsOneMinute()
    {
        await _clock.Scheduler.AdvanceAsync(TimeSpan.FromMinutes(1));
        _recorder.Collect();
        await _clock.Scheduler.AdvanceAsync(TimeSpan.FromMinutes(1));

        var second = _recorder.Collect();

        second.Timestamp.Should().Be(VirtualClock.DefaultStart.AddMinutes(1));
        second.Period.Should().Be(TimeSpan.FromMinutes(1));
        second.FileSystemId.Should().Be(FileSystemId);
    }

    [Fact]
    public async Task Collect_EveryMinuteForThirtyMinutes_StorageMetricsOnlyEveryFifteenMinutes()
    {
        var withStorage = new List<int>();
        for (var minute = 1; minute <= 30; minute++)
        {
            await _clock.Scheduler.AdvanceAsync(TimeSpan.FromMinutes(1));
            var metrics = _recorder.Collect();
            if (metrics.StorageBytes is not null)
            {
                metrics.Inodes.Should().Be(12);
                withStorage.Add(minute);
            }
            else
            {
                metrics.Inodes.Should().BeNull();
            }
        }

        withStorage.Should().Equal(15, 30);
    }

    [Fact]
    public async Task Collect_GaugeProvider_ReportsCurrentPointInTimeValues()
    {
        await _clock.Scheduler.AdvanceAsync(TimeSpan.FromMinutes(1));
        _reading = _reading with { PendingExports = 42 };

        var metrics = _recorder.Collect();

        metrics.PendingExports.Should().Be(42);
        metrics.ImportFailures.Should().Be(1);
        metrics.ExportFailures.Should().Be(2);
        metrics.ImportAge.Should().Be(4.5);
        metrics.ExportAge.Should().Be(61);
        metrics.LostAndFoundFiles.Should().Be(7);
        metrics.ClientConnections.Should().Be(2);
        metrics.NFSConnectionAccessible.Should().Be(1);
        metrics.S3BucketAccessible.Should().Be(1);
        metrics.S3BucketReachable.Should().Be(0);
    }

    [Fact]
    public void RecordDataWrite_FromFourThreads_CountsEveryOperation()
    {
        var threads = Enumerable.Range(1, 4).Select(t => new Thread(() =>
        {
            for (var i = 0; i < 10_000; i++)
            {
                _recorder.RecordDataWrite(t);
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        var metrics = _recorder.Collect();

        metrics.DataWriteBytes.Should().Be(new MetricStatisticSet(100_000, 40_000, 1, 4));
    }

    [Fact]
    public void RecordDataRead_HotPath_AllocatesNothing()
    {
        _recorder.RecordDataRead(1);
        var before = GC.GetAllocatedBytesForCurrentThread();

        for (var i = 0; i < 10_000; i++)
        {
            _recorder.RecordDataRead(i);
            _recorder.RecordMetadataWrite(4096);
        }

        (GC.GetAllocatedBytesForCurrentThread() - before).Should().Be(0);
    }

    [Fact]
    public void RecordDataRead_NegativeBytes_Throws()
    {
        var act = () => _recorder.RecordDataRead(-1);

        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void Meters_Names_AreTheCloudWatchNamespaces()
    {
        _recorder.ServiceMeter.Name.Should().Be("AWS/S3/Files");
        _recorder.ClientMeter.Name.Should().Be("efs-utils/S3Files");
    }

    [Fact]
    public void MeterListener_ByteMetric_SeesOneMeasurementPerOperationWithUnitAndTag()
    {
        var seen = new List<(string Name, string? Unit, long Value, object? Tag)>();
        using var listener = Listen((instrument, value, tags) => seen.Add((instrument.Name, instrument.Unit, Convert.ToInt64(value), TagOf(tags))));

        _recorder.RecordDataRead(100);
        _recorder.RecordDataRead(300);
        _recorder.RecordMetadataWrite(4096);

        seen.Should().Equal(
            ("DataReadBytes", "By", 100L, FileSystemId),
            ("DataReadBytes", "By", 300L, FileSystemId),
            ("MetadataWriteBytes", "By", 4096L, FileSystemId));
    }

    [Fact]
    public void MeterListener_BulkRecord_SeesOneMeasurementPerOperation()
    {
        var seen = new List<(string Name, long Value)>();
        using var listener = Listen((instrument, value, _) => seen.Add((instrument.Name, Convert.ToInt64(value))));

        _recorder.RecordDataReads(2, 4096);
        _recorder.RecordMetadataWrites(1, 4096);

        seen.Should().Equal(("DataReadBytes", 4096L), ("DataReadBytes", 4096L), ("MetadataWriteBytes", 4096L));
    }

    [Fact]
    public async Task Collect_AfterBulkRecords_MatchesSingleRecords()
    {
        _recorder.RecordDataReads(3, 100);
        _recorder.RecordDataRead(300);
        _recorder.RecordDataWrites(2, 10);
        _recorder.RecordMetadataReads(4, 4096);
        await _clock.Scheduler.AdvanceAsync(TimeSpan.FromMinutes(1));

        var metrics = _recorder.Collect();

        (metrics.DataReadBytes, metrics.DataWriteBytes, metrics.MetadataReadBytes).Should().Be((
            new MetricStatisticSet(600, 4, 100, 300), new MetricStatisticSet(20, 2, 10, 10), new MetricStatisticSet(16384, 4, 4096, 4096)));
    }

    [Fact]
    public void MeterListener_ObservableGauges_ReportEveryOtherMetricWithCloudWatchNameUnitAndTag()
    {
        var seen = new Dictionary<string, (string? Unit, double Value, object? Tag, string Meter)>();
        using var listener = Listen((instrument, value, tags) =>
            seen[instrument.Name] = (instrument.Unit, Convert.ToDouble(value), TagOf(tags), instrument.Meter.Name));

        listener.RecordObservableInstruments();

        seen.Should().BeEquivalentTo(new Dictionary<string, (string?, double, object?, string)>
        {
            ["StorageBytes"] = ("By", 5_000, FileSystemId, "AWS/S3/Files"),
            ["Inodes"] = ("{count}", 12, FileSystemId, "AWS/S3/Files"),
            ["PendingExports"] = ("{count}", 3, FileSystemId, "AWS/S3/Files"),
            ["ImportFailures"] = ("{count}", 1, FileSystemId, "AWS/S3/Files"),
            ["ExportFailures"] = ("{count}", 2, FileSystemId, "AWS/S3/Files"),
            ["ImportAge"] = ("s", 4.5, FileSystemId, "AWS/S3/Files"),
            ["ExportAge"] = ("s", 61, FileSystemId, "AWS/S3/Files"),
            ["LostAndFoundFiles"] = ("{count}", 7, FileSystemId, "AWS/S3/Files"),
            ["ClientConnections"] = ("{count}", 2, FileSystemId, "AWS/S3/Files"),
            ["NFSConnectionAccessible"] = ("1", 1, FileSystemId, "efs-utils/S3Files"),
            ["S3BucketAccessible"] = ("1", 1, FileSystemId, "efs-utils/S3Files"),
            ["S3BucketReachable"] = ("1", 0, FileSystemId, "efs-utils/S3Files"),
        });
    }

    [Fact]
    public void GetValue_GaugeAndByteMetric_ReturnsCloudWatchStatistics()
    {
        var metrics = new FileSystemMetrics
        {
            FileSystemId = FileSystemId,
            Timestamp = VirtualClock.DefaultStart,
            Period = TimeSpan.FromMinutes(1),
            PendingExports = 5,
            DataReadBytes = new MetricStatisticSet(450, 3, 50, 300),
        };

        metrics.GetValue("PendingExports").Should().Be(5);
        metrics.GetValue("PendingExports", MetricStatistic.SampleCount).Should().Be(1);
        metrics.GetValue("DataReadBytes", MetricStatistic.SampleCount).Should().Be(3);
        metrics.GetValue("DataReadBytes", MetricStatistic.Minimum).Should().Be(50);
        metrics.GetValue("DataReadBytes", MetricStatistic.Average).Should().Be(150);
        metrics.GetValue("StorageBytes").Should().BeNull();
    }

    [Fact]
    public void GetValue_UnknownMetric_Throws()
    {
        var metrics = new FileSystemMetrics { FileSystemId = FileSystemId, Timestamp = VirtualClock.DefaultStart, Period = TimeSpan.FromMinutes(1) };

        var act = () => metrics.GetValue("FailedExports");

        act.Should().Throw<ArgumentException>().WithMessage("*FailedExports*");
    }

    private static object? TagOf(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == "FileSystemId")
            {
                return tag.Value;
            }
        }

        return null;
    }

    private MeterListener Listen(Action<Instrument, object, ReadOnlySpan<KeyValuePair<string, object?>>> onMeasurement)
    {
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter == _recorder.ServiceMeter || instrument.Meter == _recorder.ClientMeter)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((i, v, t, _) => onMeasurement(i, v, t));
        listener.SetMeasurementEventCallback<double>((i, v, t, _) => onMeasurement(i, v, t));
        listener.SetMeasurementEventCallback<int>((i, v, t, _) => onMeasurement(i, v, t));
        listener.Start();
        return listener;
    }
}
