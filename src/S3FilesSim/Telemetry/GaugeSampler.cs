namespace S3FilesSim.Telemetry;

/// <summary>
/// Accumulates the samples of the point-in-time metrics over one metrics period (<see cref="GaugeStatisticSet"/> per
/// metric): <c>PendingExports</c>, <c>ImportFailures</c>, <c>ExportFailures</c>, <c>ImportAge</c>, <c>ExportAge</c>,
/// <c>LostAndFoundFiles</c> and <c>ClientConnections</c>. Not thread-safe: the <see cref="MetricsRecorder"/> calls it under its lock.
/// </summary>
internal sealed class GaugeSampler
{
    /// <summary>The metrics sampled, in the order of the accumulators.</summary>
    private static readonly string[] Names =
    [
        MetricDefinitions.PendingExports,
        MetricDefinitions.ImportFailures,
        MetricDefinitions.ExportFailures,
        MetricDefinitions.ImportAge,
        MetricDefinitions.ExportAge,
        MetricDefinitions.LostAndFoundFiles,
        MetricDefinitions.ClientConnections,
    ];

    private readonly GaugeStatisticSet[] _sets = new GaugeStatisticSet[Names.Length];

    /// <summary>Adds one sample of every metric.</summary>
    public void Add(FileSystemGaugeReading reading)
    {
        for (var i = 0; i < Names.Length; i++)
        {
            _sets[i] = Added(_sets[i], ValueOf(reading, i));
        }
    }

    /// <summary>Returns the statistics of the period so far plus <paramref name="last"/> (the value now), without changing them.</summary>
    public IReadOnlyDictionary<string, GaugeStatisticSet> With(FileSystemGaugeReading last)
    {
        var result = new Dictionary<string, GaugeStatisticSet>(Names.Length, StringComparer.Ordinal);
        for (var i = 0; i < Names.Length; i++)
        {
            result.Add(Names[i], Added(_sets[i], ValueOf(last, i)));
        }

        return result;
    }

    /// <summary>Returns the statistics of the period ending now with <paramref name="last"/> (the value at its end) and starts
    /// the next period with the same value as its first sample: the value holds into the next period until it changes.</summary>
    public IReadOnlyDictionary<string, GaugeStatisticSet> TakeAndReset(FileSystemGaugeReading last)
    {
        var result = With(last);
        Array.Clear(_sets);
        Add(last);
        return result;
    }

    private static GaugeStatisticSet Added(GaugeStatisticSet set, double value) => set.SampleCount == 0
        ? new GaugeStatisticSet(value, 1, value, value)
        : new GaugeStatisticSet(set.Sum + value, set.SampleCount + 1, Math.Min(set.Minimum, value), Math.Max(set.Maximum, value));

    private static double ValueOf(FileSystemGaugeReading reading, int index) => index switch
    {
        0 => reading.PendingExports,
        1 => reading.ImportFailures,
        2 => reading.ExportFailures,
        3 => reading.ImportAge.TotalSeconds,
        4 => reading.ExportAge.TotalSeconds,
        5 => reading.LostAndFoundFiles,
        _ => reading.ClientConnections,
    };
}
