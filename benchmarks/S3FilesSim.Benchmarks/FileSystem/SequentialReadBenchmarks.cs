using BenchmarkDotNet.Attributes;
using S3FilesSim.FileSystem;

namespace S3FilesSim.Benchmarks.FileSystem;

/// <summary>Sequential 1 MiB reads of a hot 1 GiB file against a plain memory copy (target: at least 30% of its speed).</summary>
[MemoryDiagnoser]
public class SequentialReadBenchmarks : FileSystemBenchmarkBase
{
    private const int MiB = 1 << 20;
    private const int Reads = 1024;
    private readonly byte[] _buffer = new byte[MiB];
    private byte[] _source = null!;
    private FileHandle _handle;

    [GlobalSetup]
    public void Setup()
    {
        SetUpBoth();
        _source = DeterministicBytes((long)Reads * MiB, seed: 1);
        var handle = Mount.OpenAsync("/big.bin", OpenFlags.WriteOnly | OpenFlags.Create).AsTask().GetAwaiter().GetResult();
        for (var i = 0; i < Reads; i++)
        {
            Mount.WriteAsync(handle, _source.AsMemory(i * MiB, MiB), (long)i * MiB).AsTask().GetAwaiter().GetResult();
        }

        Mount.CloseAsync(handle).AsTask().GetAwaiter().GetResult();
        _handle = Mount.OpenAsync("/big.bin", OpenFlags.ReadOnly).AsTask().GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup() => TearDownBoth();

    [Benchmark(Baseline = true, OperationsPerInvoke = Reads, Description = "Span.CopyTo 1 MiB (memory copy)")]
    public void MemoryCopy()
    {
        for (var i = 0; i < Reads; i++)
        {
            _source.AsSpan(i * MiB, MiB).CopyTo(_buffer);
        }
    }

    [Benchmark(OperationsPerInvoke = Reads, Description = "IFileSystem pread 1 MiB sequential, 1 GiB hot file")]
    public async ValueTask<long> SimulatorSequentialRead()
    {
        long total = 0;
        for (var i = 0; i < Reads; i++)
        {
            total += await Mount.ReadAsync(_handle, _buffer, (long)i * MiB);
        }

        return total;
    }
}
