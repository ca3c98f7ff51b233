using S3FilesSim.Time;

namespace S3FilesSim.Aws;

/// <summary>
/// Runs a simulation live: every tick of the wall clock it advances the <see cref="Scheduler"/> (and its
/// <see cref="VirtualClock"/>) by the wall time elapsed since the driver started (times
/// <see cref="RealTimeDriverOptions.TimeScale"/>), so the same engine that runs on virtual time in tests runs in real
/// time against a real bucket, or faster than real time behind a FUSE mount.
/// </summary>
/// <remarks>
/// <para>The virtual clock keeps its own instant (it does not jump to the wall-clock date); it moves forward at wall-clock
/// speed. If the virtual clock is ahead (someone advanced it by hand), the driver waits for the wall clock to catch up.</para>
/// <para>If scheduled work throws, the driver stops and <see cref="Completion"/> holds the exception.
/// <see cref="DisposeAsync"/> stops the driver and waits for the advance in progress to finish.</para>
/// </remarks>
public sealed class RealTimeDriver : IAsyncDisposable
{
    private readonly Scheduler _scheduler;
    private readonly RealTimeDriverOptions _options;
    private readonly CancellationTokenSource _stop = new();
    private long _advances;
    private int _disposed;

    private RealTimeDriver(Scheduler scheduler, RealTimeDriverOptions options)
    {
        _scheduler = scheduler;
        _options = options;
        Completion = RunAsync(_stop.Token);
    }

    /// <summary>Gets the task of the driving loop: it completes when the driver is disposed and faults when scheduled work throws.</summary>
    public Task Completion { get; }

    /// <summary>Gets how many times the driver has advanced the scheduler.</summary>
    public long AdvanceCount => Interlocked.Read(ref _advances);

    /// <summary>Starts driving <paramref name="scheduler"/> in real time.</summary>
    /// <param name="scheduler">The simulation's scheduler (<c>S3FilesSimulation.Scheduler</c>).</param>
    /// <param name="options">The tick and wall clock; <see langword="null"/> for the defaults.</param>
    /// <returns>The running driver; dispose it to stop.</returns>
    /// <exception cref="ArgumentException">An option is invalid; the message names it.</exception>
    public static RealTimeDriver Start(Scheduler scheduler, RealTimeDriverOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(scheduler);
        options ??= new RealTimeDriverOptions();
        options.Validate();
        return new RealTimeDriver(scheduler, options);
    }

    /// <summary>Stops the driver and waits for the loop to end; a fault of scheduled work stays in <see cref="Completion"/>.</summary>
    /// <returns>A task that completes when the driver has stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await Completion.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping is the expected end of the loop.
        }
        catch (Exception)
        {
            // The fault stays observable through Completion; disposal itself succeeds.
        }

        _stop.Dispose();
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        var wall = _options.WallClock;
        using var timer = new PeriodicTimer(_options.Tick, wall);
        var wallStart = wall.GetTimestamp();
        var virtualStart = _scheduler.Clock.GetUtcNow();
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
        {
            var target = virtualStart + (wall.GetElapsedTime(wallStart) * _options.TimeScale);
            if (target <= _scheduler.Clock.GetUtcNow())
            {
                continue;
            }

            try
            {
                await _scheduler.AdvanceToAsync(target, cancellationToken).ConfigureAwait(false);
                Interlocked.Increment(ref _advances);
            }
            catch (InvalidOperationException) when (_scheduler.Clock.GetUtcNow() > target)
            {
                // Another caller advanced the clock past the target meanwhile: wait for the wall clock to catch up.
            }
        }
    }
}
