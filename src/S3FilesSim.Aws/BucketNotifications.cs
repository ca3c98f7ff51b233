using System.Text.Json;
using Amazon.S3;
using Amazon.SQS;
using Amazon.SQS.Model;
using Sdk = Amazon.S3.Model;

namespace S3FilesSim.Aws;

/// <summary>
/// Sets up a bucket's event notifications for <see cref="SqsBucketEventSource"/>: the queue, the queue policy that lets
/// the bucket send to it, and the bucket's notification configuration (<c>s3:ObjectCreated:*</c> and
/// <c>s3:ObjectRemoved:*</c> to the queue), as https://docs.aws.amazon.com/AmazonS3/latest/userguide/ways-to-add-notification-config-to-bucket.html describes.
/// </summary>
/// <remarks>The configuration this writes carries the id <see cref="ConfigurationId"/>; the bucket's other notification
/// configurations are kept.</remarks>
public static class BucketNotifications
{
    /// <summary>The id of the notification configuration the simulator adds to a bucket.</summary>
    public const string ConfigurationId = "s3files-sim";

    /// <summary>The event types the simulator subscribes to.</summary>
    public static IReadOnlyList<string> EventTypes { get; } = ["s3:ObjectCreated:*", "s3:ObjectRemoved:*"];

    /// <summary>Creates an SQS client for the endpoint, Region and credentials of <paramref name="options"/>: SQS in the Region for Amazon S3, or <paramref name="serviceUrl"/> (by default the S3 endpoint itself, as moto serves every service on one port).</summary>
    /// <param name="options">The bucket's store options.</param>
    /// <param name="serviceUrl">The SQS endpoint, for an S3-compatible server; <see langword="null"/> for the S3 endpoint.</param>
    /// <returns>A new client; the caller disposes it.</returns>
    /// <exception cref="ArgumentException">An option is invalid; the message names it.</exception>
    public static AmazonSQSClient CreateSqsClient(AmazonS3ObjectStoreOptions options, Uri? serviceUrl = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var s3 = AmazonS3ClientFactory.CreateConfig(options);
        var config = new AmazonSQSConfig { Timeout = options.RequestTimeout, MaxErrorRetry = options.MaxErrorRetry };
        if ((serviceUrl ?? options.ServiceUrl) is { } url)
        {
            config.ServiceURL = url.ToString();
            config.AuthenticationRegion = options.Region;
        }
        else
        {
            config.RegionEndpoint = s3.RegionEndpoint;
        }

        return options.Credentials is { } credentials ? new AmazonSQSClient(credentials, config) : new AmazonSQSClient(config);
    }

    /// <summary>
    /// Creates the queue <paramref name="queueName"/> if it is missing, lets <paramref name="bucketName"/> send to it, and
    /// adds (or replaces) the bucket's notification configuration <see cref="ConfigurationId"/> sending
    /// <see cref="EventTypes"/> to it.
    /// </summary>
    /// <param name="s3">A client for the bucket.</param>
    /// <param name="sqs">A client for the queue's Region or endpoint.</param>
    /// <param name="bucketName">The bucket.</param>
    /// <param name="queueName">The queue name (1 to 80 letters, digits, <c>-</c> and <c>_</c>).</param>
    /// <param name="cancellationToken">Cancels the setup.</param>
    /// <returns>The queue URL, for <see cref="SqsBucketEventSourceOptions.QueueUrl"/>.</returns>
    /// <exception cref="AmazonS3Exception">The bucket's notification configuration could not be read or written (<c>NoSuchBucket</c>, <c>AccessDenied</c>, or S3's validation of the destination).</exception>
    /// <exception cref="AmazonSQSException">The queue could not be created or its policy set.</exception>
    public static async Task<string> ConfigureQueueAsync(IAmazonS3 s3, IAmazonSQS sqs, string bucketName, string queueName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(s3);
        ArgumentNullException.ThrowIfNull(sqs);
        ArgumentException.ThrowIfNullOrEmpty(bucketName);
        ArgumentException.ThrowIfNullOrEmpty(queueName);
        var queueUrl = (await sqs.CreateQueueAsync(new CreateQueueRequest { QueueName = queueName }, cancellationToken).ConfigureAwait(false)).QueueUrl;
        var attributes = await sqs.GetQueueAttributesAsync(new GetQueueAttributesRequest { QueueUrl = queueUrl, AttributeNames = ["QueueArn"] }, cancellationToken).ConfigureAwait(false);
        var queueArn = attributes.Attributes["QueueArn"];
        await sqs.SetQueueAttributesAsync(
            new SetQueueAttributesRequest { QueueUrl = queueUrl, Attributes = new Dictionary<string, string> { ["Policy"] = QueuePolicy(queueArn, bucketName) } },
            cancellationToken).ConfigureAwait(false);

        var existing = await s3.GetBucketNotificationAsync(new Sdk.GetBucketNotificationRequest { BucketName = bucketName }, cancellationToken).ConfigureAwait(false);
        var queues = (existing.QueueConfigurations ?? []).Where(q => q.Id != ConfigurationId).ToList();
        queues.Add(new Sdk.QueueConfiguration { Id = ConfigurationId, Queue = queueArn, Events = [.. EventTypes.Select(e => new EventType(e))] });
        await PutAsync(s3, bucketName, existing, queues, existing.TopicConfigurations, cancellationToken).ConfigureAwait(false);
        return queueUrl;
    }

    /// <summary>Adds (or replaces) the bucket's notification configuration <see cref="ConfigurationId"/> sending <see cref="EventTypes"/> to the topic <paramref name="topicArn"/> (an RGW topic from <see cref="RgwTopics.CreateTopicAsync"/>, or an SNS topic).</summary>
    /// <param name="s3">A client for the bucket.</param>
    /// <param name="bucketName">The bucket.</param>
    /// <param name="topicArn">The topic ARN.</param>
    /// <param name="cancellationToken">Cancels the setup.</param>
    /// <returns>A task that completes when the configuration is written.</returns>
    /// <exception cref="AmazonS3Exception">The bucket's notification configuration could not be read or written.</exception>
    public static async Task ConfigureTopicAsync(IAmazonS3 s3, string bucketName, string topicArn, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(s3);
        ArgumentException.ThrowIfNullOrEmpty(bucketName);
        ArgumentException.ThrowIfNullOrEmpty(topicArn);
        var existing = await s3.GetBucketNotificationAsync(new Sdk.GetBucketNotificationRequest { BucketName = bucketName }, cancellationToken).ConfigureAwait(false);
        var topics = (existing.TopicConfigurations ?? []).Where(t => t.Id != ConfigurationId).ToList();
        topics.Add(new Sdk.TopicConfiguration { Id = ConfigurationId, Topic = topicArn, Events = [.. EventTypes.Select(e => new EventType(e))] });
        await PutAsync(s3, bucketName, existing, existing.QueueConfigurations, topics, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Removes the bucket's notification configuration <see cref="ConfigurationId"/> (queue or topic), keeping the others.</summary>
    /// <param name="s3">A client for the bucket.</param>
    /// <param name="bucketName">The bucket.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the configuration is written.</returns>
    /// <exception cref="AmazonS3Exception">The bucket's notification configuration could not be read or written.</exception>
    public static async Task RemoveAsync(IAmazonS3 s3, string bucketName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(s3);
        ArgumentException.ThrowIfNullOrEmpty(bucketName);
        var existing = await s3.GetBucketNotificationAsync(new Sdk.GetBucketNotificationRequest { BucketName = bucketName }, cancellationToken).ConfigureAwait(false);
        await PutAsync(
            s3,
            bucketName,
            existing,
            [.. (existing.QueueConfigurations ?? []).Where(q => q.Id != ConfigurationId)],
            [.. (existing.TopicConfigurations ?? []).Where(t => t.Id != ConfigurationId)],
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Returns the queue policy that lets <paramref name="bucketName"/> send messages to the queue <paramref name="queueArn"/> (https://docs.aws.amazon.com/AmazonS3/latest/userguide/grant-destinations-permissions-to-s3.html).</summary>
    /// <param name="queueArn">The queue's ARN.</param>
    /// <param name="bucketName">The bucket.</param>
    /// <returns>The policy document, as JSON.</returns>
    public static string QueuePolicy(string queueArn, string bucketName)
    {
        ArgumentException.ThrowIfNullOrEmpty(queueArn);
        ArgumentException.ThrowIfNullOrEmpty(bucketName);
        return JsonSerializer.Serialize(new
        {
            Version = "2012-10-17",
            Statement = new[]
            {
                new
                {
                    Sid = "s3files-sim-bucket-notifications",
                    Effect = "Allow",
                    Principal = new { Service = "s3.amazonaws.com" },
                    Action = "sqs:SendMessage",
                    Resource = queueArn,
                    Condition = new { ArnLike = new Dictionary<string, string> { ["aws:SourceArn"] = "arn:aws:s3:::" + bucketName } },
                },
            },
        });
    }

    private static Task PutAsync(
        IAmazonS3 s3,
        string bucketName,
        Sdk.GetBucketNotificationResponse existing,
        List<Sdk.QueueConfiguration>? queues,
        List<Sdk.TopicConfiguration>? topics,
        CancellationToken cancellationToken) =>
        s3.PutBucketNotificationAsync(
            new Sdk.PutBucketNotificationRequest
            {
                BucketName = bucketName,
                QueueConfigurations = queues is { Count: > 0 } ? queues : null,
                TopicConfigurations = topics is { Count: > 0 } ? topics : null,
                LambdaFunctionConfigurations = existing.LambdaFunctionConfigurations is { Count: > 0 } lambdas ? lambdas : null,
                EventBridgeConfiguration = existing.EventBridgeConfiguration,
            },
            cancellationToken);
}
