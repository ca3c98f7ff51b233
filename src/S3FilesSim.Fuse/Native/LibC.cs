using System.Runtime.InteropServices;

namespace S3FilesSim.Fuse.Native;

/// <summary>The few glibc calls the mount needs: epoll and eventfd for the request loop, umount2, stat, geteuid, free.</summary>
internal static unsafe partial class LibC
{
    public const int EPERM = 1;
    public const int ENOENT = 2;
    public const int EINTR = 4;
    public const int EIO = 5;
    public const int EAGAIN = 11;
    public const int EACCES = 13;
    public const int EBUSY = 16;
    public const int EINVAL = 22;
    public const int ERANGE = 34;
    public const int ENOSYS = 38;
    public const int EOPNOTSUPP = 95;
    public const int ENOTCONN = 107;
    public const int ESTALE = 116;

    public const int MntDetach = 2;
    public const int OCloexec = 0x80000;
    public const int ONonblock = 0x800;
    public const int FGetfl = 3;
    public const int FSetfl = 4;
    public const int EpollCtlAdd = 1;
    public const int EpollCtlMod = 3;
    public const uint EpollIn = 0x1;
    public const uint EpollErr = 0x8;
    public const uint EpollHup = 0x10;
    public const uint EpollOneShot = 1u << 30;

    private const string Library = "libc";

    [LibraryImport(Library, EntryPoint = "umount2", SetLastError = true)]
    public static partial int Umount2(byte* target, int flags);

    [LibraryImport(Library, EntryPoint = "stat", SetLastError = true)]
    public static partial int StatPath(byte* path, Stat* buffer);

    [LibraryImport(Library, EntryPoint = "geteuid")]
    public static partial uint GetEuid();

    [LibraryImport(Library, EntryPoint = "free")]
    public static partial void Free(nint pointer);

    [LibraryImport(Library, EntryPoint = "fcntl", SetLastError = true)]
    public static partial int Fcntl(int fd, int command, int argument);

    [LibraryImport(Library, EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    [LibraryImport(Library, EntryPoint = "eventfd", SetLastError = true)]
    public static partial int EventFd(uint initialValue, int flags);

    [LibraryImport(Library, EntryPoint = "write", SetLastError = true)]
    public static partial nint Write(int fd, void* buffer, nuint count);

    [LibraryImport(Library, EntryPoint = "epoll_create1", SetLastError = true)]
    public static partial int EpollCreate1(int flags);

    [LibraryImport(Library, EntryPoint = "epoll_ctl", SetLastError = true)]
    public static partial int EpollCtl(int epollFd, int operation, int fd, EpollEvent* epollEvent);

    [LibraryImport(Library, EntryPoint = "epoll_wait", SetLastError = true)]
    public static partial int EpollWait(int epollFd, EpollEvent* events, int maxEvents, int timeout);
}
