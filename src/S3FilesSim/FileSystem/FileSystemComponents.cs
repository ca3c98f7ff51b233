using S3FilesSim.Export;
using S3FilesSim.Import;
using S3FilesSim.Locking;
using S3FilesSim.Namespace;
using S3FilesSim.ObjectStorage;
using S3FilesSim.ReadPath;
using S3FilesSim.Telemetry;

namespace S3FilesSim.FileSystem;

/// <summary>
/// The parts of one file system the facade (<see cref="S3FilesFileSystem"/> and its mounts) calls, as the composition
/// root built them, in constructor order (see docs/ARCHITECTURE.md). Each component below received only its own
/// collaborators; this record is what sits on top of all of them.
/// </summary>
/// <param name="Namespace">The tree, its lock, the hot-tier accounting and lost+found.</param>
/// <param name="Locks">The advisory locks.</param>
/// <param name="ClientChanges">The observer every client change is reported to: the export queue, then any subscriber.</param>
/// <param name="ExportQueue">The export queue (audit, export age).</param>
/// <param name="Renames">The base keys of pending moves.</param>
/// <param name="ReadRouter">Serves the server side of reads.</param>
/// <param name="Listing">Lists a directory on its first access.</param>
/// <param name="DataImport">Imports the data of files read while not resident.</param>
/// <param name="Revalidation">Brings an entry in line with its key's latest version, settling conflicts (the bucket wins).</param>
/// <param name="Synchronization">The synchronization configuration.</param>
/// <param name="Gauges">The point-in-time values and the count of live mounts.</param>
/// <param name="Bucket">The bucket as the user gave it (not metered).</param>
/// <param name="ClientMetrics">Records each client operation (metrics, cost, latency).</param>
/// <param name="Telemetry">The file system's telemetry, or <see langword="null"/> when it is off.</param>
/// <param name="Scheduler">The simulation's scheduler, for front doors over the mounts (<see cref="ISimulationMount"/>).</param>
internal sealed record FileSystemComponents(
    FileSystemNamespace Namespace,
    AdvisoryLockManager Locks,
    ClientChanges ClientChanges,
    ExportQueue ExportQueue,
    RenameTracking Renames,
    ReadRouter ReadRouter,
    DirectoryListing Listing,
    DataImport DataImport,
    KeyRevalidation Revalidation,
    SynchronizationSettings Synchronization,
    FileSystemGauges Gauges,
    IObjectStore Bucket,
    IClientMetrics ClientMetrics,
    FileSystemTelemetry? Telemetry,
    Time.Scheduler Scheduler);
