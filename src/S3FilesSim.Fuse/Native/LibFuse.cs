using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace S3FilesSim.Fuse.Native;

/// <summary>libfuse3's low-level API (fuse_lowlevel.h), bound directly; only the 3.14 x86-64 ABI is verified.</summary>
internal static unsafe partial class LibFuse
{
    /// <summary>The one libfuse version whose struct layouts and operation slots this binding was verified against (<c>fuse_version()</c>).</summary>
    public const int VerifiedVersion = 314;

    /// <summary><c>sizeof(struct fuse_lowlevel_ops)</c> in 3.14: 44 pointer slots.</summary>
    public const int OperationSlots = 44;

    public const uint CapPosixLocks = 1 << 1;
    public const uint CapAtomicOTrunc = 1 << 3;
    public const uint CapDontMask = 1 << 6;
    public const uint CapSpliceWrite = 1 << 7;
    public const uint CapSpliceMove = 1 << 8;
    public const uint CapSpliceRead = 1 << 9;
    public const uint CapFlockLocks = 1 << 10;
    public const uint CapReaddirplus = 1 << 13;
    public const uint CapReaddirplusAuto = 1 << 14;
    public const uint CapWritebackCache = 1 << 16;
    public const uint CapHandleKillpriv = 1 << 20;

    public const int SetAttrMode = 1;
    public const int SetAttrUid = 2;
    public const int SetAttrGid = 4;
    public const int SetAttrSize = 8;
    public const int SetAttrAtime = 16;
    public const int SetAttrMtime = 32;
    public const int SetAttrAtimeNow = 128;
    public const int SetAttrMtimeNow = 256;

    private const string Library = "libfuse3.so.3";

    [LibraryImport(Library, EntryPoint = "fuse_version")]
    public static partial int Version();

    [LibraryImport(Library, EntryPoint = "fuse_session_new")]
    public static partial nint SessionNew(FuseArgs* args, void* operations, nuint operationsSize, nint userData);

    [LibraryImport(Library, EntryPoint = "fuse_session_mount")]
    public static partial int SessionMount(nint session, byte* mountPoint);

    [LibraryImport(Library, EntryPoint = "fuse_session_fd")]
    public static partial int SessionFd(nint session);

    [LibraryImport(Library, EntryPoint = "fuse_session_exit")]
    public static partial void SessionExit(nint session);

    [LibraryImport(Library, EntryPoint = "fuse_session_unmount")]
    public static partial void SessionUnmount(nint session);

    [LibraryImport(Library, EntryPoint = "fuse_session_destroy")]
    public static partial void SessionDestroy(nint session);

    [LibraryImport(Library, EntryPoint = "fuse_session_receive_buf")]
    public static partial int SessionReceiveBuf(nint session, FuseBuf* buffer);

    [LibraryImport(Library, EntryPoint = "fuse_session_process_buf")]
    public static partial void SessionProcessBuf(nint session, FuseBuf* buffer);

    [LibraryImport(Library, EntryPoint = "fuse_opt_free_args")]
    public static partial void OptFreeArgs(FuseArgs* args);

    [LibraryImport(Library, EntryPoint = "fuse_req_userdata")]
    public static partial nint RequestUserData(nint request);

    [LibraryImport(Library, EntryPoint = "fuse_req_ctx")]
    public static partial FuseContext* RequestContext(nint request);

    [LibraryImport(Library, EntryPoint = "fuse_req_interrupt_func")]
    public static partial void RequestInterruptFunc(nint request, delegate* unmanaged<nint, nint, void> callback, nint data);

    [LibraryImport(Library, EntryPoint = "fuse_reply_err")]
    public static partial int ReplyErr(nint request, int errno);

    [LibraryImport(Library, EntryPoint = "fuse_reply_none")]
    public static partial void ReplyNone(nint request);

    [LibraryImport(Library, EntryPoint = "fuse_reply_entry")]
    public static partial int ReplyEntry(nint request, FuseEntryParam* entry);

    [LibraryImport(Library, EntryPoint = "fuse_reply_create")]
    public static partial int ReplyCreate(nint request, FuseEntryParam* entry, FuseFileInfo* fileInfo);

    [LibraryImport(Library, EntryPoint = "fuse_reply_attr")]
    public static partial int ReplyAttr(nint request, Stat* attributes, double attributeTimeout);

    [LibraryImport(Library, EntryPoint = "fuse_reply_readlink")]
    public static partial int ReplyReadlink(nint request, byte* link);

    [LibraryImport(Library, EntryPoint = "fuse_reply_open")]
    public static partial int ReplyOpen(nint request, FuseFileInfo* fileInfo);

    [LibraryImport(Library, EntryPoint = "fuse_reply_write")]
    public static partial int ReplyWrite(nint request, nuint count);

    [LibraryImport(Library, EntryPoint = "fuse_reply_buf")]
    public static partial int ReplyBuf(nint request, byte* buffer, nuint size);

    [LibraryImport(Library, EntryPoint = "fuse_reply_statfs")]
    public static partial int ReplyStatfs(nint request, StatVfs* statistics);

    [LibraryImport(Library, EntryPoint = "fuse_reply_xattr")]
    public static partial int ReplyXattr(nint request, nuint count);

    [LibraryImport(Library, EntryPoint = "fuse_reply_lock")]
    public static partial int ReplyLock(nint request, Flock* lockInfo);

    [LibraryImport(Library, EntryPoint = "fuse_add_direntry")]
    public static partial nuint AddDirentry(nint request, byte* buffer, nuint bufferSize, byte* name, Stat* attributes, long offset);

    [LibraryImport(Library, EntryPoint = "fuse_add_direntry_plus")]
    public static partial nuint AddDirentryPlus(nint request, byte* buffer, nuint bufferSize, byte* name, FuseEntryParam* entry, long offset);

    [LibraryImport(Library, EntryPoint = "fuse_lowlevel_notify_inval_entry")]
    public static partial int NotifyInvalEntry(nint session, ulong parent, byte* name, nuint nameLength);

    [LibraryImport(Library, EntryPoint = "fuse_lowlevel_notify_inval_inode")]
    public static partial int NotifyInvalInode(nint session, ulong inode, long offset, long length);

    /// <summary>Checks that the managed mirrors of the libfuse structs have the sizes measured on libfuse 3.14 x86-64.</summary>
    /// <returns>The first mismatch, or <see langword="null"/>.</returns>
    public static string? CheckLayouts()
    {
        (string Name, int Actual, int Expected)[] sizes =
        [
            ("struct stat", Unsafe.SizeOf<Stat>(), 144),
            ("struct fuse_entry_param", Unsafe.SizeOf<FuseEntryParam>(), 176),
            ("struct fuse_file_info", Unsafe.SizeOf<FuseFileInfo>(), 40),
            ("struct fuse_ctx", Unsafe.SizeOf<FuseContext>(), 16),
            ("struct statvfs", Unsafe.SizeOf<StatVfs>(), 112),
            ("struct flock", Unsafe.SizeOf<Flock>(), 32),
            ("struct fuse_conn_info", Unsafe.SizeOf<FuseConnInfo>(), 128),
            ("struct fuse_buf", Unsafe.SizeOf<FuseBuf>(), 40),
            ("struct fuse_forget_data", Unsafe.SizeOf<FuseForgetData>(), 16),
            ("struct fuse_args", Unsafe.SizeOf<FuseArgs>(), 24),
            ("struct fuse_lowlevel_ops", OperationSlots * sizeof(nint), 352),
        ];
        foreach (var (name, actual, expected) in sizes)
        {
            if (actual != expected)
            {
                return $"{name} is {actual} bytes here but {expected} bytes in libfuse 3.14";
            }
        }

        return RuntimeInformation.ProcessArchitecture == Architecture.X64 ? null : $"the layouts were verified on x86-64, not {RuntimeInformation.ProcessArchitecture}";
    }
}
