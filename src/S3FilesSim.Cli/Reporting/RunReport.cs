using S3FilesSim.ReadPath;

namespace S3FilesSim.Cli.Reporting;

/// <summary>Everything one <c>run</c> measured, from the library's own telemetry (metrics, alarms, sync timeline, cost
/// meter, modelled latency, read tiers); rendered as tables and written whole as JSON by <c>--json</c>.</summary>
internal sealed class RunReport
{
    public required string Scenario { get; init; }

    public required int Seed { get; init; }

    public required string Bucket { get; init; }

    public required string FileSystemId { get; init; }

    public required RunOptionsReport Options { get; init; }

    /// <summary>Gets or sets what the scenario took as its input, in words (the header prints it), or <see langword="null"/>.</summary>
    public string? ScenarioInput { get; set; }

    public LoadReport Load { get; set; } = new();

    public List<ViewSnapshot> Snapshots { get; } = [];

    public ReadTierStatistics ReadTiers { get; set; } = new();

    public SyncReport Sync { get; set; } = new();

    public List<MetricsPeriod> Metrics { get; set; } = [];

    public List<AlarmTransition> AlarmTransitions { get; set; } = [];

    public List<AlarmStatus> Alarms { get; set; } = [];

    public TimelineReport Timeline { get; set; } = new();

    public List<LatencyRow> Latency { get; set; } = [];

    public CostSection Cost { get; set; } = new();

    /// <summary>Gets or sets the requests the simulator made to a real bucket, by operation; <see langword="null"/> for the in-memory bucket.</summary>
    public RequestsReport? Requests { get; set; }

    public TimingReport Timing { get; set; } = new();

    public List<DocumentResult>? Documents { get; set; }

    public WalkResult? Walk { get; set; }

    public List<TierBySize>? ReadAll { get; set; }

    public ConflictResult? Conflicts { get; set; }

    public VisibilityResult? Visibility { get; set; }

    public List<string> Notes { get; } = [];
}

internal sealed record RunOptionsReport(string Source, double CommitDelaySeconds, long SizeLessThan, long DirectReadThreshold, double DurationSeconds);

/// <summary>What the load put in the bucket, and what it skipped.</summary>
internal sealed class LoadReport
{
    /// <summary>Gets or sets the full path of the source directory.</summary>
    public string Source { get; set; } = string.Empty;

    /// <summary>Gets or sets the regular files loaded as objects.</summary>
    public int Files { get; set; }

    /// <summary>Gets or sets the bytes of those files.</summary>
    public long Bytes { get; set; }

    /// <summary>Gets or sets the symbolic links loaded as symbolic-link objects (dangling ones and loops included).</summary>
    public int SymbolicLinks { get; set; }

    /// <summary>Gets or sets how many of <see cref="SymbolicLinks"/> point at nothing.</summary>
    public int DanglingSymbolicLinks { get; set; }

    /// <summary>Gets or sets how many of <see cref="SymbolicLinks"/> are part of a loop.</summary>
    public int SymbolicLinkLoops { get; set; }

    /// <summary>Gets or sets the empty directories loaded as <c>dir/</c> markers.</summary>
    public int EmptyDirectories { get; set; }

    /// <summary>Gets or sets the directories read, the root included.</summary>
    public int Directories { get; set; }

    /// <summary>Gets or sets the entries not loaded, by reason, with the first few paths of each.</summary>
    public List<Loading.SkippedEntries> Skipped { get; set; } = [];

    /// <summary>Gets the number of entries not loaded.</summary>
    public int SkippedTotal => Skipped.Sum(group => group.Count);

    /// <summary>Gets or sets the wall time of reading the tree (names, types, sizes), in milliseconds.</summary>
    public double WalkMilliseconds { get; set; }

    /// <summary>Gets or sets the wall time of the whole load, walk included, in milliseconds.</summary>
    public double WallMilliseconds { get; set; }

    /// <summary>Gets the first keys of regular files in key order (at most <see cref="FirstFileKeyCount"/>): scenarios that work
    /// on a few files take them from here, as a user who knows the tree would, instead of listing the whole tree.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public SortedSet<string> FirstFileKeys { get; } = new(StringComparer.Ordinal);

    /// <summary>The most keys <see cref="FirstFileKeys"/> keeps.</summary>
    internal const int FirstFileKeyCount = 12;

    /// <summary>Gets or sets the processor time of the whole process during the load (every core, garbage collection
    /// included), in milliseconds: on a busy machine it shows what the load costs when wall time does not.</summary>
    public double CpuMilliseconds { get; set; }

    /// <summary>Gets the objects stored per second of wall time, the walk included.</summary>
    public double FilesPerSecond => WallMilliseconds > 0 ? (Files + SymbolicLinks + EmptyDirectories) / (WallMilliseconds / 1000) : 0;
}

/// <summary>The file-system view and the bucket view at one instant of virtual time.</summary>
/// <remarks><c>UnlistedDirectories</c> are directories the file system has not listed from the bucket yet: their entries are not on it until a client looks.</remarks>
internal sealed record ViewSnapshot(string Label, double VirtualSeconds, IReadOnlyList<string> FileSystem, IReadOnlyList<string> Bucket, IReadOnlyList<string> UnlistedDirectories);

/// <summary>The synchronization at the end: counts of the sync timeline, and the file system's gauges.</summary>
internal sealed record SyncReport(
    long Exports = 0,
    long ExportedDeletes = 0,
    long Imports = 0,
    long Conflicts = 0,
    long LostAndFoundMoves = 0,
    long OtherClientWrites = 0,
    long OtherClientDeletes = 0,
    long PendingExports = 0,
    long ExportFailures = 0,
    long ImportFailures = 0,
    long LostAndFoundFiles = 0,
    long StorageBytes = 0,
    long Inodes = 0,
    int BucketObjects = 0);

/// <summary>One metrics period (normally one virtual minute) of the CloudWatch metrics of namespace <c>AWS/S3/Files</c>,
/// from <c>S3FilesFileSystem.MetricsHistory</c>; the last row is the period still open at the end of the run
/// (<c>Complete</c> false). <c>VirtualSeconds</c> is the end of the period in seconds since the scenario started; the
/// other members are the metrics of the same names: the CloudWatch Maximum over the period for the point-in-time metrics
/// (<c>PendingExports</c>, the ages, the failures, <c>LostAndFoundFiles</c>: every value they took in the period, so a
/// backlog that came and went inside a minute shows), the value for the storage metrics, and operations = the
/// SampleCount of the byte metrics.</summary>
internal sealed record MetricsPeriod(
    double VirtualSeconds,
    bool Complete,
    long PendingExports,
    double ExportAge,
    double ImportAge,
    long ExportFailures,
    long ImportFailures,
    long LostAndFoundFiles,
    long? StorageBytes,
    long? Inodes,
    long ClientConnections,
    long DataReadOperations,
    long DataReadBytes,
    long DataWriteOperations,
    long DataWriteBytes,
    long MetadataReadOperations,
    long MetadataWriteOperations);

/// <summary>An alarm changing state, from <c>AlarmEvaluator.StateChanged</c>.</summary>
internal sealed record AlarmTransition(double VirtualSeconds, string AlarmName, string MetricName, string OldState, string NewState, string Reason);

/// <summary>An alarm's state at the end of the run.</summary>
internal sealed record AlarmStatus(string AlarmName, string MetricName, string Comparison, double Threshold, int EvaluationPeriods, string State);

/// <summary>The sync timeline (<c>S3FilesFileSystem.Timeline</c>): counts by kind of every event (dropped ones included), and the kept events themselves with <c>--timeline</c>.</summary>
internal sealed class TimelineReport
{
    public long TotalEvents { get; set; }

    public long DroppedEvents { get; set; }

    public Dictionary<string, long> CountsByKind { get; set; } = [];

    /// <summary>Gets or sets what <c>--timeline</c> and <c>--timeline-path</c> selected, in words; <see langword="null"/> without <c>--timeline</c>.</summary>
    public string? Selection { get; set; }

    public List<TimelineEntry>? Events { get; set; }
}

/// <summary>One sync event, at a virtual time in seconds since the scenario started.</summary>
internal sealed record TimelineEntry(double VirtualSeconds, string Kind, string? Path, string? Key, string? VersionId, string? PreviousVersionId, long? Bytes, string? Reason, string? ErrorCode);

/// <summary>The modelled latency of one operation kind, in milliseconds, next to the published figure its default is calibrated to.</summary>
internal sealed record LatencyRow(string Operation, long Count, double MeanMilliseconds, double P50Milliseconds, double P90Milliseconds, double P99Milliseconds, double MaxMilliseconds, string PublishedFigure);

/// <summary>A line of the library's cost report (<c>S3FilesFileSystem.GetCostReport()</c>).</summary>
internal sealed record CostLineReport(string Kind, string Item, decimal Quantity, string Unit, decimal UnitPrice, decimal Amount);

/// <summary>The library's cost report for the run, split into what the run cost once and what recurs: the storage it
/// leaves behind, per 30-day month, under the printed assumptions. One-off work (the first import of what the run
/// touched, its first reads, the job's operations and exports) is never scaled to a month.</summary>
internal sealed class CostSection
{
    /// <summary>Gets or sets every line the cost meter billed over the run.</summary>
    public List<CostLineReport> Lines { get; set; } = [];

    /// <summary>Gets or sets the sum of <see cref="Lines"/>, in USD.</summary>
    public decimal Total { get; set; }

    /// <summary>Gets or sets the virtual time metered, in seconds.</summary>
    public double MeteredSeconds { get; set; }

    /// <summary>Gets or sets the one-off part of <see cref="Total"/>: every line but storage, in USD (recurs only if the job runs again).</summary>
    public decimal OneOff { get; set; }

    /// <summary>Gets or sets what the storage the run leaves behind costs per month from now on.</summary>
    public SteadyStateCost SteadyState { get; set; } = new();

    /// <summary>Gets or sets what <see cref="SteadyState"/> assumes, in words.</summary>
    public List<string> Assumptions { get; set; } = [];
}

/// <summary>The storage a run leaves behind, per 30-day month, with no further client activity.</summary>
internal sealed class SteadyStateCost
{
    /// <summary>Gets or sets the billable bytes resident on high-performance storage at the end (at least 10 KiB per file).</summary>
    public long HighPerformanceBytes { get; set; }

    /// <summary>Gets or sets the days after its last access that resident data expires (the expiration rule).</summary>
    public int ExpirationDays { get; set; }

    /// <summary>Gets or sets the high-performance storage cost of the first month, in USD (the data stays until it expires).</summary>
    public decimal HighPerformanceFirstMonth { get; set; }

    /// <summary>Gets or sets the bytes of every version in the bucket at the end; <see langword="null"/> when the bucket does not report them (a real bucket).</summary>
    public long? S3Bytes { get; set; }

    /// <summary>Gets or sets the S3 Standard storage cost of every month, in USD.</summary>
    public decimal S3Monthly { get; set; }

    /// <summary>Gets the first month's total, in USD.</summary>
    public decimal FirstMonth => HighPerformanceFirstMonth + S3Monthly;

    /// <summary>Gets the total of a month once the resident data has expired, in USD (the S3 storage alone: metadata on high-performance storage is not billed).</summary>
    public decimal AfterExpiration => S3Monthly;
}

internal sealed class TimingReport
{
    public double VirtualSeconds { get; set; }

    public double WallMilliseconds { get; set; }

    public double ScenarioWallMilliseconds { get; set; }

    public double SpeedUp => ScenarioWallMilliseconds > 0 ? VirtualSeconds / (ScenarioWallMilliseconds / 1000) : 0;
}

/// <summary>One document of the document pipeline: its counts and outputs, or the error that stopped it (the errno message of the failed call).</summary>
internal sealed record DocumentResult(string Name, long Bytes, long Lines, long Words, string MetadataPath, string MovedTo, string? Error = null);

internal sealed record WalkResult(int Directories, int Files, int Symlinks, long Bytes, long ReadDirectoryCalls, long StatCalls);

/// <summary>Which tiers served the reads of the files in one size class.</summary>
internal sealed record TierBySize(string Pass, string SizeClass, int Files, long Bytes, long HotTierReads, long BucketDirectReads, long BucketThenImportReads);

internal sealed record ConflictResult(
    IReadOnlyList<string> OverwrittenKeys,
    IReadOnlyList<string> DeletedKeys,
    int LostAndFoundFiles,
    string LostAndFoundDirectory,
    IReadOnlyList<string> LostAndFoundEntries);

internal sealed record LatencySummaryReport(int Count, double P50, double P95, double P99, double Max);

internal sealed record HistogramBin(string Label, int Count);

internal sealed record VisibilityResult(
    int Files,
    double WriteIntervalSeconds,
    LatencySummaryReport SecondMount,
    LatencySummaryReport Bucket,
    IReadOnlyList<HistogramBin> BucketHistogram);
