using System.Globalization;

namespace S3FilesSim.Telemetry;

/// <summary>How an alarm compares a datapoint with its threshold, named as in CloudWatch <c>PutMetricAlarm</c>.</summary>
public enum ComparisonOperator
{
    /// <summary>The datapoint is greater than the threshold.</summary>
    GreaterThanThreshold,

    /// <summary>The datapoint is greater than or equal to the threshold.</summary>
    GreaterThanOrEqualToThreshold,

    /// <summary>The datapoint is less than the threshold.</summary>
    LessThanThreshold,

    /// <summary>The datapoint is less than or equal to the threshold.</summary>
    LessThanOrEqualToThreshold,
}

/// <summary>The state of an alarm.</summary>
public enum AlarmState
{
    /// <summary>Fewer than <see cref="MetricAlarm.DatapointsToAlarm"/> of the evaluated datapoints breach; the initial state.</summary>
    Ok,

    /// <summary>At least <see cref="MetricAlarm.DatapointsToAlarm"/> of the last <see cref="MetricAlarm.EvaluationPeriods"/> datapoints breach.</summary>
    Alarm,
}

/// <summary>
/// A CloudWatch-style metric alarm on one S3 Files metric: it goes to ALARM when <see cref="DatapointsToAlarm"/> of the
/// last <see cref="EvaluationPeriods"/> one-minute datapoints breach the threshold, and back to OK when they no longer do.
/// </summary>
/// <remarks>
/// Semantics follow https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html with
/// <c>TreatMissingData = ignore</c>: a period without a datapoint (a storage metric between its 15-minute publications,
/// a byte metric without operations) is skipped and the alarm keeps its state.
/// </remarks>
public sealed record MetricAlarm
{
    /// <summary>Gets the alarm name, unique within an <see cref="AlarmEvaluator"/>.</summary>
    public required string AlarmName { get; init; }

    /// <summary>Gets the CloudWatch name of the metric watched, for example <c>PendingExports</c>.</summary>
    public required string MetricName { get; init; }

    /// <summary>Gets the statistic of each period's datapoint.</summary>
    /// <value>The default value is <see cref="MetricStatistic.Maximum"/>.</value>
    public MetricStatistic Statistic { get; init; } = MetricStatistic.Maximum;

    /// <summary>Gets how a datapoint is compared with <see cref="Threshold"/>.</summary>
    /// <value>The default value is <see cref="ComparisonOperator.GreaterThanThreshold"/>.</value>
    public ComparisonOperator ComparisonOperator { get; init; } = ComparisonOperator.GreaterThanThreshold;

    /// <summary>Gets the threshold, in the metric's unit.</summary>
    /// <value>The default value is 0.</value>
    public double Threshold { get; init; }

    /// <summary>Gets the number of most recent datapoints evaluated; at least 1.</summary>
    /// <value>The default value is 1.</value>
    public int EvaluationPeriods { get; init; } = 1;

    /// <summary>Gets how many of the evaluated datapoints must breach to alarm; 1 to <see cref="EvaluationPeriods"/>.</summary>
    /// <value>The default value is <see langword="null"/>: equal to <see cref="EvaluationPeriods"/>.</value>
    public int? DatapointsToAlarm { get; init; }

    /// <summary>
    /// Gets the alarms the S3 Files guidance recommends: <c>LostAndFoundFiles</c> &gt; 0, <c>ExportFailures</c> &gt; 0 and
    /// <c>ImportFailures</c> &gt; 0 on one datapoint, and <c>PendingExports</c> &gt; 0 for 10 consecutive 1-minute periods.
    /// </summary>
    /// <remarks>Sources: https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-best-practices.html and
    /// https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-monitoring-cloudwatch.html.</remarks>
    public static IReadOnlyList<MetricAlarm> Recommended { get; } =
    [
        new() { AlarmName = "S3Files-LostAndFoundFiles", MetricName = MetricDefinitions.LostAndFoundFiles },
        new() { AlarmName = "S3Files-ExportFailures", MetricName = MetricDefinitions.ExportFailures },
        new() { AlarmName = "S3Files-ImportFailures", MetricName = MetricDefinitions.ImportFailures },
        new() { AlarmName = "S3Files-PendingExports", MetricName = MetricDefinitions.PendingExports, EvaluationPeriods = 10 },
    ];

    internal int EffectiveDatapointsToAlarm => DatapointsToAlarm ?? EvaluationPeriods;

    internal bool Breaches(double value) => ComparisonOperator switch
    {
        ComparisonOperator.GreaterThanThreshold => value > Threshold,
        ComparisonOperator.GreaterThanOrEqualToThreshold => value >= Threshold,
        ComparisonOperator.LessThanThreshold => value < Threshold,
        ComparisonOperator.LessThanOrEqualToThreshold => value <= Threshold,
        _ => throw new InvalidOperationException($"Unknown comparison operator {ComparisonOperator}."),
    };

    internal string DescribeComparison() => ComparisonOperator switch
    {
        ComparisonOperator.GreaterThanThreshold => "greater than",
        ComparisonOperator.GreaterThanOrEqualToThreshold => "greater than or equal to",
        ComparisonOperator.LessThanThreshold => "less than",
        _ => "less than or equal to",
    };

    internal void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(AlarmName, nameof(AlarmName));
        if (MetricDefinitions.Find(MetricName) is null)
        {
            throw new ArgumentException($"Alarm '{AlarmName}': '{MetricName}' is not an S3 Files CloudWatch metric.", nameof(MetricName));
        }

        if (EvaluationPeriods < 1 || EffectiveDatapointsToAlarm < 1 || EffectiveDatapointsToAlarm > EvaluationPeriods)
        {
            throw new ArgumentException(
                $"Alarm '{AlarmName}': EvaluationPeriods must be at least 1 and DatapointsToAlarm between 1 and EvaluationPeriods; " +
                $"they were {EvaluationPeriods} and {EffectiveDatapointsToAlarm.ToString(CultureInfo.InvariantCulture)}.",
                nameof(EvaluationPeriods));
        }
    }
}

/// <summary>A transition of a <see cref="MetricAlarm"/> between OK and ALARM.</summary>
/// <param name="AlarmName">The alarm's name.</param>
/// <param name="MetricName">The metric the alarm watches.</param>
/// <param name="OldState">The state before the evaluation.</param>
/// <param name="NewState">The state after it.</param>
/// <param name="Timestamp">The timestamp of the datapoint that caused the change (its period start), in virtual time.</param>
/// <param name="Reason">A CloudWatch-style reason, for example "Threshold Crossed: 10 out of the last 10 datapoints were greater than the threshold (0).".</param>
public sealed record AlarmStateChange(string AlarmName, string MetricName, AlarmState OldState, AlarmState NewState, DateTimeOffset Timestamp, string Reason);
