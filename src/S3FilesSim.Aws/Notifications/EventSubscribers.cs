using S3FilesSim.ObjectStorage;

namespace S3FilesSim.Aws.Notifications;

/// <summary>The handlers subscribed to one event source; a disposed subscription receives nothing more.</summary>
/// <remarks>Thread-safe: subscriptions change by swapping an immutable array.</remarks>
internal sealed class EventSubscribers
{
    private readonly Lock _gate = new();
    private Subscription[] _subscriptions = [];

    /// <summary>Gets a value indicating whether at least one handler is subscribed.</summary>
    public bool Any => Volatile.Read(ref _subscriptions).Length > 0;

    /// <summary>Subscribes <paramref name="handler"/>.</summary>
    /// <param name="handler">The handler.</param>
    /// <returns>The handle whose disposal unsubscribes it.</returns>
    public IDisposable Add(Func<BucketEvent, CancellationToken, ValueTask> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var subscription = new Subscription(this, handler);
        lock (_gate)
        {
            _subscriptions = [.. _subscriptions, subscription];
        }

        return subscription;
    }

    /// <summary>Calls every subscribed handler with <paramref name="bucketEvent"/>, one after the other.</summary>
    /// <param name="bucketEvent">The event.</param>
    /// <param name="cancellationToken">Passed to the handlers.</param>
    /// <returns>A task that completes when every handler has returned; a handler's exception propagates.</returns>
    public async ValueTask DeliverAsync(BucketEvent bucketEvent, CancellationToken cancellationToken)
    {
        foreach (var subscription in Volatile.Read(ref _subscriptions))
        {
            if (!subscription.Disposed)
            {
                await subscription.Handler(bucketEvent, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private void Remove(Subscription subscription)
    {
        lock (_gate)
        {
            _subscriptions = [.. _subscriptions.Where(s => !ReferenceEquals(s, subscription))];
        }
    }

    private sealed class Subscription(EventSubscribers owner, Func<BucketEvent, CancellationToken, ValueTask> handler) : IDisposable
    {
        private int _disposed;

        public Func<BucketEvent, CancellationToken, ValueTask> Handler => handler;

        public bool Disposed => Volatile.Read(ref _disposed) != 0;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Remove(this);
            }
        }
    }
}
