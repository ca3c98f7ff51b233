using S3FilesSim.Time;

namespace S3FilesSim.ObjectStorage;

/// <summary>
/// Delivers a bucket's events to its subscribers the way EventBridge does, on the simulation's scheduler: after a
/// seeded random delay, sometimes twice, sometimes late or never (<see cref="BucketEventDeliveryOptions"/>). The
/// in-memory bucket publishes through one; an event source for another store (one that polls a real bucket, or
/// receives its notifications) publishes what it finds through one, so file systems see the same delivery model.
/// </summary>
/// <remarks>https://docs.aws.amazon.com/AmazonS3/latest/userguide/EventBridge.html. Thread-safe.</remarks>
/// <param name="bucketName">The bucket's name.</param>
/// <param name="options">The delivery options; validated by the caller (<see cref="BucketEventDeliveryOptions.Validate"/>).</param>
/// <param name="scheduler">The scheduler deliveries run on.</param>
/// <param name="random">The seeded source of the delays and faults.</param>
public sealed class BucketEventBus(string bucketName, BucketEventDeliveryOptions options, Scheduler scheduler, DeterministicRandom random) : IBucketEventSource
{
    private readonly object _gate = new();
    private Subscription[] _subscriptions = [];
    private long _published;
    private long _dropped;
    private long _duplicated;
    private long _longDelayed;

    /// <summary>Gets the bucket's name.</summary>
    public string BucketName => bucketName;

    /// <summary>Gets the counts of published events and of the delivery faults drawn so far.</summary>
    public BucketEventDeliveryStatistics Statistics => new(
        Interlocked.Read(ref _published), Interlocked.Read(ref _dropped), Interlocked.Read(ref _duplicated), Interlocked.Read(ref _longDelayed));

    /// <inheritdoc />
    public IDisposable Subscribe(Func<BucketEvent, CancellationToken, ValueTask> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var subscription = new Subscription(this, handler);
        lock (_gate)
        {
            _subscriptions = [.. _subscriptions, subscription];
        }

        return subscription;
    }

    /// <summary>Schedules the deliveries of <paramref name="bucketEvent"/> to every subscriber; call it in the order of the changes (under the store's lock), so the random draws follow that order.</summary>
    /// <param name="bucketEvent">The event.</param>
    public void Publish(BucketEvent bucketEvent)
    {
        if (!options.Enabled)
        {
            return;
        }

        Interlocked.Increment(ref _published);
        foreach (var subscription in Volatile.Read(ref _subscriptions))
        {
            if (Draw(options.DropProbability))
            {
                Interlocked.Increment(ref _dropped);
                continue;
            }

            ScheduleDelivery(subscription, bucketEvent);
            if (Draw(options.DuplicateProbability))
            {
                Interlocked.Increment(ref _duplicated);
                ScheduleDelivery(subscription, bucketEvent);
            }
        }
    }

    private bool Draw(double probability) => probability > 0 && random.NextDouble() < probability;

    private void ScheduleDelivery(Subscription subscription, BucketEvent bucketEvent)
    {
        var longDelay = Draw(options.LongDelayProbability);
        if (longDelay)
        {
            Interlocked.Increment(ref _longDelayed);
        }

        var delay = longDelay ? random.NextTimeSpan(options.LongDelayMin, options.LongDelayMax) : random.NextTimeSpan(options.MinDelay, options.MaxDelay);
        scheduler.Schedule(delay, cancellationToken => subscription.DeliverAsync(bucketEvent, cancellationToken), "bucket-event");
    }

    private void Remove(Subscription subscription)
    {
        lock (_gate)
        {
            _subscriptions = [.. _subscriptions.Where(s => s != subscription)];
        }
    }

    private sealed class Subscription(BucketEventBus owner, Func<BucketEvent, CancellationToken, ValueTask> handler) : IDisposable
    {
        private int _disposed;

        public ValueTask DeliverAsync(BucketEvent bucketEvent, CancellationToken cancellationToken) =>
            Volatile.Read(ref _disposed) == 0 ? handler(bucketEvent, cancellationToken) : ValueTask.CompletedTask;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Remove(this);
            }
        }
    }
}
