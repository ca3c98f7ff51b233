using Microsoft.Extensions.Logging;

namespace S3FilesSim.Telemetry;

/// <summary>The source-generated log messages of the synchronization engine, with stable event ids (3000-3099).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 3000, EventName = "Export", Level = LogLevel.Information,
        Message = "{FileSystemId}: exported {Path} to {Key} as version {VersionId} (previous {PreviousVersionId}), {Bytes} bytes")]
    public static partial void Exported(ILogger logger, string fileSystemId, string path, string key, string? versionId, string? previousVersionId, long bytes);

    [LoggerMessage(EventId = 3001, EventName = "ExportRetry", Level = LogLevel.Warning,
        Message = "{FileSystemId}: export of {Path} to {Key} failed with {ErrorCode}; retrying")]
    public static partial void ExportRetry(ILogger logger, string fileSystemId, string path, string key, string errorCode);

    [LoggerMessage(EventId = 3002, EventName = "ExportFailure", Level = LogLevel.Error,
        Message = "{FileSystemId}: export of {Path} to {Key} failed permanently with {ErrorCode}")]
    public static partial void ExportFailure(ILogger logger, string fileSystemId, string path, string key, string errorCode);

    [LoggerMessage(EventId = 3003, EventName = "Conflict", Level = LogLevel.Warning,
        Message = "{FileSystemId}: {Path} conflicts with {Key} (base {PreviousVersionId}, bucket {VersionId}); the bucket wins")]
    public static partial void Conflict(ILogger logger, string fileSystemId, string path, string key, string? previousVersionId, string? versionId);

    [LoggerMessage(EventId = 3004, EventName = "LostAndFoundMove", Level = LogLevel.Warning,
        Message = "{FileSystemId}: moved {Path} to {LostAndFoundPath}")]
    public static partial void LostAndFoundMove(ILogger logger, string fileSystemId, string path, string lostAndFoundPath);

    [LoggerMessage(EventId = 3010, EventName = "EventDelivery", Level = LogLevel.Debug,
        Message = "{FileSystemId}: delivered {EventName} for {Key} version {VersionId}")]
    public static partial void EventDelivery(ILogger logger, string fileSystemId, string eventName, string key, string versionId);

    [LoggerMessage(EventId = 3012, EventName = "Import", Level = LogLevel.Debug,
        Message = "{FileSystemId}: imported {Key} version {VersionId}, {Bytes} bytes of data")]
    public static partial void Imported(ILogger logger, string fileSystemId, string key, string? versionId, long bytes);

    [LoggerMessage(EventId = 3013, EventName = "Expiration", Level = LogLevel.Information,
        Message = "{FileSystemId}: data of {Path} ({Bytes} bytes) expired from high-performance storage")]
    public static partial void Expired(ILogger logger, string fileSystemId, string path, long bytes);

    [LoggerMessage(EventId = 3011, EventName = "ImportFailure", Level = LogLevel.Error,
        Message = "{FileSystemId}: import of {Key} failed with {ErrorCode}")]
    public static partial void ImportFailure(ILogger logger, string fileSystemId, string key, string errorCode);

    [LoggerMessage(EventId = 3014, EventName = "ImportRejected", Level = LogLevel.Error,
        Message = "{FileSystemId}: object {Key} was not imported: {Reason}")]
    public static partial void ImportRejected(ILogger logger, string fileSystemId, string key, string reason);
}
