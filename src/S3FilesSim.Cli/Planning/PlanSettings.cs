using S3FilesSim.Import;

namespace S3FilesSim.Cli.Planning;

/// <summary>Everything <c>plan</c> was asked: the dataset source, the workload, the configuration under test, the
/// method's parameters and the outputs. Every default is printed with the plan.</summary>
internal sealed record PlanSettings
{
    /// <summary>Gets the local tree to plan for.</summary>
    public string? Source { get; init; }

    /// <summary>Gets the S3-compatible endpoint URL (or <c>aws</c>) of the bucket to list.</summary>
    public string? Endpoint { get; init; }

    /// <summary>Gets the bucket to list.</summary>
    public string? Bucket { get; init; }

    /// <summary>Gets the bucket's Region.</summary>
    public string Region { get; init; } = Environment.GetEnvironmentVariable("AWS_REGION") is { Length: > 0 } region ? region : "us-east-1";

    /// <summary>Gets the <c>aws s3 ls --recursive</c> output to plan for.</summary>
    public string? Listing { get; init; }

    /// <summary>Gets the S3 Inventory CSV to plan for.</summary>
    public string? Inventory { get; init; }

    /// <summary>Gets the inventory's field order (the manifest's <c>fileSchema</c>).</summary>
    public string InventorySchema { get; init; } = InventoryReader.DefaultSchema;

    /// <summary>Gets a value indicating whether an unparsable line or row stops the plan.</summary>
    public bool Strict { get; init; }

    /// <summary>Gets the workload.</summary>
    public Workload Workload { get; init; } = new();

    /// <summary>Gets the import data rules under test (the root rule's <c>SizeLessThan</c> is <c>--size-less-than</c>).</summary>
    public IReadOnlyList<ImportDataRule> ImportRules { get; init; } = [new ImportDataRule()];

    /// <summary>Gets the expiration window in days.</summary>
    /// <value>The default value is 30.</value>
    public int DaysAfterLastAccess { get; init; } = 30;

    /// <summary>Gets the smallest read request served straight from the bucket, in bytes.</summary>
    /// <value>The default value is 1,048,576.</value>
    public long DirectReadThreshold { get; init; } = 1_048_576;

    /// <summary>Gets the price file, or <see langword="null"/> for the built-in us-east-1 prices.</summary>
    public string? PricesPath { get; init; }

    /// <summary>Gets the simulated days; at least 60 and twice the expiration window.</summary>
    public int? Days { get; init; }

    /// <summary>Gets the seed of the sampling, the working-set draw and the simulation.</summary>
    /// <value>The default value is 1.</value>
    public int Seed { get; init; } = 1;

    /// <summary>Gets the most files simulated before sampling.</summary>
    /// <value>The default value is 20,000.</value>
    public int SampleFiles { get; init; } = 20_000;

    /// <summary>Gets the most bytes the simulation may hold or hash (high-performance storage, exports, the bucket's ETags) before sampling.</summary>
    /// <value>The default value is 1 GiB.</value>
    public long SampleBytes { get; init; } = 1L << 30;

    /// <summary>Gets the most read requests the simulation may serve before sampling.</summary>
    /// <value>The default value is 4,000,000.</value>
    public long SampleReads { get; init; } = 4_000_000;

    /// <summary>Gets the number of independent groups a sampled stratum is split into for the sampling error.</summary>
    /// <value>The default value is 8.</value>
    public int Groups { get; init; } = 8;

    /// <summary>Gets the JSON output path.</summary>
    public string? JsonPath { get; init; }

    /// <summary>Gets the HTML output path.</summary>
    public string? HtmlPath { get; init; }

    /// <summary>Gets the root import rule's size limit.</summary>
    public long SizeLessThan => ImportRules.First(rule => rule.Prefix.Length == 0).SizeLessThan;

    /// <summary>Gets the simulated days: the option, else max(60, 2 × the expiration window).</summary>
    public int SimulatedDays => Days ?? Math.Max(60, 2 * DaysAfterLastAccess);
}
