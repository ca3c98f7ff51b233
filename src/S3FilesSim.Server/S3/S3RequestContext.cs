using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using S3FilesSim.ObjectStorage;
using S3FilesSim.Server.S3.Auth;

namespace S3FilesSim.Server.S3;

/// <summary>The simulated AWS account that owns every bucket: <c>Owner</c> and <c>Initiator</c> in S3's XML.</summary>
/// <param name="Id">The canonical user id.</param>
/// <param name="DisplayName">The display name.</param>
internal sealed record S3Account(string Id, string DisplayName);

/// <summary>One S3 request as the handlers see it: the addressed bucket and key (path-style or virtual-hosted-style),
/// the query, the request id, the verified signature, and helpers to reach the bucket and read headers.</summary>
internal sealed class S3RequestContext
{
    private S3RequestContext(HttpContext http, S3Service service, string requestId, string? bucketName, string? key, S3Query query, string resource)
    {
        Http = http;
        Service = service;
        RequestId = requestId;
        BucketName = bucketName;
        Key = key;
        Query = query;
        Resource = resource;
    }

    public HttpContext Http { get; }

    public HttpRequest Request => Http.Request;

    public HttpResponse Response => Http.Response;

    public S3Service Service { get; }

    public string RequestId { get; }

    /// <summary>Gets the addressed bucket, or <see langword="null"/> for the service (ListBuckets).</summary>
    public string? BucketName { get; }

    /// <summary>Gets the addressed key, or <see langword="null"/> for a bucket operation.</summary>
    public string? Key { get; }

    public S3Query Query { get; }

    /// <summary>Gets the resource as S3 names it in errors: <c>/bucket/key</c>, decoded.</summary>
    public string Resource { get; }

    /// <summary>Gets the verified signature of the request, when keys are configured and it was signed.</summary>
    public SigningContext? Signing { get; set; }

    /// <summary>Gets or sets the name of the S3 operation, once routed.</summary>
    public string? OperationName { get; set; }

    public CancellationToken Aborted => Http.RequestAborted;

    /// <summary>Gets the raw request target (path and query) as the client sent it, before any decoding.</summary>
    public string RawTarget => Http.Features.Get<IHttpRequestFeature>()?.RawTarget ?? (Request.PathBase + Request.Path + Request.QueryString).ToString();

    /// <summary>Parses the addressing of <paramref name="http"/>: virtual-hosted style when the Host is <c>BUCKET.SUFFIX</c>
    /// for a configured suffix (<c>localhost</c> by default), else path style (<c>/BUCKET/KEY</c>).</summary>
    /// <remarks>https://docs.aws.amazon.com/AmazonS3/latest/userguide/VirtualHosting.html</remarks>
    public static S3RequestContext Parse(HttpContext http, S3Service service, string requestId)
    {
        var raw = http.Features.Get<IHttpRequestFeature>()?.RawTarget ?? (http.Request.Path + http.Request.QueryString).ToString();
        if (raw.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || raw.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            var afterScheme = raw.IndexOf("//", StringComparison.Ordinal) + 2;
            var pathStart = raw.IndexOf('/', afterScheme);
            raw = pathStart < 0 ? "/" : raw[pathStart..];
        }

        var question = raw.IndexOf('?', StringComparison.Ordinal);
        var rawPath = question < 0 ? raw : raw[..question];
        var query = S3Query.Parse(question < 0 ? string.Empty : raw[(question + 1)..]);
        var path = Uri.UnescapeDataString(rawPath);
        string? bucket;
        string? key;
        if (service.VirtualHostBucket(http.Request.Host.Host) is { } hostBucket)
        {
            bucket = hostBucket;
            key = path.Length > 1 ? path[1..] : null;
        }
        else
        {
            var trimmed = path.StartsWith('/') ? path[1..] : path;
            var slash = trimmed.IndexOf('/', StringComparison.Ordinal);
            bucket = trimmed.Length == 0 ? null : slash < 0 ? trimmed : trimmed[..slash];
            key = slash < 0 || slash == trimmed.Length - 1 ? null : trimmed[(slash + 1)..];
        }

        var resource = bucket is null ? "/" : key is null ? "/" + bucket : "/" + bucket + "/" + key;
        return new S3RequestContext(http, service, requestId, bucket, key, query, resource);
    }

    /// <summary>Returns the addressed bucket.</summary>
    /// <exception cref="S3Exception"><c>NoSuchBucket</c>.</exception>
    public InMemoryObjectStore Bucket() => Service.Buckets.Get(BucketName ?? throw new S3Exception(S3Error.MethodNotAllowed));

    /// <summary>Returns the addressed key, checked as S3 checks it before reading a body.</summary>
    /// <exception cref="S3Exception"><c>KeyTooLongError</c>.</exception>
    public string RequireKey()
    {
        var key = Key ?? throw new S3Exception(S3Error.MethodNotAllowed);
        S3Limits.CheckKey(key);
        return key;
    }

    /// <summary>Returns a request header's value, or <see langword="null"/> when absent.</summary>
    public string? Header(string name) => Request.Headers.TryGetValue(name, out var values) && values.Count > 0 ? values[0] : null;

    /// <summary>Returns the <c>versionId</c> query parameter as a version id, or <see langword="null"/>.</summary>
    /// <exception cref="S3Exception"><c>InvalidArgument</c>: empty.</exception>
    public VersionId? VersionIdParameter()
    {
        if (Query.Get("versionId") is not { } text)
        {
            return null;
        }

        return text.Length == 0
            ? throw new S3Exception(S3Error.InvalidArgument, "Version id cannot be the empty string").With("ArgumentName", "versionId").With("ArgumentValue", text)
            : new VersionId(text);
    }

    /// <summary>Returns an HTTP-date header as an instant, or <see langword="null"/> when absent or not a date (S3 ignores those).</summary>
    public DateTimeOffset? DateHeader(string name) =>
        Header(name) is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value) ? value : null;
}
