using FluentAssertions;
using S3FilesSim.Telemetry;
using Xunit;

namespace S3FilesSim.Tests.Telemetry;

public sealed class LatencyStatisticsTests
{
    private readonly LatencyStatistics _statistics = new();

    [Fact]
    public void GetSummary_NothingRecorded_AllZero()
    {
        var summary = _statistics.GetSummary(OperationKind.Rename);

        summary.Should().Be(new LatencySummary(OperationKind.Rename, 0, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero));
        summary.Mean.Should().Be(TimeSpan.Zero);
    }

    [Fact]
    public void Record_ACountOfEqualLatencies_CountsEachOnce()
    {
        _statistics.Record(OperationKind.HotRead, TimeSpan.FromTicks(10), 9);
        _statistics.Record(OperationKind.HotRead, TimeSpan.FromTicks(100));

        var summary = _statistics.GetSummary(OperationKind.HotRead);

        (summary.Count, summary.Total.Ticks, summary.P90.Ticks, summary.P99.Ticks).Should().Be((10L, 190L, 10L, 100L));
    }

    [Fact]
    public void GetSummary_ValuesBelowTwelvePointEightMicroseconds_PercentilesAreExact()
    {
        for (var ticks = 1; ticks <= 100; ticks++)
        {
            _statistics.Record(OperationKind.CachedRead, TimeSpan.FromTicks(ticks));
        }

        var summary = _statistics.GetSummary(OperationKind.CachedRead);

        summary.P50.Ticks.Should().Be(50);
        summary.P90.Ticks.Should().Be(90);
        summary.P99.Ticks.Should().Be(99);
        summary.Max.Ticks.Should().Be(100);
        summary.Count.Should().Be(100);
        summary.Total.Ticks.Should().Be(5050);
        summary.Mean.Ticks.Should().Be(50);
    }

    [Fact]
    public void GetSummary_MillisecondValues_PercentilesWithinOneSixtyFourthAboveTheTrueValue()
    {
        for (var i = 1; i <= 10_000; i++)
        {
            _statistics.Record(OperationKind.HotRead, TimeSpan.FromMicroseconds(i * 7));
        }

        var summary = _statistics.GetSummary(OperationKind.HotRead);

        AssertWithinBucket(summary.P50, 5_000 * 7);
        AssertWithinBucket(summary.P90, 9_000 * 7);
        AssertWithinBucket(summary.P99, 9_900 * 7);
        summary.Max.Should().Be(TimeSpan.FromMicroseconds(70_000));
    }

    [Fact]
    public void GetSummary_SingleValue_EveryPercentileIsThatValue()
    {
        _statistics.Record(OperationKind.Write, TimeSpan.FromMilliseconds(12.345));

        var summary = _statistics.GetSummary(OperationKind.Write);

        new[] { summary.P50, summary.P90, summary.P99, summary.Max }.Should().AllBeEquivalentTo(TimeSpan.FromMilliseconds(12.345));
    }

    [Theory]
    [InlineData(127L, 127)]
    [InlineData(128L, 128)]
    [InlineData(129L, 128)]
    [InlineData(130L, 129)]
    [InlineData(255L, 191)]
    [InlineData(256L, 192)]
    public void BucketOf_AroundTheExactLimit_IsLogLinear(long ticks, int bucket)
    {
        LatencyStatistics.Histogram.BucketOf(ticks).Should().Be(bucket);
    }

    [Fact]
    public void HighestValueOf_AnyValue_CoversItWithinOneSixtyFourth()
    {
        var random = new Random(20260407);
        for (var i = 0; i < 10_000; i++)
        {
            var ticks = random.NextInt64(0, long.MaxValue >> random.Next(0, 60));

            var highest = LatencyStatistics.Histogram.HighestValueOf(LatencyStatistics.Histogram.BucketOf(ticks));

            highest.Should().BeGreaterThanOrEqualTo(ticks, "seed 20260407, value {0}", ticks);
            ((double)highest).Should().BeLessThanOrEqualTo((ticks * (1 + (1 / 64.0))) + 1, "seed 20260407, value {0}", ticks);
        }
    }

    [Fact]
    public void GetSummaries_SomeKindsRecorded_ListsOnlyThoseInEnumOrder()
    {
        _statistics.Record(OperationKind.Write, TimeSpan.FromMilliseconds(1));
        _statistics.Record(OperationKind.MetadataRead, TimeSpan.FromMilliseconds(1));

        _statistics.GetSummaries().Select(s => s.Kind).Should().Equal(OperationKind.MetadataRead, OperationKind.Write);
    }

    [Fact]
    public void Record_FromFourThreads_CountsEveryOperation()
    {
        var threads = Enumerable.Range(1, 4).Select(t => new Thread(() =>
        {
            for (var i = 0; i < 10_000; i++)
            {
                _statistics.Record(OperationKind.MetadataWrite, TimeSpan.FromMilliseconds(t));
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        var summary = _statistics.GetSummary(OperationKind.MetadataWrite);

        summary.Count.Should().Be(40_000);
        summary.Total.Should().Be(TimeSpan.FromMilliseconds(100_000));
        summary.Max.Should().Be(TimeSpan.FromMilliseconds(4));
    }

    [Fact]
    public void Record_NegativeLatency_Throws()
    {
        var act = () => _statistics.Record(OperationKind.Write, TimeSpan.FromTicks(-1));

        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    private static void AssertWithinBucket(TimeSpan reported, int trueMicroseconds)
    {
        reported.TotalMicroseconds.Should().BeInRange(trueMicroseconds, trueMicroseconds * (1 + (1 / 64.0)));
    }
}
