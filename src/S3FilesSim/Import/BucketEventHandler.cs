using S3FilesSim.Conflicts;
using S3FilesSim.Export;
using S3FilesSim.FileSystem;
using S3FilesSim.Namespace;
using S3FilesSim.ObjectStorage;
using S3FilesSim.Telemetry;
using S3FilesSim.Time;

namespace S3FilesSim.Import;

/// <summary>
/// Bucket events (EventBridge <c>Object Created</c> / <c>Object Deleted</c>): each event queues a revalidation of its key
/// in the import pipeline. Events for directories never accessed are ignored (the first access lists the bucket); in
/// accessed directories a key's latest version (HEAD) decides, so duplicates and out-of-order deliveries change
/// nothing; the per-key sequencer drops deliveries older than one already applied. Resident files get the new data at
/// once; files not resident get the new metadata and base version, and their data on the next read. A change under a
/// dirty entry is a conflict the conflict resolver settles (the bucket wins). A key below a file's name makes that name a
/// directory (the directory wins, as in a listing). An event whose bucket reads fail with a retryable error is applied
/// again after an exponential back-off (1 s doubling to 5 min, 10 attempts in all).
/// </summary>
/// <remarks>https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-synchronization.html</remarks>
internal sealed class BucketEventHandler : IExportConflicts
{
    /// <summary>How many times a bucket event is applied when the bucket fails with a retryable error (500, 503, timeouts).</summary>
    private const int MaxEventAttempts = 10;

    private static readonly TimeSpan EventRetryBaseDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan EventRetryMaxDelay = TimeSpan.FromMinutes(5);

    private readonly Lock _gate;
    private readonly FileSystemNamespace _ns;
    private readonly IObjectStore _store;
    private readonly Scheduler _scheduler;
    private readonly ImportPipeline _pipeline;
    private readonly EntryImport _entryImport;
    private readonly ConflictResolver _conflicts;
    private readonly IPendingMoves _pendingMoves;
    private readonly ImportStatistics _statistics;
    private readonly SyncReporter _sync;
    private readonly Dictionary<string, string> _sequencers = new(StringComparer.Ordinal);

    /// <summary>Creates the handler and subscribes it to <paramref name="events"/>.</summary>
    /// <param name="gate">The file system's lock.</param>
    /// <param name="ns">The namespace.</param>
    /// <param name="store">The bucket.</param>
    /// <param name="scheduler">The simulation's scheduler (event retries).</param>
    /// <param name="pipeline">The import pipeline events queue in.</param>
    /// <param name="entryImport">Turns objects into entries.</param>
    /// <param name="conflicts">Settles a change under an entry with unexported changes.</param>
    /// <param name="pendingMoves">Keys and entries owned by changes not yet exported.</param>
    /// <param name="statistics">Counts objects that cannot be imported.</param>
    /// <param name="sync">The reporter of event deliveries.</param>
    /// <param name="events">The bucket's events; <see langword="null"/> for a bucket without events (revalidation only).</param>
    public BucketEventHandler(
        Lock gate,
        FileSystemNamespace ns,
        IObjectStore store,
        Scheduler scheduler,
        ImportPipeline pipeline,
        EntryImport entryImport,
        ConflictResolver conflicts,
        IPendingMoves pendingMoves,
        ImportStatistics statistics,
        SyncReporter sync,
        IBucketEventSource? events)
    {
        _gate = gate;
        _ns = ns;
        _store = store;
        _scheduler = scheduler;
        _pipeline = pipeline;
        _entryImport = entryImport;
        _conflicts = conflicts;
        _pendingMoves = pendingMoves;
        _statistics = statistics;
        _sync = sync;
        events?.Subscribe(OnEventAsync);
    }

    /// <inheritdoc />
    public ValueTask ResolveExportConflictAsync(ExportEntry entry, string key, BucketVersion? latest, string? changedOldKey, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var revalidate = new List<string>();
            _conflicts.BucketWins(entry, key, latest, revalidate);
            if (changedOldKey is not null)
            {
                revalidate.Add(changedOldKey);
            }

            RevalidateAll(revalidate);
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask RevalidateAsync(string key, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            Revalidate(key);
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Resolves a bucket change of <paramref name="inode"/> now: if the entry has unexported changes and its object changed in the bucket since the base, the bucket wins.</summary>
    /// <returns><see langword="true"/> when a conflict was found and resolved.</returns>
    /// <exception cref="ObjectStoreException">Reading the bucket failed.</exception>
    public async ValueTask<bool> ResolveBucketChangeAsync(Inode inode, CancellationToken cancellationToken = default)
    {
        string? key;
        lock (_gate)
        {
            key = _pendingMoves.ConflictKeyOf(inode);
        }

        if (key is null)
        {
            return false;
        }

        var latest = await BucketVersion.FetchLatestAsync(_store, key, cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            var revalidate = new List<string>();
            var resolved = _conflicts.ResolveBucketChange(inode, key, latest, revalidate);
            RevalidateAll(revalidate);
            return resolved;
        }
    }

    /// <summary>
    /// Brings the entry of <paramref name="key"/> in line with the key's latest version, as an event does (the export
    /// revalidates a key it kept from the importer, the base of a rename, once that rename is exported). Called with the lock held.
    /// </summary>
    /// <exception cref="ObjectStoreException">Reading the bucket failed; what was applied before stays.</exception>
    public void Revalidate(string key)
    {
        var relative = key[_ns.Prefix.Length..];
        var marker = relative[^1] == '/';
        var names = (marker ? relative[..^1] : relative).Split('/');
        var parent = _ns.Root;
        for (var i = 0; i < names.Length; i++)
        {
            if (!parent.DirectoryAsIs.Listed)
            {
                return;
            }

            if (!ImportedKeys.IsValidName(names[i]))
            {
                _statistics.Reject(key, ImportRejection.UnmappableKey);
                return;
            }

            var existing = parent.DirectoryAsIs.Find(names[i]);
            var last = i == names.Length - 1;
            if (!last || marker)
            {
                if (existing is null && StoreCall.Head(_store, key) is not null)
                {
                    _entryImport.AddDirectory(parent, names[i], _ns.Prefix + string.Join('/', names, 0, i + 1) + "/", announce: true);
                    return;
                }

                if (existing is { IsDirectory: false } && StoreCall.Head(_store, key) is not null)
                {
                    _statistics.Count();
                    var revalidate = new List<string>();
                    _conflicts.YieldToDirectory(existing, revalidate);
                    RevalidateAll(revalidate);
                    _entryImport.AddDirectory(parent, names[i], _ns.Prefix + string.Join('/', names, 0, i + 1) + "/", announce: true);
                    return;
                }

                if (existing is not { IsDirectory: true })
                {
                    return;
                }

                if (last)
                {
                    RevalidateMarker(existing, key);
                }

                parent = existing;
                continue;
            }

            Revalidate(parent, names[i], key, existing);
        }
    }

    /// <summary>Brings the entry <paramref name="name"/> of <paramref name="parent"/> (<paramref name="existing"/>, or none) in line with the object <paramref name="key"/>. Called with the lock held.</summary>
    /// <exception cref="ObjectStoreException">Reading the bucket failed.</exception>
    public void Revalidate(Inode parent, string name, string key, Inode? existing)
    {
        var latest = StoreCall.Head(_store, key);
        if (existing is null)
        {
            if (latest is not null)
            {
                _entryImport.AddObject(parent, name, key, announce: true);
            }

            return;
        }

        if (existing.IsDirectory || latest?.VersionId.Value == existing.VersionId)
        {
            return;
        }

        // Unexported changes include a pending move of the entry's key (a child of a renamed directory is not itself dirty).
        var conflictKey = _pendingMoves.ConflictKeyOf(existing);
        if (existing.DirtySinceTicks != 0 || existing.VersionId is null || conflictKey is not null)
        {
            var revalidate = new List<string>();

            // An entry renamed onto this key (not yet exported) is based elsewhere: an object here is a conflict at once.
            if (conflictKey is not null && conflictKey != key && latest is not null)
            {
                if (StoreCall.Complete(BucketVersion.FetchLatestAsync(_store, key, CancellationToken.None)) is { } version)
                {
                    _conflicts.ResolveNewKeyConflict(existing, key, version, revalidate);
                }
            }
            else if (conflictKey is not null)
            {
                _conflicts.ResolveBucketChange(existing, conflictKey, StoreCall.Complete(BucketVersion.FetchLatestAsync(_store, conflictKey, CancellationToken.None)), revalidate);
            }

            RevalidateAll(revalidate);
            return;
        }

        if (latest is null)
        {
            _ns.RemoveImported(existing);
            return;
        }

        var (type, _) = ImportedKeys.TypeAndMode(latest.Metadata, directory: false);
        if (type != existing.Type)
        {
            _ns.RemoveImported(existing);
            _entryImport.AddObject(parent, name, key, announce: true);
            return;
        }

        _entryImport.Refresh(existing, key, latest);
    }

    private void RevalidateAll(List<string> keys)
    {
        foreach (var key in keys)
        {
            Revalidate(key);
        }
    }

    /// <summary>
    /// A directory marker changed: a directory with unexported changes (its own, or a pending move of its marker) keeps
    /// its attributes (its marker is written without preconditions); one never exported adopts the marker as its base;
    /// a clean one takes the marker's attributes, or becomes implicit when the marker is gone.
    /// </summary>
    private void RevalidateMarker(Inode directory, string key)
    {
        var clean = directory.DirtySinceTicks == 0 && !_pendingMoves.HasUnexportedChange(directory);
        if (StoreCall.Head(_store, key) is { } head)
        {
            if (clean)
            {
                ImportedKeys.ApplyAttributes(directory, head);
                _ns.ImportedChanged(directory, FileSystemChangeKind.MetadataChanged);
            }
            else if (directory.VersionId is null)
            {
                directory.VersionId = head.VersionId.Value;
                directory.ETag = head.ETag.Value;
            }
        }
        else if (clean)
        {
            // The marker is gone: the directory is implicit now (its prefix still holds objects).
            directory.VersionId = null;
            directory.ETag = null;
        }
    }

    private ValueTask OnEventAsync(BucketEvent bucketEvent, CancellationToken cancellationToken)
    {
        if (bucketEvent.Key.StartsWith(_ns.Prefix, StringComparison.Ordinal) && bucketEvent.Key.Length > _ns.Prefix.Length)
        {
            lock (_gate)
            {
                Enqueue(bucketEvent, attempt: 0);
            }
        }

        return ValueTask.CompletedTask;
    }

    private void Enqueue(BucketEvent bucketEvent, int attempt) =>
        _pipeline.Enqueue(bucketEvent.Size ?? 0, bucketEvent.Time, _ =>
        {
            lock (_gate)
            {
                ApplyCounted(bucketEvent, attempt);
            }

            return ValueTask.CompletedTask;
        });

    private void ApplyCounted(BucketEvent bucketEvent, int attempt)
    {
        var key = bucketEvent.Key;
        _sequencers.TryGetValue(key, out var previous);
        try
        {
            if (attempt == 0)
            {
                _sync.EventDelivery(bucketEvent);
            }

            Apply(bucketEvent);
        }
        catch (ObjectStoreException e) when (e.IsRetryable && attempt < MaxEventAttempts - 1)
        {
            // A transient bucket error: the event is applied again after a back-off, as if redelivered.
            if (_sequencers.TryGetValue(key, out var applied) && applied == bucketEvent.Sequencer)
            {
                RestoreSequencer(key, previous);
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

    private void Apply(BucketEvent bucketEvent)
    {
        var key = bucketEvent.Key;
        if (_sequencers.TryGetValue(key, out var applied) && BucketEvent.CompareSequencers(bucketEvent.Sequencer, applied) <= 0)
        {
            return;
        }

        _sequencers[key] = bucketEvent.Sequencer;
        if (!_pendingMoves.IsPendingMove(key))
        {
            Revalidate(key);
        }
    }
}
