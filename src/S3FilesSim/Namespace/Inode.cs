using S3FilesSim.FileSystem;
using S3FilesSim.ObjectStorage;

namespace S3FilesSim.Namespace;

/// <summary>
/// One file, directory or symbolic link of a file system: POSIX attributes, its place in the tree, its content and the
/// per-entry sync state the export and import engines use.
/// </summary>
/// <remarks>
/// Kept compact (about 170 bytes) so a million small files cost under 400 bytes of metadata each: no per-file
/// collections; <see cref="Content"/> is the chunk field of a file (see <see cref="HotTier.ChunkStore"/>), the
/// <see cref="DirectoryContent"/> of a directory, or the target string of a symbolic link. Siblings form a linked list
/// in insertion order, which gives readdir its stable order with O(1) removal. All fields are guarded by the file
/// system's lock.
/// </remarks>
internal sealed class Inode
{
    private string? _versionId;
    private object? _etag;

    /// <summary>Creates an inode.</summary>
    public Inode(ulong number, FileType type, UnixFileMode mode, uint uid, uint gid, long nowNs)
    {
        Number = number;
        Type = type;
        Mode = mode;
        Uid = uid;
        Gid = gid;
        AccessTimeNs = nowNs;
        ModificationTimeNs = nowNs;
        ChangeTimeNs = nowNs;
        BirthTimeNs = nowNs;
        LastAccessNs = nowNs;
    }

    /// <summary>Gets the inode number, unique within the file system and never reused.</summary>
    public ulong Number { get; }

    /// <summary>Gets the entry type.</summary>
    public FileType Type { get; }

    /// <summary>Gets or sets the permission bits (including set-user-id, set-group-id and sticky).</summary>
    public UnixFileMode Mode { get; set; }

    /// <summary>Gets or sets the owner uid.</summary>
    public uint Uid { get; set; }

    /// <summary>Gets or sets the owner gid.</summary>
    public uint Gid { get; set; }

    /// <summary>Gets or sets the size in bytes as the file system (server) knows it: file length or symlink target length.</summary>
    public long Size { get; set; }

    /// <summary>Gets or sets atime, in nanoseconds since the Unix epoch.</summary>
    public long AccessTimeNs { get; set; }

    /// <summary>Gets or sets mtime, in nanoseconds since the Unix epoch.</summary>
    public long ModificationTimeNs { get; set; }

    /// <summary>Gets or sets ctime, in nanoseconds since the Unix epoch.</summary>
    public long ChangeTimeNs { get; set; }

    /// <summary>Gets or sets btime, in nanoseconds since the Unix epoch.</summary>
    public long BirthTimeNs { get; set; }

    /// <summary>Gets or sets the last read or write of the data, in nanoseconds since the Unix epoch (the expiration clock).</summary>
    public long LastAccessNs { get; set; }

    /// <summary>Gets or sets the containing directory; <see langword="null"/> for the file system root and removed entries.</summary>
    public Inode? Parent { get; set; }

    /// <summary>Gets or sets the name within <see cref="Parent"/>; empty for the root.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>Gets or sets the previous sibling in insertion order.</summary>
    public Inode? PreviousSibling { get; set; }

    /// <summary>Gets or sets the next sibling in insertion order.</summary>
    public Inode? NextSibling { get; set; }

    /// <summary>The content: file chunks (see <see cref="HotTier.ChunkStore"/>), a <see cref="DirectoryContent"/>, or a symlink target <see cref="string"/>.</summary>
    public object? Content;

    /// <summary>Gets or sets the sync engine's state of the entry (for the export queue: unexported changes, the key it
    /// was last exported to, the last export error); <see langword="null"/> while the entry has none. The namespace only
    /// stores it.</summary>
    public InodeSyncState? SyncState { get; set; }

    /// <summary>Gets or sets the bucket version id of the base (last imported or exported) object; <see langword="null"/> when never synced.</summary>
    /// <remarks>Kept as its text (one reference), so a million inodes cost no more than untyped ids would.</remarks>
    public VersionId? VersionId
    {
        get => _versionId is null ? null : ObjectStorage.VersionId.FromStored(_versionId);
        set => _versionId = value?.Value;
    }

    /// <summary>Gets or sets the ETag of the base object; <see langword="null"/> when never synced.</summary>
    public ETag? ETag
    {
        get => _etag is null ? null : ObjectStorage.ETag.FromStored(_etag);
        set => _etag = value?.Stored;
    }

    /// <summary>Gets or sets when the entry first changed since it was last in sync, in ticks of <see cref="DateTimeOffset.UtcTicks"/>; 0 when clean.</summary>
    public long DirtySinceTicks { get; set; }

    /// <summary>Gets or sets a value indicating whether the data is on the high-performance storage (not metadata-only).</summary>
    public bool Resident { get; set; } = true;

    /// <summary>Gets or sets a value indicating whether the entry was removed from the tree.</summary>
    public bool Removed { get; set; }

    /// <summary>Gets or sets a value indicating whether a copy of the data to the high-performance storage is queued in the
    /// import pipeline and has not started (a flag here instead of a set of queued inodes: it costs no memory per file).</summary>
    public bool DataImportQueued { get; set; }

    /// <summary>Gets or sets the number of open handles on the inode across all mounts (a removed file keeps its data until the last close).</summary>
    public int OpenCount { get; set; }

    /// <summary>Gets or sets when the entry first changed since it was last in sync; <see langword="null"/> when clean.</summary>
    public DateTimeOffset? DirtySince
    {
        get => DirtySinceTicks == 0 ? null : new DateTimeOffset(DirtySinceTicks, TimeSpan.Zero);
        set => DirtySinceTicks = value?.UtcTicks ?? 0;
    }

    /// <summary>Gets a value indicating whether this is a directory.</summary>
    public bool IsDirectory => Type == FileType.Directory;

    /// <summary>Gets the content of a directory that has been listed from the bucket; only valid on directories.</summary>
    /// <exception cref="DirectoryNotListedException">The directory has not been listed yet (its first access): the caller
    /// lists it outside the file system's lock and tries again.</exception>
    public DirectoryContent Directory
    {
        get
        {
            var content = (DirectoryContent)Content!;
            return content.Listed ? content : throw new DirectoryNotListedException(this);
        }
    }

    /// <summary>Gets the directory content as it is now, listed or not; only valid on directories.</summary>
    public DirectoryContent DirectoryAsIs => (DirectoryContent)Content!;

    /// <summary>Gets the symlink target; only valid on symbolic links.</summary>
    public string LinkTarget => (string)Content!;

    /// <summary>Returns whether this inode is <paramref name="other"/> or one of its descendants.</summary>
    public bool IsSameOrDescendantOf(Inode other)
    {
        for (var node = this; node is not null; node = node.Parent)
        {
            if (ReferenceEquals(node, other))
            {
                return true;
            }
        }

        return false;
    }
}
