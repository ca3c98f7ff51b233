namespace S3FilesSim.Telemetry;

/// <summary>A CloudWatch statistic over one period, as used by alarms and by <see cref="FileSystemMetrics.GetValue"/>.</summary>
/// <remarks>See https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Statistics-definitions.html.</remarks>
public enum MetricStatistic
{
    /// <summary>The sum of the values in the period.</summary>
    Sum,

    /// <summary>The number of values (for the byte metrics: the number of operations) in the period.</summary>
    SampleCount,

    /// <summary>Sum divided by SampleCount.</summary>
    Average,

    /// <summary>The smallest value in the period.</summary>
    Minimum,

    /// <summary>The largest value in the period.</summary>
    Maximum,
}

/// <summary>The statistic set of one byte metric (for example <c>DataReadBytes</c>) over one period.</summary>
/// <param name="Sum">The total bytes in the period.</param>
/// <param name="SampleCount">The number of operations in the period.</param>
/// <param name="Minimum">The smallest operation in bytes; 0 when <paramref name="SampleCount"/> is 0.</param>
/// <param name="Maximum">The largest operation in bytes; 0 when <paramref name="SampleCount"/> is 0.</param>
public readonly record struct MetricStatisticSet(long Sum, long SampleCount, long Minimum, long Maximum)
{
    /// <summary>Gets the empty statistic set of a period without operations.</summary>
    public static MetricStatisticSet Empty => default;

    /// <summary>Gets the mean bytes per operation, or 0 when the period had no operation.</summary>
    public double Average => SampleCount == 0 ? 0 : (double)Sum / SampleCount;

    /// <summary>Returns one statistic of the set.</summary>
    /// <param name="statistic">The statistic to return.</param>
    /// <returns>The value; <see langword="null"/> when the period had no operation (CloudWatch reports no datapoint).</returns>
    public double? Get(MetricStatistic statistic) => GaugeStatisticSet.Select(statistic, Sum, SampleCount, Minimum, Maximum);
}
