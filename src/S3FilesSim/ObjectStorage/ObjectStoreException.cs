using System.Globalization;

namespace S3FilesSim.ObjectStorage;

/// <summary>
/// A fault reported by an <see cref="IObjectStore"/>: an S3 error code, its HTTP status and whether a retry may succeed.
/// </summary>
/// <remarks>Absence is reported as <see langword="null"/> or a result status and a failed precondition as a result
/// value; this exception is for faults only. A call that throws it changed nothing. See
/// https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html.</remarks>
public sealed class ObjectStoreException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="errorCode">The S3 error code, e.g. <see cref="S3ErrorCode.SlowDown"/>.</param>
    /// <param name="statusCode">The HTTP status, e.g. 503.</param>
    /// <param name="message">The message.</param>
    /// <param name="key">The object key involved, if any.</param>
    /// <param name="innerException">The cause, if any.</param>
    public ObjectStoreException(string errorCode, int statusCode, string message, string? key = null, Exception? innerException = null)
        : base(message, innerException)
    {
        ArgumentException.ThrowIfNullOrEmpty(errorCode);
        ErrorCode = errorCode;
        StatusCode = statusCode;
        Key = key;
    }

    /// <summary>Gets the S3 error code, e.g. <c>NoSuchUpload</c>; see <see cref="S3ErrorCode"/>.</summary>
    public string ErrorCode { get; }

    /// <summary>Gets the HTTP status code of the error, e.g. 404.</summary>
    public int StatusCode { get; }

    /// <summary>Gets the object key the error concerns, when there is one.</summary>
    public string? Key { get; }

    /// <summary>Gets a value indicating whether retrying the same request may succeed: 500, 503 (<c>SlowDown</c>), <c>RequestTimeout</c> and timeouts.</summary>
    public bool IsRetryable =>
        StatusCode is 500 or 502 or 503 or 504 || ErrorCode is S3ErrorCode.RequestTimeout or S3ErrorCode.SlowDown;

    /// <summary>Creates the exception for <paramref name="errorCode"/> with the HTTP status S3 answers it with (e.g. 404 for
    /// <c>NoSuchKey</c>, 409 for <c>BucketNotEmpty</c>, 503 for <c>SlowDown</c>, 400 for the other client errors).</summary>
    /// <param name="errorCode">The S3 error code (<see cref="S3ErrorCode"/>).</param>
    /// <param name="message">The message; the key is appended when given.</param>
    /// <param name="key">The key the call named, if any.</param>
    /// <returns>The exception, not thrown.</returns>
    /// <remarks>https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html</remarks>
    public static ObjectStoreException Create(string errorCode, string message, string? key = null) =>
        new(errorCode, StatusOf(errorCode), key is null ? message : string.Create(CultureInfo.InvariantCulture, $"{message} (key '{key}')"), key);

    private static int StatusOf(string errorCode) => errorCode switch
    {
        S3ErrorCode.AccessDenied or S3ErrorCode.InvalidObjectState => 403,
        S3ErrorCode.NoSuchBucket or S3ErrorCode.NoSuchKey or S3ErrorCode.NoSuchUpload or S3ErrorCode.NoSuchVersion => 404,
        S3ErrorCode.BucketAlreadyOwnedByYou or S3ErrorCode.BucketNotEmpty or S3ErrorCode.RestoreAlreadyInProgress => 409,
        S3ErrorCode.PreconditionFailed => 412,
        S3ErrorCode.InvalidRange => 416,
        S3ErrorCode.InternalError => 500,
        S3ErrorCode.NotImplemented => 501,
        S3ErrorCode.SlowDown or S3ErrorCode.ServiceUnavailable => 503,
        _ => 400,
    };
}
