namespace S3FilesSim.Telemetry;

/// <summary>
/// The point-in-time values the engine reports to a <see cref="MetricsRecorder"/> through its gauge provider: what the
/// file system holds now, as opposed to the per-operation byte metrics it records as they happen.
/// </summary>
/// <param name="StorageBytes">Bytes of data and metadata on high-performance storage.</param>
/// <param name="Inodes">Files, directories and symbolic links.</param>
/// <param name="PendingExports">Files and directories waiting to be exported.</param>
/// <param name="ImportFailures">Objects that failed to import after retries.</param>
/// <param name="ExportFailures">Files and directories that failed export and will not be retried.</param>
/// <param name="ImportAge">Age of the oldest in-progress import, from the bucket change time; zero when none.</param>
/// <param name="ExportAge">Age of the oldest in-progress export, from the file system change time; zero when none.</param>
/// <param name="LostAndFoundFiles">Files in the lost+found directory.</param>
/// <param name="ClientConnections">Active client connections (mounts).</param>
/// <param name="NfsConnectionAccessible">Whether the client reaches the file system over NFS.</param>
/// <param name="S3BucketAccessible">Whether the client role may read the bucket.</param>
/// <param name="S3BucketReachable">Whether the bucket and prefix exist and are reachable.</param>
internal readonly record struct FileSystemGaugeReading(
    long StorageBytes,
    long Inodes,
    long PendingExports,
    long ImportFailures,
    long ExportFailures,
    TimeSpan ImportAge,
    TimeSpan ExportAge,
    long LostAndFoundFiles,
    long ClientConnections,
    bool NfsConnectionAccessible,
    bool S3BucketAccessible,
    bool S3BucketReachable);
