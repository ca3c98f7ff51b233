using FluentAssertions;
using Microsoft.Extensions.Logging.Abstractions;
using S3FilesSim.Cost;
using S3FilesSim.Telemetry;
using S3FilesSim.Time;
using Xunit;

namespace S3FilesSim.Tests.Telemetry;

public sealed class FileSystemTelemetryTests
{
    private readonly VirtualClock _clock = new();

    [Fact]
    public async Task Constructor_FedLikeTheEngine_EveryComponentReportsOnVirtualTime()
    {
        using var telemetry = new FileSystemTelemetry(
            "fs-0123456789abcdef0",
            _clock.Scheduler,
            new TelemetryOptions { TimelineCapacity = 10 },
            PriceTable.UsEast1,
            () => default(FileSystemGaugeReading) with { LostAndFoundFiles = 1 },
            NullLoggerFactory.Instance);
        var alarms = new List<AlarmStateChange>();
        telemetry.Publisher.Alarms.StateChanged += (_, c) => alarms.Add(c);

        telemetry.Metrics.RecordDataWrite(5);
        telemetry.Latency.Record(OperationKind.Write, 5);
        telemetry.Cost.RecordDataWrite(5);
        telemetry.Timeline.Append(new SyncEvent { Timestamp = _clock.GetUtcNow(), Kind = SyncEventKind.Export, Path = "/a" });
        await _clock.Scheduler.AdvanceAsync(TimeSpan.FromMinutes(1));

        telemetry.Publisher.Latest!.DataWriteBytes.Sum.Should().Be(5);
        alarms.Should().ContainSingle().Which.AlarmName.Should().Be("S3Files-LostAndFoundFiles");
        telemetry.Latency.Statistics.GetSummary(OperationKind.Write).Count.Should().Be(1);
        telemetry.Cost.GetReport()[CostLineKind.DataWrites].Quantity.Should().Be(32m / (1024 * 1024));
        telemetry.Timeline.Capacity.Should().Be(10);
        telemetry.Timeline.Count.Should().Be(1);
    }

    [Fact]
    public async Task Dispose_AfterStart_StopsThePeriodicWork()
    {
        var telemetry = new FileSystemTelemetry("fs-0123456789abcdef0", _clock.Scheduler, new TelemetryOptions(), PriceTable.UsEast1, () => default, NullLoggerFactory.Instance);

        telemetry.Dispose();
        await _clock.Scheduler.AdvanceAsync(TimeSpan.FromMinutes(3));

        telemetry.Publisher.History.Should().BeEmpty();
    }
}
