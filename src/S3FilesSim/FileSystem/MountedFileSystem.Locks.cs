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
        int owner;
        lock (_ns.Gate)
        {
            cancellationToken.ThrowIfCancellationRequested();
            open = GetHandle(handle, op);
            request = CheckLockRequest(open, request, op);
            owner = LockOwnerOf(open, request);
            _fcntlLockers.Add((open.Inode.Number, owner));
            _usedLocks = true;
        }

        var outcome = await _fileSystem.Locks.LockAsync(open.Inode.Number, new LockOwner(MountId, owner), request, wait, cancellationToken).ConfigureAwait(false);
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
            request = NormalizeRange(request, op);
            if (request.Type is not (LockType.Read or LockType.Write))
            {
                throw Fail(Errno.EINVAL, op, null);
            }
        }

        return ValueTask.FromResult(_fileSystem.Locks.GetConflict(open.Inode.Number, new LockOwner(MountId, LockOwnerOf(open, request)), request));
    }

    /// <inheritdoc />
    public async ValueTask FlockAsync(FileHandle handle, FlockOperation operation, bool wait = false, CancellationToken cancellationToken = default)
    {
        const string op = "flock";
        LockType? type = operation switch
        {
            FlockOperation.Shared => LockType.Read,
            FlockOperation.Exclusive => LockType.Write,
            FlockOperation.Unlock => LockType.Unlock,
            _ => null,
        };
        FileLock request;
        OpenFile open;
        lock (_ns.Gate)
        {
            cancellationToken.ThrowIfCancellationRequested();
            open = GetHandle(handle, op);
            request = CheckLockRequest(open, new FileLock(type ?? throw Fail(Errno.EINVAL, op, null), 0, 0), op);
            open.UsedFlock = true;
            _usedLocks = true;
        }

        var outcome = await _fileSystem.Locks.LockAsync(open.Inode.Number, new LockOwner(MountId, open.FlockOwner), request, wait, cancellationToken).ConfigureAwait(false);
        ThrowOnFailure(outcome, op);
    }

    /// <summary>The process owning an fcntl lock: the request's <see cref="FileLock.ProcessId"/> when set (another process sharing the open file description, as after fork(2)), else the handle's opener.</summary>
    private static int LockOwnerOf(OpenFile open, FileLock request) => request.ProcessId != 0 ? request.ProcessId : open.ProcessId;

    /// <summary>Linux fcntl_setlk(): the range first, then the type against the handle's access mode.</summary>
    /// <returns>The request with a non-negative length.</returns>
    private static FileLock CheckLockRequest(OpenFile open, FileLock request, string op)
    {
        request = NormalizeRange(request, op);
        var allowed = request.Type switch
        {
            LockType.Read => open.Readable,
            LockType.Write => open.Writable,
            LockType.Unlock => true,
            _ => throw Fail(Errno.EINVAL, op, null),
        };
        return allowed ? request : throw Fail(Errno.EBADF, op, null);
    }

    /// <summary>
    /// Linux flock_to_posix_lock(): a negative start is <see cref="Errno.EINVAL"/>; a negative length covers the
    /// bytes before the start (<see cref="Errno.EINVAL"/> when that reaches before offset 0); a range past the largest
    /// offset is <see cref="Errno.EOVERFLOW"/>.
    /// </summary>
    /// <returns>The same range with a non-negative length.</returns>
    private static FileLock NormalizeRange(FileLock request, string op)
    {
        var (start, length) = (request.Start, request.Length);
        if (start < 0 || (length < 0 && start + length < 0))
        {
            throw Fail(Errno.EINVAL, op, null);
        }

        if (length < 0)
        {
            return request with { Start = start + length, Length = -length };
        }

        if (length > 0 && length - 1 > long.MaxValue - start)
        {
            throw Fail(Errno.EOVERFLOW, op, null);
        }

        return request;
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
