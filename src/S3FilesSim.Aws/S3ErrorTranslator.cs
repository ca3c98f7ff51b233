using System.Globalization;
using System.Net;
using Amazon.Runtime;
using Amazon.Runtime.Internal;
using S3FilesSim.ObjectStorage;

namespace S3FilesSim.Aws;

/// <summary>
/// The one place where AWSSDK.S3 errors become the port's answers: absence and failed preconditions become result
/// statuses, everything else an <see cref="ObjectStoreException"/> carrying the S3 error code and HTTP status.
/// </summary>
/// <remarks>See https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html#ErrorCodeList. HEAD responses (and
/// some server failures) have no body, so their errors carry only a status, and the SDK names the code after the status
/// (<c>NotFound</c>, <c>InternalServerError</c>); the code is then inferred from the status and the request.</remarks>
internal static class S3ErrorTranslator
{
    private const string DeleteMarkerHeader = "x-amz-delete-marker";
    private const string VersionIdHeader = "x-amz-version-id";

    /// <summary>What CopyObject answers for an archived source; the port reports it as <see cref="S3ErrorCode.InvalidObjectState"/> like every other operation on an archived object.</summary>
    private const string ObjectNotInActiveTierError = "ObjectNotInActiveTierError";

    /// <summary>Calls the SDK and translates any fault into an <see cref="ObjectStoreException"/>.</summary>
    /// <param name="call">The SDK call.</param>
    /// <param name="key">The object key concerned, if any.</param>
    /// <param name="cancellationToken">The caller's token, passed to <paramref name="call"/>.</param>
    public static async Task<T> CallAsync<T>(Func<CancellationToken, Task<T>> call, string? key, CancellationToken cancellationToken)
    {
        try
        {
            return await call(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (IsTranslatable(e, cancellationToken))
        {
            throw ToObjectStoreException(e, key);
        }
    }

    /// <summary>Returns whether <paramref name="exception"/> is a fault the adapter translates: an S3 or SDK error, a network failure or a timeout, but not the caller's own cancellation.</summary>
    public static bool IsTranslatable(Exception exception, CancellationToken cancellationToken) => exception switch
    {
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        AmazonServiceException or AmazonClientException or HttpRequestException or IOException or TimeoutException => true,
        _ => false,
    };

    /// <summary>Returns the read status of a GET or HEAD that failed with <paramref name="exception"/>, or <see langword="null"/> when it is a fault.</summary>
    /// <param name="exception">The error.</param>
    /// <param name="versionRequested">Whether the request named a version id.</param>
    public static HeadObjectResult? ToAbsentRead(Exception exception, bool versionRequested)
    {
        if (exception is not AmazonServiceException service)
        {
            return null;
        }

        var status = service.StatusCode switch
        {
            HttpStatusCode.NotModified => ObjectReadStatus.NotModified,
            HttpStatusCode.PreconditionFailed => ObjectReadStatus.PreconditionFailed,
            HttpStatusCode.MethodNotAllowed => ObjectReadStatus.NoSuchKey,
            HttpStatusCode.NotFound when service.ErrorCode == S3ErrorCode.NoSuchBucket => (ObjectReadStatus?)null,
            HttpStatusCode.NotFound when service.ErrorCode == S3ErrorCode.NoSuchVersion => ObjectReadStatus.NoSuchVersion,
            HttpStatusCode.NotFound when service.ErrorCode == S3ErrorCode.NoSuchKey => ObjectReadStatus.NoSuchKey,
            HttpStatusCode.NotFound => versionRequested && !IsDeleteMarker(service) ? ObjectReadStatus.NoSuchVersion : ObjectReadStatus.NoSuchKey,
            HttpStatusCode.BadRequest when versionRequested && IsInvalidVersionId(service) => ObjectReadStatus.NoSuchVersion,
            _ => null,
        };
        if (status is not { } readStatus)
        {
            return null;
        }

        var deleteMarker = readStatus == ObjectReadStatus.NoSuchKey && (service.StatusCode == HttpStatusCode.MethodNotAllowed || IsDeleteMarker(service));
        return new HeadObjectResult
        {
            Status = readStatus,
            IsDeleteMarker = deleteMarker,
            DeleteMarkerVersionId = deleteMarker && Header(service, VersionIdHeader) is { Length: > 0 } id ? new VersionId(id) : null,
        };
    }

    /// <summary>Returns the status of a write that failed with <paramref name="exception"/> because of a precondition, or <see langword="null"/> when it is a fault.</summary>
    /// <param name="exception">The error.</param>
    /// <param name="ifMatchGiven">Whether the write carried <c>If-Match</c> (only then is a 404 <c>NoSuchKey</c> a result).</param>
    /// <remarks>409 <c>ConditionalRequestConflict</c> (a concurrent conditional write to the same key) is reported as a
    /// failed precondition: the caller re-reads the key, as after a 412.</remarks>
    public static WriteStatus? ToFailedWrite(Exception exception, bool ifMatchGiven) => exception switch
    {
        AmazonServiceException { StatusCode: HttpStatusCode.PreconditionFailed } => WriteStatus.PreconditionFailed,
        AmazonServiceException { StatusCode: HttpStatusCode.Conflict, ErrorCode: "ConditionalRequestConflict" } => WriteStatus.PreconditionFailed,
        AmazonServiceException { StatusCode: HttpStatusCode.NotFound, ErrorCode: S3ErrorCode.NoSuchKey } when ifMatchGiven => WriteStatus.NoSuchKey,
        _ => null,
    };

    /// <summary>Translates a fault into the port's exception.</summary>
    /// <param name="exception">The error; see <see cref="IsTranslatable"/>.</param>
    /// <param name="key">The object key concerned, if any.</param>
    /// <returns>The exception to throw, with <paramref name="exception"/> as its inner exception.</returns>
    public static ObjectStoreException ToObjectStoreException(Exception exception, string? key)
    {
        var (code, status, message) = exception switch
        {
            AmazonServiceException { StatusCode: not 0 } service => (CodeOf(service), (int)service.StatusCode, service.Message),
            OperationCanceledException or TimeoutException => (S3ErrorCode.RequestTimeout, 400, "The request timed out."),
            AmazonClientException { InnerException: OperationCanceledException or TimeoutException } => (S3ErrorCode.RequestTimeout, 400, "The request timed out."),
            _ => (S3ErrorCode.ServiceUnavailable, 503, "The S3 endpoint could not be reached: " + exception.Message),
        };
        var text = key is null ? message : string.Create(CultureInfo.InvariantCulture, $"{message} (key '{key}')");
        return new ObjectStoreException(code, status, text, key, exception);
    }

    private static string CodeOf(AmazonServiceException service)
    {
        if (service.ErrorCode == ObjectNotInActiveTierError)
        {
            return S3ErrorCode.InvalidObjectState;
        }

        if (!string.IsNullOrEmpty(service.ErrorCode) && service.ErrorCode != service.StatusCode.ToString())
        {
            return service.ErrorCode;
        }

        return service.StatusCode switch
        {
            HttpStatusCode.Forbidden => S3ErrorCode.AccessDenied,
            HttpStatusCode.NotFound => S3ErrorCode.NoSuchKey,
            HttpStatusCode.PreconditionFailed => S3ErrorCode.PreconditionFailed,
            HttpStatusCode.RequestedRangeNotSatisfiable => S3ErrorCode.InvalidRange,
            HttpStatusCode.NotImplemented => S3ErrorCode.NotImplemented,
            HttpStatusCode.ServiceUnavailable => S3ErrorCode.ServiceUnavailable,
            >= HttpStatusCode.InternalServerError => S3ErrorCode.InternalError,
            _ => S3ErrorCode.InvalidRequest,
        };
    }

    private static bool IsInvalidVersionId(AmazonServiceException service) =>
        string.IsNullOrEmpty(service.ErrorCode) || service.ErrorCode is "BadRequest" or S3ErrorCode.InvalidArgument;

    private static bool IsDeleteMarker(AmazonServiceException service) =>
        string.Equals(Header(service, DeleteMarkerHeader), "true", StringComparison.OrdinalIgnoreCase);

    private static string? Header(AmazonServiceException service, string name) =>
        service.InnerException is HttpErrorResponseException { Response: { } response } && response.IsHeaderPresent(name)
            ? response.GetHeaderValue(name)
            : null;
}
