using S3FilesSim.Conflicts;
using S3FilesSim.Export;
using S3FilesSim.FileSystem;
using S3FilesSim.Namespace;
using S3FilesSim.ObjectStorage;

namespace S3FilesSim.Import;

/// <summary>
/// Revalidation of one key, as a bucket event for it does: in accessed directories the key's latest version (HEAD)
/// decides, so duplicates and out-of-order deliveries change nothing. Resident files get the new data at once; files
/// not resident get the new metadata and base version, and their data on the next read. A change under an entry with
/// unexported changes is a conflict the conflict resolver settles (the bucket wins). A key below a file's name makes
/// that name a directory (the directory wins, as in a listing). It also settles the conflicts the export writer finds.
/// </summary>
/// <remarks>Each step plans under the file system's lock, reads the bucket outside it (<see cref="BucketReads"/>), and
/// runs again with what it read: it changes nothing until it has everything it needs, so a change made meanwhile is
/// simply planned on. An event for a directory whose first listing is in progress waits for the listing.
/// https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-synchronization.html</remarks>
/// <param name="gate">The file system's lock.</param>
/// <param name="ns">The namespace.</param>
/// <param name="store">The bucket.</param>
/// <param name="listing">First listings in progress, which an event waits for.</param>
/// <param name="entryImport">Turns objects into entries.</param>
/// <param name="conflicts">Settles a change under an entry with unexported changes.</param>
/// <param name="pendingMoves">Keys and entries owned by changes not yet exported.</param>
/// <param name="statistics">Counts objects that cannot be imported.</param>
internal sealed class KeyRevalidation(
    Lock gate,
    FileSystemNamespace ns,
    IObjectStore store,
    DirectoryListing listing,
    EntryImport entryImport,
    ConflictResolver conflicts,
    IPendingMoves pendingMoves,
    ImportStatistics statistics) : IExportConflicts
{
    /// <summary>The most bucket reads one step may ask for in turn before it is given up as a retryable failure (the file system kept changing under it).</summary>
    private const int MaxRounds = 64;

    /// <inheritdoc />
    public async ValueTask ResolveExportConflictAsync(ExportEntry entry, string key, BucketVersion? latest, string? changedOldKey, CancellationToken cancellationToken)
    {
        var revalidate = new List<string>();
        await StepAsync(new BucketReads(store), _ => conflicts.BucketWins(entry, key, latest, revalidate), cancellationToken).ConfigureAwait(false);
        if (changedOldKey is not null)
        {
            revalidate.Add(changedOldKey);
        }

        await RevalidateAllAsync(revalidate, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public ValueTask RevalidateAsync(string key, CancellationToken cancellationToken) => RevalidateKeyAsync(key, cancellationToken);

    /// <summary>Resolves a bucket change of <paramref name="inode"/> now: if the entry has unexported changes and its object changed in the bucket since the base, the bucket wins.</summary>
    /// <returns><see langword="true"/> when a conflict was found and resolved.</returns>
    /// <exception cref="ObjectStoreException">Reading the bucket failed.</exception>
    public async ValueTask<bool> ResolveBucketChangeAsync(Inode inode, CancellationToken cancellationToken = default)
    {
        string? key;
        lock (gate)
        {
            key = pendingMoves.ConflictKeyOf(inode);
        }

        if (key is null)
        {
            return false;
        }

        var reads = new BucketReads(store);
        var revalidate = new List<string>();
        var resolved = false;
        await StepAsync(reads, r => resolved = conflicts.ResolveBucketChange(inode, key, r.Latest(key), revalidate), cancellationToken).ConfigureAwait(false);
        await RevalidateAllAsync(revalidate, cancellationToken).ConfigureAwait(false);
        return resolved;
    }

    /// <summary>Brings the entry of <paramref name="key"/> (a full bucket key, a trailing <c>/</c> for a directory marker) in line with the key's latest version.</summary>
    /// <param name="key">The key.</param>
    /// <param name="cancellationToken">Cancels between bucket calls.</param>
    /// <returns>A task that completes when the entry matches the bucket, or the key is outside every accessed directory.</returns>
    /// <exception cref="ObjectStoreException">Reading the bucket failed; what was applied before stays.</exception>
    public async ValueTask RevalidateKeyAsync(string key, CancellationToken cancellationToken)
    {
        var reads = new BucketReads(store);
        var revalidate = new List<string>();
        while (true)
        {
            Task? waitFor;
            Prefetch prefetch;
            lock (gate)
            {
                waitFor = ListingInProgress(key);
                prefetch = waitFor is null ? PlanPrefetch(key) : default;
            }

            if (waitFor is not null)
            {
                await IgnoreOutcome(waitFor).ConfigureAwait(false);
                continue;
            }

            await PrefetchAsync(reads, key, prefetch, cancellationToken).ConfigureAwait(false);
            var settled = true;
            await StepAsync(reads, r => settled = Revalidate(key, r, revalidate), cancellationToken).ConfigureAwait(false);
            if (settled)
            {
                break;
            }
        }

        await RevalidateAllAsync(revalidate, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Brings the entry <paramref name="name"/> of <paramref name="parent"/> in line with the object <paramref name="key"/> (a revalidation sweep found it changed, new or gone).</summary>
    /// <exception cref="ObjectStoreException">Reading the bucket failed.</exception>
    public async ValueTask RevalidateEntryAsync(Inode parent, string name, string key, CancellationToken cancellationToken)
    {
        var reads = new BucketReads(store);
        var revalidate = new List<string>();
        Prefetch prefetch;
        lock (gate)
        {
            prefetch = PrefetchFor(parent.DirectoryAsIs.Find(name));
        }

        await PrefetchAsync(reads, key, prefetch, cancellationToken).ConfigureAwait(false);
        await StepAsync(
            reads,
            r =>
            {
                if (!parent.Removed)
                {
                    Revalidate(parent, name, key, parent.DirectoryAsIs.Find(name), r, revalidate);
                }
            },
            cancellationToken).ConfigureAwait(false);
        await RevalidateAllAsync(revalidate, cancellationToken).ConfigureAwait(false);
    }

    private static async Task IgnoreOutcome(Task task)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
        catch (Exception e) when (e is FileSystemException or OperationCanceledException)
        {
            // The listing's outcome belongs to its callers; the event plans again either way.
        }
    }

    /// <summary>Runs <paramref name="step"/> under the lock until it has every bucket read it asks for.</summary>
    private async ValueTask StepAsync(BucketReads reads, Action<BucketReads> step, CancellationToken cancellationToken)
    {
        for (var round = 0; ; round++)
        {
            BucketFetchRequiredException needed;
            lock (gate)
            {
                try
                {
                    step(reads);
                    return;
                }
                catch (BucketFetchRequiredException e)
                {
                    needed = e;
                }
            }

            if (round == MaxRounds)
            {
                throw ObjectStoreException.Create(S3ErrorCode.InternalError, "The file system kept changing while its bucket state was read; the operation is retried.");
            }

            await needed.FetchAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async ValueTask RevalidateAllAsync(List<string> keys, CancellationToken cancellationToken)
    {
        foreach (var key in keys)
        {
            await RevalidateKeyAsync(key, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The first listing in progress of a directory on the way to <paramref name="key"/>, if any: the event waits for it, so it is applied to the listed entries.</summary>
    private Task? ListingInProgress(string key)
    {
        var parent = ns.Root;
        foreach (var name in NamesOf(key, out _))
        {
            if (!parent.DirectoryAsIs.Listed)
            {
                return listing.InProgress(parent);
            }

            if (parent.DirectoryAsIs.Find(name) is not { IsDirectory: true } next)
            {
                return null;
            }

            parent = next;
        }

        return null;
    }

    /// <summary>What to read ahead of the step, so the common event needs no second round: the key's metadata when its directory is accessed, and what the entry there needs.</summary>
    private Prefetch PlanPrefetch(string key)
    {
        var names = NamesOf(key, out var marker);
        var parent = ns.Root;
        for (var i = 0; i < names.Length; i++)
        {
            if (!parent.DirectoryAsIs.Listed || !ImportedKeys.IsValidName(names[i]))
            {
                return default;
            }

            var existing = parent.DirectoryAsIs.Find(names[i]);
            if (i == names.Length - 1 || existing is not { IsDirectory: true })
            {
                return marker || i < names.Length - 1 ? new Prefetch(Head: true, Entry: null) : PrefetchFor(existing);
            }

            parent = existing;
        }

        return default;
    }

    /// <summary>The reads ahead of revalidating the entry <paramref name="existing"/> (or a new one, when <see langword="null"/>).</summary>
    private Prefetch PrefetchFor(Inode? existing) => new(
        Head: true,
        Entry: existing is null
            ? new EntryState(Absent: true, null, Clean: true, Resident: false)
            : existing.IsDirectory ? null
            : new EntryState(Absent: false, existing.VersionId, existing.DirtySinceTicks == 0 && existing.VersionId is not null && pendingMoves.ConflictKeyOf(existing) is null, existing.Resident || existing.Type == FileType.SymbolicLink));

    private static async ValueTask PrefetchAsync(BucketReads reads, string key, Prefetch prefetch, CancellationToken cancellationToken)
    {
        if (!prefetch.Head)
        {
            return;
        }

        var head = await reads.PrefetchHeadAsync(key, cancellationToken).ConfigureAwait(false);
        if (head is not null && prefetch.Entry is { Clean: true } entry && entry.VersionId != head.VersionId
            && (EntryImport.IsSymbolicLink(head) || (!entry.Absent && entry.Resident && !head.IsArchived)))
        {
            await reads.PrefetchVersionAsync(key, head.VersionId, cancellationToken).ConfigureAwait(false);
        }
    }

    private string[] NamesOf(string key, out bool marker) => ns.Keys.Names(key, out marker);

    /// <summary>The locked step of <see cref="RevalidateKeyAsync"/>.</summary>
    /// <returns><see langword="false"/> when a directory on the way is being listed: the event waits for the listing and plans again.</returns>
    private bool Revalidate(string key, BucketReads reads, List<string> revalidate)
    {
        var names = NamesOf(key, out var marker);
        var parent = ns.Root;
        for (var i = 0; i < names.Length; i++)
        {
            if (!parent.DirectoryAsIs.Listed)
            {
                return listing.InProgress(parent) is null;
            }

            if (!ImportedKeys.IsValidName(names[i]))
            {
                statistics.Reject(key, Telemetry.ImportRejection.UnmappableKey);
                return true;
            }

            var existing = parent.DirectoryAsIs.Find(names[i]);
            var last = i == names.Length - 1;
            if (!last || marker)
            {
                var markerKey = ns.Keys.DirectoryOf(names, i + 1);
                if (existing is null && reads.Head(key) is not null)
                {
                    entryImport.AddDirectory(parent, names[i], markerKey, announce: true, reads);
                    return true;
                }

                if (existing is { IsDirectory: false } && reads.Head(key) is not null)
                {
                    _ = pendingMoves.IsPendingMove(markerKey) ? null : reads.Head(markerKey);
                    conflicts.YieldToDirectory(existing, revalidate, reads);
                    statistics.Count();
                    entryImport.AddDirectory(parent, names[i], markerKey, announce: true, reads);
                    return true;
                }

                if (existing is not { IsDirectory: true })
                {
                    return true;
                }

                if (last)
                {
                    RevalidateMarker(existing, key, reads);
                }

                parent = existing;
                continue;
            }

            Revalidate(parent, names[i], key, existing, reads, revalidate);
        }

        return true;
    }

    /// <summary>Brings the entry <paramref name="name"/> of <paramref name="parent"/> (<paramref name="existing"/>, or none) in line with the object <paramref name="key"/>.</summary>
    private void Revalidate(Inode parent, string name, string key, Inode? existing, BucketReads reads, List<string> revalidate)
    {
        var latest = reads.Head(key);
        if (existing is null)
        {
            if (latest is not null)
            {
                entryImport.AddObject(parent, name, key, announce: true, reads);
            }

            return;
        }

        if (existing.IsDirectory || latest?.VersionId == existing.VersionId)
        {
            return;
        }

        // Unexported changes include a pending move of the entry's key (a child of a renamed directory is not itself dirty).
        var conflictKey = pendingMoves.ConflictKeyOf(existing);
        if (existing.DirtySinceTicks != 0 || existing.VersionId is null || conflictKey is not null)
        {
            // An entry renamed onto this key (not yet exported) is based elsewhere: an object here is a conflict at once.
            if (conflictKey is not null && conflictKey != key && latest is not null)
            {
                if (reads.Latest(key) is { } version)
                {
                    conflicts.ResolveNewKeyConflict(existing, key, version, revalidate, reads);
                }
            }
            else if (conflictKey is not null)
            {
                conflicts.ResolveBucketChange(existing, conflictKey, reads.Latest(conflictKey), revalidate);
            }

            return;
        }

        if (latest is null)
        {
            ns.RemoveImported(existing);
            return;
        }

        var (type, _) = ImportedKeys.TypeAndMode(latest.Metadata, directory: false);
        if (type != existing.Type)
        {
            if (type == FileType.SymbolicLink)
            {
                _ = reads.Version(key, latest.VersionId);
            }

            ns.RemoveImported(existing);
            entryImport.AddObject(parent, name, key, announce: true, reads);
            return;
        }

        entryImport.Refresh(existing, key, latest, reads);
    }

    /// <summary>
    /// A directory marker changed: a directory with unexported changes (its own, or a pending move of its marker) keeps
    /// its attributes (its marker is written without preconditions); one never exported adopts the marker as its base;
    /// a clean one takes the marker's attributes, or becomes implicit when the marker is gone.
    /// </summary>
    private void RevalidateMarker(Inode directory, string key, BucketReads reads)
    {
        var clean = directory.DirtySinceTicks == 0 && !pendingMoves.HasUnexportedChange(directory);
        if (reads.Head(key) is { } head)
        {
            if (clean)
            {
                ImportedKeys.ApplyAttributes(directory, head);
                ns.ImportedChanged(directory, FileSystemChangeKind.MetadataChanged);
            }
            else if (directory.VersionId is null)
            {
                directory.VersionId = head.VersionId;
                directory.ETag = head.ETag;
            }
        }
        else if (clean)
        {
            // The marker is gone: the directory is implicit now (its prefix still holds objects).
            directory.VersionId = null;
            directory.ETag = null;
        }
    }

    /// <summary>What to read before the first run of a step.</summary>
    /// <param name="Head">Read the key's metadata.</param>
    /// <param name="Entry">The entry at the key when planned, whose import or refresh may need the new version's bytes.</param>
    private readonly record struct Prefetch(bool Head, EntryState? Entry);

    /// <summary>An entry as planned on, outside the lock.</summary>
    /// <param name="Absent">No entry: a new object is imported (a symbolic link's target is read).</param>
    /// <param name="VersionId">Its base version.</param>
    /// <param name="Clean">In sync with no pending move (a refresh, not a conflict).</param>
    /// <param name="Resident">Its data is on the hot tier (a refresh reads the new version's bytes).</param>
    private readonly record struct EntryState(bool Absent, VersionId? VersionId, bool Clean, bool Resident);
}
