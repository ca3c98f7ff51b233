using BenchmarkDotNet.Attributes;
using S3FilesSim.FileSystem;

namespace S3FilesSim.Benchmarks.FileSystem;

/// <summary>create + write 4 KiB + close of a new file (target: at least 8× faster than tmpfs).</summary>
[MemoryDiagnoser]
public class CreateWriteCloseBenchmarks : FileSystemBenchmarkBase
{
    private int _n;

    [GlobalSetup]
    public void Setup()
    {
        SetUpBoth();
        Mount.MkdirAsync("/data").AsTask().GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup() => TearDownBoth();

    [Benchmark(Baseline = true, Description = "System.IO create+write 4 KiB+close (tmpfs)")]
    public void SystemIoCreateWriteClose()
    {
        var path = Path.Combine(BaselineRoot, "f" + (_n++ & 1023));
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0);
        stream.Write(Block4K);
    }

    [Benchmark(Description = "IFileSystem open(O_CREAT|O_TRUNC)+write 4 KiB+close")]
    public async ValueTask SimulatorCreateWriteClose()
    {
        var handle = await Mount.OpenAsync("/data/f" + (_n++ & 1023), OpenFlags.WriteOnly | OpenFlags.Create | OpenFlags.Truncate);
        await Mount.WriteAsync(handle, Block4K, 0);
        await Mount.CloseAsync(handle);
    }
}
