using S3FilesSim.Namespace;

namespace S3FilesSim.Export;

/// <summary>
/// The export state of one file system's changed entries (an <see cref="ExportEntry"/> on each changed inode) and
/// the counts the metrics read: entries with unexported changes (<c>PendingExports</c>) and exports that failed for
/// good (<c>ExportFailures</c>).
/// </summary>
/// <remarks>Guarded by the file system's lock; memory grows with the changed entries only.</remarks>
/// <param name="renames">The base keys of pending moves, released when an entry's state is dropped.</param>
internal sealed class ExportEntries(RenameTracking renames)
{
    private int _pending;
    private int _failed;
    private long _failures;

    /// <summary>Gets the number of changed entries not yet exported (the <c>PendingExports</c> metric).</summary>
    public int Pending => _pending;

    /// <summary>Gets the number of exports that failed with a non-retryable error (the <c>ExportFailures</c> metric).</summary>
    public long Failures => _failures;

    /// <summary>Returns the export state of <paramref name="inode"/>, or <see langword="null"/> when it is in sync.</summary>
    public static ExportEntry? Of(Inode inode) => inode.SyncState as ExportEntry;

    /// <summary>Returns the export state of <paramref name="inode"/>, creating it when the entry has none.</summary>
    public ExportEntry GetOrAdd(Inode inode)
    {
        if (inode.SyncState is ExportEntry entry)
        {
            return entry;
        }

        entry = new ExportEntry(inode);
        inode.SyncState = entry;
        return entry;
    }

    /// <summary>Records a change of <paramref name="entry"/> at <paramref name="nowTicks"/>: a new generation, pending from its first unexported change, any failure forgotten.</summary>
    /// <param name="entry">The entry.</param>
    /// <param name="nowTicks">The time of the change.</param>
    /// <param name="data">Whether the data (not just metadata) changed.</param>
    public void MarkChanged(ExportEntry entry, long nowTicks, bool data)
    {
        entry.Generation++;
        entry.DataChanged |= data;
        if (entry.Error is not null)
        {
            entry.Error = null;
            _failed--;
        }

        if (entry.FirstChangeTicks == 0)
        {
            entry.FirstChangeTicks = nowTicks;
            _pending++;
        }
    }

    /// <summary>Marks the export of <paramref name="entry"/> failed for good with <paramref name="code"/> (see <see cref="ExportErrorCode"/>); it is not retried until it changes again.</summary>
    public void Fail(ExportEntry entry, string code)
    {
        entry.InProgress = false;
        entry.Attempts = 0;
        if (entry.Error is null)
        {
            _failed++;
        }

        entry.Error = code;
        _failures++;
        Unpend(entry);
    }

    /// <summary>The entry is in sync: its inode is clean and its export state goes.</summary>
    public void Clean(ExportEntry entry)
    {
        entry.InProgress = false;
        entry.Inode.DirtySinceTicks = 0;
        Drop(entry.Inode);
    }

    /// <summary>Forgets the export state of <paramref name="inode"/>, if any: its pending change, its base key, its failure.</summary>
    public void Drop(Inode inode)
    {
        if (inode.SyncState is ExportEntry entry)
        {
            inode.SyncState = null;
            Unpend(entry);
            renames.SetBaseKey(entry, null);
            entry.Waiting = false;
            if (entry.Error is not null)
            {
                _failed--;
            }
        }
    }

    /// <summary>Returns whether a directory above <paramref name="inode"/> failed to export for good.</summary>
    public bool FailedDependency(Inode inode)
    {
        if (_failed == 0)
        {
            return false;
        }

        for (var parent = inode.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent.SyncState is ExportEntry { Error: not null })
            {
                return true;
            }
        }

        return false;
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
