using System.Runtime.ExceptionServices;
using S3FilesSim.Export;
using S3FilesSim.HotTier;
using S3FilesSim.Import;
using S3FilesSim.Locking;
using S3FilesSim.Namespace;
using S3FilesSim.ObjectStorage;
using S3FilesSim.ReadPath;
using S3FilesSim.Security;
using S3FilesSim.Time;

namespace S3FilesSim.FileSystem;

/// <summary>
/// One S3 Files file system: the shared server-side state (namespace, high-performance storage, advisory locks) that
/// every mount sees, plus its access points
/// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files.html).
/// </summary>
/// <remarks>Thread-safe. Mounts share state with NFS close-to-open consistency (docs/SEMANTICS.md).</remarks>
public sealed partial class S3FilesFileSystem
{
    private readonly DeterministicRandom _random;
    private readonly Dictionary<string, AccessPoint> _accessPoints = new(StringComparer.Ordinal);
    private long _nextMountId;
    private long _nextHandle = 2;
    private long _nextFlockOwner;

    internal S3FilesFileSystem(string fileSystemId, FileSystemOptions options, DeterministicRandom random, FileSystemComponents components)
    {
        FileSystemId = fileSystemId;
        Options = options;
        _random = random;
        Components = components;
    }

    /// <summary>Gets the file system id, <c>fs-</c> followed by 17 lowercase hex digits.</summary>
    public string FileSystemId { get; }

    /// <summary>Gets the validated options the file system was created with.</summary>
    public FileSystemOptions Options { get; }

    /// <summary>Gets the bytes used on the high-performance storage: allocated data chunks plus <see cref="FileSystemOptions.MetadataBytesPerInode"/> per inode (the <c>StorageBytes</c> metric).</summary>
    public long StorageBytes => Namespace.Storage.StorageBytes;

    /// <summary>Gets the number of files, directories and symbolic links, the root included (the <c>Inodes</c> metric).</summary>
    public long Inodes => Namespace.Storage.Inodes;

    /// <summary>Gets the bucket this file system synchronizes with.</summary>
    public IObjectStore Bucket => Components.Bucket;

    /// <summary>Gets the number of files, directories and symbolic links changed on the file system and not yet exported to the bucket (the <c>PendingExports</c> metric,
    /// https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-monitoring-cloudwatch.html).</summary>
    public int PendingExports => Components.Gauges.PendingExports;

    /// <summary>Gets the age of the oldest export in progress, measured from its oldest unexported change (the <c>ExportAge</c> metric); zero when none is in progress.</summary>
    public TimeSpan ExportAge => Components.Gauges.ExportAge;

    /// <summary>Gets the number of exports that failed with a non-retryable error and will not be retried until the entry changes again (the <c>ExportFailures</c> metric).</summary>
    public long ExportFailures => Components.Gauges.ExportFailures;

    /// <summary>Gets the number of files in the lost+found directory (the <c>LostAndFoundFiles</c> metric).</summary>
    public int LostAndFoundFiles => Components.Gauges.LostAndFoundFiles;

    /// <summary>Gets the number of bucket objects that could not be imported: keys that map to no POSIX path (<c>a//b</c>, <c>.</c> or <c>..</c> components, NUL, a component over 255 bytes), an object <c>a</c> next to a prefix <c>a/</c>, and failed reads (CloudWatch <c>ImportFailures</c>).</summary>
    /// <remarks>https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-troubleshooting.html</remarks>
    public long ImportFailures => Components.Gauges.ImportFailures;

    /// <summary>Gets the age of the oldest import still in progress; zero when none (CloudWatch <c>ImportAge</c>).</summary>
    public TimeSpan ImportAge => Components.Gauges.ImportAge;

    /// <summary>Gets how many read requests, and bytes, each tier served (high-performance storage, bucket direct, bucket then import).</summary>
    /// <remarks>https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-performance.html</remarks>
    public ReadTierStatistics ReadStatistics
    {
        get
        {
            lock (Namespace.Gate)
            {
                return Components.ReadRouter.Statistics;
            }
        }
    }

    /// <summary>Gets the access points created on this file system.</summary>
    public IReadOnlyCollection<AccessPoint> AccessPoints
    {
        get
        {
            lock (Namespace.Gate)
            {
                return [.. _accessPoints.Values];
            }
        }
    }

    internal FileSystemComponents Components { get; }

    internal FileSystemNamespace Namespace => Components.Namespace;

    internal HotTierStorage Storage => Components.Namespace.Storage;

    internal AdvisoryLockManager Locks => Components.Locks;

    internal ClientChanges ClientChanges => Components.ClientChanges;

    internal ExportQueue ExportQueue => Components.ExportQueue;

    internal RenameTracking Renames => Components.Renames;

    internal KeyRevalidation Revalidation => Components.Revalidation;

    /// <summary>Gets the synchronization configuration (the <c>GetSynchronizationConfiguration</c> API); a new file system has the defaults at version 1.</summary>
    /// <remarks>https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-synchronization-customizing.html</remarks>
    public SynchronizationConfiguration GetSynchronizationConfiguration()
    {
        lock (Namespace.Gate)
        {
            return Components.Synchronization.Configuration;
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
            return Components.Synchronization.Put(configuration);
        }
    }

    /// <summary>Creates an access point (<c>CreateAccessPoint</c>).</summary>
    /// <param name="options">The enforced user, root directory and creation permissions.</param>
    /// <returns>The access point, with a new <c>fsap-</c> id.</returns>
    /// <exception cref="ArgumentException">The root directory does not match the documented pattern, or the creation permissions have bits beyond 07777.</exception>
    public AccessPoint CreateAccessPoint(AccessPointOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        lock (Namespace.Gate)
        {
            var accessPoint = new AccessPoint("fsap-" + _random.NextHex(17), FileSystemId, options);
            _accessPoints.Add(accessPoint.AccessPointId, accessPoint);
            return accessPoint;
        }
    }

    /// <summary>Mounts the file system as one NFS client (<c>mount -t s3files</c>).</summary>
    /// <param name="options">The client's identity, umask, <c>ro</c>, access point and IAM grants.</param>
    /// <returns>The mount; dispose it to unmount (unflushed writes are lost, locks released).</returns>
    /// <exception cref="UnauthorizedAccessException">The client lacks <c>s3files:ClientMount</c>
    /// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-access-point-policy-examples.html).</exception>
    /// <exception cref="ArgumentException">The access point does not exist on this file system, or <see cref="MountOptions.DirectS3Read"/> is not a defined mode.</exception>
    /// <exception cref="FileSystemException"><see cref="Errno.ENOENT"/>: the access point's root directory is missing and it has no creation
    /// permissions; <see cref="Errno.ENOTDIR"/>: the root directory or one of its parents is not a directory;
    /// <see cref="Errno.ELOOP"/>: the root directory is a symbolic-link loop; <see cref="Errno.ENAMETOOLONG"/>: a component of the root directory is over 255 UTF-8 bytes.</exception>
    /// <remarks>With the in-memory bucket (any store that answers at once), the root directory is listed and the access
    /// point's root resolved before this returns. When the store answers asynchronously, they are resolved on the first
    /// call instead (whose errors then include these); <see cref="MountAsync"/> waits for them.</remarks>
    public IFileSystem Mount(MountOptions options)
    {
        CheckMountOptions(options);
        while (true)
        {
            Inode unlisted;
            lock (Namespace.Gate)
            {
                try
                {
                    return MountLocked(options, deferRoot: false);
                }
                catch (DirectoryNotListedException e)
                {
                    unlisted = e.Directory;
                }
            }

            var listing = Components.Listing.EnsureListedAsync(unlisted);
            if (listing.IsCompletedSuccessfully)
            {
                continue;
            }

            if (listing.IsCompleted)
            {
                ExceptionDispatchInfo.Throw(listing.AsTask().Exception!.InnerException!);
            }

            lock (Namespace.Gate)
            {
                return MountLocked(options, deferRoot: true);
            }
        }
    }

    /// <summary>Mounts the file system as one NFS client (<c>mount -t s3files</c>) once its root directory is listed and the access point's root resolved.</summary>
    /// <param name="options">The client's identity, umask, <c>ro</c>, access point and IAM grants.</param>
    /// <param name="cancellationToken">Cancels the wait for the bucket listings; nothing is created then.</param>
    /// <returns>The mount; dispose it to unmount (unflushed writes are lost, locks released).</returns>
    /// <exception cref="UnauthorizedAccessException">The client lacks <c>s3files:ClientMount</c>.</exception>
    /// <exception cref="ArgumentException">As <see cref="Mount"/>.</exception>
    /// <exception cref="FileSystemException">As <see cref="Mount"/>, and <see cref="Errno.EIO"/>: the bucket could not be listed.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public async ValueTask<IFileSystem> MountAsync(MountOptions options, CancellationToken cancellationToken = default)
    {
        CheckMountOptions(options);
        while (true)
        {
            Inode unlisted;
            lock (Namespace.Gate)
            {
                cancellationToken.ThrowIfCancellationRequested();
                try
                {
                    return MountLocked(options, deferRoot: false);
                }
                catch (DirectoryNotListedException e)
                {
                    unlisted = e.Directory;
                }
            }

            await Components.Listing.EnsureListedAsync(unlisted, cancellationToken).ConfigureAwait(false);
        }
    }

    private void CheckMountOptions(MountOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(options.User, nameof(options.User));
        if (!Enum.IsDefined(options.DirectS3Read))
        {
            throw new ArgumentException($"{nameof(MountOptions.DirectS3Read)} is not a defined mode: {options.DirectS3Read}.", nameof(options));
        }

        if (!options.ClientMount)
        {
            throw new UnauthorizedAccessException($"Mounting {FileSystemId} requires the s3files:ClientMount action, which the client is not granted.");
        }
    }

    /// <summary>Creates the mount once the root directory (and the access point's root, created when missing) is listed,
    /// or, with <paramref name="deferRoot"/>, at once with its root resolved on its first call.</summary>
    /// <exception cref="DirectoryNotListedException">A directory on the way has not been listed yet; nothing changed.</exception>
    private MountedFileSystem MountLocked(MountOptions options, bool deferRoot)
    {
        AccessPoint? accessPoint = null;
        if (options.AccessPointId is not null && !_accessPoints.TryGetValue(options.AccessPointId, out accessPoint))
        {
            throw new ArgumentException($"Access point '{options.AccessPointId}' does not exist on {FileSystemId}.", nameof(options));
        }

        Inode? root = Namespace.Root;
        if (!deferRoot)
        {
            _ = Namespace.Root.Directory;
            root = accessPoint is null ? Namespace.Root : AccessPointRoots.Resolve(Namespace, ClientChanges, accessPoint.Options);
        }
        else if (accessPoint is not null)
        {
            root = null;
        }

        var user = Squash(accessPoint?.Options.PosixUser ?? options.User, options.ClientRootAccess);
        return new MountedFileSystem(this, ++_nextMountId, root, accessPoint?.Options, user, options.Umask, options.ReadOnly || !options.ClientWrite)
        {
            MayReadDirect = options.DirectS3Read != DirectS3ReadMode.Disabled && options.HasS3ReadPermission,
        };
    }

    internal long NextHandle() => Interlocked.Increment(ref _nextHandle);

    internal long NextFlockOwner() => -Interlocked.Increment(ref _nextFlockOwner);

    private static PosixUser Squash(PosixUser user, bool rootAccess)
    {
        if (rootAccess || (user.Uid != 0 && user.Gid != 0 && !user.SecondaryGids.Contains(0u)))
        {
            return user;
        }

        static uint Map(uint id) => id == 0 ? PosixUser.Anonymous.Uid : id;
        return new PosixUser(Map(user.Uid), Map(user.Gid), user.SecondaryGids.Select(Map));
    }
}
