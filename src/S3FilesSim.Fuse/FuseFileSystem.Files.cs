using System.Buffers;
using S3FilesSim.FileSystem;
using S3FilesSim.Fuse.Native;

namespace S3FilesSim.Fuse;

/// <content>File requests: OPEN, CREATE, READ, WRITE, FLUSH (NFS close: writes reach the file system, the closer's
/// fcntl locks go), RELEASE, FSYNC, and the locks: GETLK, SETLK/SETLKW, FLOCK.</content>
internal sealed partial class FuseFileSystem
{
    private const int OpenAccessModes = 0x3;
    private const int OpenCreate = 0x40;
    private const int OpenExclusive = 0x80;
    private const int OpenTruncate = 0x200;
    private const int OpenAppend = 0x400;
    private const int LockShared = 1;
    private const int LockExclusive = 2;
    private const int LockNonBlocking = 4;
    private const int LockUnlock = 8;

    public void Open(nint request, ulong node, int flags) => Run(OpenAsync(request, node, flags));

    public void Create(nint request, ulong parent, string name, uint mode, int flags) => Run(CreateAsync(request, parent, name, mode, flags));

    public void Read(nint request, ulong fh, nuint size, long offset) => Run(ReadAsync(request, fh, (int)Math.Min(size, int.MaxValue), offset));

    public void Write(nint request, ulong fh, ReadOnlySpan<byte> data, long offset)
    {
        var copy = ArrayPool<byte>.Shared.Rent(data.Length);
        data.CopyTo(copy);
        Run(WriteAsync(request, fh, copy, data.Length, offset));
    }

    public void Flush(nint request, ulong node, ulong fh, ulong lockOwner) => Run(FlushAsync(request, node, fh, lockOwner));

    public void Release(nint request, ulong fh) => Run(ReleaseAsync(request, fh));

    public void Fsync(nint request, ulong fh) => Run(FsyncAsync(request, fh));

    public void GetLock(nint request, ulong fh, Flock lockInfo) => Run(GetLockAsync(request, fh, lockInfo));

    public void SetLock(nint request, ulong node, ulong fh, ulong lockOwner, Flock lockInfo, bool wait) => Run(SetLockAsync(request, node, fh, lockOwner, lockInfo, wait));

    public void Flock(nint request, ulong fh, int operation) => Run(FlockAsync(request, fh, operation));

    private static OpenFlags ToOpenFlags(int flags)
    {
        var result = (OpenFlags)(flags & OpenAccessModes);
        result |= (flags & OpenAppend) != 0 ? OpenFlags.Append : 0;
        result |= (flags & OpenTruncate) != 0 ? OpenFlags.Truncate : 0;
        result |= (flags & OpenCreate) != 0 ? OpenFlags.Create : 0;
        result |= (flags & OpenExclusive) != 0 ? OpenFlags.Exclusive : 0;
        return result;
    }

    private FuseFileInfo OpenReply(ulong fh)
    {
        FuseFileInfo info = default;
        info.Fh = fh;
        info.Bits = KernelCaching ? FuseFileInfo.KeepCache : 0;
        return info;
    }

    private async ValueTask OpenAsync(nint request, ulong node, int flags)
    {
        try
        {
            var caller = Who(request);
            var mount = MountFor(caller.User);
            var openFlags = ToOpenFlags(flags & ~(OpenCreate | OpenExclusive));
            var handle = await mount.OpenAsync(PathOf(node, "open"), openFlags, processId: caller.ProcessId).ConfigureAwait(false);
            var open = new OpenFile(mount, handle, node, (openFlags & (OpenFlags.WriteOnly | OpenFlags.ReadWrite)) != 0);
            var info = OpenReply(Handles.Add(open));
            Nodes.Opened(node, open);
            if (SendOpen(request, info) != 0)
            {
                await CloseAsync(info.Fh).ConfigureAwait(false);
            }
        }
        catch (Exception exception)
        {
            Fail(request, exception);
        }
    }

    private async ValueTask CreateAsync(nint request, ulong parent, string name, uint mode, int flags)
    {
        try
        {
            var caller = Who(request);
            var mount = MountFor(caller.User);
            var openFlags = ToOpenFlags(flags) | OpenFlags.Create;
            var handle = await mount.OpenAsync(ChildPath(parent, name, "open"), openFlags, (UnixFileMode)(mode & PermissionMask), caller.ProcessId).ConfigureAwait(false);
            var status = await mount.FstatAsync(handle).ConfigureAwait(false);
            var entry = Entry(parent, name, status);
            var open = new OpenFile(mount, handle, entry.Ino, (openFlags & (OpenFlags.WriteOnly | OpenFlags.ReadWrite)) != 0);
            var info = OpenReply(Handles.Add(open));
            Nodes.Opened(entry.Ino, open);
            if (SendCreate(request, entry, info) != 0)
            {
                await CloseAsync(info.Fh).ConfigureAwait(false);
                Nodes.Forget(entry.Ino, 1);
            }
        }
        catch (Exception exception)
        {
            Fail(request, exception);
        }
    }

    private async ValueTask ReadAsync(nint request, ulong fh, int size, long offset)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(size);
        try
        {
            var open = Handles.File(fh) ?? throw BadHandle("read");
            var count = await open.Mount.ReadAsync(open.Handle, buffer.AsMemory(0, size), offset).ConfigureAwait(false);
            SendBuffer(request, buffer, count);
        }
        catch (Exception exception)
        {
            Fail(request, exception);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async ValueTask WriteAsync(nint request, ulong fh, byte[] data, int length, long offset)
    {
        try
        {
            var open = Handles.File(fh) ?? throw BadHandle("write");
            var count = await open.Mount.WriteAsync(open.Handle, data.AsMemory(0, length), offset).ConfigureAwait(false);
            _ = LibFuse.ReplyWrite(request, (nuint)count);
        }
        catch (Exception exception)
        {
            Fail(request, exception);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(data);
        }
    }

    /// <summary>FLUSH, sent by every close(2): NFS close semantics (a writer's data reaches the file system, visible to
    /// other mounts), then the closing process's fcntl locks on the file are released, as POSIX requires on any close.</summary>
    private async ValueTask FlushAsync(nint request, ulong node, ulong fh, ulong lockOwner)
    {
        try
        {
            var open = Handles.File(fh) ?? throw BadHandle("close");
            if (open.Writable)
            {
                await open.Mount.FsyncAsync(open.Handle).ConfigureAwait(false);
            }

            if (_lockOwners.TryRemove((node, lockOwner), out var processId))
            {
                await open.Mount.SetLockAsync(open.Handle, new FileLock(LockType.Unlock, 0, 0, processId)).ConfigureAwait(false);
            }

            Ok(request);
        }
        catch (Exception exception)
        {
            Fail(request, exception);
        }
    }

    private async ValueTask ReleaseAsync(nint request, ulong fh)
    {
        try
        {
            await CloseAsync(fh).ConfigureAwait(false);
            Ok(request);
        }
        catch (Exception exception)
        {
            Fail(request, exception);
        }
    }

    /// <summary>Closes <paramref name="fh"/>: the simulator handle (file or directory) and its place in the tables.</summary>
    private async ValueTask CloseAsync(ulong fh)
    {
        switch (Handles.Remove(fh))
        {
            case OpenFile file:
                Nodes.Closed(file.NodeId, file);
                await file.Mount.CloseAsync(file.Handle).ConfigureAwait(false);
                break;
            case OpenDirectory directory:
                await directory.Mount.CloseAsync(directory.Handle).ConfigureAwait(false);
                break;
            default:
                throw BadHandle("close");
        }
    }

    private async ValueTask FsyncAsync(nint request, ulong fh)
    {
        try
        {
            var open = Handles.File(fh) ?? throw BadHandle("fsync");
            await open.Mount.FsyncAsync(open.Handle).ConfigureAwait(false);
            Ok(request);
        }
        catch (Exception exception)
        {
            Fail(request, exception);
        }
    }

    private static LockType ToLockType(short type, string operation) => type switch
    {
        Native.Flock.ReadLock => LockType.Read,
        Native.Flock.WriteLock => LockType.Write,
        Native.Flock.Unlock => LockType.Unlock,
        _ => throw FileSystemException.Create(Errno.EINVAL, operation),
    };

    /// <summary>GETLK: the conflicting lock of another owner (its process id, or 0 for a flock or another mount's owner), or <c>F_UNLCK</c>.</summary>
    private async ValueTask GetLockAsync(nint request, ulong fh, Flock lockInfo)
    {
        try
        {
            var open = Handles.File(fh) ?? throw BadHandle("fcntl");
            var query = new FileLock(ToLockType(lockInfo.Type, "fcntl"), lockInfo.Start, lockInfo.Length, lockInfo.Pid);
            var conflict = await open.Mount.GetLockAsync(open.Handle, query).ConfigureAwait(false);
            Flock reply = default;
            reply.Type = Native.Flock.Unlock;
            if (conflict is { } held)
            {
                reply.Type = held.Type == LockType.Read ? Native.Flock.ReadLock : Native.Flock.WriteLock;
                reply.Start = held.Start;
                reply.Length = held.Length;
                reply.Pid = Math.Max(held.ProcessId, 0);
            }

            SendLock(request, reply);
        }
        catch (Exception exception)
        {
            Fail(request, exception);
        }
    }

    /// <summary>SETLK / SETLKW: the owner is the locking process (<c>l_pid</c>, its thread group); an unlock carries no pid,
    /// so the process is found from the kernel's lock owner, remembered per node until the owner closes the file.</summary>
    private async ValueTask SetLockAsync(nint request, ulong node, ulong fh, ulong lockOwner, Flock lockInfo, bool wait)
    {
        (CancellationTokenSource Source, long Key)? interrupt = null;
        try
        {
            var open = Handles.File(fh) ?? throw BadHandle("fcntl");
            var type = ToLockType(lockInfo.Type, "fcntl");
            int processId;
            if (type == LockType.Unlock)
            {
                if (!_lockOwners.TryGetValue((node, lockOwner), out processId))
                {
                    Ok(request);
                    return;
                }
            }
            else
            {
                processId = lockInfo.Pid > 0 ? lockInfo.Pid : Who(request).ProcessId;
                _lockOwners[(node, lockOwner)] = processId;
            }

            var token = CancellationToken.None;
            if (wait)
            {
                interrupt = RegisterInterrupt(request);
                token = interrupt.Value.Source.Token;
            }

            await open.Mount.SetLockAsync(open.Handle, new FileLock(type, lockInfo.Start, lockInfo.Length, processId), wait, token).ConfigureAwait(false);
            Ok(request);
        }
        catch (Exception exception)
        {
            Fail(request, exception);
        }
        finally
        {
            if (interrupt is { } registration)
            {
                EndInterruptible(registration);
            }
        }
    }

    /// <summary>FLOCK: a whole-file lock of the open file description, emulated with a byte-range lock as the Linux NFS client does.</summary>
    private async ValueTask FlockAsync(nint request, ulong fh, int operation)
    {
        (CancellationTokenSource Source, long Key)? interrupt = null;
        try
        {
            var open = Handles.File(fh) ?? throw BadHandle("flock");
            var kind = (operation & ~LockNonBlocking) switch
            {
                LockShared => FlockOperation.Shared,
                LockExclusive => FlockOperation.Exclusive,
                LockUnlock => FlockOperation.Unlock,
                _ => throw FileSystemException.Create(Errno.EINVAL, "flock"),
            };
            var wait = (operation & LockNonBlocking) == 0 && kind != FlockOperation.Unlock;
            var token = CancellationToken.None;
            if (wait)
            {
                interrupt = RegisterInterrupt(request);
                token = interrupt.Value.Source.Token;
            }

            await open.Mount.FlockAsync(open.Handle, kind, wait, token).ConfigureAwait(false);
            Ok(request);
        }
        catch (Exception exception)
        {
            Fail(request, exception);
        }
        finally
        {
            if (interrupt is { } registration)
            {
                EndInterruptible(registration);
            }
        }
    }
}
