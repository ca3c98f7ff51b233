using S3FilesSim.Export;
using S3FilesSim.ObjectStorage;
using S3FilesSim.Time;

namespace S3FilesSim.FileSystem;

/// <content>The bucket the file system is bound to and the write-back (export) statistics.</content>
public sealed partial class S3FilesFileSystem
{
    /// <summary>Gets the bucket this file system synchronizes with.</summary>
    public IObjectStore Bucket => Export.Store is Cost.MeteredObjectStore metered ? metered.Inner : Export.Store;

    /// <summary>Gets the number of files, directories and symbolic links changed on the file system and not yet exported to the bucket (the <c>PendingExports</c> metric,
    /// https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-monitoring-cloudwatch.html).</summary>
    public int PendingExports => Export.PendingExports;

    /// <summary>Gets the age of the oldest export in progress, measured from its oldest unexported change (the <c>ExportAge</c> metric); zero when none is in progress.</summary>
    public TimeSpan ExportAge => Export.ExportAge;

    /// <summary>Gets the number of exports that failed with a non-retryable error and will not be retried until the entry changes again (the <c>ExportFailures</c> metric).</summary>
    public long ExportFailures => Export.ExportFailures;

    /// <summary>Gets the number of files in the lost+found directory (the <c>LostAndFoundFiles</c> metric).</summary>
    public int LostAndFoundFiles
    {
        get
        {
            lock (Namespace.Gate)
            {
                return Export.Conflicts.Count;
            }
        }
    }

    internal ExportEngine Export { get; private set; } = null!;

    /// <summary>Binds the file system to <paramref name="bucket"/> and starts its export engine on <paramref name="scheduler"/>.</summary>
    internal void BindBucket(IObjectStore bucket, Scheduler scheduler)
    {
        lock (Namespace.Gate)
        {
            Scheduler = scheduler;
            Export = new ExportEngine(Namespace, bucket, scheduler, _random, Options.Export, FileSystemId) { Sync = Telemetry?.Sync };
        }
    }
}
