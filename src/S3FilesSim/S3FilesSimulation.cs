using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using S3FilesSim.Time;

namespace S3FilesSim;

/// <summary>
/// The entry point of S3FilesSim: one simulated world with a virtual clock, one scheduler, one seeded random source,
/// in-memory versioned buckets, and S3 Files file systems created over them and mounted as <c>IFileSystem</c>s.
/// </summary>
/// <remarks>
/// <para>Nothing happens in the background on its own: bucket event deliveries, exports and expirations run when the
/// caller advances virtual time with <see cref="AdvanceAsync"/> or drains due work with <see cref="RunUntilIdleAsync"/>.
/// The same seed and the same calls give the same run.</para>
/// <para>Behaviour follows Amazon S3 Files as documented at https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files.html;
/// docs/SEMANTICS.md lists every decision.</para>
/// </remarks>
public sealed partial class S3FilesSimulation : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> _owned = [];
    private bool _disposed;

    private S3FilesSimulation(SimulationOptions options)
    {
        Options = options;
        Clock = new VirtualClock(options.StartTime);
        Random = new DeterministicRandom(options.Seed);
        LoggerFactory = options.LoggerFactory ?? NullLoggerFactory.Instance;
        Bucket = CreateBucket(options.BucketName, options.Bucket);
        FileSystem = Build(options.FileSystem, Bucket, events: null);
    }

    /// <summary>Gets the validated options the simulation was created with.</summary>
    public SimulationOptions Options { get; }

    /// <summary>Gets the virtual clock every component reads time from.</summary>
    public VirtualClock Clock { get; }

    /// <summary>Gets the scheduler that runs all background work on virtual time.</summary>
    public Scheduler Scheduler => Clock.Scheduler;

    /// <summary>Gets the simulation's one seeded random source.</summary>
    public DeterministicRandom Random { get; }

    /// <summary>Gets the logger factory components create their loggers from.</summary>
    public ILoggerFactory LoggerFactory { get; }

    /// <summary>Gets the current virtual time.</summary>
    public DateTimeOffset Now => Clock.GetUtcNow();

    /// <summary>Creates a simulation.</summary>
    /// <param name="options">The options; <see langword="null"/> for the defaults.</param>
    /// <returns>The simulation, with its default bucket and file system created.</returns>
    /// <exception cref="ArgumentException">An option is invalid; the message names it.</exception>
    public static S3FilesSimulation Create(SimulationOptions? options = null)
    {
        options ??= new SimulationOptions();
        options.Validate();
        return new S3FilesSimulation(options);
    }

    /// <summary>Advances virtual time by <paramref name="duration"/>, running all background work that falls due, in order.</summary>
    /// <param name="duration">A non-negative span of virtual time.</param>
    /// <param name="cancellationToken">Stops between two work items.</param>
    /// <returns>A task that completes when the clock has reached the target.</returns>
    public ValueTask AdvanceAsync(TimeSpan duration, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return Scheduler.AdvanceAsync(duration, cancellationToken);
    }

    /// <summary>Runs the background work that is due now, without moving the clock.</summary>
    /// <param name="cancellationToken">Stops between two work items.</param>
    /// <returns>A task that completes when nothing more is due now.</returns>
    public ValueTask RunUntilIdleAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return Scheduler.RunUntilIdleAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        for (var i = _owned.Count - 1; i >= 0; i--)
        {
            await _owned[i].DisposeAsync().ConfigureAwait(false);
        }
    }

    internal void Own(IAsyncDisposable resource) => _owned.Add(resource);
}
