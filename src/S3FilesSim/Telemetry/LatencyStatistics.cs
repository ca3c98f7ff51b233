namespace S3FilesSim.Telemetry;

/// <summary>Latency statistics of one <see cref="OperationKind"/>.</summary>
/// <param name="Kind">The operation kind.</param>
/// <param name="Count">The number of operations recorded.</param>
/// <param name="Total">The sum of their latencies.</param>
/// <param name="P50">The median latency.</param>
/// <param name="P90">The 90th percentile latency.</param>
/// <param name="P99">The 99th percentile latency.</param>
/// <param name="Max">The largest latency, exact.</param>
public sealed record LatencySummary(OperationKind Kind, long Count, TimeSpan Total, TimeSpan P50, TimeSpan P90, TimeSpan P99, TimeSpan Max)
{
    /// <summary>Gets the mean latency, or zero when nothing was recorded.</summary>
    public TimeSpan Mean => Count == 0 ? TimeSpan.Zero : Total / Count;
}

/// <summary>
/// Per-operation histograms of modelled latencies: count, total, p50, p90, p99 and max for each <see cref="OperationKind"/>.
/// </summary>
/// <remarks>
/// <para>Precision: latencies are kept in HDR-style log-linear buckets of 100 ns ticks. Below 12.8 µs every tick has its
/// own bucket (exact); above, each power of two is split into 64 buckets, so a percentile is at most 1/64 (1.6 %) above
/// the true value: it reports the highest value of its bucket, capped at the exact maximum. Count, total and max are exact.</para>
/// <para>Thread-safe and lock-free; memory is allocated once per kind, on its first record.</para>
/// </remarks>
public sealed class LatencyStatistics
{
    private readonly Histogram?[] _histograms = new Histogram?[Enum.GetValues<OperationKind>().Length];

    /// <summary>Creates empty statistics; a file system's are <see cref="FileSystem.S3FilesFileSystem.Latency"/>.</summary>
    internal LatencyStatistics()
    {
    }

    /// <summary>Returns the statistics of one operation kind.</summary>
    /// <param name="kind">The operation kind.</param>
    /// <returns>The summary; all zero when nothing was recorded.</returns>
    public LatencySummary GetSummary(OperationKind kind)
    {
        var histogram = Volatile.Read(ref _histograms[IndexOf(kind)]);
        return histogram is null
            ? new LatencySummary(kind, 0, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero)
            : histogram.Summarize(kind);
    }

    /// <summary>Returns the statistics of every operation kind recorded at least once, in enum order.</summary>
    /// <returns>The summaries.</returns>
    public IReadOnlyList<LatencySummary> GetSummaries() =>
        Enum.GetValues<OperationKind>().Select(GetSummary).Where(s => s.Count > 0).ToList();

    /// <summary>Adds one latency of one operation kind.</summary>
    /// <param name="kind">The operation kind.</param>
    /// <param name="latency">The latency; non-negative.</param>
    internal void Record(OperationKind kind, TimeSpan latency) => Record(kind, latency, 1);

    /// <summary>Adds <paramref name="count"/> equal latencies of one operation kind.</summary>
    /// <param name="kind">The operation kind.</param>
    /// <param name="latency">The latency of each; non-negative.</param>
    /// <param name="count">How many; positive.</param>
    internal void Record(OperationKind kind, TimeSpan latency, long count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        ArgumentOutOfRangeException.ThrowIfLessThan(latency, TimeSpan.Zero);
        ref var slot = ref _histograms[IndexOf(kind)];
        var histogram = Volatile.Read(ref slot);
        if (histogram is null)
        {
            Interlocked.CompareExchange(ref slot, new Histogram(), null);
            histogram = Volatile.Read(ref slot)!;
        }

        histogram.Add(latency.Ticks, count);
    }

    private static int IndexOf(OperationKind kind)
    {
        if (!Enum.IsDefined(kind))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown operation kind.");
        }

        return (int)kind;
    }

    /// <summary>A log-linear histogram of tick counts: exact below 128, then 64 sub-buckets per power of two.</summary>
    internal sealed class Histogram
    {
        private const int ExactLimit = 128;
        private const int SubBucketBits = 6;
        private const int SubBuckets = 1 << SubBucketBits;
        private const int FirstExponent = 7;
        private readonly long[] _buckets = new long[ExactLimit + ((63 - FirstExponent) * SubBuckets)];
        private long _count;
        private long _total;
        private long _max;

        public static int BucketOf(long ticks)
        {
            if (ticks < ExactLimit)
            {
                return (int)ticks;
            }

            var exponent = 63 - long.LeadingZeroCount(ticks);
            var subBucket = (int)(ticks >> (int)(exponent - SubBucketBits)) - SubBuckets;
            return ExactLimit + ((int)(exponent - FirstExponent) * SubBuckets) + subBucket;
        }

        public static long HighestValueOf(int bucket)
        {
            if (bucket < ExactLimit)
            {
                return bucket;
            }

            var exponent = FirstExponent + ((bucket - ExactLimit) / SubBuckets);
            var subBucket = (bucket - ExactLimit) % SubBuckets;
            var width = 1L << (exponent - SubBucketBits);
            return ((SubBuckets + subBucket) * width) + width - 1;
        }

        public void Add(long ticks, long count = 1)
        {
            Interlocked.Add(ref _buckets[BucketOf(ticks)], count);
            Interlocked.Add(ref _count, count);
            Interlocked.Add(ref _total, ticks * count);
            AtomicExtremes.Max(ref _max, ticks);
        }

        public LatencySummary Summarize(OperationKind kind)
        {
            var count = Interlocked.Read(ref _count);
            var max = Interlocked.Read(ref _max);
            return new LatencySummary(
                kind,
                count,
                TimeSpan.FromTicks(Interlocked.Read(ref _total)),
                Percentile(0.50, count, max),
                Percentile(0.90, count, max),
                Percentile(0.99, count, max),
                TimeSpan.FromTicks(max));
        }

        private TimeSpan Percentile(double quantile, long count, long max)
        {
            var rank = Math.Max(1, (long)Math.Ceiling(quantile * count));
            long seen = 0;
            for (var bucket = 0; bucket < _buckets.Length; bucket++)
            {
                seen += Volatile.Read(ref _buckets[bucket]);
                if (seen >= rank)
                {
                    return TimeSpan.FromTicks(Math.Min(HighestValueOf(bucket), max));
                }
            }

            return TimeSpan.FromTicks(max);
        }
    }
}
