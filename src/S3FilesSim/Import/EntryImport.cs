using System.Text;
using S3FilesSim.Export;
using S3FilesSim.FileSystem;
using S3FilesSim.HotTier;
using S3FilesSim.Namespace;
using S3FilesSim.ObjectStorage;
using S3FilesSim.Telemetry;

namespace S3FilesSim.Import;

/// <summary>
/// Turns bucket objects into entries, for the first listing of a directory, bucket events and revalidation: a common
/// prefix becomes a directory (with its marker's attributes), an object a file or symbolic link with the POSIX
/// metadata it carries, not resident until its data is imported. Called with the file system's lock held.
/// </summary>
/// <remarks>https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-posix-permissions.html</remarks>
/// <param name="ns">The namespace.</param>
/// <param name="store">The bucket.</param>
/// <param name="pendingMoves">Keys that belong to renames and removals not yet exported.</param>
/// <param name="dataImport">Imports the data the rules select on a directory's first access.</param>
/// <param name="settings">The import rules.</param>
/// <param name="statistics">Counts objects that cannot be imported.</param>
/// <param name="sync">The reporter of imports.</param>
internal sealed class EntryImport(FileSystemNamespace ns, IObjectStore store, IPendingMoves pendingMoves, DataImport dataImport, SynchronizationSettings settings, ImportStatistics statistics, SyncReporter sync)
{
    /// <summary>Adds the directory <paramref name="name"/> (common prefix <paramref name="markerKey"/>) to <paramref name="parent"/>, with its marker's attributes when it has one; it is listed on its first access.</summary>
    /// <param name="parent">The directory it goes in.</param>
    /// <param name="name">Its name.</param>
    /// <param name="markerKey">Its key (the common prefix, and its marker's key).</param>
    /// <param name="announce">Whether the change feed hears of it: a bucket change new to the file system, not a first listing.</param>
    /// <returns>The directory.</returns>
    public Inode AddDirectory(Inode parent, string name, string markerKey, bool announce)
    {
        // A marker that is the base of a directory removed or renamed on the file system and not yet exported belongs to
        // that directory, not to this one: it is about to be deleted.
        var marker = pendingMoves.IsPendingMove(markerKey) ? null : StoreCall.Head(store, markerKey);
        var inode = ns.AddImported(parent, name, FileType.Directory, FileSystemNamespace.DefaultDirectoryMode, 0, 0, announce: announce);
        if (marker is not null)
        {
            ImportedKeys.ApplyAttributes(inode, marker);
        }

        sync.Imported(ns.PathOf(inode), markerKey, marker?.VersionId.Value, 0, dataImported: false);
        return inode;
    }

    /// <summary>Adds the object <paramref name="key"/> to <paramref name="parent"/> as <paramref name="name"/>: metadata only, its data queued for import when the rules select it on first access.</summary>
    /// <param name="parent">The directory it goes in.</param>
    /// <param name="name">Its name.</param>
    /// <param name="key">Its key.</param>
    /// <param name="announce">Whether the change feed hears of it: a bucket change new to the file system, not a first listing.</param>
    /// <exception cref="ObjectStoreException">Reading the object failed.</exception>
    public void AddObject(Inode parent, string name, string key, bool announce)
    {
        var head = StoreCall.Head(store, key);
        if (head is null)
        {
            return;
        }

        var (type, mode) = ImportedKeys.TypeAndMode(head.Metadata, directory: false);
        Inode inode;
        if (type == FileType.SymbolicLink)
        {
            var target = Encoding.UTF8.GetString(StoreCall.ReadVersion(store, key, head.VersionId));
            if (target.Length == 0 || target.Contains('\0', StringComparison.Ordinal))
            {
                statistics.Reject(key, ImportRejection.InvalidSymbolicLinkTarget);
                return;
            }

            inode = ns.AddImported(parent, name, type, mode, 0, 0, target, announce);
        }
        else
        {
            inode = ns.AddImported(parent, name, type, mode, 0, 0, announce: announce);
            inode.Size = head.ContentLength;
            inode.Resident = head.ContentLength == 0;
        }

        ImportedKeys.ApplyAttributes(inode, head);
        inode.LastAccessNs = ns.NowNs;
        sync.Imported(ns.PathOf(inode), key, head.VersionId.Value, head.ContentLength, dataImported: false);
        if (!inode.Resident && !head.IsArchived && settings.RuleFor(key) is { Trigger: ImportTrigger.OnDirectoryFirstAccess } rule && head.ContentLength < rule.SizeLessThan)
        {
            dataImport.Enqueue(inode);
        }
    }

    /// <summary>Brings a clean entry of the same type up to <paramref name="latest"/>: its attributes, and its data when resident (a symbolic link's target always).</summary>
    /// <exception cref="ObjectStoreException">Reading the new version failed; the entry is unchanged.</exception>
    public void Refresh(Inode inode, string key, ObjectMetadata latest)
    {
        // Read first: a failed read leaves the entry as it was (its old version), so the next event or revalidation retries.
        var data = inode.Type == FileType.SymbolicLink || (inode.Resident && !latest.IsArchived) ? StoreCall.ReadVersion(store, key, latest.VersionId) : null;
        ImportedKeys.ApplyAttributes(inode, latest);
        if (inode.Type == FileType.SymbolicLink)
        {
            inode.Content = Encoding.UTF8.GetString(data!);
            inode.Size = Encoding.UTF8.GetByteCount(inode.LinkTarget);
        }
        else if (data is not null)
        {
            dataImport.Store(inode, data);
        }
        else
        {
            ChunkStore.Release(ref inode.Content, ns.Storage);
            inode.Resident = false;
            inode.Size = latest.ContentLength;
        }

        ns.ImportedChanged(inode, FileSystemChangeKind.DataChanged);
    }
}
