using System.Globalization;

namespace S3FilesSim.Telemetry;

/// <summary>
/// Evaluates a set of <see cref="MetricAlarm"/>s on successive <see cref="FileSystemMetrics"/> snapshots and raises
/// <see cref="StateChanged"/> on every OK→ALARM and ALARM→OK transition.
/// </summary>
/// <remarks>Thread-safe; snapshots must be given in period order. Handlers run synchronously inside <see cref="Evaluate"/>.</remarks>
public sealed class AlarmEvaluator
{
    private readonly object _gate = new();
    private readonly AlarmSlot[] _slots;

    /// <summary>Creates an evaluator with every alarm in the OK state.</summary>
    /// <param name="alarms">The alarms; names must be unique.</param>
    /// <exception cref="ArgumentException">An alarm is invalid or two share a name.</exception>
    internal AlarmEvaluator(IEnumerable<MetricAlarm> alarms)
    {
        ArgumentNullException.ThrowIfNull(alarms);
        _slots = alarms.Select(a =>
        {
            ArgumentNullException.ThrowIfNull(a, nameof(alarms));
            a.Validate();
            return new AlarmSlot(a);
        }).ToArray();
        var duplicate = _slots.GroupBy(s => s.Alarm.AlarmName, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Two alarms are named '{duplicate.Key}'.", nameof(alarms));
        }
    }

    /// <summary>Raised after an alarm changes state, once per change.</summary>
    public event EventHandler<AlarmStateChange>? StateChanged;

    /// <summary>Gets the alarms evaluated.</summary>
    public IReadOnlyList<MetricAlarm> Alarms => _slots.Select(s => s.Alarm).ToList();

    /// <summary>Returns the current state of an alarm.</summary>
    /// <param name="alarmName">The alarm's name.</param>
    /// <returns>The state.</returns>
    /// <exception cref="KeyNotFoundException">No alarm has that name.</exception>
    public AlarmState GetState(string alarmName)
    {
        lock (_gate)
        {
            return Array.Find(_slots, s => s.Alarm.AlarmName == alarmName)?.State
                ?? throw new KeyNotFoundException($"No alarm is named '{alarmName}'.");
        }
    }

    /// <summary>Adds one period's datapoints to every alarm and returns the state changes, after raising <see cref="StateChanged"/> for each.</summary>
    /// <param name="snapshot">The next snapshot in period order.</param>
    /// <returns>The changes this snapshot caused, in alarm order; empty when none.</returns>
    internal IReadOnlyList<AlarmStateChange> Evaluate(FileSystemMetrics snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var changes = new List<AlarmStateChange>();
        lock (_gate)
        {
            foreach (var slot in _slots)
            {
                if (slot.Add(snapshot) is { } change)
                {
                    changes.Add(change);
                }
            }
        }

        foreach (var change in changes)
        {
            StateChanged?.Invoke(this, change);
        }

        return changes;
    }

    private sealed class AlarmSlot(MetricAlarm alarm)
    {
        private readonly Queue<double> _window = new();

        public MetricAlarm Alarm { get; } = alarm;

        public AlarmState State { get; private set; } = AlarmState.Ok;

        public AlarmStateChange? Add(FileSystemMetrics snapshot)
        {
            if (snapshot.GetValue(Alarm.MetricName, Alarm.Statistic) is not { } value)
            {
                return null;
            }

            _window.Enqueue(value);
            if (_window.Count > Alarm.EvaluationPeriods)
            {
                _window.Dequeue();
            }

            var breaching = _window.Count(Alarm.Breaches);
            var next = breaching >= Alarm.EffectiveDatapointsToAlarm ? AlarmState.Alarm : AlarmState.Ok;
            if (next == State)
            {
                return null;
            }

            var change = new AlarmStateChange(
                Alarm.AlarmName,
                Alarm.MetricName,
                State,
                next,
                snapshot.Timestamp,
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"Threshold Crossed: {breaching} out of the last {_window.Count} datapoints were {Alarm.DescribeComparison()} the threshold ({Alarm.Threshold})."));
            State = next;
            return change;
        }
    }
}
