using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using S3FilesSim.ObjectStorage;
using S3FilesSim.Time;

namespace S3FilesSim.Aws;

/// <summary>
/// Bucket events for a real bucket without EventBridge: lists the watched prefixes every
/// <see cref="PollingBucketEventSourceOptions.Interval"/> of (virtual) time and reports the differences from the previous
/// poll as the same <c>Object Created</c> / <c>Object Deleted</c> events the in-memory bucket publishes.
/// </summary>
/// <remarks>
/// <para>This stands in for the EventBridge rules S3 Files creates on the bucket
/// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-synchronization.html): AWSSDK.EventBridge and SQS
/// are not available to this build. Polls run on the simulation's <see cref="Scheduler"/>, so they happen as virtual
/// time advances (in real time under <see cref="RealTimeDriver"/>).</para>
/// <para>The first poll after <see cref="Watch"/> records a baseline and reports nothing; each later poll reports, per
/// key, versions permanently deleted, then versions and delete markers created, oldest first. With a versioned listing
/// every version is seen; with ListObjectsV2 (unversioned buckets) only the current object is, so several writes
/// between two polls are reported as one. The sequencer is 16 hex digits of the change's last-modified time (the poll
/// time for permanent deletes, never earlier than the key's previous event) followed by 8 hex digits of a counter,
/// so it increases with every change of a key, as S3's does. Event ids are derived from bucket, key, version and type,
/// so a change seen twice has the same id.</para>
/// <para>Events are delivered through the scheduler like the in-memory bucket's, right after the poll by default, or
/// after the extra delays and duplicates of <see cref="PollingBucketEventSourceOptions.Delivery"/>. A poll that fails
/// with a retryable <see cref="ObjectStoreException"/> is skipped (counted in <see cref="FailedPollCount"/>) and its
/// changes are reported by the next one; other errors, and exceptions thrown by handlers, propagate out of the call
/// that advanced time.</para>
/// </remarks>
public sealed class PollingBucketEventSource : IBucketEventSource, IDisposable
{
    private readonly IObjectStore _store;
    private readonly Scheduler _scheduler;
    private readonly PollingBucketEventSourceOptions _options;
    private readonly bool _listVersions;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Dictionary<EntryId, Entry>?> _snapshots = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _lastTicks = new(StringComparer.Ordinal);
    private readonly BucketEventBus _bus;
    private ScheduledWork? _nextPoll;
    private long _counter;
    private long _polls;
    private long _failedPolls;
    private bool _disposed;

    /// <summary>Creates a source that polls <paramref name="store"/> on <paramref name="scheduler"/>; nothing is polled until a prefix is watched.</summary>
    /// <param name="store">The bucket to watch.</param>
    /// <param name="scheduler">The scheduler the polls run on.</param>
    /// <param name="options">The interval, listing mode and delivery; <see langword="null"/> for the defaults.</param>
    /// <param name="random">The seeded random source for delivery delays and duplicates (the simulation's); <see langword="null"/> for one seeded with 0.</param>
    /// <exception cref="ArgumentException">An option is invalid; the message names it.</exception>
    public PollingBucketEventSource(IObjectStore store, Scheduler scheduler, PollingBucketEventSourceOptions? options = null, DeterministicRandom? random = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(scheduler);
        options ??= new PollingBucketEventSourceOptions();
        options.Validate();
        _store = store;
        _scheduler = scheduler;
        _options = options;
        _listVersions = options.ListVersions ?? store.Capabilities.Versioning;
        _bus = new BucketEventBus(store.BucketName, options.Delivery, scheduler, random ?? new DeterministicRandom(0));
    }

    /// <inheritdoc />
    public string BucketName => _store.BucketName;

    /// <summary>Gets the watched prefixes, in ordinal order.</summary>
    public IReadOnlyList<string> WatchedPrefixes
    {
        get
        {
            lock (_gate)
            {
                return [.. _snapshots.Keys.Order(StringComparer.Ordinal)];
            }
        }
    }

    /// <summary>Gets the number of polls run so far, failed ones included.</summary>
    public long PollCount => Interlocked.Read(ref _polls);

    /// <summary>Gets the number of prefix listings skipped because the store reported a retryable error (at most one per watched prefix and poll).</summary>
    public long FailedPollCount => Interlocked.Read(ref _failedPolls);

    /// <summary>Starts watching keys that begin with <paramref name="prefix"/>; the next poll (scheduled now when none is pending) records its baseline.</summary>
    /// <param name="prefix">The key prefix; the empty string watches the whole bucket.</param>
    public void Watch(string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _snapshots.TryAdd(prefix, null);
            _nextPoll ??= _scheduler.Schedule(TimeSpan.Zero, PollAndRescheduleAsync, "bucket-poll");
        }
    }

    /// <summary>Stops watching <paramref name="prefix"/>.</summary>
    /// <param name="prefix">A prefix given to <see cref="Watch"/>.</param>
    /// <returns><see langword="true"/> when the prefix was watched.</returns>
    public bool Unwatch(string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        lock (_gate)
        {
            var removed = _snapshots.Remove(prefix);
            if (_snapshots.Count == 0)
            {
                _nextPoll?.Cancel();
                _nextPoll = null;
            }

            return removed;
        }
    }

    /// <inheritdoc />
    public IDisposable Subscribe(Func<BucketEvent, CancellationToken, ValueTask> handler) => _bus.Subscribe(handler);

    /// <summary>Lists every watched prefix now and schedules the delivery of the events of the changes since the previous poll, in order.</summary>
    /// <param name="cancellationToken">Cancels the poll.</param>
    /// <returns>A task that completes when the deliveries are scheduled (they run as time advances, at once by default).</returns>
    /// <exception cref="ObjectStoreException">Listing failed with an error that is not retryable.</exception>
    public async ValueTask PollAsync(CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _polls);
        string[] prefixes;
        lock (_gate)
        {
            prefixes = [.. _snapshots.Keys];
        }

        var events = new List<BucketEvent>();
        foreach (var prefix in prefixes)
        {
            if (prefixes.Any(other => other.Length < prefix.Length && prefix.StartsWith(other, StringComparison.Ordinal)))
            {
                Rebaseline(prefix);
                continue;
            }

            Dictionary<EntryId, Entry> listing;
            try
            {
                listing = await ListAsync(prefix, cancellationToken).ConfigureAwait(false);
            }
            catch (ObjectStoreException e) when (e.IsRetryable)
            {
                Interlocked.Increment(ref _failedPolls);
                continue;
            }

            events.AddRange(Diff(prefix, listing));
        }

        foreach (var bucketEvent in events)
        {
            _bus.Publish(bucketEvent);
        }
    }

    /// <summary>Stops polling; deliveries already scheduled still happen.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _nextPoll?.Cancel();
            _nextPoll = null;
        }
    }

    private static string EventId(string bucket, string key, string versionId, string detailType, string? etag)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{bucket}\n{key}\n{versionId}\n{detailType}\n{etag}"));
        return new Guid(hash.AsSpan(0, 16)).ToString();
    }

    private async ValueTask PollAndRescheduleAsync(CancellationToken cancellationToken)
    {
        try
        {
            await PollAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            lock (_gate)
            {
                _nextPoll = _disposed || _snapshots.Count == 0
                    ? null
                    : _scheduler.Schedule(_options.Interval, PollAndRescheduleAsync, "bucket-poll");
            }
        }
    }

    private void Rebaseline(string prefix)
    {
        lock (_gate)
        {
            if (_snapshots.ContainsKey(prefix))
            {
                _snapshots[prefix] = null;
            }
        }
    }

    private async ValueTask<Dictionary<EntryId, Entry>> ListAsync(string prefix, CancellationToken cancellationToken)
    {
        var entries = new Dictionary<EntryId, Entry>();
        var order = 0;
        if (_listVersions)
        {
            var request = new ListObjectVersionsRequest { Prefix = prefix };
            while (true)
            {
                var page = await _store.ListObjectVersionsAsync(request, cancellationToken).ConfigureAwait(false);
                foreach (var v in page.Versions)
                {
                    entries[new EntryId(v.Key, v.VersionId.Value, v.ETag?.Value, v.LastModified)] =
                        new Entry(v.Key, v.VersionId, v.IsDeleteMarker, v.ETag, v.Size, v.LastModified, order++);
                }

                if (!page.IsTruncated)
                {
                    return entries;
                }

                request = request with { KeyMarker = page.NextKeyMarker, VersionIdMarker = page.NextVersionIdMarker };
            }
        }

        var listRequest = new ListObjectsV2Request { Prefix = prefix };
        while (true)
        {
            var page = await _store.ListObjectsV2Async(listRequest, cancellationToken).ConfigureAwait(false);
            foreach (var o in page.Contents)
            {
                entries[new EntryId(o.Key, VersionId.Null.Value, o.ETag.Value, o.LastModified)] =
                    new Entry(o.Key, VersionId.Null, IsDeleteMarker: false, o.ETag, o.Size, o.LastModified, order++);
            }

            if (!page.IsTruncated)
            {
                return entries;
            }

            listRequest = listRequest with { ContinuationToken = page.NextContinuationToken };
        }
    }

    private List<BucketEvent> Diff(string prefix, Dictionary<EntryId, Entry> listing)
    {
        var events = new List<BucketEvent>();
        lock (_gate)
        {
            if (!_snapshots.TryGetValue(prefix, out var previous))
            {
                return events;
            }

            _snapshots[prefix] = listing;
            if (previous is null)
            {
                foreach (var entry in listing.Values)
                {
                    _lastTicks[entry.Key] = Math.Max(_lastTicks.GetValueOrDefault(entry.Key), entry.LastModified.UtcTicks);
                }

                return events;
            }

            var created = listing.Where(e => !previous.ContainsKey(e.Key)).Select(e => e.Value).ToLookup(e => e.Key, StringComparer.Ordinal);
            var removed = previous.Where(e => !listing.ContainsKey(e.Key)).Select(e => e.Value).ToLookup(e => e.Key, StringComparer.Ordinal);
            foreach (var key in removed.Select(g => g.Key).Union(created.Select(g => g.Key), StringComparer.Ordinal).Order(StringComparer.Ordinal))
            {
                if (_listVersions || !created.Contains(key))
                {
                    foreach (var entry in removed[key].OrderBy(e => e.Order))
                    {
                        events.Add(NewEvent(entry, BucketEvent.ObjectDeletedDetailType, BucketEvent.PermanentlyDeleted, _scheduler.Clock.GetUtcNow()));
                    }
                }

                foreach (var entry in created[key].OrderByDescending(e => e.Order))
                {
                    events.Add(entry.IsDeleteMarker
                        ? NewEvent(entry, BucketEvent.ObjectDeletedDetailType, BucketEvent.DeleteMarkerCreated, entry.LastModified)
                        : NewEvent(entry, BucketEvent.ObjectCreatedDetailType, deletionType: null, entry.LastModified));
                }
            }
        }

        return events;
    }

    private BucketEvent NewEvent(Entry entry, string detailType, string? deletionType, DateTimeOffset time)
    {
        var ticks = Math.Max(_lastTicks.GetValueOrDefault(entry.Key), time.UtcTicks);
        _lastTicks[entry.Key] = ticks;
        var created = detailType == BucketEvent.ObjectCreatedDetailType;
        return new BucketEvent
        {
            Id = EventId(BucketName, entry.Key, entry.VersionId.Value, detailType, entry.ETag?.Value),
            DetailType = detailType,
            Region = _options.Region,
            AccountId = _options.AccountId,
            Time = time,
            BucketName = BucketName,
            Key = entry.Key,
            Size = created ? entry.Size : null,
            ETag = created ? entry.ETag : null,
            VersionId = entry.VersionId,
            Sequencer = string.Create(CultureInfo.InvariantCulture, $"{ticks:X16}{++_counter:X8}"),
            Reason = !created ? "DeleteObject" : entry.ETag is { IsMultipart: true } ? "CompleteMultipartUpload" : "PutObject",
            DeletionType = deletionType,
        };
    }

    /// <summary>What identifies one listed version: with ListObjectsV2 an overwrite keeps the id <c>null</c>, so ETag and time are part of it.</summary>
    private readonly record struct EntryId(string Key, string VersionId, string? ETag, DateTimeOffset LastModified);

    private sealed record Entry(string Key, VersionId VersionId, bool IsDeleteMarker, ETag? ETag, long Size, DateTimeOffset LastModified, int Order);
}
