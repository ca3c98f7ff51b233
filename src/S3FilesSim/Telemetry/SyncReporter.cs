using Microsoft.Extensions.Logging;
using S3FilesSim.Cost;
using S3FilesSim.ObjectStorage;

namespace S3FilesSim.Telemetry;

/// <summary>
/// What the export and import engines report about synchronization, in one call each: the event goes to the
/// <see cref="SyncTimeline"/>, the <see cref="CostMeter"/> where it is billed, and the log with a stable event id.
/// </summary>
/// <remarks>Thread-safe; called with or without the file system's lock held.</remarks>
internal sealed class SyncReporter
{
    private readonly string _fileSystemId;
    private readonly TimeProvider _timeProvider;
    private readonly SyncTimeline _timeline;
    private readonly CostMeter _cost;
    private readonly ILogger _logger;
    private readonly bool _enabled = true;

    /// <summary>Creates a reporter.</summary>
    /// <param name="fileSystemId">The file system id logged with every event.</param>
    /// <param name="timeProvider">The clock events are stamped with.</param>
    /// <param name="timeline">The timeline events are appended to.</param>
    /// <param name="cost">The meter exports and imports are billed on.</param>
    /// <param name="logger">The logger.</param>
    public SyncReporter(string fileSystemId, TimeProvider timeProvider, SyncTimeline timeline, CostMeter cost, ILogger logger)
    {
        _fileSystemId = fileSystemId;
        _timeProvider = timeProvider;
        _timeline = timeline;
        _cost = cost;
        _logger = logger;
    }

    private SyncReporter()
    {
        _fileSystemId = string.Empty;
        _timeProvider = TimeProvider.System;
        _timeline = new SyncTimeline(1);
        _cost = new CostMeter(Cost.PriceTable.UsEast1, TimeProvider.System);
        _logger = Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
        _enabled = false;
    }

    /// <summary>Gets the reporter of a file system whose telemetry is off: it reports nothing.</summary>
    public static SyncReporter Disabled { get; } = new();

    /// <summary>Reports a finished export; the S3 requests are metered by the store.</summary>
    /// <param name="path">The exported path.</param>
    /// <param name="key">The key written or deleted.</param>
    /// <param name="versionId">The new version id, or <see langword="null"/> for a deletion.</param>
    /// <param name="previousVersionId">The version id the entry was based on.</param>
    /// <param name="bytes">The bytes read from high-performance storage.</param>
    /// <param name="reason">What was exported: <c>Put</c>, <c>Copy</c>, <c>Multipart</c> or <c>Delete</c>.</param>
    public void Exported(string path, string key, string? versionId, string? previousVersionId, long bytes, string reason)
    {
        if (!_enabled)
        {
            return;
        }

        _cost.RecordExport(bytes, putRequests: 0);
        Append(SyncEventKind.Export, path, key, versionId, previousVersionId, bytes, reason);
        Log.Exported(_logger, _fileSystemId, path, key, versionId, previousVersionId, bytes);
    }

    /// <summary>Reports an export that failed with a retryable error and will be retried.</summary>
    /// <param name="path">The path.</param>
    /// <param name="key">The key.</param>
    /// <param name="errorCode">The S3 error code.</param>
    public void ExportRetry(string path, string key, string errorCode)
    {
        if (!_enabled)
        {
            return;
        }

        Append(SyncEventKind.Retry, path, key, errorCode: errorCode);
        Log.ExportRetry(_logger, _fileSystemId, path, key, errorCode);
    }

    /// <summary>Reports an export that failed permanently (counted in <c>ExportFailures</c>).</summary>
    /// <param name="path">The path.</param>
    /// <param name="key">The key.</param>
    /// <param name="errorCode">The S3 Files export error code.</param>
    public void ExportFailure(string path, string key, string errorCode)
    {
        if (!_enabled)
        {
            return;
        }

        Append(SyncEventKind.Failure, path, key, errorCode: errorCode);
        Log.ExportFailure(_logger, _fileSystemId, path, key, errorCode);
    }

    /// <summary>Reports a conflict that the bucket won.</summary>
    /// <param name="path">The file-system path that lost.</param>
    /// <param name="key">The key.</param>
    /// <param name="previousVersionId">The version the file-system change was based on.</param>
    /// <param name="versionId">The bucket's winning version, or <see langword="null"/> when the object was deleted.</param>
    public void Conflict(string path, string key, string? previousVersionId, string? versionId)
    {
        if (!_enabled)
        {
            return;
        }

        Append(SyncEventKind.Conflict, path, key, versionId, previousVersionId, reason: "BucketWins");
        Log.Conflict(_logger, _fileSystemId, path, key, previousVersionId, versionId);
    }

    /// <summary>Reports the move of a losing file to the lost+found directory.</summary>
    /// <param name="path">The original path.</param>
    /// <param name="key">The key that won, or <see langword="null"/>.</param>
    /// <param name="lostAndFoundPath">The path in lost+found.</param>
    public void LostAndFoundMove(string path, string? key, string lostAndFoundPath)
    {
        if (!_enabled)
        {
            return;
        }

        Append(SyncEventKind.LostAndFoundMove, path, key, reason: lostAndFoundPath);
        Log.LostAndFoundMove(_logger, _fileSystemId, path, lostAndFoundPath);
    }

    /// <summary>Reports the import of one object: its metadata (directory listing) or its data (copied to high-performance storage).</summary>
    /// <param name="path">The file-system path.</param>
    /// <param name="key">The key.</param>
    /// <param name="versionId">The version imported, when known.</param>
    /// <param name="bytes">The object's size.</param>
    /// <param name="dataImported">Whether the data was imported (else metadata only).</param>
    public void Imported(string path, string key, string? versionId, long bytes, bool dataImported)
    {
        if (!_enabled)
        {
            return;
        }

        _cost.RecordImport(bytes, dataImported);
        Append(SyncEventKind.Import, path, key, versionId, bytes: dataImported ? bytes : 0, reason: dataImported ? "Data" : "Metadata");
        Log.Imported(_logger, _fileSystemId, key, versionId, dataImported ? bytes : 0);
    }

    /// <summary>Reports data that expired from high-performance storage (free; not metered).</summary>
    /// <param name="path">The file's path.</param>
    /// <param name="bytes">The file's size.</param>
    public void Expired(string path, long bytes)
    {
        if (!_enabled)
        {
            return;
        }

        Append(SyncEventKind.Expiration, path, null, bytes: bytes, reason: "ExpirationDataRule");
        Log.Expired(_logger, _fileSystemId, path, bytes);
    }

    /// <summary>Reports the delivery of a bucket change event to the file system.</summary>
    /// <param name="bucketEvent">The event.</param>
    public void EventDelivery(BucketEvent bucketEvent)
    {
        if (!_enabled)
        {
            return;
        }

        Append(SyncEventKind.EventDelivery, null, bucketEvent.Key, bucketEvent.VersionId.Value, bytes: bucketEvent.Size, reason: bucketEvent.DetailType);
        Log.EventDelivery(_logger, _fileSystemId, bucketEvent.DetailType, bucketEvent.Key, bucketEvent.VersionId.Value);
    }

    /// <summary>Reports an object that could not be imported (counted in <c>ImportFailures</c>).</summary>
    /// <param name="key">The key.</param>
    /// <param name="errorCode">The S3 error code.</param>
    public void ImportFailure(string key, string errorCode)
    {
        if (!_enabled)
        {
            return;
        }

        Append(SyncEventKind.Failure, null, key, errorCode: errorCode);
        Log.ImportFailure(_logger, _fileSystemId, key, errorCode);
    }

    /// <summary>Reports an object found in the bucket that the file system cannot show (counted in <c>ImportFailures</c>):
    /// a key that maps to no POSIX path, an object next to a prefix of the same name, or a symbolic link without a valid target.</summary>
    /// <param name="key">The key (a common prefix ends with <c>/</c>).</param>
    /// <param name="reason">Why, one of the <see cref="ImportRejection"/> constants.</param>
    public void ImportRejected(string key, string reason)
    {
        if (!_enabled)
        {
            return;
        }

        Append(SyncEventKind.Failure, null, key, reason: reason);
        Log.ImportRejected(_logger, _fileSystemId, key, reason);
    }

    private void Append(
        SyncEventKind kind,
        string? path,
        string? key,
        string? versionId = null,
        string? previousVersionId = null,
        long? bytes = null,
        string? reason = null,
        string? errorCode = null) =>
        _timeline.Append(new SyncEvent
        {
            Timestamp = _timeProvider.GetUtcNow(),
            Kind = kind,
            Path = path,
            Key = key,
            VersionId = versionId,
            PreviousVersionId = previousVersionId,
            Bytes = bytes,
            Reason = reason,
            ErrorCode = errorCode,
        });
}
