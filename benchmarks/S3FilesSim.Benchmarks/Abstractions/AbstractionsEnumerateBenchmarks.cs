using BenchmarkDotNet.Attributes;

namespace S3FilesSim.Benchmarks.Abstractions;

/// <summary>Directory.EnumerateFiles of a directory of 10,000 files through System.IO.Abstractions, counting the paths
/// (baseline: System.IO on tmpfs).</summary>
[MemoryDiagnoser]
public class AbstractionsEnumerateBenchmarks : AbstractionsBenchmarkBase
{
    private const int Files = 10_000;

    [GlobalSetup]
    public void Setup()
    {
        SetUp();
        for (var i = 0; i < Files; i++)
        {
            Real.File.WriteAllBytes(RealRoot + "/f" + i, []);
            Mock.File.WriteAllBytes(MockRoot + "/f" + i, []);
            Adapter.File.WriteAllBytes(AdapterRoot + "/f" + i, []);
        }
    }

    [GlobalCleanup]
    public void Cleanup() => TearDown();

    [Benchmark(Baseline = true, Description = "Directory.EnumerateFiles of 10,000, System.IO (tmpfs)")]
    public int Real10K() => Real.Directory.EnumerateFiles(RealRoot).Count();

    [Benchmark(Description = "Directory.EnumerateFiles of 10,000, MockFileSystem")]
    public int Mock10K() => Mock.Directory.EnumerateFiles(MockRoot).Count();

    [Benchmark(Description = "Directory.EnumerateFiles of 10,000, adapter")]
    public int Adapter10K() => Adapter.Directory.EnumerateFiles(AdapterRoot).Count();
}
