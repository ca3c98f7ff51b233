using S3FilesSim.Export;
using S3FilesSim.FileSystem;
using S3FilesSim.HotTier;
using S3FilesSim.Namespace;
using S3FilesSim.ObjectStorage;

namespace S3FilesSim.Import;

/// <content>
/// Bucket events (EventBridge <c>Object Created</c> / <c>Object Deleted</c>): each event queues a revalidation of its key
/// in the import pipeline. Events for directories never accessed are ignored (the first access lists the bucket); in
/// accessed directories a key's latest version (HEAD) decides, so duplicates and out-of-order deliveries change
/// nothing; the per-key sequencer drops deliveries older than one already applied. Resident files get the new data at
/// once; files not resident get the new metadata and base version, and their data on the next read. A change under a
/// dirty entry is a conflict the export engine resolves (the bucket wins). A key below a file's name makes that name a
/// directory (the directory wins, as in a listing). An event whose bucket reads fail with a
/// retryable error is applied again after an exponential back-off (1 s doubling to 5 min, 10 attempts in all).
/// </content>
internal sealed partial class Importer
{
    /// <summary>How many times a bucket event is applied when the bucket fails with a retryable error (500, 503, timeouts).</summary>
    private const int MaxEventAttempts = 10;

    private static readonly TimeSpan EventRetryBaseDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan EventRetryMaxDelay = TimeSpan.FromMinutes(5);

    private readonly Dictionary<string, string> _sequencers = new(StringComparer.Ordinal);
    private ExportEngine? _export;

    /// <summary>Whether a bucket change is being applied: entries added now are new to the file system (announced on the change feed), not found by a first listing.</summary>
    private bool _revalidating;

    /// <summary>Subscribes to the bucket's events; conflicts go to <paramref name="export"/>.</summary>
    public void Subscribe(IBucketEventSource? events, ExportEngine export)
    {
        _export = export;
        export.RevalidateKeyLocked = RevalidateLocked;
        events?.Subscribe(OnEventAsync);
    }

    private ValueTask OnEventAsync(BucketEvent bucketEvent, CancellationToken cancellationToken)
    {
        if (bucketEvent.Key.StartsWith(_ns.Prefix, StringComparison.Ordinal) && bucketEvent.Key.Length > _ns.Prefix.Length)
        {
            lock (_ns.Gate)
            {
                Enqueue(bucketEvent.Size ?? 0, bucketEvent.Time, () => ApplyCounted(bucketEvent));
            }
        }

        return ValueTask.CompletedTask;
    }

    private void ApplyCounted(BucketEvent bucketEvent, int attempt = 0)
    {
        var key = bucketEvent.Key;
        _sequencers.TryGetValue(key, out var previous);
        try
        {
            if (attempt == 0)
            {
                Sync?.EventDelivery(bucketEvent);
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
                    lock (_ns.Gate)
                    {
                        Enqueue(bucketEvent.Size ?? 0, bucketEvent.Time, () => ApplyCounted(bucketEvent, attempt + 1));
                    }

                    return ValueTask.CompletedTask;
                },
                "bucket-event-retry");
        }
        catch (ObjectStoreException e)
        {
            Interlocked.Increment(ref _failures);
            Sync?.ImportFailure(key, e.ErrorCode);
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
        if (!_export!.HasPendingMoveLocked(key))
        {
            RevalidateLocked(key);
        }
    }

    /// <summary>
    /// Brings the entry of <paramref name="key"/> in line with the key's latest version, as an event does; the export
    /// engine calls it for a key it kept from the importer (the base of a rename) once that rename is exported.
    /// </summary>
    public void RevalidateLocked(string key)
    {
        var wasRevalidating = _revalidating;
        _revalidating = true;
        try
        {
            RevalidateKey(key);
        }
        finally
        {
            _revalidating = wasRevalidating;
        }
    }

    private void RevalidateKey(string key)
    {
        var relative = key[_ns.Prefix.Length..];
        var marker = relative[^1] == '/';
        var names = (marker ? relative[..^1] : relative).Split('/');
        var parent = _ns.Root;
        for (var i = 0; i < names.Length; i++)
        {
            if (parent.DirectoryAsIs.Loader is not null)
            {
                return;
            }

            if (!ImportedKeys.IsValidName(names[i]))
            {
                Reject(key, Telemetry.ImportRejection.UnmappableKey);
                return;
            }

            var existing = parent.DirectoryAsIs.Find(names[i]);
            var last = i == names.Length - 1;
            if (!last || marker)
            {
                if (existing is null && Head(key, null) is not null)
                {
                    AddDirectory(parent, names[i], _ns.Prefix + string.Join('/', names, 0, i + 1) + "/");
                    return;
                }

                if (existing is { IsDirectory: false } && Head(key, null) is not null)
                {
                    Interlocked.Increment(ref _failures);
                    _export!.YieldToDirectoryLocked(existing);
                    AddDirectory(parent, names[i], _ns.Prefix + string.Join('/', names, 0, i + 1) + "/");
                    return;
                }

                if (existing is not { IsDirectory: true })
                {
                    return;
                }

                if (last)
                {
                    // A directory with unexported changes (its own, or a pending move of its marker) keeps its attributes
                    // (its marker is written without preconditions); one never exported adopts the marker as its base.
                    var clean = existing.DirtySinceTicks == 0 && !_export!.HasUnexportedChangeLocked(existing);
                    if (Head(key, null) is { } head)
                    {
                        if (clean)
                        {
                            ImportedKeys.ApplyAttributes(existing, head);
                            _ns.ImportedChanged(existing, FileSystemChangeKind.MetadataChanged);
                        }
                        else if (existing.VersionId is null)
                        {
                            existing.VersionId = head.VersionId.Value;
                            existing.ETag = head.ETag.Value;
                        }
                    }
                    else if (clean)
                    {
                        // The marker is gone: the directory is implicit now (its prefix still holds objects).
                        existing.VersionId = null;
                        existing.ETag = null;
                    }
                }

                parent = existing;
                continue;
            }

            Revalidate(parent, names[i], key, existing);
        }
    }

    private void Revalidate(Inode parent, string name, string key, Inode? existing)
    {
        var latest = Head(key, null);
        if (existing is null)
        {
            if (latest is not null)
            {
                AddObject(parent, name, key);
            }

            return;
        }

        if (existing.IsDirectory || latest?.VersionId.Value == existing.VersionId)
        {
            return;
        }

        // Unexported changes include a pending move of the entry's key (a child of a renamed directory is not itself dirty).
        if (existing.DirtySinceTicks != 0 || existing.VersionId is null || _export!.ConflictKeyLocked(existing) is not null)
        {
            // An entry renamed onto this key (not yet exported) is based elsewhere: an object here is a conflict at once.
            var conflictKey = _export!.ConflictKeyLocked(existing);
            if (conflictKey is not null && conflictKey != key && latest is not null)
            {
                if (StoreCall.Complete(_export.Conflicts.FetchLatestAsync(key, CancellationToken.None)) is { } version)
                {
                    _export.ResolveNewKeyConflictLocked(existing, key, version);
                }
            }
            else if (conflictKey is not null)
            {
                _export.ResolveBucketChangeLocked(existing, conflictKey, StoreCall.Complete(_export.Conflicts.FetchLatestAsync(conflictKey, CancellationToken.None)));
            }

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
            AddObject(parent, name, key);
            return;
        }

        Refresh(existing, key, latest);
    }

    private void Refresh(Inode inode, string key, ObjectMetadata latest)
    {
        // Read first: a failed read leaves the entry as it was (its old version), so the next event or revalidation retries.
        var data = inode.Type == FileType.SymbolicLink || (inode.Resident && !latest.IsArchived) ? ReadVersion(key, latest.VersionId) : null;
        ImportedKeys.ApplyAttributes(inode, latest);
        if (inode.Type == FileType.SymbolicLink)
        {
            inode.Content = System.Text.Encoding.UTF8.GetString(data!);
            inode.Size = System.Text.Encoding.UTF8.GetByteCount(inode.LinkTarget);
        }
        else if (data is not null)
        {
            StoreData(inode, data);
        }
        else
        {
            ChunkStore.Release(ref inode.Content, _ns.Storage);
            inode.Resident = false;
            inode.Size = latest.ContentLength;
        }

        _ns.ImportedChanged(inode, FileSystemChangeKind.DataChanged);
    }
}
