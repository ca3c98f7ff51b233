using System.Collections.Concurrent;
using BenchmarkDotNet.Attributes;
using S3FilesSim.Export;
using S3FilesSim.FileSystem;
using S3FilesSim.ObjectStorage;
using S3FilesSim.Time;

namespace S3FilesSim.Benchmarks.Export;

/// <summary>CPU throughput of the export: 100,000 dirty 100-byte files exported into the in-memory bucket with the rate
/// ceilings off (target: at least 100,000 files/s), against 100,000 ConcurrentDictionary inserts of copies of the same bytes
/// and, as the floor the engine adds to, 100,000 conditional PutObject calls with the same POSIX metadata straight into the bucket.</summary>
[MemoryDiagnoser]
public class ExportBenchmarks
{
    private const int FileCount = 100_000;
    private static readonly byte[] Body = Enumerable.Range(0, 100).Select(i => (byte)i).ToArray();
    private static readonly Dictionary<string, string> PosixMetadata = new()
    {
        ["file-owner"] = "0",
        ["file-group"] = "0",
        ["file-permissions"] = "0100644",
        ["file-mtime"] = "1775520000000000000ns",
        ["file-btime"] = "1775520000000000000ns",
    };

    private S3FilesSimulation _simulation = null!;
    private InMemoryObjectStore _store = null!;
    private ConcurrentDictionary<string, byte[]> _dictionary = null!;
    private string[] _keys = null!;

    [GlobalSetup]
    public void Setup() => _keys = Enumerable.Range(0, FileCount).Select(i => $"d{i % 100:D3}/f{i:D6}").ToArray();

    [IterationSetup(Target = nameof(DictionaryInserts))]
    public void SetupDictionary() => _dictionary = new ConcurrentDictionary<string, byte[]>(StringComparer.Ordinal);

    [IterationSetup(Target = nameof(ExportDirtyFiles))]
    public void SetupFileSystem()
    {
        _simulation = S3FilesSimulation.Create(new SimulationOptions
        {
            FileSystem = new FileSystemOptions { Export = new ExportOptions { MaxFilesPerSecond = null, MaxBytesPerSecond = null } },
        });
        var fs = _simulation.FileSystem.Mount(new MountOptions { User = PosixUser.Root });
        for (var d = 0; d < 100; d++)
        {
            fs.MkdirAsync($"/d{d:D3}").AsTask().GetAwaiter().GetResult();
        }

        foreach (var key in _keys)
        {
            var handle = fs.OpenAsync("/" + key, OpenFlags.WriteOnly | OpenFlags.Create).AsTask().GetAwaiter().GetResult();
            fs.WriteAsync(handle, Body, 0).AsTask().GetAwaiter().GetResult();
            fs.CloseAsync(handle).AsTask().GetAwaiter().GetResult();
        }

        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
    }

    [IterationSetup(Target = nameof(PutObjects))]
    public void SetupStore()
    {
        _store = new InMemoryObjectStore("bench-bucket", new VirtualClock().Scheduler, new DeterministicRandom(17));
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
    }

    [IterationCleanup(Target = nameof(ExportDirtyFiles))]
    public void Cleanup() => _simulation.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark(Baseline = true, OperationsPerInvoke = FileCount, Description = "ConcurrentDictionary insert of a copy (per file)")]
    public int DictionaryInserts()
    {
        foreach (var key in _keys)
        {
            _dictionary[key] = Body.AsSpan().ToArray();
        }

        return _dictionary.Count;
    }

    [Benchmark(OperationsPerInvoke = FileCount, Description = "PutObject If-None-Match of 100 bytes + POSIX metadata (per object)")]
    public int PutObjects()
    {
        foreach (var key in _keys)
        {
            _store.PutObjectAsync(new PutObjectRequest { Key = key, Content = ObjectContent.FromBytes(Body), Metadata = PosixMetadata, IfNoneMatch = ETag.Any }).AsTask().GetAwaiter().GetResult();
        }

        return _store.ObjectCount;
    }

    [Benchmark(OperationsPerInvoke = FileCount, Description = "Export of a dirty 100-byte file (per file)")]
    public int ExportDirtyFiles()
    {
        _simulation.AdvanceAsync(TimeSpan.FromSeconds(60)).AsTask().GetAwaiter().GetResult();
        return _simulation.Bucket.ObjectCount;
    }
}
