namespace S3FilesSim.ObjectStorage;

/// <summary>Multipart uploads: create, upload (or copy) parts, complete with the composite ETag, abort, list parts.</summary>
public sealed partial class InMemoryObjectStore
{
    private readonly Dictionary<string, MultipartUpload> _uploads = new(StringComparer.Ordinal);

    /// <summary>The last upload completed at each key, so that a repeated completion answers its result.</summary>
    private readonly Dictionary<string, CompletedUpload> _completedUploads = new(StringComparer.Ordinal);

    /// <summary>Gets the number of multipart uploads created and neither completed nor aborted (their parts are billed storage, invisible to reads).</summary>
    public int MultipartUploadCount
    {
        get
        {
            lock (_gate)
            {
                return _uploads.Count;
            }
        }
    }

    /// <inheritdoc />
    public ValueTask<string> CreateMultipartUploadAsync(CreateMultipartUploadRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        BeginCall(request.Key, cancellationToken);
        var metadata = ObjectStoreValidation.NormalizeMetadata(request.Metadata, request.Key);
        lock (_gate)
        {
            var uploadId = NewOpaqueId();
            _uploads[uploadId] = new MultipartUpload(request.Key, metadata, request.ContentType, request.StorageClass, Now);
            return ValueTask.FromResult(uploadId);
        }
    }

    /// <inheritdoc />
    public ValueTask<ETag> UploadPartAsync(UploadPartRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(request.Content, nameof(request));
        BeginCall(request.Key, cancellationToken);
        ObjectStoreValidation.ValidatePartNumber(request.PartNumber, request.Key);
        lock (_gate)
        {
            UploadLocked(request.Key, request.UploadId);
        }

        if (request.Content.Length > ObjectStoreValidation.MaxSinglePutBytes)
        {
            throw ObjectStoreException.Create(S3ErrorCode.EntityTooLarge, $"Your proposed part of {request.Content.Length} bytes exceeds the maximum part size of 5 GiB.", request.Key);
        }

        var content = request.Content.Snapshot();
        var md5 = content.GetMd5();
        return ValueTask.FromResult(AddPart(request.Key, request.UploadId, request.PartNumber, content, md5));
    }

    /// <inheritdoc />
    public ValueTask<ETag> UploadPartCopyAsync(UploadPartCopyRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        BeginCall(request.Key, cancellationToken);
        ObjectStoreValidation.ValidateKey(request.SourceKey, nameof(request));
        ObjectStoreValidation.ValidatePartNumber(request.PartNumber, request.Key);
        StoredVersion source;
        lock (_gate)
        {
            UploadLocked(request.Key, request.UploadId);
            source = ResolveSource(request.SourceKey, request.SourceVersionId, out _);
        }

        var metadata = source.Metadata!;
        ThrowIfArchived(metadata);
        if (request.CopySourceIfMatch is { } ifMatch && !ifMatch.Matches(metadata.ETag))
        {
            throw ObjectStoreException.Create(S3ErrorCode.PreconditionFailed, "At least one of the pre-conditions you specified did not hold (x-amz-copy-source-if-match).", request.SourceKey);
        }

        var offset = 0L;
        var count = metadata.ContentLength;
        if (request.SourceRange is { } range
            && (range.First is not { } first || range.Last is not { } last || last >= metadata.ContentLength
                || !range.TryResolve(metadata.ContentLength, out offset, out count) || first != offset))
        {
            throw ObjectStoreException.Create(S3ErrorCode.InvalidArgument, $"Range specified is not valid for source object of size: {metadata.ContentLength}.", request.SourceKey);
        }

        if (count > ObjectStoreValidation.MaxSinglePutBytes)
        {
            throw ObjectStoreException.Create(S3ErrorCode.EntityTooLarge, $"The copied part of {count} bytes exceeds the maximum part size of 5 GiB.", request.Key);
        }

        var content = source.Content!.Slice(offset, count);
        var md5 = content.GetMd5();
        return ValueTask.FromResult(AddPart(request.Key, request.UploadId, request.PartNumber, content, md5));
    }

    /// <inheritdoc />
    /// <remarks>A completion repeated for an upload that already completed (a client retrying after a lost response)
    /// answers the first completion's result (its version id, ETag and time) and writes nothing, as Amazon S3 does, as long
    /// as it lists the same parts (numbers and ETags) and the version the upload created is still the key's current
    /// version; otherwise it fails with <c>NoSuchUpload</c>. Its <c>If-Match</c>/<c>If-None-Match</c> are not evaluated
    /// again. https://docs.aws.amazon.com/AmazonS3/latest/API/API_CompleteMultipartUpload.html</remarks>
    public ValueTask<ObjectWriteResult> CompleteMultipartUploadAsync(CompleteMultipartUploadRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(request.Parts, nameof(request));
        BeginCall(request.Key, cancellationToken);
        ValidateWriteConditions(request.IfNoneMatch, request.Key);
        lock (_gate)
        {
            if (RepeatedCompletionLocked(request) is { } repeated)
            {
                return ValueTask.FromResult(repeated);
            }

            var upload = UploadLocked(request.Key, request.UploadId);
            var parts = SelectParts(upload, request.Parts, request.Key);
            var content = new ConcatenatedContent(parts.Select(p => p.Content).ToArray());
            var etag = ETag.FromPartMd5s(parts.Select(p => p.Md5).ToArray());
            var result = WriteLocked(
                request.Key, content, etag, upload.Metadata, upload.ContentType, upload.StorageClass, request.IfMatch, request.IfNoneMatch, "CompleteMultipartUpload", sourceVersionId: null);
            if (result.Succeeded)
            {
                _uploads.Remove(request.UploadId);
                ChangeStoredBytesLocked(-upload.PartBytes);
                _completedUploads[request.Key] = new CompletedUpload(request.UploadId, [.. request.Parts], result);
            }

            return ValueTask.FromResult(result);
        }
    }

    /// <inheritdoc />
    public ValueTask AbortMultipartUploadAsync(string key, string uploadId, CancellationToken cancellationToken = default)
    {
        BeginCall(key, cancellationToken);
        lock (_gate)
        {
            var upload = UploadLocked(key, uploadId);
            _uploads.Remove(uploadId);
            ChangeStoredBytesLocked(-upload.PartBytes);
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<ListPartsResult> ListPartsAsync(ListPartsRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        BeginCall(request.Key, cancellationToken);
        var maxParts = ObjectStoreValidation.ClampMaxKeys(request.MaxParts, "max-parts");
        if (request.PartNumberMarker < 0)
        {
            throw ObjectStoreException.Create(S3ErrorCode.InvalidArgument, $"part-number-marker must not be negative; it was {request.PartNumberMarker}.", request.Key);
        }

        lock (_gate)
        {
            var upload = UploadLocked(request.Key, request.UploadId);
            var after = upload.Parts.Values.Where(p => p.Number > request.PartNumberMarker).ToList();
            var page = after.Take(maxParts).Select(p => new PartInfo(p.Number, p.ETag, p.Content.Length, p.LastModified)).ToList();
            var truncated = after.Count > page.Count && page.Count > 0;
            return ValueTask.FromResult(new ListPartsResult
            {
                Parts = page,
                IsTruncated = truncated,
                NextPartNumberMarker = truncated ? page[^1].PartNumber : null,
            });
        }
    }

    private static List<UploadedPart> SelectParts(MultipartUpload upload, IReadOnlyList<CompletedPart> requested, string key)
    {
        if (requested.Count == 0)
        {
            throw ObjectStoreException.Create(S3ErrorCode.MalformedXml, "The XML you provided was not well-formed: a CompleteMultipartUpload request lists at least one part.", key);
        }

        var parts = new List<UploadedPart>(requested.Count);
        for (var i = 0; i < requested.Count; i++)
        {
            if (i > 0 && requested[i].PartNumber <= requested[i - 1].PartNumber)
            {
                throw ObjectStoreException.Create(S3ErrorCode.InvalidPartOrder, "The list of parts was not in ascending order. The parts list must be specified in order by part number.", key);
            }
        }

        foreach (var item in requested)
        {
            if (!upload.Parts.TryGetValue(item.PartNumber, out var part) || part.ETag != item.ETag)
            {
                throw ObjectStoreException.Create(S3ErrorCode.InvalidPart, $"One or more of the specified parts could not be found or its ETag did not match: part {item.PartNumber}.", key);
            }

            parts.Add(part);
        }

        for (var i = 0; i < parts.Count - 1; i++)
        {
            if (parts[i].Content.Length < ObjectStoreValidation.MinPartBytes)
            {
                throw ObjectStoreException.Create(S3ErrorCode.EntityTooSmall, $"Your proposed upload is smaller than the minimum allowed size: part {parts[i].Number} has {parts[i].Content.Length} bytes, minimum 5 MiB.", key);
            }
        }

        return parts;
    }

    /// <summary>Returns the result of the upload's first completion when <paramref name="request"/> repeats it (same
    /// upload, same parts, its version still current), else <see langword="null"/>.</summary>
    private ObjectWriteResult? RepeatedCompletionLocked(CompleteMultipartUploadRequest request)
    {
        if (_uploads.ContainsKey(request.UploadId)
            || !_completedUploads.TryGetValue(request.Key, out var completed)
            || completed.UploadId != request.UploadId)
        {
            return null;
        }

        var first = completed.Result;
        if (Current(request.Key) is not { } current
            || current.VersionId != first.VersionId || current.ETag != first.ETag || current.LastModified != first.LastModified)
        {
            _completedUploads.Remove(request.Key);
            return null;
        }

        return completed.Parts.SequenceEqual(request.Parts) ? first : null;
    }

    private MultipartUpload UploadLocked(string key, string uploadId)
    {
        ArgumentNullException.ThrowIfNull(uploadId);
        if (!_uploads.TryGetValue(uploadId, out var upload) || upload.Key != key)
        {
            throw ObjectStoreException.Create(S3ErrorCode.NoSuchUpload, $"The specified upload {uploadId} does not exist: it may have been aborted or completed.", key);
        }

        return upload;
    }

    private ETag AddPart(string key, string uploadId, int partNumber, ObjectContent content, byte[] md5)
    {
        var etag = ETag.FromMd5(md5);
        lock (_gate)
        {
            var upload = UploadLocked(key, uploadId);
            var replaced = upload.Parts.TryGetValue(partNumber, out var previous) ? previous.Content.Length : 0;
            upload.Parts[partNumber] = new UploadedPart(partNumber, content, md5, etag, Now);
            upload.PartBytes += content.Length - replaced;
            ChangeStoredBytesLocked(content.Length - replaced);
        }

        return etag;
    }

    private sealed class MultipartUpload(string key, IReadOnlyDictionary<string, string> metadata, string? contentType, StorageClass? storageClass, DateTimeOffset initiated)
    {
        public string Key => key;

        public IReadOnlyDictionary<string, string> Metadata => metadata;

        public string? ContentType => contentType;

        public StorageClass? StorageClass => storageClass;

        /// <summary>Gets when the upload was created (ListMultipartUploads' <c>Initiated</c>).</summary>
        public DateTimeOffset Initiated => initiated;

        public SortedDictionary<int, UploadedPart> Parts { get; } = [];

        /// <summary>Gets or sets the bytes of <see cref="Parts"/>, which S3 bills as storage until the upload completes or is aborted.</summary>
        public long PartBytes { get; set; }
    }

    /// <summary>An upload that completed: its id, the parts it listed and the result it answered.</summary>
    private sealed record CompletedUpload(string UploadId, CompletedPart[] Parts, ObjectWriteResult Result);

    private sealed record UploadedPart(int Number, ObjectContent Content, byte[] Md5, ETag ETag, DateTimeOffset LastModified);
}
