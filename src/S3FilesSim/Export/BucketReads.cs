using S3FilesSim.ObjectStorage;

namespace S3FilesSim.Export;

/// <summary>
/// The bucket reads of one engine operation (a bucket event, a revalidation, a conflict), made outside the file
/// system's lock and kept for the operation's locked steps: each step asks for what it needs; what is not here yet
/// throws <see cref="BucketFetchRequiredException"/>, and the step runs again once it is. A store error is kept like
/// a result and thrown by the step that asks, under the lock, before it changes anything.
/// </summary>
/// <remarks>Not thread-safe: one operation at a time. Each distinct request goes to the bucket once per operation.</remarks>
/// <param name="store">The bucket.</param>
internal sealed class BucketReads(IObjectStore store)
{
    private readonly Dictionary<Request, Outcome> _outcomes = [];

    private enum Kind
    {
        Head,
        Version,
        Latest,
        ReleaseOldKey,
    }

    /// <summary>Returns the metadata of the latest version of <paramref name="key"/>, or <see langword="null"/> when it has none.</summary>
    /// <exception cref="BucketFetchRequiredException">Not read yet.</exception>
    /// <exception cref="ObjectStoreException">The read failed.</exception>
    public ObjectMetadata? Head(string key) => (ObjectMetadata?)Get(new Request(Kind.Head, key));

    /// <summary>Returns the bytes of version <paramref name="versionId"/> of <paramref name="key"/>.</summary>
    /// <exception cref="BucketFetchRequiredException">Not read yet.</exception>
    /// <exception cref="ObjectStoreException">The read failed, or the version is gone (<c>NoSuchVersion</c>).</exception>
    public byte[] Version(string key, VersionId versionId) => (byte[])Get(new Request(Kind.Version, key, versionId))!;

    /// <summary>Returns the latest version of <paramref name="key"/> with its bytes, or <see langword="null"/> when it has none.</summary>
    /// <exception cref="BucketFetchRequiredException">Not read yet.</exception>
    /// <exception cref="ObjectStoreException">The read failed.</exception>
    public BucketVersion? Latest(string key) => (BucketVersion?)Get(new Request(Kind.Latest, key));

    /// <summary>Releases the old key of a rename (<see cref="BucketVersion.ReleaseOldKeyAsync"/>): deleted when it holds <paramref name="baseETag"/>,
    /// else its newer version is returned. The call is made once per operation, however often the step runs.</summary>
    /// <exception cref="BucketFetchRequiredException">Not done yet.</exception>
    /// <exception cref="ObjectStoreException">Reading or deleting failed.</exception>
    public BucketVersion? ReleaseOldKey(string oldKey, ETag baseETag) => (BucketVersion?)Get(new Request(Kind.ReleaseOldKey, oldKey, ETag: baseETag));

    /// <summary>Stores the metadata of <paramref name="key"/> read ahead of the step that needs it.</summary>
    /// <param name="key">The key.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The metadata, or <see langword="null"/> when absent or when the read failed (the failure is kept for the step).</returns>
    public async ValueTask<ObjectMetadata?> PrefetchHeadAsync(string key, CancellationToken cancellationToken)
    {
        var request = new Request(Kind.Head, key);
        await FetchAsync(request, cancellationToken).ConfigureAwait(false);
        return _outcomes[request].Value as ObjectMetadata;
    }

    /// <summary>Stores the bytes of a version read ahead of the step that needs them.</summary>
    /// <param name="key">The key.</param>
    /// <param name="versionId">The version.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>A task that completes when the outcome is kept.</returns>
    public ValueTask PrefetchVersionAsync(string key, VersionId versionId, CancellationToken cancellationToken) =>
        FetchAsync(new Request(Kind.Version, key, versionId), cancellationToken);

    private object? Get(Request request)
    {
        if (!_outcomes.TryGetValue(request, out var outcome))
        {
            throw new Required(this, request);
        }

        return outcome.Error is { } error ? throw error : outcome.Value;
    }

    private async ValueTask FetchAsync(Request request, CancellationToken cancellationToken)
    {
        if (_outcomes.ContainsKey(request))
        {
            return;
        }

        Outcome outcome;
        try
        {
            object? value = request.Kind switch
            {
                Kind.Head => await HeadAsync(request.Key, cancellationToken).ConfigureAwait(false),
                Kind.Version => await BucketVersion.ReadVersionAsync(store, request.Key, request.VersionId!.Value, cancellationToken).ConfigureAwait(false),
                Kind.Latest => await BucketVersion.FetchLatestAsync(store, request.Key, cancellationToken).ConfigureAwait(false),
                _ => await BucketVersion.ReleaseOldKeyAsync(store, request.Key, request.ETag!.Value, cancellationToken).ConfigureAwait(false),
            };
            outcome = new Outcome(value, null);
        }
        catch (ObjectStoreException e)
        {
            outcome = new Outcome(null, e);
        }

        _outcomes[request] = outcome;
    }

    private async ValueTask<ObjectMetadata?> HeadAsync(string key, CancellationToken cancellationToken)
    {
        var head = await store.HeadObjectAsync(new HeadObjectRequest { Key = key }, cancellationToken).ConfigureAwait(false);
        return head.Status == ObjectReadStatus.Found ? head.Object : null;
    }

    private readonly record struct Request(Kind Kind, string Key, VersionId? VersionId = null, ETag? ETag = null);

    private readonly record struct Outcome(object? Value, ObjectStoreException? Error);

    private sealed class Required(BucketReads reads, Request request) : BucketFetchRequiredException
    {
        public override ValueTask FetchAsync(CancellationToken cancellationToken) => reads.FetchAsync(request, cancellationToken);
    }
}
