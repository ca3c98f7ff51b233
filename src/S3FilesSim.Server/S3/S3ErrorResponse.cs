using System.Globalization;
using Microsoft.AspNetCore.Http;
using S3FilesSim.ObjectStorage;

namespace S3FilesSim.Server.S3;

/// <summary>Turns every failure of an S3 request into S3's error response, in one place: the status, and for all but HEAD
/// the XML body <c>&lt;Error&gt;&lt;Code/&gt;&lt;Message/&gt;&lt;Resource/&gt;[&lt;BucketName/&gt;][&lt;Key/&gt;]...&lt;RequestId/&gt;&lt;HostId/&gt;&lt;/Error&gt;</c>
/// (https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html#RESTErrorResponses).</summary>
internal static class S3ErrorResponse
{
    /// <summary>Translates a store fault (its code and status) into the error S3 answers with.</summary>
    public static S3Exception From(ObjectStoreException exception)
    {
        var message = exception.Key is { } key && exception.Message.EndsWith($" (key '{key}')", StringComparison.Ordinal)
            ? exception.Message[..^$" (key '{key}')".Length]
            : exception.Message;
        return new S3Exception(S3Error.Of(exception.ErrorCode, exception.StatusCode), message, exception);
    }

    /// <summary>Translates a failed read of the request body: <c>RequestTimeout</c> when the client stopped sending, else <c>IncompleteBody</c>.</summary>
    public static S3Exception From(BadHttpRequestException exception) =>
        exception.StatusCode == StatusCodes.Status408RequestTimeout
            ? new S3Exception(S3Error.RequestTimeout, innerException: exception)
            : new S3Exception(S3Error.IncompleteBody, innerException: exception);

    /// <summary>Writes the error response, or aborts the connection when the response has already started (a GET that failed mid-body).</summary>
    public static async Task WriteAsync(HttpContext http, S3Exception error, S3RequestContext? context, string requestId, string hostId)
    {
        var response = http.Response;
        if (response.HasStarted)
        {
            http.Abort();
            return;
        }

        response.Clear();
        response.Headers["x-amz-request-id"] = requestId;
        response.Headers["x-amz-id-2"] = hostId;
        foreach (var (name, value) in error.Headers)
        {
            response.Headers[name] = value;
        }

        response.StatusCode = error.Error.Status;
        if (HasUnreadBody(http))
        {
            // The client may still be sending the body (after Expect: 100-continue it may send it anyway): close the
            // connection, so those bytes are never read as the next request.
            response.Headers.Connection = "close";
        }

        if (HttpMethods.IsHead(http.Request.Method) || error.Error.Status == StatusCodes.Status304NotModified)
        {
            return;
        }

        await S3Xml.WriteAsync(response, "Error", writer =>
        {
            writer.Element("Code", error.Error.Code);
            writer.Element("Message", error.Message);
            if (context is not null)
            {
                writer.Element("Resource", context.Resource);
                if (context.BucketName is not null && !error.Details.Any(d => d.Key == "BucketName"))
                {
                    writer.Element("BucketName", context.BucketName);
                }

                if (context.Key is not null && !error.Details.Any(d => d.Key == "Key"))
                {
                    writer.Element("Key", context.Key);
                }
            }

            foreach (var (name, value) in error.Details)
            {
                writer.Element(name, value);
            }

            writer.Element("RequestId", requestId);
            writer.Element("HostId", hostId);
        }, error.Error.Status, withNamespace: false).ConfigureAwait(false);
    }

    private static bool HasUnreadBody(HttpContext http)
    {
        var request = http.Request;
        if (request.ContentLength is 0 || (request.ContentLength is null && !request.Headers.ContainsKey("Transfer-Encoding")))
        {
            return false;
        }

        return http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestBodyDetectionFeature>()?.CanHaveBody != false;
    }

    /// <summary>Formats a byte count for an error detail.</summary>
    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
