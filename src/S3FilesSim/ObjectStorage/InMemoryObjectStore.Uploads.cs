namespace S3FilesSim.ObjectStorage;

/// <summary>A ListMultipartUploads request: the uploads created and neither completed nor aborted.</summary>
/// <remarks>See https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListMultipartUploads.html.</remarks>
public sealed record ListMultipartUploadsRequest
{
    /// <summary>Gets the prefix the upload keys must start with.</summary>
    /// <value>The default value is <see langword="null"/>: all keys.</value>
    public string? Prefix { get; init; }

    /// <summary>Gets the delimiter that rolls keys up into common prefixes.</summary>
    /// <value>The default value is <see langword="null"/>: no roll-up.</value>
    public string? Delimiter { get; init; }

    /// <summary>Gets the key after which to list (with <see cref="UploadIdMarker"/>: the key whose later uploads to list).</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? KeyMarker { get; init; }

    /// <summary>Gets the upload of <see cref="KeyMarker"/> after which to list; ignored without <see cref="KeyMarker"/>.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? UploadIdMarker { get; init; }

    /// <summary>Gets the most uploads and common prefixes to return, 0 to 1,000 (larger values are treated as 1,000).</summary>
    /// <value>The default value is 1,000.</value>
    public int MaxUploads { get; init; } = 1000;
}

/// <summary>One multipart upload in progress.</summary>
/// <param name="Key">The key the upload was created for.</param>
/// <param name="UploadId">The upload id.</param>
/// <param name="Initiated">When the upload was created.</param>
/// <param name="StorageClass">The storage class of the object it will complete into.</param>
public sealed record MultipartUploadInfo(string Key, string UploadId, DateTimeOffset Initiated, StorageClass StorageClass);

/// <summary>One page of ListMultipartUploads.</summary>
public sealed class ListMultipartUploadsResult
{
    /// <summary>Gets the uploads, by key in UTF-8 binary order, then by creation time.</summary>
    public required IReadOnlyList<MultipartUploadInfo> Uploads { get; init; }

    /// <summary>Gets the common prefixes (with the delimiter), in UTF-8 binary order.</summary>
    public required IReadOnlyList<string> CommonPrefixes { get; init; }

    /// <summary>Gets a value indicating whether more uploads follow.</summary>
    public required bool IsTruncated { get; init; }

    /// <summary>Gets the key marker of the next page when <see cref="IsTruncated"/>.</summary>
    public string? NextKeyMarker { get; init; }

    /// <summary>Gets the upload-id marker of the next page when <see cref="IsTruncated"/>.</summary>
    public string? NextUploadIdMarker { get; init; }
}

/// <summary>ListMultipartUploads, and the part sizes of stored objects (GetObjectAttributes).</summary>
public sealed partial class InMemoryObjectStore
{
    /// <summary>Lists the multipart uploads in progress (https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListMultipartUploads.html).</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One page.</returns>
    /// <exception cref="ObjectStoreException"><c>InvalidArgument</c>: negative max-uploads; <c>NoSuchBucket</c>.</exception>
    public ListMultipartUploadsResult ListMultipartUploads(ListMultipartUploadsRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        BeginCall(cancellationToken);
        var maxUploads = ObjectStoreValidation.ClampMaxKeys(request.MaxUploads, "max-uploads");
        var prefix = request.Prefix ?? string.Empty;
        var delimiter = string.IsNullOrEmpty(request.Delimiter) ? null : request.Delimiter;
        List<MultipartUploadInfo> all;
        lock (_gate)
        {
            all = [.. _uploads
                .Where(u => u.Value.Key.StartsWith(prefix, StringComparison.Ordinal))
                .Select(u => new MultipartUploadInfo(u.Value.Key, u.Key, u.Value.Initiated, u.Value.StorageClass ?? StorageClass.Standard))];
        }

        all.Sort((a, b) => KeyOrder.CompareKeys(a.Key, b.Key) is var byKey and not 0 ? byKey
            : a.Initiated.CompareTo(b.Initiated) is var byTime and not 0 ? byTime : string.CompareOrdinal(a.UploadId, b.UploadId));
        var (marker, markerIsPrefix) = StartAfterMarker(request.KeyMarker, prefix, delimiter);
        var uploads = new List<MultipartUploadInfo>();
        var prefixes = new List<string>();
        var truncated = false;
        string? lastKey = null;
        string? lastUploadId = null;
        var index = 0;
        if (marker is not null)
        {
            // Resume after the marker key (or its common prefix); with an upload-id marker, after that upload of the key.
            var resume = request.UploadIdMarker is { } uploadIdMarker && !markerIsPrefix ? all.FindIndex(u => u.Key == marker && u.UploadId == uploadIdMarker) : -1;
            index = resume >= 0
                ? resume + 1
                : all.FindIndex(u => KeyOrder.CompareKeys(u.Key, marker) > 0 && !(markerIsPrefix && u.Key.StartsWith(marker, StringComparison.Ordinal)));
            index = index < 0 ? all.Count : index;
        }

        for (; index < all.Count; index++)
        {
            var upload = all[index];
            var cut = delimiter is null ? -1 : upload.Key.IndexOf(delimiter, prefix.Length, StringComparison.Ordinal);
            var commonPrefix = cut >= 0 ? upload.Key[..(cut + delimiter!.Length)] : null;
            if (commonPrefix is not null && prefixes.Count > 0 && prefixes[^1] == commonPrefix)
            {
                continue;
            }

            if (uploads.Count + prefixes.Count == maxUploads)
            {
                truncated = maxUploads > 0;
                break;
            }

            if (commonPrefix is not null)
            {
                prefixes.Add(commonPrefix);
                lastKey = commonPrefix;
                lastUploadId = null;
            }
            else
            {
                uploads.Add(upload);
                lastKey = upload.Key;
                lastUploadId = upload.UploadId;
            }
        }

        return new ListMultipartUploadsResult
        {
            Uploads = uploads,
            CommonPrefixes = prefixes,
            IsTruncated = truncated,
            NextKeyMarker = truncated ? lastKey : null,
            NextUploadIdMarker = truncated ? lastUploadId : null,
        };
    }

    /// <summary>Returns the sizes of the parts a version was completed from, for GetObjectAttributes' <c>ObjectParts</c>
    /// (https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObjectAttributes.html).</summary>
    /// <param name="key">The key.</param>
    /// <param name="versionId">The version; <see langword="null"/> for the latest.</param>
    /// <returns>The part sizes in bytes in part-number order (part <c>i + 1</c> at index <c>i</c>), or <see langword="null"/>
    /// when the version was not written by CompleteMultipartUpload, or is absent or a delete marker.</returns>
    /// <exception cref="ObjectStoreException"><c>KeyTooLongError</c>, <c>NoSuchBucket</c>.</exception>
    public IReadOnlyList<long>? GetObjectPartSizes(string key, VersionId? versionId = null)
    {
        BeginCall(key, CancellationToken.None);
        return Resolve(key, versionId, out var version) is null && version!.Content is ConcatenatedContent concatenated && version.Metadata!.ETag.IsMultipart
            ? [.. concatenated.Parts.Select(p => p.Length)]
            : null;
    }

    /// <summary>Returns where a listing that starts after <paramref name="startAfter"/> resumes: after that key, or, when the
    /// key rolls up under <paramref name="delimiter"/> into a common prefix, after every key of that prefix (the prefix was
    /// listed already: ListObjects v1 returns it as <c>NextMarker</c>).</summary>
    private static (string? Marker, bool IsPrefix) StartAfterMarker(string? startAfter, string prefix, string? delimiter)
    {
        if (startAfter is null || delimiter is null || !startAfter.StartsWith(prefix, StringComparison.Ordinal))
        {
            return (startAfter, false);
        }

        var cut = startAfter.IndexOf(delimiter, prefix.Length, StringComparison.Ordinal);
        return cut < 0 ? (startAfter, false) : (startAfter[..(cut + delimiter.Length)], true);
    }
}
