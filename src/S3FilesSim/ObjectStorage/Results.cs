namespace S3FilesSim.ObjectStorage;

/// <summary>The outcome of a write (PutObject, CopyObject, CompleteMultipartUpload).</summary>
public enum WriteStatus
{
    /// <summary>The object version was written (200).</summary>
    Succeeded,

    /// <summary>An <c>If-Match</c>, <c>If-None-Match</c> or copy-source precondition failed; nothing was written (412).</summary>
    PreconditionFailed,

    /// <summary><c>If-Match</c> was given but the key has no current object; nothing was written (S3 answers 404 NoSuchKey).</summary>
    NoSuchKey,
}

/// <summary>The result of PutObject, CopyObject or CompleteMultipartUpload.</summary>
public sealed class ObjectWriteResult
{
    /// <summary>Gets whether the write happened.</summary>
    public required WriteStatus Status { get; init; }

    /// <summary>Gets the new version's ETag, when written.</summary>
    public ETag? ETag { get; init; }

    /// <summary>Gets the new version's id, when written.</summary>
    public VersionId? VersionId { get; init; }

    /// <summary>Gets when the new version was written, when written.</summary>
    public DateTimeOffset? LastModified { get; init; }

    /// <summary>Gets the version id of the copy source (CopyObject only).</summary>
    public VersionId? SourceVersionId { get; init; }

    /// <summary>Gets a value indicating whether the write happened.</summary>
    public bool Succeeded => Status == WriteStatus.Succeeded;
}

/// <summary>The outcome of a read (GetObject, HeadObject).</summary>
public enum ObjectReadStatus
{
    /// <summary>The version was found (200, or 206 for a range).</summary>
    Found,

    /// <summary><c>If-None-Match</c> matched (304); <see cref="HeadObjectResult.Object"/> is set, there is no body.</summary>
    NotModified,

    /// <summary><c>If-Match</c> did not match (412).</summary>
    PreconditionFailed,

    /// <summary>The key has no current object: it never existed, or its latest version is a delete marker (404 NoSuchKey), or the version asked for is a delete marker (S3: 405).</summary>
    NoSuchKey,

    /// <summary>The version id asked for does not exist (404 NoSuchVersion).</summary>
    NoSuchVersion,
}

/// <summary>The result of HeadObject.</summary>
/// <remarks>Absence is a status, not an exception, so <see cref="ObjectReadStatus.NoSuchVersion"/> stays distinguishable
/// from <see cref="ObjectReadStatus.NoSuchKey"/>.</remarks>
public class HeadObjectResult
{
    /// <summary>Gets the outcome.</summary>
    public required ObjectReadStatus Status { get; init; }

    /// <summary>Gets the version's metadata when <see cref="Status"/> is <see cref="ObjectReadStatus.Found"/> or <see cref="ObjectReadStatus.NotModified"/>.</summary>
    public ObjectMetadata? Object { get; init; }

    /// <summary>Gets a value indicating whether the answer concerns a delete marker (<c>x-amz-delete-marker: true</c>).</summary>
    public bool IsDeleteMarker { get; init; }

    /// <summary>Gets the version id of that delete marker, when <see cref="IsDeleteMarker"/>.</summary>
    public VersionId? DeleteMarkerVersionId { get; init; }
}

/// <summary>The result of GetObject: the status, the version's metadata and, when found, the body (or the requested range of it).</summary>
/// <remarks>Dispose it to release the body stream.</remarks>
public sealed class GetObjectResult : HeadObjectResult, IDisposable
{
    /// <summary>Gets the body stream, positioned at the first byte of the range; <see cref="Stream.Null"/> unless found.</summary>
    public Stream Body { get; init; } = Stream.Null;

    /// <summary>Gets the offset of the first body byte within the object (0 unless a range was asked for).</summary>
    public long RangeStart { get; init; }

    /// <summary>Gets the body length in bytes (the range length for a ranged GET; 0 unless found).</summary>
    public long ContentLength { get; init; }

    /// <summary>Gets a value indicating whether the body is a range of the object (206 Partial Content).</summary>
    public bool IsPartial { get; init; }

    /// <summary>Reads the rest of the body into a new array.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The bytes.</returns>
    /// <exception cref="InvalidOperationException">The body is longer than an array can hold; read <see cref="Body"/> instead.</exception>
    public async ValueTask<byte[]> ReadAllBytesAsync(CancellationToken cancellationToken = default)
    {
        var remaining = Body.CanSeek ? Body.Length - Body.Position : ContentLength;
        if (remaining > Array.MaxLength)
        {
            throw new InvalidOperationException($"The body is {remaining} bytes long, more than one array can hold; read the Body stream instead.");
        }

        var bytes = GC.AllocateUninitializedArray<byte>((int)remaining);
        await Body.ReadExactlyAsync(bytes, cancellationToken).ConfigureAwait(false);
        return bytes;
    }

    /// <inheritdoc />
    public void Dispose() => Body.Dispose();
}

/// <summary>The result of DeleteObject.</summary>
public sealed class DeleteObjectResult
{
    /// <summary>Gets the version id of the delete marker created, or of the version removed.</summary>
    public VersionId? VersionId { get; init; }

    /// <summary>Gets a value indicating whether a delete marker was created or removed (<c>x-amz-delete-marker</c>).</summary>
    public bool DeleteMarker { get; init; }
}

/// <summary>One successful delete of a DeleteObjects call.</summary>
/// <param name="Key">The key.</param>
/// <param name="VersionId">The version id that was asked for, if any.</param>
/// <param name="DeleteMarker">Whether a delete marker was created or removed.</param>
/// <param name="DeleteMarkerVersionId">The version id of the delete marker created or removed, if any.</param>
public sealed record DeletedObject(string Key, VersionId? VersionId, bool DeleteMarker, VersionId? DeleteMarkerVersionId);

/// <summary>One failed delete of a DeleteObjects call.</summary>
/// <param name="Key">The key.</param>
/// <param name="VersionId">The version id that was asked for, if any.</param>
/// <param name="Code">The S3 error code.</param>
/// <param name="Message">The error message.</param>
public sealed record DeleteError(string Key, VersionId? VersionId, string Code, string Message);

/// <summary>The result of DeleteObjects: one entry per key, in <see cref="Deleted"/> or <see cref="Errors"/>.</summary>
public sealed class DeleteObjectsResult
{
    /// <summary>Gets the deletes that succeeded, in request order.</summary>
    public required IReadOnlyList<DeletedObject> Deleted { get; init; }

    /// <summary>Gets the deletes that failed, in request order.</summary>
    public required IReadOnlyList<DeleteError> Errors { get; init; }
}

/// <summary>One object of a ListObjectsV2 page.</summary>
/// <param name="Key">The key.</param>
/// <param name="ETag">The ETag of the latest version.</param>
/// <param name="Size">The size in bytes.</param>
/// <param name="LastModified">When the latest version was written.</param>
/// <param name="StorageClass">The storage class.</param>
public sealed record ObjectSummary(string Key, ETag ETag, long Size, DateTimeOffset LastModified, StorageClass StorageClass);

/// <summary>One page of ListObjectsV2.</summary>
public sealed class ListObjectsV2Result
{
    /// <summary>Gets the objects, in UTF-8 binary key order.</summary>
    public required IReadOnlyList<ObjectSummary> Contents { get; init; }

    /// <summary>Gets the common prefixes (with the delimiter), in UTF-8 binary order.</summary>
    public required IReadOnlyList<string> CommonPrefixes { get; init; }

    /// <summary>Gets the number of objects plus common prefixes on this page.</summary>
    public int KeyCount => Contents.Count + CommonPrefixes.Count;

    /// <summary>Gets a value indicating whether more keys follow.</summary>
    public required bool IsTruncated { get; init; }

    /// <summary>Gets the token for the next page when <see cref="IsTruncated"/>.</summary>
    public string? NextContinuationToken { get; init; }
}

/// <summary>One version or delete marker of a ListObjectVersions page.</summary>
/// <param name="Key">The key.</param>
/// <param name="VersionId">The version id.</param>
/// <param name="IsLatest">Whether it is the key's latest version.</param>
/// <param name="IsDeleteMarker">Whether it is a delete marker.</param>
/// <param name="ETag">The ETag, or <see langword="null"/> for a delete marker.</param>
/// <param name="Size">The size in bytes (0 for a delete marker).</param>
/// <param name="LastModified">When it was written.</param>
/// <param name="StorageClass">The storage class.</param>
public sealed record ObjectVersion(string Key, VersionId VersionId, bool IsLatest, bool IsDeleteMarker, ETag? ETag, long Size, DateTimeOffset LastModified, StorageClass StorageClass);

/// <summary>One page of ListObjectVersions.</summary>
public sealed class ListObjectVersionsResult
{
    /// <summary>Gets the versions and delete markers, by key in UTF-8 binary order, newest first within a key.</summary>
    public required IReadOnlyList<ObjectVersion> Versions { get; init; }

    /// <summary>Gets a value indicating whether more versions follow.</summary>
    public required bool IsTruncated { get; init; }

    /// <summary>Gets the key marker of the next page when <see cref="IsTruncated"/>.</summary>
    public string? NextKeyMarker { get; init; }

    /// <summary>Gets the version-id marker of the next page when <see cref="IsTruncated"/>.</summary>
    public VersionId? NextVersionIdMarker { get; init; }
}

/// <summary>One uploaded part of a multipart upload.</summary>
/// <param name="PartNumber">The part number.</param>
/// <param name="ETag">The part's ETag (quoted MD5).</param>
/// <param name="Size">The part's size in bytes.</param>
/// <param name="LastModified">When the part was uploaded.</param>
public sealed record PartInfo(int PartNumber, ETag ETag, long Size, DateTimeOffset LastModified);

/// <summary>One page of ListParts.</summary>
public sealed class ListPartsResult
{
    /// <summary>Gets the parts in ascending part-number order.</summary>
    public required IReadOnlyList<PartInfo> Parts { get; init; }

    /// <summary>Gets a value indicating whether more parts follow.</summary>
    public required bool IsTruncated { get; init; }

    /// <summary>Gets the part-number marker of the next page when <see cref="IsTruncated"/>.</summary>
    public int? NextPartNumberMarker { get; init; }
}

/// <summary>The outcome of RestoreObject.</summary>
public enum RestoreObjectStatus
{
    /// <summary>A restore was started (202 Accepted); the object becomes readable when it completes.</summary>
    Started,

    /// <summary>The object is already restored; the expiry was updated (200).</summary>
    AlreadyRestored,
}
