using Microsoft.Extensions.Logging;
using S3FilesSim.Conflicts;
using S3FilesSim.Cost;
using S3FilesSim.Export;
using S3FilesSim.FileSystem;
using S3FilesSim.HotTier;
using S3FilesSim.Import;
using S3FilesSim.Locking;
using S3FilesSim.Namespace;
using S3FilesSim.ObjectStorage;
using S3FilesSim.ReadPath;
using S3FilesSim.Telemetry;
using S3FilesSim.Time;

namespace S3FilesSim;

/// <summary>
/// Builds one file system's engine in constructor order, lowest layer first: each component receives only the
/// collaborators it needs, all built before it, and nothing is assigned afterwards. docs/ARCHITECTURE.md draws the graph.
/// </summary>
internal static class FileSystemFactory
{
    /// <summary>Builds a file system.</summary>
    /// <param name="fileSystemId">The new file system's id.</param>
    /// <param name="options">The validated file system options.</param>
    /// <param name="bucket">The bucket it synchronizes with.</param>
    /// <param name="events">The bucket's change events (<see cref="NoBucketEvents"/> when it sends none).</param>
    /// <param name="clock">The simulation's clock (and through it, its scheduler).</param>
    /// <param name="random">The simulation's random source.</param>
    /// <param name="telemetryOptions">The validated telemetry options.</param>
    /// <param name="prices">The validated price table.</param>
    /// <param name="loggerFactory">The simulation's logger factory.</param>
    /// <returns>The file system.</returns>
    public static S3FilesFileSystem Create(
        string fileSystemId,
        FileSystemOptions options,
        IObjectStore bucket,
        IBucketEventSource events,
        VirtualClock clock,
        DeterministicRandom random,
        TelemetryOptions telemetryOptions,
        PriceTable prices,
        ILoggerFactory loggerFactory)
    {
        var scheduler = clock.Scheduler;
        var keys = new ObjectKeys(options.Prefix);

        // Telemetry the engine reports to, and the bucket as the engine calls it (metered).
        var syncTelemetry = telemetryOptions.Enabled ? SyncTelemetry.Create(fileSystemId, clock, telemetryOptions, prices, loggerFactory) : null;
        var sync = syncTelemetry?.Reporter ?? SyncReporter.Disabled;
        var store = syncTelemetry is null ? bucket : new MeteredObjectStore(bucket, syncTelemetry.Cost);

        // File-system core: the tree and its lock, the hot tier, lost+found, advisory locks.
        var gate = new Lock();
        var storage = new HotTierStorage(options.MetadataBytesPerInode, syncTelemetry is null ? null : syncTelemetry.Cost.ChangeHighPerformanceFile);
        var lostAndFound = new LostAndFound(fileSystemId);
        var ns = new FileSystemNamespace(gate, clock, storage, keys, lostAndFound);
        var locks = new AdvisoryLockManager(options.MaxLocksPerFile, options.MaxLocksPerMount);

        // Export state: rename tracking (what import asks export) and the changed entries.
        var renames = new RenameTracking(keys);
        var entries = new ExportEntries(renames);

        // Read path and conflicts.
        var router = new ReadRouter(ns, store, renames, options.DirectReadThreshold, store.Capabilities.Multipart ? options.Export.MultipartThresholdBytes : long.MaxValue);
        var conflicts = new ConflictResolver(ns, entries, renames, router, random, sync);

        // Import: rules, pipeline, data import, listing, events, revalidation, expiration.
        var settings = new SynchronizationSettings(keys);
        var importStatistics = new ImportStatistics(sync);
        var pipeline = new ImportPipeline(gate, scheduler, options.Import);
        var dataImport = new DataImport(gate, ns, store, pipeline, settings, renames, importStatistics, sync);
        var entryImport = new EntryImport(ns, renames, dataImport, settings, importStatistics, sync);
        var listing = new DirectoryListing(gate, ns, store, entryImport, renames, importStatistics);
        var revalidation = new KeyRevalidation(gate, ns, store, listing, entryImport, conflicts, renames, importStatistics);
        _ = new BucketEventHandler(gate, ns, scheduler, pipeline, revalidation, renames, importStatistics, sync, events);
        var sweep = new RevalidationSweep(gate, ns, store, scheduler, options.Import, pipeline, listing, revalidation, importStatistics);
        var expiration = new ExpirationSweep(gate, ns, scheduler, options.Import, settings, sync);

        // Export: planner, writer (its conflicts go up to the key revalidation), queue (the observer of client changes).
        var planner = new ExportPlanner(options.Export, store.Capabilities, renames, entries, random, keys);
        var writer = new ExportWriter(gate, store, planner, entries, renames, revalidation, options.Export, clock, sync, keys);
        var queue = new ExportQueue(gate, scheduler, options.Export, lostAndFound, entries, renames, writer, keys);
        var changes = new ClientChanges(queue);

        // Gauges and the metrics that read them; then the periodic work starts.
        var gauges = new FileSystemGauges(ns, entries, queue, pipeline, importStatistics);
        FileSystemTelemetry? telemetry = null;
        if (syncTelemetry is not null)
        {
            telemetry = new FileSystemTelemetry(fileSystemId, scheduler, telemetryOptions, syncTelemetry, gate, gauges.Read, loggerFactory);
            if (StorageUsageOf(bucket) is { } usage)
            {
                telemetry.MeterS3Storage(usage);
            }
        }

        expiration.Start();
        sweep.Start();
        var components = new FileSystemComponents(
            ns,
            locks,
            changes,
            queue,
            renames,
            router,
            listing,
            dataImport,
            revalidation,
            settings,
            gauges,
            bucket,
            telemetry is null ? NoClientMetrics.Instance : telemetry,
            telemetry,
            scheduler);
        return new S3FilesFileSystem(fileSystemId, options, random, components);
    }

    /// <summary>The store whose stored bytes are billed as S3 storage: the bucket, or the store a <see cref="FaultInjectingObjectStore"/> wraps.</summary>
    private static IStorageUsage? StorageUsageOf(IObjectStore bucket) => bucket switch
    {
        IStorageUsage usage => usage,
        FaultInjectingObjectStore faulty => StorageUsageOf(faulty.Inner),
        _ => null,
    };
}
