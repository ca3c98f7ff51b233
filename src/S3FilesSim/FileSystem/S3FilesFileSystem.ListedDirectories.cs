using S3FilesSim.Namespace;
using S3FilesSim.ObjectStorage;

namespace S3FilesSim.FileSystem;

/// <content>
/// What the file system holds of its bucket, for change sources outside the core: the directories it keeps in line with
/// the bucket through bucket events, and the entry and base ETag it holds for each key in them. A source that cannot be
/// told of changes (bounded polling of a real bucket) lists those directories and reports the differences as events.
/// </content>
public sealed partial class S3FilesFileSystem
{
    /// <summary>
    /// Returns the key prefixes of the directories whose entries the file system keeps in line with the bucket through
    /// bucket events: every directory it has listed from the bucket (on first access) or created, the root (the file
    /// system's prefix, <c>""</c> for a whole bucket) first, parents before children. Directories not yet accessed are
    /// left out: their first access lists the bucket anyway. Lost+found is left out (it is never exported).
    /// </summary>
    /// <returns>A snapshot: the prefixes, each ending with <c>/</c> except a root of <c>""</c>.</returns>
    /// <remarks>Takes the file system's lock for a walk of the directory tree (no bucket request).
    /// https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-synchronization.html</remarks>
    public IReadOnlyList<string> GetListedDirectoryPrefixes()
    {
        lock (Namespace.Gate)
        {
            var prefixes = new List<string>();
            var pending = new Queue<Inode>();
            pending.Enqueue(Namespace.Root);
            while (pending.TryDequeue(out var directory))
            {
                if (!directory.DirectoryAsIs.Listed || IsLostAndFound(directory))
                {
                    continue;
                }

                prefixes.Add(Namespace.ObjectKeyOf(directory));
                for (var child = directory.DirectoryAsIs.First; child is not null; child = child.NextSibling)
                {
                    if (child.IsDirectory)
                    {
                        pending.Enqueue(child);
                    }
                }
            }

            return prefixes;
        }
    }

    /// <summary>
    /// Returns what the file system holds in the listed directory whose key prefix is <paramref name="prefix"/>: one
    /// entry per child (key, whether it is a directory, and the ETag of the bucket object it was last imported from or
    /// exported to at that key), in the order ListObjectsV2 lists keys (UTF-8 bytes). The directory's own marker
    /// (<paramref name="prefix"/> itself) is included when the directory has one as its base.
    /// </summary>
    /// <param name="prefix">A prefix from <see cref="GetListedDirectoryPrefixes"/>.</param>
    /// <returns>The entries; <see langword="null"/> when no listed directory has that prefix (never accessed, removed, or not a directory).</returns>
    /// <remarks><see cref="ListedEntry.ETag"/> is <see langword="null"/> for an entry that has no object at its key: created
    /// and not yet exported, renamed there and not yet exported, or a FIFO or socket (never exported). Takes the file
    /// system's lock; no bucket request.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="prefix"/> is <see langword="null"/>.</exception>
    public IReadOnlyList<ListedEntry>? GetListedEntries(string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        lock (Namespace.Gate)
        {
            if (FindListedDirectory(prefix) is not { } directory)
            {
                return null;
            }

            var entries = new List<ListedEntry>(directory.DirectoryAsIs.Count + 1);
            if (prefix.Length > Namespace.Prefix.Length && BaseETagAtOwnKey(directory) is { } marker)
            {
                entries.Add(new ListedEntry(prefix, IsDirectory: true, marker));
            }

            for (var child = directory.DirectoryAsIs.First; child is not null; child = child.NextSibling)
            {
                if (!IsLostAndFound(child))
                {
                    entries.Add(new ListedEntry(prefix + child.Name + (child.IsDirectory ? "/" : string.Empty), child.IsDirectory, BaseETagAtOwnKey(child)));
                }
            }

            entries.Sort((left, right) => KeyOrder.CompareKeys(left.Key, right.Key));
            return entries;
        }
    }

    private static ETag? BaseETagAtOwnKey(Inode inode) =>
        inode.ETag is { } etag && S3FilesSim.Export.ExportEntries.Of(inode)?.BaseKey is null ? etag : null;

    private bool IsLostAndFound(Inode directory) => ReferenceEquals(directory, Namespace.LostAndFound.Directory);

    private Inode? FindListedDirectory(string prefix)
    {
        if (!prefix.StartsWith(Namespace.Prefix, StringComparison.Ordinal) || (prefix.Length > Namespace.Prefix.Length && prefix[^1] != '/'))
        {
            return null;
        }

        var directory = Namespace.Root;
        var relative = prefix[Namespace.Prefix.Length..];
        foreach (var name in relative.Length == 0 ? [] : relative[..^1].Split('/'))
        {
            if (!directory.DirectoryAsIs.Listed || directory.DirectoryAsIs.Find(name) is not { IsDirectory: true } child)
            {
                return null;
            }

            directory = child;
        }

        return directory.DirectoryAsIs.Listed && !IsLostAndFound(directory) ? directory : null;
    }
}

/// <summary>One entry the file system holds in a listed directory, as <see cref="S3FilesFileSystem.GetListedEntries"/> reports it.</summary>
/// <param name="Key">The entry's object key (a directory's ends with <c>/</c>).</param>
/// <param name="IsDirectory">Whether the entry is a directory.</param>
/// <param name="ETag">The ETag of the bucket object the entry was last imported from or exported to at <paramref name="Key"/>; <see langword="null"/> when it has none there.</param>
public readonly record struct ListedEntry(string Key, bool IsDirectory, ETag? ETag);
