using S3FilesSim.Locking;

namespace S3FilesSim.FileSystem;

/// <content>fcntl(2) byte-range locks and flock(2), through the file system's shared <see cref="AdvisoryLockManager"/>.</content>
internal sealed partial class MountedFileSystem
{
    /// <inheritdoc />
    public async ValueTask SetLockAsync(FileHandle handle, FileLock request, bool wait = false, CancellationToken cancellationToken = default)
    {
        const string op = "fcntl";
        OpenFile open;
        lock (_ns.Gate)
        {
            cancellationToken.ThrowIfCancellationRequested();
            open = GetHandle(handle, op);
            CheckLockRequest(open, request, op);
            _fcntlLockers.Add((open.Inode.Number, open.ProcessId));
            _usedLocks = true;
        }

        var outcome = await _fileSystem.Locks.LockAsync(open.Inode.Number, new LockOwner(MountId, open.ProcessId), request, wait, cancellationToken).ConfigureAwait(false);
        ThrowOnFailure(outcome, op);
    }

    /// <inheritdoc />
    public ValueTask<FileLock?> GetLockAsync(FileHandle handle, FileLock request, CancellationToken cancellationToken = default)
    {
        const string op = "fcntl";
        OpenFile open;
        lock (_ns.Gate)
        {
            cancellationToken.ThrowIfCancellationRequested();
            open = GetHandle(handle, op);
            if (request.Type == LockType.Unlock)
            {
                throw Fail(Errno.EINVAL, op, null);
            }

            CheckLockRange(request, op);
        }

        return ValueTask.FromResult(_fileSystem.Locks.GetConflict(open.Inode.Number, new LockOwner(MountId, open.ProcessId), request));
    }

    /// <inheritdoc />
    public async ValueTask FlockAsync(FileHandle handle, FlockOperation operation, bool wait = false, CancellationToken cancellationToken = default)
    {
        const string op = "flock";
        var request = new FileLock(
            operation switch
            {
                FlockOperation.Shared => LockType.Read,
                FlockOperation.Exclusive => LockType.Write,
                _ => LockType.Unlock,
            },
            0,
            0);
        OpenFile open;
        lock (_ns.Gate)
        {
            cancellationToken.ThrowIfCancellationRequested();
            open = GetHandle(handle, op);
            CheckLockRequest(open, request, op);
            open.UsedFlock = true;
            _usedLocks = true;
        }

        var outcome = await _fileSystem.Locks.LockAsync(open.Inode.Number, new LockOwner(MountId, open.FlockOwner), request, wait, cancellationToken).ConfigureAwait(false);
        ThrowOnFailure(outcome, op);
    }

    private static void CheckLockRequest(OpenFile open, FileLock request, string op)
    {
        if ((request.Type == LockType.Read && !open.Readable) || (request.Type == LockType.Write && !open.Writable))
        {
            throw Fail(Errno.EBADF, op, null);
        }

        CheckLockRange(request, op);
    }

    private static void CheckLockRange(FileLock request, string op)
    {
        if (request.Start < 0 || request.Length < 0)
        {
            throw Fail(Errno.EINVAL, op, null);
        }

        if (request.Length > 0 && request.Length - 1 > long.MaxValue - request.Start)
        {
            throw Fail(Errno.EOVERFLOW, op, null);
        }
    }

    private static void ThrowOnFailure(LockOutcome outcome, string op)
    {
        var errno = outcome switch
        {
            LockOutcome.WouldBlock => Errno.EAGAIN,
            LockOutcome.LimitExceeded => Errno.ENOLCK,
            LockOutcome.Deadlock => Errno.EDEADLK,
            _ => (Errno)0,
        };
        if (errno != 0)
        {
            throw Fail(errno, op, null);
        }
    }
}
