using S3FilesSim.ObjectStorage;

namespace S3FilesSim.Server.S3.Operations;

/// <summary>The source of CopyObject and UploadPartCopy: <c>x-amz-copy-source: [/]bucket/key[?versionId=id]</c>, URL-encoded,
/// with its <c>x-amz-copy-source-if-*</c> preconditions checked against the source version.</summary>
internal sealed record CopySource(string BucketName, string Key, VersionId? VersionId)
{
    /// <exception cref="S3Exception"><c>InvalidArgument</c>: malformed.</exception>
    public static CopySource Parse(S3RequestContext context)
    {
        var header = context.Header("x-amz-copy-source") ?? throw new S3Exception(S3Error.InvalidArgument, "Copy Source must mention the source bucket and key: sourcebucket/sourcekey");
        var question = header.IndexOf('?', StringComparison.Ordinal);
        var path = Uri.UnescapeDataString(question < 0 ? header : header[..question]).TrimStart('/');
        VersionId? versionId = null;
        if (question >= 0)
        {
            foreach (var (name, value) in S3Query.Parse(header[(question + 1)..]).Parameters)
            {
                if (name == "versionId")
                {
                    versionId = value.Length > 0 ? new VersionId(value) : throw Invalid(header);
                }
            }
        }

        var slash = path.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == path.Length - 1)
        {
            throw Invalid(header);
        }

        var key = path[(slash + 1)..];
        S3Limits.CheckKey(key);
        return new CopySource(path[..slash], key, versionId);
    }

    /// <summary>Returns the source version, checked against the <c>x-amz-copy-source-if-*</c> headers.</summary>
    /// <exception cref="S3Exception"><c>NoSuchBucket</c>, <c>NoSuchKey</c>, <c>NoSuchVersion</c>, <c>InvalidRequest</c> (a delete marker), <c>PreconditionFailed</c>.</exception>
    public async Task<(InMemoryObjectStore Bucket, ObjectMetadata Metadata)> ResolveAsync(S3RequestContext context)
    {
        var bucket = context.Service.Buckets.Get(BucketName);
        var head = await bucket.HeadObjectAsync(new HeadObjectRequest { Key = Key, VersionId = VersionId }, context.Aborted).ConfigureAwait(false);
        if (head.Object is not { } metadata)
        {
            throw head.IsDeleteMarker && VersionId is not null
                ? new S3Exception(S3Error.InvalidRequest, "The source of a copy request may not specifically refer to a delete marker by version id.")
                : head.Status == ObjectReadStatus.NoSuchVersion
                    ? new S3Exception(S3Error.NoSuchVersion).With("Key", Key).With("VersionId", VersionId?.Value)
                    : new S3Exception(S3Error.NoSuchKey).With("Key", Key);
        }

        if (ObjectHeaders.CheckReadConditions(context, metadata, "x-amz-copy-source-") is { } failed)
        {
            throw failed;
        }

        return (bucket, metadata);
    }

    /// <summary>Reads bytes <paramref name="offset"/> to <paramref name="offset"/> + <paramref name="count"/> of the source version into new content (a copy across buckets).</summary>
    public async Task<ObjectContent> ReadAsync(InMemoryObjectStore bucket, ObjectMetadata metadata, long offset, long count, CancellationToken cancellationToken)
    {
        using var result = await bucket.GetObjectAsync(new GetObjectRequest
        {
            Key = Key,
            VersionId = metadata.VersionId,
            Range = count == metadata.ContentLength || count == 0 ? null : ByteRange.Between(offset, offset + count - 1),
        }, cancellationToken).ConfigureAwait(false);
        if (result.Object is null)
        {
            throw new S3Exception(S3Error.NoSuchKey).With("Key", Key);
        }

        return await ObjectContent.FromStreamAsync(result.Body, result.ContentLength, cancellationToken).ConfigureAwait(false);
    }

    private static S3Exception Invalid(string header) =>
        new S3Exception(S3Error.InvalidArgument, "Invalid copy source object key").With("ArgumentName", "x-amz-copy-source").With("ArgumentValue", header);
}
