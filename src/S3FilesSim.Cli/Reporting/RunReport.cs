using S3FilesSim.ReadPath;

namespace S3FilesSim.Cli.Reporting;

/// <summary>Everything one <c>run</c> measured; rendered as tables and written as JSON by <c>--json</c>.</summary>
internal sealed class RunReport
{
    public required string Scenario { get; init; }

    public required int Seed { get; init; }

    public required string Bucket { get; init; }

    public required string FileSystemId { get; init; }

    public required RunOptionsReport Options { get; init; }

    public LoadReport Load { get; set; } = new();

    public List<ViewSnapshot> Snapshots { get; } = [];

    public ReadTierStatistics ReadTiers { get; set; } = new();

    public SyncReport Sync { get; set; } = new();

    public List<MetricSample> Metrics { get; } = [];

    public CostEstimate Cost { get; set; } = new();

    public TimingReport Timing { get; set; } = new();

    public List<DocumentResult>? Documents { get; set; }

    public WalkResult? Walk { get; set; }

    public List<TierBySize>? ReadAll { get; set; }

    public ConflictResult? Conflicts { get; set; }

    public VisibilityResult? Visibility { get; set; }

    public List<string> Notes { get; } = [];
}

internal sealed record RunOptionsReport(string Source, double CommitDelaySeconds, long SizeLessThan, long DirectReadThreshold, double DurationSeconds);

internal sealed class LoadReport
{
    public string Source { get; set; } = string.Empty;

    public int Files { get; set; }

    public long Bytes { get; set; }

    public int SkippedDanglingLinks { get; set; }

    public int SkippedSpecialFiles { get; set; }

    public double WallMilliseconds { get; set; }

    public double FilesPerSecond => WallMilliseconds > 0 ? Files / (WallMilliseconds / 1000) : 0;
}

/// <summary>The file-system view and the bucket view at one instant of virtual time.</summary>
internal sealed record ViewSnapshot(string Label, double VirtualSeconds, IReadOnlyList<string> FileSystem, IReadOnlyList<string> Bucket);

internal sealed record SyncReport(
    long ExportedObjectVersions = 0,
    long ExportedDeletes = 0,
    long OtherClientWrites = 0,
    long OtherClientDeletes = 0,
    int PendingExports = 0,
    long ExportFailures = 0,
    long ImportFailures = 0,
    int LostAndFoundFiles = 0,
    long StorageBytes = 0,
    long Inodes = 0,
    int BucketObjects = 0);

/// <summary>The gauges of the file system and bucket at one virtual second.</summary>
internal sealed record MetricSample(
    double VirtualSeconds,
    int PendingExports,
    double ExportAgeSeconds,
    double ImportAgeSeconds,
    int LostAndFoundFiles,
    long StorageBytes,
    long Inodes,
    int BucketObjects);

internal sealed record CostLineEstimate(string Item, decimal Quantity, string Unit, decimal UnitPrice, decimal Amount);

internal sealed class CostEstimate
{
    public List<CostLineEstimate> Lines { get; } = [];

    public decimal Total => Lines.Sum(line => line.Amount);

    public string Basis { get; set; } = string.Empty;
}

internal sealed class TimingReport
{
    public double VirtualSeconds { get; set; }

    public double WallMilliseconds { get; set; }

    public double ScenarioWallMilliseconds { get; set; }

    public double SpeedUp => ScenarioWallMilliseconds > 0 ? VirtualSeconds / (ScenarioWallMilliseconds / 1000) : 0;
}

internal sealed record DocumentResult(string Name, long Bytes, int Lines, int Words, string MetadataPath, string MovedTo);

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
