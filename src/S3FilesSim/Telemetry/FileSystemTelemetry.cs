using Microsoft.Extensions.Logging;
using S3FilesSim.Cost;
using S3FilesSim.Time;

namespace S3FilesSim.Telemetry;

/// <summary>
/// The telemetry of one file system in one place, for the composition root to build and the engine to feed: the metrics
/// recorder and its periodic publisher (EMF, alarms, history), the sync timeline, the latency model and the cost meter.
/// </summary>
/// <remarks>
/// <para>Built once per file system; <see cref="MetricsPublisher.Start"/> is called here, so the first snapshot is cut
/// one metrics period after construction. <see cref="Dispose"/> stops publishing and disposes the meters.</para>
/// <para>What the engine calls: <see cref="Metrics"/> per client operation (bytes), <see cref="Latency"/> per client
/// operation, <see cref="Cost"/> per metered operation and storage change, <see cref="Timeline"/> per sync event; the
/// gauge provider given here is read at each period end and each meter observation.</para>
/// </remarks>
internal sealed class FileSystemTelemetry : IDisposable
{
    /// <summary>Builds and starts the telemetry of one file system.</summary>
    /// <param name="fileSystemId">The <c>FileSystemId</c> dimension value.</param>
    /// <param name="scheduler">The simulation scheduler; its clock is the time source.</param>
    /// <param name="options">The telemetry options; validated here.</param>
    /// <param name="prices">The price table of the cost meter; validated here.</param>
    /// <param name="gauges">Returns the file system's current point-in-time values; thread-safe.</param>
    /// <param name="loggerFactory">The simulation's logger factory.</param>
    public FileSystemTelemetry(
        string fileSystemId,
        Scheduler scheduler,
        TelemetryOptions options,
        PriceTable prices,
        Func<FileSystemGaugeReading> gauges,
        ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(scheduler);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Metrics = new MetricsRecorder(fileSystemId, scheduler.Clock, gauges, options.StorageMetricsPeriod);
        Publisher = new MetricsPublisher(Metrics, scheduler, options, loggerFactory);
        Timeline = new SyncTimeline(options.TimelineCapacity);
        Latency = new LatencyModel(options.Latency, new LatencyStatistics());
        Cost = new CostMeter(prices, scheduler.Clock);
        Publisher.Start();
    }

    /// <summary>Gets the recorder of the CloudWatch metrics.</summary>
    public MetricsRecorder Metrics { get; }

    /// <summary>Gets the periodic publisher: snapshot history, EMF output and alarms.</summary>
    public MetricsPublisher Publisher { get; }

    /// <summary>Gets the sync timeline.</summary>
    public SyncTimeline Timeline { get; }

    /// <summary>Gets the latency model and, through it, the latency statistics.</summary>
    public LatencyModel Latency { get; }

    /// <summary>Gets the cost meter.</summary>
    public CostMeter Cost { get; }

    /// <inheritdoc />
    public void Dispose()
    {
        Publisher.Dispose();
        Metrics.Dispose();
    }
}
