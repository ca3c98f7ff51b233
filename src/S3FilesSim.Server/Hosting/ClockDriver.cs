using Microsoft.Extensions.Logging;
using S3FilesSim.Time;

namespace S3FilesSim.Server.Hosting;

/// <summary>
/// Moves a served simulation's virtual clock: in real or scaled mode every tick advances the scheduler by the wall time
/// elapsed since the last tick times the scale; in manual mode it does nothing. Advances made through the control API add
/// to it (the clock never waits for the wall clock to catch up). The mode can change while the server runs.
/// </summary>
/// <remarks>A work item that throws is logged and dropped (the scheduler has dequeued it); the clock keeps moving, so one
/// failure never stops a served simulation.</remarks>
internal sealed class ClockDriver : IAsyncDisposable
{
    private readonly Scheduler _scheduler;
    private readonly TimeProvider _wall;
    private readonly TimeSpan _tick;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly Lock _gate = new();
    private TimeMode _mode;
    private double _scale;

    public ClockDriver(Scheduler scheduler, TimeMode mode, double scale, TimeProvider wall, TimeSpan tick, ILogger logger)
    {
        _scheduler = scheduler;
        _mode = mode;
        _scale = mode == TimeMode.Real ? 1 : scale;
        _wall = wall;
        _tick = tick;
        _logger = logger;
        _loop = RunAsync(_stop.Token);
    }

    public TimeMode Mode
    {
        get
        {
            lock (_gate)
            {
                return _mode;
            }
        }
    }

    /// <summary>Gets the virtual seconds per wall second: 0 in manual mode.</summary>
    public double Scale
    {
        get
        {
            lock (_gate)
            {
                return _mode == TimeMode.Manual ? 0 : _scale;
            }
        }
    }

    /// <exception cref="ArgumentException">The scale is not above 0 for scaled mode.</exception>
    public void SetMode(TimeMode mode, double? scale)
    {
        if (!Enum.IsDefined(mode))
        {
            throw new ArgumentException($"The time mode must be manual, real or scaled; it was {mode}.", nameof(mode));
        }

        var newScale = mode == TimeMode.Real ? 1 : scale ?? (mode == TimeMode.Scaled ? _scale : 1);
        if (!double.IsFinite(newScale) || newScale <= 0 || newScale > 1_000_000)
        {
            throw new ArgumentException($"The time scale must be above 0 and at most 1,000,000; it was {newScale}.", nameof(scale));
        }

        lock (_gate)
        {
            _mode = mode;
            _scale = newScale;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping is the expected end of the loop.
        }

        _stop.Dispose();
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(_tick, _wall);
        var last = _wall.GetTimestamp();
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
        {
            var now = _wall.GetTimestamp();
            var elapsed = _wall.GetElapsedTime(last, now);
            last = now;
            var scale = Scale;
            if (scale == 0)
            {
                continue;
            }

            var target = _scheduler.Clock.GetUtcNow() + TimeSpan.FromTicks((long)Math.Min(elapsed.Ticks * scale, TimeSpan.FromDays(3650).Ticks));
            try
            {
                await _scheduler.AdvanceToAsync(target, cancellationToken).ConfigureAwait(false);
            }
            catch (InvalidOperationException) when (_scheduler.Clock.GetUtcNow() > target)
            {
                // The control API advanced the clock past the target meanwhile; the next tick continues from there.
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                ServerLog.ScheduledWorkFailed(_logger, exception);
            }
        }
    }
}

/// <summary>The server's log messages.</summary>
internal static partial class ServerLog
{
    [LoggerMessage(EventId = 8101, EventName = "ScheduledWorkFailed", Level = LogLevel.Error, Message = "Background work of the served simulation failed; the clock keeps moving")]
    public static partial void ScheduledWorkFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 8102, EventName = "OtlpExport", Level = LogLevel.Information, Message = "Exporting the AWS/S3/Files and efs-utils/S3Files meters over OTLP ({Protocol}) to {Endpoint}")]
    public static partial void OtlpExport(ILogger logger, string protocol, Uri endpoint);
}
