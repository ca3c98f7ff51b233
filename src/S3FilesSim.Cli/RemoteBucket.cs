using Amazon.Runtime;
using S3FilesSim.Aws;
using S3FilesSim.FileSystem;
using S3FilesSim.ObjectStorage;

namespace S3FilesSim.Cli;

/// <summary>A real bucket on an S3-compatible endpoint (<c>--endpoint URL --bucket NAME</c>) through the AWS adapter:
/// the store's calls are real HTTP requests, bucket changes arrive by polling, and the simulation keeps its virtual clock.</summary>
internal sealed class RemoteBucket : IDisposable
{
    private readonly RunSettings _settings;
    private PollingBucketEventSource? _events;

    private RemoteBucket(AmazonS3ObjectStore store, RunSettings settings)
    {
        Store = store;
        _settings = settings;
    }

    /// <summary>Gets the adapter over the bucket.</summary>
    internal AmazonS3ObjectStore Store { get; }

    /// <summary>Connects to the bucket <paramref name="settings"/> names; <see langword="null"/> when no endpoint is set.</summary>
    /// <exception cref="CliException">The endpoint cannot be reached, the bucket is missing, not versioned or not accessible, or no credentials are found.</exception>
    internal static async Task<RemoteBucket?> ConnectAsync(RunSettings settings, CancellationToken cancellationToken)
    {
        if (settings.Endpoint is not { } endpoint)
        {
            return settings.Bucket is null ? null : throw new CliException("--bucket needs --endpoint (the URL of the S3-compatible server, or 'aws' for Amazon S3).");
        }

        if (string.IsNullOrEmpty(settings.Bucket))
        {
            throw new CliException("--endpoint needs --bucket (the name of a versioned bucket on that endpoint).");
        }

        var options = new AmazonS3ObjectStoreOptions
        {
            BucketName = settings.Bucket,
            ServiceUrl = string.Equals(endpoint, "aws", StringComparison.OrdinalIgnoreCase) ? null : ParseUrl(endpoint),
            Region = settings.Region,
        };
        try
        {
            return new RemoteBucket(await AmazonS3ObjectStore.CreateAsync(options, cancellationToken).ConfigureAwait(false), settings);
        }
        catch (ObjectStoreException exception) when (exception.ErrorCode == "NoSuchBucket")
        {
            throw new CliException($"bucket '{settings.Bucket}' does not exist at {endpoint}.");
        }
        catch (ObjectStoreException exception) when (exception.ErrorCode is "AccessDenied" or "InvalidAccessKeyId" or "SignatureDoesNotMatch")
        {
            throw new CliException($"access to bucket '{settings.Bucket}' at {endpoint} was denied ({exception.ErrorCode}); check the credentials (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_PROFILE).");
        }
        catch (ObjectStoreException exception) when (exception.IsRetryable)
        {
            throw new CliException($"cannot reach the S3 endpoint {endpoint}: {OneLine(exception.Message)}");
        }
        catch (ObjectStoreException exception)
        {
            throw new CliException($"bucket '{settings.Bucket}' at {endpoint} cannot be used: {exception.ErrorCode}: {OneLine(exception.Message)}");
        }
        catch (InvalidOperationException exception) when (exception.Message.Contains("versioning", StringComparison.OrdinalIgnoreCase))
        {
            throw new CliException($"bucket '{settings.Bucket}' at {endpoint} does not have versioning enabled; S3 Files needs a versioned bucket (aws s3api put-bucket-versioning --bucket {settings.Bucket} --versioning-configuration Status=Enabled).");
        }
        catch (AmazonClientException exception)
        {
            throw new CliException($"cannot use the S3 endpoint {endpoint}: {OneLine(exception.Message)}");
        }
    }

    /// <summary>Creates the file system over the bucket, its changes delivered by a poller on the simulation's scheduler.</summary>
    internal S3FilesFileSystem CreateFileSystem(S3FilesSimulation simulation, FileSystemOptions options)
    {
        _events = new PollingBucketEventSource(Store, simulation.Scheduler, new PollingBucketEventSourceOptions { Region = _settings.Region }, simulation.Random);
        _events.Watch(string.Empty);
        return simulation.CreateFileSystem(options, Store, _events);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _events?.Dispose();
        Store.Dispose();
    }

    private static Uri ParseUrl(string endpoint) =>
        Uri.TryCreate(endpoint, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps)
            ? url
            : throw new CliException($"--endpoint must be an http:// or https:// URL, or 'aws'; it was '{endpoint}'.");

    private static string OneLine(string message) => message.ReplaceLineEndings(" ");
}
