namespace S3FilesSim.ObjectStorage;

/// <summary>One immutable version or delete marker of a key, as the in-memory store holds it.</summary>
internal sealed class StoredVersion
{
    private StoredVersion(VersionId versionId, DateTimeOffset lastModified, ObjectMetadata? metadata, ObjectContent? content)
    {
        VersionId = versionId;
        LastModified = lastModified;
        Metadata = metadata;
        Content = content;
        if (metadata is not null)
        {
            FoundHead = new HeadObjectResult { Status = ObjectReadStatus.Found, Object = metadata };
        }
    }

    public VersionId VersionId { get; }

    public DateTimeOffset LastModified { get; }

    /// <summary>Gets the object's metadata, or <see langword="null"/> for a delete marker.</summary>
    public ObjectMetadata? Metadata { get; }

    /// <summary>Gets the bytes, or <see langword="null"/> for a delete marker.</summary>
    public ObjectContent? Content { get; }

    /// <summary>Gets the cached HeadObject answer for this version.</summary>
    public HeadObjectResult? FoundHead { get; }

    public bool IsDeleteMarker => Metadata is null;

    public static StoredVersion Object(ObjectMetadata metadata, ObjectContent content) =>
        new(metadata.VersionId, metadata.LastModified, metadata, content);

    public static StoredVersion DeleteMarker(VersionId versionId, DateTimeOffset lastModified) =>
        new(versionId, lastModified, null, null);

    public StoredVersion WithMetadata(ObjectMetadata metadata) => new(VersionId, LastModified, metadata, Content);

    public ObjectVersion ToListEntry(string key, bool isLatest) => new(
        key,
        VersionId,
        isLatest,
        IsDeleteMarker,
        Metadata?.ETag,
        Metadata?.ContentLength ?? 0,
        LastModified,
        Metadata?.StorageClass ?? StorageClass.Standard);
}
