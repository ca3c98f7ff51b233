using S3FilesSim.ObjectStorage;

namespace S3FilesSim.Export;

/// <summary>The latest version of an object read from the bucket to take back a path after a conflict: its metadata and bytes.</summary>
internal sealed record BucketVersion(string Key, ObjectMetadata Head, byte[] Body)
{
    /// <summary>Reads the latest version of <paramref name="key"/>: its metadata and bytes, or <see langword="null"/> when it is absent or deleted.</summary>
    /// <exception cref="ObjectStoreException">The store failed (an archived object: <c>InvalidObjectState</c>).</exception>
    public static async ValueTask<BucketVersion?> FetchLatestAsync(IObjectStore store, string key, CancellationToken cancellationToken)
    {
        using var result = await store.GetObjectAsync(new GetObjectRequest { Key = key }, cancellationToken).ConfigureAwait(false);
        if (result.Status != ObjectReadStatus.Found)
        {
            return null;
        }

        return new BucketVersion(key, result.Object!, await result.ReadAllBytesAsync(cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Reads one version of an object whole.</summary>
    /// <exception cref="ObjectStoreException">The version is gone (<c>NoSuchVersion</c>) or the read failed.</exception>
    public static async ValueTask<byte[]> ReadVersionAsync(IObjectStore store, string key, VersionId versionId, CancellationToken cancellationToken)
    {
        using var result = await store.GetObjectAsync(new GetObjectRequest { Key = key, VersionId = versionId }, cancellationToken).ConfigureAwait(false);
        return result.Status == ObjectReadStatus.Found
            ? await result.ReadAllBytesAsync(cancellationToken).ConfigureAwait(false)
            : throw new ObjectStoreException(S3ErrorCode.NoSuchVersion, 404, $"Version {versionId} of '{key}' is gone.", key);
    }

    /// <summary>Reads one version of an object whole as immutable content: the bucket's own content when the bucket holds it
    /// in memory (a whole-object GET of the in-memory bucket: nothing is copied, the high-performance storage shares
    /// it), else the bytes read.</summary>
    /// <exception cref="ObjectStoreException">The version is gone (<c>NoSuchVersion</c>) or the read failed.</exception>
    public static async ValueTask<ObjectContent> ReadVersionContentAsync(IObjectStore store, string key, VersionId versionId, CancellationToken cancellationToken)
    {
        using var result = await store.GetObjectAsync(new GetObjectRequest { Key = key, VersionId = versionId }, cancellationToken).ConfigureAwait(false);
        if (result.Status != ObjectReadStatus.Found)
        {
            throw new ObjectStoreException(S3ErrorCode.NoSuchVersion, 404, $"Version {versionId} of '{key}' is gone.", key);
        }

        return result.Body is ObjectContentStream { WholeContent: { IsImmutable: true } shared }
            ? shared
            : new BytesContent(await result.ReadAllBytesAsync(cancellationToken).ConfigureAwait(false));
    }

    /// <summary>
    /// Releases the old key of a rename, written or lost at the new key (the old name is gone from the file system
    /// either way): deletes it when it still holds the base (<paramref name="baseETag"/>); a newer version written there
    /// through S3 wins and is returned, to come back at the old path.
    /// </summary>
    /// <exception cref="ObjectStoreException">Reading or deleting the old key failed.</exception>
    public static async ValueTask<BucketVersion?> ReleaseOldKeyAsync(IObjectStore store, string oldKey, ETag baseETag, CancellationToken cancellationToken)
    {
        var latest = await FetchLatestAsync(store, oldKey, cancellationToken).ConfigureAwait(false);
        if (latest is null || latest.Head.ETag != baseETag)
        {
            return latest;
        }

        await store.DeleteObjectAsync(new DeleteObjectRequest { Key = oldKey }, cancellationToken).ConfigureAwait(false);
        return null;
    }
}
