using BenchmarkDotNet.Attributes;

namespace S3FilesSim.Benchmarks.FileSystem;

/// <summary>readdir + stat of every entry of a 10,000-entry directory (target: at most 2 ms).</summary>
[MemoryDiagnoser]
public class ReadDirectoryBenchmarks : FileSystemBenchmarkBase
{
    private const int Entries = 10_000;

    [GlobalSetup]
    public void Setup()
    {
        SetUpBoth();
        Mount.MkdirAsync("/big").AsTask().GetAwaiter().GetResult();
        Directory.CreateDirectory(Path.Combine(BaselineRoot, "big"));
        for (var i = 0; i < Entries; i++)
        {
            CreateSimFileAsync("/big/file-" + i, Block4K.AsSpan(0, 100).ToArray()).GetAwaiter().GetResult();
            File.WriteAllBytes(Path.Combine(BaselineRoot, "big", "file-" + i), Block4K.AsSpan(0, 100).ToArray());
        }
    }

    [GlobalCleanup]
    public void Cleanup() => TearDownBoth();

    [Benchmark(Baseline = true, Description = "System.IO enumerate + stat 10,000 (tmpfs)")]
    public long SystemIoReadDirectoryStat()
    {
        long total = 0;
        foreach (var info in new DirectoryInfo(Path.Combine(BaselineRoot, "big")).EnumerateFileSystemInfos())
        {
            total += new FileInfo(info.FullName).Length;
        }

        return total;
    }

    [Benchmark(Description = "IFileSystem readdir + stat 10,000")]
    public async ValueTask<long> SimulatorReadDirectoryStat()
    {
        long total = 0;
        foreach (var entry in await Mount.ReadDirectoryAsync("/big"))
        {
            total += (await Mount.StatAsync("/big/" + entry.Name)).Size;
        }

        return total;
    }
}
