using S3FilesSim.ObjectStorage;

namespace S3FilesSim.Aws.Notifications;

/// <summary>
/// The part the notification-driven sources share: parses a message, keeps the records of its bucket, drops duplicates
/// and stale records by sequencer, and hands the rest to the subscribers.
/// </summary>
/// <remarks>Callers serialise <see cref="ApplyAsync"/> (both sources call it from work on the simulation's scheduler,
/// which runs one item at a time); the counters are safe to read from any thread.</remarks>
internal sealed class NotificationDispatcher(string bucketName, string region, string accountId)
{
    private readonly EventSequencer _sequencer = new(region, accountId);
    private long _received;
    private long _deleted;
    private long _rejected;
    private long _delivered;
    private long _dropped;
    private long _ignored;
    private long _receiveRequests;
    private long _deleteRequests;
    private long _failedReceives;

    /// <summary>Gets the subscribers.</summary>
    public EventSubscribers Subscribers { get; } = new();

    /// <summary>Gets the counters.</summary>
    public NotificationStatistics Statistics => new(
        Interlocked.Read(ref _received),
        Interlocked.Read(ref _deleted),
        Interlocked.Read(ref _rejected),
        Interlocked.Read(ref _delivered),
        Interlocked.Read(ref _dropped),
        Interlocked.Read(ref _ignored),
        Interlocked.Read(ref _receiveRequests),
        Interlocked.Read(ref _deleteRequests),
        Interlocked.Read(ref _failedReceives));

    /// <summary>Parses one message body, counting it as received, and as rejected when it is not a notification.</summary>
    /// <param name="body">The message body.</param>
    /// <returns>The records; <see langword="null"/> when the body is not a notification.</returns>
    public IReadOnlyList<NotificationRecord>? Parse(string body)
    {
        Interlocked.Increment(ref _received);
        try
        {
            return NotificationParser.Parse(body);
        }
        catch (FormatException)
        {
            Interlocked.Increment(ref _rejected);
            return null;
        }
    }

    /// <summary>Applies the records of one message: every record of the bucket is delivered unless it is a duplicate or stale.</summary>
    /// <param name="records">The records, from <see cref="Parse"/>.</param>
    /// <param name="cancellationToken">Passed to the handlers.</param>
    /// <returns>A task that completes when every record was handed over.</returns>
    /// <remarks>A handler's exception propagates; the record it failed on is forgotten, so a redelivery applies it.</remarks>
    public async ValueTask ApplyAsync(IReadOnlyList<NotificationRecord> records, CancellationToken cancellationToken)
    {
        foreach (var record in records)
        {
            if (!string.Equals(record.BucketName, bucketName, StringComparison.Ordinal))
            {
                Interlocked.Increment(ref _ignored);
                continue;
            }

            var checkpoint = _sequencer.Checkpoint(record.Key);
            var bucketEvent = _sequencer.Admit(record);
            if (bucketEvent is null)
            {
                Interlocked.Increment(ref _dropped);
                continue;
            }

            try
            {
                await Subscribers.DeliverAsync(bucketEvent, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                _sequencer.Restore(bucketEvent, checkpoint);
                throw;
            }

            Interlocked.Increment(ref _delivered);
        }
    }

    /// <summary>Counts a ReceiveMessage request.</summary>
    public void CountReceiveRequest() => Interlocked.Increment(ref _receiveRequests);

    /// <summary>Counts a DeleteMessageBatch request.</summary>
    public void CountDeleteRequest() => Interlocked.Increment(ref _deleteRequests);

    /// <summary>Counts messages deleted (or acknowledged).</summary>
    /// <param name="count">How many.</param>
    public void CountDeleted(int count) => Interlocked.Add(ref _deleted, count);

    /// <summary>Counts a receive that failed with a retryable error.</summary>
    public void CountFailedReceive() => Interlocked.Increment(ref _failedReceives);
}
