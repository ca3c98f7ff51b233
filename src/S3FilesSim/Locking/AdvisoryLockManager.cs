using S3FilesSim.FileSystem;

namespace S3FilesSim.Locking;

/// <summary>Who holds a lock: a mount and an owner within it (a process id for fcntl locks, an open-file id for flock).</summary>
/// <param name="MountId">The mount's id, unique within the file system.</param>
/// <param name="OwnerId">The owner within the mount.</param>
internal readonly record struct LockOwner(long MountId, long OwnerId);

/// <summary>The outcome of a lock request.</summary>
internal enum LockOutcome
{
    /// <summary>The lock is held (or the range released).</summary>
    Granted,

    /// <summary>A conflicting lock of another owner exists and the caller did not wait (EAGAIN).</summary>
    WouldBlock,

    /// <summary>Granting would pass 512 locks on the file or 8,192 on the mount (ENOLCK).</summary>
    LimitExceeded,

    /// <summary>Waiting would deadlock (EDEADLK).</summary>
    Deadlock,
}

/// <summary>
/// The file system's advisory byte-range lock table, shared by all mounts of one file system (NFSv4 byte-range locks;
/// https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-quotas.html for the limits).
/// </summary>
internal sealed class AdvisoryLockManager
{
    /// <summary>Creates the lock table.</summary>
    /// <param name="maxLocksPerFile">The most locks on one file across all mounts (512).</param>
    /// <param name="maxLocksPerMount">The most locks held by one mount (8,192).</param>
    public AdvisoryLockManager(int maxLocksPerFile = 512, int maxLocksPerMount = 8192)
    {
        MaxLocksPerFile = maxLocksPerFile;
        MaxLocksPerMount = maxLocksPerMount;
    }

    public int MaxLocksPerFile { get; }

    public int MaxLocksPerMount { get; }

    /// <summary>Takes, converts or releases (<see cref="LockType.Unlock"/>) a lock on <paramref name="inode"/>; ranges of one owner merge and split like POSIX.</summary>
    /// <param name="inode">The file's inode number.</param>
    /// <param name="owner">The requesting owner.</param>
    /// <param name="request">The range and type (<see cref="FileLock.ProcessId"/> is ignored).</param>
    /// <param name="wait">Wait until the range is free instead of returning <see cref="LockOutcome.WouldBlock"/>.</param>
    /// <param name="cancellationToken">Cancels a wait; the request is then withdrawn and an <see cref="OperationCanceledException"/> thrown.</param>
    /// <returns>The outcome.</returns>
    public ValueTask<LockOutcome> LockAsync(ulong inode, LockOwner owner, FileLock request, bool wait, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException();

    /// <summary>F_GETLK: the first lock of another owner conflicting with <paramref name="request"/>, with <see cref="FileLock.ProcessId"/> set to its owner id.</summary>
    public FileLock? GetConflict(ulong inode, LockOwner owner, FileLock request) => throw new NotImplementedException();

    /// <summary>Releases every lock of <paramref name="owner"/> on <paramref name="inode"/> (close(2) semantics) and wakes waiters.</summary>
    public void ReleaseAll(ulong inode, LockOwner owner) => throw new NotImplementedException();

    /// <summary>Releases every lock held by any owner of <paramref name="mountId"/> (unmount) and wakes waiters.</summary>
    public void ReleaseMount(long mountId) => throw new NotImplementedException();

    /// <summary>Releases every lock on <paramref name="inode"/> (the file was removed) and wakes waiters.</summary>
    public void ReleaseInode(ulong inode) => throw new NotImplementedException();

    /// <summary>The number of locks currently held on <paramref name="inode"/>.</summary>
    public int CountLocks(ulong inode) => throw new NotImplementedException();
}
