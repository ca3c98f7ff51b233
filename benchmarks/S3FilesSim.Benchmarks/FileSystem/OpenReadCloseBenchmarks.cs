using BenchmarkDotNet.Attributes;
using S3FilesSim.FileSystem;

namespace S3FilesSim.Benchmarks.FileSystem;

/// <summary>open + read 4 KiB + close of a hot file (target: at least 8× faster than tmpfs).</summary>
[MemoryDiagnoser]
public class OpenReadCloseBenchmarks : FileSystemBenchmarkBase
{
    private readonly byte[] _buffer = new byte[4096];
    private string _baselineFile = null!;

    [GlobalSetup]
    public void Setup() => _baselineFile = SetUpWithOneHotFile();

    [GlobalCleanup]
    public void Cleanup() => TearDownBoth();

    [Benchmark(Baseline = true, Description = "System.IO open+read 4 KiB+close (tmpfs)")]
    public int SystemIoOpenReadClose()
    {
        using var stream = new FileStream(_baselineFile, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0);
        return stream.Read(_buffer);
    }

    [Benchmark(Description = "IFileSystem open+read 4 KiB+close")]
    public async ValueTask<int> SimulatorOpenReadClose()
    {
        var handle = await Mount.OpenAsync("/data/file.bin", OpenFlags.ReadOnly);
        var read = await Mount.ReadAsync(handle, _buffer, 0);
        await Mount.CloseAsync(handle);
        return read;
    }
}
