using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace S3FilesSim.Benchmarks.Abstractions;

/// <summary>File.WriteAllBytes and File.ReadAllBytes of 4 KiB through System.IO.Abstractions (target: the adapter faster than
/// MockFileSystem and than System.IO on tmpfs; baseline: System.IO on tmpfs, per category).</summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class AbstractionsSmallFileBenchmarks : AbstractionsBenchmarkBase
{
    private int _n;

    [GlobalSetup]
    public void Setup()
    {
        SetUp();
        Real.File.WriteAllBytes(Real.Path.Combine(RealRoot, "hot.bin"), Block4K);
        Mock.File.WriteAllBytes(MockRoot + "/hot.bin", Block4K);
        Adapter.File.WriteAllBytes(AdapterRoot + "/hot.bin", Block4K);
    }

    [GlobalCleanup]
    public void Cleanup() => TearDown();

    [Benchmark(Baseline = true, Description = "File.WriteAllBytes 4 KiB, System.IO (tmpfs)")]
    [BenchmarkCategory("WriteAllBytes")]
    public void RealWrite() => Real.File.WriteAllBytes(RealRoot + "/f" + (_n++ & 255), Block4K);

    [Benchmark(Description = "File.WriteAllBytes 4 KiB, MockFileSystem")]
    [BenchmarkCategory("WriteAllBytes")]
    public void MockWrite() => Mock.File.WriteAllBytes(MockRoot + "/f" + (_n++ & 255), Block4K);

    [Benchmark(Description = "File.WriteAllBytes 4 KiB, adapter")]
    [BenchmarkCategory("WriteAllBytes")]
    public void AdapterWrite() => Adapter.File.WriteAllBytes(AdapterRoot + "/f" + (_n++ & 255), Block4K);

    [Benchmark(Baseline = true, Description = "File.ReadAllBytes 4 KiB, System.IO (tmpfs)")]
    [BenchmarkCategory("ReadAllBytes")]
    public byte[] RealRead() => Real.File.ReadAllBytes(RealRoot + "/hot.bin");

    [Benchmark(Description = "File.ReadAllBytes 4 KiB, MockFileSystem")]
    [BenchmarkCategory("ReadAllBytes")]
    public byte[] MockRead() => Mock.File.ReadAllBytes(MockRoot + "/hot.bin");

    [Benchmark(Description = "File.ReadAllBytes 4 KiB, adapter")]
    [BenchmarkCategory("ReadAllBytes")]
    public byte[] AdapterRead() => Adapter.File.ReadAllBytes(AdapterRoot + "/hot.bin");
}
