namespace S3FilesSim.ObjectStorage;

/// <summary>What an <see cref="IObjectStore"/> supports, so callers (the export engine) can choose a strategy.</summary>
/// <remarks>The in-memory store supports everything; an adapter for an S3-compatible server reports what that
/// server implements (e.g. no conditional writes: the export engine then uses HEAD-compare-then-PUT).</remarks>
public sealed record ObjectStoreCapabilities
{
    /// <summary>Gets everything the in-memory store supports: all flags set.</summary>
    public static ObjectStoreCapabilities All { get; } = new()
    {
        Versioning = true,
        ConditionalWrites = true,
        Multipart = true,
        UploadPartCopy = true,
        ArchiveRestore = true,
        EventNotifications = true,
    };

    /// <summary>Gets a value indicating whether the bucket keeps object versions and delete markers.</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool Versioning { get; init; }

    /// <summary>Gets a value indicating whether PUT, CopyObject and CompleteMultipartUpload honour <c>If-None-Match: *</c> and <c>If-Match</c> atomically.</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool ConditionalWrites { get; init; }

    /// <summary>Gets a value indicating whether multipart uploads are supported.</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool Multipart { get; init; }

    /// <summary>Gets a value indicating whether UploadPartCopy (server-side part copy) is supported.</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool UploadPartCopy { get; init; }

    /// <summary>Gets a value indicating whether archive storage classes and RestoreObject are modelled.</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool ArchiveRestore { get; init; }

    /// <summary>Gets a value indicating whether the store publishes bucket events (an <see cref="IBucketEventSource"/>).</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool EventNotifications { get; init; }
}
