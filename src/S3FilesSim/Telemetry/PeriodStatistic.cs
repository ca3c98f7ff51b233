namespace S3FilesSim.Telemetry;

/// <summary>A lock-free accumulator of Sum, SampleCount, Minimum and Maximum of one byte metric over one period.</summary>
/// <remarks>
/// <see cref="Add"/> uses only <see cref="Interlocked"/> operations and allocates nothing. <see cref="TakeAndReset"/>
/// swaps each field out separately: an <see cref="Add"/> racing with it may land its sum in one period and its count in
/// the next. On virtual time the engine records and the scheduler collects on the same logical thread, so this does not
/// happen in simulations; under real-time concurrency the totals over several periods stay exact.
/// </remarks>
internal sealed class PeriodStatistic
{
    private long _sum;
    private long _count;
    private long _minimum = long.MaxValue;
    private long _maximum = long.MinValue;

    public void Add(long value)
    {
        Interlocked.Add(ref _sum, value);
        Interlocked.Increment(ref _count);
        AtomicExtremes.Min(ref _minimum, value);
        AtomicExtremes.Max(ref _maximum, value);
    }

    public void AddMany(long value, long count)
    {
        Interlocked.Add(ref _sum, value * count);
        Interlocked.Add(ref _count, count);
        AtomicExtremes.Min(ref _minimum, value);
        AtomicExtremes.Max(ref _maximum, value);
    }

    public MetricStatisticSet Read()
    {
        var count = Interlocked.Read(ref _count);
        return count == 0
            ? MetricStatisticSet.Empty
            : new MetricStatisticSet(Interlocked.Read(ref _sum), count, Interlocked.Read(ref _minimum), Interlocked.Read(ref _maximum));
    }

    public MetricStatisticSet TakeAndReset()
    {
        var count = Interlocked.Exchange(ref _count, 0);
        var sum = Interlocked.Exchange(ref _sum, 0);
        var minimum = Interlocked.Exchange(ref _minimum, long.MaxValue);
        var maximum = Interlocked.Exchange(ref _maximum, long.MinValue);
        return count == 0 ? MetricStatisticSet.Empty : new MetricStatisticSet(sum, count, minimum, maximum);
    }
}
