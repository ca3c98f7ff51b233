using S3FilesSim.ObjectStorage;

namespace S3FilesSim.Tests.Export;

/// <summary>A test decorator over a store: throws the next queued faults on writes (PUT, copy, delete) and can hide conditional-write support.</summary>
internal sealed class FaultyObjectStore(IObjectStore inner, bool conditionalWrites = true) : IObjectStore
{
    private readonly Queue<ObjectStoreException> _faults = new();

    public string BucketName => inner.BucketName;

    public ObjectStoreCapabilities Capabilities { get; } = inner.Capabilities with { ConditionalWrites = conditionalWrites };

    public int Writes { get; private set; }

    public int Heads { get; private set; }

    public void FailNext(string errorCode, int statusCode, int times = 1)
    {
        for (var i = 0; i < times; i++)
        {
            _faults.Enqueue(new ObjectStoreException(errorCode, statusCode, "injected " + errorCode));
        }
    }

    public ValueTask<ObjectWriteResult> PutObjectAsync(PutObjectRequest request, CancellationToken cancellationToken = default)
    {
        Fault();
        return inner.PutObjectAsync(request, cancellationToken);
    }

    public ValueTask<GetObjectResult> GetObjectAsync(GetObjectRequest request, CancellationToken cancellationToken = default) => inner.GetObjectAsync(request, cancellationToken);

    public ValueTask<HeadObjectResult> HeadObjectAsync(HeadObjectRequest request, CancellationToken cancellationToken = default)
    {
        Heads++;
        return inner.HeadObjectAsync(request, cancellationToken);
    }

    public ValueTask<DeleteObjectResult> DeleteObjectAsync(DeleteObjectRequest request, CancellationToken cancellationToken = default)
    {
        Fault();
        return inner.DeleteObjectAsync(request, cancellationToken);
    }

    public ValueTask<DeleteObjectsResult> DeleteObjectsAsync(DeleteObjectsRequest request, CancellationToken cancellationToken = default) => inner.DeleteObjectsAsync(request, cancellationToken);

    public ValueTask<ObjectWriteResult> CopyObjectAsync(CopyObjectRequest request, CancellationToken cancellationToken = default)
    {
        Fault();
        return inner.CopyObjectAsync(request, cancellationToken);
    }

    public ValueTask<ListObjectsV2Result> ListObjectsV2Async(ListObjectsV2Request request, CancellationToken cancellationToken = default) => inner.ListObjectsV2Async(request, cancellationToken);

    public ValueTask<ListObjectVersionsResult> ListObjectVersionsAsync(ListObjectVersionsRequest request, CancellationToken cancellationToken = default) => inner.ListObjectVersionsAsync(request, cancellationToken);

    public ValueTask<string> CreateMultipartUploadAsync(CreateMultipartUploadRequest request, CancellationToken cancellationToken = default) => inner.CreateMultipartUploadAsync(request, cancellationToken);

    public ValueTask<ETag> UploadPartAsync(UploadPartRequest request, CancellationToken cancellationToken = default) => inner.UploadPartAsync(request, cancellationToken);

    public ValueTask<ETag> UploadPartCopyAsync(UploadPartCopyRequest request, CancellationToken cancellationToken = default) => inner.UploadPartCopyAsync(request, cancellationToken);

    public ValueTask<ObjectWriteResult> CompleteMultipartUploadAsync(CompleteMultipartUploadRequest request, CancellationToken cancellationToken = default) => inner.CompleteMultipartUploadAsync(request, cancellationToken);

    public ValueTask AbortMultipartUploadAsync(string key, string uploadId, CancellationToken cancellationToken = default) => inner.AbortMultipartUploadAsync(key, uploadId, cancellationToken);

    public ValueTask<ListPartsResult> ListPartsAsync(ListPartsRequest request, CancellationToken cancellationToken = default) => inner.ListPartsAsync(request, cancellationToken);

    public ValueTask<RestoreObjectStatus> RestoreObjectAsync(RestoreObjectRequest request, CancellationToken cancellationToken = default) => inner.RestoreObjectAsync(request, cancellationToken);

    private void Fault()
    {
        Writes++;
        if (_faults.TryDequeue(out var fault))
        {
            throw fault;
        }
    }
}
