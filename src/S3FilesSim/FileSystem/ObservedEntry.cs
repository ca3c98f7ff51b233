namespace S3FilesSim.FileSystem;

/// <summary>
/// A file, directory, symbolic link or special file as the file system holds it, read by <see cref="FileSystemObserver"/>:
/// server-side state (what a client would see after close-to-open), not any mount's unflushed writes.
/// </summary>
public sealed record ObservedEntry
{
    /// <summary>Gets the absolute path from the file system's root, for example <c>/inbox/a.txt</c>.</summary>
    public required string Path { get; init; }

    /// <summary>Gets the inode number (as in <see cref="FileStatus.InodeNumber"/>).</summary>
    public required ulong InodeNumber { get; init; }

    /// <summary>Gets the entry type.</summary>
    public required FileType Type { get; init; }

    /// <summary>Gets the permission bits.</summary>
    public required UnixFileMode Mode { get; init; }

    /// <summary>Gets the size in bytes: the file length, or the symbolic link target's length; 4,096 for a directory.</summary>
    public required long Size { get; init; }

    /// <summary>Gets the last data modification time.</summary>
    public required Timespec ModificationTime { get; init; }

    /// <summary>Gets a value indicating whether the data is on the high-performance storage; <see langword="false"/> for a
    /// file imported as metadata only (its bytes are read from the bucket); always <see langword="true"/> for other types.</summary>
    public required bool Resident { get; init; }

    /// <summary>Gets a value indicating whether a directory has been listed from the bucket (its first access,
    /// https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-synchronization.html); an unlisted directory's
    /// entries are not known to the file system yet. Always <see langword="true"/> for other types.</summary>
    public required bool Listed { get; init; }

    /// <summary>Gets a value indicating whether the entry has changes not yet exported to the bucket.</summary>
    public required bool Dirty { get; init; }

    /// <summary>Gets the bucket version id the entry was last imported from or exported to; <see langword="null"/> when never synchronized.</summary>
    public string? VersionId { get; init; }

    /// <summary>Gets the target of a symbolic link; <see langword="null"/> for other types.</summary>
    public string? LinkTarget { get; init; }
}
