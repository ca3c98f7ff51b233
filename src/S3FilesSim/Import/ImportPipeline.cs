using S3FilesSim.Time;

namespace S3FilesSim.Import;

/// <summary>
/// The import pipeline of one file system: data copies, bucket changes and revalidations run in order, within the
/// rate ceilings (<see cref="ImportOptions.MaxObjectsPerSecond"/>, <see cref="ImportOptions.MaxBytesPerSecond"/>), on
/// the simulation's scheduler (https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-performance.html).
/// </summary>
/// <remarks>Called with the file system's lock held; a queued work item takes the lock itself, around its in-memory steps.</remarks>
/// <param name="gate">The file system's lock.</param>
/// <param name="scheduler">The simulation's scheduler.</param>
/// <param name="options">The import options.</param>
internal sealed class ImportPipeline(Lock gate, Scheduler scheduler, ImportOptions options)
{
    private readonly Queue<DateTimeOffset> _inProgress = new();
    private DateTimeOffset _pipelineFree;

    /// <summary>Gets the age of the oldest import still in progress, from the bucket change (events) or the request (data imports); zero when none.</summary>
    public TimeSpan ImportAge => _inProgress.Count == 0 ? TimeSpan.Zero : scheduler.Clock.GetUtcNow() - _inProgress.Min();

    /// <summary>Queues <paramref name="work"/> behind the imports already queued, <paramref name="bytes"/> long, in progress since <paramref name="since"/>.</summary>
    public void Enqueue(long bytes, DateTimeOffset since, Func<CancellationToken, ValueTask> work)
    {
        var now = scheduler.Clock.GetUtcNow();
        var due = now;
        if (options.RateCeilings)
        {
            var seconds = Math.Max(1.0 / options.MaxObjectsPerSecond, bytes / (double)options.MaxBytesPerSecond);
            _pipelineFree = (_pipelineFree > now ? _pipelineFree : now) + TimeSpan.FromTicks((long)Math.Ceiling(seconds * TimeSpan.TicksPerSecond));
            due = _pipelineFree;
        }

        _inProgress.Enqueue(since);
        scheduler.ScheduleAt(
            due,
            cancellationToken =>
            {
                lock (gate)
                {
                    _inProgress.Dequeue();
                }

                return work(cancellationToken);
            },
            "import");
    }
}
