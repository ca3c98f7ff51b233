using S3FilesSim.Cost;
using S3FilesSim.ObjectStorage;
using S3FilesSim.Telemetry;
using S3FilesSim.Time;

namespace S3FilesSim.FileSystem;

/// <content>Telemetry: CloudWatch metrics, alarms, the sync timeline, modelled latencies and the cost meter
/// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-monitoring-cloudwatch.html).</content>
public sealed partial class S3FilesFileSystem
{
    private long _liveMounts;

    /// <summary>Gets the latest one-minute metrics snapshot, or <see langword="null"/> before the first minute has passed.</summary>
    /// <exception cref="InvalidOperationException">Telemetry is disabled (<see cref="TelemetryOptions.Enabled"/>).</exception>
    public FileSystemMetrics? Metrics => RequireTelemetry().Publisher.Latest;

    /// <summary>Returns the metrics as they stand now, without waiting for the end of the one-minute period: the gauges
    /// (<c>PendingExports</c>, <c>LostAndFoundFiles</c>..., and <c>StorageBytes</c> and <c>Inodes</c> always) read now,
    /// and the byte metrics of the period so far. Does not close the period, so <see cref="MetricsHistory"/> is unchanged.</summary>
    /// <returns>The snapshot; its <see cref="FileSystemMetrics.Timestamp"/> is the start of the current period.</returns>
    /// <exception cref="InvalidOperationException">Telemetry is disabled.</exception>
    public FileSystemMetrics GetMetricsSnapshot() => RequireTelemetry().Metrics.Peek();

    /// <summary>Gets the kept metrics snapshots, oldest first, one per metrics period.</summary>
    /// <exception cref="InvalidOperationException">Telemetry is disabled.</exception>
    public IReadOnlyList<FileSystemMetrics> MetricsHistory => RequireTelemetry().Publisher.History;

    /// <summary>Gets the alarms evaluated on every snapshot; subscribe to <see cref="AlarmEvaluator.StateChanged"/> for alarm events.</summary>
    /// <exception cref="InvalidOperationException">Telemetry is disabled.</exception>
    public AlarmEvaluator Alarms => RequireTelemetry().Publisher.Alarms;

    /// <summary>Gets the sync timeline: exports, retries, failures, conflicts, lost+found moves and event deliveries.</summary>
    /// <exception cref="InvalidOperationException">Telemetry is disabled.</exception>
    public SyncTimeline Timeline => RequireTelemetry().Timeline;

    /// <summary>Gets the modelled latencies of the client operations, per <see cref="OperationKind"/>; the virtual clock never moves for them.</summary>
    /// <exception cref="InvalidOperationException">Telemetry is disabled.</exception>
    public LatencyStatistics Latency => Flushed().Latency.Statistics;

    /// <summary>Gets the number of live mounts (the <c>ClientConnections</c> metric).</summary>
    public long ClientConnections => Interlocked.Read(ref _liveMounts);

    internal FileSystemTelemetry? Telemetry { get; private set; }

    /// <summary>Prices everything metered since the file system was created, following
    /// https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-metering.html.</summary>
    /// <returns>The cost report.</returns>
    /// <exception cref="InvalidOperationException">Telemetry is disabled.</exception>
    public CostReport GetCostReport() => Flushed().Cost.GetReport();

    /// <summary>Builds and starts the telemetry before the bucket is bound, so the bucket calls are metered.</summary>
    internal void BindTelemetry(Scheduler scheduler, TelemetryOptions options, PriceTable prices, Microsoft.Extensions.Logging.ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(options, nameof(SimulationOptions.Telemetry));
        ArgumentNullException.ThrowIfNull(prices, nameof(SimulationOptions.Prices));
        if (options.Enabled)
        {
            Telemetry = new FileSystemTelemetry(FileSystemId, scheduler, options, prices, ReadGauges, loggerFactory);
            Storage.FileBytesChanged = Telemetry.Cost.ChangeHighPerformanceFile;
        }
    }

    /// <summary>Returns the bucket as the file system calls it: metered when telemetry is on, and then its stored bytes
    /// billed as S3 storage when the store (or the store a <see cref="FaultInjectingObjectStore"/> wraps) is an
    /// <see cref="IStorageUsage"/>.</summary>
    internal IObjectStore Metered(IObjectStore bucket)
    {
        if (Telemetry is not { } telemetry)
        {
            return bucket;
        }

        if (StorageUsageOf(bucket) is { } usage)
        {
            telemetry.MeterS3Storage(usage);
        }

        return new MeteredObjectStore(bucket, telemetry.Cost);
    }

    internal void MountOpened() => Interlocked.Increment(ref _liveMounts);

    internal void MountClosed() => Interlocked.Decrement(ref _liveMounts);

    private static IStorageUsage? StorageUsageOf(IObjectStore bucket) => bucket switch
    {
        IStorageUsage usage => usage,
        FaultInjectingObjectStore faulty => StorageUsageOf(faulty.Inner),
        _ => null,
    };

    private FileSystemTelemetry RequireTelemetry() =>
        Telemetry ?? throw new InvalidOperationException($"Telemetry of {FileSystemId} is disabled ({nameof(TelemetryOptions)}.{nameof(TelemetryOptions.Enabled)} is false).");

    private FileSystemTelemetry Flushed()
    {
        var telemetry = RequireTelemetry();
        lock (Namespace.Gate)
        {
            telemetry.Flush();
        }

        return telemetry;
    }

    private FileSystemGaugeReading ReadGauges()
    {
        lock (Namespace.Gate)
        {
            Telemetry?.Flush();
        }

        return new(
            StorageBytes,
            Inodes,
            PendingExports,
            ImportFailures,
            ExportFailures,
            ImportAge,
            ExportAge,
            LostAndFoundFiles,
            ClientConnections,
            NfsConnectionAccessible: true,
            S3BucketAccessible: true,
            S3BucketReachable: true);
    }
}
