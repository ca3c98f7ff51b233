namespace S3FilesSim.Telemetry;

/// <summary>
/// One period's snapshot of the CloudWatch metrics of one S3 Files file system: the service metrics of namespace
/// <c>AWS/S3/Files</c> and the efs-utils client metrics of namespace <c>efs-utils/S3Files</c>, dimension <c>FileSystemId</c>.
/// </summary>
/// <remarks>
/// <para>Property names are the CloudWatch metric names
/// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-monitoring-cloudwatch.html). Most metrics are
/// published every minute; <see cref="StorageBytes"/> and <see cref="Inodes"/> every 15 minutes, so they are
/// <see langword="null"/> in the snapshots in between.</para>
/// <para>CloudWatch units: Bytes for <see cref="StorageBytes"/> and the four byte metrics, Seconds for the two ages,
/// Count for the counts, None for the client metrics.</para>
/// </remarks>
public sealed record FileSystemMetrics
{
    /// <summary>Gets the value of the <c>FileSystemId</c> dimension, for example <c>fs-0123456789abcdef0</c>.</summary>
    public required string FileSystemId { get; init; }

    /// <summary>Gets the start of the period the snapshot covers (the CloudWatch datapoint timestamp), in virtual time.</summary>
    public required DateTimeOffset Timestamp { get; init; }

    /// <summary>Gets the length of the period the snapshot covers, normally one minute.</summary>
    public required TimeSpan Period { get; init; }

    /// <summary>Gets the bytes of data and metadata on high-performance storage; published every 15 minutes, else <see langword="null"/>.</summary>
    public long? StorageBytes { get; init; }

    /// <summary>Gets the number of inodes (files, directories, symbolic links); published every 15 minutes, else <see langword="null"/>.</summary>
    public long? Inodes { get; init; }

    /// <summary>Gets the number of files and directories waiting to be exported to the bucket.</summary>
    public long PendingExports { get; init; }

    /// <summary>Gets the number of objects that failed to import after retries.</summary>
    public long ImportFailures { get; init; }

    /// <summary>Gets the number of files and directories whose export failed and will not be retried.</summary>
    public long ExportFailures { get; init; }

    /// <summary>Gets the age in seconds of the oldest in-progress import, measured from the bucket change time.</summary>
    public double ImportAge { get; init; }

    /// <summary>Gets the age in seconds of the oldest in-progress export, measured from the file system change time.</summary>
    public double ExportAge { get; init; }

    /// <summary>Gets the bytes read from the file system in the period; SampleCount is the number of read operations.</summary>
    public MetricStatisticSet DataReadBytes { get; init; }

    /// <summary>Gets the bytes written to the file system in the period; SampleCount is the number of write operations.</summary>
    public MetricStatisticSet DataWriteBytes { get; init; }

    /// <summary>Gets the metadata bytes read in the period; SampleCount is the number of metadata read operations.</summary>
    public MetricStatisticSet MetadataReadBytes { get; init; }

    /// <summary>Gets the metadata bytes written in the period; SampleCount is the number of metadata write operations.</summary>
    public MetricStatisticSet MetadataWriteBytes { get; init; }

    /// <summary>Gets the number of files currently in the <c>.s3files-lost+found-&lt;fs-id&gt;</c> directory.</summary>
    public long LostAndFoundFiles { get; init; }

    /// <summary>Gets the number of active client connections.</summary>
    public long ClientConnections { get; init; }

    /// <summary>Gets 1 when the client can reach the file system over NFS, else 0 (namespace <c>efs-utils/S3Files</c>).</summary>
    public int NFSConnectionAccessible { get; init; }

    /// <summary>Gets 1 when the client role may read the bucket, else 0 (namespace <c>efs-utils/S3Files</c>).</summary>
    public int S3BucketAccessible { get; init; }

    /// <summary>Gets 1 when the bucket and prefix exist and are reachable, else 0 (namespace <c>efs-utils/S3Files</c>).</summary>
    public int S3BucketReachable { get; init; }

    /// <summary>Gets the statistics over the period of the point-in-time metrics <c>PendingExports</c>, <c>ImportFailures</c>,
    /// <c>ExportFailures</c>, <c>ImportAge</c>, <c>ExportAge</c>, <c>LostAndFoundFiles</c> and <c>ClientConnections</c>, by
    /// metric name: sampled as the values changed during the period (before each piece of background work, at most once
    /// per <see cref="TelemetryOptions.GaugeSampleInterval"/>) and at its end, so a backlog that built up and drained
    /// inside the period shows in its <see cref="GaugeStatisticSet.Maximum"/>. The properties of the same names are the values at the end of the period.</summary>
    /// <value>Empty for a snapshot built without samples.</value>
    public IReadOnlyDictionary<string, GaugeStatisticSet> GaugeStatistics { get; init; } = new Dictionary<string, GaugeStatisticSet>();

    /// <summary>Returns one statistic of a metric by its CloudWatch name, as a CloudWatch alarm would read the period's datapoint.</summary>
    /// <param name="metricName">The CloudWatch metric name, for example <c>PendingExports</c>.</param>
    /// <param name="statistic">The statistic: of the samples in <see cref="GaugeStatistics"/> for the metrics sampled there; for
    /// the storage and client metrics, which have one value per period, every statistic but SampleCount (1) is that value.</param>
    /// <returns>The value, or <see langword="null"/> when the period has no datapoint (a storage metric between publications,
    /// or a byte metric without operations).</returns>
    /// <exception cref="ArgumentException">The name is not an S3 Files metric.</exception>
    public double? GetValue(string metricName, MetricStatistic statistic = MetricStatistic.Maximum)
    {
        ArgumentNullException.ThrowIfNull(metricName);
        return metricName switch
        {
            MetricDefinitions.DataReadBytes => DataReadBytes.Get(statistic),
            MetricDefinitions.DataWriteBytes => DataWriteBytes.Get(statistic),
            MetricDefinitions.MetadataReadBytes => MetadataReadBytes.Get(statistic),
            MetricDefinitions.MetadataWriteBytes => MetadataWriteBytes.Get(statistic),
            _ when GaugeStatistics.TryGetValue(metricName, out var sampled) => sampled.Get(statistic),
            _ => GaugeStatistic(GaugeValue(metricName), statistic),
        };
    }

    private static double? GaugeStatistic(double? value, MetricStatistic statistic) =>
        value is null ? null : statistic == MetricStatistic.SampleCount ? 1 : value;

    private double? GaugeValue(string metricName) => metricName switch
    {
        MetricDefinitions.StorageBytes => StorageBytes,
        MetricDefinitions.Inodes => Inodes,
        MetricDefinitions.PendingExports => PendingExports,
        MetricDefinitions.ImportFailures => ImportFailures,
        MetricDefinitions.ExportFailures => ExportFailures,
        MetricDefinitions.ImportAge => ImportAge,
        MetricDefinitions.ExportAge => ExportAge,
        MetricDefinitions.LostAndFoundFiles => LostAndFoundFiles,
        MetricDefinitions.ClientConnections => ClientConnections,
        MetricDefinitions.NFSConnectionAccessible => NFSConnectionAccessible,
        MetricDefinitions.S3BucketAccessible => S3BucketAccessible,
        MetricDefinitions.S3BucketReachable => S3BucketReachable,
        _ => throw new ArgumentException($"'{metricName}' is not an S3 Files CloudWatch metric.", nameof(metricName)),
    };
}
