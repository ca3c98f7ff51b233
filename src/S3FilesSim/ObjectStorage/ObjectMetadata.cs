namespace S3FilesSim.ObjectStorage;

/// <summary>What HeadObject returns about one object version: key, version id, ETag, size, type, time, storage class, user metadata and archive state.</summary>
/// <remarks>See https://docs.aws.amazon.com/AmazonS3/latest/API/API_HeadObject.html.</remarks>
public sealed class ObjectMetadata
{
    /// <summary>Gets the object key.</summary>
    public required string Key { get; init; }

    /// <summary>Gets the version id (<see cref="VersionId.Null"/> when written without versioning).</summary>
    public required VersionId VersionId { get; init; }

    /// <summary>Gets the entity tag.</summary>
    public required ETag ETag { get; init; }

    /// <summary>Gets the object's size in bytes.</summary>
    public required long ContentLength { get; init; }

    /// <summary>Gets the Content-Type.</summary>
    /// <value>The default value is <c>binary/octet-stream</c>, what S3 stores when none is given.</value>
    public string ContentType { get; init; } = ObjectStoreDefaults.ContentType;

    /// <summary>Gets when the version was written, from the store's clock.</summary>
    public required DateTimeOffset LastModified { get; init; }

    /// <summary>Gets the storage class.</summary>
    /// <value>The default value is <see cref="StorageClass.Standard"/>.</value>
    public StorageClass StorageClass { get; init; } = StorageClass.Standard;

    /// <summary>Gets the user-defined metadata (<c>x-amz-meta-*</c> without the prefix); keys are lower case and looked up case-insensitively.</summary>
    /// <value>The default value is an empty dictionary.</value>
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = ObjectStoreDefaults.EmptyMetadata;

    /// <summary>Gets the Intelligent-Tiering archive tier the object is in, or <see langword="null"/> when it is not in one (<c>x-amz-archive-status</c>).</summary>
    public IntelligentTieringAccessTier? ArchiveStatus { get; init; }

    /// <summary>Gets a value indicating whether a restore of this archived version is in progress (<c>x-amz-restore: ongoing-request="true"</c>).</summary>
    public bool RestoreInProgress { get; init; }

    /// <summary>Gets when the restored copy of an archived version expires, or <see langword="null"/> when there is none.</summary>
    public DateTimeOffset? RestoreExpiresAt { get; init; }

    /// <summary>Gets a value indicating whether a GET of this version fails with <c>InvalidObjectState</c> until it is restored.</summary>
    public bool IsArchived => (StorageClass.IsArchive && RestoreExpiresAt is null) || ArchiveStatus is IntelligentTieringAccessTier.ArchiveAccess or IntelligentTieringAccessTier.DeepArchiveAccess;
}

/// <summary>The defaults S3 applies, shared by the object-store implementations.</summary>
public static class ObjectStoreDefaults
{
    /// <summary>The Content-Type of an object written without one: <c>binary/octet-stream</c>, as S3 stores it.</summary>
    public const string ContentType = "binary/octet-stream";

    /// <summary>The user metadata of an object written without any: empty, case-insensitive.</summary>
    public static readonly IReadOnlyDictionary<string, string> EmptyMetadata =
        new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase).AsReadOnly();
}
