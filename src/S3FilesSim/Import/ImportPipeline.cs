using S3FilesSim.Time;

namespace S3FilesSim.Import;

/// <summary>
/// The import pipeline of one file system: data copies, bucket changes and revalidations run in order, within the
/// rate ceilings (<see cref="ImportOptions.MaxObjectsPerSecond"/>, <see cref="ImportOptions.MaxBytesPerSecond"/>), on
/// the simulation's scheduler (https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-performance.html).
/// </summary>
/// <remarks>
/// <para>Called with the file system's lock held; a queued work item takes the lock itself, around its in-memory steps.</para>
/// <para>Each queued item takes its place in the scheduler's order when it is queued (<see cref="Scheduler.Reserve"/>),
/// but only the head of the pipeline's own queue is in the scheduler: due times never decrease in queue order (the
/// pipeline is free later and later, or each item is due now), so when the head runs it schedules the next item at the
/// time and place it reserved, and every item runs exactly when and where one scheduler item per entry would have run
/// it. A directory's first listing can queue a copy per file: an entry here is a small struct, not a scheduler item,
/// two closures and two delegates (issue 17: memory grows with metadata).</para>
/// </remarks>
/// <param name="gate">The file system's lock.</param>
/// <param name="scheduler">The simulation's scheduler.</param>
/// <param name="options">The import options.</param>
internal sealed class ImportPipeline(Lock gate, Scheduler scheduler, ImportOptions options)
{
    private const string WorkName = "import";

    private static readonly Func<object, CancellationToken, ValueTask> RunDelegate = static (work, cancellationToken) => ((Func<CancellationToken, ValueTask>)work)(cancellationToken);

    private readonly Queue<QueuedImport> _queued = new();
    private DateTimeOffset _pipelineFree;
    private Func<CancellationToken, ValueTask>? _runHead;

    /// <summary>Gets the age of the oldest import still in progress, from the bucket change (events) or the request (data imports); zero when none.</summary>
    public TimeSpan ImportAge
    {
        get
        {
            if (_queued.Count == 0)
            {
                return TimeSpan.Zero;
            }

            var oldest = long.MaxValue;
            foreach (var item in _queued)
            {
                oldest = Math.Min(oldest, item.SinceUtcTicks);
            }

            return TimeSpan.FromTicks(scheduler.Clock.GetUtcNow().UtcTicks - oldest);
        }
    }

    /// <summary>Queues <paramref name="work"/> behind the imports already queued, <paramref name="bytes"/> long, in progress since <paramref name="since"/>.</summary>
    public void Enqueue(long bytes, DateTimeOffset since, Func<CancellationToken, ValueTask> work) => Enqueue(bytes, since, RunDelegate, work);

    /// <summary>Queues <c><paramref name="work"/>(<paramref name="state"/>, token)</c> behind the imports already queued,
    /// <paramref name="bytes"/> long, in progress since <paramref name="since"/>: the form without a closure, for a
    /// delegate shared by every item and a small state object.</summary>
    public void Enqueue(long bytes, DateTimeOffset since, Func<object, CancellationToken, ValueTask> work, object state)
    {
        // Under the lock (which the caller holds already), so the queue's order is the order of the reserved places.
        lock (gate)
        {
            var now = scheduler.Clock.GetUtcNow();
            var due = now;
            if (options.RateCeilings)
            {
                var seconds = Math.Max(1.0 / options.MaxObjectsPerSecond, bytes / (double)options.MaxBytesPerSecond);
                _pipelineFree = (_pipelineFree > now ? _pipelineFree : now) + TimeSpan.FromTicks((long)Math.Ceiling(seconds * TimeSpan.TicksPerSecond));
                due = _pipelineFree;
            }

            var item = new QueuedImport(due.UtcTicks, scheduler.Reserve(), since.UtcTicks, work, state);
            _queued.Enqueue(item);
            if (_queued.Count == 1)
            {
                Schedule(item);
            }
        }
    }

    private void Schedule(QueuedImport item) =>
        scheduler.ScheduleReservedAt(new DateTimeOffset(item.DueUtcTicks, TimeSpan.Zero), item.Sequence, _runHead ??= RunHeadAsync, WorkName);

    /// <summary>Runs the head of the queue (the item this scheduler item was scheduled for) after scheduling the next one.</summary>
    private ValueTask RunHeadAsync(CancellationToken cancellationToken)
    {
        QueuedImport head;
        lock (gate)
        {
            head = _queued.Dequeue();
            if (_queued.TryPeek(out var next))
            {
                Schedule(next);
            }
        }

        return head.Work(head.State, cancellationToken);
    }

    /// <summary>One queued item: when it falls due and its place in the scheduler's order, since when it is in
    /// progress (UTC ticks), and what it runs.</summary>
    private readonly record struct QueuedImport(long DueUtcTicks, long Sequence, long SinceUtcTicks, Func<object, CancellationToken, ValueTask> Work, object State);
}
