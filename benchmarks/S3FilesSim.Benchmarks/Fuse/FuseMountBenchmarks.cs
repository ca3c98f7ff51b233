using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace S3FilesSim.Benchmarks.Fuse;

/// <summary>
/// Programs' calls through the kernel on the simulator's FUSE mount, against the same calls on tmpfs and on libfuse's
/// passthrough_ll over tmpfs (the baseline of each category: the cost of FUSE itself, both asked on every call since
/// neither lets the kernel cache). Targets: metadata calls within 1.5× of passthrough_ll; sequential reads at least
/// 1 GB/s. Create + write also runs on passthrough_ll <c>-o xattr</c>: a file system with extended attributes pays two
/// more requests there (the kernel's <c>security.capability</c> lookups), as the simulator does. Needs root, /dev/fuse, gcc and libfuse3-dev (the set-up builds passthrough_ll).
/// </summary>
[MemoryDiagnoser]
[CategoriesColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[ThroughputColumn(SequentialRead, MiB)]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public class FuseMountBenchmarks
{
    private const string StatCategory = "stat";
    private const string CreateWrite = "create + write 4 KiB + close";
    private const string OpenRead = "open + read 4 KiB + close";
    private const string ListStat = "readdir + stat of 1,000";
    private const string SequentialRead = "sequential 1 MiB reads, 256 MiB file";
    private const int MiB = 1 << 20;
    private const int BigFileMiB = 256;
    private const int ListedFiles = 1000;

    private readonly byte[] _block = Enumerable.Range(0, 4096).Select(i => (byte)i).ToArray();
    private readonly byte[] _buffer = new byte[MiB];
    private readonly Dictionary<Target, Paths> _paths = [];
    private Targets? _targets;

    [GlobalSetup(Targets = [nameof(SequentialReadTmpfs), nameof(SequentialReadPassthrough), nameof(SequentialReadSimulator)])]
    public void SetupBigFile()
    {
        Setup();
        var chunk = new byte[MiB];
        new Random(1).NextBytes(chunk);
        foreach (var (_, paths) in _paths)
        {
            var fd = Native.Open(paths.Big, Native.WriteCreateTruncate);
            for (var i = 0; i < BigFileMiB; i++)
            {
                Native.Write(fd, chunk);
            }

            Native.Close(fd);
        }
    }

    [GlobalSetup(Targets = [
        nameof(StatTmpfs), nameof(StatPassthrough), nameof(StatSimulator),
        nameof(CreateWriteTmpfs), nameof(CreateWritePassthrough), nameof(CreateWritePassthroughXattr), nameof(CreateWriteSimulator),
        nameof(OpenReadTmpfs), nameof(OpenReadPassthrough), nameof(OpenReadSimulator),
        nameof(ListStatTmpfs), nameof(ListStatPassthrough), nameof(ListStatSimulator)])]
    public void SetupSmallFiles()
    {
        Setup();
        foreach (var (target, paths) in _paths)
        {
            var fd = Native.Open(paths.File, Native.WriteCreateTruncate);
            Native.Write(fd, _block);
            Native.Close(fd);
            var directory = Path.Combine(_targets!.Of(target), "list");
            Directory.CreateDirectory(directory);
            for (var i = 0; i < ListedFiles; i++)
            {
                File.WriteAllBytes(Path.Combine(directory, $"f{i:D4}"), []);
            }
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _targets?.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [BenchmarkCategory(StatCategory), Benchmark(Description = "tmpfs")]
    public void StatTmpfs() => Native.Stat(_paths[Target.Tmpfs].File);

    [BenchmarkCategory(StatCategory), Benchmark(Baseline = true, Description = "passthrough_ll")]
    public void StatPassthrough() => Native.Stat(_paths[Target.PassthroughLl].File);

    [BenchmarkCategory(StatCategory), Benchmark(Description = "simulator")]
    public void StatSimulator() => Native.Stat(_paths[Target.Simulator].File);

    [BenchmarkCategory(CreateWrite), Benchmark(Description = "tmpfs")]
    public int CreateWriteTmpfs() => CreateWriteClose(Target.Tmpfs);

    [BenchmarkCategory(CreateWrite), Benchmark(Baseline = true, Description = "passthrough_ll")]
    public int CreateWritePassthrough() => CreateWriteClose(Target.PassthroughLl);

    [BenchmarkCategory(CreateWrite), Benchmark(Description = "passthrough_ll -o xattr")]
    public int CreateWritePassthroughXattr() => CreateWriteClose(Target.PassthroughLlXattr);

    [BenchmarkCategory(CreateWrite), Benchmark(Description = "simulator")]
    public int CreateWriteSimulator() => CreateWriteClose(Target.Simulator);

    [BenchmarkCategory(OpenRead), Benchmark(Description = "tmpfs")]
    public int OpenReadTmpfs() => OpenReadClose(Target.Tmpfs);

    [BenchmarkCategory(OpenRead), Benchmark(Baseline = true, Description = "passthrough_ll")]
    public int OpenReadPassthrough() => OpenReadClose(Target.PassthroughLl);

    [BenchmarkCategory(OpenRead), Benchmark(Description = "simulator")]
    public int OpenReadSimulator() => OpenReadClose(Target.Simulator);

    [BenchmarkCategory(ListStat), Benchmark(Description = "tmpfs")]
    public long ListStatTmpfs() => ListAndStat(Target.Tmpfs);

    [BenchmarkCategory(ListStat), Benchmark(Baseline = true, Description = "passthrough_ll")]
    public long ListStatPassthrough() => ListAndStat(Target.PassthroughLl);

    [BenchmarkCategory(ListStat), Benchmark(Description = "simulator")]
    public long ListStatSimulator() => ListAndStat(Target.Simulator);

    [BenchmarkCategory(SequentialRead), Benchmark(Description = "tmpfs", OperationsPerInvoke = BigFileMiB)]
    public long SequentialReadTmpfs() => ReadWhole(Target.Tmpfs);

    [BenchmarkCategory(SequentialRead), Benchmark(Baseline = true, Description = "passthrough_ll", OperationsPerInvoke = BigFileMiB)]
    public long SequentialReadPassthrough() => ReadWhole(Target.PassthroughLl);

    [BenchmarkCategory(SequentialRead), Benchmark(Description = "simulator", OperationsPerInvoke = BigFileMiB)]
    public long SequentialReadSimulator() => ReadWhole(Target.Simulator);

    private void Setup()
    {
        _targets = Targets.StartAsync().GetAwaiter().GetResult();
        foreach (var target in Enum.GetValues<Target>())
        {
            var root = _targets.Of(target);
            _paths[target] = new Paths(Native.Path(Path.Combine(root, "file.bin")), Native.Path(Path.Combine(root, "write.bin")), Native.Path(Path.Combine(root, "big.bin")), Path.Combine(root, "list"));
        }
    }

    private int CreateWriteClose(Target target)
    {
        var fd = Native.Open(_paths[target].Written, Native.WriteCreateTruncate);
        var written = Native.Write(fd, _block);
        Native.Close(fd);
        return written;
    }

    private int OpenReadClose(Target target)
    {
        var fd = Native.Open(_paths[target].File, Native.ReadOnly);
        var read = Native.Read(fd, _buffer, _block.Length);
        Native.Close(fd);
        return read;
    }

    /// <summary>What <c>ls -l</c> does: readdir, then an lstat of every entry (System.IO reads both through libc).</summary>
    private long ListAndStat(Target target)
    {
        long total = 0;
        foreach (var entry in new DirectoryInfo(_paths[target].List).EnumerateFiles())
        {
            total += entry.Length;
        }

        return total;
    }

    private long ReadWhole(Target target)
    {
        var fd = Native.Open(_paths[target].Big, Native.ReadOnly);
        long total = 0;
        int read;
        while ((read = Native.Read(fd, _buffer, MiB)) > 0)
        {
            total += read;
        }

        Native.Close(fd);
        return total;
    }

    private sealed record Paths(byte[] File, byte[] Written, byte[] Big, string List);
}
