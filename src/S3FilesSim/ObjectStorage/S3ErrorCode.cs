namespace S3FilesSim.ObjectStorage;

/// <summary>The S3 error codes an <see cref="ObjectStoreException"/> carries, spelled as S3 returns them.</summary>
/// <remarks>See https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html#ErrorCodeList.</remarks>
public static class S3ErrorCode
{
    /// <summary>403: access to the bucket or object is denied.</summary>
    public const string AccessDenied = "AccessDenied";

    /// <summary>409: a bucket of that name already exists in this simulation.</summary>
    public const string BucketAlreadyOwnedByYou = "BucketAlreadyOwnedByYou";

    /// <summary>409: the bucket still holds object versions, delete markers or multipart uploads and cannot be deleted.</summary>
    public const string BucketNotEmpty = "BucketNotEmpty";

    /// <summary>400: the proposed upload is smaller than the minimum part size (5 MiB, every part but the last).</summary>
    public const string EntityTooSmall = "EntityTooSmall";

    /// <summary>400: the proposed upload exceeds the maximum size (5 GiB for one PUT, part or copy source).</summary>
    public const string EntityTooLarge = "EntityTooLarge";

    /// <summary>500: an internal error; retryable.</summary>
    public const string InternalError = "InternalError";

    /// <summary>400: an argument is invalid (a part number, max-keys, a continuation token, a version marker...).</summary>
    public const string InvalidArgument = "InvalidArgument";

    /// <summary>400: the bucket name is not valid.</summary>
    public const string InvalidBucketName = "InvalidBucketName";

    /// <summary>403: the operation is not valid for the object's storage class (an archived object read before restore).</summary>
    public const string InvalidObjectState = "InvalidObjectState";

    /// <summary>400: a part listed in CompleteMultipartUpload was not uploaded or its ETag does not match.</summary>
    public const string InvalidPart = "InvalidPart";

    /// <summary>400: the parts listed in CompleteMultipartUpload are not in ascending part-number order.</summary>
    public const string InvalidPartOrder = "InvalidPartOrder";

    /// <summary>416: the requested range is not satisfiable.</summary>
    public const string InvalidRange = "InvalidRange";

    /// <summary>400: the request is invalid (e.g. copying an object onto itself without changing it).</summary>
    public const string InvalidRequest = "InvalidRequest";

    /// <summary>400: the key is longer than 1,024 UTF-8 bytes (or empty or not valid UTF-8).</summary>
    public const string KeyTooLongError = "KeyTooLongError";

    /// <summary>400: the request body is malformed (e.g. DeleteObjects with no key or more than 1,000 keys, Complete with no parts).</summary>
    public const string MalformedXml = "MalformedXML";

    /// <summary>400: user-defined metadata is larger than 2 KB (2,048 bytes of UTF-8 keys and values).</summary>
    public const string MetadataTooLarge = "MetadataTooLarge";

    /// <summary>404: the bucket does not exist.</summary>
    public const string NoSuchBucket = "NoSuchBucket";

    /// <summary>404: the key does not exist (a copy source, an If-Match write).</summary>
    public const string NoSuchKey = "NoSuchKey";

    /// <summary>404: the multipart upload does not exist (never created, completed or aborted).</summary>
    public const string NoSuchUpload = "NoSuchUpload";

    /// <summary>404: the version id does not exist (a copy source version).</summary>
    public const string NoSuchVersion = "NoSuchVersion";

    /// <summary>501: a header implies functionality that is not implemented (e.g. <c>If-None-Match</c> other than <c>*</c> on PUT).</summary>
    public const string NotImplemented = "NotImplemented";

    /// <summary>412: a precondition failed; writes and reads report it as a result, not an exception.</summary>
    public const string PreconditionFailed = "PreconditionFailed";

    /// <summary>400: the connection was idle too long; retryable.</summary>
    public const string RequestTimeout = "RequestTimeout";

    /// <summary>409: a restore of the object is already in progress.</summary>
    public const string RestoreAlreadyInProgress = "RestoreAlreadyInProgress";

    /// <summary>503: the service is unavailable; retryable.</summary>
    public const string ServiceUnavailable = "ServiceUnavailable";

    /// <summary>503: reduce the request rate; retryable.</summary>
    public const string SlowDown = "SlowDown";
}
