namespace S3FilesSim.Cost;

/// <summary>The class of an S3 request for billing.</summary>
internal enum S3RequestClass
{
    PutCopyPostList,
    GetHead,
    Delete,
}

/// <summary>
/// Meters what a file system does and prices it with a <see cref="PriceTable"/>, following the S3 Files metering rules
/// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-metering.html, newer text).
/// </summary>
/// <remarks>
/// <para>The engine calls: <see cref="RecordDataRead"/> / <see cref="RecordDataWrite"/> per client data operation served
/// by high-performance storage; <see cref="RecordMetadataRead"/> per lookup, stat or readdir and
/// <see cref="RecordMetadataWrite"/> per create, delete, rename, chmod/chown or fsync (a rename is one of each);
/// <see cref="RecordDirectRead"/> per read streamed from the bucket; <see cref="RecordImport"/> per imported object;
/// <see cref="RecordExport"/> per exported entry; <see cref="RecordS3Request"/> for any other S3 request made on the
/// user's behalf (LIST and HEAD of imports, DELETE of exported deletions, copies of renames);
/// <see cref="ChangeHighPerformanceFile"/> whenever a file's bytes on high-performance storage change; and
/// <see cref="SetS3StorageBytes"/> whenever the bytes of all object versions in the bucket scope change. Expiration is
/// free and is not metered.</para>
/// <para>Thread-safe.</para>
/// </remarks>
internal sealed class CostMeter
{
    private readonly PriceTable _prices;
    private readonly TimeProvider _timeProvider;
    private readonly object _gate = new();
    private readonly DateTimeOffset _start;
    private readonly StorageIntegral _highPerformance;
    private readonly StorageIntegral _s3;
    private long _dataReadBytes;
    private long _metadataReads;
    private long _exportReadBytes;
    private long _dataWriteBytes;
    private long _metadataWrites;
    private long _importWriteBytes;
    private long _putCopyPostListRequests;
    private long _getHeadRequests;
    private long _deleteRequests;

    /// <summary>Creates a meter that starts metering now.</summary>
    /// <param name="prices">The prices and metering quanta; validated here.</param>
    /// <param name="timeProvider">The clock storage is integrated on.</param>
    public CostMeter(PriceTable prices, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(prices);
        ArgumentNullException.ThrowIfNull(timeProvider);
        prices.Validate();
        _prices = prices;
        _timeProvider = timeProvider;
        _start = timeProvider.GetUtcNow();
        _highPerformance = new StorageIntegral(_start);
        _s3 = new StorageIntegral(_start);
    }

    /// <summary>Meters client reads of <paramref name="bytes"/> of file data each from high-performance storage.</summary>
    /// <param name="bytes">The bytes read by each.</param>
    /// <param name="operations">The number of reads of that size; non-negative.</param>
    public void RecordDataRead(long bytes, long operations = 1) => AddBillable(ref _dataReadBytes, bytes, operations);

    /// <summary>Meters client writes of <paramref name="bytes"/> of file data each to high-performance storage.</summary>
    /// <param name="bytes">The bytes written by each.</param>
    /// <param name="operations">The number of writes of that size; non-negative.</param>
    public void RecordDataWrite(long bytes, long operations = 1) => AddBillable(ref _dataWriteBytes, bytes, operations);

    /// <summary>Meters metadata read operations (lookup, stat, readdir), 4 KiB each.</summary>
    /// <param name="operations">The number of operations; non-negative.</param>
    public void RecordMetadataRead(int operations = 1) => AddCount(ref _metadataReads, operations);

    /// <summary>Meters metadata write operations (create, delete, rename, chmod, chown, fsync), 4 KiB each.</summary>
    /// <param name="operations">The number of operations; non-negative.</param>
    public void RecordMetadataWrite(int operations = 1) => AddCount(ref _metadataWrites, operations);

    /// <summary>Meters a read streamed directly from the bucket: its S3 GET requests and one 4 KiB metadata read, no data read.</summary>
    /// <param name="getRequests">The GET requests the read made (one per ranged GET); at least 1.</param>
    public void RecordDirectRead(int getRequests = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(getRequests, 1);
        AddCount(ref _getHeadRequests, getRequests);
        AddCount(ref _metadataReads, 1);
    }

    /// <summary>Meters the import of one object, billed as writes: a 4 KiB metadata write, plus its data when the data was imported.</summary>
    /// <param name="fileBytes">The object's size.</param>
    /// <param name="dataImported">Whether the data was copied to high-performance storage (else metadata only).</param>
    public void RecordImport(long fileBytes, bool dataImported)
    {
        var billable = _prices.MetadataOperationBytes + (dataImported ? _prices.BillableDataBytes(fileBytes) : 0);
        Interlocked.Add(ref _importWriteBytes, billable);
    }

    /// <summary>Meters the export of one entry: the bytes read from high-performance storage (none for a metadata-only
    /// export) and the PUT-class requests that wrote the object (PUT, COPY, or the POST/PUT requests of a multipart upload).</summary>
    /// <param name="bytesFromHighPerformanceStorage">The data bytes read to export; 0 when the export copies or writes no data.</param>
    /// <param name="putRequests">The PUT, COPY and POST requests made; non-negative.</param>
    public void RecordExport(long bytesFromHighPerformanceStorage, int putRequests = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytesFromHighPerformanceStorage);
        if (bytesFromHighPerformanceStorage > 0)
        {
            Interlocked.Add(ref _exportReadBytes, _prices.BillableDataBytes(bytesFromHighPerformanceStorage));
        }

        AddCount(ref _putCopyPostListRequests, putRequests);
    }

    /// <summary>Meters S3 requests made on the user's behalf that no other method meters.</summary>
    /// <param name="requestClass">The billing class.</param>
    /// <param name="count">The number of requests; non-negative.</param>
    public void RecordS3Request(S3RequestClass requestClass, int count = 1)
    {
        switch (requestClass)
        {
            case S3RequestClass.PutCopyPostList:
                AddCount(ref _putCopyPostListRequests, count);
                break;
            case S3RequestClass.GetHead:
                AddCount(ref _getHeadRequests, count);
                break;
            case S3RequestClass.Delete:
                AddCount(ref _deleteRequests, count);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(requestClass), requestClass, "Unknown S3 request class.");
        }
    }

    /// <summary>Updates the billed high-performance storage when one file's bytes there change; each file bills at least 10 KiB.</summary>
    /// <param name="previousBytes">The file's bytes on high-performance storage before, or <see langword="null"/> when it had none there.</param>
    /// <param name="currentBytes">The file's bytes there now, or <see langword="null"/> when it is gone (deleted, expired).</param>
    public void ChangeHighPerformanceFile(long? previousBytes, long? currentBytes)
    {
        var delta = (currentBytes is { } current ? _prices.BillableFileBytes(current) : 0)
            - (previousBytes is { } previous ? _prices.BillableFileBytes(previous) : 0);
        lock (_gate)
        {
            var billable = _highPerformance.CurrentBytes + delta;
            if (billable < 0)
            {
                throw new InvalidOperationException($"High-performance storage would become negative ({billable} bytes): a file was removed that was never added.");
            }

            _highPerformance.Set(billable, _timeProvider.GetUtcNow());
        }
    }

    /// <summary>Sets the bytes of all object versions stored in S3 Standard from now on.</summary>
    /// <param name="bytes">The bytes of every version; non-negative.</param>
    public void SetS3StorageBytes(long bytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        lock (_gate)
        {
            _s3.Set(bytes, _timeProvider.GetUtcNow());
        }
    }

    /// <summary>Prices everything metered from the start until now.</summary>
    /// <returns>The report.</returns>
    public CostReport GetReport()
    {
        DateTimeOffset now;
        decimal highPerformanceByteSeconds;
        decimal s3ByteSeconds;
        long highPerformanceBytes;
        long s3Bytes;
        lock (_gate)
        {
            now = _timeProvider.GetUtcNow();
            highPerformanceByteSeconds = _highPerformance.ByteSecondsUntil(now);
            s3ByteSeconds = _s3.ByteSecondsUntil(now);
            highPerformanceBytes = _highPerformance.CurrentBytes;
            s3Bytes = _s3.CurrentBytes;
        }

        var p = _prices;
        var gbMonthByteSeconds = p.BytesPerGB * (decimal)p.BillingMonth.TotalSeconds;
        var lines = new List<CostLine>
        {
            Line(CostLineKind.HighPerformanceStorage, "High-performance storage", highPerformanceByteSeconds / gbMonthByteSeconds, "GB-Mo", p.HighPerformanceStoragePerGBMonth),
            Gigabytes(CostLineKind.DataReads, "File data reads", Interlocked.Read(ref _dataReadBytes), p.HighPerformanceReadPerGB),
            Gigabytes(CostLineKind.MetadataReads, "Metadata reads", Interlocked.Read(ref _metadataReads) * p.MetadataOperationBytes, p.HighPerformanceReadPerGB),
            Gigabytes(CostLineKind.ExportReads, "Export reads", Interlocked.Read(ref _exportReadBytes), p.HighPerformanceReadPerGB),
            Gigabytes(CostLineKind.DataWrites, "File data writes", Interlocked.Read(ref _dataWriteBytes), p.HighPerformanceWritePerGB),
            Gigabytes(CostLineKind.MetadataWrites, "Metadata writes", Interlocked.Read(ref _metadataWrites) * p.MetadataOperationBytes, p.HighPerformanceWritePerGB),
            Gigabytes(CostLineKind.ImportWrites, "Import writes", Interlocked.Read(ref _importWriteBytes), p.HighPerformanceWritePerGB),
            Line(CostLineKind.S3Storage, "S3 Standard storage (all versions)", s3ByteSeconds / gbMonthByteSeconds, "GB-Mo", p.S3StandardStoragePerGBMonth),
            Requests(CostLineKind.S3PutCopyPostListRequests, "S3 PUT, COPY, POST, LIST requests", Interlocked.Read(ref _putCopyPostListRequests), p.S3PutCopyPostListPer1000),
            Requests(CostLineKind.S3GetHeadRequests, "S3 GET, HEAD requests", Interlocked.Read(ref _getHeadRequests), p.S3GetHeadPer1000),
            Requests(CostLineKind.S3DeleteRequests, "S3 DELETE requests", Interlocked.Read(ref _deleteRequests), p.S3DeletePer1000),
        };
        var elapsed = now - _start;
        var total = lines.Sum(l => l.Amount);
        return new CostReport
        {
            Start = _start,
            End = now,
            Lines = lines,
            HighPerformanceStorageBytes = highPerformanceBytes,
            S3StorageBytes = s3Bytes,
            ProjectedMonthlyTotal = elapsed > TimeSpan.Zero ? total * p.BillingMonth.Ticks / elapsed.Ticks : null,
        };
    }

    private static CostLine Line(CostLineKind kind, string description, decimal quantity, string unit, decimal unitPrice) =>
        new(kind, description, quantity, unit, unitPrice, quantity * unitPrice);

    private static CostLine Requests(CostLineKind kind, string description, long count, decimal pricePer1000) =>
        Line(kind, description, count / 1000m, "1,000 requests", pricePer1000);

    private static void AddCount(ref long counter, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        Interlocked.Add(ref counter, count);
    }

    private void AddBillable(ref long counter, long bytes, long operations)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(operations);
        Interlocked.Add(ref counter, _prices.BillableDataBytes(bytes) * operations);
    }

    private CostLine Gigabytes(CostLineKind kind, string description, long bytes, decimal pricePerGB) =>
        Line(kind, description, (decimal)bytes / _prices.BytesPerGB, "GB", pricePerGB);
}
