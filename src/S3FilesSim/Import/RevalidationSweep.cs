using S3FilesSim.Export;
using S3FilesSim.Namespace;
using S3FilesSim.ObjectStorage;
using S3FilesSim.Time;

namespace S3FilesSim.Import;

/// <summary>
/// The revalidation sweep (<see cref="ImportOptions.RevalidationInterval"/>): every accessed directory is listed again and
/// each key whose listed ETag differs from its entry, each listed key without an entry, and each clean entry whose key
/// is no longer listed, is revalidated exactly as a bucket event for that key would be. It is how a file system recovers
/// from lost bucket events; it goes through the import pipeline, like events. Listings and reads are made outside the
/// file system's lock.
/// </summary>
/// <param name="gate">The file system's lock.</param>
/// <param name="ns">The namespace.</param>
/// <param name="store">The bucket.</param>
/// <param name="scheduler">The simulation's scheduler.</param>
/// <param name="options">The import options (the interval).</param>
/// <param name="pipeline">The import pipeline each directory's revalidation queues in.</param>
/// <param name="listing">Lists a directory again.</param>
/// <param name="revalidation">Revalidates one entry as its event would.</param>
/// <param name="statistics">Counts directories that could not be listed.</param>
internal sealed class RevalidationSweep(Lock gate, FileSystemNamespace ns, IObjectStore store, Scheduler scheduler, ImportOptions options, ImportPipeline pipeline, DirectoryListing listing, KeyRevalidation revalidation, ImportStatistics statistics)
{
    /// <summary>Starts the periodic revalidation when <see cref="ImportOptions.RevalidationInterval"/> is set.</summary>
    public void Start()
    {
        if (options.RevalidationInterval is { } interval)
        {
            scheduler.Schedule(interval, RevalidateAndRearm, "revalidation-sweep");
        }
    }

    private ValueTask RevalidateAndRearm(CancellationToken cancellationToken)
    {
        lock (gate)
        {
            var now = scheduler.Clock.GetUtcNow();
            foreach (var directory in AccessedDirectories())
            {
                pipeline.Enqueue(0, now, token => RevalidateDirectoryAsync(directory, token));
            }
        }

        Start();
        return ValueTask.CompletedTask;
    }

    private List<Inode> AccessedDirectories()
    {
        var accessed = new List<Inode>();
        var pending = new Stack<Inode>();
        pending.Push(ns.Root);
        while (pending.TryPop(out var directory))
        {
            if (!directory.DirectoryAsIs.Listed || ReferenceEquals(directory, ns.LostAndFound.Directory))
            {
                continue;
            }

            accessed.Add(directory);
            for (var child = directory.DirectoryAsIs.First; child is not null; child = child.NextSibling)
            {
                if (child.IsDirectory)
                {
                    pending.Push(child);
                }
            }
        }

        return accessed;
    }

    private async ValueTask RevalidateDirectoryAsync(Inode directory, CancellationToken cancellationToken)
    {
        string prefix;
        lock (gate)
        {
            if (directory.Removed || !directory.DirectoryAsIs.Listed)
            {
                return;
            }

            prefix = ns.ObjectKeyOf(directory);
        }

        try
        {
            var (objects, prefixes) = await listing.ListAsync(prefix, cancellationToken).ConfigureAwait(false);
            var reads = new BucketReads(store);
            var changed = new List<(string Name, string Key)>();
            for (var round = 0; ; round++)
            {
                BucketFetchRequiredException needed;
                lock (gate)
                {
                    if (directory.Removed || ns.ObjectKeyOf(directory) != prefix)
                    {
                        return;
                    }

                    try
                    {
                        changed = Changed(directory, prefix, objects, listing.AddDirectories(directory, prefix, prefixes, reads));
                        break;
                    }
                    catch (BucketFetchRequiredException e)
                    {
                        needed = e;
                    }
                }

                await needed.FetchAsync(cancellationToken).ConfigureAwait(false);
            }

            foreach (var (name, key) in changed)
            {
                await revalidation.RevalidateEntryAsync(directory, name, key, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (ObjectStoreException e)
        {
            statistics.Fail(prefix, e.ErrorCode);
        }
    }

    /// <summary>The entries of <paramref name="directory"/> the listing shows changed, new, or gone.</summary>
    private static List<(string Name, string Key)> Changed(Inode directory, string prefix, List<ObjectSummary> objects, HashSet<string> directories)
    {
        var changed = new List<(string Name, string Key)>();
        var listed = new HashSet<string>(objects.Count, StringComparer.Ordinal);
        foreach (var summary in objects)
        {
            var name = ObjectKeys.ChildName(prefix, summary.Key);
            if (name.Length == 0 || !ImportedKeys.IsValidName(name) || directories.Contains(name))
            {
                continue;
            }

            listed.Add(name);
            var existing = directory.DirectoryAsIs.Find(name);
            if (existing is null || (!existing.IsDirectory && existing.ETag != summary.ETag))
            {
                changed.Add((name, summary.Key));
            }
        }

        for (var child = directory.DirectoryAsIs.First; child is not null; child = child.NextSibling)
        {
            if (!child.IsDirectory && child.VersionId is not null && child.DirtySinceTicks == 0 && !listed.Contains(child.Name))
            {
                changed.Add((child.Name, ObjectKeys.ChildOf(prefix, child.Name, directory: false)));
            }
        }

        return changed;
    }
}
