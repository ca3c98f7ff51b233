namespace S3FilesSim.ObjectStorage;

/// <summary>
/// A bucket that counts the S3 requests made through it, by operation (<c>PutObject</c>, <c>GetObject</c>,
/// <c>HeadObject</c>, <c>ListObjectsV2</c>, ...), and forwards every call unchanged: put it between a store and
/// everything that uses it (file systems, event sources) to see what a run costs the store.
/// </summary>
/// <remarks>
/// <para>A call counts once whether it succeeds, fails or is cancelled, as S3 bills failed requests
/// (https://aws.amazon.com/s3/pricing/). Each call of the port is one request, which is what a store that honours
/// conditional writes sends; a store that emulates them (checking with a HEAD first) sends one more HeadObject per
/// conditional write, which this count does not see.</para>
/// <para>Thread-safe; reading <see cref="Counts"/> while calls are in flight gives a consistent-enough snapshot (each
/// operation's count is read atomically).</para>
/// </remarks>
public sealed class RequestCountingObjectStore : IObjectStore
{
    private static readonly string[] Operations =
    [
        "PutObject", "GetObject", "HeadObject", "DeleteObject", "DeleteObjects", "CopyObject", "ListObjectsV2",
        "ListObjectVersions", "CreateMultipartUpload", "UploadPart", "UploadPartCopy", "CompleteMultipartUpload",
        "AbortMultipartUpload", "ListParts", "RestoreObject",
    ];

    private readonly long[] _counts = new long[Operations.Length];

    /// <summary>Creates a counting view of <paramref name="inner"/>, with every count at zero.</summary>
    /// <param name="inner">The store the calls go to.</param>
    public RequestCountingObjectStore(IObjectStore inner)
    {
        ArgumentNullException.ThrowIfNull(inner);
        Inner = inner;
    }

    /// <summary>Gets the store the calls go to.</summary>
    public IObjectStore Inner { get; }

    /// <inheritdoc />
    public string BucketName => Inner.BucketName;

    /// <inheritdoc />
    public ObjectStoreCapabilities Capabilities => Inner.Capabilities;

    /// <summary>Gets the number of requests made so far, by S3 operation name; operations never called are left out.</summary>
    public IReadOnlyDictionary<string, long> Counts
    {
        get
        {
            var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
            for (var i = 0; i < Operations.Length; i++)
            {
                if (Interlocked.Read(ref _counts[i]) is > 0 and var count)
                {
                    counts[Operations[i]] = count;
                }
            }

            return counts;
        }
    }

    /// <summary>Gets the total number of requests made so far.</summary>
    public long Total => Enumerable.Range(0, _counts.Length).Sum(i => Interlocked.Read(ref _counts[i]));

    /// <summary>Returns the counts made since <paramref name="earlier"/> (a value of <see cref="Counts"/>), leaving out operations whose count did not change.</summary>
    /// <param name="earlier">An earlier snapshot of <see cref="Counts"/>.</param>
    /// <returns>The differences, by operation.</returns>
    public IReadOnlyDictionary<string, long> CountsSince(IReadOnlyDictionary<string, long> earlier)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var (operation, count) in Counts)
        {
            if (count - earlier.GetValueOrDefault(operation) is > 0 and var since)
            {
                counts[operation] = since;
            }
        }

        return counts;
    }

    /// <inheritdoc />
    public ValueTask<ObjectWriteResult> PutObjectAsync(PutObjectRequest request, CancellationToken cancellationToken = default) =>
        Count(0).PutObjectAsync(request, cancellationToken);

    /// <inheritdoc />
    public ValueTask<GetObjectResult> GetObjectAsync(GetObjectRequest request, CancellationToken cancellationToken = default) =>
        Count(1).GetObjectAsync(request, cancellationToken);

    /// <inheritdoc />
    public ValueTask<HeadObjectResult> HeadObjectAsync(HeadObjectRequest request, CancellationToken cancellationToken = default) =>
        Count(2).HeadObjectAsync(request, cancellationToken);

    /// <inheritdoc />
    public ValueTask<DeleteObjectResult> DeleteObjectAsync(DeleteObjectRequest request, CancellationToken cancellationToken = default) =>
        Count(3).DeleteObjectAsync(request, cancellationToken);

    /// <inheritdoc />
    public ValueTask<DeleteObjectsResult> DeleteObjectsAsync(DeleteObjectsRequest request, CancellationToken cancellationToken = default) =>
        Count(4).DeleteObjectsAsync(request, cancellationToken);

    /// <inheritdoc />
    public ValueTask<ObjectWriteResult> CopyObjectAsync(CopyObjectRequest request, CancellationToken cancellationToken = default) =>
        Count(5).CopyObjectAsync(request, cancellationToken);

    /// <inheritdoc />
    public ValueTask<ListObjectsV2Result> ListObjectsV2Async(ListObjectsV2Request request, CancellationToken cancellationToken = default) =>
        Count(6).ListObjectsV2Async(request, cancellationToken);

    /// <inheritdoc />
    public ValueTask<ListObjectVersionsResult> ListObjectVersionsAsync(ListObjectVersionsRequest request, CancellationToken cancellationToken = default) =>
        Count(7).ListObjectVersionsAsync(request, cancellationToken);

    /// <inheritdoc />
    public ValueTask<string> CreateMultipartUploadAsync(CreateMultipartUploadRequest request, CancellationToken cancellationToken = default) =>
        Count(8).CreateMultipartUploadAsync(request, cancellationToken);

    /// <inheritdoc />
    public ValueTask<ETag> UploadPartAsync(UploadPartRequest request, CancellationToken cancellationToken = default) =>
        Count(9).UploadPartAsync(request, cancellationToken);

    /// <inheritdoc />
    public ValueTask<ETag> UploadPartCopyAsync(UploadPartCopyRequest request, CancellationToken cancellationToken = default) =>
        Count(10).UploadPartCopyAsync(request, cancellationToken);

    /// <inheritdoc />
    public ValueTask<ObjectWriteResult> CompleteMultipartUploadAsync(CompleteMultipartUploadRequest request, CancellationToken cancellationToken = default) =>
        Count(11).CompleteMultipartUploadAsync(request, cancellationToken);

    /// <inheritdoc />
    public ValueTask AbortMultipartUploadAsync(string key, string uploadId, CancellationToken cancellationToken = default) =>
        Count(12).AbortMultipartUploadAsync(key, uploadId, cancellationToken);

    /// <inheritdoc />
    public ValueTask<ListPartsResult> ListPartsAsync(ListPartsRequest request, CancellationToken cancellationToken = default) =>
        Count(13).ListPartsAsync(request, cancellationToken);

    /// <inheritdoc />
    public ValueTask<RestoreObjectStatus> RestoreObjectAsync(RestoreObjectRequest request, CancellationToken cancellationToken = default) =>
        Count(14).RestoreObjectAsync(request, cancellationToken);

    private IObjectStore Count(int operation)
    {
        Interlocked.Increment(ref _counts[operation]);
        return Inner;
    }
}
