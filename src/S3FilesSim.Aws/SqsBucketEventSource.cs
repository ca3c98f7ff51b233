using System.Net;
using Amazon.Runtime;
using Amazon.SQS;
using Amazon.SQS.Model;
using S3FilesSim.Aws.Notifications;
using S3FilesSim.ObjectStorage;
using S3FilesSim.Time;

namespace S3FilesSim.Aws;

/// <summary>
/// Bucket events from the bucket's own notifications, read from an Amazon SQS queue: S3 event notifications
/// (<c>s3:ObjectCreated:*</c>, <c>s3:ObjectRemoved:*</c>) sent by the bucket to the queue, the same through an SNS topic,
/// or the S3 events of an EventBridge rule whose target is the queue. This is how the real service learns of bucket
/// changes (EventBridge), at the cost of one ReceiveMessage request per <see cref="SqsBucketEventSourceOptions.Interval"/>
/// while the queue is empty, whatever the bucket's size.
/// </summary>
/// <remarks>
/// <para>Every <see cref="SqsBucketEventSourceOptions.Interval"/> of (virtual) time, and every
/// <see cref="SqsBucketEventSourceOptions.BusyInterval"/> after a round that received messages, while at least one handler is
/// subscribed, the source receives messages (up to <see cref="SqsBucketEventSourceOptions.MaxReceivesPerInterval"/>
/// requests of up to 10 messages), hands each record of its bucket to the subscribers as a <see cref="BucketEvent"/>,
/// and deletes a message only once every record in it has been handed over (DeleteMessageBatch). A handler that throws
/// leaves its message in the queue: SQS delivers it again after the visibility timeout, and the exception propagates
/// out of the call that advanced time.</para>
/// <para>Delivery is at least once and unordered (https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-how-to-event-types-and-destinations.html,
/// https://docs.aws.amazon.com/AmazonS3/latest/userguide/EventBridge.html): per key, a record whose sequencer is not
/// greater than the last one delivered is a duplicate or arrived after a later change and is dropped (and deleted);
/// records without a sequencer (moto sends none) are always delivered. The file system reads a key's latest version
/// when it applies an event, so the last delivered event of a key brings it up to date whatever the order.</para>
/// <para>Messages that are not notifications (not JSON, another shape) are deleted and counted in
/// <see cref="NotificationStatistics.MessagesRejected"/>; <c>s3:TestEvent</c> messages and records of other buckets or
/// event types are deleted and ignored. A ReceiveMessage that fails with a retryable error (throttling, 5xx, network) is
/// counted and the round skipped; other SQS errors (<c>QueueDoesNotExist</c>, <c>AccessDenied</c>) propagate as
/// <see cref="AmazonSQSException"/>. The configuration on AWS is in the package README ("Bucket notifications").</para>
/// </remarks>
public sealed class SqsBucketEventSource : IBucketEventSource, IDisposable
{
    private readonly IAmazonSQS _sqs;
    private readonly Scheduler _scheduler;
    private readonly SqsBucketEventSourceOptions _options;
    private readonly NotificationDispatcher _dispatcher;
    private readonly Lock _gate = new();
    private ScheduledWork? _next;
    private bool _disposed;

    /// <summary>Creates a source reading <see cref="SqsBucketEventSourceOptions.QueueUrl"/> with <paramref name="sqs"/>; nothing is received until a handler subscribes.</summary>
    /// <param name="sqs">The SQS client (the caller disposes it after the source).</param>
    /// <param name="bucketName">The bucket whose notifications to deliver; records of other buckets are ignored.</param>
    /// <param name="scheduler">The simulation's scheduler, on which the receives run.</param>
    /// <param name="options">The queue and the receive rhythm.</param>
    /// <exception cref="ArgumentException">An option is invalid, or <paramref name="bucketName"/> is empty; the message names it.</exception>
    public SqsBucketEventSource(IAmazonSQS sqs, string bucketName, Scheduler scheduler, SqsBucketEventSourceOptions options)
    {
        ArgumentNullException.ThrowIfNull(sqs);
        ArgumentException.ThrowIfNullOrEmpty(bucketName);
        ArgumentNullException.ThrowIfNull(scheduler);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _sqs = sqs;
        _scheduler = scheduler;
        _options = options;
        BucketName = bucketName;
        _dispatcher = new NotificationDispatcher(bucketName, options.Region, options.AccountId);
    }

    /// <inheritdoc />
    public string BucketName { get; }

    /// <summary>Gets the URL of the queue read.</summary>
    public string QueueUrl => _options.QueueUrl;

    /// <summary>Gets what has been received, delivered, dropped and deleted so far, and the SQS requests made.</summary>
    public NotificationStatistics Statistics => _dispatcher.Statistics;

    /// <inheritdoc />
    /// <remarks>The first subscription starts the receives (the first round runs at the current virtual time).</remarks>
    public IDisposable Subscribe(Func<BucketEvent, CancellationToken, ValueTask> handler)
    {
        var subscription = _dispatcher.Subscribers.Add(handler);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _next ??= _scheduler.Schedule(TimeSpan.Zero, ReceiveAndRescheduleAsync, "sqs-receive");
        }

        return subscription;
    }

    /// <summary>Runs one round now: receives, delivers and deletes until the queue looks empty or the round's receive budget is spent.</summary>
    /// <param name="cancellationToken">Cancels the round between two requests.</param>
    /// <returns>The number of messages received.</returns>
    /// <exception cref="AmazonSQSException">SQS answered with an error that is not retryable (<c>QueueDoesNotExist</c>, <c>AccessDenied</c>, ...).</exception>
    public async ValueTask<int> ReceiveAsync(CancellationToken cancellationToken = default)
    {
        var total = 0;
        for (var round = 0; round < _options.MaxReceivesPerInterval; round++)
        {
            var messages = await ReceiveBatchAsync(cancellationToken).ConfigureAwait(false);
            if (messages is null)
            {
                break;
            }

            total += messages.Count;
            var done = new List<Message>(messages.Count);
            try
            {
                foreach (var message in messages)
                {
                    if (_dispatcher.Parse(message.Body ?? string.Empty) is { } records)
                    {
                        await _dispatcher.ApplyAsync(records, cancellationToken).ConfigureAwait(false);
                    }

                    done.Add(message);
                }
            }
            finally
            {
                await DeleteAsync(done, cancellationToken).ConfigureAwait(false);
            }

            if (messages.Count < _options.MaxMessagesPerReceive)
            {
                break;
            }
        }

        return total;
    }

    /// <summary>Stops receiving; messages already received are still deleted.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _next?.Cancel();
            _next = null;
        }
    }

    private static bool IsRetryable(Exception exception, CancellationToken cancellationToken) => exception switch
    {
        AmazonServiceException service => service.StatusCode >= HttpStatusCode.InternalServerError
            || service.ErrorCode is "ThrottlingException" or "RequestThrottled" or "KmsThrottled" or "ServiceUnavailable",
        AmazonClientException or HttpRequestException or IOException => true,
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        _ => false,
    };

    private async ValueTask ReceiveAndRescheduleAsync(CancellationToken cancellationToken)
    {
        var received = 0;
        try
        {
            if (_dispatcher.Subscribers.Any)
            {
                received = await ReceiveAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            lock (_gate)
            {
                _next = _disposed ? null : _scheduler.Schedule(received > 0 ? _options.BusyInterval : _options.Interval, ReceiveAndRescheduleAsync, "sqs-receive");
            }
        }
    }

    /// <summary>Receives one batch; <see langword="null"/> when the receive failed with a retryable error.</summary>
    private async ValueTask<List<Message>?> ReceiveBatchAsync(CancellationToken cancellationToken)
    {
        var request = new ReceiveMessageRequest
        {
            QueueUrl = _options.QueueUrl,
            MaxNumberOfMessages = _options.MaxMessagesPerReceive,
            WaitTimeSeconds = (int)_options.WaitTime.TotalSeconds,
        };
        if (_options.VisibilityTimeout is { } visibility)
        {
            request.VisibilityTimeout = (int)visibility.TotalSeconds;
        }

        _dispatcher.CountReceiveRequest();
        try
        {
            var response = await _sqs.ReceiveMessageAsync(request, cancellationToken).ConfigureAwait(false);
            return response.Messages ?? [];
        }
        catch (Exception e) when (IsRetryable(e, cancellationToken))
        {
            _dispatcher.CountFailedReceive();
            return null;
        }
    }

    /// <summary>Deletes the applied messages, 10 per request; a failed delete leaves them to be received again (and dropped as duplicates).</summary>
    private async ValueTask DeleteAsync(List<Message> messages, CancellationToken cancellationToken)
    {
        foreach (var chunk in messages.Chunk(10))
        {
            var request = new DeleteMessageBatchRequest
            {
                QueueUrl = _options.QueueUrl,
                Entries = [.. chunk.Select((m, i) => new DeleteMessageBatchRequestEntry { Id = i.ToString(System.Globalization.CultureInfo.InvariantCulture), ReceiptHandle = m.ReceiptHandle })],
            };
            _dispatcher.CountDeleteRequest();
            try
            {
                var response = await _sqs.DeleteMessageBatchAsync(request, cancellationToken).ConfigureAwait(false);
                _dispatcher.CountDeleted(response.Successful?.Count ?? 0);
            }
            catch (Exception e) when (IsRetryable(e, cancellationToken))
            {
                // The messages become visible again after the visibility timeout; their records are then dropped as duplicates.
            }
        }
    }
}
