using S3FilesSim.ObjectStorage;

namespace S3FilesSim.Tests.Export;

/// <summary>A test decorator over a store that counts HEADs and multipart parts, can hide conditional-write support, and can complete GETs on
/// another thread as a network store does (faults come from <see cref="FaultInjectingObjectStore"/>).</summary>
internal sealed class RecordingObjectStore(IObjectStore inner, bool conditionalWrites = true, bool getsOnAnotherThread = false) : IObjectStore
{
    public string BucketName => inner.BucketName;

    public ObjectStoreCapabilities Capabilities { get; } = inner.Capabilities with { ConditionalWrites = conditionalWrites };

    public int Heads { get; private set; }

    public int PartCopies { get; private set; }

    public int PartUploads { get; private set; }

    public ValueTask<ObjectWriteResult> PutObjectAsync(PutObjectRequest request, CancellationToken cancellationToken = default) => inner.PutObjectAsync(request, cancellationToken);

    public ValueTask<GetObjectResult> GetObjectAsync(GetObjectRequest request, CancellationToken cancellationToken = default) =>
        getsOnAnotherThread ? new(Task.Run(() => inner.GetObjectAsync(request, cancellationToken).AsTask(), cancellationToken)) : inner.GetObjectAsync(request, cancellationToken);

    public ValueTask<HeadObjectResult> HeadObjectAsync(HeadObjectRequest request, CancellationToken cancellationToken = default)
    {
        Heads++;
        return inner.HeadObjectAsync(request, cancellationToken);
    }

    public ValueTask<DeleteObjectResult> DeleteObjectAsync(DeleteObjectRequest request, CancellationToken cancellationToken = default) => inner.DeleteObjectAsync(request, cancellationToken);

    public ValueTask<DeleteObjectsResult> DeleteObjectsAsync(DeleteObjectsRequest request, CancellationToken cancellationToken = default) => inner.DeleteObjectsAsync(request, cancellationToken);

    public ValueTask<ObjectWriteResult> CopyObjectAsync(CopyObjectRequest request, CancellationToken cancellationToken = default) => inner.CopyObjectAsync(request, cancellationToken);

    public ValueTask<ListObjectsV2Result> ListObjectsV2Async(ListObjectsV2Request request, CancellationToken cancellationToken = default) => inner.ListObjectsV2Async(request, cancellationToken);

    public ValueTask<ListObjectVersionsResult> ListObjectVersionsAsync(ListObjectVersionsRequest request, CancellationToken cancellationToken = default) => inner.ListObjectVersionsAsync(request, cancellationToken);

    public ValueTask<string> CreateMultipartUploadAsync(CreateMultipartUploadRequest request, CancellationToken cancellationToken = default) => inner.CreateMultipartUploadAsync(request, cancellationToken);

    public ValueTask<ETag> UploadPartAsync(UploadPartRequest request, CancellationToken cancellationToken = default)
    {
        PartUploads++;
        return inner.UploadPartAsync(request, cancellationToken);
    }

    public ValueTask<ETag> UploadPartCopyAsync(UploadPartCopyRequest request, CancellationToken cancellationToken = default)
    {
        PartCopies++;
        return inner.UploadPartCopyAsync(request, cancellationToken);
    }

    public ValueTask<ObjectWriteResult> CompleteMultipartUploadAsync(CompleteMultipartUploadRequest request, CancellationToken cancellationToken = default) => inner.CompleteMultipartUploadAsync(request, cancellationToken);

    public ValueTask AbortMultipartUploadAsync(string key, string uploadId, CancellationToken cancellationToken = default) => inner.AbortMultipartUploadAsync(key, uploadId, cancellationToken);

    public ValueTask<ListPartsResult> ListPartsAsync(ListPartsRequest request, CancellationToken cancellationToken = default) => inner.ListPartsAsync(request, cancellationToken);

    public ValueTask<RestoreObjectStatus> RestoreObjectAsync(RestoreObjectRequest request, CancellationToken cancellationToken = default) => inner.RestoreObjectAsync(request, cancellationToken);

}
