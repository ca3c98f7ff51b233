using S3FilesSim.Namespace;

namespace S3FilesSim.Export;

/// <summary>
/// Rename tracking: the base keys of pending moves. When an entry that has a base object in the bucket is renamed or
/// removed, the key its base object lives at (its base key) is remembered until the export moves or deletes that
/// object; <see cref="IPendingMoves"/> answers the import side from it. A key has at most one owner.
/// </summary>
/// <remarks>Guarded by the file system's lock.</remarks>
/// <param name="keys">The file system's keys.</param>
internal sealed class RenameTracking(ObjectKeys keys) : IPendingMoves
{
    private readonly Dictionary<string, ExportEntry> _owners = new(StringComparer.Ordinal);

    /// <summary>Gets the keys that are the base objects of entries renamed or removed and not yet exported.</summary>
    public IReadOnlyCollection<string> PendingMoveKeys => [.. _owners.Keys];

    /// <inheritdoc />
    public bool IsPendingMove(string key) => _owners.ContainsKey(key);

    /// <inheritdoc />
    public string BaseKeyOf(Inode inode) =>
        (inode.SyncState as ExportEntry)?.BaseKey is { } key ? key : keys.Of(inode);

    /// <inheritdoc />
    public bool HasUnexportedChange(Inode inode) => inode.SyncState is ExportEntry { FirstChangeTicks: not 0 };

    /// <inheritdoc />
    public string? ConflictKeyOf(Inode inode) =>
        inode.SyncState is ExportEntry { FirstChangeTicks: not 0 } entry && !inode.IsDirectory ? entry.BaseKey ?? keys.Of(inode) : null;

    /// <summary>Returns the entry whose base object lives at <paramref name="key"/>, if any.</summary>
    public bool TryGetOwner(string key, out ExportEntry owner) => _owners.TryGetValue(key, out owner!);

    /// <summary>Makes <paramref name="key"/> the base key of <paramref name="entry"/> (<see langword="null"/>: its base is at its own key again).</summary>
    public void SetBaseKey(ExportEntry entry, string? key)
    {
        if (entry.BaseKey is { } old && _owners.TryGetValue(old, out var owner) && ReferenceEquals(owner, entry))
        {
            _owners.Remove(old);
        }

        entry.BaseKey = key;
        if (key is not null)
        {
            _owners[key] = entry;
        }
    }
}
