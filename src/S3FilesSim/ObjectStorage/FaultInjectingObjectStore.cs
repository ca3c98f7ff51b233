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
/// <c>RequestTimeout</c>, <c>AccessDenied</c>, ...) before they reach the inner store, so retry and error paths can be
/// tested; it forwards the inner store's bucket events.
/// </summary>
/// <remarks>A failed call never reaches the inner store, so it changes nothing, like a request S3 rejected. Each call is
/// checked against the rules in the order they were added; the first rule that fails it counts the fault
/// (<see cref="ObjectStoreFaultRuleHandle.InjectedCount"/>). Random faults draw from the given
/// <see cref="DeterministicRandom"/> (the simulation's, for a seeded run): the same seed and calls fail the same calls.
/// Status codes follow the error code (e.g. <c>SlowDown</c> 503, <c>InternalError</c> 500, <c>AccessDenied</c> 403);
/// see https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html and <see cref="ObjectStoreFaultRule"/>.
/// The operations of <see cref="IObjectStoreAdministration"/> reach the inner store when it offers them (<c>NotImplemented</c> otherwise).
/// Bucket events pass through untouched (event-stream faults are options of the bus: <see cref="BucketEventDeliveryOptions"/>),
/// so a file system over this store still sees bucket changes. Thread-safe.</remarks>
/// <param name="inner">The store the calls that do not fail go to.</param>
/// <param name="random">The random source for rules with a probability below 1; <see langword="null"/> when every rule has probability 1.</param>
/// <param name="scheduler">The simulation's scheduler, for rules with a <see cref="ObjectStoreFaultRule.Delay"/>; <see langword="null"/> when no rule has one.</param>
public sealed class FaultInjectingObjectStore(IObjectStore inner, DeterministicRandom? random = null, Scheduler? scheduler = null) : IObjectStoreAdministration, IBucketEventSource
{
    private readonly Lock _gate = new();
    private readonly List<ObjectStoreFaultRuleHandle> _rules = [];
    private int _injected;

    /// <summary>Gets the wrapped store.</summary>
    public IObjectStore Inner { get; } = inner ?? throw new ArgumentNullException(nameof(inner));

    /// <inheritdoc />
    public string BucketName => Inner.BucketName;

    /// <inheritdoc />
    public ObjectStoreCapabilities Capabilities => Inner.Capabilities;

    /// <summary>Gets how many calls have been failed so far, by every rule (removed ones included).</summary>
    public int InjectedFaultCount => Volatile.Read(ref _injected);

    /// <summary>Gets the rules in force, in the order they are checked.</summary>
    public IReadOnlyList<ObjectStoreFaultRuleHandle> Rules
    {
        get
        {
            lock (_gate)
            {
                return [.. _rules];
            }
        }
    }

    /// <summary>Adds a fault rule, checked after the rules already added.</summary>
    /// <param name="rule">The rule.</param>
    /// <returns>The rule's handle, which counts its faults and removes it.</returns>
    /// <exception cref="ArgumentException">A field of the rule is out of range; the parameter name is the field.</exception>
    /// <exception cref="InvalidOperationException">The rule has a probability below 1 and the store was created without a
    /// random source, or a <see cref="ObjectStoreFaultRule.Delay"/> and the store was created without a scheduler.</exception>
    public ObjectStoreFaultRuleHandle Add(ObjectStoreFaultRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        rule.Validate();
        if (rule.Probability < 1 && random is null)
        {
            throw new InvalidOperationException("Random faults need the DeterministicRandom given to the constructor.");
        }

        if (rule.Delay is not null && scheduler is null)
        {
            throw new InvalidOperationException("Delays need the Scheduler given to the constructor.");
        }

        var handle = new ObjectStoreFaultRuleHandle(this, rule);
        lock (_gate)
        {
            _rules.Add(handle);
        }

        return handle;
    }

    /// <summary>Fails the next <paramref name="count"/> calls of <paramref name="operation"/> with <paramref name="errorCode"/>.</summary>
    /// <param name="operation">The operation to fail.</param>
    /// <param name="errorCode">The S3 error code, e.g. <see cref="S3ErrorCode.SlowDown"/>.</param>
    /// <param name="count">How many calls to fail; positive.</param>
    public void FailNext(ObjectStoreOperation operation, string errorCode, int count = 1)
    {
        ArgumentException.ThrowIfNullOrEmpty(errorCode);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        Add(new ObjectStoreFaultRule { Operation = operation, ErrorCode = errorCode, MaxFaults = count });
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

        Add(new ObjectStoreFaultRule { Operation = operation, ErrorCode = errorCode, Probability = probability });
    }

    /// <summary>Removes every fault rule.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _rules.Clear();
        }
    }

    /// <summary>Subscribes <paramref name="handler"/> to the inner store's bucket events (an <see cref="InMemoryObjectStore"/>'s, or the inner store's own when it is an <see cref="IBucketEventSource"/>); a store without events never calls it.</summary>
    /// <param name="handler">Called once per delivery.</param>
    /// <returns>A handle whose disposal stops further deliveries.</returns>
    public IDisposable Subscribe(Func<BucketEvent, CancellationToken, ValueTask> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var events = (Inner as InMemoryObjectStore)?.Events ?? Inner as IBucketEventSource ?? new NoBucketEvents(BucketName);
        return events.Subscribe(handler);
    }

    /// <summary>Stops <paramref name="handle"/>'s rule.</summary>
    internal void Remove(ObjectStoreFaultRuleHandle handle)
    {
        lock (_gate)
        {
            _rules.Remove(handle);
        }
    }

    /// <inheritdoc />
    public ValueTask<ObjectWriteResult> PutObjectAsync(PutObjectRequest request, CancellationToken cancellationToken = default)
    {
        return Through(ObjectStoreOperation.PutObject, request?.Key, () => Inner.PutObjectAsync(request!, cancellationToken));
    }

    /// <inheritdoc />
    public ValueTask<GetObjectResult> GetObjectAsync(GetObjectRequest request, CancellationToken cancellationToken = default)
    {
        return Through(ObjectStoreOperation.GetObject, request?.Key, () => Inner.GetObjectAsync(request!, cancellationToken));
    }

    /// <inheritdoc />
    public ValueTask<HeadObjectResult> HeadObjectAsync(HeadObjectRequest request, CancellationToken cancellationToken = default)
    {
        return Through(ObjectStoreOperation.HeadObject, request?.Key, () => Inner.HeadObjectAsync(request!, cancellationToken));
    }

    /// <inheritdoc />
    public ValueTask<DeleteObjectResult> DeleteObjectAsync(DeleteObjectRequest request, CancellationToken cancellationToken = default)
    {
        return Through(ObjectStoreOperation.DeleteObject, request?.Key, () => Inner.DeleteObjectAsync(request!, cancellationToken));
    }

    /// <inheritdoc />
    public ValueTask<DeleteObjectsResult> DeleteObjectsAsync(DeleteObjectsRequest request, CancellationToken cancellationToken = default)
    {
        return Through(ObjectStoreOperation.DeleteObjects, key: null, () => Inner.DeleteObjectsAsync(request!, cancellationToken), request?.Objects.Select(o => o.Key).ToList());
    }

    /// <inheritdoc />
    public ValueTask<ObjectWriteResult> CopyObjectAsync(CopyObjectRequest request, CancellationToken cancellationToken = default)
    {
        return Through(ObjectStoreOperation.CopyObject, request?.DestinationKey, () => Inner.CopyObjectAsync(request!, cancellationToken));
    }

    /// <inheritdoc />
    public ValueTask<ListObjectsV2Result> ListObjectsV2Async(ListObjectsV2Request request, CancellationToken cancellationToken = default)
    {
        return Through(ObjectStoreOperation.ListObjectsV2, key: null, () => Inner.ListObjectsV2Async(request, cancellationToken));
    }

    /// <inheritdoc />
    public ValueTask<ListObjectVersionsResult> ListObjectVersionsAsync(ListObjectVersionsRequest request, CancellationToken cancellationToken = default)
    {
        return Through(ObjectStoreOperation.ListObjectVersions, key: null, () => Inner.ListObjectVersionsAsync(request, cancellationToken));
    }

    /// <inheritdoc />
    public ValueTask<string> CreateMultipartUploadAsync(CreateMultipartUploadRequest request, CancellationToken cancellationToken = default)
    {
        return Through(ObjectStoreOperation.CreateMultipartUpload, request?.Key, () => Inner.CreateMultipartUploadAsync(request!, cancellationToken));
    }

    /// <inheritdoc />
    public ValueTask<ETag> UploadPartAsync(UploadPartRequest request, CancellationToken cancellationToken = default)
    {
        return Through(ObjectStoreOperation.UploadPart, request?.Key, () => Inner.UploadPartAsync(request!, cancellationToken));
    }

    /// <inheritdoc />
    public ValueTask<ETag> UploadPartCopyAsync(UploadPartCopyRequest request, CancellationToken cancellationToken = default)
    {
        return Through(ObjectStoreOperation.UploadPartCopy, request?.Key, () => Inner.UploadPartCopyAsync(request!, cancellationToken));
    }

    /// <inheritdoc />
    public ValueTask<ObjectWriteResult> CompleteMultipartUploadAsync(CompleteMultipartUploadRequest request, CancellationToken cancellationToken = default)
    {
        return Through(ObjectStoreOperation.CompleteMultipartUpload, request?.Key, () => Inner.CompleteMultipartUploadAsync(request!, cancellationToken));
    }

    /// <inheritdoc />
    public ValueTask AbortMultipartUploadAsync(string key, string uploadId, CancellationToken cancellationToken = default)
    {
        return new ValueTask(Through(ObjectStoreOperation.AbortMultipartUpload, key, async () =>
        {
            await Inner.AbortMultipartUploadAsync(key, uploadId, cancellationToken).ConfigureAwait(false);
            return true;
        }).AsTask());
    }

    /// <inheritdoc />
    public ValueTask<ListPartsResult> ListPartsAsync(ListPartsRequest request, CancellationToken cancellationToken = default)
    {
        return Through(ObjectStoreOperation.ListParts, request?.Key, () => Inner.ListPartsAsync(request!, cancellationToken));
    }

    /// <inheritdoc />
    public ValueTask<RestoreObjectStatus> RestoreObjectAsync(RestoreObjectRequest request, CancellationToken cancellationToken = default)
    {
        return Through(ObjectStoreOperation.RestoreObject, request?.Key, () => Inner.RestoreObjectAsync(request!, cancellationToken));
    }

    private ValueTask<T> Through<T>(ObjectStoreOperation operation, string? key, Func<ValueTask<T>> call, IReadOnlyList<string>? keys = null)
    {
        var rule = Injected(operation, key, keys);
        if (rule is null)
        {
            return call();
        }

        if (rule.Delay is null && !rule.LoseResponse && rule.FailBodyAfterBytes is null)
        {
            throw ObjectStoreException.Create(rule.ErrorCode, $"Injected fault on {operation}.", key);
        }

        return ShapedAsync(operation, key, rule, call);
    }

    /// <summary>A fault that lets the call through: its answer late, lost, or with a body that breaks off.</summary>
    private async ValueTask<T> ShapedAsync<T>(ObjectStoreOperation operation, string? key, ObjectStoreFaultRule rule, Func<ValueTask<T>> call)
    {
        var result = await call().ConfigureAwait(false);
        if (rule.Delay is { } delay)
        {
            scheduler!.PassInsideWork(delay);
            return result;
        }

        if (rule.LoseResponse)
        {
            (result as IDisposable)?.Dispose();
            throw ObjectStoreException.Create(rule.ErrorCode, $"Injected fault on {operation}: the call reached the bucket and its response was lost.", key);
        }

        if (result is GetObjectResult { Status: ObjectReadStatus.Found } found && found.ContentLength > rule.FailBodyAfterBytes)
        {
            var error = ObjectStoreException.Create(rule.ErrorCode, $"Injected fault on {operation}: the body broke off after {rule.FailBodyAfterBytes} bytes.", key);
            return (T)(object)new GetObjectResult
            {
                Status = found.Status,
                Object = found.Object,
                IsDeleteMarker = found.IsDeleteMarker,
                DeleteMarkerVersionId = found.DeleteMarkerVersionId,
                Body = new BrokenBodyStream(found.Body, rule.FailBodyAfterBytes!.Value, error),
                RangeStart = found.RangeStart,
                ContentLength = found.ContentLength,
                IsPartial = found.IsPartial,
            };
        }

        return result;
    }

    /// <summary>Returns the rule that fails this call (counting the fault), or <see langword="null"/>.</summary>
    private ObjectStoreFaultRule? Injected(ObjectStoreOperation operation, string? key, IReadOnlyList<string>? keys)
    {
        lock (_gate)
        {
            foreach (var handle in _rules)
            {
                var rule = handle.Rule;
                if ((rule.Operation is { } only && only != operation)
                    || !(keys is null ? rule.MatchesKey(key) : keys.Any(rule.MatchesKey)))
                {
                    continue;
                }

                if (handle.TryInject(random))
                {
                    Interlocked.Increment(ref _injected);
                    return rule;
                }
            }
        }

        return null;
    }
}
