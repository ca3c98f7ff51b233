namespace S3FilesSim.Cost;

/// <summary>
/// Prices and metering quanta the cost meter applies; the defaults are the us-east-1 list prices of Amazon S3 Files and
/// S3 Standard as published at launch, and the metering rules of
/// https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-metering.html.
/// </summary>
/// <remarks>
/// <para>The S3 pricing page (https://aws.amazon.com/s3/pricing/) could not be read for this project; the S3 Files prices
/// are third-party figures (the launch-day Hacker News thread https://news.ycombinator.com/item?id=47680404, confirmed by
/// the hands-on lab https://github.com/chaosreload/aws-hands-on-lab/blob/main/docs/storage/s3-files-vs-opensource.md).
/// The S3 Standard prices are the long-standing us-east-1 list prices.</para>
/// <para>Amounts are in US dollars. A GB is <see cref="BytesPerGB"/> bytes (2^30, as AWS bills storage and transfer:
/// its billing reports meter bytes and its S3 pricing example writes 100 GB as 107,374,182,400 bytes); a GB-month is one
/// GB kept for <see cref="BillingMonth"/>.</para>
/// </remarks>
public sealed record PriceTable
{
    /// <summary>Gets the price of one GB-month on high-performance storage, in USD.</summary>
    /// <value>The default value is 0.30 (us-east-1; third-party: HN launch thread, LAB2).</value>
    public decimal HighPerformanceStoragePerGBMonth { get; init; } = 0.30m;

    /// <summary>Gets the price of one GB read from high-performance storage (data, metadata and export reads), in USD.</summary>
    /// <value>The default value is 0.03 (us-east-1; third-party: HN launch thread, LAB2).</value>
    public decimal HighPerformanceReadPerGB { get; init; } = 0.03m;

    /// <summary>Gets the price of one GB written to high-performance storage (data, metadata and import writes), in USD.</summary>
    /// <value>The default value is 0.06 (us-east-1; third-party: HN launch thread, LAB2).</value>
    public decimal HighPerformanceWritePerGB { get; init; } = 0.06m;

    /// <summary>Gets the price of one GB-month of S3 Standard storage (all object versions), in USD.</summary>
    /// <value>The default value is 0.023 (S3 Standard, us-east-1, first 50 TB).</value>
    public decimal S3StandardStoragePerGBMonth { get; init; } = 0.023m;

    /// <summary>Gets the price of 1,000 S3 PUT, COPY, POST or LIST requests, in USD.</summary>
    /// <value>The default value is 0.005 (S3 Standard, us-east-1).</value>
    public decimal S3PutCopyPostListPer1000 { get; init; } = 0.005m;

    /// <summary>Gets the price of 1,000 S3 GET or HEAD requests (and other requests), in USD.</summary>
    /// <value>The default value is 0.0004 (S3 Standard, us-east-1).</value>
    public decimal S3GetHeadPer1000 { get; init; } = 0.0004m;

    /// <summary>Gets the price of 1,000 S3 DELETE requests, in USD.</summary>
    /// <value>The default value is 0: S3 does not charge DELETE requests.</value>
    public decimal S3DeletePer1000 { get; init; }

    /// <summary>Gets the smallest billed size of a file data read or write on high-performance storage, in bytes.</summary>
    /// <value>The default value is 32,768 (32 KiB, S3 Files metering page).</value>
    public long MinimumDataOperationBytes { get; init; } = 32 * 1024;

    /// <summary>Gets the granularity data reads and writes are rounded up to, in bytes.</summary>
    /// <value>The default value is 1,024 (1 KiB, S3 Files metering page).</value>
    public long DataOperationGranularityBytes { get; init; } = 1024;

    /// <summary>Gets the billed size of one metadata read or write operation, in bytes.</summary>
    /// <value>The default value is 4,096 (4 KiB, S3 Files metering page).</value>
    public long MetadataOperationBytes { get; init; } = 4 * 1024;

    /// <summary>Gets the smallest billed size of a file on high-performance storage, in bytes.</summary>
    /// <value>The default value is 10,240 (10 KiB, S3 Files metering page).</value>
    public long MinimumBillableFileBytes { get; init; } = 10 * 1024;

    /// <summary>Gets the number of bytes in a billed GB.</summary>
    /// <value>The default value is 1,073,741,824 (2^30).</value>
    public long BytesPerGB { get; init; } = 1L << 30;

    /// <summary>Gets the length of the month of a GB-month and of the monthly projection.</summary>
    /// <value>The default value is 30 days.</value>
    public TimeSpan BillingMonth { get; init; } = TimeSpan.FromDays(30);

    /// <summary>Gets the us-east-1 defaults.</summary>
    public static PriceTable UsEast1 { get; } = new();

    /// <summary>Returns the billed bytes of one file data read or write of <paramref name="bytes"/> bytes.</summary>
    /// <param name="bytes">The bytes actually read or written; non-negative.</param>
    /// <returns>The size rounded up to <see cref="DataOperationGranularityBytes"/>, at least <see cref="MinimumDataOperationBytes"/>.</returns>
    public long BillableDataBytes(long bytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        var rounded = (bytes + DataOperationGranularityBytes - 1) / DataOperationGranularityBytes * DataOperationGranularityBytes;
        return Math.Max(MinimumDataOperationBytes, rounded);
    }

    /// <summary>Returns the billed storage bytes of a file of <paramref name="bytes"/> bytes on high-performance storage.</summary>
    /// <param name="bytes">The file's size; non-negative.</param>
    /// <returns>The size, at least <see cref="MinimumBillableFileBytes"/>.</returns>
    public long BillableFileBytes(long bytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        return Math.Max(MinimumBillableFileBytes, bytes);
    }

    internal void Validate()
    {
        foreach (var (name, price) in new[]
        {
            (nameof(HighPerformanceStoragePerGBMonth), HighPerformanceStoragePerGBMonth),
            (nameof(HighPerformanceReadPerGB), HighPerformanceReadPerGB),
            (nameof(HighPerformanceWritePerGB), HighPerformanceWritePerGB),
            (nameof(S3StandardStoragePerGBMonth), S3StandardStoragePerGBMonth),
            (nameof(S3PutCopyPostListPer1000), S3PutCopyPostListPer1000),
            (nameof(S3GetHeadPer1000), S3GetHeadPer1000),
            (nameof(S3DeletePer1000), S3DeletePer1000),
        })
        {
            if (price < 0)
            {
                throw new ArgumentException($"{name} must not be negative; it was {price}.", name);
            }
        }

        foreach (var (name, bytes) in new[]
        {
            (nameof(MinimumDataOperationBytes), MinimumDataOperationBytes),
            (nameof(DataOperationGranularityBytes), DataOperationGranularityBytes),
            (nameof(MetadataOperationBytes), MetadataOperationBytes),
            (nameof(MinimumBillableFileBytes), MinimumBillableFileBytes),
            (nameof(BytesPerGB), BytesPerGB),
        })
        {
            if (bytes < 1)
            {
                throw new ArgumentException($"{name} must be at least 1 byte; it was {bytes}.", name);
            }
        }

        if (BillingMonth <= TimeSpan.Zero)
        {
            throw new ArgumentException($"{nameof(BillingMonth)} must be positive; it was {BillingMonth}.", nameof(BillingMonth));
        }
    }
}
