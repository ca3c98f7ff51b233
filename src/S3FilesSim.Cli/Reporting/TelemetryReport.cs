using S3FilesSim.Cost;
using S3FilesSim.FileSystem;
using S3FilesSim.Telemetry;

namespace S3FilesSim.Cli.Reporting;

/// <summary>
/// Fills the report from the library's own telemetry of the file system: the CloudWatch metrics history, the alarms, the
/// sync timeline, the modelled latency statistics and the cost meter
/// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-monitoring-cloudwatch.html,
/// https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-metering.html).
/// </summary>
internal sealed class TelemetryReport : IDisposable
{
    private readonly S3FilesFileSystem _fileSystem;
    private readonly DateTimeOffset _start;
    private readonly Func<DateTimeOffset> _now;
    private readonly List<AlarmTransition> _transitions = [];
    private readonly PriceTable _prices;
    private readonly bool _bucketReportsStorage;

    /// <summary>Starts recording the alarm transitions of <paramref name="fileSystem"/> at the virtual time <paramref name="now"/>
    /// returns when each is raised; times are seconds after <paramref name="start"/>; costs use <paramref name="prices"/> (us-east-1 by default).</summary>
    internal TelemetryReport(S3FilesFileSystem fileSystem, DateTimeOffset start, Func<DateTimeOffset> now, PriceTable? prices = null)
    {
        _fileSystem = fileSystem;
        _prices = prices ?? PriceTable.UsEast1;
        _bucketReportsStorage = fileSystem.Bucket is ObjectStorage.IStorageUsage;
        _start = start;
        _now = now;
        fileSystem.Alarms.StateChanged += OnAlarmStateChanged;
    }

    /// <summary>Fills the telemetry sections of <paramref name="report"/>; the events of the timeline that <paramref name="timeline"/> selects, in its order, when it is not <see langword="null"/>.</summary>
    internal void Fill(RunReport report, TimelineSelection? timeline, long otherClientWrites, long otherClientDeletes, int bucketObjects)
    {
        var fs = _fileSystem;
        report.Metrics = [.. fs.MetricsHistory.Select(m => Period(m, complete: true)), Period(fs.GetMetricsSnapshot(), complete: false)];
        lock (_transitions)
        {
            report.AlarmTransitions = [.. _transitions];
        }

        report.Alarms = [.. fs.Alarms.Alarms.Select(a => new AlarmStatus(a.AlarmName, a.MetricName, a.ComparisonOperator.ToString(), a.Threshold, a.EvaluationPeriods, fs.Alarms.GetState(a.AlarmName).ToString()))];
        var events = fs.Timeline.Query();
        var counts = Enum.GetValues<SyncEventKind>().ToDictionary(kind => kind, fs.Timeline.TotalAppendedOf);
        report.Timeline = new TimelineReport
        {
            TotalEvents = fs.Timeline.TotalAppended,
            DroppedEvents = fs.Timeline.DroppedCount,
            CountsByKind = counts.ToDictionary(c => c.Key.ToString(), c => c.Value),
            Selection = timeline?.Describe(),
            Events = timeline is null ? null : [.. timeline.Apply(events).Select(Entry)],
        };
        var cost = fs.GetCostReport();
        report.Sync = new SyncReport(
            counts[SyncEventKind.Export],
            (long)(cost[CostLineKind.S3DeleteRequests].Quantity * 1000),
            counts[SyncEventKind.Import],
            counts[SyncEventKind.Conflict],
            counts[SyncEventKind.LostAndFoundMove],
            otherClientWrites,
            otherClientDeletes,
            fs.PendingExports,
            fs.ExportFailures,
            fs.ImportFailures,
            fs.LostAndFoundFiles,
            fs.StorageBytes,
            fs.Inodes,
            bucketObjects);
        report.Latency = [.. fs.Latency.GetSummaries().Select(s => new LatencyRow(
            s.Kind.ToString(), s.Count, s.Mean.TotalMilliseconds, s.P50.TotalMilliseconds, s.P90.TotalMilliseconds, s.P99.TotalMilliseconds, s.Max.TotalMilliseconds, PublishedFigure(s.Kind)))];
        report.ReadTiers = fs.ReadStatistics;
        report.Cost = Cost(cost);
    }

    /// <inheritdoc />
    public void Dispose() => _fileSystem.Alarms.StateChanged -= OnAlarmStateChanged;

    /// <summary>Returns the published figure the default of <paramref name="kind"/> is calibrated to (docs/SEMANTICS.md, "Modelled latency").</summary>
    internal static string PublishedFigure(OperationKind kind) => kind switch
    {
        OperationKind.MetadataRead => "~1 ms for active data (AWS News Blog, S3 Files launch)",
        OperationKind.CachedMetadataRead => "inside a 10,000-entry ls -l of 905 ms (calibration article, medium-file table)",
        OperationKind.MetadataWrite => "inside a 10 MB write of 12.8 ms (calibration article, medium-file table)",
        OperationKind.Rename => "5.7 ms: 20 renames in 114 ms (calibration article, medium-file table)",
        OperationKind.ReadDirectory => "10,000 entries in 905 ms (calibration article, medium-file table)",
        OperationKind.FirstDirectoryAccess => "several seconds for 1,000 objects; 2,400 objects/s (AWS S3 Files synchronization and performance pages)",
        OperationKind.HotRead => "10 MB in 6.95 ms: 20 in 139 ms (calibration article, medium-file table)",
        OperationKind.CachedRead => "none (the client's page cache)",
        OperationKind.ColdRead => "10 MB first read in 319 ms (chaosreload hands-on lab, 2026-04-08; not met)",
        OperationKind.DirectRead => "first byte 15-30 ms, 3 GiB/s per client (AWS S3 Files performance page)",
        OperationKind.Write => "10 MB in 12.8 ms: 20 in 256 ms (calibration article, medium-file table)",
        _ => "none published",
    };

    /// <summary>The run's cost split into one-off work and the storage it leaves behind per 30-day month
    /// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-metering.html): resident data bills until it
    /// expires, the bucket's versions every month, and nothing else recurs without clients.</summary>
    private CostSection Cost(CostReport cost)
    {
        var storageKinds = new[] { CostLineKind.HighPerformanceStorage, CostLineKind.S3Storage };
        var expirationDays = _fileSystem.GetSynchronizationConfiguration().ExpirationDataRules[0].DaysAfterLastAccess;
        var month = _prices.BillingMonth.TotalDays;
        var gigabytes = (decimal)_prices.BytesPerGB;
        var s3Bytes = _bucketReportsStorage ? cost.S3StorageBytes : (long?)null;
        var steady = new SteadyStateCost
        {
            HighPerformanceBytes = cost.HighPerformanceStorageBytes,
            ExpirationDays = expirationDays,
            HighPerformanceFirstMonth = cost.HighPerformanceStorageBytes / gigabytes * _prices.HighPerformanceStoragePerGBMonth * (decimal)Math.Min(1, expirationDays / month),
            S3Bytes = s3Bytes,
            S3Monthly = (s3Bytes ?? 0) / gigabytes * _prices.S3StandardStoragePerGBMonth,
        };
        return new CostSection
        {
            Lines = [.. cost.Lines.Select(l => new CostLineReport(l.Kind.ToString(), l.Description, l.Quantity, l.Unit, l.UnitPrice, l.Amount))],
            Total = cost.Total,
            MeteredSeconds = cost.Elapsed.TotalSeconds,
            OneOff = cost.Lines.Where(l => !storageKinds.Contains(l.Kind)).Sum(l => l.Amount),
            SteadyState = steady,
            Assumptions =
            [
                "no client activity after the run: nothing is read, written, imported or exported again, and no request recurs (no revalidation sweeps)",
                $"resident data stays on high-performance storage until it expires {Format.Count(expirationDays, "day")} after its last access (the expiration rule); metadata there is not billed",
                s3Bytes is null ? "the bucket's storage is billed by S3 itself and is not known here" : "the bucket keeps every version it holds now (no lifecycle rule)",
                $"prices: {_prices.HighPerformanceStoragePerGBMonth} USD per GB-month of high-performance storage, {_prices.S3StandardStoragePerGBMonth} USD per GB-month of S3 Standard, a GB = {_prices.BytesPerGB:N0} bytes, a month = {month:0} days",
            ],
        };
    }

    private MetricsPeriod Period(FileSystemMetrics m, bool complete) => new(
        Seconds(m.Timestamp + m.Period),
        complete,
        (long)Maximum(m, "PendingExports"),
        Maximum(m, "ExportAge"),
        Maximum(m, "ImportAge"),
        (long)Maximum(m, "ExportFailures"),
        (long)Maximum(m, "ImportFailures"),
        (long)Maximum(m, "LostAndFoundFiles"),
        m.StorageBytes,
        m.Inodes,
        m.ClientConnections,
        m.DataReadBytes.SampleCount,
        m.DataReadBytes.Sum,
        m.DataWriteBytes.SampleCount,
        m.DataWriteBytes.Sum,
        m.MetadataReadBytes.SampleCount,
        m.MetadataWriteBytes.SampleCount);

    /// <summary>The CloudWatch Maximum of a point-in-time metric over the period: every value it took, not only the one at the end.</summary>
    private static double Maximum(FileSystemMetrics m, string metricName) => m.GetValue(metricName, MetricStatistic.Maximum) ?? 0;

    private TimelineEntry Entry(SyncEvent e) =>
        new(Seconds(e.Timestamp), e.Kind.ToString(), e.Path, e.Key, e.VersionId, e.PreviousVersionId, e.Bytes, e.Reason, e.ErrorCode);

    private double Seconds(DateTimeOffset at) => (at - _start).TotalSeconds;

    private void OnAlarmStateChanged(object? sender, AlarmStateChange change)
    {
        lock (_transitions)
        {
            _transitions.Add(new AlarmTransition(Seconds(_now()), change.AlarmName, change.MetricName, change.OldState.ToString(), change.NewState.ToString(), change.Reason));
        }
    }
}
