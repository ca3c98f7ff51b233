namespace S3FilesSim.Telemetry;

/// <summary>
/// The statistics of one point-in-time metric (for example <c>PendingExports</c> or <c>ExportAge</c>) over one period,
/// from the samples taken as the value changed during the period and at its end, as CloudWatch computes the statistics
/// of a datapoint built from several values
/// (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/cloudwatch_concepts.html#Statistic).
/// </summary>
/// <param name="Sum">The sum of the samples.</param>
/// <param name="SampleCount">The number of samples; at least 1 (the value at the end of the period).</param>
/// <param name="Minimum">The smallest sample.</param>
/// <param name="Maximum">The largest sample: a backlog that came and went inside the period shows here.</param>
public readonly record struct GaugeStatisticSet(double Sum, long SampleCount, double Minimum, double Maximum)
{
    /// <summary>Gets the mean of the samples (Sum / SampleCount), or 0 without samples.</summary>
    public double Average => SampleCount == 0 ? 0 : Sum / SampleCount;

    /// <summary>Returns one statistic of the set.</summary>
    /// <param name="statistic">The statistic to return.</param>
    /// <returns>The value; <see langword="null"/> without samples.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="statistic"/> is not a defined statistic.</exception>
    public double? Get(MetricStatistic statistic) => Select(statistic, Sum, SampleCount, Minimum, Maximum);

    /// <summary>Returns one statistic of a set given by its parts; <see langword="null"/> without samples.</summary>
    internal static double? Select(MetricStatistic statistic, double sum, long sampleCount, double minimum, double maximum) => sampleCount == 0
        ? null
        : statistic switch
        {
            MetricStatistic.Sum => sum,
            MetricStatistic.SampleCount => sampleCount,
            MetricStatistic.Average => sum / sampleCount,
            MetricStatistic.Minimum => minimum,
            MetricStatistic.Maximum => maximum,
            _ => throw new ArgumentOutOfRangeException(nameof(statistic), statistic, "Unknown statistic."),
        };
}
