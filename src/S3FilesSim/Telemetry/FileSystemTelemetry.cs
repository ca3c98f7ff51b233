using Microsoft.Extensions.Logging;
using S3FilesSim.Cost;
using S3FilesSim.ObjectStorage;
using S3FilesSim.Time;

namespace S3FilesSim.Telemetry;

/// <summary>
/// The telemetry of one file system in one place, for the composition root to build and the engine to feed: the metrics
/// recorder and its periodic publisher (EMF, alarms, history), the sync timeline, the latency model and the cost meter.
/// </summary>
/// <remarks>
/// <para>Built once per file system; <see cref="MetricsPublisher.Start"/> is called here, so the first snapshot is cut
/// one metrics period after construction. <see cref="Dispose"/> stops publishing and disposes the meters.</para>
/// <para>What the engine calls: <see cref="DataRead"/>, <see cref="DataWrite"/>, <see cref="MetadataRead"/>,
/// <see cref="MetadataWrite"/>, <see cref="Rename"/> and <see cref="ReadDirectory"/> per client operation, with the file
/// system's lock held (they count with plain fields; <see cref="Flush"/>, also under that lock, adds the counts to
/// <see cref="Metrics"/>, <see cref="Cost"/> and <see cref="Latency"/>); <see cref="Sync"/> per sync event; the cost
/// meter per S3 request and storage change. The gauge provider given here is read at each period end and each meter
/// observation, and must flush first.</para>
/// </remarks>
internal sealed class FileSystemTelemetry : IClientMetrics, IDisposable, IAsyncDisposable
{
    /// <summary>The bytes one metadata operation counts for, in the metrics and the bill (4 KiB).</summary>
    public const long MetadataOperationBytes = 4096;

    private readonly TimeProvider _clock;
    private readonly TimeSpan _listedAttributesLifetime;
    private long _pendingMetadataReads;
    private long _pendingCachedMetadataReads;
    private long _pendingMetadataWrites;
    private long _pendingRenames;
    private DataRun _reads;
    private DataRun _writes;
    private readonly Lock _gate;
    private readonly Func<FileSystemGaugeReading> _gauges;
    private readonly Scheduler _scheduler;
    private IStorageUsage? _storageUsage;

    /// <summary>Builds and starts the telemetry of one file system.</summary>
    /// <param name="fileSystemId">The <c>FileSystemId</c> dimension value.</param>
    /// <param name="scheduler">The simulation scheduler; its clock is the time source.</param>
    /// <param name="options">The telemetry options; validated here.</param>
    /// <param name="prices">The price table of the cost meter; validated here.</param>
    /// <param name="gauges">Returns the file system's current point-in-time values; thread-safe.</param>
    /// <param name="loggerFactory">The simulation's logger factory.</param>
    public FileSystemTelemetry(
        string fileSystemId,
        Scheduler scheduler,
        TelemetryOptions options,
        PriceTable prices,
        Func<FileSystemGaugeReading> gauges,
        ILoggerFactory loggerFactory)
        : this(fileSystemId, scheduler, Validated(options), SyncTelemetry.Create(fileSystemId, scheduler.Clock, options, prices, loggerFactory), new Lock(), gauges, loggerFactory)
    {
    }

    /// <summary>Builds and starts the telemetry of one file system from the parts the sync engine was built with.</summary>
    /// <param name="fileSystemId">The <c>FileSystemId</c> dimension value.</param>
    /// <param name="scheduler">The simulation scheduler; its clock is the time source.</param>
    /// <param name="options">The validated telemetry options.</param>
    /// <param name="sync">The cost meter, timeline and reporter the sync engine already reports to.</param>
    /// <param name="gate">The file system's lock, held while the pending client operations are added before a snapshot.</param>
    /// <param name="gauges">Returns the file system's current point-in-time values; thread-safe.</param>
    /// <param name="loggerFactory">The simulation's logger factory.</param>
    public FileSystemTelemetry(
        string fileSystemId,
        Scheduler scheduler,
        TelemetryOptions options,
        SyncTelemetry sync,
        Lock gate,
        Func<FileSystemGaugeReading> gauges,
        ILoggerFactory loggerFactory)
    {
        _clock = scheduler.Clock;
        _gate = gate;
        _gauges = gauges;
        _listedAttributesLifetime = options.Latency.ListedAttributesLifetime;
        Metrics = new MetricsRecorder(fileSystemId, scheduler.Clock, ReadGauges, options.StorageMetricsPeriod, options.GaugeSampleInterval);
        _scheduler = scheduler;
        scheduler.WorkStarting += Metrics.SampleGauges;
        Publisher = new MetricsPublisher(Metrics, scheduler, options, loggerFactory);
        Timeline = sync.Timeline;
        Latency = new LatencyModel(options.Latency, new LatencyStatistics());
        Cost = sync.Cost;
        Sync = sync.Reporter;
        Publisher.Start();
    }

    /// <summary>Gets the recorder of the CloudWatch metrics.</summary>
    public MetricsRecorder Metrics { get; }

    /// <summary>Gets the periodic publisher: snapshot history, EMF output and alarms.</summary>
    public MetricsPublisher Publisher { get; }

    /// <summary>Gets the sync timeline.</summary>
    public SyncTimeline Timeline { get; }

    /// <summary>Gets the latency model and, through it, the latency statistics.</summary>
    public LatencyModel Latency { get; }

    /// <summary>Gets the cost meter.</summary>
    public CostMeter Cost { get; }

    /// <summary>Gets the reporter of synchronization events (timeline, cost, log).</summary>
    public SyncReporter Sync { get; }

    /// <summary>Records one client read of file data: metric, cost by tier and modelled latency.</summary>
    /// <param name="bytes">The bytes read.</param>
    /// <param name="kind">The tier that served the server side of the read: <see cref="OperationKind.HotRead"/>, <see cref="OperationKind.ColdRead"/> or <see cref="OperationKind.DirectRead"/>.</param>
    /// <remarks>Called with the file system's lock held. Reads served by the file system are run-length counted (same
    /// size, same tier) and added at the next change of size or tier, or at the next <see cref="Flush"/>.</remarks>
    public void DataRead(long bytes, OperationKind kind)
    {
        if (kind == OperationKind.DirectRead)
        {
            Metrics.RecordDataRead(bytes);
            Cost.RecordMetadataRead();
            Latency.Record(OperationKind.DirectRead, bytes);
            return;
        }

        Count(ref _reads, kind, bytes);
    }

    /// <summary>Records one client write of file data: metric, cost and modelled latency, run-length counted like reads.</summary>
    /// <param name="bytes">The bytes written.</param>
    /// <remarks>Called with the file system's lock held.</remarks>
    public void DataWrite(long bytes) => Count(ref _writes, OperationKind.Write, bytes);

    /// <summary>Records an open: a metadata read of an existing file, or a metadata write when it created the file.</summary>
    /// <param name="created">Whether the open created the file.</param>
    public void OpenRecorded(bool created)
    {
        if (created)
        {
            MetadataWrite();
        }
        else
        {
            MetadataRead();
        }
    }

    /// <summary>Records one metadata read (lookup, stat, readlink, open): counted now, added to the metric (4 KiB), the cost and the latency statistics at the next <see cref="Flush"/>.</summary>
    /// <remarks>Called with the file system's lock held, which guards the pending counts.</remarks>
    public void MetadataRead() => _pendingMetadataReads++;

    /// <summary>Records one stat answered by the client from the attributes a recent listing returned: only its latency, at the next <see cref="Flush"/>.</summary>
    /// <remarks>Called with the file system's lock held.</remarks>
    public void CachedMetadataRead() => _pendingCachedMetadataReads++;

    /// <summary>Creates the record of recent listings of one mount (one NFS client).</summary>
    /// <returns>The per-mount record.</returns>
    public ListedDirectories NewListedDirectories() => new(_clock, _listedAttributesLifetime);

    /// <summary>Records one directory listing of <paramref name="entries"/> entries: a 4 KiB metadata read with its per-entry
    /// latency, <see cref="OperationKind.FirstDirectoryAccess"/> when it listed the directory from the bucket (its first
    /// access imports every entry, at the import rate), else <see cref="OperationKind.ReadDirectory"/>.</summary>
    /// <param name="entries">The entries listed.</param>
    /// <param name="firstAccess">Whether the listing was the directory's first access.</param>
    public void ReadDirectory(int entries, bool firstAccess = false)
    {
        Metrics.RecordMetadataRead(MetadataOperationBytes);
        Cost.RecordMetadataRead();
        Latency.Record(firstAccess ? OperationKind.FirstDirectoryAccess : OperationKind.ReadDirectory, entries: entries);
    }

    /// <summary>Records one metadata write (create, unlink, chmod, chown, utimens, mkdir, rmdir, symlink, truncate, fsync, close after writing), added at the next <see cref="Flush"/>.</summary>
    /// <remarks>Called with the file system's lock held.</remarks>
    public void MetadataWrite() => _pendingMetadataWrites++;

    /// <summary>Records one rename (a metadata write with the rename latency), added at the next <see cref="Flush"/>.</summary>
    /// <remarks>Called with the file system's lock held.</remarks>
    public void Rename() => _pendingRenames++;

    /// <summary>Bills the bytes <paramref name="usage"/> stores as S3 storage of all versions, from now until <see cref="Dispose"/>.</summary>
    /// <param name="usage">The file system's bucket, or the store under its wrappers.</param>
    public void MeterS3Storage(IStorageUsage usage)
    {
        ArgumentNullException.ThrowIfNull(usage);
        _storageUsage = usage;
        usage.StoredBytesChanged += OnStoredBytesChanged;
        Cost.SetS3StorageBytes(usage.StoredBytes);
    }

    /// <summary>Adds the pending metadata operations to the metrics, the cost meter and the latency statistics.</summary>
    /// <remarks>Called with the file system's lock held: before each snapshot (through the gauge provider) and before a
    /// cost report or latency statistics are read, so every reader sees every operation. Counting first and adding in
    /// bulk keeps the hot metadata paths free of atomic operations.</remarks>
    public void Flush()
    {
        Add(ref _reads);
        Add(ref _writes);
        if (_pendingMetadataReads > 0)
        {
            Metrics.RecordMetadataReads(_pendingMetadataReads, MetadataOperationBytes);
            Cost.RecordMetadataRead(checked((int)_pendingMetadataReads));
            Latency.Statistics.Record(OperationKind.MetadataRead, Latency.Estimate(OperationKind.MetadataRead), _pendingMetadataReads);
            _pendingMetadataReads = 0;
        }

        if (_pendingCachedMetadataReads > 0)
        {
            Latency.Statistics.Record(OperationKind.CachedMetadataRead, Latency.Estimate(OperationKind.CachedMetadataRead), _pendingCachedMetadataReads);
            _pendingCachedMetadataReads = 0;
        }

        var writes = _pendingMetadataWrites + _pendingRenames;
        if (writes > 0)
        {
            Metrics.RecordMetadataWrites(writes, MetadataOperationBytes);
            Cost.RecordMetadataWrite(checked((int)writes));
        }

        if (_pendingMetadataWrites > 0)
        {
            Latency.Statistics.Record(OperationKind.MetadataWrite, Latency.Estimate(OperationKind.MetadataWrite), _pendingMetadataWrites);
            _pendingMetadataWrites = 0;
        }

        if (_pendingRenames > 0)
        {
            Latency.Statistics.Record(OperationKind.Rename, Latency.Estimate(OperationKind.Rename), _pendingRenames);
            _pendingRenames = 0;
        }
    }

    private static TelemetryOptions Validated(TelemetryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return options;
    }

    private void OnStoredBytesChanged(object? sender, long bytes) => Cost.SetS3StorageBytes(bytes);

    /// <summary>The gauges as the metrics read them: the pending client operations are added first, so a snapshot sees every one.</summary>
    private FileSystemGaugeReading ReadGauges()
    {
        lock (_gate)
        {
            Flush();
        }

        return _gauges();
    }

    private void Count(ref DataRun run, OperationKind kind, long bytes)
    {
        if (run.Count > 0 && (run.Bytes != bytes || run.Kind != kind))
        {
            Add(ref run);
        }

        run.Kind = kind;
        run.Bytes = bytes;
        run.Count++;
    }

    private void Add(ref DataRun run)
    {
        if (run.Count == 0)
        {
            return;
        }

        if (run.Kind == OperationKind.Write)
        {
            Metrics.RecordDataWrites(run.Count, run.Bytes);
            Cost.RecordDataWrite(run.Bytes, run.Count);
        }
        else
        {
            Metrics.RecordDataReads(run.Count, run.Bytes);
            Cost.RecordDataRead(run.Bytes, run.Count);
        }

        Latency.Statistics.Record(run.Kind, Latency.Estimate(run.Kind, run.Bytes), run.Count);
        run.Count = 0;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_storageUsage is { } usage)
        {
            usage.StoredBytesChanged -= OnStoredBytesChanged;
        }

        _scheduler.WorkStarting -= Metrics.SampleGauges;
        Publisher.Dispose();
        Metrics.Dispose();
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>Data operations of one size and kind not yet added.</summary>
    private struct DataRun
    {
        public OperationKind Kind;
        public long Bytes;
        public long Count;
    }
}
