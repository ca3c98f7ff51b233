using System.Runtime.InteropServices;

namespace S3FilesSim.TestSupport.Posix;

/// <summary>The glibc entry points <see cref="LinuxFileSystem"/> calls (Linux x86-64 layouts); paths are NUL-terminated UTF-8.</summary>
internal static unsafe partial class LibC
{
    public const int AtFdCwd = -100;
    public const int AtSymlinkNoFollow = 0x100;
    public const int AtEmptyPath = 0x1000;
    public const uint StatxBasicStatsAndBirthTime = 0xFFF;
    public const uint StatxBirthTimeMask = 0x800;
    public const int StatxSize = 256;
    public const int StatfsSize = 120;
    public const long UtimeNow = (1L << 30) - 1;
    public const long UtimeOmit = (1L << 30) - 2;
    public const int FGetLk = 5;
    public const int FSetLk = 6;
    public const int FSetLkW = 7;
    public const short FRdLck = 0;
    public const short FWrLck = 1;
    public const short FUnLck = 2;
    public const int LockSh = 1;
    public const int LockEx = 2;
    public const int LockNb = 4;
    public const int LockUn = 8;
    public const int OCloexec = 0x80000;
    public const int ORdonly = 0;
    public const byte DtDir = 4;
    public const byte DtReg = 8;
    public const byte DtLnk = 10;
    public const int StRdonly = 1;

    private const string Library = "libc";

    [LibraryImport(Library, EntryPoint = "open", SetLastError = true)]
    public static partial int Open(byte* path, int flags, uint mode);

    [LibraryImport(Library, EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    [LibraryImport(Library, EntryPoint = "pread", SetLastError = true)]
    public static partial nint PRead(int fd, byte* buffer, nuint count, long offset);

    [LibraryImport(Library, EntryPoint = "pwrite", SetLastError = true)]
    public static partial nint PWrite(int fd, byte* buffer, nuint count, long offset);

    [LibraryImport(Library, EntryPoint = "read", SetLastError = true)]
    public static partial nint Read(int fd, byte* buffer, nuint count);

    [LibraryImport(Library, EntryPoint = "write", SetLastError = true)]
    public static partial nint Write(int fd, byte* buffer, nuint count);

    [LibraryImport(Library, EntryPoint = "lseek", SetLastError = true)]
    public static partial long LSeek(int fd, long offset, int whence);

    [LibraryImport(Library, EntryPoint = "truncate", SetLastError = true)]
    public static partial int Truncate(byte* path, long length);

    [LibraryImport(Library, EntryPoint = "ftruncate", SetLastError = true)]
    public static partial int FTruncate(int fd, long length);

    [LibraryImport(Library, EntryPoint = "fsync", SetLastError = true)]
    public static partial int FSync(int fd);

    [LibraryImport(Library, EntryPoint = "statx", SetLastError = true)]
    public static partial int Statx(int dirFd, byte* path, int flags, uint mask, byte* buffer);

    [LibraryImport(Library, EntryPoint = "chmod", SetLastError = true)]
    public static partial int Chmod(byte* path, uint mode);

    [LibraryImport(Library, EntryPoint = "chown", SetLastError = true)]
    public static partial int Chown(byte* path, uint uid, uint gid);

    [LibraryImport(Library, EntryPoint = "lchown", SetLastError = true)]
    public static partial int LChown(byte* path, uint uid, uint gid);

    [LibraryImport(Library, EntryPoint = "utimensat", SetLastError = true)]
    public static partial int UtimensAt(int dirFd, byte* path, long* times, int flags);

    [LibraryImport(Library, EntryPoint = "access", SetLastError = true)]
    public static partial int Access(byte* path, int mode);

    [LibraryImport(Library, EntryPoint = "mkdir", SetLastError = true)]
    public static partial int Mkdir(byte* path, uint mode);

    [LibraryImport(Library, EntryPoint = "mknod", SetLastError = true)]
    public static partial int Mknod(byte* path, uint mode, ulong device);

    [LibraryImport(Library, EntryPoint = "rmdir", SetLastError = true)]
    public static partial int Rmdir(byte* path);

    [LibraryImport(Library, EntryPoint = "unlink", SetLastError = true)]
    public static partial int Unlink(byte* path);

    [LibraryImport(Library, EntryPoint = "renameat2", SetLastError = true)]
    public static partial int RenameAt2(int oldDirFd, byte* oldPath, int newDirFd, byte* newPath, uint flags);

    [LibraryImport(Library, EntryPoint = "symlink", SetLastError = true)]
    public static partial int Symlink(byte* target, byte* linkPath);

    [LibraryImport(Library, EntryPoint = "readlink", SetLastError = true)]
    public static partial nint ReadLink(byte* path, byte* buffer, nuint size);

    [LibraryImport(Library, EntryPoint = "link", SetLastError = true)]
    public static partial int Link(byte* oldPath, byte* newPath);

    [LibraryImport(Library, EntryPoint = "statfs", SetLastError = true)]
    public static partial int StatFs(byte* path, byte* buffer);

    [LibraryImport(Library, EntryPoint = "getxattr", SetLastError = true)]
    public static partial nint GetXattr(byte* path, byte* name, byte* value, nuint size);

    [LibraryImport(Library, EntryPoint = "setxattr", SetLastError = true)]
    public static partial int SetXattr(byte* path, byte* name, byte* value, nuint size, int flags);

    [LibraryImport(Library, EntryPoint = "listxattr", SetLastError = true)]
    public static partial nint ListXattr(byte* path, byte* list, nuint size);

    [LibraryImport(Library, EntryPoint = "fcntl", SetLastError = true)]
    public static partial int Fcntl(int fd, int command, FlockInfo* lockInfo);

    [LibraryImport(Library, EntryPoint = "flock", SetLastError = true)]
    public static partial int Flock(int fd, int operation);

    [LibraryImport(Library, EntryPoint = "fdopendir", SetLastError = true)]
    public static partial nint FdOpenDir(int fd);

    [LibraryImport(Library, EntryPoint = "readdir64", SetLastError = true)]
    public static partial byte* ReadDir(nint dir);

    [LibraryImport(Library, EntryPoint = "closedir", SetLastError = true)]
    public static partial int CloseDir(nint dir);

    [LibraryImport(Library, EntryPoint = "geteuid")]
    public static partial uint GetEuid();

    [LibraryImport(Library, EntryPoint = "getegid")]
    public static partial uint GetEgid();

    [LibraryImport(Library, EntryPoint = "getgroups", SetLastError = true)]
    public static partial int GetGroups(int size, uint* list);

    /// <summary><c>struct flock</c> on Linux x86-64 (32 bytes).</summary>
    [StructLayout(LayoutKind.Explicit, Size = 32)]
    public struct FlockInfo
    {
        [FieldOffset(0)]
        public short Type;

        [FieldOffset(2)]
        public short Whence;

        [FieldOffset(8)]
        public long Start;

        [FieldOffset(16)]
        public long Length;

        [FieldOffset(24)]
        public int ProcessId;
    }
}
