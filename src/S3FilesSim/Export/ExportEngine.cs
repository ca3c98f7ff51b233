using S3FilesSim.Conflicts;
using S3FilesSim.Namespace;
using S3FilesSim.ObjectStorage;
using S3FilesSim.Time;

namespace S3FilesSim.Export;

/// <summary>
/// The write-back of one file system to its bucket: observes every change reaching the file system, exports each
/// changed entry once it has been quiet for <see cref="ExportOptions.CommitDelay"/>, in order of readiness, within the
/// rate ceilings, with retries and conflict detection
/// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-synchronization.html).
/// </summary>
/// <remarks>Observer calls arrive with the file system's lock held; the background work runs on the simulation's
/// <see cref="Scheduler"/> (one item at a time) and takes the lock only around in-memory steps, never across a store call.</remarks>
internal sealed partial class ExportEngine : INamespaceObserver
{
    private readonly FileSystemNamespace _ns;
    private readonly IObjectStore _store;
    private readonly Scheduler _scheduler;
    private readonly ExportOptions _options;
    private readonly DeterministicRandom _random;
    private readonly Dictionary<string, ExportEntry> _baseKeyOwners = new(StringComparer.Ordinal);
    private readonly PriorityQueue<ExportEntry, (long DueTicks, long Sequence)> _waiting = new();
    private readonly Queue<ExportEntry> _ready = new();
    private long _sequence;
    private ScheduledWork? _wake;
    private ScheduledWork? _pump;
    private ExportEntry? _current;
    private long _filesFreeTicks;
    private long _bytesFreeTicks;
    private int _pending;
    private int _failed;
    private long _failures;
    private bool _muted;

    /// <summary>Creates the engine and attaches it as the namespace's observer.</summary>
    public ExportEngine(FileSystemNamespace ns, IObjectStore store, Scheduler scheduler, DeterministicRandom random, ExportOptions options, string fileSystemId)
    {
        _ns = ns;
        _store = store;
        _scheduler = scheduler;
        _random = random;
        _options = options;
        Conflicts = new ConflictResolver(ns, store, random, fileSystemId);
        ns.Observer = this;
    }

    /// <summary>Gets the bucket the file system exports to.</summary>
    public IObjectStore Store => _store;

    /// <summary>Gets the conflict resolver and lost+found directory of the file system.</summary>
    public ConflictResolver Conflicts { get; }

    /// <summary>Gets the number of changed entries not yet exported (the <c>PendingExports</c> metric).</summary>
    public int PendingExports
    {
        get
        {
            lock (_ns.Gate)
            {
                return _pending;
            }
        }
    }

    /// <summary>Gets the number of entries whose export failed with a non-retryable error (the <c>ExportFailures</c> metric).</summary>
    public long ExportFailures
    {
        get
        {
            lock (_ns.Gate)
            {
                return _failures;
            }
        }
    }

    /// <summary>Gets the age of the oldest export in progress (ready or being written), from its oldest unexported change (the <c>ExportAge</c> metric); zero when none.</summary>
    public TimeSpan ExportAge
    {
        get
        {
            lock (_ns.Gate)
            {
                var oldest = long.MaxValue;
                foreach (var entry in _ready)
                {
                    oldest = Math.Min(oldest, entry.FirstChangeTicks);
                }

                if (_current is { FirstChangeTicks: > 0 } current)
                {
                    oldest = Math.Min(oldest, current.FirstChangeTicks);
                }

                return oldest == long.MaxValue ? TimeSpan.Zero : TimeSpan.FromTicks(NowTicks - oldest);
            }
        }
    }

    private long NowTicks => _scheduler.Clock.GetUtcNow().UtcTicks;

    /// <inheritdoc />
    public void OnCreated(Inode inode, string path)
    {
        Touch(inode, data: true);
        KeepDirectoryClean(inode.Parent);
    }

    /// <inheritdoc />
    public void OnDataChanged(Inode inode, string path) => Touch(inode, data: true);

    /// <inheritdoc />
    public void OnMetadataChanged(Inode inode, string path) => Touch(inode, data: false);

    /// <inheritdoc />
    public void OnRenamed(Inode inode, string oldPath, string newPath)
    {
        KeepDirectoryClean(inode.Parent);
        KeepDirectoryClean(Conflicts.FindDirectoryLocked(oldPath[..oldPath.LastIndexOf('/')]));
        if (_muted)
        {
            return;
        }

        var oldKey = _ns.Prefix + oldPath[1..];
        RememberBaseKey(inode, inode.IsDirectory ? oldKey + "/" : oldKey);
        Touch(inode, data: false);
        if (inode.IsDirectory)
        {
            RenameChildren(inode, oldKey + "/");
        }
    }

    /// <inheritdoc />
    public void OnRemoved(Inode inode, string path)
    {
        KeepDirectoryClean(Conflicts.FindDirectoryLocked(path[..path.LastIndexOf('/')]));
        if (_muted)
        {
            return;
        }

        if (Conflicts.IsLostAndFoundPath(path) || inode.VersionId is null)
        {
            Conflicts.OnRemovedLocked(inode);
            Drop(inode);
            return;
        }

        var entry = GetOrAdd(inode);
        entry.RemovedPath = path;
        RememberBaseKey(inode, _ns.Prefix + path[1..] + (inode.IsDirectory ? "/" : string.Empty));
        Touch(inode, data: false);
    }

    /// <summary>Returns the <c>user.s3files.status</c> value of <paramref name="inode"/>: <c>S3Key</c>, plus <c>ExportError</c> or lost+found's <c>FilePath</c>
    /// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-troubleshooting.html).</summary>
    public string StatusOfLocked(Inode inode)
    {
        if (Conflicts.StatusOf(inode, _store.BucketName) is { } lost)
        {
            return lost;
        }

        var entry = inode.ExportState;
        var key = inode.VersionId is null ? null : entry?.BaseKey ?? ObjectKeys.Of(_ns.Prefix, inode);
        var status = "S3Key: " + (key is null ? string.Empty : $"s3://{_store.BucketName}/{key}") + "\n";
        return entry?.Error is { } error ? status + "ExportError: " + error + "\n" : status;
    }

    private void Touch(Inode inode, bool data)
    {
        if (_muted || Conflicts.IsInside(inode) || ReferenceEquals(inode, Conflicts.Directory))
        {
            return;
        }

        var entry = GetOrAdd(inode);
        var now = NowTicks;
        entry.Generation++;
        entry.DataChanged |= data;
        if (entry.Error is not null)
        {
            entry.Error = null;
            _failed--;
        }

        if (entry.FirstChangeTicks == 0)
        {
            entry.FirstChangeTicks = now;
            _pending++;
        }

        var due = DueAfter(now, _options.CommitDelay);
        if (_options.MaxExportDelay is { } max)
        {
            due = Math.Min(due, DueAfter(entry.FirstChangeTicks, max));
        }

        entry.DueTicks = Math.Max(entry.DueTicks, due);
        if (!entry.Waiting && !entry.InProgress)
        {
            Enqueue(entry);
        }
    }

    /// <summary>Clears the dirty mark the namespace puts on a directory whose children changed: only its own changes are exported (its marker), so it stays in sync.</summary>
    private void KeepDirectoryClean(Inode? directory)
    {
        if (directory is { DirtySinceTicks: not 0, ExportState: null })
        {
            directory.DirtySinceTicks = 0;
        }
    }

    private void RenameChildren(Inode directory, string oldPrefix)
    {
        for (var child = directory.Directory.First; child is not null; child = child.NextSibling)
        {
            var oldKey = oldPrefix + child.Name + (child.IsDirectory ? "/" : string.Empty);
            if (child.VersionId is not null)
            {
                RememberBaseKey(child, oldKey);
                Touch(child, data: false);
                if (child.DirtySinceTicks == 0)
                {
                    // Its key changed with its directory's: it is out of sync until exported, so a bucket change under
                    // it is a conflict, not an update of a clean entry.
                    child.DirtySinceTicks = NowTicks;
                }
            }

            if (child.IsDirectory)
            {
                RenameChildren(child, oldKey);
            }
        }
    }

    private void RememberBaseKey(Inode inode, string key)
    {
        if (inode.VersionId is null)
        {
            return;
        }

        var entry = GetOrAdd(inode);
        if (entry.BaseKey is null)
        {
            SetBaseKey(entry, key);
        }
    }

    private void SetBaseKey(ExportEntry entry, string? key)
    {
        if (entry.BaseKey is { } old && _baseKeyOwners.TryGetValue(old, out var owner) && ReferenceEquals(owner, entry))
        {
            _baseKeyOwners.Remove(old);
        }

        entry.BaseKey = key;
        if (key is not null)
        {
            _baseKeyOwners[key] = entry;
        }
    }

    private ExportEntry GetOrAdd(Inode inode)
    {
        return inode.ExportState ??= new ExportEntry(inode);
    }

    /// <summary>The instant <paramref name="delay"/> after <paramref name="ticks"/>, or the end of the calendar when that is later: a delay of <see cref="TimeSpan.MaxValue"/> means never.</summary>
    private static long DueAfter(long ticks, TimeSpan delay) =>
        delay.Ticks < DateTimeOffset.MaxValue.UtcTicks - ticks ? ticks + delay.Ticks : DateTimeOffset.MaxValue.UtcTicks;

    private void Enqueue(ExportEntry entry)
    {
        entry.Waiting = true;
        _waiting.Enqueue(entry, (entry.DueTicks, _sequence++));
        WakeAt(entry.DueTicks);
    }

    private void WakeAt(long dueTicks)
    {
        if (_wake is { } wake && !wake.HasStarted && !wake.IsCancelled)
        {
            if (wake.DueTime.UtcTicks <= dueTicks)
            {
                return;
            }

            wake.Cancel();
        }

        _wake = _scheduler.ScheduleAt(new DateTimeOffset(dueTicks, TimeSpan.Zero), OnWakeAsync, "export due check");
    }

    private ValueTask OnWakeAsync(CancellationToken cancellationToken)
    {
        lock (_ns.Gate)
        {
            _wake = null;
            var now = NowTicks;
            while (_waiting.TryPeek(out var entry, out var priority) && priority.DueTicks <= now)
            {
                _waiting.Dequeue();
                if (!entry.Waiting)
                {
                    continue;
                }

                if (entry.DueTicks > priority.DueTicks)
                {
                    _waiting.Enqueue(entry, (entry.DueTicks, _sequence++));
                    continue;
                }

                entry.Waiting = false;
                entry.InProgress = true;
                _ready.Enqueue(entry);
            }

            if (_waiting.TryPeek(out _, out var next))
            {
                WakeAt(next.DueTicks);
            }
        }

        return PumpAsync(cancellationToken);
    }

    private async ValueTask PumpAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            ExportEntry entry;
            lock (_ns.Gate)
            {
                if (_ready.Count == 0)
                {
                    return;
                }

                var now = NowTicks;
                var start = Math.Max(now, Math.Max(_filesFreeTicks, _bytesFreeTicks));
                if (start > now)
                {
                    if (_pump is null || _pump.HasStarted || _pump.IsCancelled)
                    {
                        _pump = _scheduler.ScheduleAt(new DateTimeOffset(start, TimeSpan.Zero), RunPumpAsync, "export");
                    }

                    return;
                }

                entry = _ready.Dequeue();
                _current = entry;
            }

            var bytes = await ExportAsync(entry, cancellationToken).ConfigureAwait(false);
            lock (_ns.Gate)
            {
                _current = null;
                var now = NowTicks;
                if (_options.MaxFilesPerSecond is { } files)
                {
                    _filesFreeTicks = Math.Max(_filesFreeTicks, now) + (TimeSpan.TicksPerSecond / files);
                }

                if (_options.MaxBytesPerSecond is { } rate && bytes > 0)
                {
                    _bytesFreeTicks = Math.Max(_bytesFreeTicks, now) + (long)(bytes * (double)TimeSpan.TicksPerSecond / rate);
                }
            }
        }
    }

    private ValueTask RunPumpAsync(CancellationToken cancellationToken)
    {
        lock (_ns.Gate)
        {
            _pump = null;
        }

        return PumpAsync(cancellationToken);
    }

    private void Drop(Inode inode)
    {
        if (inode.ExportState is { } entry)
        {
            inode.ExportState = null;
            Unpend(entry);
            SetBaseKey(entry, null);
            entry.Waiting = false;
            if (entry.Error is not null)
            {
                _failed--;
            }
        }
    }

    private void Unpend(ExportEntry entry)
    {
        if (entry.FirstChangeTicks != 0)
        {
            entry.FirstChangeTicks = 0;
            _pending--;
        }
    }
}
