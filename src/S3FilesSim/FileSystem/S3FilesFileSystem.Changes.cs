namespace S3FilesSim.FileSystem;

/// <content>The change feed: what front doors (a FUSE mount's kernel cache, a <c>FileSystemWatcher</c>) learn of changes.</content>
public sealed partial class S3FilesFileSystem
{
    /// <summary>
    /// Calls <paramref name="handler"/> for every change to the file system's namespace, made by any client (through any
    /// mount) or by the synchronization with the bucket, in the order the changes happen. Paths are absolute from the file
    /// system's root. A first listing of a directory and the import of data for entries already shown are not changes.
    /// </summary>
    /// <param name="handler">Called synchronously while the file system's lock is held, on the thread that made the change
    /// (a client call, or the simulation's scheduler for bucket events and exports): it must be quick, must not throw and
    /// must not call back into the file system (queue the work instead).</param>
    /// <returns>Disposing it ends the subscription.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="handler"/> is <see langword="null"/>.</exception>
    public IDisposable SubscribeChanges(Action<FileSystemChange> handler) => Namespace.Changes.Subscribe(handler);
}
