namespace S3FilesSim.ObjectStorage;

/// <summary>
/// The object-store port: the versioned subset of the S3 API that S3 Files uses on one bucket, named like the S3 API.
/// The operations S3 Files itself never calls (DeleteObjects, ListObjectVersions, ListParts, RestoreObject) are on
/// <see cref="IObjectStoreAdministration"/>, which a store implements when it offers them; a decorator of this port
/// forwards only what the file system uses.
/// </summary>
/// <remarks>
/// <para>Implementations: <see cref="InMemoryObjectStore"/>, and an AWSSDK.S3 adapter for real endpoints. Absence is a
/// result status (or <see langword="null"/> from the convenience overloads in <see cref="ObjectStoreExtensions"/>),
/// a failed precondition is a result value, and faults throw <see cref="ObjectStoreException"/> with the S3 error
/// code. A call that throws changed nothing. Keys are 1 to 1,024 UTF-8 bytes (<c>KeyTooLongError</c> otherwise).</para>
/// <para>API reference: https://docs.aws.amazon.com/AmazonS3/latest/API/API_Operations_Amazon_Simple_Storage_Service.html.</para>
/// </remarks>
public interface IObjectStore
{
    /// <summary>Gets the bucket name.</summary>
    string BucketName { get; }

    /// <summary>Gets what this store supports.</summary>
    ObjectStoreCapabilities Capabilities { get; }

    /// <summary>Writes an object version (https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutObject.html).</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The new version, or the failed precondition.</returns>
    /// <exception cref="ObjectStoreException"><c>KeyTooLongError</c>, <c>MetadataTooLarge</c>, <c>EntityTooLarge</c>, <c>NotImplemented</c> (If-None-Match other than <c>*</c>).</exception>
    ValueTask<ObjectWriteResult> PutObjectAsync(PutObjectRequest request, CancellationToken cancellationToken = default);

    /// <summary>Reads an object version or a byte range of it (https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObject.html).</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The status, metadata and body.</returns>
    /// <exception cref="ObjectStoreException"><c>KeyTooLongError</c>, <c>InvalidRange</c> (416), <c>InvalidObjectState</c> (403, archived and not restored).</exception>
    ValueTask<GetObjectResult> GetObjectAsync(GetObjectRequest request, CancellationToken cancellationToken = default);

    /// <summary>Reads an object version's metadata (https://docs.aws.amazon.com/AmazonS3/latest/API/API_HeadObject.html).</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The status and metadata.</returns>
    /// <exception cref="ObjectStoreException"><c>KeyTooLongError</c>.</exception>
    ValueTask<HeadObjectResult> HeadObjectAsync(HeadObjectRequest request, CancellationToken cancellationToken = default);

    /// <summary>Adds a delete marker, or permanently removes one version (https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteObject.html).</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The delete marker created, or the version removed; deleting a version that does not exist succeeds and changes nothing.</returns>
    /// <exception cref="ObjectStoreException"><c>KeyTooLongError</c>.</exception>
    ValueTask<DeleteObjectResult> DeleteObjectAsync(DeleteObjectRequest request, CancellationToken cancellationToken = default);

    /// <summary>Copies an object version server-side (https://docs.aws.amazon.com/AmazonS3/latest/API/API_CopyObject.html).</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The new version, or the failed precondition.</returns>
    /// <exception cref="ObjectStoreException"><c>NoSuchKey</c>/<c>NoSuchVersion</c> (source), <c>InvalidRequest</c> (copy onto itself without change, or a delete-marker source), <c>InvalidObjectState</c>, <c>EntityTooLarge</c> (source over 5 GiB), <c>KeyTooLongError</c>, <c>MetadataTooLarge</c>, <c>InvalidArgument</c> (an undefined metadata directive).</exception>
    ValueTask<ObjectWriteResult> CopyObjectAsync(CopyObjectRequest request, CancellationToken cancellationToken = default);

    /// <summary>Lists current objects by prefix, rolled up by delimiter, in UTF-8 binary key order (https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectsV2.html).</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One page.</returns>
    /// <exception cref="ObjectStoreException"><c>InvalidArgument</c>: negative max-keys or a bad continuation token.</exception>
    ValueTask<ListObjectsV2Result> ListObjectsV2Async(ListObjectsV2Request request, CancellationToken cancellationToken = default);

    /// <summary>Starts a multipart upload (https://docs.aws.amazon.com/AmazonS3/latest/API/API_CreateMultipartUpload.html).</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The upload id.</returns>
    /// <exception cref="ObjectStoreException"><c>KeyTooLongError</c>, <c>MetadataTooLarge</c>.</exception>
    ValueTask<string> CreateMultipartUploadAsync(CreateMultipartUploadRequest request, CancellationToken cancellationToken = default);

    /// <summary>Uploads one part (https://docs.aws.amazon.com/AmazonS3/latest/API/API_UploadPart.html).</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The part's ETag (its quoted MD5).</returns>
    /// <exception cref="ObjectStoreException"><c>NoSuchUpload</c>, <c>InvalidArgument</c> (part number outside 1 to 10,000), <c>EntityTooLarge</c> (over 5 GiB).</exception>
    ValueTask<ETag> UploadPartAsync(UploadPartRequest request, CancellationToken cancellationToken = default);

    /// <summary>Copies (a range of) an object version into one part (https://docs.aws.amazon.com/AmazonS3/latest/API/API_UploadPartCopy.html).</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The part's ETag.</returns>
    /// <exception cref="ObjectStoreException"><c>NoSuchUpload</c>, <c>InvalidArgument</c> (part number, or a range outside the source), <c>NoSuchKey</c>/<c>NoSuchVersion</c> (source), <c>InvalidObjectState</c>, <c>PreconditionFailed</c> (copy-source-if-match).</exception>
    ValueTask<ETag> UploadPartCopyAsync(UploadPartCopyRequest request, CancellationToken cancellationToken = default);

    /// <summary>Completes a multipart upload into one object version (https://docs.aws.amazon.com/AmazonS3/latest/API/API_CompleteMultipartUpload.html).</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The new version with ETag <c>"&lt;md5 of part md5s&gt;-&lt;n&gt;"</c>, or the failed precondition (the upload then stays open).</returns>
    /// <exception cref="ObjectStoreException"><c>NoSuchUpload</c>, <c>MalformedXML</c> (no parts), <c>InvalidPartOrder</c>, <c>InvalidPart</c>, <c>EntityTooSmall</c> (a part but the last under 5 MiB).</exception>
    ValueTask<ObjectWriteResult> CompleteMultipartUploadAsync(CompleteMultipartUploadRequest request, CancellationToken cancellationToken = default);

    /// <summary>Aborts a multipart upload and discards its parts (https://docs.aws.amazon.com/AmazonS3/latest/API/API_AbortMultipartUpload.html).</summary>
    /// <param name="key">The key the upload was created for.</param>
    /// <param name="uploadId">The upload id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the upload is gone.</returns>
    /// <exception cref="ObjectStoreException"><c>NoSuchUpload</c>.</exception>
    ValueTask AbortMultipartUploadAsync(string key, string uploadId, CancellationToken cancellationToken = default);
}
