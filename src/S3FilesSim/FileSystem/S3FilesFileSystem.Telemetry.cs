using S3FilesSim.Cost;
using S3FilesSim.Telemetry;

namespace S3FilesSim.FileSystem;

/// <content>Telemetry: CloudWatch metrics, alarms, the sync timeline, modelled latencies and the cost meter
/// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-monitoring-cloudwatch.html).</content>
public sealed partial class S3FilesFileSystem
{
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
    public long ClientConnections => Components.Gauges.ClientConnections;

    internal FileSystemTelemetry? Telemetry => Components.Telemetry;

    /// <summary>Prices everything metered since the file system was created, following
    /// https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-metering.html.</summary>
    /// <returns>The cost report.</returns>
    /// <exception cref="InvalidOperationException">Telemetry is disabled.</exception>
    public CostReport GetCostReport() => Flushed().Cost.GetReport();

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
}
