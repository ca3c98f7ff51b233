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

    /// <summary>Deletes up to 1,000 keys or versions (<see cref="IObjectStoreAdministration.DeleteObjectsAsync"/>), on a store that offers it.</summary>
    /// <param name="store">The store.</param>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The per-key results.</returns>
    /// <exception cref="ObjectStoreException">As <see cref="IObjectStoreAdministration.DeleteObjectsAsync"/>; <c>NotImplemented</c> (501) when the store is not an <see cref="IObjectStoreAdministration"/>.</exception>
    public static ValueTask<DeleteObjectsResult> DeleteObjectsAsync(this IObjectStore store, DeleteObjectsRequest request, CancellationToken cancellationToken = default) =>
        Administration(store, "DeleteObjects").DeleteObjectsAsync(request, cancellationToken);

    /// <summary>Lists versions and delete markers (<see cref="IObjectStoreAdministration.ListObjectVersionsAsync"/>), on a store that offers it.</summary>
    /// <param name="store">The store.</param>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One page.</returns>
    /// <exception cref="ObjectStoreException">As <see cref="IObjectStoreAdministration.ListObjectVersionsAsync"/>; <c>NotImplemented</c> (501) when the store is not an <see cref="IObjectStoreAdministration"/>.</exception>
    public static ValueTask<ListObjectVersionsResult> ListObjectVersionsAsync(this IObjectStore store, ListObjectVersionsRequest request, CancellationToken cancellationToken = default) =>
        Administration(store, "ListObjectVersions").ListObjectVersionsAsync(request, cancellationToken);

    /// <summary>Lists the parts of a multipart upload (<see cref="IObjectStoreAdministration.ListPartsAsync"/>), on a store that offers it.</summary>
    /// <param name="store">The store.</param>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One page of parts.</returns>
    /// <exception cref="ObjectStoreException">As <see cref="IObjectStoreAdministration.ListPartsAsync"/>; <c>NotImplemented</c> (501) when the store is not an <see cref="IObjectStoreAdministration"/>.</exception>
    public static ValueTask<ListPartsResult> ListPartsAsync(this IObjectStore store, ListPartsRequest request, CancellationToken cancellationToken = default) =>
        Administration(store, "ListParts").ListPartsAsync(request, cancellationToken);

    /// <summary>Starts restoring an archived version (<see cref="IObjectStoreAdministration.RestoreObjectAsync"/>), on a store that offers it.</summary>
    /// <param name="store">The store.</param>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Whether a restore started or the object was already restored.</returns>
    /// <exception cref="ObjectStoreException">As <see cref="IObjectStoreAdministration.RestoreObjectAsync"/>; <c>NotImplemented</c> (501) when the store is not an <see cref="IObjectStoreAdministration"/>.</exception>
    public static ValueTask<RestoreObjectStatus> RestoreObjectAsync(this IObjectStore store, RestoreObjectRequest request, CancellationToken cancellationToken = default) =>
        Administration(store, "RestoreObject").RestoreObjectAsync(request, cancellationToken);

    private static IObjectStoreAdministration Administration(IObjectStore store, string operation)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store as IObjectStoreAdministration
            ?? throw ObjectStoreException.Create(S3ErrorCode.NotImplemented, $"The store of bucket '{store.BucketName}' does not offer {operation}.");
    }
}
