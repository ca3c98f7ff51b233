using FluentAssertions;
using S3FilesSim.Cli.Reporting;
using Xunit;

namespace S3FilesSim.Cli.Tests.Reporting;

public sealed class StatisticsTests
{
    [Fact]
    public void Summarize_OneToHundred_GivesNearestRankPercentiles()
    {
        var values = Enumerable.Range(1, 100).Select(i => (double)i).Reverse().ToArray();

        var summary = Statistics.Summarize(values);

        summary.Should().Be(new LatencySummaryReport(100, 50, 95, 99, 100));
    }

    [Fact]
    public void Summarize_NoValues_GivesZeros()
    {
        Statistics.Summarize([]).Should().Be(new LatencySummaryReport(0, 0, 0, 0, 0));
    }

    [Fact]
    public void Histogram_SpreadValues_CountsEachValueOnceInAtMostTheGivenBins()
    {
        double[] values = [60.0, 60.05, 60.4, 61.2, 63.9];

        var bins = Statistics.Histogram(values, maxBins: 4);

        bins.Should().HaveCountLessThanOrEqualTo(4);
        bins.Sum(bin => bin.Count).Should().Be(5);
        bins[0].Label.Should().StartWith("60.0-");
        bins[^1].Count.Should().Be(1);
    }
}
