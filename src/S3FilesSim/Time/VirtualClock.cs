namespace S3FilesSim.Time;

/// <summary>
/// A <see cref="TimeProvider"/> whose time moves only when its <see cref="Scheduler"/> advances it,
/// so tests and benchmarks run hours of S3 Files behaviour (the 60-second export window, event delays,
/// 30-day expiration) in microseconds, deterministically.
/// </summary>
/// <remarks>
/// <para>The clock starts at <see cref="DefaultStart"/> (2026-04-07T00:00:00Z, the day S3 Files launched) unless
/// another start is given. <see cref="GetUtcNow"/>, <see cref="GetTimestamp"/> and <see cref="TimestampFrequency"/>
/// are consistent: a timestamp is the number of 100 ns ticks since the start instant.</para>
/// <para>Timers created with <see cref="CreateTimer"/> are backed by the scheduler and fire, in order, as virtual
/// time passes their due time; code written against <see cref="TimeProvider"/> timers therefore runs on virtual time.</para>
/// <para>The clock never goes backwards; an attempt to set an earlier time throws <see cref="InvalidOperationException"/>
/// with a message stating the current time.</para>
/// </remarks>
public sealed class VirtualClock : TimeProvider
{
    /// <summary>The default start instant: 2026-04-07T00:00:00Z, the launch date of Amazon S3 Files.</summary>
    public static readonly DateTimeOffset DefaultStart = new(2026, 4, 7, 0, 0, 0, TimeSpan.Zero);

    private readonly object _gate = new();
    private readonly DateTimeOffset _start;
    private long _nowUtcTicks;

    /// <summary>Creates a clock at <see cref="DefaultStart"/> with its own scheduler.</summary>
    public VirtualClock()
        : this(DefaultStart)
    {
    }

    /// <summary>Creates a clock at <paramref name="start"/> (normalised to UTC) with its own scheduler.</summary>
    /// <param name="start">The first instant the clock reports.</param>
    public VirtualClock(DateTimeOffset start)
    {
        _start = start.ToUniversalTime();
        _nowUtcTicks = _start.UtcTicks;
        Scheduler = new Scheduler(this);
    }

    /// <summary>Gets the scheduler that owns this clock's timeline; advancing it moves the clock.</summary>
    public Scheduler Scheduler { get; }

    /// <summary>Gets the instant the clock started at.</summary>
    public DateTimeOffset Start => _start;

    /// <summary>Gets the virtual time elapsed since <see cref="Start"/>.</summary>
    public TimeSpan Elapsed => GetUtcNow() - _start;

    /// <inheritdoc />
    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    /// <summary>Gets the frequency of <see cref="GetTimestamp"/>: 10,000,000 ticks per second (100 ns resolution).</summary>
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <inheritdoc />
    /// <remarks>Lock-free: the instant is one 64-bit tick count, which <see cref="Volatile"/> reads atomically.</remarks>
    public override DateTimeOffset GetUtcNow() => new(Volatile.Read(ref _nowUtcTicks), TimeSpan.Zero);

    /// <summary>Returns the number of 100 ns ticks elapsed since <see cref="Start"/>.</summary>
    /// <returns>The current virtual timestamp.</returns>
    public override long GetTimestamp() => (GetUtcNow() - _start).Ticks;

    /// <summary>Creates a timer that fires on virtual time, scheduled on <see cref="Scheduler"/>.</summary>
    /// <param name="callback">The callback invoked when the timer fires.</param>
    /// <param name="state">The state passed to <paramref name="callback"/>.</param>
    /// <param name="dueTime">The delay before the first firing; <see cref="Timeout.InfiniteTimeSpan"/> disables it.</param>
    /// <param name="period">The period between firings; <see cref="Timeout.InfiniteTimeSpan"/> or zero fires once.</param>
    /// <returns>A timer that can be changed or disposed.</returns>
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new VirtualTimer(Scheduler, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Moves the clock forward to <paramref name="instant"/>; used by the scheduler only.</summary>
    /// <exception cref="InvalidOperationException">The instant is earlier than the current time.</exception>
    internal void MoveTo(DateTimeOffset instant)
    {
        lock (_gate)
        {
            var now = GetUtcNow();
            if (instant < now)
            {
                throw new InvalidOperationException(
                    $"The virtual clock cannot move backwards: it is {now:O} and {instant:O} was requested.");
            }

            Volatile.Write(ref _nowUtcTicks, instant.UtcTicks);
        }
    }

    private sealed class VirtualTimer : ITimer
    {
        private readonly Scheduler _scheduler;
        private readonly TimerCallback _callback;
        private readonly object? _state;
        private readonly object _gate = new();
        private ScheduledWork? _pending;
        private TimeSpan _period;
        private bool _disposed;

        public VirtualTimer(Scheduler scheduler, TimerCallback callback, object? state)
        {
            _scheduler = scheduler;
            _callback = callback;
            _state = state;
        }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            ValidateSpan(dueTime, nameof(dueTime));
            ValidateSpan(period, nameof(period));
            lock (_gate)
            {
                if (_disposed)
                {
                    return false;
                }

                _pending?.Cancel();
                _pending = null;
                _period = period;
                if (dueTime != Timeout.InfiniteTimeSpan)
                {
                    _pending = _scheduler.Schedule(dueTime, Fire, "timer");
                }

                return true;
            }
        }

        public void Dispose()
        {
            lock (_gate)
            {
                _disposed = true;
                _pending?.Cancel();
                _pending = null;
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }

        private void Fire()
        {
            lock (_gate)
            {
                if (_disposed)
                {
                    return;
                }

                _pending = _period != Timeout.InfiniteTimeSpan && _period > TimeSpan.Zero
                    ? _scheduler.Schedule(_period, Fire, "timer")
                    : null;
            }

            _callback(_state);
        }

        private static void ValidateSpan(TimeSpan value, string name)
        {
            if (value < TimeSpan.Zero && value != Timeout.InfiniteTimeSpan)
            {
                throw new ArgumentOutOfRangeException(name, value, "A timer span must be non-negative or Timeout.InfiniteTimeSpan.");
            }
        }
    }
}
