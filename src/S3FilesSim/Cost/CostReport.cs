namespace S3FilesSim.Cost;

/// <summary>What a line of a <see cref="CostReport"/> bills.</summary>
public enum CostLineKind
{
    /// <summary>GB-months of data on high-performance storage (10 KiB minimum per file).</summary>
    HighPerformanceStorage,

    /// <summary>File data read by clients from high-performance storage (32 KiB minimum, 1 KiB rounding).</summary>
    DataReads,

    /// <summary>Metadata reads (lookup, stat, readdir, and one per direct S3 read), 4 KiB each.</summary>
    MetadataReads,

    /// <summary>Bytes read from high-performance storage to export them to the bucket (32 KiB minimum, 1 KiB rounding).</summary>
    ExportReads,

    /// <summary>File data written by clients to high-performance storage (32 KiB minimum, 1 KiB rounding).</summary>
    DataWrites,

    /// <summary>Metadata writes (create, delete, rename, chmod, fsync), 4 KiB each.</summary>
    MetadataWrites,

    /// <summary>Imports from the bucket, billed as writes: data at file size (32 KiB minimum) plus a 4 KiB metadata write per file.</summary>
    ImportWrites,

    /// <summary>GB-months of S3 Standard storage of all object versions.</summary>
    S3Storage,

    /// <summary>S3 PUT, COPY, POST and LIST requests made on your behalf.</summary>
    S3PutCopyPostListRequests,

    /// <summary>S3 GET and HEAD requests made on your behalf (direct reads, imports).</summary>
    S3GetHeadRequests,

    /// <summary>S3 DELETE requests made on your behalf.</summary>
    S3DeleteRequests,
}

/// <summary>One line of a <see cref="CostReport"/>.</summary>
/// <param name="Kind">What the line bills.</param>
/// <param name="Description">A human-readable description, like an AWS bill line.</param>
/// <param name="Quantity">The billed quantity in <paramref name="Unit"/>.</param>
/// <param name="Unit">The unit: <c>GB-Mo</c>, <c>GB</c> or <c>1,000 requests</c>.</param>
/// <param name="UnitPrice">The price of one unit, in USD.</param>
/// <param name="Amount">Quantity times unit price, in USD, unrounded.</param>
public sealed record CostLine(CostLineKind Kind, string Description, decimal Quantity, string Unit, decimal UnitPrice, decimal Amount);

/// <summary>The estimated cost of a run: the billed lines, their total, and that total projected to a month.</summary>
/// <remarks>Metering follows https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-metering.html; prices come from the <see cref="PriceTable"/>.</remarks>
public sealed record CostReport
{
    /// <summary>Gets the virtual instant metering started.</summary>
    public required DateTimeOffset Start { get; init; }

    /// <summary>Gets the virtual instant of the report.</summary>
    public required DateTimeOffset End { get; init; }

    /// <summary>Gets the lines, one per <see cref="CostLineKind"/>, in enum order.</summary>
    public required IReadOnlyList<CostLine> Lines { get; init; }

    /// <summary>Gets the virtual time the report covers.</summary>
    public TimeSpan Elapsed => End - Start;

    /// <summary>Gets the sum of the line amounts, in USD, unrounded.</summary>
    public decimal Total => Lines.Sum(l => l.Amount);

    /// <summary>Gets the billable bytes on high-performance storage at <see cref="End"/>: each file's bytes there, at least
    /// <see cref="PriceTable.MinimumBillableFileBytes"/> each (metadata-only entries and directories bill nothing); what a
    /// month costs from now on while that data stays, until it expires.</summary>
    public long HighPerformanceStorageBytes { get; init; }

    /// <summary>Gets the bytes of every object version in the bucket at <see cref="End"/>, billed as S3 Standard storage
    /// every month while they are kept; 0 when the bucket does not report them (a real bucket, which S3 bills itself).</summary>
    public long S3StorageBytes { get; init; }

    /// <summary>Gets the total scaled linearly from <see cref="Elapsed"/> to one billing month (30 days by default), in USD:
    /// one-off work (a first import, first reads) counts as if it recurred at the same rate all month, so this
    /// overstates the cost of a short run that loads or reads once; <see cref="HighPerformanceStorageBytes"/> and
    /// <see cref="S3StorageBytes"/> give what recurs.</summary>
    /// <value><see langword="null"/> when no virtual time has elapsed.</value>
    public required decimal? ProjectedMonthlyTotal { get; init; }

    /// <summary>Returns the line of one kind.</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>The line.</returns>
    public CostLine this[CostLineKind kind] => Lines.First(l => l.Kind == kind);
}
