using S3FilesSim.ObjectStorage;

namespace S3FilesSim.Cost;

/// <summary>
/// The bucket as one file system sees it: forwards every call to the bucket and meters it on the file system's
/// <see cref="CostMeter"/> in its S3 request class (https://aws.amazon.com/s3/pricing/), so every S3 request the file
/// system makes for exports, imports and reads is billed once.
/// </summary>
/// <remarks>Failed requests are metered too, as S3 bills them. DeleteObject and AbortMultipartUpload are DELETE-class
/// requests. It forwards what the file system calls (<see cref="IObjectStore"/>), nothing of <see cref="IObjectStoreAdministration"/>.</remarks>
/// <param name="inner">The bucket.</param>
/// <param name="cost">The meter.</param>
internal sealed class MeteredObjectStore(IObjectStore inner, CostMeter cost) : IObjectStore
{
    /// <summary>Gets the bucket the calls go to.</summary>
    public IObjectStore Inner { get; } = inner;

    /// <inheritdoc />
    public string BucketName => Inner.BucketName;

    /// <inheritdoc />
    public ObjectStoreCapabilities Capabilities => Inner.Capabilities;

    /// <inheritdoc />
    public ValueTask<ObjectWriteResult> PutObjectAsync(PutObjectRequest request, CancellationToken cancellationToken = default) =>
        Meter(S3RequestClass.PutCopyPostList).PutObjectAsync(request, cancellationToken);

    /// <inheritdoc />
    public ValueTask<GetObjectResult> GetObjectAsync(GetObjectRequest request, CancellationToken cancellationToken = default) =>
        Meter(S3RequestClass.GetHead).GetObjectAsync(request, cancellationToken);

    /// <inheritdoc />
    public ValueTask<HeadObjectResult> HeadObjectAsync(HeadObjectRequest request, CancellationToken cancellationToken = default) =>
        Meter(S3RequestClass.GetHead).HeadObjectAsync(request, cancellationToken);

    /// <inheritdoc />
    public ValueTask<DeleteObjectResult> DeleteObjectAsync(DeleteObjectRequest request, CancellationToken cancellationToken = default) =>
        Meter(S3RequestClass.Delete).DeleteObjectAsync(request, cancellationToken);

    /// <inheritdoc />
    public ValueTask<ObjectWriteResult> CopyObjectAsync(CopyObjectRequest request, CancellationToken cancellationToken = default) =>
        Meter(S3RequestClass.PutCopyPostList).CopyObjectAsync(request, cancellationToken);

    /// <inheritdoc />
    public ValueTask<ListObjectsV2Result> ListObjectsV2Async(ListObjectsV2Request request, CancellationToken cancellationToken = default) =>
        Meter(S3RequestClass.PutCopyPostList).ListObjectsV2Async(request, cancellationToken);

    /// <inheritdoc />
    public ValueTask<string> CreateMultipartUploadAsync(CreateMultipartUploadRequest request, CancellationToken cancellationToken = default) =>
        Meter(S3RequestClass.PutCopyPostList).CreateMultipartUploadAsync(request, cancellationToken);

    /// <inheritdoc />
    public ValueTask<ETag> UploadPartAsync(UploadPartRequest request, CancellationToken cancellationToken = default) =>
        Meter(S3RequestClass.PutCopyPostList).UploadPartAsync(request, cancellationToken);

    /// <inheritdoc />
    public ValueTask<ETag> UploadPartCopyAsync(UploadPartCopyRequest request, CancellationToken cancellationToken = default) =>
        Meter(S3RequestClass.PutCopyPostList).UploadPartCopyAsync(request, cancellationToken);

    /// <inheritdoc />
    public ValueTask<ObjectWriteResult> CompleteMultipartUploadAsync(CompleteMultipartUploadRequest request, CancellationToken cancellationToken = default) =>
        Meter(S3RequestClass.PutCopyPostList).CompleteMultipartUploadAsync(request, cancellationToken);

    /// <inheritdoc />
    public ValueTask AbortMultipartUploadAsync(string key, string uploadId, CancellationToken cancellationToken = default) =>
        Meter(S3RequestClass.Delete).AbortMultipartUploadAsync(key, uploadId, cancellationToken);

    private IObjectStore Meter(S3RequestClass requestClass)
    {
        cost.RecordS3Request(requestClass);
        return Inner;
    }
}
