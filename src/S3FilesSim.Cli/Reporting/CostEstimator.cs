using S3FilesSim.Cli.Scenarios;
using S3FilesSim.Cost;

namespace S3FilesSim.Cli.Reporting;

/// <summary>
/// Prices what a run did with the us-east-1 <see cref="PriceTable"/> and the S3 Files metering rules
/// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-metering.html), from the operations the scenario
/// counted and the file system's public gauges. The library's own meter (<c>S3FilesFileSystem.GetCostReport()</c>) is not
/// used by the CLI yet, so imports are not billed here.
/// </summary>
internal static class CostEstimator
{
    /// <summary>Builds the estimate for a finished run.</summary>
    internal static CostEstimate Estimate(RunReport report, OperationCounts counts, long exportedBytes, double virtualSeconds)
    {
        var prices = PriceTable.UsEast1;
        var estimate = new CostEstimate
        {
            Basis = "Estimated by the CLI from its own operation counts, the read-tier statistics and the sampled gauges at us-east-1 prices; "
                + "the library's cost meter (S3FilesFileSystem.GetCostReport) is not used by the CLI yet, so import writes (first-access data copies) are not billed here.",
        };
        var tiers = report.ReadTiers;
        var metadataBytes = prices.MetadataOperationBytes;
        AddGigabytes(estimate, prices, "High-performance data reads", Billable(prices, tiers.HotTierReads, tiers.HotTierBytes), prices.HighPerformanceReadPerGB);
        AddGigabytes(estimate, prices, "Metadata reads (4 KiB each)", (counts.MetadataReads + tiers.BucketDirectReads) * metadataBytes, prices.HighPerformanceReadPerGB);
        AddGigabytes(estimate, prices, "Export reads from high-performance storage", exportedBytes, prices.HighPerformanceReadPerGB);
        AddGigabytes(estimate, prices, "High-performance data writes", Billable(prices, counts.DataWrites, counts.DataWriteBytes), prices.HighPerformanceWritePerGB);
        AddGigabytes(estimate, prices, "Metadata writes (4 KiB each)", counts.MetadataWrites * metadataBytes, prices.HighPerformanceWritePerGB);
        var months = (decimal)virtualSeconds / (decimal)prices.BillingMonth.TotalSeconds;
        var averageHotBytes = report.Metrics.Count == 0 ? 0 : report.Metrics.Average(sample => (double)sample.StorageBytes);
        estimate.Lines.Add(new CostLineEstimate("High-performance storage (average over the run)", Gigabytes(prices, averageHotBytes) * months, "GB-month", prices.HighPerformanceStoragePerGBMonth, Gigabytes(prices, averageHotBytes) * months * prices.HighPerformanceStoragePerGBMonth));
        var bucketBytes = report.Load.Bytes + exportedBytes;
        estimate.Lines.Add(new CostLineEstimate("S3 Standard storage (loaded + exported versions)", Gigabytes(prices, bucketBytes) * months, "GB-month", prices.S3StandardStoragePerGBMonth, Gigabytes(prices, bucketBytes) * months * prices.S3StandardStoragePerGBMonth));
        var puts = report.Sync.ExportedObjectVersions;
        estimate.Lines.Add(new CostLineEstimate("S3 PUT/COPY requests by exports", puts, "requests", prices.S3PutCopyPostListPer1000 / 1000, puts * prices.S3PutCopyPostListPer1000 / 1000));
        var gets = tiers.BucketDirectReads + tiers.BucketThenImportReads;
        estimate.Lines.Add(new CostLineEstimate("S3 GET requests by reads from the bucket", gets, "requests", prices.S3GetHeadPer1000 / 1000, gets * prices.S3GetHeadPer1000 / 1000));
        var deletes = report.Sync.ExportedDeletes;
        estimate.Lines.Add(new CostLineEstimate("S3 DELETE requests by exports", deletes, "requests", prices.S3DeletePer1000 / 1000, deletes * prices.S3DeletePer1000 / 1000));
        return estimate;
    }

    private static long Billable(PriceTable prices, long operations, long bytes) =>
        operations == 0 ? 0 : operations * prices.BillableDataBytes(bytes / operations);

    private static decimal Gigabytes(PriceTable prices, double bytes) => (decimal)bytes / prices.BytesPerGB;

    private static void AddGigabytes(CostEstimate estimate, PriceTable prices, string item, long bytes, decimal pricePerGigabyte)
    {
        var gigabytes = Gigabytes(prices, bytes);
        estimate.Lines.Add(new CostLineEstimate(item, gigabytes, "GB", pricePerGigabyte, gigabytes * pricePerGigabyte));
    }
}
