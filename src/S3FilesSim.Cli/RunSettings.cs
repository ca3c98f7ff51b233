namespace S3FilesSim.Cli;

/// <summary>The parsed options of the <c>run</c> command.</summary>
internal sealed record RunSettings
{
    /// <summary>Gets the directory whose files become the bucket's objects; <see langword="null"/> for the bundled corpus.</summary>
    public string? Source { get; init; }

    /// <summary>Gets the scenario name.</summary>
    public string Scenario { get; init; } = Scenarios.ScenarioCatalog.DefaultName;

    /// <summary>Gets the simulation seed.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Gets the export commit delay.</summary>
    public TimeSpan CommitDelay { get; init; } = new Export.ExportOptions().CommitDelay;

    /// <summary>Gets the import size limit of the root import rule, in bytes.</summary>
    public long SizeLessThan { get; init; } = new Import.ImportDataRule().SizeLessThan;

    /// <summary>Gets the smallest read served straight from the bucket, in bytes.</summary>
    public long DirectReadThreshold { get; init; } = new FileSystem.FileSystemOptions().DirectReadThreshold;

    /// <summary>Gets the virtual time the scenario observes after its job.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>Gets whether to print the metrics at every sampled virtual second.</summary>
    public bool Timeline { get; init; }

    /// <summary>Gets the file the JSON report is written to, or <see langword="null"/>.</summary>
    public string? JsonPath { get; init; }

    /// <summary>Gets the S3-compatible endpoint URL (<c>aws</c> for Amazon S3), or <see langword="null"/> for the in-memory bucket.</summary>
    public string? Endpoint { get; init; }

    /// <summary>Gets the name of the versioned bucket on <see cref="Endpoint"/>.</summary>
    public string? Bucket { get; init; }

    /// <summary>Gets the Region of <see cref="Endpoint"/>.</summary>
    public string Region { get; init; } = Environment.GetEnvironmentVariable("AWS_REGION") is { Length: > 0 } region ? region : "us-east-1";
}
