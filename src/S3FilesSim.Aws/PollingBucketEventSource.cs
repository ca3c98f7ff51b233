using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using S3FilesSim.Aws.Notifications;
using S3FilesSim.FileSystem;
using S3FilesSim.ObjectStorage;
using S3FilesSim.Time;

namespace S3FilesSim.Aws;

/// <summary>
/// Bucket events for a real bucket that sends no notifications, by bounded polling: it revisits only the directories
/// the watched file systems have listed, one ListObjectsV2 page (with delimiter <c>/</c>) per request, compares each page
/// with what the file system holds there, and reports the differences as <c>Object Created</c> / <c>Object Deleted</c>
/// events. It never lists the bucket's version history, and spends at most
/// <see cref="PollingBucketEventSourceOptions.MaxRequestsPerInterval"/> requests per
/// <see cref="PollingBucketEventSourceOptions.Interval"/>, whatever the bucket's size.
/// </summary>
/// <remarks>
/// <para>The fallback for stores without notifications (prefer <see cref="SqsBucketEventSource"/> or
/// <see cref="HttpPushBucketEventSource"/>). Staleness: a change is seen when the sweep over all listed directories
/// reaches its page, so within (pages of all listed directories ÷ <see cref="PollingBucketEventSourceOptions.MaxRequestsPerInterval"/>)
/// intervals, plus one; notifications take seconds whatever the number of directories. Directories the file system has
/// not listed are not polled: their first access lists the bucket.</para>
/// <para>A key is reported as created when the page lists it and the file system holds no entry there, or one based on
/// another ETag; as deleted when the file system holds an entry based on an object at that key and the page's key range
/// no longer has it. A new common prefix costs one more request (MaxKeys 1) to find a key to report under it. A
/// difference already reported is not reported again until the key is seen in line once. Events carry the
/// <c>null</c> version id (ListObjectsV2 returns none; the file system reads the key's latest version when it applies an
/// event), and a sequencer of the change's time (the poll time for deletions) that increases with every event of a key.</para>
/// <para>Rounds run on the simulation's scheduler while a handler is subscribed and a file system is watched. A
/// request that fails with a retryable <see cref="ObjectStoreException"/> ends the round (counted in
/// <see cref="FailedRequestCount"/>); the next round retries that page. Other errors, and handlers' exceptions, propagate
/// out of the call that advanced time.</para>
/// </remarks>
public sealed class PollingBucketEventSource : IBucketEventSource, IDisposable
{
    private readonly IObjectStore _store;
    private readonly Scheduler _scheduler;
    private readonly PollingBucketEventSourceOptions _options;
    private readonly EventSubscribers _subscribers = new();
    private readonly Lock _gate = new();
    private readonly List<S3FilesFileSystem> _fileSystems = [];
    private readonly Queue<string> _sweep = new();
    private readonly Queue<string> _newPrefixes = new();
    private readonly Dictionary<string, string> _reported = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _lastTicks = new(StringComparer.Ordinal);
    private Page? _current;
    private ScheduledWork? _next;
    private long _counter;
    private long _rounds;
    private long _requests;
    private long _failedRequests;
    private long _sweeps;
    private bool _disposed;

    /// <summary>Creates a source that lists <paramref name="store"/> on <paramref name="scheduler"/>; nothing is listed until a file system is watched and a handler subscribes.</summary>
    /// <param name="store">The bucket.</param>
    /// <param name="scheduler">The simulation's scheduler, on which the rounds run.</param>
    /// <param name="options">The interval and request budget; <see langword="null"/> for the defaults.</param>
    /// <exception cref="ArgumentException">An option is invalid; the message names it.</exception>
    public PollingBucketEventSource(IObjectStore store, Scheduler scheduler, PollingBucketEventSourceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(scheduler);
        options ??= new PollingBucketEventSourceOptions();
        options.Validate();
        _store = store;
        _scheduler = scheduler;
        _options = options;
    }

    /// <inheritdoc />
    public string BucketName => _store.BucketName;

    /// <summary>Gets the number of rounds run so far.</summary>
    public long RoundCount => Interlocked.Read(ref _rounds);

    /// <summary>Gets the number of ListObjectsV2 requests made so far, failed ones included.</summary>
    public long RequestCount => Interlocked.Read(ref _requests);

    /// <summary>Gets the number of requests that failed with a retryable error.</summary>
    public long FailedRequestCount => Interlocked.Read(ref _failedRequests);

    /// <summary>Gets the number of completed sweeps over every listed directory.</summary>
    public long SweepCount => Interlocked.Read(ref _sweeps);

    /// <summary>Starts polling the directories <paramref name="fileSystem"/> lists (it must be a file system over this bucket, created with this source).</summary>
    /// <param name="fileSystem">The file system.</param>
    /// <exception cref="ArgumentException">The file system is over another bucket.</exception>
    public void Watch(S3FilesFileSystem fileSystem)
    {
        ArgumentNullException.ThrowIfNull(fileSystem);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!_fileSystems.Contains(fileSystem))
            {
                _fileSystems.Add(fileSystem);
            }

            ScheduleLocked();
        }
    }

    /// <summary>Stops polling for <paramref name="fileSystem"/>.</summary>
    /// <param name="fileSystem">A file system given to <see cref="Watch"/>.</param>
    /// <returns><see langword="true"/> when it was watched.</returns>
    public bool Unwatch(S3FilesFileSystem fileSystem)
    {
        ArgumentNullException.ThrowIfNull(fileSystem);
        lock (_gate)
        {
            return _fileSystems.Remove(fileSystem);
        }
    }

    /// <inheritdoc />
    public IDisposable Subscribe(Func<BucketEvent, CancellationToken, ValueTask> handler)
    {
        var subscription = _subscribers.Add(handler);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            ScheduleLocked();
        }

        return subscription;
    }

    /// <summary>Runs one round now: up to <see cref="PollingBucketEventSourceOptions.MaxRequestsPerInterval"/> requests, going on with the sweep where the last round stopped, and delivers the differences found.</summary>
    /// <param name="cancellationToken">Cancels the round between two requests.</param>
    /// <returns>The number of requests made.</returns>
    /// <exception cref="ObjectStoreException">Listing failed with an error that is not retryable.</exception>
    public async ValueTask<int> PollAsync(CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _rounds);
        var made = 0;
        var refilled = false;
        while (made < _options.MaxRequestsPerInterval)
        {
            if (_newPrefixes.TryPeek(out var newPrefix))
            {
                made++;
                if (!await ReportNewPrefixAsync(newPrefix, cancellationToken).ConfigureAwait(false))
                {
                    break;
                }

                _newPrefixes.Dequeue();
                continue;
            }

            if (_current is null)
            {
                if (_sweep.Count == 0)
                {
                    if (refilled || !Refill())
                    {
                        break;
                    }

                    refilled = true;
                }

                _current = new Page(_sweep.Dequeue(), null, null);
            }

            made++;
            if (!await ListPageAsync(_current, cancellationToken).ConfigureAwait(false))
            {
                break;
            }
        }

        return made;
    }

    /// <summary>Stops polling; rounds already running finish.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _next?.Cancel();
            _next = null;
        }
    }

    private static string EventId(string bucket, string key, string state, long counter)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{bucket}\n{key}\n{state}\n{counter}"));
        return new Guid(hash.AsSpan(0, 16)).ToString();
    }

    private static bool InRange(string key, string? lower, string? upper) =>
        (lower is null || Utf8KeyOrder.Compare(key, lower) > 0) && (upper is null || Utf8KeyOrder.Compare(key, upper) <= 0);

    private void ScheduleLocked()
    {
        if (!_disposed && _next is null && _fileSystems.Count > 0 && _subscribers.Any)
        {
            _next = _scheduler.Schedule(TimeSpan.Zero, PollAndRescheduleAsync, "bucket-poll");
        }
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
                _next = _disposed ? null : _scheduler.Schedule(_options.Interval, PollAndRescheduleAsync, "bucket-poll");
            }
        }
    }

    /// <summary>Starts a new sweep over the directories the watched file systems list now; <see langword="false"/> when there are none.</summary>
    private bool Refill()
    {
        S3FilesFileSystem[] fileSystems;
        lock (_gate)
        {
            fileSystems = [.. _fileSystems];
        }

        if (fileSystems.Length == 0)
        {
            return false;
        }

        Interlocked.Increment(ref _sweeps);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var prefix in fileSystems.SelectMany(f => f.GetListedDirectoryPrefixes()))
        {
            if (seen.Add(prefix))
            {
                _sweep.Enqueue(prefix);
            }
        }

        return _sweep.Count > 0;
    }

    /// <summary>Lists one page of <paramref name="page"/>'s directory and reports the differences; <see langword="false"/> when the request failed with a retryable error.</summary>
    private async ValueTask<bool> ListPageAsync(Page page, CancellationToken cancellationToken)
    {
        ListObjectsV2Result result;
        Interlocked.Increment(ref _requests);
        try
        {
            result = await _store.ListObjectsV2Async(
                new ListObjectsV2Request { Prefix = page.Prefix, Delimiter = "/", ContinuationToken = page.ContinuationToken, MaxKeys = _options.PageSize },
                cancellationToken).ConfigureAwait(false);
        }
        catch (ObjectStoreException e) when (e.IsRetryable)
        {
            Interlocked.Increment(ref _failedRequests);
            return false;
        }

        string? upper = null;
        if (result.IsTruncated)
        {
            var lastKey = result.Contents.Count > 0 ? result.Contents[^1].Key : null;
            var lastPrefix = result.CommonPrefixes.Count > 0 ? result.CommonPrefixes[^1] : null;
            upper = lastKey is null ? lastPrefix : lastPrefix is null || Utf8KeyOrder.Compare(lastKey, lastPrefix) > 0 ? lastKey : lastPrefix;
        }

        _current = result.IsTruncated && result.NextContinuationToken is { } token ? new Page(page.Prefix, token, upper) : null;
        foreach (var bucketEvent in Compare(page.Prefix, page.Lower, upper, result))
        {
            await _subscribers.DeliverAsync(bucketEvent, cancellationToken).ConfigureAwait(false);
        }

        return true;
    }

    private List<BucketEvent> Compare(string prefix, string? lower, string? upper, ListObjectsV2Result result)
    {
        var events = new List<BucketEvent>();
        var listed = result.Contents.ToDictionary(o => o.Key, StringComparer.Ordinal);
        var listedPrefixes = result.CommonPrefixes.ToHashSet(StringComparer.Ordinal);
        S3FilesFileSystem[] fileSystems;
        lock (_gate)
        {
            fileSystems = [.. _fileSystems];
        }

        var now = _scheduler.Clock.GetUtcNow();
        foreach (var fileSystem in fileSystems)
        {
            if (fileSystem.GetListedEntries(prefix) is not { } held)
            {
                continue;
            }

            var heldByKey = new Dictionary<string, ListedEntry>(held.Count, StringComparer.Ordinal);
            foreach (var entry in held)
            {
                heldByKey[entry.Key] = entry;
                if (!InRange(entry.Key, lower, upper) || entry.ETag is null)
                {
                    continue;
                }

                var gone = entry.IsDirectory && entry.Key != prefix ? !listedPrefixes.Contains(entry.Key) : !listed.ContainsKey(entry.Key);
                if (gone)
                {
                    Report(events, entry.Key, "deleted", now, null);
                }
            }

            foreach (var summary in result.Contents)
            {
                if (!heldByKey.TryGetValue(summary.Key, out var entry) || entry.ETag != summary.ETag)
                {
                    Report(events, summary.Key, "created " + summary.ETag.Value, summary.LastModified, summary);
                }
                else
                {
                    _reported.Remove(summary.Key);
                }
            }

            foreach (var commonPrefix in result.CommonPrefixes)
            {
                if (!heldByKey.ContainsKey(commonPrefix) && !_newPrefixes.Contains(commonPrefix))
                {
                    _newPrefixes.Enqueue(commonPrefix);
                }
            }
        }

        return events;
    }

    /// <summary>Finds one key under a new common prefix (one request, MaxKeys 1) and reports it created; <see langword="false"/> on a retryable failure.</summary>
    private async ValueTask<bool> ReportNewPrefixAsync(string prefix, CancellationToken cancellationToken)
    {
        ListObjectsV2Result result;
        Interlocked.Increment(ref _requests);
        try
        {
            result = await _store.ListObjectsV2Async(new ListObjectsV2Request { Prefix = prefix, MaxKeys = 1 }, cancellationToken).ConfigureAwait(false);
        }
        catch (ObjectStoreException e) when (e.IsRetryable)
        {
            Interlocked.Increment(ref _failedRequests);
            return false;
        }

        var events = new List<BucketEvent>();
        foreach (var summary in result.Contents)
        {
            Report(events, summary.Key, "created " + summary.ETag.Value, summary.LastModified, summary);
        }

        foreach (var bucketEvent in events)
        {
            await _subscribers.DeliverAsync(bucketEvent, cancellationToken).ConfigureAwait(false);
        }

        return true;
    }

    private void Report(List<BucketEvent> events, string key, string state, DateTimeOffset time, ObjectSummary? created)
    {
        if (_reported.TryGetValue(key, out var previous) && previous == state)
        {
            return;
        }

        _reported[key] = state;
        var ticks = Math.Max(_lastTicks.GetValueOrDefault(key), time.UtcTicks);
        _lastTicks[key] = ticks;
        var counter = ++_counter;
        events.Add(new BucketEvent
        {
            Id = EventId(BucketName, key, state, counter),
            DetailType = created is not null ? BucketEvent.ObjectCreatedDetailType : BucketEvent.ObjectDeletedDetailType,
            Region = _options.Region,
            AccountId = _options.AccountId,
            Time = time,
            BucketName = BucketName,
            Key = key,
            Size = created?.Size,
            ETag = created?.ETag,
            VersionId = VersionId.Null,
            Sequencer = string.Create(CultureInfo.InvariantCulture, $"{ticks:X16}{counter:X8}"),
            Reason = created is null ? "DeleteObject" : created.ETag.IsMultipart ? "CompleteMultipartUpload" : "PutObject",
            DeletionType = created is not null ? null : _store.Capabilities.Versioning ? BucketEvent.DeleteMarkerCreated : BucketEvent.PermanentlyDeleted,
        });
    }

    /// <summary>Where the sweep is in one directory: the next page's token and the last key of the pages before it.</summary>
    private sealed record Page(string Prefix, string? ContinuationToken, string? Lower);
}
