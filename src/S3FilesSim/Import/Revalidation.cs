using S3FilesSim.Namespace;
using S3FilesSim.ObjectStorage;
using S3FilesSim.Time;

namespace S3FilesSim.Import;

/// <summary>
/// Revalidation (<see cref="ImportOptions.RevalidationInterval"/>): every accessed directory is listed again and each key
/// whose listed ETag differs from its entry, each listed key without an entry, and each clean entry whose key is no
/// longer listed, is revalidated exactly as a bucket event for that key would be. It is how a file system recovers from
/// lost bucket events; it goes through the import pipeline, like events.
/// </summary>
/// <param name="gate">The file system's lock.</param>
/// <param name="ns">The namespace.</param>
/// <param name="scheduler">The simulation's scheduler.</param>
/// <param name="options">The import options (the interval).</param>
/// <param name="pipeline">The import pipeline each directory's revalidation queues in.</param>
/// <param name="listing">Lists a directory again.</param>
/// <param name="events">Revalidates one key as its event would.</param>
/// <param name="statistics">Counts directories that could not be listed.</param>
internal sealed class Revalidation(Lock gate, FileSystemNamespace ns, Scheduler scheduler, ImportOptions options, ImportPipeline pipeline, DirectoryListing listing, BucketEventHandler events, ImportStatistics statistics)
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
                pipeline.Enqueue(0, now, _ =>
                {
                    lock (gate)
                    {
                        RevalidateDirectoryCounted(directory);
                    }

                    return ValueTask.CompletedTask;
                });
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

    private void RevalidateDirectoryCounted(Inode directory)
    {
        if (directory.Removed || !directory.DirectoryAsIs.Listed)
        {
            return;
        }

        var prefix = ns.ObjectKeyOf(directory);
        try
        {
            RevalidateDirectory(directory, prefix);
        }
        catch (ObjectStoreException e)
        {
            statistics.Fail(prefix, e.ErrorCode);
        }
    }

    private void RevalidateDirectory(Inode directory, string prefix)
    {
        var (objects, prefixes) = listing.ListDirectory(prefix);
        var directories = listing.AddDirectories(directory, prefix, prefixes, announce: true);
        var listed = new HashSet<string>(objects.Count, StringComparer.Ordinal);
        foreach (var summary in objects)
        {
            var name = summary.Key[prefix.Length..];
            if (name.Length == 0 || !ImportedKeys.IsValidName(name) || directories.Contains(name))
            {
                continue;
            }

            listed.Add(name);
            var existing = directory.DirectoryAsIs.Find(name);
            if (existing is null || (!existing.IsDirectory && existing.ETag != summary.ETag.Value))
            {
                events.Revalidate(directory, name, summary.Key, existing);
            }
        }

        var gone = new List<Inode>();
        for (var child = directory.DirectoryAsIs.First; child is not null; child = child.NextSibling)
        {
            if (!child.IsDirectory && child.VersionId is not null && child.DirtySinceTicks == 0 && !listed.Contains(child.Name))
            {
                gone.Add(child);
            }
        }

        foreach (var child in gone)
        {
            events.Revalidate(directory, child.Name, prefix + child.Name, child);
        }
    }
}
