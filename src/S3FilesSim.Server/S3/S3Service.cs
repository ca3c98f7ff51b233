using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using S3FilesSim.ObjectStorage;
using S3FilesSim.Server.S3.Auth;

namespace S3FilesSim.Server.S3;

/// <summary>What the S3 endpoint is configured with.</summary>
/// <param name="Region">The Region the buckets are in (<c>x-amz-bucket-region</c>, GetBucketLocation).</param>
/// <param name="Keys">Secret keys by access key; empty to accept any request unsigned or signed with anything.</param>
/// <param name="VirtualHostSuffixes">Host name suffixes under which <c>BUCKET.SUFFIX</c> addresses a bucket.</param>
/// <param name="VersionNewBuckets">Whether CreateBucket makes versioned buckets (S3 Files needs them).</param>
internal sealed record S3ServiceOptions(string Region, IReadOnlyDictionary<string, string> Keys, IReadOnlyList<string> VirtualHostSuffixes, bool VersionNewBuckets);

/// <summary>
/// The S3 REST endpoint over a simulation's in-memory buckets: parses each request, verifies its signature, routes it to
/// its <see cref="S3Operation"/> and answers every failure with S3's error response.
/// </summary>
/// <remarks>Writes go to the buckets exactly as <c>sim.Bucket.PutObjectAsync</c> does, so they raise the same bucket
/// events: file systems over the bucket import them after the event delay, and a conflicting write sends the file's
/// bytes to lost+found.</remarks>
internal sealed class S3Service
{
    private readonly ILogger _logger;
    private readonly string _hostId;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, long> _byOperation = new(StringComparer.Ordinal);
    private long _requests;

    public S3Service(S3FilesSimulation simulation, S3ServiceOptions options, TimeProvider wallClock, ILogger logger)
    {
        Simulation = simulation;
        Options = options;
        _logger = logger;
        Buckets = new BucketRegistry(simulation, options.Region);
        Verifier = new SigV4Verifier(options.Keys, wallClock);
        _hostId = Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes("s3filessim/" + simulation.Options.Seed.ToString(CultureInfo.InvariantCulture)));
    }

    public S3FilesSimulation Simulation { get; }

    public S3ServiceOptions Options { get; }

    public BucketRegistry Buckets { get; }

    public SigV4Verifier Verifier { get; }

    /// <summary>Gets what S3 keeps about each object version that the in-memory bucket does not (checksums, content headers).</summary>
    public ObjectExtras Extras { get; } = new();

    /// <summary>Gets what the endpoint keeps about multipart uploads in progress (checksums, content headers).</summary>
    public Operations.MultipartState Multipart { get; } = new();

    /// <summary>Gets the simulated account that owns every bucket.</summary>
    public S3Account Account { get; } = new("75aa57f09aa0c8caeab4f8c24e99d10f8e7faeebf76c078efc7c6caea54ba06a", "s3filessim");

    /// <summary>Gets the number of S3 requests answered.</summary>
    public long RequestCount => Interlocked.Read(ref _requests);

    /// <summary>Gets the number of requests per routed operation.</summary>
    public IReadOnlyDictionary<string, long> RequestsByOperation => new Dictionary<string, long>(_byOperation, StringComparer.Ordinal);

    /// <summary>Returns the bucket a virtual-hosted-style Host names (<c>BUCKET.localhost</c>), or <see langword="null"/>.</summary>
    public string? VirtualHostBucket(string host)
    {
        foreach (var suffix in Options.VirtualHostSuffixes)
        {
            if (host.Length > suffix.Length + 1 && host.EndsWith(suffix, StringComparison.OrdinalIgnoreCase) && host[^(suffix.Length + 1)] == '.')
            {
                return host[..^(suffix.Length + 1)];
            }
        }

        return null;
    }

    /// <summary>Refuses a request whose <c>x-amz-expected-bucket-owner</c> is not the simulated account
    /// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-owner-condition.html).</summary>
    private void CheckExpectedBucketOwner(S3RequestContext context)
    {
        if (context.Header("x-amz-expected-bucket-owner") is { } expected && expected != Simulation.Options.Bucket.AccountId)
        {
            throw new S3Exception(S3Error.AccessDenied, "Access Denied: the bucket is not owned by the account in x-amz-expected-bucket-owner.");
        }
    }

    /// <summary>Answers one S3 request.</summary>
    public async Task HandleAsync(HttpContext http)
    {
        var requestId = Interlocked.Increment(ref _requests).ToString("X16", CultureInfo.InvariantCulture);
        var headers = http.Response.Headers;
        headers["x-amz-request-id"] = requestId;
        headers["x-amz-id-2"] = _hostId;
        headers.Server = "S3FilesSim";
        S3RequestContext? context = null;
        try
        {
            context = S3RequestContext.Parse(http, this, requestId);
            context.Signing = Verifier.Verify(context);
            CheckExpectedBucketOwner(context);
            var operation = S3Router.Route(context);
            context.OperationName = operation.Name;
            _byOperation.AddOrUpdate(operation.Name, 1, static (_, n) => n + 1);
            await operation.HandleAsync(context).ConfigureAwait(false);
        }
        catch (S3Exception exception)
        {
            await S3ErrorResponse.WriteAsync(http, exception, context, requestId, _hostId).ConfigureAwait(false);
        }
        catch (ObjectStoreException exception)
        {
            await S3ErrorResponse.WriteAsync(http, S3ErrorResponse.From(exception), context, requestId, _hostId).ConfigureAwait(false);
        }
        catch (ArgumentException exception)
        {
            await S3ErrorResponse.WriteAsync(http, new S3Exception(S3Error.InvalidArgument, exception.Message, exception), context, requestId, _hostId).ConfigureAwait(false);
        }
        catch (BadHttpRequestException exception)
        {
            await S3ErrorResponse.WriteAsync(http, S3ErrorResponse.From(exception), context, requestId, _hostId).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            // The client went away; there is nobody to answer.
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            Log.RequestFailed(_logger, context?.OperationName ?? http.Request.Method, context?.Resource ?? http.Request.Path, exception);
            await S3ErrorResponse.WriteAsync(http, new S3Exception(S3Error.InternalError, innerException: exception), context, requestId, _hostId).ConfigureAwait(false);
        }
    }
}

/// <summary>The endpoint's log messages.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 8001, EventName = "S3RequestFailed", Level = LogLevel.Error, Message = "{Operation} {Resource} failed unexpectedly")]
    public static partial void RequestFailed(ILogger logger, string operation, string resource, Exception exception);
}
