using S3FilesSim.ObjectStorage;
using S3FilesSim.Telemetry;

namespace S3FilesSim.Server.Control;

/// <summary>What <c>GET /_s3files/</c> answers: the endpoints, the clock and the mount points of a served simulation.</summary>
/// <param name="S3Endpoint">The S3 endpoint, e.g. <c>http://127.0.0.1:4566/</c>.</param>
/// <param name="ControlUrl">The control API, e.g. <c>http://127.0.0.1:4566/_s3files/</c>.</param>
/// <param name="Region">The Region the buckets report.</param>
/// <param name="RequiresSignature">Whether S3 requests must be signed with the configured key.</param>
/// <param name="Clock">The virtual clock.</param>
/// <param name="Mounts">The mount points served.</param>
public sealed record ServerInfo(Uri S3Endpoint, Uri ControlUrl, string Region, bool RequiresSignature, ClockStatus Clock, IReadOnlyList<MountPointInfo> Mounts);

/// <summary>The virtual clock of a served simulation.</summary>
/// <param name="Now">The current virtual time.</param>
/// <param name="Start">When the simulation started (virtual time).</param>
/// <param name="ElapsedSeconds">Virtual seconds since <paramref name="Start"/>.</param>
/// <param name="Mode">How the clock moves.</param>
/// <param name="Scale">Virtual seconds per wall second (0 in manual mode, 1 in real mode).</param>
/// <param name="PendingWork">Background work items queued (exports due, event deliveries, periodic sweeps and metrics).</param>
/// <param name="NextDueTime">When the next item falls due, or <see langword="null"/>.</param>
public sealed record ClockStatus(DateTimeOffset Now, DateTimeOffset Start, double ElapsedSeconds, TimeMode Mode, double Scale, int PendingWork, DateTimeOffset? NextDueTime);

/// <summary>The body of <c>POST /_s3files/clock/advance</c>.</summary>
/// <param name="Seconds">Virtual seconds to advance by, 0 to 3.15e9 (100 years).</param>
public sealed record AdvanceRequest(double Seconds);

/// <summary>The body of <c>POST /_s3files/clock/run-until-quiet</c>.</summary>
/// <param name="MaxSeconds">The most virtual seconds to advance; the default is one hour.</param>
public sealed record RunUntilQuietRequest(double MaxSeconds = 3600);

/// <summary>What <c>run-until-quiet</c> reached.</summary>
/// <param name="Quiet">Whether nothing is pending any more: no export, no import in progress, no bucket event undelivered.</param>
/// <param name="AdvancedSeconds">Virtual seconds the clock moved.</param>
/// <param name="PendingExports">Entries of all file systems still waiting for export.</param>
/// <param name="PendingEventDeliveries">Bucket events still undelivered, over all buckets.</param>
/// <param name="Clock">The clock afterwards.</param>
public sealed record QuietResult(bool Quiet, double AdvancedSeconds, long PendingExports, long PendingEventDeliveries, ClockStatus Clock);

/// <summary>The body of <c>PUT /_s3files/clock/mode</c>.</summary>
/// <param name="Mode">The new mode.</param>
/// <param name="Scale">Virtual seconds per wall second in scaled mode.</param>
public sealed record TimeModeRequest(TimeMode Mode, double? Scale = null);

/// <summary>One served bucket.</summary>
/// <param name="Name">The bucket name.</param>
/// <param name="Versioning">Its versioning status.</param>
/// <param name="Objects">Keys whose latest version is an object.</param>
/// <param name="StoredBytes">Bytes of every version and uploaded part.</param>
/// <param name="MultipartUploads">Multipart uploads in progress.</param>
/// <param name="PendingEventDeliveries">Bucket events scheduled and not yet delivered.</param>
public sealed record BucketStatus(string Name, BucketVersioningStatus Versioning, int Objects, long StoredBytes, int MultipartUploads, long PendingEventDeliveries);

/// <summary>One file system of the served simulation, with its CloudWatch gauges now.</summary>
/// <param name="FileSystemId">The <c>fs-</c> id.</param>
/// <param name="Bucket">The bucket it synchronizes with.</param>
/// <param name="Prefix">The key prefix it covers (empty: the whole bucket).</param>
/// <param name="PendingExports">The <c>PendingExports</c> gauge.</param>
/// <param name="ExportFailures">The <c>ExportFailures</c> gauge.</param>
/// <param name="ImportFailures">The <c>ImportFailures</c> gauge.</param>
/// <param name="LostAndFoundFiles">The <c>LostAndFoundFiles</c> gauge.</param>
/// <param name="StorageBytes">The <c>StorageBytes</c> gauge.</param>
/// <param name="Inodes">The <c>Inodes</c> gauge.</param>
/// <param name="ClientConnections">Live mounts.</param>
/// <param name="ExportAgeSeconds">The <c>ExportAge</c> gauge.</param>
/// <param name="ImportAgeSeconds">The <c>ImportAge</c> gauge.</param>
/// <param name="LostAndFoundDirectory">The lost+found directory at the root, <c>/.s3files-lost+found-&lt;fs-id&gt;</c>.</param>
/// <param name="MountPoints">The kernel mount points served for it.</param>
public sealed record FileSystemStatus(
    string FileSystemId,
    string Bucket,
    string Prefix,
    int PendingExports,
    long ExportFailures,
    long ImportFailures,
    int LostAndFoundFiles,
    long StorageBytes,
    long Inodes,
    long ClientConnections,
    double ExportAgeSeconds,
    double ImportAgeSeconds,
    string LostAndFoundDirectory,
    IReadOnlyList<string> MountPoints);

/// <summary>The body of <c>POST /_s3files/file-systems</c>: a new file system over a served bucket.</summary>
public sealed record CreateFileSystemRequest
{
    /// <summary>Gets the bucket; it must exist.</summary>
    /// <value>The default value is <see langword="null"/>: the simulation's default bucket.</value>
    public string? Bucket { get; init; }

    /// <summary>Gets the key prefix the file system covers, empty or ending in <c>/</c>.</summary>
    /// <value>The default value is <see langword="null"/>: the whole bucket.</value>
    public string? Prefix { get; init; }

    /// <summary>Gets the seconds without change before a file is exported.</summary>
    /// <value>The default value is <see langword="null"/>: 60.</value>
    public double? CommitDelaySeconds { get; init; }
}

/// <summary>The alarms of a file system: their definitions and states now, and every state change seen while served.</summary>
/// <param name="Alarms">The alarms.</param>
/// <param name="Transitions">The state changes, oldest first.</param>
public sealed record AlarmReport(IReadOnlyList<AlarmStatus> Alarms, IReadOnlyList<AlarmStateChange> Transitions);

/// <summary>One alarm and its state.</summary>
/// <param name="Alarm">The alarm's definition.</param>
/// <param name="State">Its state now.</param>
public sealed record AlarmStatus(MetricAlarm Alarm, AlarmState State);

/// <summary>A page of the sync timeline.</summary>
/// <param name="TotalEvents">Events ever appended.</param>
/// <param name="DroppedEvents">Events dropped because the timeline was full.</param>
/// <param name="Events">The matching events, oldest first.</param>
public sealed record TimelinePage(long TotalEvents, long DroppedEvents, IReadOnlyList<SyncEvent> Events);

/// <summary>One file in lost+found.</summary>
/// <param name="Name">The file name, <c>&lt;hex&gt;_&lt;original name&gt;</c>.</param>
/// <param name="Path">The path on the file system.</param>
/// <param name="Size">The size in bytes.</param>
/// <param name="ModificationTime">The file's mtime.</param>
public sealed record LostAndFoundFile(string Name, string Path, long Size, DateTimeOffset ModificationTime);

/// <summary>The lost+found directory of a file system.</summary>
/// <param name="Directory">Its path.</param>
/// <param name="Files">The files in it.</param>
public sealed record LostAndFoundReport(string Directory, IReadOnlyList<LostAndFoundFile> Files);

/// <summary>One kernel mount point the served simulation mounts.</summary>
/// <param name="Path">The mount point.</param>
/// <param name="FileSystemId">The file system mounted there.</param>
public sealed record MountPointInfo(string Path, string FileSystemId);

/// <summary>The body of every control API error.</summary>
/// <param name="Error">A code: <c>InvalidArgument</c>, <c>NotFound</c>, <c>Conflict</c>, or an S3 error code.</param>
/// <param name="Message">What went wrong.</param>
public sealed record ControlError(string Error, string Message);
