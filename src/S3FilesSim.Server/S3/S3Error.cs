namespace S3FilesSim.Server.S3;

/// <summary>One S3 error code with its HTTP status and S3's default message: the table every error response is built from.</summary>
/// <param name="Code">The code, spelled as S3 returns it in <c>&lt;Code&gt;</c>.</param>
/// <param name="Status">The HTTP status.</param>
/// <param name="Message">The message S3 sends when there is nothing more specific to say.</param>
/// <remarks>See https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html#ErrorCodeList.</remarks>
internal sealed record S3Error(string Code, int Status, string Message)
{
    public static readonly S3Error AccessDenied = new("AccessDenied", 403, "Access Denied");
    public static readonly S3Error AuthorizationHeaderMalformed = new("AuthorizationHeaderMalformed", 400, "The authorization header is malformed.");
    public static readonly S3Error AuthorizationQueryParametersError = new("AuthorizationQueryParametersError", 400, "Error parsing the X-Amz-Credential parameter.");
    public static readonly S3Error BadDigest = new("BadDigest", 400, "The Content-MD5 you specified did not match what we received.");
    public static readonly S3Error BucketAlreadyOwnedByYou = new("BucketAlreadyOwnedByYou", 409, "Your previous request to create the named bucket succeeded and you already own it.");
    public static readonly S3Error BucketNotEmpty = new("BucketNotEmpty", 409, "The bucket you tried to delete is not empty.");
    public static readonly S3Error EntityTooLarge = new("EntityTooLarge", 400, "Your proposed upload exceeds the maximum allowed size.");
    public static readonly S3Error EntityTooSmall = new("EntityTooSmall", 400, "Your proposed upload is smaller than the minimum allowed object size.");
    public static readonly S3Error IncompleteBody = new("IncompleteBody", 400, "You did not provide the number of bytes specified by the Content-Length HTTP header.");
    public static readonly S3Error InternalError = new("InternalError", 500, "We encountered an internal error. Please try again.");
    public static readonly S3Error InvalidAccessKeyId = new("InvalidAccessKeyId", 403, "The AWS access key ID you provided does not exist in our records.");
    public static readonly S3Error InvalidArgument = new("InvalidArgument", 400, "Invalid Argument");
    public static readonly S3Error InvalidBucketName = new("InvalidBucketName", 400, "The specified bucket is not valid.");
    public static readonly S3Error InvalidDigest = new("InvalidDigest", 400, "The Content-MD5 you specified is not valid.");
    public static readonly S3Error InvalidObjectState = new("InvalidObjectState", 403, "The operation is not valid for the object's storage class.");
    public static readonly S3Error InvalidPart = new("InvalidPart", 400, "One or more of the specified parts could not be found. The part might not have been uploaded, or the specified entity tag might not have matched the part's entity tag.");
    public static readonly S3Error InvalidPartOrder = new("InvalidPartOrder", 400, "The list of parts was not in ascending order. The parts list must be specified in order by part number.");
    public static readonly S3Error InvalidRange = new("InvalidRange", 416, "The requested range is not satisfiable");
    public static readonly S3Error InvalidRequest = new("InvalidRequest", 400, "Invalid Request");
    public static readonly S3Error InvalidStorageClass = new("InvalidStorageClass", 400, "The storage class you specified is not valid.");
    public static readonly S3Error KeyTooLongError = new("KeyTooLongError", 400, "Your key is too long.");
    public static readonly S3Error MalformedXml = new("MalformedXML", 400, "The XML you provided was not well-formed or did not validate against our published schema.");
    public static readonly S3Error MetadataTooLarge = new("MetadataTooLarge", 400, "Your metadata headers exceed the maximum allowed metadata size.");
    public static readonly S3Error MethodNotAllowed = new("MethodNotAllowed", 405, "The specified method is not allowed against this resource.");
    public static readonly S3Error MissingContentLength = new("MissingContentLength", 411, "You must provide the Content-Length HTTP header.");
    public static readonly S3Error MissingSecurityHeader = new("MissingSecurityHeader", 400, "Your request is missing a required header.");
    public static readonly S3Error NoSuchBucket = new("NoSuchBucket", 404, "The specified bucket does not exist.");
    public static readonly S3Error NoSuchKey = new("NoSuchKey", 404, "The specified key does not exist.");
    public static readonly S3Error NoSuchUpload = new("NoSuchUpload", 404, "The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.");
    public static readonly S3Error NoSuchVersion = new("NoSuchVersion", 404, "The specified version does not exist.");
    public static readonly S3Error NotImplemented = new("NotImplemented", 501, "A header you provided implies functionality that is not implemented.");
    public static readonly S3Error NotModified = new("NotModified", 304, "Not Modified");
    public static readonly S3Error PreconditionFailed = new("PreconditionFailed", 412, "At least one of the pre-conditions you specified did not hold.");
    public static readonly S3Error RequestTimeTooSkewed = new("RequestTimeTooSkewed", 403, "The difference between the request time and the current time is too large.");
    public static readonly S3Error RequestTimeout = new("RequestTimeout", 400, "Your socket connection to the server was not read from or written to within the timeout period.");
    public static readonly S3Error RestoreAlreadyInProgress = new("RestoreAlreadyInProgress", 409, "Object restore is already in progress.");
    public static readonly S3Error SignatureDoesNotMatch = new("SignatureDoesNotMatch", 403, "The request signature we calculated does not match the signature you provided. Check your key and signing method.");
    public static readonly S3Error ConditionalRequestConflict = new("ConditionalRequestConflict", 409, "A conflicting operation occurred. If using PutObject you can retry the request. If using multipart upload you should initiate another CreateMultipartUpload request and re-upload each part.");
    public static readonly S3Error XAmzContentSha256Mismatch = new("XAmzContentSHA256Mismatch", 400, "The provided 'x-amz-content-sha256' header does not match what was computed.");

    private static readonly Dictionary<string, S3Error> ByCode = typeof(S3Error)
        .GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
        .Where(f => f.FieldType == typeof(S3Error))
        .Select(f => (S3Error)f.GetValue(null)!)
        .ToDictionary(e => e.Code, StringComparer.Ordinal);

    /// <summary>Returns the entry of <paramref name="code"/>, or one with <paramref name="status"/> for a code outside the table.</summary>
    public static S3Error Of(string code, int status) =>
        ByCode.TryGetValue(code, out var known) && known.Status == status ? known : new S3Error(code, status, code);
}

/// <summary>An S3 error to answer a request with: thrown by request parsing, authentication and the operation handlers,
/// turned into S3's XML error body (or a bare status for HEAD) in one place, <see cref="S3ErrorResponse"/>.</summary>
internal sealed class S3Exception : Exception
{
    public S3Exception(S3Error error, string? message = null, Exception? innerException = null)
        : base(message ?? error.Message, innerException)
    {
        Error = error;
    }

    public S3Error Error { get; }

    /// <summary>Gets extra elements of the error body, e.g. <c>BucketName</c>, <c>Key</c>, <c>VersionId</c>, <c>StringToSign</c>.</summary>
    public List<KeyValuePair<string, string>> Details { get; } = [];

    /// <summary>Gets response headers sent with the error, e.g. <c>x-amz-delete-marker</c> on a 405 GET of a delete marker.</summary>
    public List<KeyValuePair<string, string>> Headers { get; } = [];

    public S3Exception With(string element, string? value)
    {
        if (value is not null)
        {
            Details.Add(new(element, value));
        }

        return this;
    }

    public S3Exception WithHeader(string name, string value)
    {
        Headers.Add(new(name, value));
        return this;
    }
}
