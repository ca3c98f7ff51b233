using S3FilesSim.FileSystem;

namespace S3FilesSim.Namespace;

/// <summary>
/// The public change notifications of one file system: a copy-on-write list of handlers called, under the file system's
/// lock, for each change the namespace reports. With no subscriber, publishing costs one field read.
/// </summary>
internal sealed class ChangeFeed
{
    private readonly TimeProvider _time;
    private Action<FileSystemChange>[] _handlers = [];

    public ChangeFeed(TimeProvider time) => _time = time;

    /// <summary>Gets a value indicating whether anybody listens; callers skip building paths when nobody does.</summary>
    public bool HasSubscribers => Volatile.Read(ref _handlers).Length != 0;

    /// <summary>Adds <paramref name="handler"/>; disposing the result removes it.</summary>
    public IDisposable Subscribe(Action<FileSystemChange> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        Update(handlers => [.. handlers, handler]);
        return new Subscription(this, handler);
    }

    /// <summary>Delivers one change to every handler.</summary>
    public void Publish(FileSystemChangeKind kind, Inode inode, string path, string? oldPath, FileSystemChangeSource source)
    {
        var handlers = Volatile.Read(ref _handlers);
        if (handlers.Length == 0)
        {
            return;
        }

        var change = new FileSystemChange(kind, path, oldPath, inode.Number, inode.Type, source, _time.GetUtcNow());
        foreach (var handler in handlers)
        {
            handler(change);
        }
    }

    private void Update(Func<Action<FileSystemChange>[], Action<FileSystemChange>[]> change)
    {
        while (true)
        {
            var current = Volatile.Read(ref _handlers);
            if (Interlocked.CompareExchange(ref _handlers, change(current), current) == current)
            {
                return;
            }
        }
    }

    private sealed class Subscription(ChangeFeed feed, Action<FileSystemChange> handler) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                feed.Update(handlers =>
                {
                    var index = Array.IndexOf(handlers, handler);
                    return index < 0 ? handlers : [.. handlers[..index], .. handlers[(index + 1)..]];
                });
            }
        }
    }
}
