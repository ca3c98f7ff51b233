using BenchmarkDotNet.Attributes;
using S3FilesSim.FileSystem;

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
        _source = new byte[(long)Reads * MiB];
        new Random(1).NextBytes(_source);
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
