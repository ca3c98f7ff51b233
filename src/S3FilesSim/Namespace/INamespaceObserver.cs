namespace S3FilesSim.Namespace;

/// <summary>
/// Receives a change that reaches the shared file system (the server side of NFS), in order, while the file system's
/// lock is held: each <see cref="FileSystemNamespace"/> mutation reports to the observer its caller passes (a mount
/// passes the export queue). Paths are absolute from the file system root.
/// </summary>
/// <remarks>Implementations must be quick and must not call back into the file system.</remarks>
internal interface INamespaceObserver
{
    /// <summary>An entry was created (file, directory or symbolic link).</summary>
    void OnCreated(Inode inode, string path);

    /// <summary>A file's data or length changed (flushed writes, truncate).</summary>
    void OnDataChanged(Inode inode, string path);

    /// <summary>An entry's mode, owner or times changed.</summary>
    void OnMetadataChanged(Inode inode, string path);

    /// <summary>An entry moved from <paramref name="oldPath"/> to <paramref name="newPath"/> (a replaced target is reported through <see cref="OnRemoved"/> first).</summary>
    void OnRenamed(Inode inode, string oldPath, string newPath);

    /// <summary>An entry was removed (unlink, rmdir, or replaced by a rename).</summary>
    void OnRemoved(Inode inode, string path);
}
