using BenchmarkDotNet.Attributes;
using S3FilesSim.FileSystem;
using S3FilesSim.Import;
using S3FilesSim.ObjectStorage;

namespace S3FilesSim.Benchmarks.Import;

/// <summary>
/// Import throughput, each against a baseline in the same run. <c>events</c>: 100,000 bucket events (100-byte objects,
/// rate ceilings off) applied to an accessed directory, against the same events for a directory never accessed
/// (delivery and queueing only). <c>listing</c>: the first readdir of a 10,000-object directory, against the bucket
/// listing (all pages) it is built from.
/// </summary>
[MemoryDiagnoser]
public class ImportBenchmarks
{
    private const int EventCount = 100_000;
    private const int ListingCount = 10_000;

    private S3FilesSimulation _simulation = null!;
    private IFileSystem _mount = null!;

    /// <summary>Gets or sets the scenario: <c>events</c> or <c>listing</c>.</summary>
    [Params("events", "listing")]
    public string Scenario { get; set; } = "events";

    /// <summary>Prepares the baseline: objects put, directory never accessed.</summary>
    [IterationSetup(Target = nameof(Baseline))]
    public void SetupBaseline() => Prepare(accessed: false);

    /// <summary>Prepares the import: objects put, with the directory accessed before the events arrive (events) or not yet (listing).</summary>
    [IterationSetup(Target = nameof(Import))]
    public void SetupImport() => Prepare(accessed: Scenario == "events");

    /// <summary>Disposes the simulation.</summary>
    [IterationCleanup]
    public void Cleanup() => _simulation.DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>The baseline: events for a directory never accessed, or the raw bucket listing.</summary>
    /// <returns>The keys listed, or 0.</returns>
    [Benchmark(Baseline = true)]
    public async Task<int> Baseline()
    {
        if (Scenario == "events")
        {
            await _simulation.AdvanceAsync(TimeSpan.FromSeconds(10));
            return 0;
        }

        var keys = 0;
        string? token = null;
        do
        {
            var page = await _simulation.Bucket.ListObjectsV2Async(new ListObjectsV2Request { Prefix = "d/", Delimiter = "/", ContinuationToken = token });
            keys += page.KeyCount;
            token = page.IsTruncated ? page.NextContinuationToken : null;
        }
        while (token is not null);

        return keys;
    }

    /// <summary>Applies the 100,000 events (new entries and their data), or lists the directory for the first time.</summary>
    /// <returns>The entries in the directory afterwards.</returns>
    [Benchmark]
    public async Task<int> Import()
    {
        if (Scenario == "events")
        {
            await _simulation.AdvanceAsync(TimeSpan.FromSeconds(10));
        }

        return (await _mount.ReadDirectoryAsync("/d")).Count;
    }

    private void Prepare(bool accessed)
    {
        var events = Scenario == "events";
        _simulation = S3FilesSimulation.Create(new SimulationOptions
        {
            FileSystem = new FileSystemOptions { Import = new ImportOptions { RateCeilings = false } },
            Bucket = new InMemoryObjectStoreOptions { Events = new BucketEventDeliveryOptions { Enabled = events } },
        });
        if (events)
        {
            _mount = _simulation.FileSystem.Mount(new MountOptions());
            if (accessed)
            {
                _mount.MkdirAsync("/d").AsTask().GetAwaiter().GetResult();
            }
        }

        var body = new byte[100];
        for (var i = 0; i < (events ? EventCount : ListingCount); i++)
        {
            _simulation.Bucket.PutObjectAsync($"d/{i:D6}", body).AsTask().GetAwaiter().GetResult();
        }

        if (!events)
        {
            _mount = _simulation.FileSystem.Mount(new MountOptions());
        }
    }
}
