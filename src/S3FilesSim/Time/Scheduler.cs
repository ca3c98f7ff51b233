namespace S3FilesSim.Time;

/// <summary>
/// The single queue of background work of a simulation (export due checks, bucket event deliveries, expiration
/// sweeps, retries, timers), ordered by (due time, sequence number), run only when virtual time is advanced.
/// </summary>
/// <remarks>
/// <para><see cref="AdvanceAsync"/> runs every item that falls due before the target, in order, moving the
/// <see cref="VirtualClock"/> to each item's due time before running it, then moves the clock to the target. Work
/// scheduled by running work runs in the same advance when it falls due within it. Items with equal due times run in
/// the order they were scheduled.</para>
/// <para>The scheduler is thread-safe: work may be scheduled or cancelled from any thread; advances from several
/// threads are serialised. Advancing from inside scheduled work throws <see cref="InvalidOperationException"/>.</para>
/// <para>An exception thrown by a work item propagates out of the advance that ran it; the clock stays at that item's
/// due time and the remaining items stay queued.</para>
/// <para>A work item may take virtual time itself (a slow bucket call of a <see cref="ObjectStorage.FaultInjectingObjectStore"/>
/// with a delay): the clock then moves on while it runs, the items that fell due meanwhile run after it, and an advance
/// may end later than its target.</para>
/// </remarks>
public sealed class Scheduler
{
    private readonly VirtualClock _clock;
    private readonly object _gate = new();
    private readonly PriorityQueue<ScheduledWork, (long DueTicks, long Sequence)> _queue = new();
    private readonly SemaphoreSlim _advanceGate = new(1, 1);
    private readonly AsyncLocal<bool> _insideWork = new();
    private long _sequence;
    private int _pending;
    private long _executed;

    internal Scheduler(VirtualClock clock)
    {
        _clock = clock;
    }

    /// <summary>Gets the clock this scheduler drives.</summary>
    public VirtualClock Clock => _clock;

    /// <summary>Gets the number of queued work items that are neither cancelled nor run.</summary>
    public int PendingCount => Volatile.Read(ref _pending);

    /// <summary>Gets the total number of work items run since the scheduler was created.</summary>
    public long ExecutedCount => Interlocked.Read(ref _executed);

    /// <summary>Gets the due time of the earliest pending work item, or <see langword="null"/> when none is queued.</summary>
    public DateTimeOffset? NextDueTime
    {
        get
        {
            lock (_gate)
            {
                DropCancelledHead();
                return _queue.TryPeek(out var work, out _) ? work.DueTime : null;
            }
        }
    }

    /// <summary>Schedules synchronous work to run <paramref name="delay"/> after the current virtual time.</summary>
    /// <param name="delay">A non-negative delay; one that passes the end of the calendar schedules the work at <see cref="DateTimeOffset.MaxValue"/>.</param>
    /// <param name="work">The work to run.</param>
    /// <param name="name">A label for diagnostics.</param>
    /// <returns>A handle that can cancel the work before it runs.</returns>
    public ScheduledWork Schedule(TimeSpan delay, Action work, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(work);
        return Schedule(delay, _ =>
        {
            work();
            return ValueTask.CompletedTask;
        }, name);
    }

    /// <summary>Schedules asynchronous work to run <paramref name="delay"/> after the current virtual time.</summary>
    /// <param name="delay">A non-negative delay; one that passes the end of the calendar schedules the work at
    /// <see cref="DateTimeOffset.MaxValue"/>, so it never falls due within any advance that can be expressed.</param>
    /// <param name="work">The work to run; it receives the advance's cancellation token.</param>
    /// <param name="name">A label for diagnostics.</param>
    /// <returns>A handle that can cancel the work before it runs.</returns>
    public ScheduledWork Schedule(TimeSpan delay, Func<CancellationToken, ValueTask> work, string? name = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        var now = _clock.GetUtcNow();
        return ScheduleAt(delay < DateTimeOffset.MaxValue - now ? now + delay : DateTimeOffset.MaxValue, work, name);
    }

    /// <summary>Schedules asynchronous work to run at <paramref name="dueTime"/>; a due time in the past runs at the next advance.</summary>
    /// <param name="dueTime">The virtual instant at which the work falls due.</param>
    /// <param name="work">The work to run; it receives the advance's cancellation token.</param>
    /// <param name="name">A label for diagnostics.</param>
    /// <returns>A handle that can cancel the work before it runs.</returns>
    public ScheduledWork ScheduleAt(DateTimeOffset dueTime, Func<CancellationToken, ValueTask> work, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(work);
        lock (_gate)
        {
            var item = new ScheduledWork(this, dueTime, _sequence++, work, name);
            _queue.Enqueue(item, (dueTime.UtcTicks, item.Sequence));
            _pending++;
            return item;
        }
    }

    /// <summary>Takes the next place in the queue's order for work that will be scheduled later with
    /// <see cref="ScheduleReservedAt"/>: it counts as pending from now, and once scheduled it runs exactly where a
    /// <see cref="ScheduleAt"/> made now would have run it (a queue of its own, such as the import pipeline, keeps only its
    /// head in the scheduler instead of one item per entry).</summary>
    /// <returns>The sequence number to schedule the work with.</returns>
    internal long Reserve()
    {
        lock (_gate)
        {
            _pending++;
            return _sequence++;
        }
    }

    /// <summary>Schedules work at the place taken by <see cref="Reserve"/>; it is already counted as pending.</summary>
    /// <param name="dueTime">The virtual instant at which the work falls due.</param>
    /// <param name="sequence">The sequence number <see cref="Reserve"/> returned.</param>
    /// <param name="work">The work to run.</param>
    /// <param name="name">A label for diagnostics.</param>
    internal void ScheduleReservedAt(DateTimeOffset dueTime, long sequence, Func<CancellationToken, ValueTask> work, string? name)
    {
        lock (_gate)
        {
            _queue.Enqueue(new ScheduledWork(this, dueTime, sequence, work, name), (dueTime.UtcTicks, sequence));
        }
    }

    /// <summary>Advances virtual time by <paramref name="duration"/>, running every item that falls due on the way, in order.</summary>
    /// <param name="duration">A non-negative span of virtual time.</param>
    /// <param name="cancellationToken">Stops the advance between two work items.</param>
    /// <returns>A task that completes when the clock has reached the target.</returns>
    public ValueTask AdvanceAsync(TimeSpan duration, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(duration, TimeSpan.Zero);
        return AdvanceToAsync(_clock.GetUtcNow() + duration, cancellationToken);
    }

    /// <summary>Advances virtual time to <paramref name="target"/>, running every item that falls due on the way, in order.</summary>
    /// <param name="target">The instant to reach; it must not be earlier than the current time.</param>
    /// <param name="cancellationToken">Stops the advance between two work items.</param>
    /// <returns>A task that completes when the clock has reached the target.</returns>
    /// <exception cref="InvalidOperationException">The target is in the past, or the call comes from scheduled work.</exception>
    public async ValueTask AdvanceToAsync(DateTimeOffset target, CancellationToken cancellationToken = default)
    {
        var now = _clock.GetUtcNow();
        if (target < now)
        {
            throw new InvalidOperationException(
                $"The virtual clock cannot move backwards: it is {now:O} and {target:O} was requested.");
        }

        await RunAsync(target, cancellationToken).ConfigureAwait(false);
        if (target > _clock.GetUtcNow())
        {
            _clock.MoveTo(target);
        }
    }

    /// <summary>Runs every item due at or before the current virtual time, including items that this work schedules for now.</summary>
    /// <param name="cancellationToken">Stops between two work items.</param>
    /// <returns>A task that completes when nothing more is due now.</returns>
    public ValueTask RunUntilIdleAsync(CancellationToken cancellationToken = default) =>
        RunAsync(_clock.GetUtcNow(), cancellationToken);

    /// <summary>Advances until no work is queued at all, or until <paramref name="limit"/> of virtual time has passed.</summary>
    /// <param name="limit">The most virtual time to let pass.</param>
    /// <param name="cancellationToken">Stops between two work items.</param>
    /// <returns>A task that completes when the queue is empty or the limit is reached.</returns>
    public async ValueTask AdvanceUntilEmptyAsync(TimeSpan limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, TimeSpan.Zero);
        var deadline = _clock.GetUtcNow() + limit;
        while (NextDueTime is { } next && next <= deadline)
        {
            await AdvanceToAsync(next > _clock.GetUtcNow() ? next : _clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Occurs before each piece of work runs, once the clock shows its due time: what the work changes has not
    /// happened yet (the telemetry samples its point-in-time metrics here). Handlers must be quick and must not schedule or advance.</summary>
    internal event Action? WorkStarting;

    /// <summary>
    /// Lets <paramref name="duration"/> of virtual time pass inside the work item running now, as if it had been busy that
    /// long (a slow bucket call): the clock moves on at once, and work that fell due meanwhile runs after this item,
    /// late. Outside scheduled work (a client call, which cannot wait on a clock it drives itself) nothing happens.
    /// </summary>
    /// <param name="duration">A non-negative span.</param>
    /// <returns><see langword="true"/> when the clock moved (the call came from scheduled work).</returns>
    internal bool PassInsideWork(TimeSpan duration)
    {
        if (!_insideWork.Value || duration <= TimeSpan.Zero)
        {
            return false;
        }

        var now = _clock.GetUtcNow();
        _clock.MoveTo(duration < DateTimeOffset.MaxValue - now ? now + duration : DateTimeOffset.MaxValue);
        return true;
    }

    internal void OnCancelled()
    {
        lock (_gate)
        {
            _pending--;
        }
    }

    private async ValueTask RunAsync(DateTimeOffset target, CancellationToken cancellationToken)
    {
        if (_insideWork.Value)
        {
            throw new InvalidOperationException("Virtual time cannot be advanced from inside scheduled work.");
        }

        await _advanceGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            while (TryDequeueDue(target, out var work))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (work.DueTime > _clock.GetUtcNow())
                {
                    _clock.MoveTo(work.DueTime);
                }

                WorkStarting?.Invoke();
                _insideWork.Value = true;
                try
                {
                    await work.RunAsync(cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    _insideWork.Value = false;
                    Interlocked.Increment(ref _executed);
                }
            }
        }
        finally
        {
            _advanceGate.Release();
        }
    }

    private bool TryDequeueDue(DateTimeOffset target, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ScheduledWork? work)
    {
        lock (_gate)
        {
            DropCancelledHead();
            if (_queue.TryPeek(out var head, out var priority) && priority.DueTicks <= target.UtcTicks)
            {
                _queue.Dequeue();
                head.MarkStarted();
                _pending--;
                work = head;
                return true;
            }

            work = null;
            return false;
        }
    }

    private void DropCancelledHead()
    {
        while (_queue.TryPeek(out var head, out _) && head.IsCancelled)
        {
            _queue.Dequeue();
        }
    }
}

/// <summary>A handle to one item of work queued on a <see cref="Scheduler"/>.</summary>
public sealed class ScheduledWork
{
    private readonly Scheduler _owner;
    private readonly Func<CancellationToken, ValueTask> _work;
    private int _state; // 0 queued, 1 started, 2 cancelled

    internal ScheduledWork(Scheduler owner, DateTimeOffset dueTime, long sequence, Func<CancellationToken, ValueTask> work, string? name)
    {
        _owner = owner;
        DueTime = dueTime;
        Sequence = sequence;
        _work = work;
        Name = name;
    }

    /// <summary>Gets the virtual instant at which the work falls due.</summary>
    public DateTimeOffset DueTime { get; }

    /// <summary>Gets the label given when the work was scheduled.</summary>
    public string? Name { get; }

    /// <summary>Gets a value indicating whether the work was cancelled before it ran.</summary>
    public bool IsCancelled => Volatile.Read(ref _state) == 2;

    /// <summary>Gets a value indicating whether the work has started running.</summary>
    public bool HasStarted => Volatile.Read(ref _state) == 1;

    internal long Sequence { get; }

    /// <summary>Cancels the work if it has not started yet.</summary>
    /// <returns><see langword="true"/> when the work was cancelled by this call.</returns>
    public bool Cancel()
    {
        if (Interlocked.CompareExchange(ref _state, 2, 0) != 0)
        {
            return false;
        }

        _owner.OnCancelled();
        return true;
    }

    internal void MarkStarted() => Interlocked.CompareExchange(ref _state, 1, 0);

    internal ValueTask RunAsync(CancellationToken cancellationToken) => _work(cancellationToken);
}
