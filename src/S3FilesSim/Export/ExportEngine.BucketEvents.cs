using S3FilesSim.Namespace;

namespace S3FilesSim.Export;

/// <content>What the importer asks before applying a bucket event.</content>
internal sealed partial class ExportEngine
{
    /// <summary>Returns whether <paramref name="key"/> is the base of an entry renamed or removed on the file system and not yet exported; export-time checks own such keys.</summary>
    public bool HasPendingMoveLocked(string key) => _baseKeyOwners.ContainsKey(key);

    /// <summary>Gets the key of the base object of <paramref name="inode"/>: where it was before a rename not yet exported, else its own key.</summary>
    public string BaseKeyLocked(Inode inode) =>
        inode.ExportState?.BaseKey is { } key ? key : ObjectKeys.Of(_ns.Prefix, inode);

    /// <summary>Gets the keys that are the base objects of entries renamed or removed on the file system and not yet exported (hidden from imports).</summary>
    public IReadOnlyCollection<string> PendingMoveKeysLocked() => [.. _baseKeyOwners.Keys];
}
