namespace S3FilesSim.FileSystem;

/// <summary>What happened to an entry, as a file-change notification (inotify, <c>FileSystemWatcher</c>) reports it.</summary>
public enum FileSystemChangeKind
{
    /// <summary>An entry was created: a file, directory or symbolic link (<c>IN_CREATE</c>).</summary>
    Created,

    /// <summary>A file's data or length changed: flushed writes, a truncate, or new data imported from the bucket (<c>IN_MODIFY</c>).</summary>
    DataChanged,

    /// <summary>An entry's mode, owner or times changed (<c>IN_ATTRIB</c>).</summary>
    MetadataChanged,

    /// <summary>An entry moved from <see cref="FileSystemChange.OldPath"/> to <see cref="FileSystemChange.Path"/> (<c>IN_MOVED_FROM</c> + <c>IN_MOVED_TO</c>);
    /// a target it replaced is reported as <see cref="Deleted"/> first.</summary>
    Renamed,

    /// <summary>An entry was removed: unlink, rmdir, replaced by a rename, or deleted in the bucket (<c>IN_DELETE</c>).</summary>
    Deleted,
}

/// <summary>Who made a change.</summary>
public enum FileSystemChangeSource
{
    /// <summary>A client of the file system: a call through one of its mounts (the change is on the file system at once,
    /// and reaches the bucket after the commit delay).</summary>
    Client,

    /// <summary>The synchronization with the bucket: a bucket-side change applied by the import (after its event arrived),
    /// or a conflict resolved by the bucket winning (the losing file moved to lost+found, the bucket's version put at its path).</summary>
    Import,
}

/// <summary>
/// One change to the file system's namespace, delivered to the subscribers of <see cref="S3FilesFileSystem.SubscribeChanges"/>
/// (paths from the file-system root) or <see cref="IFileSystemChangeFeed.SubscribeChanges"/> (paths from the mount's root).
/// </summary>
/// <remarks>
/// First listings of a directory (the lazy import of what the bucket already held) and the import of data for entries
/// already shown are not changes: the entries were there before the file system looked. A directory rename is one
/// <see cref="FileSystemChangeKind.Renamed"/> of the directory; its descendants move with it without changes of their own.
/// See https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-synchronization.html for when bucket-side changes
/// arrive.
/// </remarks>
/// <param name="Kind">What happened.</param>
/// <param name="Path">The entry's absolute path (its new path for <see cref="FileSystemChangeKind.Renamed"/>).</param>
/// <param name="OldPath">The path before a <see cref="FileSystemChangeKind.Renamed"/>; <see langword="null"/> for every other kind.</param>
/// <param name="InodeNumber">The entry's inode number (as in <see cref="FileStatus.InodeNumber"/>).</param>
/// <param name="Type">The entry's type.</param>
/// <param name="Source">Who made the change.</param>
/// <param name="Time">When it happened, on the simulation's clock.</param>
public sealed record FileSystemChange(
    FileSystemChangeKind Kind,
    string Path,
    string? OldPath,
    ulong InodeNumber,
    FileType Type,
    FileSystemChangeSource Source,
    DateTimeOffset Time);

/// <summary>A mount that reports the changes other clients and the import make to the entries below its root.</summary>
public interface IFileSystemChangeFeed
{
    /// <summary>
    /// Calls <paramref name="handler"/> for every change below this mount's root (the access point's root when the mount
    /// has one), made by any client or by the import, in the order the changes happen. Paths are absolute from the
    /// mount's root; an entry renamed across the root's boundary is reported as <see cref="FileSystemChangeKind.Created"/>
    /// or <see cref="FileSystemChangeKind.Deleted"/>.
    /// </summary>
    /// <param name="handler">Called synchronously while the file system's lock is held, on the thread that made the change:
    /// it must be quick, must not throw and must not call back into the file system (queue the work instead).</param>
    /// <returns>Disposing it ends the subscription.</returns>
    IDisposable SubscribeChanges(Action<FileSystemChange> handler);
}
