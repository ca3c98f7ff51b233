namespace S3FilesSim.Namespace;

/// <summary>
/// The observer a mount passes with every client change: the export queue, then whoever subscribed (in subscription
/// order). Called with the file system's lock held.
/// </summary>
/// <param name="exportQueue">The observer every client change reaches first: the file system's export queue.</param>
internal sealed class ClientChanges(INamespaceObserver exportQueue) : INamespaceObserver
{
    private INamespaceObserver[] _subscribers = [];

    /// <summary>Adds <paramref name="observer"/> after the export queue and the earlier subscribers.</summary>
    /// <param name="observer">The observer; it must be quick and must not call back into the file system.</param>
    /// <returns>A handle whose disposal removes the observer.</returns>
    public IDisposable Subscribe(INamespaceObserver observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        Update(current => [.. current, observer]);
        return new Subscription(this, observer);
    }

    /// <inheritdoc />
    public void OnCreated(Inode inode, string path)
    {
        exportQueue.OnCreated(inode, path);
        foreach (var subscriber in _subscribers)
        {
            subscriber.OnCreated(inode, path);
        }
    }

    /// <inheritdoc />
    public void OnDataChanged(Inode inode, string path)
    {
        exportQueue.OnDataChanged(inode, path);
        foreach (var subscriber in _subscribers)
        {
            subscriber.OnDataChanged(inode, path);
        }
    }

    /// <inheritdoc />
    public void OnMetadataChanged(Inode inode, string path)
    {
        exportQueue.OnMetadataChanged(inode, path);
        foreach (var subscriber in _subscribers)
        {
            subscriber.OnMetadataChanged(inode, path);
        }
    }

    /// <inheritdoc />
    public void OnRenamed(Inode inode, string oldPath, string newPath)
    {
        exportQueue.OnRenamed(inode, oldPath, newPath);
        foreach (var subscriber in _subscribers)
        {
            subscriber.OnRenamed(inode, oldPath, newPath);
        }
    }

    /// <inheritdoc />
    public void OnRemoved(Inode inode, string path)
    {
        exportQueue.OnRemoved(inode, path);
        foreach (var subscriber in _subscribers)
        {
            subscriber.OnRemoved(inode, path);
        }
    }

    private void Update(Func<INamespaceObserver[], INamespaceObserver[]> change)
    {
        while (true)
        {
            var current = Volatile.Read(ref _subscribers);
            if (ReferenceEquals(Interlocked.CompareExchange(ref _subscribers, change(current), current), current))
            {
                return;
            }
        }
    }

    private sealed class Subscription(ClientChanges owner, INamespaceObserver observer) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Update(current => Array.FindAll(current, o => !ReferenceEquals(o, observer)));
            }
        }
    }
}
