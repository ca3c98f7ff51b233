using S3FilesSim.Export;
using S3FilesSim.Namespace;
using S3FilesSim.ObjectStorage;
using S3FilesSim.Telemetry;
using S3FilesSim.Time;

namespace S3FilesSim.Import;

/// <summary>
/// Bucket event handling (EventBridge <c>Object Created</c> / <c>Object Deleted</c>): each event of the file system's
/// scope queues in the import pipeline; the per-key sequencer drops deliveries older than one already applied; the
/// key is then revalidated (<see cref="KeyRevalidation"/>) unless it is the base of a pending move (the export owns it).
/// An event whose bucket reads fail with a retryable error is applied again after an exponential back-off (1 s doubling
/// to 5 min, 10 attempts in all); any other failure counts in <c>ImportFailures</c>.
/// </summary>
/// <remarks>https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-synchronization.html</remarks>
internal sealed class BucketEventHandler
{
    /// <summary>How many times a bucket event is applied when the bucket fails with a retryable error (500, 503, timeouts).</summary>
    private const int MaxEventAttempts = 10;

    private static readonly TimeSpan EventRetryBaseDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan EventRetryMaxDelay = TimeSpan.FromMinutes(5);

    private readonly Lock _gate;
    private readonly ObjectKeys _keys;
    private readonly Scheduler _scheduler;
    private readonly ImportPipeline _pipeline;
    private readonly KeyRevalidation _revalidation;
    private readonly IPendingMoves _pendingMoves;
    private readonly ImportStatistics _statistics;
    private readonly SyncReporter _sync;
    private readonly Dictionary<string, string> _sequencers = new(StringComparer.Ordinal);

    /// <summary>Creates the handler and subscribes it to <paramref name="events"/>.</summary>
    /// <param name="gate">The file system's lock.</param>
    /// <param name="ns">The namespace (its keys: events outside its scope are not its own).</param>
    /// <param name="scheduler">The simulation's scheduler (event retries).</param>
    /// <param name="pipeline">The import pipeline events queue in.</param>
    /// <param name="revalidation">Revalidates the key of an event.</param>
    /// <param name="pendingMoves">Keys owned by changes not yet exported.</param>
    /// <param name="statistics">Counts events that failed for good.</param>
    /// <param name="sync">The reporter of event deliveries.</param>
    /// <param name="events">The bucket's events (<see cref="NoBucketEvents"/> for a bucket without events: revalidation only).</param>
    public BucketEventHandler(
        Lock gate,
        FileSystemNamespace ns,
        Scheduler scheduler,
        ImportPipeline pipeline,
        KeyRevalidation revalidation,
        IPendingMoves pendingMoves,
        ImportStatistics statistics,
        SyncReporter sync,
        IBucketEventSource events)
    {
        _gate = gate;
        _keys = ns.Keys;
        _scheduler = scheduler;
        _pipeline = pipeline;
        _revalidation = revalidation;
        _pendingMoves = pendingMoves;
        _statistics = statistics;
        _sync = sync;
        events.Subscribe(OnEventAsync);
    }

    private ValueTask OnEventAsync(BucketEvent bucketEvent, CancellationToken cancellationToken)
    {
        if (_keys.Contains(bucketEvent.Key))
        {
            lock (_gate)
            {
                Enqueue(bucketEvent, attempt: 0);
            }
        }

        return ValueTask.CompletedTask;
    }

    private void Enqueue(BucketEvent bucketEvent, int attempt) =>
        _pipeline.Enqueue(bucketEvent.Size ?? 0, bucketEvent.Time, cancellationToken => ApplyAsync(bucketEvent, attempt, cancellationToken));

    private async ValueTask ApplyAsync(BucketEvent bucketEvent, int attempt, CancellationToken cancellationToken)
    {
        var key = bucketEvent.Key;
        string? previous;
        lock (_gate)
        {
            _sequencers.TryGetValue(key, out previous);
            if (attempt == 0)
            {
                _sync.EventDelivery(bucketEvent);
            }

            if (previous is not null && BucketEvent.CompareSequencers(bucketEvent.Sequencer, previous) <= 0)
            {
                return;
            }

            _sequencers[key] = bucketEvent.Sequencer;
            if (_pendingMoves.IsPendingMove(key))
            {
                return;
            }
        }

        try
        {
            await _revalidation.RevalidateKeyAsync(key, cancellationToken).ConfigureAwait(false);
        }
        catch (ObjectStoreException e) when (e.IsRetryable && attempt < MaxEventAttempts - 1)
        {
            // A transient bucket error: the event is applied again after a back-off, as if redelivered.
            lock (_gate)
            {
                if (_sequencers.TryGetValue(key, out var applied) && applied == bucketEvent.Sequencer)
                {
                    RestoreSequencer(key, previous);
                }
            }

            var delay = TimeSpan.FromTicks(Math.Min(EventRetryBaseDelay.Ticks << attempt, EventRetryMaxDelay.Ticks));
            _scheduler.Schedule(
                delay,
                _ =>
                {
                    lock (_gate)
                    {
                        Enqueue(bucketEvent, attempt + 1);
                    }

                    return ValueTask.CompletedTask;
                },
                "bucket-event-retry");
        }
        catch (ObjectStoreException e)
        {
            _statistics.Fail(key, e.ErrorCode);
        }
    }

    private void RestoreSequencer(string key, string? previous)
    {
        if (previous is null)
        {
            _sequencers.Remove(key);
        }
        else
        {
            _sequencers[key] = previous;
        }
    }
}
