using BenchmarkDotNet.Attributes;
using S3FilesSim.FileSystem;
using S3FilesSim.Import;
using S3FilesSim.ObjectStorage;

namespace S3FilesSim.Benchmarks.Import;

/// <summary>
/// Import throughput: 100,000 bucket events (100-byte objects, rate ceilings off) applied to a directory the mount has
/// accessed (target: at least 100,000 events/s), against the same events for a directory never accessed, which the
/// file system delivers and drops (the baseline).
/// </summary>
[MemoryDiagnoser]
public class ImportBenchmarks
{
    private const int EventCount = 100_000;

    private S3FilesSimulation _simulation = null!;

    [IterationSetup(Target = nameof(EventsForUnaccessedDirectory))]
    public void SetupBaseline() => Prepare(accessed: false);

    [IterationSetup(Target = nameof(ImportEvents))]
    public void SetupImport() => Prepare(accessed: true);

    [IterationCleanup]
    public void Cleanup() => _simulation.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark(Baseline = true, OperationsPerInvoke = EventCount, Description = "Delivery of an event for a directory never accessed (per event)")]
    public async Task<long> EventsForUnaccessedDirectory()
    {
        await _simulation.AdvanceAsync(TimeSpan.FromSeconds(10));
        return _simulation.Scheduler.ExecutedCount;
    }

    [Benchmark(OperationsPerInvoke = EventCount, Description = "Import of an event into an accessed directory (per event)")]
    public async Task<long> ImportEvents()
    {
        await _simulation.AdvanceAsync(TimeSpan.FromSeconds(10));
        return _simulation.Scheduler.ExecutedCount;
    }

    private void Prepare(bool accessed)
    {
        _simulation = S3FilesSimulation.Create(new SimulationOptions
        {
            FileSystem = new FileSystemOptions { Import = new ImportOptions { RateCeilings = false } },
        });
        var mount = _simulation.FileSystem.Mount(new MountOptions());
        if (accessed)
        {
            mount.MkdirAsync("/d").AsTask().GetAwaiter().GetResult();
        }

        var body = new byte[100];
        for (var i = 0; i < EventCount; i++)
        {
            _simulation.Bucket.PutObjectAsync($"d/{i:D6}", body).AsTask().GetAwaiter().GetResult();
        }
    }
}
