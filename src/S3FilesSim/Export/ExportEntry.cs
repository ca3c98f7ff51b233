using S3FilesSim.Namespace;

namespace S3FilesSim.Export;

/// <summary>The export state of one changed (or failed) file, directory or symbolic link, kept on its inode (<see cref="Inode.SyncState"/>); entries in sync have none.</summary>
/// <remarks>Guarded by the file system's lock.</remarks>
internal sealed class ExportEntry(Inode inode) : InodeSyncState
{
    /// <summary>Gets the entry's inode.</summary>
    public Inode Inode { get; } = inode;

    /// <summary>Gets or sets when the oldest change not yet exported happened, in ticks; 0 when not pending (clean or failed).</summary>
    public long FirstChangeTicks { get; set; }

    /// <summary>Gets or sets when the entry falls due for export, in ticks; only ever moves later while pending.</summary>
    public long DueTicks { get; set; }

    /// <summary>Gets or sets the change counter, so an export that raced with a change leaves the entry dirty.</summary>
    public long Generation { get; set; }

    /// <summary>Gets or sets a value indicating whether the data (not just metadata) changed since the base.</summary>
    public bool DataChanged { get; set; }

    /// <summary>Gets or sets the key the base object lives at when it is not the entry's current key (after a rename or removal).</summary>
    public string? BaseKey { get; set; }

    /// <summary>Gets or sets the path the entry had when it was removed.</summary>
    public string? RemovedPath { get; set; }

    /// <summary>Gets or sets the non-retryable export error (see <see cref="ExportErrorCode"/>), or <see langword="null"/>.</summary>
    public string? Error { get; set; }

    /// <summary>Gets or sets a value indicating whether the entry waits in the due queue.</summary>
    public bool Waiting { get; set; }

    /// <summary>Gets or sets a value indicating whether the entry is ready (queued for the rate-limited exporter) or being exported.</summary>
    public bool InProgress { get; set; }

    /// <summary>Gets or sets the key this entry exports to whose previous owner's base this export moved aside: the key
    /// may still hold that (now released) version when the delete that followed the move failed, so the retry
    /// overwrites it; <see langword="null"/> otherwise.</summary>
    public string? ReleasedKey { get; set; }

    /// <summary>Gets or sets the retryable failures of the current export.</summary>
    public int Attempts { get; set; }
}
