using S3FilesSim.Conflicts;
using S3FilesSim.Import;
using S3FilesSim.Namespace;
using S3FilesSim.ObjectStorage;

namespace S3FilesSim.Export;

/// <content>What the importer asks before applying a bucket event.</content>
internal sealed partial class ExportEngine
{
    /// <summary>Gets or sets the importer's revalidation of a key, run for the old key of a rename once exported when a newer version was written there through S3.</summary>
    public Action<string>? RevalidateKeyLocked { get; set; }

    /// <summary>Returns whether <paramref name="key"/> is the base of an entry renamed or removed on the file system and not yet exported; export-time checks own such keys.</summary>
    public bool HasPendingMoveLocked(string key) => _baseKeyOwners.ContainsKey(key);

    /// <summary>Returns whether <paramref name="inode"/> has a change not yet exported (its own, or a move of its key with a renamed parent).</summary>
    public bool HasUnexportedChangeLocked(Inode inode) => inode.ExportState is { FirstChangeTicks: not 0 };

    /// <summary>Gets the key of the base object of <paramref name="inode"/>: where it was before a rename not yet exported, else its own key.</summary>
    public string BaseKeyLocked(Inode inode) =>
        inode.ExportState?.BaseKey is { } key ? key : ObjectKeys.Of(_ns.Prefix, inode);

    /// <summary>Gets the keys that are the base objects of entries renamed or removed on the file system and not yet exported (hidden from imports).</summary>
    public IReadOnlyCollection<string> PendingMoveKeysLocked() => [.. _baseKeyOwners.Keys];

    /// <summary>
    /// A key below the name of <paramref name="inode"/> (a file or symbolic link) appeared in the bucket, so the bucket
    /// holds a directory there and the directory wins over the object of the same name: an entry with unexported
    /// changes moves to lost+found, a clean one is removed; its own object stays in the bucket, not imported. The old key
    /// of a rename not yet exported is released now (the file system no longer has that name).
    /// </summary>
    /// <exception cref="ObjectStoreException">Reading or deleting the old key failed.</exception>
    public void YieldToDirectoryLocked(Inode inode)
    {
        if (ConflictKeyLocked(inode) is null && inode.VersionId is not null)
        {
            _ns.RemoveImported(inode);
            return;
        }

        Conflicts.Router?.MakeResidentOrThrowStoreError(inode);
        var path = _ns.PathOf(inode);
        var ownKey = ObjectKeys.Of(_ns.Prefix, inode);
        var changedOldKey = ReleaseOldKeyLocked(inode);
        _muted = true;
        try
        {
            Conflicts.MoveToLostAndFoundLocked(inode, path, ownKey + "/");
            ReportLostAndFoundMove(path, ownKey + "/", inode);
            Drop(inode);
        }
        finally
        {
            _muted = false;
        }

        RevalidateOldKeyLocked(changedOldKey);
    }

    /// <summary>
    /// A bucket event for <paramref name="key"/>, the key an entry renamed on the file system (and not yet exported) now
    /// maps to, shows an object the entry is not based on: the bucket wins at once, the entry moves to lost+found, the
    /// object takes the path, and the rename's old key is released.
    /// </summary>
    /// <exception cref="ObjectStoreException">Reading or deleting the old key failed.</exception>
    public void ResolveNewKeyConflictLocked(Inode inode, string key, BucketVersion latest)
    {
        if (inode.ExportState is not { } entry)
        {
            return;
        }

        Conflicts.Router?.MakeResidentOrThrowStoreError(inode);
        var changedOldKey = ReleaseOldKeyLocked(inode);
        BucketWinsLocked(entry, key, latest);
        RevalidateOldKeyLocked(changedOldKey);
    }

    /// <summary>Releases the old key of an entry's pending rename (see <see cref="ReleaseOldKeyAsync"/>); null when there is none or it was deleted.</summary>
    private BucketVersion? ReleaseOldKeyLocked(Inode inode) =>
        inode.ExportState?.BaseKey is { } oldKey && oldKey != ObjectKeys.Of(_ns.Prefix, inode) && inode.ETag is { } baseETag
            ? StoreCall.Complete(ReleaseOldKeyAsync(oldKey, ETag.Parse(baseETag), CancellationToken.None))
            : null;
}
