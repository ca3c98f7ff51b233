namespace S3FilesSim.FileSystem;

/// <content>The mount's view of the change feed: changes below its root, with paths from its root.</content>
internal sealed partial class MountedFileSystem : IFileSystemChangeFeed
{
    private readonly List<IDisposable> _subscriptions = [];

    /// <inheritdoc />
    public IDisposable SubscribeChanges(Action<FileSystemChange> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        lock (_ns.Gate)
        {
            ObjectDisposedException.ThrowIf(_unmounted, this);
            var subscription = _ns.Changes.Subscribe(change =>
            {
                if (ToMountView(change) is { } seen)
                {
                    handler(seen);
                }
            });
            _subscriptions.Add(subscription);
            return subscription;
        }
    }

    /// <summary>Ends every subscription of the mount (at unmount).</summary>
    private void EndSubscriptions()
    {
        foreach (var subscription in _subscriptions)
        {
            subscription.Dispose();
        }

        _subscriptions.Clear();
    }

    /// <summary>Maps a change with paths from the file-system root to this mount's root; <see langword="null"/> when it happened outside it.</summary>
    private FileSystemChange? ToMountView(FileSystemChange change)
    {
        if (ReferenceEquals(_root, _ns.Root))
        {
            return change;
        }

        if (_root is not { Removed: false } root)
        {
            return null;
        }

        var rootPath = _ns.PathOf(root);
        var path = Below(rootPath, change.Path);
        var oldPath = change.OldPath is null ? null : Below(rootPath, change.OldPath);
        return (path, oldPath, change.Kind) switch
        {
            (null, null, _) => null,
            (not null, not null, _) => change with { Path = path, OldPath = oldPath },
            (not null, null, FileSystemChangeKind.Renamed) => change with { Kind = FileSystemChangeKind.Created, Path = path, OldPath = null },
            (not null, null, _) => change with { Path = path },
            (null, not null, _) => change with { Kind = FileSystemChangeKind.Deleted, Path = oldPath, OldPath = null },
        };
    }

    private static string? Below(string rootPath, string path) =>
        path == rootPath ? "/"
        : path.Length > rootPath.Length && path[rootPath.Length] == '/' && path.StartsWith(rootPath, StringComparison.Ordinal) ? path[rootPath.Length..]
        : null;
}
