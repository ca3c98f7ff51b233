using S3FilesSim.Aws.Notifications;

namespace S3FilesSim.Aws;

/// <summary>Which queue <see cref="SqsBucketEventSource"/> reads and how often.</summary>
public sealed record SqsBucketEventSourceOptions
{
    /// <summary>Gets the URL of the SQS queue the bucket's notifications go to, e.g. <c>https://sqs.us-east-1.amazonaws.com/111122223333/s3files-sim-events</c>; the queue must be dedicated to the simulator (messages it cannot use are deleted).</summary>
    public required string QueueUrl { get; init; }

    /// <summary>Gets the (virtual) time between two rounds of receives; a notification waits at most this long once it is in the queue.</summary>
    /// <value>The default value is 1 second (S3 Files applies bucket changes "typically within seconds").</value>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets the (virtual) time to the next round after a round that received messages: while notifications keep
    /// arriving the queue is read this often, and <see cref="Interval"/> applies again after the first round that finds it
    /// empty. A short queue keeps delivery close to continuous (as EventBridge delivers) and receives cheap on servers whose
    /// ReceiveMessage work grows with the queue's depth: moto 5.2 reads every message in the queue for each message it
    /// returns, so a queue left to fill for a whole <see cref="Interval"/> by hundreds of exports a second makes the
    /// receives quadratic.</summary>
    /// <value>The default value is 10 milliseconds; at most <see cref="Interval"/> (equal: the rhythm never changes).</value>
    public TimeSpan BusyInterval { get; init; } = TimeSpan.FromMilliseconds(10);

    /// <summary>Gets the most ReceiveMessage requests in one round; a round stops earlier at the first receive that returns fewer than <see cref="MaxMessagesPerReceive"/> messages.</summary>
    /// <value>The default value is 100 (up to 1,000 notifications a round).</value>
    public int MaxReceivesPerInterval { get; init; } = 100;

    /// <summary>Gets the <c>MaxNumberOfMessages</c> of each ReceiveMessage request, 1 to 10.</summary>
    /// <value>The default value is 10, the SQS maximum.</value>
    public int MaxMessagesPerReceive { get; init; } = 10;

    /// <summary>Gets the <c>WaitTimeSeconds</c> of each ReceiveMessage request (long polling), 0 to 20 seconds; a wait holds the simulation's scheduler for that long of real time when the queue is empty.</summary>
    /// <value>The default value is 0: short polling, as a simulation on virtual time must not block.</value>
    public TimeSpan WaitTime { get; init; } = TimeSpan.Zero;

    /// <summary>Gets the visibility timeout asked for on receive: how long a received message stays hidden before SQS delivers it again (when it was not deleted because applying it failed).</summary>
    /// <value>The default value is <see langword="null"/>: the queue's own (30 seconds unless configured).</value>
    public TimeSpan? VisibilityTimeout { get; init; }

    /// <summary>Gets the Region reported in events whose notification names none (Ceph RGW sends an empty <c>awsRegion</c>).</summary>
    /// <value>The default value is <c>us-east-1</c>.</value>
    public string Region { get; init; } = "us-east-1";

    /// <summary>Gets the AWS account id reported as the owner and requester in the events.</summary>
    /// <value>The default value is <c>123456789012</c>, the placeholder account of the AWS documentation.</value>
    public string AccountId { get; init; } = "123456789012";

    /// <summary>Checks the options.</summary>
    /// <exception cref="ArgumentException">An option is invalid; the message names it.</exception>
    internal void Validate()
    {
        if (!Uri.TryCreate(QueueUrl, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"{nameof(QueueUrl)} must be an http:// or https:// URL; it was '{QueueUrl}'.", nameof(QueueUrl));
        }

        if (Interval <= TimeSpan.Zero)
        {
            throw new ArgumentException($"{nameof(Interval)} must be positive; it was {Interval}.", nameof(Interval));
        }

        if (BusyInterval <= TimeSpan.Zero || BusyInterval > Interval)
        {
            throw new ArgumentException($"{nameof(BusyInterval)} must be positive and at most {nameof(Interval)} ({Interval}); it was {BusyInterval}.", nameof(BusyInterval));
        }

        if (MaxReceivesPerInterval < 1)
        {
            throw new ArgumentException($"{nameof(MaxReceivesPerInterval)} must be at least 1; it was {MaxReceivesPerInterval}.", nameof(MaxReceivesPerInterval));
        }

        if (MaxMessagesPerReceive is < 1 or > 10)
        {
            throw new ArgumentException($"{nameof(MaxMessagesPerReceive)} must be 1 to 10; it was {MaxMessagesPerReceive}.", nameof(MaxMessagesPerReceive));
        }

        if (WaitTime < TimeSpan.Zero || WaitTime > TimeSpan.FromSeconds(20) || WaitTime.Ticks % TimeSpan.TicksPerSecond != 0)
        {
            throw new ArgumentException($"{nameof(WaitTime)} must be whole seconds from 0 to 20; it was {WaitTime}.", nameof(WaitTime));
        }

        if (VisibilityTimeout is { } visibility && (visibility < TimeSpan.Zero || visibility > TimeSpan.FromHours(12) || visibility.Ticks % TimeSpan.TicksPerSecond != 0))
        {
            throw new ArgumentException($"{nameof(VisibilityTimeout)} must be whole seconds from 0 to 12 hours; it was {visibility}.", nameof(VisibilityTimeout));
        }

        NotificationOptions.ValidateIdentity(Region, AccountId);
    }
}
