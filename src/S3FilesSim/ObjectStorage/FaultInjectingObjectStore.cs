using S3FilesSim.Time;

namespace S3FilesSim.ObjectStorage;

/// <summary>The operations of <see cref="IObjectStore"/>, for choosing which calls a <see cref="FaultInjectingObjectStore"/> fails.</summary>
public enum ObjectStoreOperation
{
    /// <summary>PutObject.</summary>
    PutObject,

    /// <summary>GetObject.</summary>
    GetObject,

    /// <summary>HeadObject.</summary>
    HeadObject,

    /// <summary>DeleteObject.</summary>
    DeleteObject,

    /// <summary>DeleteObjects.</summary>
    DeleteObjects,

    /// <summary>CopyObject.</summary>
    CopyObject,

    /// <summary>ListObjectsV2.</summary>
    ListObjectsV2,

    /// <summary>ListObjectVersions.</summary>
    ListObjectVersions,

    /// <summary>CreateMultipartUpload.</summary>
    CreateMultipartUpload,

    /// <summary>UploadPart.</summary>
    UploadPart,

    /// <summary>UploadPartCopy.</summary>
    UploadPartCopy,

    /// <summary>CompleteMultipartUpload.</summary>
    CompleteMultipartUpload,

    /// <summary>AbortMultipartUpload.</summary>
    AbortMultipartUpload,

    /// <summary>ListParts.</summary>
    ListParts,

    /// <summary>RestoreObject.</summary>
    RestoreObject,
}

/// <summary>
/// An <see cref="IObjectStore"/> decorator that fails chosen calls with S3 errors (<c>SlowDown</c>, <c>InternalError</c>,
/// <c>AccessDenied</c>, ...) before they reach the inner store, so retry and error paths can be tested.
/// </summary>
/// <remarks>A failed call never reaches the inner store, so it changes nothing, like a request S3 rejected. Random
/// faults draw from the given <see cref="DeterministicRandom"/>: the same seed and calls fail the same calls. Status
/// codes follow the error code (e.g. <c>SlowDown</c> 503, <c>InternalError</c> 500, <c>AccessDenied</c> 403); see
/// https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html. Thread-safe.</remarks>
/// <param name="inner">The store the calls that do not fail go to.</param>
/// <param name="random">The random source for <see cref="FailRandomly"/>; <see langword="null"/> when only <see cref="FailNext"/> is used.</param>
public sealed class FaultInjectingObjectStore(IObjectStore inner, DeterministicRandom? random = null) : IObjectStore
{
    private readonly Lock _gate = new();
    private readonly List<Rule> _rules = [];
    private int _injected;

    /// <summary>Gets the wrapped store.</summary>
    public IObjectStore Inner { get; } = inner ?? throw new ArgumentNullException(nameof(inner));

    /// <inheritdoc />
    public string BucketName => Inner.BucketName;

    /// <inheritdoc />
    public ObjectStoreCapabilities Capabilities => Inner.Capabilities;

    /// <summary>Gets how many calls have been failed so far.</summary>
    public int InjectedFaultCount => Volatile.Read(ref _injected);

    /// <summary>Fails the next <paramref name="count"/> calls of <paramref name="operation"/> with <paramref name="errorCode"/>.</summary>
    /// <param name="operation">The operation to fail.</param>
    /// <param name="errorCode">The S3 error code, e.g. <see cref="S3ErrorCode.SlowDown"/>.</param>
    /// <param name="count">How many calls to fail; positive.</param>
    public void FailNext(ObjectStoreOperation operation, string errorCode, int count = 1)
    {
        ArgumentException.ThrowIfNullOrEmpty(errorCode);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        lock (_gate)
        {
            _rules.Add(new Rule(operation, errorCode, count, Probability: 1));
        }
    }

    /// <summary>Fails each call of <paramref name="operation"/> (or of every operation) with <paramref name="errorCode"/> with probability <paramref name="probability"/>, until <see cref="Reset"/>.</summary>
    /// <param name="errorCode">The S3 error code.</param>
    /// <param name="probability">The chance, 0 to 1, that a call fails.</param>
    /// <param name="operation">The operation, or <see langword="null"/> for all.</param>
    /// <exception cref="InvalidOperationException">The store was created without a random source.</exception>
    public void FailRandomly(string errorCode, double probability, ObjectStoreOperation? operation = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(errorCode);
        if (!(probability is >= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(probability), probability, "A probability is between 0 and 1.");
        }

        if (random is null)
        {
            throw new InvalidOperationException("Random faults need the DeterministicRandom given to the constructor.");
        }

        lock (_gate)
        {
            _rules.Add(new Rule(operation, errorCode, int.MaxValue, probability));
        }
    }

    /// <summary>Removes every fault rule.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _rules.Clear();
        }
    }

    /// <inheritdoc />
    public ValueTask<ObjectWriteResult> PutObjectAsync(PutObjectRequest request, CancellationToken cancellationToken = default)
    {
        ThrowIfFaulted(ObjectStoreOperation.PutObject, request?.Key);
        return Inner.PutObjectAsync(request!, cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<GetObjectResult> GetObjectAsync(GetObjectRequest request, CancellationToken cancellationToken = default)
    {
        ThrowIfFaulted(ObjectStoreOperation.GetObject, request?.Key);
        return Inner.GetObjectAsync(request!, cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<HeadObjectResult> HeadObjectAsync(HeadObjectRequest request, CancellationToken cancellationToken = default)
    {
        ThrowIfFaulted(ObjectStoreOperation.HeadObject, request?.Key);
        return Inner.HeadObjectAsync(request!, cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<DeleteObjectResult> DeleteObjectAsync(DeleteObjectRequest request, CancellationToken cancellationToken = default)
    {
        ThrowIfFaulted(ObjectStoreOperation.DeleteObject, request?.Key);
        return Inner.DeleteObjectAsync(request!, cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<DeleteObjectsResult> DeleteObjectsAsync(DeleteObjectsRequest request, CancellationToken cancellationToken = default)
    {
        ThrowIfFaulted(ObjectStoreOperation.DeleteObjects, key: null);
        return Inner.DeleteObjectsAsync(request, cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<ObjectWriteResult> CopyObjectAsync(CopyObjectRequest request, CancellationToken cancellationToken = default)
    {
        ThrowIfFaulted(ObjectStoreOperation.CopyObject, request?.DestinationKey);
        return Inner.CopyObjectAsync(request!, cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<ListObjectsV2Result> ListObjectsV2Async(ListObjectsV2Request request, CancellationToken cancellationToken = default)
    {
        ThrowIfFaulted(ObjectStoreOperation.ListObjectsV2, key: null);
        return Inner.ListObjectsV2Async(request, cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<ListObjectVersionsResult> ListObjectVersionsAsync(ListObjectVersionsRequest request, CancellationToken cancellationToken = default)
    {
        ThrowIfFaulted(ObjectStoreOperation.ListObjectVersions, key: null);
        return Inner.ListObjectVersionsAsync(request, cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<string> CreateMultipartUploadAsync(CreateMultipartUploadRequest request, CancellationToken cancellationToken = default)
    {
        ThrowIfFaulted(ObjectStoreOperation.CreateMultipartUpload, request?.Key);
        return Inner.CreateMultipartUploadAsync(request!, cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<ETag> UploadPartAsync(UploadPartRequest request, CancellationToken cancellationToken = default)
    {
        ThrowIfFaulted(ObjectStoreOperation.UploadPart, request?.Key);
        return Inner.UploadPartAsync(request!, cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<ETag> UploadPartCopyAsync(UploadPartCopyRequest request, CancellationToken cancellationToken = default)
    {
        ThrowIfFaulted(ObjectStoreOperation.UploadPartCopy, request?.Key);
        return Inner.UploadPartCopyAsync(request!, cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<ObjectWriteResult> CompleteMultipartUploadAsync(CompleteMultipartUploadRequest request, CancellationToken cancellationToken = default)
    {
        ThrowIfFaulted(ObjectStoreOperation.CompleteMultipartUpload, request?.Key);
        return Inner.CompleteMultipartUploadAsync(request!, cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask AbortMultipartUploadAsync(string key, string uploadId, CancellationToken cancellationToken = default)
    {
        ThrowIfFaulted(ObjectStoreOperation.AbortMultipartUpload, key);
        return Inner.AbortMultipartUploadAsync(key, uploadId, cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<ListPartsResult> ListPartsAsync(ListPartsRequest request, CancellationToken cancellationToken = default)
    {
        ThrowIfFaulted(ObjectStoreOperation.ListParts, request?.Key);
        return Inner.ListPartsAsync(request!, cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<RestoreObjectStatus> RestoreObjectAsync(RestoreObjectRequest request, CancellationToken cancellationToken = default)
    {
        ThrowIfFaulted(ObjectStoreOperation.RestoreObject, request?.Key);
        return Inner.RestoreObjectAsync(request!, cancellationToken);
    }

    private void ThrowIfFaulted(ObjectStoreOperation operation, string? key)
    {
        string? errorCode = null;
        lock (_gate)
        {
            for (var i = 0; i < _rules.Count && errorCode is null; i++)
            {
                var rule = _rules[i];
                if (rule.Operation is { } only && only != operation)
                {
                    continue;
                }

                if (rule.Probability < 1 && random!.NextDouble() >= rule.Probability)
                {
                    continue;
                }

                errorCode = rule.ErrorCode;
                if (rule.Remaining == 1)
                {
                    _rules.RemoveAt(i);
                }
                else if (rule.Remaining != int.MaxValue)
                {
                    _rules[i] = rule with { Remaining = rule.Remaining - 1 };
                }
            }
        }

        if (errorCode is not null)
        {
            Interlocked.Increment(ref _injected);
            throw ObjectStoreException.Create(errorCode, $"Injected fault on {operation}.", key);
        }
    }

    private sealed record Rule(ObjectStoreOperation? Operation, string ErrorCode, int Remaining, double Probability);
}
