using S3FilesSim.Export;
using S3FilesSim.FileSystem;
using S3FilesSim.Namespace;
using S3FilesSim.ObjectStorage;
using S3FilesSim.ReadPath;
using S3FilesSim.Telemetry;
using S3FilesSim.Time;

namespace S3FilesSim.Conflicts;

/// <summary>
/// "The bucket wins": moves the file-system side of a conflict into <c>/.s3files-lost+found-&lt;fs-id&gt;</c> and puts
/// the bucket's latest version at the original path
/// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-synchronization.html).
/// </summary>
/// <remarks>Every member runs with the file system's lock held, with the bucket reads of the caller's operation: what
/// is not read yet throws <see cref="BucketFetchRequiredException"/> before anything changed (the losing file's bytes
/// first), and the caller runs it again once read. Its changes reach no observer (they are not client changes to
/// export; the change feed hears of them). The keys whose entries must then be brought in line with the bucket are
/// added to the caller's list: the caller revalidates them.</remarks>
/// <param name="ns">The namespace.</param>
/// <param name="entries">The export state, dropped for the losing entry.</param>
/// <param name="renames">The base keys of pending moves.</param>
/// <param name="router">Copies the losing file's base bytes to the hot tier before it moves.</param>
/// <param name="random">The random source of lost+found names.</param>
/// <param name="sync">The reporter of conflicts and lost+found moves.</param>
internal sealed class ConflictResolver(FileSystemNamespace ns, ExportEntries entries, RenameTracking renames, ReadRouter router, DeterministicRandom random, SyncReporter sync)
{
    private const int MaxKeptNameLength = 100;
    private const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private LostAndFound LostAndFound => ns.LostAndFound;

    /// <summary>The conflict check of a bucket event for <paramref name="inode"/>: the bucket wins if <paramref name="latest"/> (the object at
    /// <paramref name="key"/>, the entry's <see cref="IPendingMoves.ConflictKeyOf"/>) differs from the base and the entry still has unexported changes on that key.</summary>
    /// <returns><see langword="true"/> when a conflict was found and resolved.</returns>
    /// <exception cref="ObjectStoreException">Reading the losing file's bytes failed; nothing changed.</exception>
    public bool ResolveBucketChange(Inode inode, string key, BucketVersion? latest, List<string> revalidate)
    {
        if (renames.ConflictKeyOf(inode) != key || latest?.Head.ETag == inode.ETag)
        {
            return false;
        }

        BucketWins(ExportEntries.Of(inode)!, key, latest, revalidate);
        return true;
    }

    /// <summary>
    /// The bucket wins over <paramref name="entry"/>: a removed entry is forgotten; a present one moves to lost+found
    /// and, when <paramref name="key"/> is its own key and holds <paramref name="latest"/>, the bucket's version takes
    /// its path. Otherwise (a rename not yet exported) the bucket's version comes back at the key's own path, and the
    /// path the losing entry left shows whatever the bucket holds at its own key: both keys go to <paramref name="revalidate"/>.
    /// </summary>
    /// <exception cref="ObjectStoreException">Reading the losing file's bytes failed; nothing changed.</exception>
    public void BucketWins(ExportEntry entry, string key, BucketVersion? latest, List<string> revalidate)
    {
        var inode = entry.Inode;
        if (!inode.Removed)
        {
            // Its bytes first: a failed read throws here, before anything changed, and the caller retries.
            router.MakeResidentOrThrowStoreError(inode);
        }

        entry.InProgress = false;
        sync.Conflict(PathOfKey(key), key, inode.VersionId?.Value, latest?.Head.VersionId.Value);
        var ownKey = inode.Removed ? null : ns.Keys.Of(inode);
        if (inode.Removed)
        {
            inode.VersionId = null;
            entries.Drop(inode);
        }
        else
        {
            var originalParent = inode.Parent!;
            var originalName = inode.Name;
            var originalPath = ns.PathOf(inode);
            MoveToLostAndFound(inode, originalPath, latest is null ? null : key);
            entries.Drop(inode);
            if (latest is not null && key == ownKey)
            {
                Import(originalParent, originalName, latest);
            }
        }

        if (latest is not null && key != ownKey)
        {
            revalidate.Add(key);
        }

        if (ownKey is not null && key != ownKey)
        {
            revalidate.Add(ownKey);
        }
    }

    /// <summary>
    /// A key below the name of <paramref name="inode"/> (a file or symbolic link) appeared in the bucket, so the bucket
    /// holds a directory there and the directory wins over the object of the same name: an entry with unexported
    /// changes moves to lost+found, a clean one is removed; its own object stays in the bucket, not imported. The old key
    /// of a rename not yet exported is released now (the file system no longer has that name).
    /// </summary>
    /// <exception cref="ObjectStoreException">Reading the bytes, or reading or deleting the old key, failed; nothing changed.</exception>
    public void YieldToDirectory(Inode inode, List<string> revalidate, BucketReads reads)
    {
        if (renames.ConflictKeyOf(inode) is null && inode.VersionId is not null)
        {
            ns.RemoveImported(inode);
            return;
        }

        router.MakeResidentOrThrowStoreError(inode);
        var changedOldKey = ReleaseOldKey(inode, reads);
        var path = ns.PathOf(inode);
        var ownKey = ns.Keys.Of(inode);
        MoveToLostAndFound(inode, path, ownKey + "/");
        entries.Drop(inode);
        if (changedOldKey is not null)
        {
            revalidate.Add(changedOldKey.Key);
        }
    }

    /// <summary>
    /// A bucket event for <paramref name="key"/>, the key an entry renamed on the file system (and not yet exported) now
    /// maps to, shows an object the entry is not based on: the bucket wins at once, the entry moves to lost+found, the
    /// object takes the path, and the rename's old key is released.
    /// </summary>
    /// <exception cref="ObjectStoreException">Reading the bytes, or reading or deleting the old key, failed; nothing changed.</exception>
    public void ResolveNewKeyConflict(Inode inode, string key, BucketVersion latest, List<string> revalidate, BucketReads reads)
    {
        if (ExportEntries.Of(inode) is not { } entry)
        {
            return;
        }

        router.MakeResidentOrThrowStoreError(inode);
        var changedOldKey = ReleaseOldKey(inode, reads);
        BucketWins(entry, key, latest, revalidate);
        if (changedOldKey is not null)
        {
            revalidate.Add(changedOldKey.Key);
        }
    }

    /// <summary>Releases the old key of an entry's pending rename (see <see cref="BucketVersion.ReleaseOldKeyAsync"/>); null when there is none or it was deleted.</summary>
    private BucketVersion? ReleaseOldKey(Inode inode, BucketReads reads) =>
        ExportEntries.Of(inode)?.BaseKey is { } oldKey && oldKey != ns.Keys.Of(inode) && inode.ETag is { } baseETag
            ? reads.ReleaseOldKey(oldKey, baseETag)
            : null;

    /// <summary>Moves <paramref name="inode"/> to lost+found as <c>&lt;10 hex&gt;_&lt;name&gt;</c>, keeping its owner and mode, and records where it came from.</summary>
    /// <param name="inode">The losing file.</param>
    /// <param name="originalPath">Its path before the conflict.</param>
    /// <param name="key">The key of the bucket object that won, or <see langword="null"/> when the object was deleted.</param>
    /// <exception cref="ObjectStoreException">The file's bytes could not be read from its base version; nothing changed.</exception>
    private void MoveToLostAndFound(Inode inode, string originalPath, string? key)
    {
        // The losing file keeps its bytes: once in lost+found it is linked to no object version any more. A failed read
        // throws before anything moved, so the export or event that found the conflict is retried.
        router.MakeResidentOrThrowStoreError(inode);
        var directory = EnsureDirectory();
        var name = inode.Name.Length > MaxKeptNameLength ? inode.Name[..MaxKeptNameLength] : inode.Name;
        string lostName;
        do
        {
            lostName = random.NextHex(10) + "_" + name;
        }
        while (directory.DirectoryAsIs.Find(lostName) is not null);

        ns.Move(NullNamespaceObserver.Instance, inode, directory, lostName, victim: null, FileSystemChangeSource.Import);
        inode.VersionId = null;
        inode.ETag = null;
        inode.DirtySinceTicks = 0;
        LostAndFound.Add(inode, originalPath, key);
        sync.LostAndFoundMove(originalPath, key, ns.PathOf(inode));
    }

    /// <summary>Creates the entry <paramref name="name"/> in <paramref name="parent"/> from a bucket version (bytes and POSIX metadata), in sync with it.</summary>
    private void Import(Inode parent, string name, BucketVersion version)
    {
        var metadata = version.Head.Metadata;
        var (type, mode) = PosixObjectMetadata.ParsePermissions(metadata);
        var uid = PosixObjectMetadata.ParseId(metadata, PosixObjectMetadata.Owner);
        var gid = PosixObjectMetadata.ParseId(metadata, PosixObjectMetadata.Group);
        var linkTarget = type == FileType.SymbolicLink ? System.Text.Encoding.UTF8.GetString(version.Body) : null;
        var inode = ns.Create(NullNamespaceObserver.Instance, parent, name, type, mode, uid, gid, linkTarget, FileSystemChangeSource.Import);
        if (type == FileType.RegularFile)
        {
            ns.WriteData(inode, 0, version.Body);
        }

        var lastModifiedNs = Timespec.FromDateTimeOffset(version.Head.LastModified).TotalNanoseconds;
        inode.ModificationTimeNs = PosixObjectMetadata.ParseTime(metadata, PosixObjectMetadata.ModificationTime, lastModifiedNs);
        inode.BirthTimeNs = PosixObjectMetadata.ParseTime(metadata, PosixObjectMetadata.BirthTime, lastModifiedNs);
        inode.VersionId = version.Head.VersionId;
        inode.ETag = version.Head.ETag;
        inode.DirtySinceTicks = 0;
    }

    private Inode EnsureDirectory()
    {
        if (LostAndFound.Directory is { Removed: false } existing)
        {
            return existing;
        }

        var directory = ns.Root.Directory.Find(LostAndFound.DirectoryName)
            ?? ns.Create(NullNamespaceObserver.Instance, ns.Root, LostAndFound.DirectoryName, FileType.Directory, DirectoryMode, 0, 0, source: FileSystemChangeSource.Import);
        directory.DirectoryAsIs.Listed = true;
        directory.DirtySinceTicks = 0;
        LostAndFound.Directory = directory;
        return directory;
    }

    private string PathOfKey(string key) => ns.Keys.PathOf(key);
}
