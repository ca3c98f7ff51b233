using Microsoft.Extensions.Logging;
using S3FilesSim.Time;

namespace S3FilesSim.Telemetry;

/// <summary>
/// Cuts a <see cref="MetricsRecorder"/>'s snapshots every metrics period on the simulation <see cref="Scheduler"/>, keeps a
/// bounded history, writes them as EMF and evaluates the alarms on them.
/// </summary>
/// <remarks>Started by <see cref="Start"/>; stopped by <see cref="Dispose"/>. Runs only as virtual time advances.</remarks>
internal sealed class MetricsPublisher : IDisposable
{
    private readonly MetricsRecorder _recorder;
    private readonly Scheduler _scheduler;
    private readonly TelemetryOptions _options;
    private readonly IReadOnlyList<EmfWriter> _writers;
    private readonly Queue<FileSystemMetrics> _history = new();
    private readonly object _gate = new();
    private ScheduledWork? _next;
    private bool _stopped;

    /// <summary>Creates a publisher; nothing is published before <see cref="Start"/>.</summary>
    /// <param name="recorder">The recorder to cut snapshots from.</param>
    /// <param name="scheduler">The scheduler the periodic work runs on.</param>
    /// <param name="options">The telemetry options; validated here.</param>
    /// <param name="loggerFactory">Creates the EMF logger when <see cref="TelemetryOptions.WriteEmfToLogger"/> is set.</param>
    public MetricsPublisher(MetricsRecorder recorder, Scheduler scheduler, TelemetryOptions options, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(recorder);
        ArgumentNullException.ThrowIfNull(scheduler);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        options.Validate();
        _recorder = recorder;
        _scheduler = scheduler;
        _options = options;
        var writers = new List<EmfWriter>();
        if (options.EmfOutput is { } output)
        {
            writers.Add(new EmfWriter(output, options.EmfStatisticEncoding));
        }

        if (options.WriteEmfToLogger)
        {
            writers.Add(new EmfWriter(loggerFactory.CreateLogger<EmfWriter>(), options.EmfStatisticEncoding));
        }

        _writers = writers;
        Alarms = new AlarmEvaluator(options.Alarms);
    }

    /// <summary>Gets the evaluator of the configured alarms.</summary>
    public AlarmEvaluator Alarms { get; }

    /// <summary>Gets the kept snapshots, oldest first.</summary>
    public IReadOnlyList<FileSystemMetrics> History
    {
        get
        {
            lock (_gate)
            {
                return _history.ToList();
            }
        }
    }

    /// <summary>Gets the latest snapshot, or <see langword="null"/> before the first period has ended.</summary>
    public FileSystemMetrics? Latest
    {
        get
        {
            lock (_gate)
            {
                return _history.Count == 0 ? null : _history.Last();
            }
        }
    }

    /// <summary>Schedules the first period's end one metrics period from now; later periods follow one after another.</summary>
    public void Start()
    {
        lock (_gate)
        {
            if (_next is not null || _stopped)
            {
                throw new InvalidOperationException("The metrics publisher was already started.");
            }

            ScheduleNext();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_gate)
        {
            _stopped = true;
            _next?.Cancel();
        }
    }

    private void ScheduleNext() => _next = _scheduler.Schedule(_options.MetricsPeriod, Tick, "telemetry: metrics period");

    private void Tick()
    {
        var snapshot = _recorder.Collect();
        lock (_gate)
        {
            _history.Enqueue(snapshot);
            if (_history.Count > _options.MetricsHistoryCapacity)
            {
                _history.Dequeue();
            }

            if (!_stopped)
            {
                ScheduleNext();
            }
        }

        foreach (var writer in _writers)
        {
            writer.Write(snapshot);
        }

        Alarms.Evaluate(snapshot);
    }
}
