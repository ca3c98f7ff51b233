namespace S3FilesSim.Namespace;

/// <summary>
/// The base of the state the sync engine keeps on one inode (<see cref="Inode.SyncState"/>): the export queue's entry.
/// The namespace stores it and never reads it, so the namespace knows no engine type.
/// </summary>
internal abstract class InodeSyncState
{
}
