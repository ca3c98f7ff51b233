using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using S3FilesSim.FileSystem;
using S3FilesSim.Telemetry;

namespace S3FilesSim.Benchmarks.Telemetry;

/// <summary>The cost of telemetry on the hot paths: stat, and open + read 4 KiB + close, with telemetry enabled against
/// disabled (the baseline of each category); target: less than 10 % slower.</summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class TelemetryOverheadBenchmarks
{
    private const string FilePath = "/data/file.bin";
    private readonly byte[] _buffer = new byte[4096];
    private S3FilesSimulation _enabledSimulation = null!;
    private S3FilesSimulation _disabledSimulation = null!;
    private IFileSystem _enabled = null!;
    private IFileSystem _disabled = null!;

    [GlobalSetup]
    public void Setup()
    {
        (_enabledSimulation, _enabled) = Create(enabled: true);
        (_disabledSimulation, _disabled) = Create(enabled: false);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _enabledSimulation.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _disabledSimulation.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [BenchmarkCategory("stat"), Benchmark(Baseline = true, Description = "stat, telemetry disabled")]
    public async ValueTask<long> StatDisabled() => (await _disabled.StatAsync(FilePath)).Size;

    [BenchmarkCategory("stat"), Benchmark(Description = "stat, telemetry enabled")]
    public async ValueTask<long> StatEnabled() => (await _enabled.StatAsync(FilePath)).Size;

    [BenchmarkCategory("open+read 4 KiB+close"), Benchmark(Baseline = true, Description = "open+read 4 KiB+close, telemetry disabled")]
    public ValueTask<int> OpenReadCloseDisabled() => OpenReadCloseAsync(_disabled);

    [BenchmarkCategory("open+read 4 KiB+close"), Benchmark(Description = "open+read 4 KiB+close, telemetry enabled")]
    public ValueTask<int> OpenReadCloseEnabled() => OpenReadCloseAsync(_enabled);

    private static (S3FilesSimulation Simulation, IFileSystem Mount) Create(bool enabled)
    {
        var simulation = S3FilesSimulation.Create(new SimulationOptions { Telemetry = new TelemetryOptions { Enabled = enabled } });
        var mount = simulation.FileSystem.Mount(new MountOptions { User = PosixUser.Root });
        mount.MkdirAsync("/data").AsTask().GetAwaiter().GetResult();
        var handle = mount.OpenAsync(FilePath, OpenFlags.WriteOnly | OpenFlags.Create).AsTask().GetAwaiter().GetResult();
        mount.WriteAsync(handle, new byte[4096], 0).AsTask().GetAwaiter().GetResult();
        mount.CloseAsync(handle).AsTask().GetAwaiter().GetResult();
        return (simulation, mount);
    }

    private async ValueTask<int> OpenReadCloseAsync(IFileSystem mount)
    {
        var handle = await mount.OpenAsync(FilePath, OpenFlags.ReadOnly);
        var read = await mount.ReadAsync(handle, _buffer, 0);
        await mount.CloseAsync(handle);
        return read;
    }
}
