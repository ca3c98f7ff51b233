namespace S3FilesSim.ObjectStorage;

/// <summary>Convenience overloads of <see cref="IObjectStore"/> for the common calls: absence is <see langword="null"/>.</summary>
public static class ObjectStoreExtensions
{
    /// <summary>Writes <paramref name="body"/> as a new version of <paramref name="key"/>, unconditionally.</summary>
    /// <param name="store">The store.</param>
    /// <param name="key">The key.</param>
    /// <param name="body">The bytes; copied.</param>
    /// <param name="metadata">Optional user metadata.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The new version.</returns>
    /// <exception cref="ObjectStoreException">See <see cref="IObjectStore.PutObjectAsync"/>.</exception>
    public static ValueTask<ObjectWriteResult> PutObjectAsync(this IObjectStore store, string key, byte[] body, IReadOnlyDictionary<string, string>? metadata = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(body);
        return store.PutObjectAsync(new PutObjectRequest { Key = key, Content = ObjectContent.FromBytes(body), Metadata = metadata }, cancellationToken);
    }

    /// <summary>Writes the UTF-8 bytes of <paramref name="text"/> as a new version of <paramref name="key"/>, unconditionally.</summary>
    /// <param name="store">The store.</param>
    /// <param name="key">The key.</param>
    /// <param name="text">The text.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The new version.</returns>
    /// <exception cref="ObjectStoreException">See <see cref="IObjectStore.PutObjectAsync"/>.</exception>
    public static ValueTask<ObjectWriteResult> PutObjectAsync(this IObjectStore store, string key, string text, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.PutObjectAsync(new PutObjectRequest { Key = key, Content = ObjectContent.FromString(text) }, cancellationToken);
    }

    /// <summary>Reads the latest version of <paramref name="key"/>.</summary>
    /// <param name="store">The store.</param>
    /// <param name="key">The key.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The object, or <see langword="null"/> when the key has no current object (absent or delete marker).</returns>
    /// <exception cref="ObjectStoreException">See <see cref="IObjectStore.GetObjectAsync"/>.</exception>
    public static async ValueTask<GetObjectResult?> GetObjectAsync(this IObjectStore store, string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var result = await store.GetObjectAsync(new GetObjectRequest { Key = key }, cancellationToken).ConfigureAwait(false);
        return result.Status == ObjectReadStatus.Found ? result : null;
    }

    /// <summary>Reads the whole latest version of <paramref name="key"/> into an array.</summary>
    /// <param name="store">The store.</param>
    /// <param name="key">The key.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The bytes, or <see langword="null"/> when the key has no current object.</returns>
    /// <exception cref="ObjectStoreException">See <see cref="IObjectStore.GetObjectAsync"/>.</exception>
    public static async ValueTask<byte[]?> GetObjectBytesAsync(this IObjectStore store, string key, CancellationToken cancellationToken = default)
    {
        using var result = await store.GetObjectAsync(key, cancellationToken).ConfigureAwait(false);
        return result is null ? null : await result.ReadAllBytesAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads the metadata of the latest version of <paramref name="key"/>.</summary>
    /// <param name="store">The store.</param>
    /// <param name="key">The key.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The metadata, or <see langword="null"/> when the key has no current object (absent or delete marker).</returns>
    /// <exception cref="ObjectStoreException">See <see cref="IObjectStore.HeadObjectAsync"/>.</exception>
    public static async ValueTask<ObjectMetadata?> HeadObjectAsync(this IObjectStore store, string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var result = await store.HeadObjectAsync(new HeadObjectRequest { Key = key }, cancellationToken).ConfigureAwait(false);
        return result.Status == ObjectReadStatus.Found ? result.Object : null;
    }

    /// <summary>Deletes <paramref name="key"/>: adds a delete marker when versioning is on.</summary>
    /// <param name="store">The store.</param>
    /// <param name="key">The key.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The delete result.</returns>
    /// <exception cref="ObjectStoreException">See <see cref="IObjectStore.DeleteObjectAsync"/>.</exception>
    public static ValueTask<DeleteObjectResult> DeleteObjectAsync(this IObjectStore store, string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.DeleteObjectAsync(new DeleteObjectRequest { Key = key }, cancellationToken);
    }
}
