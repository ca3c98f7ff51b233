using FluentAssertions;
using S3FilesSim.Cost;
using S3FilesSim.Time;
using Xunit;

namespace S3FilesSim.Tests.Cost;

// Metering rules: https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-metering.html (newer text).
// Prices: us-east-1 defaults of PriceTable; GB = 2^30 bytes, GB-month = one GB for 30 days.
public sealed class CostMeterTests
{
    private const long KiB = 1024;
    private const long GiB = 1L << 30;
    private readonly VirtualClock _clock = new();
    private readonly CostMeter _meter;

    public CostMeterTests()
    {
        _meter = new CostMeter(PriceTable.UsEast1, _clock);
    }

    [Fact]
    public async Task GetReport_SmallMonthScenario_MatchesHandCalculationToTheCent()
    {
        for (var i = 0; i < 100_000; i++)
        {
            _meter.RecordDataWrite(100 * KiB);
            _meter.RecordExport(100 * KiB);
            _meter.RecordMetadataWrite();
        }

        for (var i = 0; i < 200_000; i++)
        {
            _meter.RecordDataRead(4 * KiB);
        }

        _meter.RecordMetadataRead(300_000);
        for (var i = 0; i < 50_000; i++)
        {
            _meter.RecordDirectRead();
        }

        _meter.RecordS3Request(S3RequestClass.Delete, 1_000);
        for (var i = 0; i < 10; i++)
        {
            _meter.ChangeHighPerformanceFile(null, GiB);
        }

        _meter.SetS3StorageBytes(10 * GiB);
        await _clock.Scheduler.AdvanceAsync(TimeSpan.FromDays(30));

        var report = _meter.GetReport();

        // Data writes: 100,000 × 100 KiB = 10,240,000,000 B = 9.5367431640625 GB × $0.06.
        report[CostLineKind.DataWrites].Amount.Should().Be(0.57220458984375m);
        // Data reads: 200,000 × 32 KiB (minimum) = 6,553,600,000 B = 6.103515625 GB × $0.03.
        report[CostLineKind.DataReads].Amount.Should().Be(0.18310546875m);
        // Metadata reads: (300,000 + 50,000 direct reads) × 4 KiB = 1.33514404296875 GB × $0.03.
        report[CostLineKind.MetadataReads].Amount.Should().Be(0.0400543212890625m);
        // Metadata writes: 100,000 × 4 KiB = 0.3814697265625 GB × $0.06.
        report[CostLineKind.MetadataWrites].Amount.Should().Be(0.02288818359375m);
        // Export reads: 100,000 × 100 KiB = 9.5367431640625 GB × $0.03.
        report[CostLineKind.ExportReads].Amount.Should().Be(0.286102294921875m);
        // PUT: 100,000 = 100 × $0.005; GET: 50,000 = 50 × $0.0004; DELETE: free.
        report[CostLineKind.S3PutCopyPostListRequests].Amount.Should().Be(0.5m);
        report[CostLineKind.S3GetHeadRequests].Amount.Should().Be(0.02m);
        report[CostLineKind.S3DeleteRequests].Amount.Should().Be(0m);
        // Storage: 10 GB for 30 days = 10 GB-Mo × $0.30; S3: 10 GB-Mo × $0.023.
        report[CostLineKind.HighPerformanceStorage].Amount.Should().Be(3m);
        report[CostLineKind.S3Storage].Amount.Should().Be(0.23m);
        // Total $4.8543548583984375, projected over exactly one 30-day month.
        Math.Round(report.Total, 2).Should().Be(4.85m);
        report.ProjectedMonthlyTotal.Should().Be(report.Total);
        report.Elapsed.Should().Be(TimeSpan.FromDays(30));
    }

    [Theory]
    [InlineData(0L, 32_768L)]
    [InlineData(1L, 32_768L)]
    [InlineData((32 * KiB) - 1, 32_768L)]
    [InlineData(32 * KiB, 32_768L)]
    [InlineData((32 * KiB) + 1, 33_792L)]
    [InlineData(33 * KiB, 33_792L)]
    [InlineData((33 * KiB) + 1, 34_816L)]
    [InlineData(100 * KiB, 102_400L)]
    public void RecordDataRead_SizeAroundMinimumAndRounding_BillsAtLeast32KiBRoundedUpTo1KiB(long bytes, long billed)
    {
        _meter.RecordDataRead(bytes);

        BilledBytes(CostLineKind.DataReads).Should().Be(billed);
    }

    [Theory]
    [InlineData((32 * KiB) - 1, 32_768L)]
    [InlineData(32 * KiB, 32_768L)]
    [InlineData((32 * KiB) + 1, 33_792L)]
    public void RecordDataWrite_SizeAroundMinimum_BillsAtLeast32KiBRoundedUpTo1KiB(long bytes, long billed)
    {
        _meter.RecordDataWrite(bytes);

        BilledBytes(CostLineKind.DataWrites).Should().Be(billed);
    }

    [Fact]
    public void RecordMetadataReadAndWrite_EachOperation_Bills4KiB()
    {
        _meter.RecordMetadataRead(3);
        _meter.RecordMetadataWrite();

        BilledBytes(CostLineKind.MetadataReads).Should().Be(3 * 4096);
        BilledBytes(CostLineKind.MetadataWrites).Should().Be(4096);
    }

    [Fact]
    public void RecordDirectRead_OneRead_BillsOneGetAndOne4KiBMetadataReadButNoDataRead()
    {
        _meter.RecordDirectRead();

        var report = _meter.GetReport();
        report[CostLineKind.S3GetHeadRequests].Quantity.Should().Be(0.001m);
        BilledBytes(CostLineKind.MetadataReads).Should().Be(4096);
        report[CostLineKind.DataReads].Quantity.Should().Be(0m);
    }

    [Fact]
    public void RecordImport_WithData_BillsDataAt32KiBMinimumPlus4KiBMetadataAsWrites()
    {
        _meter.RecordImport(10 * KiB, dataImported: true);
        _meter.RecordImport(100 * KiB, dataImported: true);

        BilledBytes(CostLineKind.ImportWrites).Should().Be((32 * KiB) + (4 * KiB) + (100 * KiB) + (4 * KiB));
        BilledBytes(CostLineKind.DataWrites).Should().Be(0);
    }

    [Fact]
    public void RecordImport_MetadataOnly_Bills4KiBWrite()
    {
        _meter.RecordImport(5 * GiB, dataImported: false);

        BilledBytes(CostLineKind.ImportWrites).Should().Be(4 * KiB);
    }

    [Fact]
    public void RecordExport_DataAndMetadataOnly_BillsReadsOfHighPerformanceBytesAndPutRequests()
    {
        _meter.RecordExport(1 * KiB);
        _meter.RecordExport(0, putRequests: 1);
        _meter.RecordExport(200 * KiB, putRequests: 3);

        BilledBytes(CostLineKind.ExportReads).Should().Be((32 * KiB) + (200 * KiB));
        _meter.GetReport()[CostLineKind.S3PutCopyPostListRequests].Quantity.Should().Be(0.005m);
    }

    [Fact]
    public async Task ChangeHighPerformanceFile_OneGibibyteForFifteenDays_IntegratesHalfAGigabyteMonth()
    {
        _meter.ChangeHighPerformanceFile(null, GiB);

        await _clock.Scheduler.AdvanceAsync(TimeSpan.FromDays(15));
        var report = _meter.GetReport();

        report[CostLineKind.HighPerformanceStorage].Quantity.Should().Be(0.5m);
        report[CostLineKind.HighPerformanceStorage].Amount.Should().Be(0.15m);
        report.ProjectedMonthlyTotal.Should().Be(0.30m);
    }

    [Fact]
    public async Task ChangeHighPerformanceFile_GrowsThenExpiresOverFifteenDays_IntegratesEachInterval()
    {
        // 1 GiB for 5 days, 3 GiB for 5 days, expired (0) for 5 days: (5 + 15) GiB-days / 30 = 2/3 GB-Mo.
        _meter.ChangeHighPerformanceFile(null, GiB);
        await _clock.Scheduler.AdvanceAsync(TimeSpan.FromDays(5));
        _meter.ChangeHighPerformanceFile(GiB, 3 * GiB);
        await _clock.Scheduler.AdvanceAsync(TimeSpan.FromDays(5));
        _meter.ChangeHighPerformanceFile(3 * GiB, null);
        await _clock.Scheduler.AdvanceAsync(TimeSpan.FromDays(5));

        var line = _meter.GetReport()[CostLineKind.HighPerformanceStorage];

        line.Quantity.Should().BeApproximately(2m / 3m, 0.0000000001m);
        Math.Round(line.Amount, 2).Should().Be(0.20m);
    }

    [Fact]
    public async Task ChangeHighPerformanceFile_SmallFiles_BillAtLeast10KiBEach()
    {
        for (var i = 0; i < 1_000; i++)
        {
            _meter.ChangeHighPerformanceFile(null, 1 * KiB);
        }

        _meter.ChangeHighPerformanceFile(null, 20 * KiB);
        await _clock.Scheduler.AdvanceAsync(TimeSpan.FromDays(30));

        var quantity = _meter.GetReport()[CostLineKind.HighPerformanceStorage].Quantity;

        (quantity * GiB).Should().Be((1_000 * 10 * KiB) + (20 * KiB));
    }

    [Fact]
    public void ChangeHighPerformanceFile_RemovingAFileNeverAdded_Throws()
    {
        var act = () => _meter.ChangeHighPerformanceFile(GiB, null);

        act.Should().Throw<InvalidOperationException>();
    }

    [Fact]
    public async Task SetS3StorageBytes_AllVersionsOverFifteenDays_IntegratesGigabyteMonths()
    {
        _meter.SetS3StorageBytes(2 * GiB);
        await _clock.Scheduler.AdvanceAsync(TimeSpan.FromDays(15));

        var line = _meter.GetReport()[CostLineKind.S3Storage];

        line.Quantity.Should().Be(1m);
        line.Amount.Should().Be(0.023m);
        line.Unit.Should().Be("GB-Mo");
    }

    [Fact]
    public void GetReport_NoTimeElapsed_HasNoProjectionAndEveryKindOnce()
    {
        var report = _meter.GetReport();

        report.ProjectedMonthlyTotal.Should().BeNull();
        report.Lines.Select(l => l.Kind).Should().Equal(Enum.GetValues<CostLineKind>());
        report.Total.Should().Be(0m);
    }

    [Fact]
    public void GetReport_RequestLines_PriceIsPerThousandRequests()
    {
        _meter.RecordS3Request(S3RequestClass.PutCopyPostList, 2_000);
        _meter.RecordS3Request(S3RequestClass.GetHead, 10_000);

        var report = _meter.GetReport();

        report[CostLineKind.S3PutCopyPostListRequests].Should().Be(new CostLine(CostLineKind.S3PutCopyPostListRequests, "S3 PUT, COPY, POST, LIST requests", 2m, "1,000 requests", 0.005m, 0.01m));
        report[CostLineKind.S3GetHeadRequests].Amount.Should().Be(0.004m);
    }

    [Fact]
    public void Constructor_DecimalGigabytes_ChangesTheBilledQuantity()
    {
        var meter = new CostMeter(PriceTable.UsEast1 with { BytesPerGB = 1_000_000_000 }, _clock);

        meter.RecordDataWrite(1_024_000_000);

        meter.GetReport()[CostLineKind.DataWrites].Should().Match<CostLine>(l => l.Quantity == 1.024m && l.Amount == 0.06144m);
    }

    [Fact]
    public void Constructor_NegativePrice_Throws()
    {
        var act = () => new CostMeter(PriceTable.UsEast1 with { HighPerformanceReadPerGB = -0.01m }, _clock);

        act.Should().Throw<ArgumentException>().WithMessage("*HighPerformanceReadPerGB*");
    }

    [Fact]
    public void PriceTable_Defaults_AreTheUsEast1ListPrices()
    {
        var prices = new PriceTable();

        (prices.HighPerformanceStoragePerGBMonth, prices.HighPerformanceReadPerGB, prices.HighPerformanceWritePerGB).Should().Be((0.30m, 0.03m, 0.06m));
        (prices.S3StandardStoragePerGBMonth, prices.S3PutCopyPostListPer1000, prices.S3GetHeadPer1000, prices.S3DeletePer1000).Should().Be((0.023m, 0.005m, 0.0004m, 0m));
        (prices.MinimumDataOperationBytes, prices.DataOperationGranularityBytes, prices.MetadataOperationBytes, prices.MinimumBillableFileBytes, prices.BytesPerGB)
            .Should().Be((32_768L, 1_024L, 4_096L, 10_240L, 1_073_741_824L));
    }

    private long BilledBytes(CostLineKind kind) => (long)(_meter.GetReport()[kind].Quantity * GiB);
}
