using BenchmarkDotNet.Attributes;
using Microsoft.Win32.SafeHandles;
using S3FilesSim.FileSystem;

namespace S3FilesSim.Benchmarks.FileSystem;

/// <summary>Random 4 KiB reads at 4 KiB-aligned offsets of a hot 256 MiB file: the simulator against
/// <see cref="RandomAccess.Read(SafeFileHandle, Span{byte}, long)"/> on the same file on tmpfs (the baseline), with a plain
/// memory copy of the same ranges as the floor.</summary>
[MemoryDiagnoser]
public class RandomReadBenchmarks : FileSystemBenchmarkBase
{
    private const int BlockSize = 4096;
    private const long FileSize = 256L << 20;
    private const int Reads = 1024;
    private readonly byte[] _buffer = new byte[BlockSize];
    private byte[] _source = null!;
    private long[] _offsets = null!;
    private FileHandle _handle;
    private SafeFileHandle _baselineHandle = null!;

    [GlobalSetup]
    public void Setup()
    {
        SetUpBoth();
        var random = new Random(7);
        _source = DeterministicBytes(FileSize, seed: 7);
        _offsets = Enumerable.Range(0, Reads).Select(_ => random.NextInt64(FileSize / BlockSize) * BlockSize).ToArray();
        CreateSimFileAsync("/random.bin", _source).GetAwaiter().GetResult();
        _handle = Mount.OpenAsync("/random.bin", OpenFlags.ReadOnly).AsTask().GetAwaiter().GetResult();
        var baselineFile = Path.Combine(BaselineRoot, "random.bin");
        File.WriteAllBytes(baselineFile, _source);
        _baselineHandle = File.OpenHandle(baselineFile);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _baselineHandle.Dispose();
        TearDownBoth();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Reads, Description = "System.IO RandomAccess.Read 4 KiB at random offsets (tmpfs)")]
    public long SystemIoRandomRead()
    {
        long total = 0;
        foreach (var offset in _offsets)
        {
            total += RandomAccess.Read(_baselineHandle, _buffer, offset);
        }

        return total;
    }

    [Benchmark(OperationsPerInvoke = Reads, Description = "Span.CopyTo 4 KiB at random offsets (memory copy)")]
    public long MemoryCopyRandom()
    {
        foreach (var offset in _offsets)
        {
            _source.AsSpan((int)offset, BlockSize).CopyTo(_buffer);
        }

        return (long)Reads * BlockSize;
    }

    [Benchmark(OperationsPerInvoke = Reads, Description = "IFileSystem pread 4 KiB at random offsets, 256 MiB hot file")]
    public async ValueTask<long> SimulatorRandomRead()
    {
        long total = 0;
        foreach (var offset in _offsets)
        {
            total += await Mount.ReadAsync(_handle, _buffer, offset);
        }

        return total;
    }
}
