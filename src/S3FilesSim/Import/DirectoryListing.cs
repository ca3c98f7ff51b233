using S3FilesSim.Export;
using S3FilesSim.FileSystem;
using S3FilesSim.Namespace;
using S3FilesSim.ObjectStorage;
using S3FilesSim.Telemetry;

namespace S3FilesSim.Import;

/// <summary>
/// Directory listing: a directory found in the bucket is listed (ListObjectsV2 with delimiter, every page) on its first
/// access, and every object and common prefix directly under it becomes an entry; later changes arrive as bucket events.
/// The bucket is read outside the file system's lock (pages, then the metadata of each object and directory marker),
/// and the entries are added under it in one step, so a directory is never half listed. Concurrent first accesses of
/// one directory share one listing; it is cancelled when every caller waiting for it has cancelled.
/// </summary>
/// <remarks>https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-synchronization.html</remarks>
/// <param name="gate">The file system's lock.</param>
/// <param name="ns">The namespace.</param>
/// <param name="store">The bucket.</param>
/// <param name="entryImport">Turns the listed objects into entries.</param>
/// <param name="pendingMoves">Keys that belong to renames and removals not yet exported (not imported again).</param>
/// <param name="statistics">Counts objects that cannot be imported.</param>
internal sealed class DirectoryListing(Lock gate, FileSystemNamespace ns, IObjectStore store, EntryImport entryImport, IPendingMoves pendingMoves, ImportStatistics statistics)
{
    private readonly Dictionary<Inode, Listing> _inFlight = [];

    /// <summary>Returns the listing of <paramref name="directory"/> in progress, to wait for; <see langword="null"/> when none is. Called with the lock held.</summary>
    public Task? InProgress(Inode directory) => _inFlight.TryGetValue(directory, out var listing) ? listing.Completion.Task : null;

    /// <summary>Lists <paramref name="directory"/> from the bucket unless that was done already, or joins the listing in progress.</summary>
    /// <param name="directory">The directory, as a <see cref="DirectoryNotListedException"/> named it.</param>
    /// <param name="cancellationToken">Cancels this caller's wait; the listing stops when no caller waits any more.</param>
    /// <returns>A task that completes when the directory is listed (or was removed or renamed meanwhile: the caller's next run sees it).</returns>
    /// <exception cref="FileSystemException"><see cref="Errno.EIO"/>: the bucket could not be listed; nothing changed.</exception>
    /// <exception cref="OperationCanceledException">The wait was cancelled; nothing changed.</exception>
    public ValueTask EnsureListedAsync(Inode directory, CancellationToken cancellationToken = default)
    {
        Listing listing;
        bool start;
        lock (gate)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (directory.Removed || directory.DirectoryAsIs.Listed)
            {
                return ValueTask.CompletedTask;
            }

            start = !_inFlight.TryGetValue(directory, out listing!) || listing.IsCancellationRequested;
            if (start)
            {
                listing = new Listing(directory, ns.ObjectKeyOf(directory));
                _inFlight[directory] = listing;
            }

            listing.Waiters++;
        }

        if (start)
        {
            _ = RunAsync(listing);
        }

        return listing.Completion.Task.IsCompleted ? Leave(listing) : WaitAsync(listing, cancellationToken);
    }

    /// <summary>Lists every object and common prefix directly under <paramref name="prefix"/>, all pages, outside the lock.</summary>
    /// <exception cref="ObjectStoreException">A page could not be listed.</exception>
    public async ValueTask<(List<ObjectSummary> Objects, List<string> Prefixes)> ListAsync(string prefix, CancellationToken cancellationToken)
    {
        var objects = new List<ObjectSummary>();
        var prefixes = new List<string>();
        string? token = null;
        do
        {
            var page = await store.ListObjectsV2Async(new ListObjectsV2Request { Prefix = prefix, Delimiter = "/", ContinuationToken = token }, cancellationToken).ConfigureAwait(false);
            objects.AddRange(page.Contents);
            prefixes.AddRange(page.CommonPrefixes);
            token = page.IsTruncated ? page.NextContinuationToken : null;
        }
        while (token is not null);

        return (objects, prefixes);
    }

    /// <summary>
    /// Adds the listed subdirectories <paramref name="directory"/> lacks, their markers read through <paramref name="reads"/>,
    /// and returns the names of all listed ones that map to POSIX names. Called with the lock held.
    /// </summary>
    /// <param name="directory">The directory listed.</param>
    /// <param name="prefix">Its key prefix.</param>
    /// <param name="prefixes">The common prefixes listed under it.</param>
    /// <param name="reads">The operation's bucket reads.</param>
    /// <returns>The names of the listed subdirectories.</returns>
    /// <exception cref="BucketFetchRequiredException">A marker was not read yet; nothing changed.</exception>
    public HashSet<string> AddDirectories(Inode directory, string prefix, List<string> prefixes, BucketReads reads)
    {
        var directories = new HashSet<string>(prefixes.Count, StringComparer.Ordinal);
        var added = new List<(string Name, string Key, ObjectMetadata? Marker)>();
        foreach (var commonPrefix in prefixes)
        {
            var name = ObjectKeys.ChildName(prefix, commonPrefix);
            if (ImportedKeys.IsValidName(name))
            {
                directories.Add(name);
                if (directory.DirectoryAsIs.Find(name) is null)
                {
                    added.Add((name, commonPrefix, pendingMoves.IsPendingMove(commonPrefix) ? null : reads.Head(commonPrefix)));
                }
            }
        }

        foreach (var commonPrefix in prefixes)
        {
            if (!ImportedKeys.IsValidName(ObjectKeys.ChildName(prefix, commonPrefix)))
            {
                statistics.Reject(commonPrefix, ImportRejection.UnmappableKey);
            }
        }

        foreach (var (name, key, marker) in added)
        {
            entryImport.AddDirectory(directory, name, key, marker, announce: true);
        }

        return directories;
    }

    private static ValueTask Leave(Listing listing)
    {
        var task = listing.Completion.Task;
        return task.IsCompletedSuccessfully ? ValueTask.CompletedTask : new ValueTask(task);
    }

    private async ValueTask WaitAsync(Listing listing, CancellationToken cancellationToken)
    {
        try
        {
            await listing.Completion.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested && !listing.Completion.Task.IsCompleted)
        {
            lock (gate)
            {
                if (--listing.Waiters == 0)
                {
                    listing.Cancel();
                }
            }

            throw;
        }
    }

    private async Task RunAsync(Listing listing)
    {
        var directory = listing.Directory;
        try
        {
            var fetched = await FetchAsync(listing).ConfigureAwait(false);
            lock (gate)
            {
                Commit(listing, fetched);
                Forget(listing);
            }

            listing.Completion.SetResult();
        }
        catch (ObjectStoreException)
        {
            string path;
            lock (gate)
            {
                Forget(listing);
                path = ns.PathOf(directory);
            }

            listing.Completion.SetException(FileSystemException.Create(Errno.EIO, "readdir", path));
        }
        catch (OperationCanceledException e)
        {
            lock (gate)
            {
                Forget(listing);
            }

            listing.Completion.SetCanceled(e.CancellationToken);
        }
    }

    private void Forget(Listing listing)
    {
        if (_inFlight.TryGetValue(listing.Directory, out var current) && ReferenceEquals(current, listing))
        {
            _inFlight.Remove(listing.Directory);
        }
    }

    /// <summary>Reads the pages, then the metadata of each object and marker the listing will add (and the target of each symbolic link), outside the lock.</summary>
    private async ValueTask<Fetched> FetchAsync(Listing listing)
    {
        var cancellationToken = listing.Token;
        var prefix = listing.Prefix;
        var (objects, prefixes) = await ListAsync(prefix, cancellationToken).ConfigureAwait(false);
        var heads = new Dictionary<string, ObjectMetadata?>(StringComparer.Ordinal);
        var bodies = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        List<string> wanted;
        lock (gate)
        {
            wanted = Wanted(prefix, objects, prefixes);
        }

        foreach (var key in wanted)
        {
            var head = await store.HeadObjectAsync(new HeadObjectRequest { Key = key }, cancellationToken).ConfigureAwait(false);
            var found = head.Status == ObjectReadStatus.Found ? head.Object : null;
            heads[key] = found;
            if (found is not null && key[^1] != '/' && EntryImport.IsSymbolicLink(found))
            {
                bodies[key] = await BucketVersion.ReadVersionAsync(store, key, found.VersionId, cancellationToken).ConfigureAwait(false);
            }
        }

        return new Fetched(objects, prefixes, heads, bodies);
    }

    /// <summary>The keys whose metadata the listing needs: markers of valid directory names, then objects the directory will show (not the base of a pending move, a valid name, no directory of that name).</summary>
    private List<string> Wanted(string prefix, List<ObjectSummary> objects, List<string> prefixes)
    {
        var wanted = new List<string>();
        var directories = new HashSet<string>(StringComparer.Ordinal);
        foreach (var commonPrefix in prefixes)
        {
            var name = ObjectKeys.ChildName(prefix, commonPrefix);
            if (ImportedKeys.IsValidName(name))
            {
                directories.Add(name);
                if (!pendingMoves.IsPendingMove(commonPrefix))
                {
                    wanted.Add(commonPrefix);
                }
            }
        }

        foreach (var summary in objects)
        {
            var name = ObjectKeys.ChildName(prefix, summary.Key);
            if (summary.Key.Length != prefix.Length && !pendingMoves.IsPendingMove(summary.Key) && ImportedKeys.IsValidName(name) && !directories.Contains(name))
            {
                wanted.Add(summary.Key);
            }
        }

        return wanted;
    }

    /// <summary>Adds the listed entries to the directory and marks it listed, unless it was removed or renamed meanwhile.</summary>
    private void Commit(Listing listing, Fetched fetched)
    {
        var directory = listing.Directory;
        var prefix = listing.Prefix;
        if (directory.Removed || directory.DirectoryAsIs.Listed || ns.ObjectKeyOf(directory) != prefix)
        {
            return;
        }

        var content = directory.DirectoryAsIs;
        var directories = new HashSet<string>(fetched.Prefixes.Count, StringComparer.Ordinal);
        foreach (var commonPrefix in fetched.Prefixes)
        {
            var name = ObjectKeys.ChildName(prefix, commonPrefix);
            if (!ImportedKeys.IsValidName(name))
            {
                statistics.Reject(commonPrefix, ImportRejection.UnmappableKey);
                continue;
            }

            directories.Add(name);
            if (content.Find(name) is null)
            {
                var marker = pendingMoves.IsPendingMove(commonPrefix) ? null : fetched.Heads.GetValueOrDefault(commonPrefix);
                entryImport.AddDirectory(directory, name, commonPrefix, marker, announce: false);
            }
        }

        foreach (var summary in fetched.Objects)
        {
            // The base object of an entry renamed or removed on the file system and not yet exported belongs to that
            // entry (as for events): importing it would give one key two entries.
            if (summary.Key.Length == prefix.Length || pendingMoves.IsPendingMove(summary.Key))
            {
                continue;
            }

            var name = ObjectKeys.ChildName(prefix, summary.Key);
            if (!ImportedKeys.IsValidName(name) || directories.Contains(name))
            {
                statistics.Reject(summary.Key, directories.Contains(name) ? ImportRejection.NameClash : ImportRejection.UnmappableKey);
                continue;
            }

            if (content.Find(name) is null && fetched.Heads.GetValueOrDefault(summary.Key) is { } head)
            {
                entryImport.AddObject(directory, name, summary.Key, head, fetched.Bodies.GetValueOrDefault(summary.Key), announce: false);
            }
        }

        content.Listed = true;
    }

    /// <summary>What a listing read from the bucket.</summary>
    private sealed record Fetched(List<ObjectSummary> Objects, List<string> Prefixes, Dictionary<string, ObjectMetadata?> Heads, Dictionary<string, byte[]> Bodies);

    /// <summary>One first listing in progress, shared by every caller waiting for it.</summary>
    private sealed class Listing(Inode directory, string prefix)
    {
        private readonly CancellationTokenSource _cancellation = new();

        public Inode Directory { get; } = directory;

        public string Prefix { get; } = prefix;

        public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Waiters { get; set; }

        public bool IsCancellationRequested => _cancellation.IsCancellationRequested;

        public CancellationToken Token => _cancellation.Token;

        public void Cancel() => _cancellation.Cancel();
    }
}
