using FluentAssertions;
using S3FilesSim.Cost;
using S3FilesSim.FileSystem;
using S3FilesSim.ObjectStorage;
using S3FilesSim.Tests.FileSystem;
using Xunit;
using static S3FilesSim.Tests.Export.ExportTestKit;

namespace S3FilesSim.Tests.Cost;

// Metering through the facade: https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-metering.html
public sealed class CostWiringTests
{
    [Fact]
    public async Task Report_AfterWritesReadsAndExports_MatchesTheHandCalculation()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        var data = new byte[100 * 1024];
        var handle = await fs.OpenAsync("/a.bin", OpenFlags.WriteOnly | OpenFlags.Create);
        await fs.WriteAsync(handle, data);
        await fs.CloseAsync(handle);
        await sim.AdvanceAsync(Quiet);
        handle = await fs.OpenAsync("/a.bin", OpenFlags.ReadOnly);
        await fs.ReadAsync(handle, data, 0);
        await fs.CloseAsync(handle);
        await fs.StatAsync("/a.bin");

        var report = sim.FileSystem.GetCostReport();

        // By hand, us-east-1 prices: 100 KiB written and read once, exported once (read from high-performance storage);
        // metadata writes: create + close after writing; metadata reads: open + stat; S3: LIST of the root at mount + PUT;
        // 100 KiB on high-performance storage for the 61 s since the write; 100 KiB in S3 for the 1 s since the export at 60 s.
        const decimal Gb = 1L << 30;
        var expected = new Dictionary<CostLineKind, decimal>
        {
            [CostLineKind.DataWrites] = 102_400 / Gb * 0.06m,
            [CostLineKind.MetadataWrites] = 2 * 4096 / Gb * 0.06m,
            [CostLineKind.DataReads] = 102_400 / Gb * 0.03m,
            [CostLineKind.MetadataReads] = 2 * 4096 / Gb * 0.03m,
            [CostLineKind.ExportReads] = 102_400 / Gb * 0.03m,
            [CostLineKind.ImportWrites] = 0,
            [CostLineKind.S3PutCopyPostListRequests] = 2 / 1000m * 0.005m,
            [CostLineKind.S3GetHeadRequests] = 0,
            [CostLineKind.S3DeleteRequests] = 0,
            [CostLineKind.S3Storage] = 102_400m * 1 / (Gb * 30 * 86_400) * 0.023m,
            [CostLineKind.HighPerformanceStorage] = 102_400m * 61 / (Gb * 30 * 86_400) * 0.30m,
        };
        report.Lines.ToDictionary(l => l.Kind, l => decimal.Round(l.Amount, 20)).Should().BeEquivalentTo(expected.ToDictionary(e => e.Key, e => decimal.Round(e.Value, 20)));
        decimal.Round(report.Total, 2).Should().Be(decimal.Round(expected.Values.Sum(), 2));
    }

    [Fact]
    public async Task Report_AfterADirectRead_BillsTheGetAndAMetadataReadButNoDataRead()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        var data = new byte[2 << 20];
        await fs.WriteAllBytesAsync("/big.bin", data);
        await sim.AdvanceAsync(Quiet);
        var before = sim.FileSystem.GetCostReport();
        var handle = await fs.OpenAsync("/big.bin", OpenFlags.ReadOnly);

        await fs.ReadAsync(handle, data, 0);

        var after = sim.FileSystem.GetCostReport();
        sim.FileSystem.ReadStatistics.LastTier.Should().Be(S3FilesSim.ReadPath.ReadTier.BucketDirect);
        (after[CostLineKind.DataReads].Quantity - before[CostLineKind.DataReads].Quantity).Should().Be(0);
        (after[CostLineKind.S3GetHeadRequests].Quantity - before[CostLineKind.S3GetHeadRequests].Quantity).Should().Be(1 / 1000m);
        (after[CostLineKind.MetadataReads].Quantity - before[CostLineKind.MetadataReads].Quantity).Should().Be(2 * 4096 / (decimal)(1L << 30));
    }

    [Fact]
    public async Task HighPerformanceStorage_OfASmallFile_BillsTheTenKibMinimum()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        await fs.WriteFileAsync("/tiny.txt", "x");

        await sim.AdvanceAsync(TimeSpan.FromHours(1));

        sim.FileSystem.GetCostReport()[CostLineKind.HighPerformanceStorage].Quantity
            .Should().Be(10_240m * 3600 / ((1L << 30) * 30m * 86_400));
    }

    [Fact]
    public async Task S3Requests_OfAnExportedDeletion_AreBilledAsDelete()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        await sim.ExportFileAsync(fs, "/a.txt", "x");

        await fs.UnlinkAsync("/a.txt");
        await sim.AdvanceAsync(Quiet);

        sim.FileSystem.GetCostReport()[CostLineKind.S3DeleteRequests].Quantity.Should().Be(1 / 1000m);
    }

    [Fact]
    public async Task S3Storage_OfAllVersionsAndUnfinishedUploadParts_MatchesTheHandCalculation()
    {
        // S3 bills every stored version (https://aws.amazon.com/s3/pricing/) and the parts of a multipart upload until it
        // completes or is aborted (https://docs.aws.amazon.com/AmazonS3/latest/userguide/mpuoverview.html#mpuploadpricing).
        await using var sim = NewSimulation();
        const int MiB = 1 << 20;
        var day = TimeSpan.FromDays(1);
        await sim.Bucket.PutObjectAsync("a.bin", new byte[3 * MiB]);
        await sim.AdvanceAsync(10 * day);
        await sim.Bucket.PutObjectAsync("a.bin", new byte[MiB]);
        await sim.AdvanceAsync(10 * day);
        await sim.Bucket.DeleteObjectAsync("a.bin");
        var uploadId = await sim.Bucket.CreateMultipartUploadAsync(new CreateMultipartUploadRequest { Key = "b.bin" });
        await UploadPartAsync(sim, uploadId, 1, 5 * MiB);
        await UploadPartAsync(sim, uploadId, 2, 2 * MiB);
        await sim.AdvanceAsync(5 * day);
        await UploadPartAsync(sim, uploadId, 2, MiB);
        await sim.AdvanceAsync(5 * day);
        await sim.Bucket.AbortMultipartUploadAsync("b.bin", uploadId);

        var line = sim.FileSystem.GetCostReport()[CostLineKind.S3Storage];

        // By hand: version 1 (3 MiB) for 30 days, version 2 (1 MiB) for 20 days, the delete marker 0 bytes, the parts
        // 7 MiB for 5 days then 6 MiB for 5 days: 175 MiB-days = 175 / 1,024 / 30 GB-months at $0.023.
        line.Quantity.Should().Be(175m / 1024 / 30);
        line.Amount.Should().Be(175m / 1024 / 30 * 0.023m);
    }

    [Fact]
    public async Task S3Storage_OfABucketBehindFaultInjection_MetersTheInnerStore()
    {
        await using var sim = NewSimulation();
        var fileSystem = sim.CreateFileSystem(null, new FaultInjectingObjectStore(sim.Bucket));
        await sim.Bucket.PutObjectAsync("a.bin", new byte[1 << 20]);

        await sim.AdvanceAsync(TimeSpan.FromDays(30));

        fileSystem.GetCostReport()[CostLineKind.S3Storage].Quantity.Should().Be(1m / 1024);
    }

    private static async Task UploadPartAsync(S3FilesSimulation sim, string uploadId, int partNumber, int bytes) =>
        await sim.Bucket.UploadPartAsync(new UploadPartRequest { Key = "b.bin", UploadId = uploadId, PartNumber = partNumber, Content = ObjectContent.FromBytes(new byte[bytes]) });
}
