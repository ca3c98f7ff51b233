using Microsoft.Extensions.Logging;
using S3FilesSim.Cost;

namespace S3FilesSim.Telemetry;

/// <summary>The part of a file system's telemetry the sync engine reports to, built before the engine: the cost meter
/// (which also meters the bucket calls), the sync timeline and the reporter that feeds both and the log.</summary>
/// <param name="Cost">The cost meter.</param>
/// <param name="Timeline">The sync timeline.</param>
/// <param name="Reporter">The reporter of sync events.</param>
internal sealed record SyncTelemetry(CostMeter Cost, SyncTimeline Timeline, SyncReporter Reporter)
{
    /// <summary>Builds the parts for one file system.</summary>
    /// <param name="fileSystemId">The file system id logged with every event.</param>
    /// <param name="clock">The clock events are stamped with.</param>
    /// <param name="options">The validated telemetry options (the timeline capacity).</param>
    /// <param name="prices">The price table of the cost meter.</param>
    /// <param name="loggerFactory">The simulation's logger factory.</param>
    /// <returns>The parts.</returns>
    public static SyncTelemetry Create(string fileSystemId, TimeProvider clock, TelemetryOptions options, PriceTable prices, ILoggerFactory loggerFactory)
    {
        var cost = new CostMeter(prices, clock);
        var timeline = new SyncTimeline(options.TimelineCapacity);
        return new(cost, timeline, new SyncReporter(fileSystemId, clock, timeline, cost, loggerFactory.CreateLogger<SyncReporter>()));
    }
}
