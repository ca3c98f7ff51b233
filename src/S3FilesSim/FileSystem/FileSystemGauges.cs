using S3FilesSim.Export;
using S3FilesSim.Import;
using S3FilesSim.Namespace;
using S3FilesSim.Telemetry;

namespace S3FilesSim.FileSystem;

/// <summary>
/// The point-in-time values of one file system that its CloudWatch metrics report and its public properties show
/// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-monitoring-cloudwatch.html), each read under the
/// file system's lock from the component that owns it; and the count of live mounts.
/// </summary>
/// <remarks>Thread-safe.</remarks>
/// <param name="ns">The namespace (storage, lost+found).</param>
/// <param name="entries">The export state (pending and failed exports).</param>
/// <param name="queue">The export queue (export age).</param>
/// <param name="pipeline">The import pipeline (import age).</param>
/// <param name="importStatistics">The import failures.</param>
internal sealed class FileSystemGauges(FileSystemNamespace ns, ExportEntries entries, ExportQueue queue, ImportPipeline pipeline, ImportStatistics importStatistics)
{
    private long _liveMounts;

    /// <summary>Gets the number of changed entries not yet exported (<c>PendingExports</c>).</summary>
    public int PendingExports
    {
        get
        {
            lock (ns.Gate)
            {
                return entries.Pending;
            }
        }
    }

    /// <summary>Gets the age of the oldest export in progress (<c>ExportAge</c>).</summary>
    public TimeSpan ExportAge
    {
        get
        {
            lock (ns.Gate)
            {
                return queue.ExportAge;
            }
        }
    }

    /// <summary>Gets the number of exports that failed for good (<c>ExportFailures</c>).</summary>
    public long ExportFailures
    {
        get
        {
            lock (ns.Gate)
            {
                return entries.Failures;
            }
        }
    }

    /// <summary>Gets the number of objects that could not be imported (<c>ImportFailures</c>).</summary>
    public long ImportFailures => importStatistics.Failures;

    /// <summary>Gets the age of the oldest import in progress (<c>ImportAge</c>).</summary>
    public TimeSpan ImportAge
    {
        get
        {
            lock (ns.Gate)
            {
                return pipeline.ImportAge;
            }
        }
    }

    /// <summary>Gets the number of files in lost+found (<c>LostAndFoundFiles</c>).</summary>
    public int LostAndFoundFiles
    {
        get
        {
            lock (ns.Gate)
            {
                return ns.LostAndFound.Count;
            }
        }
    }

    /// <summary>Gets the number of live mounts (<c>ClientConnections</c>).</summary>
    public long ClientConnections => Interlocked.Read(ref _liveMounts);

    /// <summary>Counts a new mount.</summary>
    public void MountOpened() => Interlocked.Increment(ref _liveMounts);

    /// <summary>Counts an unmount.</summary>
    public void MountClosed() => Interlocked.Decrement(ref _liveMounts);

    /// <summary>Reads every gauge now.</summary>
    /// <returns>The reading.</returns>
    public FileSystemGaugeReading Read() => new(
        ns.Storage.StorageBytes,
        ns.Storage.Inodes,
        PendingExports,
        ImportFailures,
        ExportFailures,
        ImportAge,
        ExportAge,
        LostAndFoundFiles,
        ClientConnections,
        NfsConnectionAccessible: true,
        S3BucketAccessible: true,
        S3BucketReachable: true);
}
