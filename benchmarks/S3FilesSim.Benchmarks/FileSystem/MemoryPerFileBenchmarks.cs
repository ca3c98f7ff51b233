using System.Globalization;
using BenchmarkDotNet.Attributes;
using S3FilesSim.FileSystem;

namespace S3FilesSim.Benchmarks.FileSystem;

/// <summary>
/// Memory per file for 1,000,000 empty files (1,000 directories × 1,000 files). The Allocated column per operation
/// counts every allocation, transient ones included; the heap each file retains (target: under 400 B of metadata) is
/// measured after each iteration with a full collection and shown in the <c>Retained/file</c> column.
/// Baseline: a dictionary of the same paths.
/// </summary>
[MemoryDiagnoser]
[RetainedBytesPerFileColumn]
public class MemoryPerFileBenchmarks
{
    private const int Directories = 1_000;
    private const int FilesPerDirectory = 1_000;
    private const int Files = Directories * FilesPerDirectory;
    private S3FilesSimulation? _simulation;
    private IFileSystem _mount = null!;
    private string[] _names = null!;
    private Dictionary<string, byte[]>? _dictionary;
    private long _heapBefore;

    [GlobalSetup]
    public void Setup() => _names = Enumerable.Range(0, FilesPerDirectory).Select(i => "file-" + i.ToString("D6", CultureInfo.InvariantCulture)).ToArray();

    [IterationSetup]
    public void IterationSetup()
    {
        _simulation = S3FilesSimulation.Create();
        _mount = _simulation.FileSystem.Mount(new MountOptions { User = PosixUser.Root });
        _dictionary = null;
        _heapBefore = GC.GetTotalMemory(forceFullCollection: true);
    }

    [IterationCleanup]
    public void IterationCleanup()
    {
        var retained = GC.GetTotalMemory(forceFullCollection: true) - _heapBefore;
        Console.WriteLine(RetainedBytesPerFileColumnAttribute.OutputPrefix + (retained / (double)Files).ToString("F1", CultureInfo.InvariantCulture));
        GC.KeepAlive(_mount);
        _simulation?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _simulation = null;
        _dictionary = null;
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Files, Description = "Dictionary<string, byte[]> of 1,000,000 paths")]
    public int DictionaryOfPaths()
    {
        _dictionary = new Dictionary<string, byte[]>();
        for (var d = 0; d < Directories; d++)
        {
            var prefix = "/d" + d + "/";
            foreach (var name in _names)
            {
                _dictionary[prefix + name] = [];
            }
        }

        return _dictionary.Count;
    }

    [Benchmark(OperationsPerInvoke = Files, Description = "IFileSystem create 1,000,000 empty files")]
    public async ValueTask<int> SimulatorFiles()
    {
        for (var d = 0; d < Directories; d++)
        {
            var directory = "/d" + d;
            await _mount.MkdirAsync(directory);
            foreach (var name in _names)
            {
                var handle = await _mount.OpenAsync(directory + "/" + name, OpenFlags.WriteOnly | OpenFlags.Create | OpenFlags.Exclusive);
                await _mount.CloseAsync(handle);
            }
        }

        return Files;
    }
}
