namespace S3FilesSim.ObjectStorage;

/// <summary>A PutObject request: write a whole object, optionally only if a precondition holds.</summary>
/// <remarks>See https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutObject.html and
/// https://docs.aws.amazon.com/AmazonS3/latest/userguide/conditional-writes.html.</remarks>
public sealed record PutObjectRequest
{
    /// <summary>Gets the key: 1 to 1,024 UTF-8 bytes.</summary>
    public required string Key { get; init; }

    /// <summary>Gets the body; content that is not <see cref="ObjectContent.IsImmutable"/> is copied when written.</summary>
    public required ObjectContent Content { get; init; }

    /// <summary>Gets the user-defined metadata; keys are stored lower case; keys and values together at most 2,048 UTF-8 bytes.</summary>
    /// <value>The default value is <see langword="null"/>: no user metadata.</value>
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }

    /// <summary>Gets the Content-Type.</summary>
    /// <value>The default value is <see langword="null"/>: <c>binary/octet-stream</c>.</value>
    public string? ContentType { get; init; }

    /// <summary>Gets the storage class.</summary>
    /// <value>The default value is <see langword="null"/>: <see cref="StorageClass.Standard"/>.</value>
    public StorageClass? StorageClass { get; init; }

    /// <summary>Gets the <c>If-Match</c> precondition: write only if the current object has this ETag.</summary>
    /// <value>The default value is <see langword="null"/>: no precondition.</value>
    public ETag? IfMatch { get; init; }

    /// <summary>Gets the <c>If-None-Match</c> precondition; only <see cref="ETag.Any"/> (write only if the key has no current object) is supported.</summary>
    /// <value>The default value is <see langword="null"/>: no precondition.</value>
    public ETag? IfNoneMatch { get; init; }
}

/// <summary>A GetObject request: read an object version, a byte range of it, optionally only if a precondition holds.</summary>
/// <remarks>See https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObject.html.</remarks>
public sealed record GetObjectRequest
{
    /// <summary>Gets the key.</summary>
    public required string Key { get; init; }

    /// <summary>Gets the version to read.</summary>
    /// <value>The default value is <see langword="null"/>: the latest version.</value>
    public VersionId? VersionId { get; init; }

    /// <summary>Gets the byte range to read.</summary>
    /// <value>The default value is <see langword="null"/>: the whole object.</value>
    public ByteRange? Range { get; init; }

    /// <summary>Gets the <c>If-Match</c> precondition (412 when the ETag differs).</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public ETag? IfMatch { get; init; }

    /// <summary>Gets the <c>If-None-Match</c> precondition (304 when the ETag matches).</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public ETag? IfNoneMatch { get; init; }
}

/// <summary>A HeadObject request: read an object version's metadata, optionally only if a precondition holds.</summary>
/// <remarks>See https://docs.aws.amazon.com/AmazonS3/latest/API/API_HeadObject.html.</remarks>
public sealed record HeadObjectRequest
{
    /// <summary>Gets the key.</summary>
    public required string Key { get; init; }

    /// <summary>Gets the version to read.</summary>
    /// <value>The default value is <see langword="null"/>: the latest version.</value>
    public VersionId? VersionId { get; init; }

    /// <summary>Gets the <c>If-Match</c> precondition (412 when the ETag differs).</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public ETag? IfMatch { get; init; }

    /// <summary>Gets the <c>If-None-Match</c> precondition (304 when the ETag matches).</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public ETag? IfNoneMatch { get; init; }
}

/// <summary>A DeleteObject request: without a version id, add a delete marker; with one, remove that version permanently.</summary>
/// <remarks>See https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteObject.html and
/// https://docs.aws.amazon.com/AmazonS3/latest/userguide/DeletingObjectVersions.html.</remarks>
public sealed record DeleteObjectRequest
{
    /// <summary>Gets the key.</summary>
    public required string Key { get; init; }

    /// <summary>Gets the version (or delete marker) to remove permanently.</summary>
    /// <value>The default value is <see langword="null"/>: add a delete marker.</value>
    public VersionId? VersionId { get; init; }
}

/// <summary>One key (and optional version) of a DeleteObjects request.</summary>
/// <param name="Key">The key.</param>
/// <param name="VersionId">The version to remove permanently, or <see langword="null"/> for a delete marker.</param>
public readonly record struct ObjectIdentifier(string Key, VersionId? VersionId = null);

/// <summary>A DeleteObjects request: up to 1,000 deletes in one call, each with its own result.</summary>
/// <remarks>See https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteObjects.html.</remarks>
public sealed record DeleteObjectsRequest
{
    /// <summary>Gets the keys to delete: 1 to 1,000.</summary>
    public required IReadOnlyList<ObjectIdentifier> Objects { get; init; }
}

/// <summary>Whether CopyObject copies the source's metadata or replaces it with the request's.</summary>
public enum MetadataDirective
{
    /// <summary>Copy user metadata and Content-Type from the source (<c>COPY</c>, the default).</summary>
    Copy,

    /// <summary>Use the request's user metadata and Content-Type (<c>REPLACE</c>).</summary>
    Replace,
}

/// <summary>A CopyObject request: copy an object version (at most 5 GiB) to a key, server-side.</summary>
/// <remarks>See https://docs.aws.amazon.com/AmazonS3/latest/API/API_CopyObject.html.</remarks>
public sealed record CopyObjectRequest
{
    /// <summary>Gets the source key.</summary>
    public required string SourceKey { get; init; }

    /// <summary>Gets the source version.</summary>
    /// <value>The default value is <see langword="null"/>: the latest version.</value>
    public VersionId? SourceVersionId { get; init; }

    /// <summary>Gets the destination key.</summary>
    public required string DestinationKey { get; init; }

    /// <summary>Gets whether metadata is copied or replaced.</summary>
    /// <value>The default value is <see cref="MetadataDirective.Copy"/>.</value>
    public MetadataDirective MetadataDirective { get; init; } = MetadataDirective.Copy;

    /// <summary>Gets the user metadata of the copy under <see cref="MetadataDirective.Replace"/>.</summary>
    /// <value>The default value is <see langword="null"/>: none.</value>
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }

    /// <summary>Gets the Content-Type of the copy under <see cref="MetadataDirective.Replace"/>.</summary>
    /// <value>The default value is <see langword="null"/>: <c>binary/octet-stream</c>.</value>
    public string? ContentType { get; init; }

    /// <summary>Gets the storage class of the copy.</summary>
    /// <value>The default value is <see langword="null"/>: <see cref="StorageClass.Standard"/>.</value>
    public StorageClass? StorageClass { get; init; }

    /// <summary>Gets the <c>x-amz-copy-source-if-match</c> precondition on the source's ETag.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public ETag? CopySourceIfMatch { get; init; }

    /// <summary>Gets the <c>If-Match</c> precondition on the destination.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public ETag? IfMatch { get; init; }

    /// <summary>Gets the <c>If-None-Match: *</c> precondition on the destination.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public ETag? IfNoneMatch { get; init; }
}

/// <summary>A CreateMultipartUpload request.</summary>
/// <remarks>See https://docs.aws.amazon.com/AmazonS3/latest/API/API_CreateMultipartUpload.html.</remarks>
public sealed record CreateMultipartUploadRequest
{
    /// <summary>Gets the key of the object to create.</summary>
    public required string Key { get; init; }

    /// <summary>Gets the user-defined metadata of the object (at most 2,048 bytes).</summary>
    /// <value>The default value is <see langword="null"/>: none.</value>
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }

    /// <summary>Gets the Content-Type of the object.</summary>
    /// <value>The default value is <see langword="null"/>: <c>binary/octet-stream</c>.</value>
    public string? ContentType { get; init; }

    /// <summary>Gets the storage class of the object.</summary>
    /// <value>The default value is <see langword="null"/>: <see cref="StorageClass.Standard"/>.</value>
    public StorageClass? StorageClass { get; init; }
}

/// <summary>An UploadPart request.</summary>
/// <remarks>See https://docs.aws.amazon.com/AmazonS3/latest/API/API_UploadPart.html.</remarks>
public sealed record UploadPartRequest
{
    /// <summary>Gets the key the upload was created for.</summary>
    public required string Key { get; init; }

    /// <summary>Gets the upload id.</summary>
    public required string UploadId { get; init; }

    /// <summary>Gets the part number, 1 to 10,000; uploading a number again replaces the part.</summary>
    public required int PartNumber { get; init; }

    /// <summary>Gets the part's bytes (at most 5 GiB).</summary>
    public required ObjectContent Content { get; init; }
}

/// <summary>An UploadPartCopy request: a part copied server-side from (a range of) an existing object version.</summary>
/// <remarks>See https://docs.aws.amazon.com/AmazonS3/latest/API/API_UploadPartCopy.html.</remarks>
public sealed record UploadPartCopyRequest
{
    /// <summary>Gets the key the upload was created for.</summary>
    public required string Key { get; init; }

    /// <summary>Gets the upload id.</summary>
    public required string UploadId { get; init; }

    /// <summary>Gets the part number, 1 to 10,000.</summary>
    public required int PartNumber { get; init; }

    /// <summary>Gets the source key.</summary>
    public required string SourceKey { get; init; }

    /// <summary>Gets the source version.</summary>
    /// <value>The default value is <see langword="null"/>: the latest version.</value>
    public VersionId? SourceVersionId { get; init; }

    /// <summary>Gets the source byte range, of the form <c>bytes=a-b</c> within the source.</summary>
    /// <value>The default value is <see langword="null"/>: the whole source.</value>
    public ByteRange? SourceRange { get; init; }

    /// <summary>Gets the <c>x-amz-copy-source-if-match</c> precondition on the source's ETag; a mismatch throws <c>PreconditionFailed</c>.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public ETag? CopySourceIfMatch { get; init; }
}

/// <summary>One part listed in CompleteMultipartUpload.</summary>
/// <param name="PartNumber">The part number.</param>
/// <param name="ETag">The ETag UploadPart returned for it.</param>
public readonly record struct CompletedPart(int PartNumber, ETag ETag);

/// <summary>A CompleteMultipartUpload request.</summary>
/// <remarks>See https://docs.aws.amazon.com/AmazonS3/latest/API/API_CompleteMultipartUpload.html.</remarks>
public sealed record CompleteMultipartUploadRequest
{
    /// <summary>Gets the key the upload was created for.</summary>
    public required string Key { get; init; }

    /// <summary>Gets the upload id.</summary>
    public required string UploadId { get; init; }

    /// <summary>Gets the parts, in ascending part-number order; each but the last at least 5 MiB.</summary>
    public required IReadOnlyList<CompletedPart> Parts { get; init; }

    /// <summary>Gets the <c>If-Match</c> precondition on the current object.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public ETag? IfMatch { get; init; }

    /// <summary>Gets the <c>If-None-Match: *</c> precondition.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public ETag? IfNoneMatch { get; init; }
}

/// <summary>A ListParts request.</summary>
/// <remarks>See https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListParts.html.</remarks>
public sealed record ListPartsRequest
{
    /// <summary>Gets the key the upload was created for.</summary>
    public required string Key { get; init; }

    /// <summary>Gets the upload id.</summary>
    public required string UploadId { get; init; }

    /// <summary>Gets the part number after which to list.</summary>
    /// <value>The default value is 0: from the first part.</value>
    public int PartNumberMarker { get; init; }

    /// <summary>Gets the most parts to return, 1 to 1,000 (larger values are treated as 1,000).</summary>
    /// <value>The default value is 1,000.</value>
    public int MaxParts { get; init; } = 1000;
}

/// <summary>A ListObjectsV2 request.</summary>
/// <remarks>See https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectsV2.html.</remarks>
public sealed record ListObjectsV2Request
{
    /// <summary>Gets the prefix keys must start with.</summary>
    /// <value>The default value is <see langword="null"/>: all keys.</value>
    public string? Prefix { get; init; }

    /// <summary>Gets the delimiter that rolls keys up into common prefixes (usually <c>/</c>).</summary>
    /// <value>The default value is <see langword="null"/>: no roll-up.</value>
    public string? Delimiter { get; init; }

    /// <summary>Gets the key after which to start; ignored when <see cref="ContinuationToken"/> is set.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? StartAfter { get; init; }

    /// <summary>Gets the token of the previous page's <see cref="ListObjectsV2Result.NextContinuationToken"/>.</summary>
    /// <value>The default value is <see langword="null"/>: the first page.</value>
    public string? ContinuationToken { get; init; }

    /// <summary>Gets the most keys and common prefixes to return, 0 to 1,000 (larger values are treated as 1,000).</summary>
    /// <value>The default value is 1,000.</value>
    public int MaxKeys { get; init; } = 1000;
}

/// <summary>A ListObjectVersions request.</summary>
/// <remarks>See https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectVersions.html.</remarks>
public sealed record ListObjectVersionsRequest
{
    /// <summary>Gets the prefix keys must start with.</summary>
    /// <value>The default value is <see langword="null"/>: all keys.</value>
    public string? Prefix { get; init; }

    /// <summary>Gets the key to start after (with <see cref="VersionIdMarker"/>: the key to continue within).</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? KeyMarker { get; init; }

    /// <summary>Gets the version of <see cref="KeyMarker"/> after which to continue; needs <see cref="KeyMarker"/>.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public VersionId? VersionIdMarker { get; init; }

    /// <summary>Gets the most versions and delete markers to return, 0 to 1,000 (larger values are treated as 1,000).</summary>
    /// <value>The default value is 1,000.</value>
    public int MaxKeys { get; init; } = 1000;
}

/// <summary>A RestoreObject request: make an archived version readable for a number of days.</summary>
/// <remarks>See https://docs.aws.amazon.com/AmazonS3/latest/API/API_RestoreObject.html and
/// https://docs.aws.amazon.com/AmazonS3/latest/userguide/restoring-objects.html.</remarks>
public sealed record RestoreObjectRequest
{
    /// <summary>Gets the key.</summary>
    public required string Key { get; init; }

    /// <summary>Gets the version to restore.</summary>
    /// <value>The default value is <see langword="null"/>: the latest version.</value>
    public VersionId? VersionId { get; init; }

    /// <summary>Gets how many days the restored copy stays readable (ignored for Intelligent-Tiering, which moves the object back to the frequent tier).</summary>
    /// <value>The default value is 1.</value>
    public int Days { get; init; } = 1;
}
