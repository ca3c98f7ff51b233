using S3FilesSim.Namespace;
using S3FilesSim.Time;

namespace S3FilesSim.Export;

/// <summary>
/// The export queue of one file system: hears every client change (it is the namespace observer a mount passes),
/// debounces each changed entry until it has been quiet for <see cref="ExportOptions.CommitDelay"/> (or
/// <see cref="ExportOptions.MaxExportDelay"/> after its first change), hands due entries to the
/// <see cref="ExportWriter"/> one at a time in order of readiness, and keeps the files-per-second and bytes-per-second
/// ceilings (https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-synchronization.html).
/// </summary>
/// <remarks>Observer calls arrive with the file system's lock held; the export runs on the simulation's
/// <see cref="Scheduler"/> and takes the lock only around in-memory steps, never across a bucket call.</remarks>
internal sealed class ExportQueue : INamespaceObserver
{
    private readonly Lock _gate;
    private readonly Scheduler _scheduler;
    private readonly ExportOptions _options;
    private readonly LostAndFound _lostAndFound;
    private readonly ExportEntries _entries;
    private readonly RenameTracking _renames;
    private readonly ExportWriter _writer;
    private readonly ObjectKeys _keys;
    private readonly PriorityQueue<ExportEntry, (long DueTicks, long Sequence)> _waiting = new();
    private readonly Queue<ExportEntry> _ready = new();
    private long _sequence;
    private ScheduledWork? _wake;
    private ScheduledWork? _pump;
    private ExportEntry? _current;
    private long _filesFreeTicks;
    private long _bytesFreeTicks;

    /// <summary>Creates the queue.</summary>
    /// <param name="gate">The file system's lock.</param>
    /// <param name="scheduler">The simulation's scheduler, which runs the exports.</param>
    /// <param name="options">The export options.</param>
    /// <param name="lostAndFound">The lost+found directory, never exported.</param>
    /// <param name="entries">The export state of changed entries.</param>
    /// <param name="renames">The base keys of pending moves.</param>
    /// <param name="writer">Writes one due entry to the bucket.</param>
    /// <param name="keys">The file system's keys.</param>
    public ExportQueue(Lock gate, Scheduler scheduler, ExportOptions options, LostAndFound lostAndFound, ExportEntries entries, RenameTracking renames, ExportWriter writer, ObjectKeys keys)
    {
        _gate = gate;
        _scheduler = scheduler;
        _options = options;
        _lostAndFound = lostAndFound;
        _entries = entries;
        _renames = renames;
        _writer = writer;
        _keys = keys;
    }

    /// <summary>Gets the age of the oldest export in progress (ready or being written), from its oldest unexported change (the <c>ExportAge</c> metric); zero when none. Called with the lock held.</summary>
    public TimeSpan ExportAge
    {
        get
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

    private long NowTicks => _scheduler.Clock.GetUtcNow().UtcTicks;

    /// <summary>The instant <paramref name="delay"/> after <paramref name="ticks"/>, or the end of the calendar when that is later: a delay of <see cref="TimeSpan.MaxValue"/> means never.</summary>
    public static long DueAfter(long ticks, TimeSpan delay) =>
        delay.Ticks < DateTimeOffset.MaxValue.UtcTicks - ticks ? ticks + delay.Ticks : DateTimeOffset.MaxValue.UtcTicks;

    /// <inheritdoc />
    public void OnCreated(Inode inode, string path) => Touch(inode, data: true);

    /// <inheritdoc />
    public void OnDataChanged(Inode inode, string path) => Touch(inode, data: true);

    /// <inheritdoc />
    public void OnMetadataChanged(Inode inode, string path) => Touch(inode, data: false);

    /// <inheritdoc />
    public void OnRenamed(Inode inode, string oldPath, string newPath)
    {
        var oldKey = _keys.OfPath(oldPath, inode.IsDirectory);
        RememberBaseKey(inode, oldKey);
        Touch(inode, data: false);
        if (inode.IsDirectory)
        {
            RenameChildren(inode, oldKey);
        }
    }

    /// <inheritdoc />
    public void OnRemoved(Inode inode, string path)
    {
        if (_lostAndFound.IsLostAndFoundPath(path) || inode.VersionId is null)
        {
            _entries.Drop(inode);
            return;
        }

        var entry = _entries.GetOrAdd(inode);
        entry.RemovedPath = path;
        RememberBaseKey(inode, _keys.OfPath(path, inode.IsDirectory));
        Touch(inode, data: false);
    }

    /// <summary>Recounts, from the entries themselves, what the metric counters claim: the changed entries not yet
    /// exported and the inodes whose export failed for good; called with the lock held.</summary>
    /// <param name="root">The file system root; every loaded entry below it is counted.</param>
    public (int Pending, IReadOnlyList<Inode> Failed) Audit(Inode root)
    {
        var entries = new HashSet<ExportEntry>(ReferenceEqualityComparer.Instance);
        CollectEntries(root, entries);
        foreach (var (entry, _) in _waiting.UnorderedItems)
        {
            entries.Add(entry);
        }

        entries.UnionWith(_ready);
        if (_current is not null)
        {
            entries.Add(_current);
        }

        return (entries.Count(e => e.FirstChangeTicks != 0), [.. entries.Where(e => e.Error is not null).Select(e => e.Inode)]);
    }

    /// <summary>Adds the export state of <paramref name="inode"/> and of everything below it that the file system has loaded.</summary>
    private static void CollectEntries(Inode inode, HashSet<ExportEntry> entries)
    {
        if (ExportEntries.Of(inode) is { } entry)
        {
            entries.Add(entry);
        }

        if (inode.IsDirectory)
        {
            for (var child = inode.DirectoryAsIs.First; child is not null; child = child.NextSibling)
            {
                CollectEntries(child, entries);
            }
        }
    }

    private void Touch(Inode inode, bool data)
    {
        if (_lostAndFound.IsInside(inode) || ReferenceEquals(inode, _lostAndFound.Directory))
        {
            return;
        }

        var entry = _entries.GetOrAdd(inode);
        var now = NowTicks;
        _entries.MarkChanged(entry, now, data);
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

    private void RenameChildren(Inode directory, string oldPrefix)
    {
        for (var child = directory.Directory.First; child is not null; child = child.NextSibling)
        {
            var oldKey = ObjectKeys.ChildOf(oldPrefix, child.Name, child.IsDirectory);
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

        var entry = _entries.GetOrAdd(inode);
        if (entry.BaseKey is null)
        {
            _renames.SetBaseKey(entry, key);
        }
    }

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
        lock (_gate)
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
            lock (_gate)
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

            var outcome = await _writer.ExportAsync(entry, cancellationToken).ConfigureAwait(false);
            lock (_gate)
            {
                _current = null;
                FollowUp(entry, outcome.FollowUp);
                var now = NowTicks;
                if (_options.MaxFilesPerSecond is { } files)
                {
                    _filesFreeTicks = Math.Max(_filesFreeTicks, now) + (TimeSpan.TicksPerSecond / files);
                }

                if (_options.MaxBytesPerSecond is { } rate && outcome.Bytes > 0)
                {
                    _bytesFreeTicks = Math.Max(_bytesFreeTicks, now) + (long)(outcome.Bytes * (double)TimeSpan.TicksPerSecond / rate);
                }
            }
        }
    }

    /// <summary>Does what the writer asked for <paramref name="entry"/>; a client change since the writer committed may already have queued it.</summary>
    private void FollowUp(ExportEntry entry, ExportFollowUp followUp)
    {
        switch (followUp)
        {
            case ExportFollowUp.Touch:
                Touch(entry.Inode, data: false);
                break;
            case ExportFollowUp.Enqueue when ReferenceEquals(entry.Inode.SyncState, entry) && !entry.Waiting && !entry.InProgress:
                Enqueue(entry);
                break;
        }
    }

    private ValueTask RunPumpAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _pump = null;
        }

        return PumpAsync(cancellationToken);
    }
}
