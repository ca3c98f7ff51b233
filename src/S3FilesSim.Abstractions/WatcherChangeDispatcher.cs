namespace S3FilesSim.Abstractions;

/// <summary>What changed, in the terms of a file system watcher.</summary>
internal enum MountChangeKind
{
    Created,
    DataChanged,
    MetadataChanged,
    Renamed,
    Deleted,
}

/// <summary>One change of the mount's namespace, with paths from the mount root.</summary>
/// <param name="Kind">What changed.</param>
/// <param name="Path">The entry's path (the new path of a rename).</param>
/// <param name="OldPath">The old path of a rename.</param>
/// <param name="IsDirectory">Whether the entry is a directory (FileName or DirectoryName filter).</param>
internal readonly record struct MountChange(MountChangeKind Kind, string Path, string? OldPath, bool IsDirectory);

/// <summary>Where the dispatcher gets changes and time: the simulated file system's change feed and scheduler.</summary>
internal interface IMountChangeSource
{
    /// <summary>Subscribes to the mount's changes. The handler may run under the file system's lock: it only queues.</summary>
    IDisposable Subscribe(Action<MountChange> handler);

    /// <summary>Runs <paramref name="work"/> on the simulation's scheduler after <paramref name="delay"/> of virtual time;
    /// disposing the result cancels it.</summary>
    IDisposable Schedule(TimeSpan delay, Action work);
}

/// <summary>
/// Collects the mount's changes (the feed's handler only queues: it runs under the file system's lock) and raises them on
/// the watchers from one work item on the simulation's scheduler, outside the lock, in order. Delivery is therefore on
/// virtual time and deterministic: events appear when the simulation runs due work.
/// </summary>
internal sealed class WatcherChangeDispatcher
{
    private readonly IMountChangeSource? _source;
    private readonly object _gate = new();
    private readonly List<SimulatedFileSystemWatcher> _watchers = [];
    private readonly Queue<MountChange> _pending = new();
    private IDisposable? _subscription;
    private bool _drainScheduled;

    public WatcherChangeDispatcher(IMountChangeSource? source)
    {
        _source = source;
    }

    /// <summary>Starts delivering to <paramref name="watcher"/>; disposing the result stops.</summary>
    /// <exception cref="NotSupportedException">The mount is not a simulated S3 Files mount, so it has no change feed.</exception>
    public IDisposable Subscribe(SimulatedFileSystemWatcher watcher)
    {
        var source = _source ?? throw new NotSupportedException(
            "FileSystemWatcher needs the change feed of a simulated S3 Files file system; this mount is not one (it is not a mount returned by S3FilesFileSystem.Mount).");
        lock (_gate)
        {
            _watchers.Add(watcher);
            _subscription ??= source.Subscribe(OnChange);
        }

        return new Unsubscriber(this, watcher);
    }

    /// <summary>Schedules a virtual-time timeout (WaitForChanged).</summary>
    public IDisposable ScheduleTimeout(TimeSpan delay, Action action) =>
        (_source ?? throw new NotSupportedException("This mount has no scheduler.")).Schedule(delay, action);

    private void Unsubscribe(SimulatedFileSystemWatcher watcher)
    {
        IDisposable? subscription = null;
        lock (_gate)
        {
            _watchers.Remove(watcher);
            if (_watchers.Count == 0)
            {
                subscription = _subscription;
                _subscription = null;
                _pending.Clear();
            }
        }

        subscription?.Dispose();
    }

    /// <summary>The feed's handler: queues, and schedules one drain (runs under the file system's lock).</summary>
    private void OnChange(MountChange change)
    {
        lock (_gate)
        {
            if (_watchers.Count == 0)
            {
                return;
            }

            _pending.Enqueue(change);
            if (_drainScheduled)
            {
                return;
            }

            _drainScheduled = true;
        }

        _source!.Schedule(TimeSpan.Zero, Drain);
    }

    private void Drain()
    {
        MountChange[] batch;
        SimulatedFileSystemWatcher[] watchers;
        lock (_gate)
        {
            batch = [.. _pending];
            _pending.Clear();
            _drainScheduled = false;
            watchers = [.. _watchers];
        }

        foreach (var watcher in watchers)
        {
            if (batch.Length > SimulatedFileSystemWatcher.EventCapacity)
            {
                watcher.DeliverOverflow();
                continue;
            }

            foreach (var change in batch)
            {
                watcher.Deliver(change);
            }
        }
    }

    private sealed class Unsubscriber(WatcherChangeDispatcher owner, SimulatedFileSystemWatcher watcher) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Unsubscribe(watcher);
            }
        }
    }
}
