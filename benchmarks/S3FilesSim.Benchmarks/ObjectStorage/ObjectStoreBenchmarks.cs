using System.Collections.Concurrent;
using BenchmarkDotNet.Attributes;
using S3FilesSim.ObjectStorage;
using S3FilesSim.Time;

namespace S3FilesSim.Benchmarks.ObjectStorage;

/// <summary>HeadObject and GetObject of 1 KiB objects against a raw dictionary lookup (target: within 3x).</summary>
[MemoryDiagnoser]
public class ObjectStoreBenchmarks
{
    private const int ObjectCount = 1000;
    private const int ObjectSize = 1024;
    private readonly ConcurrentDictionary<string, byte[]> _dictionary = new(StringComparer.Ordinal);
    private InMemoryObjectStore _store = null!;
    private string[] _keys = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(17);
        _store = new InMemoryObjectStore("bench-bucket", new VirtualClock().Scheduler, new DeterministicRandom(17));
        _keys = Enumerable.Range(0, ObjectCount).Select(i => $"data/dir{i % 10}/file{i:D5}.bin").ToArray();
        foreach (var key in _keys)
        {
            var body = new byte[ObjectSize];
            random.NextBytes(body);
            _dictionary[key] = body;
            _store.PutObjectAsync(key, body).AsTask().GetAwaiter().GetResult();
        }
    }

    [Benchmark(Baseline = true, Description = "ConcurrentDictionary lookup")]
    public byte[]? DictionaryLookup() => _dictionary.TryGetValue(NextKey(), out var body) ? body : null;

    [Benchmark(Description = "ConcurrentDictionary lookup + copy 1 KiB")]
    public byte[]? DictionaryLookupAndCopy() => _dictionary.TryGetValue(NextKey(), out var body) ? body.AsSpan().ToArray() : null;

    [Benchmark(Description = "HeadObject 1 KiB")]
    public ObjectMetadata? HeadObject() => _store.HeadObjectAsync(NextKey()).GetAwaiter().GetResult();

    [Benchmark(Description = "HeadObject 1 KiB through IObjectStore (request object)")]
    public ObjectMetadata? HeadObjectThroughPort() => ((IObjectStore)_store).HeadObjectAsync(NextKey()).GetAwaiter().GetResult();

    [Benchmark(Description = "GetObject 1 KiB + read body")]
    public byte[]? GetObjectAndReadBody() => _store.GetObjectBytesAsync(NextKey()).GetAwaiter().GetResult();

    private string NextKey()
    {
        var key = _keys[_next];
        _next = _next + 1 == ObjectCount ? 0 : _next + 1;
        return key;
    }
}
