namespace S3FilesSim.Telemetry;

/// <summary>The kind of a <see cref="SyncEvent"/> in the sync timeline.</summary>
public enum SyncEventKind
{
    /// <summary>A file, directory or symbolic link was exported to the bucket (PUT, copy, delete marker, directory marker).</summary>
    Export,

    /// <summary>An object's metadata or data was imported from the bucket (directory listing, on-demand read, event).</summary>
    Import,

    /// <summary>A bucket change event (object created or deleted) was delivered to the file system.</summary>
    EventDelivery,

    /// <summary>A file-system change conflicted with a bucket change; the bucket won.</summary>
    Conflict,

    /// <summary>A losing file was moved to the lost+found directory.</summary>
    LostAndFoundMove,

    /// <summary>File data expired from high-performance storage under an expiration data rule.</summary>
    Expiration,

    /// <summary>An export or import failed with a retryable error and was retried.</summary>
    Retry,

    /// <summary>An export or import failed permanently (counted in <c>ExportFailures</c> or <c>ImportFailures</c>).</summary>
    Failure,
}

/// <summary>One synchronization event between the file system and its bucket, as recorded in a <see cref="SyncTimeline"/>.</summary>
/// <remarks>Only the members that apply to the <see cref="Kind"/> are set; the rest are <see langword="null"/>.</remarks>
public sealed record SyncEvent
{
    /// <summary>Gets the position of the event in its timeline: 0 for the first event ever appended, then 1, 2, ...</summary>
    public long Sequence { get; init; }

    /// <summary>Gets the virtual instant of the event.</summary>
    public required DateTimeOffset Timestamp { get; init; }

    /// <summary>Gets the kind of event.</summary>
    public required SyncEventKind Kind { get; init; }

    /// <summary>Gets the file-system path concerned, for example <c>/inbox/a.txt</c>.</summary>
    public string? Path { get; init; }

    /// <summary>Gets the object key concerned, for example <c>inbox/a.txt</c>.</summary>
    public string? Key { get; init; }

    /// <summary>Gets the bucket version id the event produced or delivered (the new version of an export or import).</summary>
    public string? VersionId { get; init; }

    /// <summary>Gets the bucket version id the entry was based on before the event, for example the losing base of a conflict.</summary>
    public string? PreviousVersionId { get; init; }

    /// <summary>Gets the bytes moved by the event (exported or imported data), when it moved data.</summary>
    public long? Bytes { get; init; }

    /// <summary>Gets why the event happened, for example <c>ObjectCreated</c>, <c>BucketWins</c> or the lost+found path.</summary>
    public string? Reason { get; init; }

    /// <summary>Gets the error code of a retry or failure, for example an S3 error code or an S3 Files export error.</summary>
    public string? ErrorCode { get; init; }
}
