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
/// metadata it carries, not resident until its data is imported. Called with the file system's lock held, with what
/// was read from the bucket outside it (directly, or through the operation's <see cref="BucketReads"/>).
/// </summary>
/// <remarks>https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-posix-permissions.html</remarks>
/// <param name="ns">The namespace.</param>
/// <param name="pendingMoves">Keys that belong to renames and removals not yet exported.</param>
/// <param name="dataImport">Imports the data the rules select on a directory's first access.</param>
/// <param name="settings">The import rules.</param>
/// <param name="statistics">Counts objects that cannot be imported.</param>
/// <param name="sync">The reporter of imports.</param>
internal sealed class EntryImport(FileSystemNamespace ns, IPendingMoves pendingMoves, DataImport dataImport, SynchronizationSettings settings, ImportStatistics statistics, SyncReporter sync)
{
    /// <summary>Returns whether an object with this metadata is a symbolic link (its body is its target).</summary>
    public static bool IsSymbolicLink(ObjectMetadata head) => ImportedKeys.TypeAndMode(head.Metadata, directory: false).Type == FileType.SymbolicLink;

    /// <summary>Adds the directory <paramref name="name"/> (common prefix <paramref name="markerKey"/>), reading its marker through <paramref name="reads"/>.</summary>
    /// <exception cref="BucketFetchRequiredException">The marker was not read yet; nothing changed.</exception>
    /// <exception cref="ObjectStoreException">Reading the marker failed; nothing changed.</exception>
    public Inode AddDirectory(Inode parent, string name, string markerKey, bool announce, BucketReads reads) =>
        AddDirectory(parent, name, markerKey, pendingMoves.IsPendingMove(markerKey) ? null : reads.Head(markerKey), announce);

    /// <summary>Adds the directory <paramref name="name"/> (common prefix <paramref name="markerKey"/>) to <paramref name="parent"/>, with its marker's attributes when it has one; it is listed on its first access.</summary>
    /// <param name="parent">The directory it goes in.</param>
    /// <param name="name">Its name.</param>
    /// <param name="markerKey">Its key (the common prefix, and its marker's key).</param>
    /// <param name="marker">Its marker's metadata, or <see langword="null"/> when it has none (or the marker is the base of a pending move: it belongs to that entry).</param>
    /// <param name="announce">Whether the change feed hears of it: a bucket change new to the file system, not a first listing.</param>
    /// <returns>The directory.</returns>
    public Inode AddDirectory(Inode parent, string name, string markerKey, ObjectMetadata? marker, bool announce)
    {
        var inode = ns.AddImported(parent, name, FileType.Directory, FileSystemNamespace.DefaultDirectoryMode, 0, 0, announce: announce);
        if (marker is not null)
        {
            ImportedKeys.ApplyAttributes(inode, marker);
        }

        sync.Imported(ns.PathOf(inode), markerKey, marker?.VersionId.Value, 0, dataImported: false);
        return inode;
    }

    /// <summary>Adds the object <paramref name="key"/> as <paramref name="name"/>, reading it through <paramref name="reads"/>; nothing when it is gone.</summary>
    /// <exception cref="BucketFetchRequiredException">The object was not read yet; nothing changed.</exception>
    /// <exception cref="ObjectStoreException">Reading the object failed; nothing changed.</exception>
    public void AddObject(Inode parent, string name, string key, bool announce, BucketReads reads)
    {
        if (reads.Head(key) is { } head)
        {
            AddObject(parent, name, key, head, IsSymbolicLink(head) ? reads.Version(key, head.VersionId) : null, announce);
        }
    }

    /// <summary>Adds the object <paramref name="key"/> to <paramref name="parent"/> as <paramref name="name"/>: metadata only, its data queued for import when the rules select it on first access.</summary>
    /// <param name="parent">The directory it goes in.</param>
    /// <param name="name">Its name.</param>
    /// <param name="key">Its key.</param>
    /// <param name="head">Its metadata.</param>
    /// <param name="body">Its bytes when it is a symbolic link (its target), else <see langword="null"/>.</param>
    /// <param name="announce">Whether the change feed hears of it: a bucket change new to the file system, not a first listing.</param>
    public void AddObject(Inode parent, string name, string key, ObjectMetadata head, byte[]? body, bool announce)
    {
        var (type, mode) = ImportedKeys.TypeAndMode(head.Metadata, directory: false);
        Inode inode;
        if (type == FileType.SymbolicLink)
        {
            var target = Encoding.UTF8.GetString(body!);
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

    /// <summary>Returns whether refreshing an entry to <paramref name="latest"/> reads its bytes: a symbolic link's target always, a resident file's data unless archived.</summary>
    public static bool RefreshReadsData(Inode inode, ObjectMetadata latest) =>
        inode.Type == FileType.SymbolicLink || (inode.Resident && !latest.IsArchived);

    /// <summary>Brings a clean entry of the same type up to <paramref name="latest"/>: its attributes, and its data when resident (a symbolic link's target always).</summary>
    /// <exception cref="BucketFetchRequiredException">The new version was not read yet; nothing changed.</exception>
    /// <exception cref="ObjectStoreException">Reading the new version failed; the entry is unchanged.</exception>
    public void Refresh(Inode inode, string key, ObjectMetadata latest, BucketReads reads)
    {
        // Read first: a failed read leaves the entry as it was (its old version), so the next event or revalidation retries.
        var data = RefreshReadsData(inode, latest) ? reads.Version(key, latest.VersionId) : null;
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
