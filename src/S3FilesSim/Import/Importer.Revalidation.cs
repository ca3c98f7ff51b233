using S3FilesSim.Namespace;
using S3FilesSim.ObjectStorage;

namespace S3FilesSim.Import;

/// <content>
/// Revalidation (<see cref="ImportOptions.RevalidationInterval"/>): every accessed directory is listed again and each key
/// whose listed ETag differs from its entry, each listed key without an entry, and each clean entry whose key is no
/// longer listed, is revalidated exactly as a bucket event for that key would be. It is how a file system recovers from
/// lost bucket events; it goes through the import pipeline, like events.
/// </content>
internal sealed partial class Importer
{
    /// <summary>Starts the periodic revalidation when <see cref="ImportOptions.RevalidationInterval"/> is set.</summary>
    public void StartRevalidation()
    {
        if (_options.RevalidationInterval is { } interval)
        {
            _scheduler.Schedule(interval, RevalidateAndRearm, "revalidation-sweep");
        }
    }

    private ValueTask RevalidateAndRearm(CancellationToken cancellationToken)
    {
        lock (_ns.Gate)
        {
            var now = _scheduler.Clock.GetUtcNow();
            foreach (var directory in AccessedDirectories())
            {
                Enqueue(0, now, () => RevalidateDirectoryCounted(directory));
            }
        }

        StartRevalidation();
        return ValueTask.CompletedTask;
    }

    private List<Inode> AccessedDirectories()
    {
        var accessed = new List<Inode>();
        var pending = new Stack<Inode>();
        pending.Push(_ns.Root);
        while (pending.TryPop(out var directory))
        {
            if (directory.DirectoryAsIs.Loader is not null || ReferenceEquals(directory, _export?.Conflicts.Directory))
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
        if (directory.Removed || directory.DirectoryAsIs.Loader is not null)
        {
            return;
        }

        var prefix = _ns.ObjectKeyOf(directory);
        try
        {
            RevalidateDirectory(directory, prefix);
        }
        catch (ObjectStoreException e)
        {
            Interlocked.Increment(ref _failures);
            Sync?.ImportFailure(prefix, e.ErrorCode);
        }
    }

    private void RevalidateDirectory(Inode directory, string prefix)
    {
        var (objects, prefixes) = ListDirectory(prefix);
        var directories = AddDirectories(directory, prefix, prefixes);
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
                Revalidate(directory, name, summary.Key, existing);
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
            Revalidate(directory, child.Name, prefix + child.Name, child);
        }
    }
}
