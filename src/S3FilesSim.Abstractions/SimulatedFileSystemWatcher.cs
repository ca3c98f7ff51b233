using System.Collections.ObjectModel;
using System.ComponentModel;
using System.IO.Abstractions;
using System.IO.Enumeration;

namespace S3FilesSim.Abstractions;

/// <summary>
/// <see cref="FileSystemWatcher"/> over the mount, raising what inotify makes .NET raise on Linux: Created (IN_CREATE),
/// Deleted (IN_DELETE), Changed for data writes (IN_MODIFY: <see cref="NotifyFilters.Size"/>, <see cref="NotifyFilters.LastWrite"/>,
/// <see cref="NotifyFilters.LastAccess"/>, <see cref="NotifyFilters.Security"/>) and for metadata changes (IN_ATTRIB:
/// also <see cref="NotifyFilters.Attributes"/>, <see cref="NotifyFilters.CreationTime"/>), Renamed within the watched tree
/// (a rename out of it is Deleted, into it Created). Names and filters are case-sensitive; names are relative to
/// <see cref="Path"/>.
/// </summary>
/// <remarks>The events come from the simulated file system's change feed: writes through any mount of it and bucket changes
/// it imports. (A real NFS client's inotify sees only its own writes; the simulator shows every change so tests can watch
/// imports.) They are raised on the simulation's scheduler when it runs due work (<c>AdvanceAsync</c>,
/// <c>RunUntilIdleAsync</c>, a <c>RealTimeDriver</c>), never under the file system's lock, in the order the changes happened,
/// through <see cref="SynchronizingObject"/> when one is set. More than 16,384 undelivered changes at once (Linux's default
/// <c>max_queued_events</c>) raise <see cref="Error"/> with an <see cref="InternalBufferOverflowException"/> instead.</remarks>
internal sealed class SimulatedFileSystemWatcher : IFileSystemWatcher
{
    private const NotifyFilters AllFilters = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.Attributes | NotifyFilters.Size
        | NotifyFilters.LastWrite | NotifyFilters.LastAccess | NotifyFilters.CreationTime | NotifyFilters.Security;

    private readonly SimulatedFileSystem _fileSystem;
    private readonly Collection<string> _filters = new FilterCollection();
    private readonly object _gate = new();
    private string _path = string.Empty;
    private bool _enabled;
    private bool _initializing;
    private bool _disposed;
    private bool _includeSubdirectories;
    private NotifyFilters _notifyFilter = NotifyFilters.LastWrite | NotifyFilters.FileName | NotifyFilters.DirectoryName;
    private int _internalBufferSize = 8192;
    private IDisposable? _subscription;
    private string _watchedMountPath = "/";

    public SimulatedFileSystemWatcher(SimulatedFileSystem fileSystem, string? path = null, string? filter = null)
    {
        _fileSystem = fileSystem;
        if (path is not null)
        {
            ValidatePath(path);
            _path = path;
        }

        if (filter is not null)
        {
            Filter = filter;
        }
    }

    public event FileSystemEventHandler? Changed;

    public event FileSystemEventHandler? Created;

    public event FileSystemEventHandler? Deleted;

    public event ErrorEventHandler? Error;

    public event RenamedEventHandler? Renamed;

    public System.IO.Abstractions.IFileSystem FileSystem => _fileSystem;

    public IContainer? Container => null;

    public ISite? Site { get; set; }

    public ISynchronizeInvoke? SynchronizingObject { get; set; }

    public bool EnableRaisingEvents
    {
        get => _enabled;
        set
        {
            if (_enabled == value)
            {
                return;
            }

            if (_initializing)
            {
                _enabled = value;
            }
            else if (value)
            {
                Start();
            }
            else
            {
                Stop();
            }
        }
    }

    public string Filter
    {
        get => _filters.Count == 0 ? "*" : _filters[0];
        set
        {
            _filters.Clear();
            _filters.Add(value);
        }
    }

    public Collection<string> Filters => _filters;

    public bool IncludeSubdirectories
    {
        get => _includeSubdirectories;
        set
        {
            if (_includeSubdirectories != value)
            {
                _includeSubdirectories = value;
                Restart();
            }
        }
    }

    public int InternalBufferSize
    {
        get => _internalBufferSize;
        set
        {
            var size = Math.Max(value, 4096);
            if (_internalBufferSize != size)
            {
                _internalBufferSize = size;
                Restart();
            }
        }
    }

    public NotifyFilters NotifyFilter
    {
        get => _notifyFilter;
        set
        {
            if ((value & ~AllFilters) != 0)
            {
                throw new ArgumentException($"The value of argument 'value' ({(int)value}) is invalid for Enum type 'NotifyFilters'.");
            }

            if (_notifyFilter != value)
            {
                _notifyFilter = value;
                Restart();
            }
        }
    }

    public string Path
    {
        get => _path;
        set
        {
            value ??= string.Empty;
            if (!string.Equals(_path, value, StringComparison.Ordinal))
            {
                ValidatePath(value);
                _path = value;
                Restart();
            }
        }
    }

    public void BeginInit()
    {
        var wasEnabled = _enabled;
        Stop();
        _enabled = wasEnabled;
        _initializing = true;
    }

    public void EndInit()
    {
        _initializing = false;
        if (_path.Length != 0 && _enabled)
        {
            _enabled = false;
            Start();
        }
    }

    public void Dispose()
    {
        Stop();
        _disposed = true;
    }

    public IWaitForChangedResult WaitForChanged(WatcherChangeTypes changeType) => WaitForChanged(changeType, Timeout.Infinite);

    public IWaitForChangedResult WaitForChanged(WatcherChangeTypes changeType, TimeSpan timeout)
    {
        var milliseconds = (long)timeout.TotalMilliseconds;
        ArgumentOutOfRangeException.ThrowIfLessThan(milliseconds, -1L, nameof(timeout));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(milliseconds, int.MaxValue, nameof(timeout));
        return WaitForChanged(changeType, (int)milliseconds);
    }

    /// <summary>Blocks until a matching event is raised or <paramref name="timeout"/> milliseconds of virtual time pass.
    /// Something else must run the simulation meanwhile (another thread advancing it, or a <c>RealTimeDriver</c>).</summary>
    public IWaitForChangedResult WaitForChanged(WatcherChangeTypes changeType, int timeout)
    {
        var result = new TaskCompletionSource<IWaitForChangedResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnEvent(object? sender, FileSystemEventArgs e)
        {
            if ((e.ChangeType & changeType) != 0)
            {
                result.TrySetResult(new WaitResult(e.ChangeType, e.Name, (e as RenamedEventArgs)?.OldName, TimedOut: false));
            }
        }

        void OnRenamed(object? sender, RenamedEventArgs e) => OnEvent(sender, e);
        Created += OnEvent;
        Deleted += OnEvent;
        Changed += OnEvent;
        Renamed += OnRenamed;
        IDisposable? timer = null;
        var wasEnabled = EnableRaisingEvents;
        try
        {
            EnableRaisingEvents = true;
            if (timeout != Timeout.Infinite)
            {
                timer = Dispatcher.ScheduleTimeout(TimeSpan.FromMilliseconds(timeout), () => result.TrySetResult(new WaitResult(0, null, null, TimedOut: true)));
            }

            return result.Task.GetAwaiter().GetResult();
        }
        finally
        {
            timer?.Dispose();
            EnableRaisingEvents = wasEnabled;
            Created -= OnEvent;
            Deleted -= OnEvent;
            Changed -= OnEvent;
            Renamed -= OnRenamed;
        }
    }

    private WatcherChangeDispatcher Dispatcher => _fileSystem.Changes;

    private void ValidatePath(string path)
    {
        if (path.Length == 0)
        {
            throw new ArgumentException($"The directory name {path} is invalid.", nameof(Path));
        }

        if (!_fileSystem.Directory.Exists(path))
        {
            throw new ArgumentException($"The directory name '{path}' does not exist.", nameof(Path));
        }
    }

    private void Restart()
    {
        if (!_initializing && _enabled)
        {
            Stop();
            Start();
        }
    }

    private void Start()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_path.Length == 0)
        {
            throw new ArgumentException($"The directory name {_path} is invalid.", nameof(Path));
        }

        var fullPath = _fileSystem.Context.GetFullPath(_path);
        if (!_fileSystem.Context.DirectoryExists(fullPath))
        {
            throw new FileNotFoundException($"Error reading the {_path} directory.", _path);
        }

        lock (_gate)
        {
            _watchedMountPath = UnixPath.TrimEndingSeparator(_fileSystem.Context.ToMountPath(UnixPath.TrimEndingSeparator(fullPath)));
            _subscription = Dispatcher.Subscribe(this);
            _enabled = true;
        }
    }

    private void Stop()
    {
        lock (_gate)
        {
            _subscription?.Dispose();
            _subscription = null;
            _enabled = false;
        }
    }

    /// <summary>The most changes delivered at once: Linux's default inotify queue (<c>fs.inotify.max_queued_events</c>).</summary>
    internal static int EventCapacity => 16_384;

    /// <summary>Raises the events one change makes (called by the dispatcher on the scheduler, outside the file system's lock).</summary>
    internal void Deliver(MountChange change)
    {
        if (!_enabled)
        {
            return;
        }

        var oldInScope = change.OldPath is not null && TryRelative(change.OldPath, out _);
        var newInScope = TryRelative(change.Path, out var name);
        var names = change.IsDirectory ? NotifyFilters.DirectoryName : NotifyFilters.FileName;
        switch (change.Kind)
        {
            case MountChangeKind.Created when newInScope && (_notifyFilter & names) != 0:
                Raise(WatcherChangeTypes.Created, name);
                break;
            case MountChangeKind.Deleted when newInScope && (_notifyFilter & names) != 0:
                Raise(WatcherChangeTypes.Deleted, name);
                break;
            case MountChangeKind.DataChanged when newInScope
                && (_notifyFilter & (NotifyFilters.Size | NotifyFilters.LastWrite | NotifyFilters.LastAccess | NotifyFilters.Security)) != 0:
                Raise(WatcherChangeTypes.Changed, name);
                break;
            case MountChangeKind.MetadataChanged when newInScope
                && (_notifyFilter & (NotifyFilters.Attributes | NotifyFilters.Size | NotifyFilters.LastWrite | NotifyFilters.LastAccess | NotifyFilters.CreationTime | NotifyFilters.Security)) != 0:
                Raise(WatcherChangeTypes.Changed, name);
                break;
            case MountChangeKind.Renamed when (_notifyFilter & names) != 0:
                TryRelative(change.OldPath!, out var oldName);
                if (oldInScope && newInScope)
                {
                    RaiseRenamed(name, oldName);
                }
                else if (oldInScope)
                {
                    Raise(WatcherChangeTypes.Deleted, oldName);
                }
                else if (newInScope)
                {
                    Raise(WatcherChangeTypes.Created, name);
                }

                break;
        }
    }

    /// <summary>Raises <see cref="Error"/> for changes dropped because the buffer was full.</summary>
    internal void DeliverOverflow()
    {
        if (_enabled)
        {
            Invoke(() => Error?.Invoke(this, new ErrorEventArgs(new InternalBufferOverflowException($"Too many changes at once in directory:{_path}."))));
        }
    }

    private bool TryRelative(string mountPath, out string relative)
    {
        relative = string.Empty;
        var root = _watchedMountPath;
        if (!UnixPath.IsSameOrUnder(mountPath, root) || mountPath.Length == root.Length)
        {
            return false;
        }

        relative = mountPath[(root.Length == 1 ? 1 : root.Length + 1)..];
        return _includeSubdirectories || !relative.Contains('/', StringComparison.Ordinal);
    }

    private bool Matches(string relative)
    {
        var name = UnixPath.GetFileName(relative.AsSpan());
        if (name.IsEmpty)
        {
            return false;
        }

        if (_filters.Count == 0)
        {
            return true;
        }

        foreach (var filter in _filters)
        {
            if (FileSystemName.MatchesSimpleExpression(filter, name, ignoreCase: false))
            {
                return true;
            }
        }

        return false;
    }

    private void Raise(WatcherChangeTypes type, string name)
    {
        var handler = type switch
        {
            WatcherChangeTypes.Created => Created,
            WatcherChangeTypes.Deleted => Deleted,
            _ => Changed,
        };
        if (handler is not null && Matches(name))
        {
            var args = new FileSystemEventArgs(type, _path, name);
            Invoke(() => handler(this, args));
        }
    }

    private void RaiseRenamed(string name, string oldName)
    {
        var handler = Renamed;
        if (handler is not null && (Matches(name) || Matches(oldName)))
        {
            var args = new RenamedEventArgs(WatcherChangeTypes.Renamed, _path, name, oldName);
            Invoke(() => handler(this, args));
        }
    }

    private void Invoke(Action raise)
    {
        if (SynchronizingObject is { InvokeRequired: true } synchronizing)
        {
            synchronizing.BeginInvoke(raise, null);
        }
        else
        {
            raise();
        }
    }

    /// <summary>FileSystemWatcher's filter collection: an empty filter or <c>*.*</c> is stored as <c>*</c>.</summary>
    private sealed class FilterCollection : Collection<string>
    {
        protected override void InsertItem(int index, string item) => base.InsertItem(index, Normalize(item));

        protected override void SetItem(int index, string item) => base.SetItem(index, Normalize(item));

        private static string Normalize(string? item) => string.IsNullOrEmpty(item) || item == "*.*" ? "*" : item;
    }

    private sealed record WaitResult(WatcherChangeTypes ChangeType, string? Name, string? OldName, bool TimedOut) : IWaitForChangedResult;
}

/// <summary><c>new FileSystemWatcher(...)</c> over the mount.</summary>
internal sealed class SimulatedFileSystemWatcherFactory(SimulatedFileSystem fileSystem) : IFileSystemWatcherFactory
{
    public System.IO.Abstractions.IFileSystem FileSystem => fileSystem;

    public IFileSystemWatcher New() => new SimulatedFileSystemWatcher(fileSystem);

    public IFileSystemWatcher New(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return new SimulatedFileSystemWatcher(fileSystem, path);
    }

    public IFileSystemWatcher New(string path, string filter)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(filter);
        return new SimulatedFileSystemWatcher(fileSystem, path, filter);
    }

    /// <summary>A real <see cref="FileSystemWatcher"/> watches the real disk, which the adapter never reaches.</summary>
    public IFileSystemWatcher? Wrap(FileSystemWatcher? fileSystemWatcher) => fileSystemWatcher is null
        ? null
        : throw new NotSupportedException("A System.IO.FileSystemWatcher watches the real disk; create the watcher through the adapter instead.");
}
