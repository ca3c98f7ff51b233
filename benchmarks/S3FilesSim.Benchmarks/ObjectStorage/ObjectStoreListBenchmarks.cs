using BenchmarkDotNet.Attributes;
using S3FilesSim.ObjectStorage;
using S3FilesSim.Time;

namespace S3FilesSim.Benchmarks.ObjectStorage;

/// <summary>ListObjectsV2 with delimiter over 10,000 keys (target: under 5 ms) against a linear scan of a sorted key array.</summary>
[MemoryDiagnoser]
public class ObjectStoreListBenchmarks
{
    private InMemoryObjectStore _store = null!;
    private string[] _sortedKeys = null!;

    [GlobalSetup]
    public void Setup()
    {
        _store = new InMemoryObjectStore("bench-bucket", new VirtualClock().Scheduler, new DeterministicRandom(17));
        var keys = new List<string>();
        for (var d = 0; d < 100; d++)
        {
            for (var f = 0; f < 100; f++)
            {
                keys.Add($"dir{d:D3}/file{f:D3}.txt");
            }
        }

        foreach (var key in keys)
        {
            _store.PutObjectAsync(key, Array.Empty<byte>()).AsTask().GetAwaiter().GetResult();
        }

        _sortedKeys = [.. keys.Order(StringComparer.Ordinal)];
    }

    [Benchmark(Baseline = true, Description = "Linear scan of 10,000 sorted keys with delimiter")]
    public int LinearScanWithDelimiter()
    {
        var prefixes = new List<string>();
        foreach (var key in _sortedKeys)
        {
            var cut = key.IndexOf('/', StringComparison.Ordinal);
            var prefix = key[..(cut + 1)];
            if (prefixes.Count == 0 || prefixes[^1] != prefix)
            {
                prefixes.Add(prefix);
            }
        }

        return prefixes.Count;
    }

    [Benchmark(Description = "ListObjectsV2 delimiter '/' over 10,000 keys")]
    public int ListObjectsV2WithDelimiter() =>
        _store.ListObjectsV2Async(new ListObjectsV2Request { Delimiter = "/" }).GetAwaiter().GetResult().KeyCount;

    [Benchmark(Description = "ListObjectsV2 prefix one directory (100 keys)")]
    public int ListObjectsV2OneDirectory() =>
        _store.ListObjectsV2Async(new ListObjectsV2Request { Prefix = "dir050/", Delimiter = "/" }).GetAwaiter().GetResult().KeyCount;
}
