using S3FilesSim.ObjectStorage;

namespace S3FilesSim.Tests.Reliability.Concurrency;

/// <summary>
/// A bucket whose chosen calls wait, before they reach the in-memory bucket, until the test releases them: a slow
/// remote store on demand. A held call honours its cancellation token (it then never reaches the bucket).
/// </summary>
internal sealed class HeldObjectStore(InMemoryObjectStore inner) : IObjectStoreAdministration, IBucketEventSource
{
    private readonly Lock _gate = new();
    private readonly List<Hold> _holds = [];
    private readonly Dictionary<ObjectStoreOperation, int> _calls = [];

    public string BucketName => inner.BucketName;

    public ObjectStoreCapabilities Capabilities => inner.Capabilities;

    /// <summary>Holds the next <paramref name="count"/> calls of <paramref name="operation"/> that <paramref name="matches"/> (by key and version id).</summary>
    public Hold HoldNext(ObjectStoreOperation operation, Func<string?, VersionId?, bool> matches, int count = 1)
    {
        var hold = new Hold(operation, matches, count);
        lock (_gate)
        {
            _holds.Add(hold);
        }

        return hold;
    }

    /// <summary>Returns how many calls of <paramref name="operation"/> were made (held or not).</summary>
    public int Calls(ObjectStoreOperation operation)
    {
        lock (_gate)
        {
            return _calls.GetValueOrDefault(operation);
        }
    }

    public IDisposable Subscribe(Func<BucketEvent, CancellationToken, ValueTask> handler) => inner.Events.Subscribe(handler);

    public ValueTask<ObjectWriteResult> PutObjectAsync(PutObjectRequest request, CancellationToken cancellationToken = default) =>
        Through(ObjectStoreOperation.PutObject, request.Key, null, () => inner.PutObjectAsync(request, cancellationToken), cancellationToken);

    public ValueTask<GetObjectResult> GetObjectAsync(GetObjectRequest request, CancellationToken cancellationToken = default) =>
        Through(ObjectStoreOperation.GetObject, request.Key, request.VersionId, () => inner.GetObjectAsync(request, cancellationToken), cancellationToken);

    public ValueTask<HeadObjectResult> HeadObjectAsync(HeadObjectRequest request, CancellationToken cancellationToken = default) =>
        Through(ObjectStoreOperation.HeadObject, request.Key, request.VersionId, () => inner.HeadObjectAsync(request, cancellationToken), cancellationToken);

    public ValueTask<DeleteObjectResult> DeleteObjectAsync(DeleteObjectRequest request, CancellationToken cancellationToken = default) =>
        Through(ObjectStoreOperation.DeleteObject, request.Key, request.VersionId, () => inner.DeleteObjectAsync(request, cancellationToken), cancellationToken);

    public ValueTask<DeleteObjectsResult> DeleteObjectsAsync(DeleteObjectsRequest request, CancellationToken cancellationToken = default) =>
        Through(ObjectStoreOperation.DeleteObjects, null, null, () => inner.DeleteObjectsAsync(request, cancellationToken), cancellationToken);

    public ValueTask<ObjectWriteResult> CopyObjectAsync(CopyObjectRequest request, CancellationToken cancellationToken = default) =>
        Through(ObjectStoreOperation.CopyObject, request.DestinationKey, null, () => inner.CopyObjectAsync(request, cancellationToken), cancellationToken);

    public ValueTask<ListObjectsV2Result> ListObjectsV2Async(ListObjectsV2Request request, CancellationToken cancellationToken = default) =>
        Through(ObjectStoreOperation.ListObjectsV2, request.Prefix, null, () => inner.ListObjectsV2Async(request, cancellationToken), cancellationToken);

    public ValueTask<ListObjectVersionsResult> ListObjectVersionsAsync(ListObjectVersionsRequest request, CancellationToken cancellationToken = default) =>
        Through(ObjectStoreOperation.ListObjectVersions, request.Prefix, null, () => inner.ListObjectVersionsAsync(request, cancellationToken), cancellationToken);

    public ValueTask<string> CreateMultipartUploadAsync(CreateMultipartUploadRequest request, CancellationToken cancellationToken = default) =>
        Through(ObjectStoreOperation.CreateMultipartUpload, request.Key, null, () => inner.CreateMultipartUploadAsync(request, cancellationToken), cancellationToken);

    public ValueTask<ETag> UploadPartAsync(UploadPartRequest request, CancellationToken cancellationToken = default) =>
        Through(ObjectStoreOperation.UploadPart, request.Key, null, () => inner.UploadPartAsync(request, cancellationToken), cancellationToken);

    public ValueTask<ETag> UploadPartCopyAsync(UploadPartCopyRequest request, CancellationToken cancellationToken = default) =>
        Through(ObjectStoreOperation.UploadPartCopy, request.Key, null, () => inner.UploadPartCopyAsync(request, cancellationToken), cancellationToken);

    public ValueTask<ObjectWriteResult> CompleteMultipartUploadAsync(CompleteMultipartUploadRequest request, CancellationToken cancellationToken = default) =>
        Through(ObjectStoreOperation.CompleteMultipartUpload, request.Key, null, () => inner.CompleteMultipartUploadAsync(request, cancellationToken), cancellationToken);

    public async ValueTask AbortMultipartUploadAsync(string key, string uploadId, CancellationToken cancellationToken = default) =>
        await Through(ObjectStoreOperation.AbortMultipartUpload, key, null, async () => { await inner.AbortMultipartUploadAsync(key, uploadId, cancellationToken); return true; }, cancellationToken);

    public ValueTask<ListPartsResult> ListPartsAsync(ListPartsRequest request, CancellationToken cancellationToken = default) =>
        Through(ObjectStoreOperation.ListParts, request.Key, null, () => inner.ListPartsAsync(request, cancellationToken), cancellationToken);

    public ValueTask<RestoreObjectStatus> RestoreObjectAsync(RestoreObjectRequest request, CancellationToken cancellationToken = default) =>
        Through(ObjectStoreOperation.RestoreObject, request.Key, null, () => inner.RestoreObjectAsync(request, cancellationToken), cancellationToken);

    private ValueTask<T> Through<T>(ObjectStoreOperation operation, string? key, VersionId? versionId, Func<ValueTask<T>> call, CancellationToken cancellationToken)
    {
        Hold? hold;
        lock (_gate)
        {
            _calls[operation] = _calls.GetValueOrDefault(operation) + 1;
            hold = _holds.FirstOrDefault(h => h.Operation == operation && h.Remaining > 0 && h.Matches(key, versionId));
            if (hold is not null && --hold.Remaining == 0)
            {
                _holds.Remove(hold);
            }
        }

        return hold is null ? call() : AfterReleaseAsync(hold, call, cancellationToken);
    }

    private static async ValueTask<T> AfterReleaseAsync<T>(Hold hold, Func<ValueTask<T>> call, CancellationToken cancellationToken)
    {
        hold.Arrive(cancellationToken);
        await hold.Released.WaitAsync(cancellationToken);
        return await call();
    }

    /// <summary>Calls held until <see cref="Release"/>.</summary>
    internal sealed class Hold(ObjectStoreOperation operation, Func<string?, VersionId?, bool> matches, int count)
    {
        private readonly TaskCompletionSource<CancellationToken> _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public ObjectStoreOperation Operation { get; } = operation;

        public int Remaining { get; set; } = count;

        /// <summary>Gets a task that completes, with the call's cancellation token, when the first held call arrives.</summary>
        public Task<CancellationToken> Arrived => _arrived.Task;

        public Task Released => _released.Task;

        public bool Matches(string? key, VersionId? versionId) => matches(key, versionId);

        public void Arrive(CancellationToken cancellationToken) => _arrived.TrySetResult(cancellationToken);

        /// <summary>Lets every held call (and every later one this hold matches) through.</summary>
        public void Release() => _released.TrySetResult();
    }
}
