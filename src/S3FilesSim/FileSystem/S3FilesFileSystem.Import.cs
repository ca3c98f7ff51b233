using S3FilesSim.Import;
using S3FilesSim.ObjectStorage;
using S3FilesSim.ReadPath;
using S3FilesSim.Time;

namespace S3FilesSim.FileSystem;

/// <content>Import: lazy listing, synchronization configuration, bucket events, expiration, and their statistics.</content>
public sealed partial class S3FilesFileSystem
{
    /// <summary>Gets the number of bucket objects that could not be imported: keys that map to no POSIX path (<c>a//b</c>, <c>.</c> or <c>..</c> components, NUL, a component over 255 bytes), an object <c>a</c> next to a prefix <c>a/</c>, and failed reads (CloudWatch <c>ImportFailures</c>).</summary>
    /// <remarks>https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-troubleshooting.html</remarks>
    public long ImportFailures => Importer.ImportFailures;

    /// <summary>Gets the age of the oldest import still in progress; zero when none (CloudWatch <c>ImportAge</c>).</summary>
    public TimeSpan ImportAge
    {
        get
        {
            lock (Namespace.Gate)
            {
                return Importer.ImportAge;
            }
        }
    }

    /// <summary>Gets how many read requests, and bytes, each tier served (high-performance storage, bucket direct, bucket then import).</summary>
    /// <remarks>https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-performance.html</remarks>
    public ReadTierStatistics ReadStatistics
    {
        get
        {
            lock (Namespace.Gate)
            {
                return ReadRouter.Statistics;
            }
        }
    }

    internal Importer Importer { get; private set; } = null!;

    internal ReadRouter ReadRouter { get; private set; } = null!;

    /// <summary>Gets the synchronization configuration (the <c>GetSynchronizationConfiguration</c> API); a new file system has the defaults at version 1.</summary>
    /// <remarks>https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-synchronization-customizing.html</remarks>
    public SynchronizationConfiguration GetSynchronizationConfiguration()
    {
        lock (Namespace.Gate)
        {
            return Importer.Configuration;
        }
    }

    /// <summary>Replaces the synchronization configuration (the <c>PutSynchronizationConfiguration</c> API) and returns the stored one with its new version.</summary>
    /// <param name="configuration">The rules, with <see cref="SynchronizationConfiguration.LatestVersionNumber"/> set to the version last read (or <see langword="null"/> to skip the check).</param>
    /// <exception cref="ArgumentException">A field is out of range (like the API's <c>ValidationException</c>; <see cref="ArgumentException.ParamName"/> names the field).</exception>
    /// <exception cref="SynchronizationConfigurationConflictException">The version is stale (the API's <c>ConflictException</c>).</exception>
    /// <remarks>https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-synchronization-customizing.html</remarks>
    public SynchronizationConfiguration PutSynchronizationConfiguration(SynchronizationConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        lock (Namespace.Gate)
        {
            return Importer.PutConfiguration(configuration);
        }
    }

    internal void BindImport(IObjectStore bucket, IBucketEventSource? events, Scheduler scheduler)
    {
        lock (Namespace.Gate)
        {
            Importer = new Importer(Namespace, bucket, scheduler, Options.Import) { Sync = Telemetry?.Sync };
            ReadRouter = new ReadRouter(Namespace, bucket, Importer, Options.DirectReadThreshold, bucket.Capabilities.Multipart ? Options.Export.MultipartThresholdBytes : long.MaxValue);
            Export.Conflicts.Router = ReadRouter;
            Importer.StartExpiration();
            Importer.StartRevalidation();
            Importer.Subscribe(events, Export);
        }
    }
}
