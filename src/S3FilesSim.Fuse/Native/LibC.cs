using System.Runtime.InteropServices;

namespace S3FilesSim.Fuse.Native;

/// <summary>The few glibc calls the mount needs: mount and umount2, stat, geteuid, free, and the request loop's file calls.</summary>
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

    private const string Library = "libc";

    [LibraryImport(Library, EntryPoint = "umount2", SetLastError = true)]
    public static partial int Umount2(byte* target, int flags);

    [LibraryImport(Library, EntryPoint = "mount", SetLastError = true)]
    public static partial int Mount(byte* source, byte* target, byte* fileSystemType, nuint flags, void* data);

    [LibraryImport(Library, EntryPoint = "stat", SetLastError = true)]
    public static partial int StatPath(byte* path, Stat* buffer);

    [LibraryImport(Library, EntryPoint = "geteuid")]
    public static partial uint GetEuid();

    [LibraryImport(Library, EntryPoint = "free")]
    public static partial void Free(nint pointer);

}
