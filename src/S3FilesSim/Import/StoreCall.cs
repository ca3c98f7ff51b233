using S3FilesSim.ObjectStorage;

namespace S3FilesSim.Import;

/// <summary>Completes an object-store call inside the file system's lock (the in-memory bucket always completes synchronously).</summary>
internal static class StoreCall
{
    /// <summary>Returns the result of <paramref name="call"/>, waiting for it when it did not complete synchronously.</summary>
    public static T Complete<T>(ValueTask<T> call) => call.IsCompletedSuccessfully ? call.Result : call.AsTask().GetAwaiter().GetResult();

    /// <summary>Reads the metadata of <paramref name="key"/> (its latest version, or <paramref name="versionId"/>); <see langword="null"/> when absent.</summary>
    public static ObjectMetadata? Head(IObjectStore store, string key, VersionId? versionId = null)
    {
        var head = Complete(store.HeadObjectAsync(new HeadObjectRequest { Key = key, VersionId = versionId }));
        return head.Status == ObjectReadStatus.Found ? head.Object : null;
    }

    /// <summary>Reads one version of an object whole.</summary>
    /// <exception cref="ObjectStoreException">The version is gone (<c>NoSuchVersion</c>) or the read failed.</exception>
    public static byte[] ReadVersion(IObjectStore store, string key, VersionId versionId)
    {
        using var result = Complete(store.GetObjectAsync(new GetObjectRequest { Key = key, VersionId = versionId }));
        return result.Status == ObjectReadStatus.Found
            ? Complete(result.ReadAllBytesAsync())
            : throw new ObjectStoreException(S3ErrorCode.NoSuchVersion, 404, $"Version {versionId} of '{key}' is gone.", key);
    }
}
