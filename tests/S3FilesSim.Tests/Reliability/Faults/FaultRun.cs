using S3FilesSim.Export;
using S3FilesSim.FileSystem;
using S3FilesSim.Import;
using S3FilesSim.ObjectStorage;

namespace S3FilesSim.Tests.Reliability.Faults;

/// <summary>One kind of fault run: the bucket fault rules, the event-stream faults and the workload's large writes.</summary>
internal sealed record FaultProfile(string Name)
{
    public IReadOnlyList<ObjectStoreFaultRule> Rules { get; init; } = [];

    public BucketEventDeliveryOptions Events { get; init; } = new();

    public long LargeWriteBytes { get; init; }
}

/// <summary>The outcome of one seeded fault run.</summary>
/// <remarks><see cref="Trace"/> (the operations and the sync timeline) is kept only when there are violations, to replay the seed.</remarks>
internal sealed record FaultRunResult(int Seed, IReadOnlyList<string> Violations, int StoreFaults, BucketEventDeliveryStatistics Events, int AcknowledgedWrites, int OpenUploads)
{
    public IReadOnlyList<string> Trace { get; init; } = [];
}

/// <summary>
/// Runs one seeded fault run: a file system over a <see cref="FaultInjectingObjectStore"/> (with revalidation every
/// 5 minutes), two mounts, the mixed workload under faults, then faults stop, the system is quiet for two hours
/// (past the commit delay, the longest retry back-off, long event delays and revalidation), and the invariants are checked.
/// </summary>
internal static class FaultRun
{
    /// <summary>Longer than the 5-minute retry back-off ceiling, the 10-minute long event delay and the revalidation interval together.</summary>
    public static readonly TimeSpan QuietPeriod = TimeSpan.FromHours(2);

    public static async Task<FaultRunResult> RunAsync(FaultProfile profile, int seed, int operations)
    {
        var bucketOptions = new InMemoryObjectStoreOptions { Events = profile.Events };
        var fileSystemOptions = new FileSystemOptions
        {
            Import = new ImportOptions { RevalidationInterval = TimeSpan.FromMinutes(5) },
            Export = profile.LargeWriteBytes > 0 ? new ExportOptions { MultipartThresholdBytes = 5L << 20, MultipartPartSizeBytes = 5L << 20 } : new ExportOptions(),
        };
        await using var sim = S3FilesSimulation.Create(new SimulationOptions { Seed = seed, Bucket = bucketOptions, FileSystem = fileSystemOptions });
        var store = new FaultInjectingObjectStore(sim.Bucket, sim.Random, sim.Scheduler);
        var fileSystem = sim.CreateFileSystem(fileSystemOptions, store);
        IFileSystem[] mounts = [fileSystem.Mount(new MountOptions()), fileSystem.Mount(new MountOptions())];
        var checker = new InvariantChecker(fileSystem, sim.Bucket);
        var handles = profile.Rules.Select(store.Add).ToList();
        var faultsActive = true;
        var workload = new MixedWorkload(sim, mounts, sim.Bucket, checker, seed) { LargeWriteBytes = profile.LargeWriteBytes, FaultsActive = () => faultsActive };

        await workload.RunAsync(operations);
        store.Reset();
        faultsActive = false;
        await sim.AdvanceAsync(QuietPeriod);
        var violations = await checker.CheckAsync(mounts[0]);
        var trace = violations.Count == 0
            ? []
            : workload.Trace.Concat(fileSystem.Timeline.Query().Select(e => $"{e.Timestamp:HH:mm:ss.fff} timeline {e.Kind} {e.Path} {e.Key} {e.VersionId} {e.Reason} {e.ErrorCode}")).ToList();

        return new FaultRunResult(seed, violations, handles.Sum(h => h.InjectedCount), sim.Bucket.EventStatistics, checker.AcknowledgedWrites, sim.Bucket.MultipartUploadCount) { Trace = trace };
    }
}
