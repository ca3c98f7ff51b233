using System.Runtime.InteropServices;
using S3FilesSim.Fuse.Native;

namespace S3FilesSim.Fuse;

/// <summary>
/// The <c>struct fuse_lowlevel_ops</c> table: one <see cref="UnmanagedCallersOnlyAttribute"/> entry point per implemented slot
/// (libfuse 3.14 slot numbers), each decoding its arguments (names, write data, <c>fuse_file_info</c> fields live on
/// libfuse's stack or buffer) and handing them to the <see cref="FuseFileSystem"/> the session's user data points to.
/// </summary>
/// <remarks>Unimplemented slots stay null, so libfuse answers <c>ENOSYS</c> and the kernel falls back: bmap, ioctl and
/// poll (not applicable), write_buf (write is used), fallocate (posix_fallocate(3) then writes zeros), copy_file_range
/// (the kernel copies through read and write), lseek (SEEK_DATA and SEEK_HOLE see the whole file as data).</remarks>
internal static unsafe class FuseOperations
{
    private const int SlotInit = 0;
    private const int SlotLookup = 2;
    private const int SlotForget = 3;
    private const int SlotGetattr = 4;
    private const int SlotSetattr = 5;
    private const int SlotReadlink = 6;
    private const int SlotMknod = 7;
    private const int SlotMkdir = 8;
    private const int SlotUnlink = 9;
    private const int SlotRmdir = 10;
    private const int SlotSymlink = 11;
    private const int SlotRename = 12;
    private const int SlotLink = 13;
    private const int SlotOpen = 14;
    private const int SlotRead = 15;
    private const int SlotWrite = 16;
    private const int SlotFlush = 17;
    private const int SlotRelease = 18;
    private const int SlotFsync = 19;
    private const int SlotOpendir = 20;
    private const int SlotReaddir = 21;
    private const int SlotReleasedir = 22;
    private const int SlotFsyncdir = 23;
    private const int SlotStatfs = 24;
    private const int SlotSetxattr = 25;
    private const int SlotGetxattr = 26;
    private const int SlotListxattr = 27;
    private const int SlotRemovexattr = 28;
    private const int SlotAccess = 29;
    private const int SlotCreate = 30;
    private const int SlotGetlk = 31;
    private const int SlotSetlk = 32;
    private const int SlotForgetMulti = 38;
    private const int SlotFlock = 39;
    private const int SlotReaddirplus = 41;

    /// <summary>Allocates and fills the operations table; free it with <see cref="NativeMemory.Free"/> once libfuse has copied it.</summary>
    public static nint* Create()
    {
        var slots = (nint*)NativeMemory.AllocZeroed((nuint)(LibFuse.OperationSlots * sizeof(nint)));
        slots[SlotInit] = (nint)(delegate* unmanaged<nint, FuseConnInfo*, void>)&Init;
        slots[SlotLookup] = (nint)(delegate* unmanaged<nint, ulong, byte*, void>)&Lookup;
        slots[SlotForget] = (nint)(delegate* unmanaged<nint, ulong, ulong, void>)&Forget;
        slots[SlotGetattr] = (nint)(delegate* unmanaged<nint, ulong, FuseFileInfo*, void>)&Getattr;
        slots[SlotSetattr] = (nint)(delegate* unmanaged<nint, ulong, Stat*, int, FuseFileInfo*, void>)&Setattr;
        slots[SlotReadlink] = (nint)(delegate* unmanaged<nint, ulong, void>)&Readlink;
        slots[SlotMknod] = (nint)(delegate* unmanaged<nint, ulong, byte*, uint, ulong, void>)&Mknod;
        slots[SlotMkdir] = (nint)(delegate* unmanaged<nint, ulong, byte*, uint, void>)&Mkdir;
        slots[SlotUnlink] = (nint)(delegate* unmanaged<nint, ulong, byte*, void>)&Unlink;
        slots[SlotRmdir] = (nint)(delegate* unmanaged<nint, ulong, byte*, void>)&Rmdir;
        slots[SlotSymlink] = (nint)(delegate* unmanaged<nint, byte*, ulong, byte*, void>)&Symlink;
        slots[SlotRename] = (nint)(delegate* unmanaged<nint, ulong, byte*, ulong, byte*, uint, void>)&Rename;
        slots[SlotLink] = (nint)(delegate* unmanaged<nint, ulong, ulong, byte*, void>)&Link;
        slots[SlotOpen] = (nint)(delegate* unmanaged<nint, ulong, FuseFileInfo*, void>)&Open;
        slots[SlotRead] = (nint)(delegate* unmanaged<nint, ulong, nuint, long, FuseFileInfo*, void>)&Read;
        slots[SlotWrite] = (nint)(delegate* unmanaged<nint, ulong, byte*, nuint, long, FuseFileInfo*, void>)&Write;
        slots[SlotFlush] = (nint)(delegate* unmanaged<nint, ulong, FuseFileInfo*, void>)&Flush;
        slots[SlotRelease] = (nint)(delegate* unmanaged<nint, ulong, FuseFileInfo*, void>)&Release;
        slots[SlotFsync] = (nint)(delegate* unmanaged<nint, ulong, int, FuseFileInfo*, void>)&Fsync;
        slots[SlotOpendir] = (nint)(delegate* unmanaged<nint, ulong, FuseFileInfo*, void>)&Opendir;
        slots[SlotReaddir] = (nint)(delegate* unmanaged<nint, ulong, nuint, long, FuseFileInfo*, void>)&Readdir;
        slots[SlotReleasedir] = (nint)(delegate* unmanaged<nint, ulong, FuseFileInfo*, void>)&Release;
        slots[SlotFsyncdir] = (nint)(delegate* unmanaged<nint, ulong, int, FuseFileInfo*, void>)&Fsyncdir;
        slots[SlotStatfs] = (nint)(delegate* unmanaged<nint, ulong, void>)&Statfs;
        slots[SlotSetxattr] = (nint)(delegate* unmanaged<nint, ulong, byte*, byte*, nuint, int, void>)&Setxattr;
        slots[SlotGetxattr] = (nint)(delegate* unmanaged<nint, ulong, byte*, nuint, void>)&Getxattr;
        slots[SlotListxattr] = (nint)(delegate* unmanaged<nint, ulong, nuint, void>)&Listxattr;
        slots[SlotRemovexattr] = (nint)(delegate* unmanaged<nint, ulong, byte*, void>)&Removexattr;
        slots[SlotAccess] = (nint)(delegate* unmanaged<nint, ulong, int, void>)&Access;
        slots[SlotCreate] = (nint)(delegate* unmanaged<nint, ulong, byte*, uint, FuseFileInfo*, void>)&Create;
        slots[SlotGetlk] = (nint)(delegate* unmanaged<nint, ulong, FuseFileInfo*, Flock*, void>)&Getlk;
        slots[SlotSetlk] = (nint)(delegate* unmanaged<nint, ulong, FuseFileInfo*, Flock*, int, void>)&Setlk;
        slots[SlotForgetMulti] = (nint)(delegate* unmanaged<nint, nuint, FuseForgetData*, void>)&ForgetMulti;
        slots[SlotFlock] = (nint)(delegate* unmanaged<nint, ulong, FuseFileInfo*, int, void>)&FlockOperation;
        slots[SlotReaddirplus] = (nint)(delegate* unmanaged<nint, ulong, nuint, long, FuseFileInfo*, void>)&Readdirplus;
        return slots;
    }

    /// <summary>The FUSE_INTERRUPT callback registered for waiting lock requests; <paramref name="data"/> is the request's key.</summary>
    [UnmanagedCallersOnly]
    internal static void Interrupted(nint request, nint data) => FuseFileSystem.Interrupt(data);

    private static FuseSession Session(nint userData) => (FuseSession)GCHandle.FromIntPtr(userData).Target!;

    private static FuseFileSystem Target(nint request) => Session(LibFuse.RequestUserData(request)).FileSystem;

    [UnmanagedCallersOnly]
    private static void Init(nint userData, FuseConnInfo* connection)
    {
        try
        {
            Session(userData).Initialize(connection);
        }
        catch (Exception exception)
        {
            Session(userData).InitializationFailed(exception);
        }
    }

    [UnmanagedCallersOnly]
    private static void Lookup(nint request, ulong parent, byte* name)
    {
        try
        {
            Target(request).Lookup(request, parent, FuseFileSystem.Name(name, "lookup"));
        }
        catch (Exception exception)
        {
            FailEarly(request, exception);
        }
    }

    [UnmanagedCallersOnly]
    private static void Forget(nint request, ulong node, ulong count)
    {
        try
        {
            Target(request).Forget(node, count);
        }
        finally
        {
            LibFuse.ReplyNone(request);
        }
    }

    [UnmanagedCallersOnly]
    private static void ForgetMulti(nint request, nuint count, FuseForgetData* forgets)
    {
        try
        {
            var target = Target(request);
            for (nuint i = 0; i < count; i++)
            {
                target.Forget(forgets[i].Ino, forgets[i].Nlookup);
            }
        }
        finally
        {
            LibFuse.ReplyNone(request);
        }
    }

    [UnmanagedCallersOnly]
    private static void Getattr(nint request, ulong node, FuseFileInfo* info)
    {
        try
        {
            Target(request).GetAttributes(request, node, info is null ? null : info->Fh);
        }
        catch (Exception exception)
        {
            FailEarly(request, exception);
        }
    }

    [UnmanagedCallersOnly]
    private static void Setattr(nint request, ulong node, Stat* attributes, int toSet, FuseFileInfo* info)
    {
        try
        {
            Target(request).SetAttributes(request, node, *attributes, toSet, info is null ? null : info->Fh);
        }
        catch (Exception exception)
        {
            FailEarly(request, exception);
        }
    }

    [UnmanagedCallersOnly]
    private static void Readlink(nint request, ulong node)
    {
        try
        {
            Target(request).ReadLink(request, node);
        }
        catch (Exception exception)
        {
            FailEarly(request, exception);
        }
    }

    [UnmanagedCallersOnly]
    private static void Mknod(nint request, ulong parent, byte* name, uint mode, ulong device)
    {
        try
        {
            Target(request).Mknod(request, parent, FuseFileSystem.Name(name, "mknod"), mode);
        }
        catch (Exception exception)
        {
            FailEarly(request, exception);
        }
    }

    [UnmanagedCallersOnly]
    private static void Mkdir(nint request, ulong parent, byte* name, uint mode)
    {
        try
        {
            Target(request).Mkdir(request, parent, FuseFileSystem.Name(name, "mkdir"), mode);
        }
        catch (Exception exception)
        {
            FailEarly(request, exception);
        }
    }

    [UnmanagedCallersOnly]
    private static void Unlink(nint request, ulong parent, byte* name)
    {
        try
        {
            Target(request).Unlink(request, parent, FuseFileSystem.Name(name, "unlink"));
        }
        catch (Exception exception)
        {
            FailEarly(request, exception);
        }
    }

    [UnmanagedCallersOnly]
    private static void Rmdir(nint request, ulong parent, byte* name)
    {
        try
        {
            Target(request).Rmdir(request, parent, FuseFileSystem.Name(name, "rmdir"));
        }
        catch (Exception exception)
        {
            FailEarly(request, exception);
        }
    }

    [UnmanagedCallersOnly]
    private static void Symlink(nint request, byte* target, ulong parent, byte* name)
    {
        try
        {
            Target(request).Symlink(request, FuseFileSystem.Name(target, "symlink"), parent, FuseFileSystem.Name(name, "symlink"));
        }
        catch (Exception exception)
        {
            FailEarly(request, exception);
        }
    }

    [UnmanagedCallersOnly]
    private static void Rename(nint request, ulong parent, byte* name, ulong newParent, byte* newName, uint flags)
    {
        try
        {
            Target(request).Rename(request, parent, FuseFileSystem.Name(name, "rename"), newParent, FuseFileSystem.Name(newName, "rename"), flags);
        }
        catch (Exception exception)
        {
            FailEarly(request, exception);
        }
    }

    [UnmanagedCallersOnly]
    private static void Link(nint request, ulong node, ulong newParent, byte* newName)
    {
        try
        {
            Target(request).Link(request, node, newParent, FuseFileSystem.Name(newName, "link"));
        }
        catch (Exception exception)
        {
            FailEarly(request, exception);
        }
    }

    [UnmanagedCallersOnly]
    private static void Open(nint request, ulong node, FuseFileInfo* info)
    {
        try
        {
            Target(request).Open(request, node, info->Flags);
        }
        catch (Exception exception)
        {
            FailEarly(request, exception);
        }
    }

    [UnmanagedCallersOnly]
    private static void Read(nint request, ulong node, nuint size, long offset, FuseFileInfo* info)
    {
        try
        {
            Target(request).Read(request, info->Fh, size, offset);
        }
        catch (Exception exception)
        {
            FailEarly(request, exception);
        }
    }

    [UnmanagedCallersOnly]
    private static void Write(nint request, ulong node, byte* data, nuint size, long offset, FuseFileInfo* info)
    {
        try
        {
            Target(request).Write(request, info->Fh, new ReadOnlySpan<byte>(data, (int)size), offset);
        }
        catch (Exception exception)
        {
            FailEarly(request, exception);
        }
    }

    [UnmanagedCallersOnly]
    private static void Flush(nint request, ulong node, FuseFileInfo* info)
    {
        try
        {
            Target(request).Flush(request, node, info->Fh, info->LockOwner);
        }
        catch (Exception exception)
        {
            FailEarly(request, exception);
        }
    }

    [UnmanagedCallersOnly]
    private static void Release(nint request, ulong node, FuseFileInfo* info)
    {
        try
        {
            Target(request).Release(request, info->Fh);
        }
        catch (Exception exception)
        {
            FailEarly(request, exception);
        }
    }

    [UnmanagedCallersOnly]
    private static void Fsync(nint request, ulong node, int dataOnly, FuseFileInfo* info)
    {
        try
        {
            Target(request).Fsync(request, info->Fh);
        }
        catch (Exception exception)
        {
            FailEarly(request, exception);
        }
    }

    [UnmanagedCallersOnly]
    private static void Opendir(nint request, ulong node, FuseFileInfo* info)
    {
        try
        {
            Target(request).OpenDirectory(request, node);
        }
        catch (Exception exception)
        {
            FailEarly(request, exception);
        }
    }

    [UnmanagedCallersOnly]
    private static void Readdir(nint request, ulong node, nuint size, long offset, FuseFileInfo* info)
    {
        try
        {
            Target(request).ReadDirectory(request, info->Fh, size, offset, plus: false);
        }
        catch (Exception exception)
        {
            FailEarly(request, exception);
        }
    }

    [UnmanagedCallersOnly]
    private static void Readdirplus(nint request, ulong node, nuint size, long offset, FuseFileInfo* info)
    {
        try
        {
            Target(request).ReadDirectory(request, info->Fh, size, offset, plus: true);
        }
        catch (Exception exception)
        {
            FailEarly(request, exception);
        }
    }

    [UnmanagedCallersOnly]
    private static void Fsyncdir(nint request, ulong node, int dataOnly, FuseFileInfo* info) => _ = LibFuse.ReplyErr(request, 0);

    [UnmanagedCallersOnly]
    private static void Statfs(nint request, ulong node)
    {
        try
        {
            Target(request).StatFs(request, node);
        }
        catch (Exception exception)
        {
            FailEarly(request, exception);
        }
    }

    [UnmanagedCallersOnly]
    private static void Setxattr(nint request, ulong node, byte* name, byte* value, nuint size, int flags)
    {
        try
        {
            Target(request).SetExtendedAttribute(request, node, FuseFileSystem.Name(name, "setxattr"), new ReadOnlySpan<byte>(value, (int)size).ToArray());
        }
        catch (Exception exception)
        {
            FailEarly(request, exception);
        }
    }

    [UnmanagedCallersOnly]
    private static void Getxattr(nint request, ulong node, byte* name, nuint size)
    {
        try
        {
            Target(request).GetExtendedAttribute(request, node, FuseFileSystem.Name(name, "getxattr"), size);
        }
        catch (Exception exception)
        {
            FailEarly(request, exception);
        }
    }

    [UnmanagedCallersOnly]
    private static void Listxattr(nint request, ulong node, nuint size)
    {
        try
        {
            Target(request).ListExtendedAttributes(request, node, size);
        }
        catch (Exception exception)
        {
            FailEarly(request, exception);
        }
    }

    [UnmanagedCallersOnly]
    private static void Removexattr(nint request, ulong node, byte* name)
    {
        try
        {
            Target(request).RemoveExtendedAttribute(request, node, FuseFileSystem.Name(name, "removexattr"));
        }
        catch (Exception exception)
        {
            FailEarly(request, exception);
        }
    }

    [UnmanagedCallersOnly]
    private static void Access(nint request, ulong node, int mask)
    {
        try
        {
            Target(request).Access(request, node, mask);
        }
        catch (Exception exception)
        {
            FailEarly(request, exception);
        }
    }

    [UnmanagedCallersOnly]
    private static void Create(nint request, ulong parent, byte* name, uint mode, FuseFileInfo* info)
    {
        try
        {
            Target(request).Create(request, parent, FuseFileSystem.Name(name, "open"), mode, info->Flags);
        }
        catch (Exception exception)
        {
            FailEarly(request, exception);
        }
    }

    [UnmanagedCallersOnly]
    private static void Getlk(nint request, ulong node, FuseFileInfo* info, Flock* lockInfo)
    {
        try
        {
            Target(request).GetLock(request, info->Fh, *lockInfo);
        }
        catch (Exception exception)
        {
            FailEarly(request, exception);
        }
    }

    [UnmanagedCallersOnly]
    private static void Setlk(nint request, ulong node, FuseFileInfo* info, Flock* lockInfo, int sleep)
    {
        try
        {
            Target(request).SetLock(request, node, info->Fh, info->LockOwner, *lockInfo, sleep != 0);
        }
        catch (Exception exception)
        {
            FailEarly(request, exception);
        }
    }

    [UnmanagedCallersOnly]
    private static void FlockOperation(nint request, ulong node, FuseFileInfo* info, int operation)
    {
        try
        {
            Target(request).Flock(request, info->Fh, operation);
        }
        catch (Exception exception)
        {
            FailEarly(request, exception);
        }
    }

    /// <summary>Answers a request that failed before its body ran (an invalid name, an unknown session): the body methods never throw once started.</summary>
    private static void FailEarly(nint request, Exception exception) => _ = LibFuse.ReplyErr(request, FuseFileSystem.ToErrno(exception));
}
