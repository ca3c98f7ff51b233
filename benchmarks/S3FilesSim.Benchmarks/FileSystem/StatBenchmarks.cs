using BenchmarkDotNet.Attributes;

namespace S3FilesSim.Benchmarks.FileSystem;

/// <summary>stat(2) of one hot file: the simulator against System.IO on tmpfs (target: at least 5× faster).</summary>
[MemoryDiagnoser]
public class StatBenchmarks : FileSystemBenchmarkBase
{
    private string _baselineFile = null!;

    [GlobalSetup]
    public void Setup() => _baselineFile = SetUpWithOneHotFile();

    [GlobalCleanup]
    public void Cleanup() => TearDownBoth();

    [Benchmark(Baseline = true, Description = "System.IO FileInfo.Length (tmpfs)")]
    public long SystemIoStat() => new FileInfo(_baselineFile).Length;

    [Benchmark(Description = "IFileSystem.StatAsync")]
    public async ValueTask<long> SimulatorStat() => (await Mount.StatAsync("/data/file.bin")).Size;
}
