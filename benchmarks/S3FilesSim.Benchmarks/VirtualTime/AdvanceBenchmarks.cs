using BenchmarkDotNet.Attributes;

namespace S3FilesSim.Benchmarks.VirtualTime;

/// <summary>
/// <see cref="S3FilesSimulation.AdvanceAsync"/> over 24 virtual hours of a <see cref="SteadyWorkload"/> (1,440 workload
/// minutes, with the exports, imports, metric snapshots and alarms they cause), against the baseline of the same 1,440
/// minutes of foreground operations issued back to back without moving the clock. The <c>Virtual/wall</c> column is
/// 86,400 s divided by the mean (target: at least 10,000×).
/// </summary>
[MemoryDiagnoser]
[VirtualSpeedUpColumn(SimulatedSeconds)]
public class AdvanceBenchmarks
{
    /// <summary>The virtual time one invocation simulates, in seconds (24 hours).</summary>
    public const double SimulatedSeconds = 86_400;

    private static readonly TimeSpan Day = TimeSpan.FromSeconds(SimulatedSeconds);
    private SteadyWorkload _workload = null!;

    [IterationSetup]
    public void Setup() => _workload = SteadyWorkload.Create();

    [IterationCleanup]
    public void Cleanup()
    {
        if (_workload.Minutes != (int)Day.TotalMinutes)
        {
            throw new InvalidOperationException($"The workload ran {_workload.Minutes} minutes instead of {Day.TotalMinutes}.");
        }

        _workload.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true, Description = "1,440 workload minutes back to back, clock still")]
    public async ValueTask<int> ForegroundOnly()
    {
        for (var minute = 0; minute < Day.TotalMinutes; minute++)
        {
            await _workload.RunMinuteAsync();
        }

        return _workload.Minutes;
    }

    [Benchmark(Description = "AdvanceAsync 24 h of the steady workload")]
    public async ValueTask<int> AdvanceOneDay()
    {
        _workload.ScheduleEveryMinute();
        await _workload.AdvanceAsync(Day);
        return _workload.Minutes;
    }
}
