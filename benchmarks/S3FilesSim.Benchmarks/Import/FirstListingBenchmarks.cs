using BenchmarkDotNet.Attributes;
using S3FilesSim.FileSystem;
using S3FilesSim.ObjectStorage;

namespace S3FilesSim.Benchmarks.Import;

/// <summary>The first readdir of a directory of 10,000 objects written by another S3 client (the import of its listing),
/// against the ListObjectsV2 calls (all pages, delimiter <c>/</c>) it is built from.</summary>
[MemoryDiagnoser]
public class FirstListingBenchmarks
{
    private const int ObjectCount = 10_000;

    private S3FilesSimulation _simulation = null!;
    private IFileSystem _mount = null!;

    [IterationSetup]
    public void Setup()
    {
        _simulation = S3FilesSimulation.Create(new SimulationOptions
        {
            Bucket = new InMemoryObjectStoreOptions { Events = new BucketEventDeliveryOptions { Enabled = false } },
        });
        var body = new byte[100];
        for (var i = 0; i < ObjectCount; i++)
        {
            _simulation.Bucket.PutObjectAsync($"d/{i:D6}", body).AsTask().GetAwaiter().GetResult();
        }

        _mount = _simulation.FileSystem.Mount(new MountOptions());
    }

    [IterationCleanup]
    public void Cleanup() => _simulation.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark(Baseline = true, Description = "ListObjectsV2 of 10,000 keys, all pages")]
    public async Task<int> ListObjects()
    {
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

    [Benchmark(Description = "IFileSystem first readdir of 10,000 objects")]
    public async Task<int> FirstReadDirectory() => (await _mount.ReadDirectoryAsync("/d")).Count;
}
