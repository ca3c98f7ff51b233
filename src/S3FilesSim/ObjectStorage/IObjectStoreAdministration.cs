namespace S3FilesSim.ObjectStorage;

/// <summary>
/// The S3 operations of a bucket that S3 Files itself never calls, for tools, tests and front doors (an S3 endpoint, a
/// polling event source, a contract suite): batch delete, version listing, part listing, restore. A store implements it
/// beside <see cref="IObjectStore"/> when it offers them; the extension methods of <see cref="ObjectStoreExtensions"/>
/// call them on any <see cref="IObjectStore"/> and fail with <c>NotImplemented</c> (501) when it does not.
/// </summary>
/// <remarks>API reference: https://docs.aws.amazon.com/AmazonS3/latest/API/API_Operations_Amazon_Simple_Storage_Service.html.</remarks>
public interface IObjectStoreAdministration : IObjectStore
{
    /// <summary>Deletes up to 1,000 keys or versions, each with its own result (https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteObjects.html).</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The per-key results.</returns>
    /// <exception cref="ObjectStoreException"><c>MalformedXML</c>: no key or more than 1,000 keys.</exception>
    ValueTask<DeleteObjectsResult> DeleteObjectsAsync(DeleteObjectsRequest request, CancellationToken cancellationToken = default);

    /// <summary>Lists versions and delete markers (https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectVersions.html).</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One page.</returns>
    /// <exception cref="ObjectStoreException"><c>InvalidArgument</c>: negative max-keys, a version-id marker without key marker, or an unknown version-id marker.</exception>
    ValueTask<ListObjectVersionsResult> ListObjectVersionsAsync(ListObjectVersionsRequest request, CancellationToken cancellationToken = default);

    /// <summary>Lists the parts uploaded so far (https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListParts.html).</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One page of parts.</returns>
    /// <exception cref="ObjectStoreException"><c>NoSuchUpload</c>, <c>InvalidArgument</c> (negative marker or max-parts).</exception>
    ValueTask<ListPartsResult> ListPartsAsync(ListPartsRequest request, CancellationToken cancellationToken = default);

    /// <summary>Starts restoring an archived version (https://docs.aws.amazon.com/AmazonS3/latest/API/API_RestoreObject.html).</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Whether a restore started or the object was already restored.</returns>
    /// <exception cref="ObjectStoreException"><c>NoSuchKey</c>/<c>NoSuchVersion</c>, <c>InvalidObjectState</c> (not archived), <c>RestoreAlreadyInProgress</c> (409), <c>InvalidArgument</c> (days below 1).</exception>
    ValueTask<RestoreObjectStatus> RestoreObjectAsync(RestoreObjectRequest request, CancellationToken cancellationToken = default);
}
