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

    /// <summary>Gets the kinds of sync events <c>--timeline</c> prints: empty for every kind, <see langword="null"/> when the timeline is not printed.</summary>
    public IReadOnlySet<Telemetry.SyncEventKind>? TimelineKinds { get; init; }

    /// <summary>Gets the path <c>--timeline-path</c> restricts the printed timeline to (that path and everything under it), or <see langword="null"/>.</summary>
    public string? TimelinePath { get; init; }

    /// <summary>Gets whether the sync timeline is printed.</summary>
    public bool Timeline => TimelineKinds is not null || TimelinePath is not null;

    /// <summary>Gets whether the report shows the file-system and bucket views of the scenario (<c>--no-views</c> leaves them out);
    /// views are read through the file system's observer, so they change no other figure of the report.</summary>
    public bool Views { get; init; } = true;

    /// <summary>Gets the file the JSON report is written to, or <see langword="null"/>.</summary>
    public string? JsonPath { get; init; }

    /// <summary>Gets the S3-compatible endpoint URL (<c>aws</c> for Amazon S3), or <see langword="null"/> for the in-memory bucket.</summary>
    public string? Endpoint { get; init; }

    /// <summary>Gets the name of the versioned bucket on <see cref="Endpoint"/>.</summary>
    public string? Bucket { get; init; }

    /// <summary>Gets the Region of <see cref="Endpoint"/>.</summary>
    public string Region { get; init; } = Environment.GetEnvironmentVariable("AWS_REGION") is { Length: > 0 } region ? region : "us-east-1";

    /// <summary>Gets the change source of a real bucket: <c>poll</c>, <c>sqs</c> or <c>push</c>; <see langword="null"/> for the default (<c>sqs</c> with <see cref="QueueUrl"/>, else <c>poll</c>).</summary>
    public string? Changes { get; init; }

    /// <summary>Gets the URL of an SQS queue the bucket's notifications already go to (<c>--changes sqs</c>); <see langword="null"/> to create one.</summary>
    public string? QueueUrl { get; init; }
}
