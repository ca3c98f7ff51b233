namespace S3FilesSim.Telemetry;

/// <summary>Options of a file system's telemetry: metric periods and history, EMF output, alarms, sync timeline and latency model.</summary>
public sealed record TelemetryOptions
{
    /// <summary>Gets a value indicating whether the file system records metrics, the sync timeline, latencies and costs;
    /// when <see langword="false"/> nothing is recorded and the telemetry accessors of the file system throw.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool Enabled { get; init; } = true;

    /// <summary>Gets the period of the metric snapshots (CloudWatch publishes S3 Files metrics every minute).</summary>
    /// <value>The default value is 1 minute.</value>
    public TimeSpan MetricsPeriod { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Gets how often <c>StorageBytes</c> and <c>Inodes</c> are published; a multiple of <see cref="MetricsPeriod"/>.</summary>
    /// <value>The default value is 15 minutes, as the service publishes storage metrics.</value>
    public TimeSpan StorageMetricsPeriod { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>Gets the least virtual time between two samples of the point-in-time metrics (<c>PendingExports</c>, the ages,
    /// the failure counts, <c>LostAndFoundFiles</c>, <c>ClientConnections</c>) taken as background work runs, for their
    /// per-period Maximum, Minimum, Sum and SampleCount (<see cref="FileSystemMetrics.GaugeStatistics"/>); zero samples
    /// before every piece of background work. The value at the end of each period is always sampled.</summary>
    /// <value>The default value is 100 ms.</value>
    public TimeSpan GaugeSampleInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Gets how many past snapshots are kept for reading; older ones are dropped.</summary>
    /// <value>The default value is 1,440 (one day of one-minute snapshots).</value>
    public int MetricsHistoryCapacity { get; init; } = 1440;

    /// <summary>Gets where each snapshot is written as EMF JSON lines, for example a file the CloudWatch agent tails.</summary>
    /// <value>The default value is <see langword="null"/>: no EMF text output.</value>
    public TextWriter? EmfOutput { get; init; }

    /// <summary>Gets a value indicating whether each snapshot is also logged as EMF records through the simulation's logger factory.</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool WriteEmfToLogger { get; init; }

    /// <summary>Gets how EMF records encode the byte metrics.</summary>
    /// <value>The default value is <see cref="EmfStatisticEncoding.ValueArray"/>, the form the EMF specification defines.</value>
    public EmfStatisticEncoding EmfStatisticEncoding { get; init; } = EmfStatisticEncoding.ValueArray;

    /// <summary>Gets the alarms evaluated on every snapshot.</summary>
    /// <value>The default value is <see cref="MetricAlarm.Recommended"/>.</value>
    public IReadOnlyList<MetricAlarm> Alarms { get; init; } = MetricAlarm.Recommended;

    /// <summary>Gets how many sync events the timeline keeps; older ones are dropped and counted.</summary>
    /// <value>The default value is 100,000 (<see cref="SyncTimeline.DefaultCapacity"/>).</value>
    public int TimelineCapacity { get; init; } = SyncTimeline.DefaultCapacity;

    /// <summary>Gets the latency profile of the modelled operation latencies.</summary>
    /// <value>The default value is an EC2 client in the file system's Region (<see cref="LatencyProfile"/> defaults).</value>
    public LatencyProfile Latency { get; init; } = new();

    internal void Validate()
    {
        if (MetricsPeriod <= TimeSpan.Zero)
        {
            throw new ArgumentException($"{nameof(MetricsPeriod)} must be positive; it was {MetricsPeriod}.", nameof(MetricsPeriod));
        }

        if (GaugeSampleInterval < TimeSpan.Zero)
        {
            throw new ArgumentException($"{nameof(GaugeSampleInterval)} must not be negative; it was {GaugeSampleInterval}.", nameof(GaugeSampleInterval));
        }

        if (StorageMetricsPeriod < MetricsPeriod || StorageMetricsPeriod.Ticks % MetricsPeriod.Ticks != 0)
        {
            throw new ArgumentException(
                $"{nameof(StorageMetricsPeriod)} must be a multiple of {nameof(MetricsPeriod)} ({MetricsPeriod}); it was {StorageMetricsPeriod}.",
                nameof(StorageMetricsPeriod));
        }

        if (MetricsHistoryCapacity < 1)
        {
            throw new ArgumentException($"{nameof(MetricsHistoryCapacity)} must be at least 1; it was {MetricsHistoryCapacity}.", nameof(MetricsHistoryCapacity));
        }

        if (TimelineCapacity < 1)
        {
            throw new ArgumentException($"{nameof(TimelineCapacity)} must be at least 1; it was {TimelineCapacity}.", nameof(TimelineCapacity));
        }

        ArgumentNullException.ThrowIfNull(Alarms, nameof(Alarms));
        ArgumentNullException.ThrowIfNull(Latency, nameof(Latency));
        foreach (var alarm in Alarms)
        {
            ArgumentNullException.ThrowIfNull(alarm, nameof(Alarms));
            alarm.Validate();
        }

        Latency.Validate();
    }
}
