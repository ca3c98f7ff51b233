using Amazon.Runtime;
using Amazon.SQS;
using Amazon.SQS.Model;
using S3FilesSim.Aws;
using S3FilesSim.Cli.Reporting;
using S3FilesSim.FileSystem;
using S3FilesSim.ObjectStorage;

namespace S3FilesSim.Cli;

/// <summary>A real bucket on an S3-compatible endpoint (<c>--endpoint URL --bucket NAME</c>) through the AWS adapter:
/// the store's calls are real HTTP requests, bucket changes arrive through the chosen change source (<c>--changes</c>:
/// bounded polling, an SQS queue of the bucket's notifications, or HTTP push from a Ceph RGW topic), the simulator's
/// requests are counted by operation, and the simulation keeps its virtual clock.</summary>
internal sealed class RemoteBucket : IAsyncDisposable
{
    /// <summary>The change sources <c>--changes</c> accepts.</summary>
    internal static readonly IReadOnlyList<string> ChangeSources = ["poll", "sqs", "push"];

    private readonly RunSettings _settings;
    private readonly AmazonS3ObjectStoreOptions _options;
    private IDisposable? _events;
    private AmazonSQSClient? _sqs;
    private string? _topicArn;

    private RemoteBucket(AmazonS3ObjectStore store, RunSettings settings, AmazonS3ObjectStoreOptions options)
    {
        Store = store;
        Counted = new RequestCountingObjectStore(store);
        _settings = settings;
        _options = options;
    }

    /// <summary>Gets the adapter over the bucket (for the loader and the scenario's other S3 client: not counted).</summary>
    internal AmazonS3ObjectStore Store { get; }

    /// <summary>Gets the bucket as the file system and the change source use it: every request counted by operation.</summary>
    internal RequestCountingObjectStore Counted { get; }

    /// <summary>Gets the change source in use: <c>poll</c>, <c>sqs</c> or <c>push</c>.</summary>
    internal string ChangeSource => _settings.Changes ?? (_settings.QueueUrl is null ? "poll" : "sqs");

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

        if (settings.Changes is { } changes && !ChangeSources.Contains(changes))
        {
            throw new CliException($"--changes must be one of {string.Join(", ", ChangeSources)}; it was '{changes}'.");
        }

        if (settings.QueueUrl is not null && settings.Changes is not (null or "sqs"))
        {
            throw new CliException($"--queue-url goes with --changes sqs; it was given with --changes {settings.Changes}.");
        }

        if (settings.Changes == "push" && string.Equals(endpoint, "aws", StringComparison.OrdinalIgnoreCase))
        {
            throw new CliException("--changes push needs a Ceph RGW endpoint (its topics push notifications over HTTP); for Amazon S3 use --changes sqs.");
        }

        var options = new AmazonS3ObjectStoreOptions
        {
            BucketName = settings.Bucket,
            ServiceUrl = string.Equals(endpoint, "aws", StringComparison.OrdinalIgnoreCase) ? null : ParseUrl(endpoint),
            Region = settings.Region,
        };
        try
        {
            return new RemoteBucket(await AmazonS3ObjectStore.CreateAsync(options, cancellationToken).ConfigureAwait(false), settings, options);
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

    /// <summary>Creates the file system over the counted bucket with the chosen change source, setting up the bucket's notifications first for <c>sqs</c> (a queue <c>s3files-sim-BUCKET</c>, unless <c>--queue-url</c> names one) and <c>push</c> (an RGW topic pushing to a listener on 127.0.0.1).</summary>
    /// <exception cref="CliException">The notifications could not be set up; the message says why.</exception>
    internal async Task<S3FilesFileSystem> CreateFileSystemAsync(S3FilesSimulation simulation, FileSystemOptions options, CancellationToken cancellationToken)
    {
        try
        {
            switch (ChangeSource)
            {
                case "sqs":
                    _sqs = BucketNotifications.CreateSqsClient(_options);
                    var queueUrl = _settings.QueueUrl ?? await CreateQueueAsync(cancellationToken).ConfigureAwait(false);
                    var sqs = new SqsBucketEventSource(_sqs, Store.BucketName, simulation.Scheduler, new SqsBucketEventSourceOptions { QueueUrl = queueUrl, Region = _settings.Region });
                    _events = sqs;
                    return simulation.CreateFileSystem(options, Counted, sqs);
                case "push":
                    var push = HttpPushBucketEventSource.Start(Store.BucketName, simulation.Scheduler, new HttpPushBucketEventSourceOptions { Region = _settings.Region });
                    _events = push;
                    _topicArn = await RgwTopics.CreateTopicAsync(_options, "s3files-sim-" + Store.BucketName, push.Endpoint, cancellationToken: cancellationToken).ConfigureAwait(false);
                    await BucketNotifications.ConfigureTopicAsync(Store.Client, Store.BucketName, _topicArn, cancellationToken).ConfigureAwait(false);
                    return simulation.CreateFileSystem(options, Counted, push);
                default:
                    var poll = new PollingBucketEventSource(Counted, simulation.Scheduler, new PollingBucketEventSourceOptions { Region = _settings.Region });
                    _events = poll;
                    var fileSystem = simulation.CreateFileSystem(options, Counted, poll);
                    poll.Watch(fileSystem);
                    return fileSystem;
            }
        }
        catch (AmazonServiceException exception)
        {
            throw new CliException($"cannot set up the bucket's notifications for --changes {ChangeSource}: {exception.ErrorCode}: {OneLine(exception.Message)}");
        }
        catch (HttpRequestException exception)
        {
            throw new CliException($"cannot set up the bucket's notifications for --changes {ChangeSource}: {OneLine(exception.Message)}");
        }
    }

    /// <summary>Returns the requests the simulator made to the store (and to SQS), by operation.</summary>
    /// <param name="exportedFiles">The files exported during the run, for the requests-per-file ratio.</param>
    internal RequestsReport Requests(long exportedFiles) => new()
    {
        ChangeSource = ChangeSource,
        S3 = new SortedDictionary<string, long>(Counted.Counts.ToDictionary(), StringComparer.Ordinal),
        Sqs = _events is SqsBucketEventSource sqs
            ? new SortedDictionary<string, long> { ["ReceiveMessage"] = sqs.Statistics.ReceiveRequests, ["DeleteMessageBatch"] = sqs.Statistics.DeleteRequests }
            : [],
        Notifications = (_events as SqsBucketEventSource)?.Statistics ?? (_events as HttpPushBucketEventSource)?.Statistics,
        PollingRequests = (_events as PollingBucketEventSource)?.RequestCount,
        ExportedFiles = exportedFiles,
    };

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _events?.Dispose();
        if (_topicArn is not null)
        {
            // The listener is gone: stop RGW pushing to it.
            try
            {
                await RgwTopics.DeleteBucketNotificationAsync(_options, BucketNotifications.ConfigurationId).ConfigureAwait(false);
                await RgwTopics.DeleteTopicAsync(_options, _topicArn).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is AmazonServiceException or HttpRequestException)
            {
                // Best effort: RGW logs a failed push to a missing listener and goes on.
            }
        }

        _sqs?.Dispose();
        Store.Dispose();
    }

    /// <summary>Creates (or reuses) the queue <c>s3files-sim-BUCKET</c>, points the bucket's notifications at it and empties it of an earlier run's messages.</summary>
    private async Task<string> CreateQueueAsync(CancellationToken cancellationToken)
    {
        var queueUrl = await BucketNotifications.ConfigureQueueAsync(Store.Client, _sqs!, Store.BucketName, QueueName(Store.BucketName), cancellationToken).ConfigureAwait(false);
        try
        {
            await _sqs!.PurgeQueueAsync(new PurgeQueueRequest { QueueUrl = queueUrl }, cancellationToken).ConfigureAwait(false);
        }
        catch (AmazonSQSException exception) when (exception.ErrorCode is "AWS.SimpleQueueService.PurgeQueueInProgress" or "PurgeQueueInProgress")
        {
            // Purged less than a minute ago: the earlier run's messages are gone already.
        }

        return queueUrl;
    }

    /// <summary>The queue name for a bucket: SQS names are at most 80 letters, digits, '-' and '_' (bucket names may hold dots).</summary>
    private static string QueueName(string bucketName)
    {
        var name = "s3files-sim-" + bucketName.Replace('.', '-');
        return name.Length <= 80 ? name : name[..80];
    }

    private static Uri ParseUrl(string endpoint) =>
        Uri.TryCreate(endpoint, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps)
            ? url
            : throw new CliException($"--endpoint must be an http:// or https:// URL, or 'aws'; it was '{endpoint}'.");

    private static string OneLine(string message) => message.ReplaceLineEndings(" ");
}
