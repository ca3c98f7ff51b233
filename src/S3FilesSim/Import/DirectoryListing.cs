using S3FilesSim.Export;
using S3FilesSim.FileSystem;
using S3FilesSim.Namespace;
using S3FilesSim.ObjectStorage;
using S3FilesSim.Telemetry;

namespace S3FilesSim.Import;

/// <summary>
/// Directory listing: a directory found in the bucket is listed (ListObjectsV2 with delimiter, every page) on its first
/// access, and every object and common prefix directly under it becomes an entry; later changes arrive as bucket events.
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
    /// <summary>Lists <paramref name="directory"/> from the bucket unless that was done already.</summary>
    /// <param name="directory">The directory, as a <see cref="DirectoryNotListedException"/> named it.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A task that completes when the directory is listed (or was removed meanwhile).</returns>
    /// <exception cref="FileSystemException"><see cref="Errno.EIO"/>: the bucket could not be listed; nothing changed.</exception>
    public ValueTask EnsureListedAsync(Inode directory, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (directory.Removed || directory.DirectoryAsIs.Listed)
            {
                return ValueTask.CompletedTask;
            }

            try
            {
                LoadFrom(directory, ns.ObjectKeyOf(directory));
                directory.DirectoryAsIs.Listed = true;
            }
            catch (ObjectStoreException)
            {
                throw FileSystemException.Create(Errno.EIO, "readdir", ns.PathOf(directory));
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Lists every object and common prefix directly under <paramref name="prefix"/>, all pages.</summary>
    /// <exception cref="ObjectStoreException">A page could not be listed.</exception>
    public (List<ObjectSummary> Objects, List<string> Prefixes) ListDirectory(string prefix)
    {
        var objects = new List<ObjectSummary>();
        var prefixes = new List<string>();
        string? token = null;
        do
        {
            var page = StoreCall.Complete(store.ListObjectsV2Async(new ListObjectsV2Request { Prefix = prefix, Delimiter = "/", ContinuationToken = token }));
            objects.AddRange(page.Contents);
            prefixes.AddRange(page.CommonPrefixes);
            token = page.IsTruncated ? page.NextContinuationToken : null;
        }
        while (token is not null);

        return (objects, prefixes);
    }

    /// <summary>Adds the listed subdirectories <paramref name="directory"/> lacks, and returns the names of all listed ones that map to POSIX names.</summary>
    /// <param name="directory">The directory listed.</param>
    /// <param name="prefix">Its key prefix.</param>
    /// <param name="prefixes">The common prefixes listed under it.</param>
    /// <param name="announce">Whether the change feed hears of the directories added (a revalidation, not a first listing).</param>
    /// <returns>The names of the listed subdirectories.</returns>
    public HashSet<string> AddDirectories(Inode directory, string prefix, List<string> prefixes, bool announce)
    {
        var directories = new HashSet<string>(prefixes.Count, StringComparer.Ordinal);
        foreach (var commonPrefix in prefixes)
        {
            var name = commonPrefix[prefix.Length..^1];
            if (!ImportedKeys.IsValidName(name))
            {
                statistics.Reject(commonPrefix, ImportRejection.UnmappableKey);
                continue;
            }

            directories.Add(name);
            if (directory.DirectoryAsIs.Find(name) is null)
            {
                entryImport.AddDirectory(directory, name, commonPrefix, announce);
            }
        }

        return directories;
    }

    private void LoadFrom(Inode directory, string prefix)
    {
        var (objects, prefixes) = ListDirectory(prefix);
        var directories = AddDirectories(directory, prefix, prefixes, announce: false);
        var content = directory.DirectoryAsIs;
        foreach (var summary in objects)
        {
            if (summary.Key.Length == prefix.Length)
            {
                continue;
            }

            // The base object of an entry renamed or removed on the file system and not yet exported belongs to that
            // entry (as for events): importing it would give one key two entries.
            if (pendingMoves.IsPendingMove(summary.Key))
            {
                continue;
            }

            var name = summary.Key[prefix.Length..];
            if (!ImportedKeys.IsValidName(name) || directories.Contains(name))
            {
                statistics.Reject(summary.Key, directories.Contains(name) ? ImportRejection.NameClash : ImportRejection.UnmappableKey);
                continue;
            }

            if (content.Find(name) is null)
            {
                entryImport.AddObject(directory, name, summary.Key, announce: false);
            }
        }
    }
}
