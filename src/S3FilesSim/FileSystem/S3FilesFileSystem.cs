using S3FilesSim.HotTier;
using S3FilesSim.Locking;
using S3FilesSim.Namespace;
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

    internal S3FilesFileSystem(string fileSystemId, FileSystemOptions options, TimeProvider time, DeterministicRandom random)
    {
        FileSystemId = fileSystemId;
        Options = options;
        _random = random;
        Storage = new HotTierStorage(options.MetadataBytesPerInode);
        Namespace = new FileSystemNamespace(time, Storage, options.Prefix);
        Locks = new AdvisoryLockManager(options.MaxLocksPerFile, options.MaxLocksPerMount);
    }

    /// <summary>Gets the file system id, <c>fs-</c> followed by 17 lowercase hex digits.</summary>
    public string FileSystemId { get; }

    /// <summary>Gets the validated options the file system was created with.</summary>
    public FileSystemOptions Options { get; }

    /// <summary>Gets the bytes used on the high-performance storage: allocated data chunks plus <see cref="FileSystemOptions.MetadataBytesPerInode"/> per inode (the <c>StorageBytes</c> metric).</summary>
    public long StorageBytes => Storage.StorageBytes;

    /// <summary>Gets the number of files, directories and symbolic links, the root included (the <c>Inodes</c> metric).</summary>
    public long Inodes => Storage.Inodes;

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

    internal FileSystemNamespace Namespace { get; }

    internal HotTierStorage Storage { get; }

    internal AdvisoryLockManager Locks { get; }

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
    public IFileSystem Mount(MountOptions options)
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

        lock (Namespace.Gate)
        {
            AccessPoint? accessPoint = null;
            if (options.AccessPointId is not null && !_accessPoints.TryGetValue(options.AccessPointId, out accessPoint))
            {
                throw new ArgumentException($"Access point '{options.AccessPointId}' does not exist on {FileSystemId}.", nameof(options));
            }

            Namespace.Root.EnsureListed();
            var root = accessPoint is null ? Namespace.Root : AccessPointRoots.Resolve(Namespace, accessPoint.Options);
            var user = Squash(accessPoint?.Options.PosixUser ?? options.User, options.ClientRootAccess);
            return new MountedFileSystem(this, ++_nextMountId, root, user, options.Umask, options.ReadOnly || !options.ClientWrite)
            {
                MayReadDirect = options.DirectS3Read != ReadPath.DirectS3ReadMode.Disabled && options.HasS3ReadPermission,
            };
        }
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
