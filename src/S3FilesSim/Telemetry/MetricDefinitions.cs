namespace S3FilesSim.Telemetry;

/// <summary>How a metric is aggregated: a per-period statistic set of operation sizes, or a point-in-time gauge.</summary>
internal enum MetricShape
{
    StatisticSet,
    Gauge,
}

/// <summary>One CloudWatch metric of S3 Files: its namespace, name, CloudWatch unit and the UCUM unit of its instrument.</summary>
/// <param name="Namespace">The CloudWatch namespace.</param>
/// <param name="Name">The metric name, also the instrument name.</param>
/// <param name="CloudWatchUnit">The CloudWatch unit (Bytes, Seconds, Count, None).</param>
/// <param name="UcumUnit">The UCUM unit of the <c>System.Diagnostics.Metrics</c> instrument (By, s, {count}, 1).</param>
/// <param name="Shape">How the metric is aggregated.</param>
/// <param name="IsStorage">Whether the service publishes it every 15 minutes instead of every minute.</param>
internal sealed record MetricDefinition(string Namespace, string Name, string CloudWatchUnit, string UcumUnit, MetricShape Shape, bool IsStorage = false);

/// <summary>
/// The CloudWatch metrics of S3 Files (https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-monitoring-cloudwatch.html):
/// the service metrics in <c>AWS/S3/Files</c> and the efs-utils client metrics in <c>efs-utils/S3Files</c>, both with the
/// single dimension <c>FileSystemId</c>.
/// </summary>
internal static class MetricDefinitions
{
    public const string ServiceNamespace = "AWS/S3/Files";
    public const string ClientNamespace = "efs-utils/S3Files";
    public const string DimensionName = "FileSystemId";

    public const string StorageBytes = nameof(StorageBytes);
    public const string Inodes = nameof(Inodes);
    public const string PendingExports = nameof(PendingExports);
    public const string ImportFailures = nameof(ImportFailures);
    public const string ExportFailures = nameof(ExportFailures);
    public const string ImportAge = nameof(ImportAge);
    public const string ExportAge = nameof(ExportAge);
    public const string DataReadBytes = nameof(DataReadBytes);
    public const string DataWriteBytes = nameof(DataWriteBytes);
    public const string MetadataReadBytes = nameof(MetadataReadBytes);
    public const string MetadataWriteBytes = nameof(MetadataWriteBytes);
    public const string LostAndFoundFiles = nameof(LostAndFoundFiles);
    public const string ClientConnections = nameof(ClientConnections);
    public const string NFSConnectionAccessible = nameof(NFSConnectionAccessible);
    public const string S3BucketAccessible = nameof(S3BucketAccessible);
    public const string S3BucketReachable = nameof(S3BucketReachable);

    /// <summary>Gets every metric, service metrics first, in the order they are documented.</summary>
    public static IReadOnlyList<MetricDefinition> All { get; } =
    [
        new(ServiceNamespace, StorageBytes, "Bytes", "By", MetricShape.Gauge, IsStorage: true),
        new(ServiceNamespace, Inodes, "Count", "{count}", MetricShape.Gauge, IsStorage: true),
        new(ServiceNamespace, PendingExports, "Count", "{count}", MetricShape.Gauge),
        new(ServiceNamespace, ImportFailures, "Count", "{count}", MetricShape.Gauge),
        new(ServiceNamespace, ExportFailures, "Count", "{count}", MetricShape.Gauge),
        new(ServiceNamespace, ImportAge, "Seconds", "s", MetricShape.Gauge),
        new(ServiceNamespace, ExportAge, "Seconds", "s", MetricShape.Gauge),
        new(ServiceNamespace, DataReadBytes, "Bytes", "By", MetricShape.StatisticSet),
        new(ServiceNamespace, DataWriteBytes, "Bytes", "By", MetricShape.StatisticSet),
        new(ServiceNamespace, MetadataReadBytes, "Bytes", "By", MetricShape.StatisticSet),
        new(ServiceNamespace, MetadataWriteBytes, "Bytes", "By", MetricShape.StatisticSet),
        new(ServiceNamespace, LostAndFoundFiles, "Count", "{count}", MetricShape.Gauge),
        new(ServiceNamespace, ClientConnections, "Count", "{count}", MetricShape.Gauge),
        new(ClientNamespace, NFSConnectionAccessible, "None", "1", MetricShape.Gauge),
        new(ClientNamespace, S3BucketAccessible, "None", "1", MetricShape.Gauge),
        new(ClientNamespace, S3BucketReachable, "None", "1", MetricShape.Gauge),
    ];

    public static MetricDefinition? Find(string name)
    {
        foreach (var definition in All)
        {
            if (string.Equals(definition.Name, name, StringComparison.Ordinal))
            {
                return definition;
            }
        }

        return null;
    }
}
