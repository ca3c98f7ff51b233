using FluentAssertions;
using S3FilesSim.Telemetry;
using Xunit;

namespace S3FilesSim.Tests.Telemetry;

// Each workload is composed the way the engine will call the model: one Estimate per client operation.
//   read a file      = MetadataRead (open/lookup) + data read of its bytes
//   write a new file = MetadataWrite (create) + Write of its bytes + MetadataWrite (commit on close)
//   rename           = Rename
//   list + stat      = ReadDirectory of all entries (READDIRPLUS returns the attributes, so the stats hit the client cache)
// Profile: EC2 client in the file system's Region. "10 MB" is 10,000,000 bytes, "1 KB" 1,000 bytes.
public sealed class LatencyModelTests
{
    private const long TenMegabytes = 10_000_000;
    private const long OneKilobyte = 1_000;
    private readonly LatencyModel _model = new(new LatencyProfile(), new LatencyStatistics());

    // Calibration target: the seed article's table for 20 medium files (~10 MB each): read 139 ms, write 256 ms,
    // rename 114 ms in total; and its 10,000-entry list + stat in 905 ms. Each must come out within ±25 %.
    [Theory]
    [InlineData("read", 139.0)]
    [InlineData("write", 256.0)]
    [InlineData("rename", 114.0)]
    public void Estimate_SeedArticleTwentyMediumFiles_WithinTwentyFivePercent(string workload, double publishedMilliseconds)
    {
        var one = workload switch
        {
            "read" => ReadFile(TenMegabytes, OperationKind.HotRead),
            "write" => WriteNewFile(TenMegabytes),
            _ => _model.Estimate(OperationKind.Rename),
        };

        var total = (one * 20).TotalMilliseconds;

        total.Should().BeInRange(publishedMilliseconds * 0.75, publishedMilliseconds * 1.25);
    }

    [Fact]
    public void Estimate_SeedArticleTenThousandEntryListAndStat_WithinTwentyFivePercent()
    {
        // Seed article: "10,000-entry list + stat 905 ms".
        var total = _model.Estimate(OperationKind.ReadDirectory, entries: 10_000).TotalMilliseconds;

        total.Should().BeInRange(905 * 0.75, 905 * 1.25);
    }

    // Third-party LAB2 (https://github.com/chaosreload/aws-hands-on-lab/blob/main/docs/storage/s3-files-vs-opensource.md,
    // EC2 us-east-1, times include process start-up and network): cannot be met together with the seed article (its 10 MB
    // write takes 133 ms where the article's takes 12.8 ms), so these pin the documented gap (docs/SEMANTICS.md).
    [Theory]
    [InlineData("1 KB write", 17.0, 4.0)]
    [InlineData("1 KB read", 11.0, 1.4)]
    [InlineData("cached read", 4.0, 0.02)]
    [InlineData("10 MB write", 133.0, 13.31)]
    [InlineData("10 MB read", 53.0, 24.10)]
    public void Estimate_Lab2Workloads_MatchTheDocumentedModelValues(string workload, double lab2Milliseconds, double documentedModelMilliseconds)
    {
        var modelled = workload switch
        {
            "1 KB write" => WriteNewFile(OneKilobyte),
            "1 KB read" => ReadFile(OneKilobyte, OperationKind.HotRead),
            "cached read" => _model.Estimate(OperationKind.CachedRead, OneKilobyte),
            "10 MB write" => WriteNewFile(TenMegabytes),
            _ => ReadFile(TenMegabytes, OperationKind.DirectRead),
        };

        modelled.TotalMilliseconds.Should().BeApproximately(documentedModelMilliseconds, documentedModelMilliseconds * 0.02);
        modelled.TotalMilliseconds.Should().BeLessThan(lab2Milliseconds);
    }

    [Fact]
    public void Estimate_Lab1RepeatReadOfTenMegabytes_WithinTwentyFivePercentAsAHotRead()
    {
        // LAB1 (https://github.com/chaosreload/aws-hands-on-lab/blob/main/docs/storage/s3-files.md): repeat read of a 10 MB file 6 ms.
        var modelled = ReadFile(TenMegabytes, OperationKind.HotRead).TotalMilliseconds;

        modelled.Should().BeInRange(6 * 0.75, 6 * 1.25);
    }

    [Fact]
    public void Estimate_DirectReadOfThreeGibibytes_IsFirstBytePlusOneSecondAtPerClientThroughput()
    {
        // https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-performance.html: 3 GiB/s per client.
        var latency = _model.Estimate(OperationKind.DirectRead, 3L << 30);

        latency.Should().Be(TimeSpan.FromMilliseconds(20) + TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void Estimate_FirstDirectoryAccessOf2400Entries_TakesAboutOneSecondAtTheImportRate()
    {
        // https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-performance.html: import 2,400 objects/s.
        var latency = _model.Estimate(OperationKind.FirstDirectoryAccess, entries: 2_400);

        latency.TotalMilliseconds.Should().BeApproximately(1_008, 1);
    }

    [Fact]
    public void Estimate_SmallHotRead_IsSubMillisecond()
    {
        // https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files.html: "sub-millisecond to single-digit millisecond".
        var latency = _model.Estimate(OperationKind.HotRead, 4096);

        latency.Should().BeLessThan(TimeSpan.FromMilliseconds(1));
    }

    [Fact]
    public void Estimate_MetadataOperations_IgnoreBytesAndEntries()
    {
        _model.Estimate(OperationKind.MetadataRead, 1_000_000, 50).Should().Be(TimeSpan.FromMilliseconds(1));
        _model.Estimate(OperationKind.MetadataWrite, 1_000_000, 50).Should().Be(TimeSpan.FromMilliseconds(1.5));
    }

    [Fact]
    public void Estimate_NegativeBytes_Throws()
    {
        var act = () => _model.Estimate(OperationKind.Write, -1);

        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void Record_Operation_AddsTheEstimateToStatistics()
    {
        var latency = _model.Record(OperationKind.ColdRead, 700_000);

        latency.Should().Be(TimeSpan.FromMilliseconds(21));
        _model.Statistics.GetSummary(OperationKind.ColdRead).Should().Match<LatencySummary>(s => s.Count == 1 && s.Max == latency && s.Total == latency);
    }

    [Fact]
    public void Constructor_ZeroThroughput_Throws()
    {
        var act = () => new LatencyModel(new LatencyProfile { WriteBytesPerSecond = 0 }, new LatencyStatistics());

        act.Should().Throw<ArgumentException>().WithMessage("*WriteBytesPerSecond*");
    }

    [Fact]
    public void Constructor_NegativeLatency_Throws()
    {
        var act = () => new LatencyModel(new LatencyProfile { Rename = TimeSpan.FromMilliseconds(-1) }, new LatencyStatistics());

        act.Should().Throw<ArgumentException>().WithMessage("*Rename*");
    }

    private TimeSpan ReadFile(long bytes, OperationKind read) => _model.Estimate(OperationKind.MetadataRead) + _model.Estimate(read, bytes);

    private TimeSpan WriteNewFile(long bytes) =>
        _model.Estimate(OperationKind.MetadataWrite) + _model.Estimate(OperationKind.Write, bytes) + _model.Estimate(OperationKind.MetadataWrite);
}
