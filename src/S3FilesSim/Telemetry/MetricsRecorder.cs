using System.Diagnostics.Metrics;

namespace S3FilesSim.Telemetry;

/// <summary>
/// Records the CloudWatch metrics of one file system as the engine works, cuts them into per-period
/// <see cref="FileSystemMetrics"/> snapshots, and publishes them live through two <see cref="Meter"/>s.
/// </summary>
/// <remarks>
/// <para>The engine calls <see cref="RecordDataRead"/>, <see cref="RecordDataWrite"/>, <see cref="RecordMetadataRead"/> and
/// <see cref="RecordMetadataWrite"/> once per client operation (thread-safe, lock-free, allocation-free) and supplies the
/// point-in-time values through the gauge provider given to the constructor, which is read at each <see cref="Collect"/>
/// and at each meter observation, so it must be thread-safe.</para>
/// <para>Meters: <c>AWS/S3/Files</c> for the service metrics and <c>efs-utils/S3Files</c> for the client metrics. Every
/// instrument is named exactly like its CloudWatch metric and every measurement carries the tag
/// <c>FileSystemId</c>. The four byte metrics are <see cref="Histogram{T}"/>s of bytes per operation (unit <c>By</c>),
/// so a <see cref="MeterListener"/> sees one measurement per operation and derives Sum, SampleCount, Minimum and Maximum
/// exactly as CloudWatch does; all other metrics are observable gauges reading the provider. UCUM units map to
/// CloudWatch units: <c>By</c> = Bytes, <c>s</c> = Seconds, <c>{count}</c> = Count, <c>1</c> = None.</para>
/// </remarks>
internal sealed class MetricsRecorder : IDisposable
{
    private readonly TimeProvider _timeProvider;
    private readonly Func<FileSystemGaugeReading> _gauges;
    private readonly TimeSpan _storagePeriod;
    private readonly KeyValuePair<string, object?> _tag;
    private readonly PeriodStatistic _dataRead = new();
    private readonly PeriodStatistic _dataWrite = new();
    private readonly PeriodStatistic _metadataRead = new();
    private readonly PeriodStatistic _metadataWrite = new();
    private readonly Histogram<long> _dataReadHistogram;
    private readonly Histogram<long> _dataWriteHistogram;
    private readonly Histogram<long> _metadataReadHistogram;
    private readonly Histogram<long> _metadataWriteHistogram;
    private readonly object _collectGate = new();
    private readonly GaugeSampler _gaugeSamples = new();
    private readonly TimeSpan _gaugeSampleInterval;
    private DateTimeOffset _periodStart;
    private DateTimeOffset _lastStoragePublication;
    private long _lastGaugeSampleTicks = -1;

    /// <summary>Creates a recorder whose first period starts now.</summary>
    /// <param name="fileSystemId">The <c>FileSystemId</c> dimension value.</param>
    /// <param name="timeProvider">The clock periods are measured on.</param>
    /// <param name="gauges">Returns the current point-in-time values; thread-safe.</param>
    /// <param name="storagePeriod">How often storage metrics are published (15 minutes on the service).</param>
    /// <param name="gaugeSampleInterval">The least virtual time between two samples of the point-in-time metrics by
    /// <see cref="SampleGauges"/>; <see langword="null"/> for <see cref="TelemetryOptions.GaugeSampleInterval"/>'s default.</param>
    public MetricsRecorder(string fileSystemId, TimeProvider timeProvider, Func<FileSystemGaugeReading> gauges, TimeSpan storagePeriod, TimeSpan? gaugeSampleInterval = null)
    {
        _gaugeSampleInterval = gaugeSampleInterval ?? new TelemetryOptions().GaugeSampleInterval;
        ArgumentException.ThrowIfNullOrEmpty(fileSystemId);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(gauges);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(storagePeriod, TimeSpan.Zero);
        FileSystemId = fileSystemId;
        _timeProvider = timeProvider;
        _gauges = gauges;
        _storagePeriod = storagePeriod;
        _tag = new KeyValuePair<string, object?>(MetricDefinitions.DimensionName, fileSystemId);
        _periodStart = timeProvider.GetUtcNow();
        _lastStoragePublication = _periodStart;
        ServiceMeter = new Meter(MetricDefinitions.ServiceNamespace);
        ClientMeter = new Meter(MetricDefinitions.ClientNamespace);

        _dataReadHistogram = CreateHistogram(MetricDefinitions.DataReadBytes);
        _dataWriteHistogram = CreateHistogram(MetricDefinitions.DataWriteBytes);
        _metadataReadHistogram = CreateHistogram(MetricDefinitions.MetadataReadBytes);
        _metadataWriteHistogram = CreateHistogram(MetricDefinitions.MetadataWriteBytes);
        CreateGauge(MetricDefinitions.StorageBytes, r => r.StorageBytes);
        CreateGauge(MetricDefinitions.Inodes, r => r.Inodes);
        CreateGauge(MetricDefinitions.PendingExports, r => r.PendingExports);
        CreateGauge(MetricDefinitions.ImportFailures, r => r.ImportFailures);
        CreateGauge(MetricDefinitions.ExportFailures, r => r.ExportFailures);
        CreateGauge(MetricDefinitions.ImportAge, r => r.ImportAge.TotalSeconds);
        CreateGauge(MetricDefinitions.ExportAge, r => r.ExportAge.TotalSeconds);
        CreateGauge(MetricDefinitions.LostAndFoundFiles, r => r.LostAndFoundFiles);
        CreateGauge(MetricDefinitions.ClientConnections, r => r.ClientConnections);
        CreateGauge(MetricDefinitions.NFSConnectionAccessible, r => r.NfsConnectionAccessible ? 1 : 0);
        CreateGauge(MetricDefinitions.S3BucketAccessible, r => r.S3BucketAccessible ? 1 : 0);
        CreateGauge(MetricDefinitions.S3BucketReachable, r => r.S3BucketReachable ? 1 : 0);
    }

    /// <summary>Gets the <c>FileSystemId</c> dimension value.</summary>
    public string FileSystemId { get; }

    /// <summary>Gets the meter named <c>AWS/S3/Files</c> with the service metrics.</summary>
    public Meter ServiceMeter { get; }

    /// <summary>Gets the meter named <c>efs-utils/S3Files</c> with the client connectivity metrics.</summary>
    public Meter ClientMeter { get; }

    /// <summary>Records one client read of <paramref name="bytes"/> bytes of file data (<c>DataReadBytes</c>).</summary>
    /// <param name="bytes">The bytes read; non-negative.</param>
    public void RecordDataRead(long bytes) => Record(_dataRead, _dataReadHistogram, bytes);

    /// <summary>Records one client write of <paramref name="bytes"/> bytes of file data (<c>DataWriteBytes</c>).</summary>
    /// <param name="bytes">The bytes written; non-negative.</param>
    public void RecordDataWrite(long bytes) => Record(_dataWrite, _dataWriteHistogram, bytes);

    /// <summary>Records one metadata read operation of <paramref name="bytes"/> bytes (<c>MetadataReadBytes</c>).</summary>
    /// <param name="bytes">The metadata bytes read; non-negative.</param>
    public void RecordMetadataRead(long bytes) => Record(_metadataRead, _metadataReadHistogram, bytes);

    /// <summary>Records one metadata write operation of <paramref name="bytes"/> bytes (<c>MetadataWriteBytes</c>).</summary>
    /// <param name="bytes">The metadata bytes written; non-negative.</param>
    public void RecordMetadataWrite(long bytes) => Record(_metadataWrite, _metadataWriteHistogram, bytes);

    /// <summary>Records <paramref name="operations"/> client reads of <paramref name="bytesEach"/> bytes each, as that many <see cref="RecordDataRead"/> calls would.</summary>
    /// <param name="operations">The number of reads; positive.</param>
    /// <param name="bytesEach">The bytes of each; non-negative.</param>
    public void RecordDataReads(long operations, long bytesEach) => RecordMany(_dataRead, _dataReadHistogram, operations, bytesEach);

    /// <summary>Records <paramref name="operations"/> client writes of <paramref name="bytesEach"/> bytes each, as that many <see cref="RecordDataWrite"/> calls would.</summary>
    /// <param name="operations">The number of writes; positive.</param>
    /// <param name="bytesEach">The bytes of each; non-negative.</param>
    public void RecordDataWrites(long operations, long bytesEach) => RecordMany(_dataWrite, _dataWriteHistogram, operations, bytesEach);

    /// <summary>Records <paramref name="operations"/> metadata read operations of <paramref name="bytesEach"/> bytes each, as that many <see cref="RecordMetadataRead"/> calls would.</summary>
    /// <param name="operations">The number of operations; positive.</param>
    /// <param name="bytesEach">The metadata bytes of each; non-negative.</param>
    public void RecordMetadataReads(long operations, long bytesEach) => RecordMany(_metadataRead, _metadataReadHistogram, operations, bytesEach);

    /// <summary>Records <paramref name="operations"/> metadata write operations of <paramref name="bytesEach"/> bytes each, as that many <see cref="RecordMetadataWrite"/> calls would.</summary>
    /// <param name="operations">The number of operations; positive.</param>
    /// <param name="bytesEach">The metadata bytes of each; non-negative.</param>
    public void RecordMetadataWrites(long operations, long bytesEach) => RecordMany(_metadataWrite, _metadataWriteHistogram, operations, bytesEach);

    /// <summary>Samples the point-in-time metrics (<c>PendingExports</c>, the ages, the failure counts, <c>LostAndFoundFiles</c>,
    /// <c>ClientConnections</c>) into the current period's statistics, unless the last sample is less than the gauge sample
    /// interval old. Called before each piece of background work, so a value that rose and fell inside a period shows
    /// in its Maximum; the value at each period's end is always sampled.</summary>
    public void SampleGauges()
    {
        var now = _timeProvider.GetUtcNow().UtcTicks;
        var last = Volatile.Read(ref _lastGaugeSampleTicks);
        if (last >= 0 && now - last < _gaugeSampleInterval.Ticks)
        {
            return;
        }

        lock (_collectGate)
        {
            _gaugeSamples.Add(_gauges());
            Volatile.Write(ref _lastGaugeSampleTicks, now);
        }
    }

    /// <summary>Closes the current period at the current time and returns its snapshot; the byte statistics restart from zero.</summary>
    /// <returns>The snapshot; storage metrics are included when a storage period has passed since they were last included.</returns>
    public FileSystemMetrics Collect()
    {
        lock (_collectGate)
        {
            var now = _timeProvider.GetUtcNow();
            var withStorage = now - _lastStoragePublication >= _storagePeriod;
            if (withStorage)
            {
                _lastStoragePublication = now;
            }

            var snapshot = Snapshot(now, withStorage, static s => s.TakeAndReset(), static (samples, last) => samples.TakeAndReset(last));
            Volatile.Write(ref _lastGaugeSampleTicks, now.UtcTicks);
            _periodStart = now;
            return snapshot;
        }
    }

    /// <summary>Returns the current period so far without closing it: the gauges now (storage metrics included) and the
    /// byte statistics since the period started.</summary>
    /// <returns>The snapshot; its <see cref="FileSystemMetrics.Period"/> is the time since the last <see cref="Collect"/>.</returns>
    public FileSystemMetrics Peek()
    {
        lock (_collectGate)
        {
            return Snapshot(_timeProvider.GetUtcNow(), withStorage: true, static s => s.Read(), static (samples, last) => samples.With(last));
        }
    }

    private FileSystemMetrics Snapshot(
        DateTimeOffset now,
        bool withStorage,
        Func<PeriodStatistic, MetricStatisticSet> read,
        Func<GaugeSampler, FileSystemGaugeReading, IReadOnlyDictionary<string, GaugeStatisticSet>> gaugeStatistics)
    {
        var reading = _gauges();
        return new FileSystemMetrics
        {
            FileSystemId = FileSystemId,
            Timestamp = _periodStart,
            Period = now - _periodStart,
            StorageBytes = withStorage ? reading.StorageBytes : null,
            Inodes = withStorage ? reading.Inodes : null,
            PendingExports = reading.PendingExports,
            ImportFailures = reading.ImportFailures,
            ExportFailures = reading.ExportFailures,
            ImportAge = reading.ImportAge.TotalSeconds,
            ExportAge = reading.ExportAge.TotalSeconds,
            DataReadBytes = read(_dataRead),
            DataWriteBytes = read(_dataWrite),
            MetadataReadBytes = read(_metadataRead),
            MetadataWriteBytes = read(_metadataWrite),
            LostAndFoundFiles = reading.LostAndFoundFiles,
            ClientConnections = reading.ClientConnections,
            NFSConnectionAccessible = reading.NfsConnectionAccessible ? 1 : 0,
            S3BucketAccessible = reading.S3BucketAccessible ? 1 : 0,
            S3BucketReachable = reading.S3BucketReachable ? 1 : 0,
            GaugeStatistics = gaugeStatistics(_gaugeSamples, reading),
        };
    }

    /// <inheritdoc />
    public void Dispose()
    {
        ServiceMeter.Dispose();
        ClientMeter.Dispose();
    }

    private void Record(PeriodStatistic statistic, Histogram<long> histogram, long bytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        statistic.Add(bytes);
        histogram.Record(bytes, _tag);
    }

    private void RecordMany(PeriodStatistic statistic, Histogram<long> histogram, long operations, long bytesEach)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(operations);
        ArgumentOutOfRangeException.ThrowIfNegative(bytesEach);
        statistic.AddMany(bytesEach, operations);
        for (var i = 0L; histogram.Enabled && i < operations; i++)
        {
            histogram.Record(bytesEach, _tag);
        }
    }

    private Histogram<long> CreateHistogram(string name)
    {
        var definition = MetricDefinitions.Find(name)!;
        return ServiceMeter.CreateHistogram<long>(name, definition.UcumUnit, $"CloudWatch {name}: bytes per operation.");
    }

    private void CreateGauge<T>(string name, Func<FileSystemGaugeReading, T> select)
        where T : struct
    {
        var definition = MetricDefinitions.Find(name)!;
        var meter = definition.Namespace == MetricDefinitions.ServiceNamespace ? ServiceMeter : ClientMeter;
        meter.CreateObservableGauge(name, () => new Measurement<T>(select(_gauges()), _tag), definition.UcumUnit, $"CloudWatch {name}.");
    }
}
