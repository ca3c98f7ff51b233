using S3FilesSim.ObjectStorage;

namespace S3FilesSim.Cli.Planning;

/// <summary>
/// Content of a planned object: only its length is real. Reading it copies nothing (the destination keeps whatever
/// it held), so a plan reads terabytes through the simulator at the cost of its calls; the bytes are never looked at.
/// </summary>
/// <param name="length">The length in bytes.</param>
internal sealed class SizeOnlyContent(long length) : ObjectContent
{
    /// <inheritdoc />
    public override long Length => length;

    /// <inheritdoc />
    public override bool IsImmutable => true;

    /// <inheritdoc />
    public override int Read(long offset, Span<byte> destination) => (int)Math.Min(destination.Length, length - offset);
}

/// <summary>
/// One simulated stratum's bucket as its file system sees it: forwards every call and counts the ListObjectsV2 pages
/// and the common prefixes they returned, so the plan can replace the per-directory costs of each stratum's own
/// listings by those of the real directory tree. The stored bytes are forwarded for the S3 storage meter.
/// </summary>
/// <param name="inner">The in-memory bucket.</param>
internal sealed class PlanBucket(InMemoryObjectStore inner) : IObjectStore, IStorageUsage
{
    /// <summary>Gets the ListObjectsV2 pages served so far.</summary>
    public long ListPages { get; private set; }

    /// <summary>Gets the common prefixes (directories) those pages returned.</summary>
    public long CommonPrefixes { get; private set; }

    /// <inheritdoc />
    public string BucketName => inner.BucketName;

    /// <inheritdoc />
    public ObjectStoreCapabilities Capabilities => inner.Capabilities;

    /// <inheritdoc />
    public long StoredBytes => inner.StoredBytes;

    /// <inheritdoc />
    public event EventHandler<long>? StoredBytesChanged
    {
        add => inner.StoredBytesChanged += value;
        remove => inner.StoredBytesChanged -= value;
    }

    /// <inheritdoc />
    public async ValueTask<ListObjectsV2Result> ListObjectsV2Async(ListObjectsV2Request request, CancellationToken cancellationToken = default)
    {
        var result = await inner.ListObjectsV2Async(request, cancellationToken).ConfigureAwait(false);
        ListPages++;
        CommonPrefixes += result.CommonPrefixes.Count;
        return result;
    }

    /// <inheritdoc />
    public ValueTask<ObjectWriteResult> PutObjectAsync(PutObjectRequest request, CancellationToken cancellationToken = default) => inner.PutObjectAsync(request, cancellationToken);

    /// <inheritdoc />
    public ValueTask<GetObjectResult> GetObjectAsync(GetObjectRequest request, CancellationToken cancellationToken = default) => inner.GetObjectAsync(request, cancellationToken);

    /// <inheritdoc />
    public ValueTask<HeadObjectResult> HeadObjectAsync(HeadObjectRequest request, CancellationToken cancellationToken = default) => inner.HeadObjectAsync(request, cancellationToken);

    /// <inheritdoc />
    public ValueTask<DeleteObjectResult> DeleteObjectAsync(DeleteObjectRequest request, CancellationToken cancellationToken = default) => inner.DeleteObjectAsync(request, cancellationToken);

    /// <inheritdoc />
    public ValueTask<DeleteObjectsResult> DeleteObjectsAsync(DeleteObjectsRequest request, CancellationToken cancellationToken = default) => inner.DeleteObjectsAsync(request, cancellationToken);

    /// <inheritdoc />
    public ValueTask<ObjectWriteResult> CopyObjectAsync(CopyObjectRequest request, CancellationToken cancellationToken = default) => inner.CopyObjectAsync(request, cancellationToken);

    /// <inheritdoc />
    public ValueTask<ListObjectVersionsResult> ListObjectVersionsAsync(ListObjectVersionsRequest request, CancellationToken cancellationToken = default) => inner.ListObjectVersionsAsync(request, cancellationToken);

    /// <inheritdoc />
    public ValueTask<string> CreateMultipartUploadAsync(CreateMultipartUploadRequest request, CancellationToken cancellationToken = default) => inner.CreateMultipartUploadAsync(request, cancellationToken);

    /// <inheritdoc />
    public ValueTask<ETag> UploadPartAsync(UploadPartRequest request, CancellationToken cancellationToken = default) => inner.UploadPartAsync(request, cancellationToken);

    /// <inheritdoc />
    public ValueTask<ETag> UploadPartCopyAsync(UploadPartCopyRequest request, CancellationToken cancellationToken = default) => inner.UploadPartCopyAsync(request, cancellationToken);

    /// <inheritdoc />
    public ValueTask<ObjectWriteResult> CompleteMultipartUploadAsync(CompleteMultipartUploadRequest request, CancellationToken cancellationToken = default) => inner.CompleteMultipartUploadAsync(request, cancellationToken);

    /// <inheritdoc />
    public ValueTask AbortMultipartUploadAsync(string key, string uploadId, CancellationToken cancellationToken = default) => inner.AbortMultipartUploadAsync(key, uploadId, cancellationToken);

    /// <inheritdoc />
    public ValueTask<ListPartsResult> ListPartsAsync(ListPartsRequest request, CancellationToken cancellationToken = default) => inner.ListPartsAsync(request, cancellationToken);

    /// <inheritdoc />
    public ValueTask<RestoreObjectStatus> RestoreObjectAsync(RestoreObjectRequest request, CancellationToken cancellationToken = default) => inner.RestoreObjectAsync(request, cancellationToken);
}
