using System.Runtime.InteropServices;

namespace S3FilesSim.Cli.Loading;

/// <summary>The few Linux calls the source-tree walk needs, with raw byte names so that a name that is not UTF-8 is
/// seen as such: open(2)/openat(2), getdents64(2), statx(2), faccessat(2), readlinkat(2), pread(2), close(2). Every failure is
/// returned as an errno, never thrown, so one bad entry never stops a walk.</summary>
internal static unsafe partial class LinuxFiles
{
    /// <summary>Operation not permitted.</summary>
    internal const int EPERM = 1;

    /// <summary>No such file or directory.</summary>
    internal const int ENOENT = 2;

    /// <summary>Interrupted system call.</summary>
    internal const int EINTR = 4;

    /// <summary>Permission denied.</summary>
    internal const int EACCES = 13;

    /// <summary>Not a directory.</summary>
    internal const int ENOTDIR = 20;

    /// <summary>File name too long.</summary>
    internal const int ENAMETOOLONG = 36;

    /// <summary>Too many levels of symbolic links.</summary>
    internal const int ELOOP = 40;

    /// <summary>The <c>d_type</c> of a FIFO.</summary>
    internal const byte DtFifo = 1;

    /// <summary>The <c>d_type</c> of a character device.</summary>
    internal const byte DtCharacterDevice = 2;

    /// <summary>The <c>d_type</c> of a directory.</summary>
    internal const byte DtDirectory = 4;

    /// <summary>The <c>d_type</c> of a block device.</summary>
    internal const byte DtBlockDevice = 6;

    /// <summary>The <c>d_type</c> of a regular file.</summary>
    internal const byte DtRegular = 8;

    /// <summary>The <c>d_type</c> of a symbolic link.</summary>
    internal const byte DtSymbolicLink = 10;

    /// <summary>The <c>d_type</c> of a socket.</summary>
    internal const byte DtSocket = 12;

    /// <summary>The <c>d_type</c> of a file system that does not fill it in.</summary>
    internal const byte DtUnknown = 0;

    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const int AtEmptyPath = 0x1000;
    private const int AtEffectiveAccess = 0x200;
    private const int ReadOk = 4;
    private const int AtStatxDontSync = 0x4000;
    private const uint StatxWanted = 0x1 | 0x2 | 0x40 | 0x100 | 0x200;   // type, mode, mtime, ino, size
    private const int OReadOnly = 0;
    private const int ONonBlock = 0x800;
    private const int OCloseOnExec = 0x80000;
    private const int FileTypeMask = 0xF000;

    // O_DIRECTORY and O_NOFOLLOW differ between architectures (asm-generic vs. the ARM ports).
    private static readonly bool ArmFlags = RuntimeInformation.ProcessArchitecture is Architecture.Arm64 or Architecture.Arm;
    private static readonly int ODirectory = ArmFlags ? 0x4000 : 0x10000;
    private static readonly int ONoFollow = ArmFlags ? 0x8000 : 0x20000;

    /// <summary>The type bits of <see cref="Status.Mode"/>.</summary>
    internal enum FileKind
    {
        /// <summary>A regular file.</summary>
        Regular = 0x8000,

        /// <summary>A directory.</summary>
        Directory = 0x4000,

        /// <summary>A symbolic link.</summary>
        SymbolicLink = 0xA000,
    }

    /// <summary>Opens a directory by path (following symbolic links, as a command-line argument is).</summary>
    /// <returns>The descriptor, or <c>-errno</c>.</returns>
    internal static int OpenDirectory(string path)
    {
        var fd = Open(path, OReadOnly | ODirectory | OCloseOnExec);
        return fd >= 0 ? fd : -Marshal.GetLastPInvokeError();
    }

    /// <summary>Opens the subdirectory <paramref name="name"/> (NUL-terminated) of <paramref name="directoryFd"/> without following a symbolic link.</summary>
    /// <returns>The descriptor, or <c>-errno</c>.</returns>
    internal static int OpenSubdirectory(int directoryFd, byte* name)
    {
        var fd = OpenAt(directoryFd, name, OReadOnly | ODirectory | ONoFollow | OCloseOnExec);
        return fd >= 0 ? fd : -Marshal.GetLastPInvokeError();
    }

    /// <summary>Opens a file for reading without following a final symbolic link and without blocking on a FIFO.</summary>
    /// <returns>The descriptor, or <c>-errno</c>.</returns>
    internal static int OpenFile(string path)
    {
        var fd = Open(path, OReadOnly | ONoFollow | ONonBlock | OCloseOnExec);
        return fd >= 0 ? fd : -Marshal.GetLastPInvokeError();
    }

    /// <summary>Reads directory entries into <paramref name="buffer"/> (struct linux_dirent64 records).</summary>
    /// <returns>The bytes read, 0 at the end, or <c>-errno</c>.</returns>
    internal static int ReadEntries(int directoryFd, Span<byte> buffer)
    {
        fixed (byte* start = buffer)
        {
            var read = (int)GetDents64(directoryFd, start, (nuint)buffer.Length);
            return read >= 0 ? read : -Marshal.GetLastPInvokeError();
        }
    }

    /// <summary>lstat of <paramref name="name"/> (NUL-terminated) in <paramref name="directoryFd"/>.</summary>
    /// <returns>0, or the errno.</returns>
    internal static int StatEntry(int directoryFd, byte* name, out Status status) =>
        Statx(directoryFd, name, AtSymlinkNoFollow | AtStatxDontSync, out status);

    /// <summary>stat of <paramref name="name"/> (NUL-terminated) in <paramref name="directoryFd"/>, following symbolic links.</summary>
    /// <returns>0, or the errno (<see cref="ENOENT"/> for a dangling link, <see cref="ELOOP"/> for a loop).</returns>
    internal static int StatEntryFollowing(int directoryFd, byte* name, out Status status) =>
        Statx(directoryFd, name, AtStatxDontSync, out status);

    /// <summary>fstat of an open descriptor.</summary>
    /// <returns>0, or the errno.</returns>
    internal static int StatOpen(int fd, out Status status)
    {
        byte empty = 0;
        return Statx(fd, &empty, AtEmptyPath | AtStatxDontSync, out status);
    }

    /// <summary>Checks that the caller may read <paramref name="name"/> (NUL-terminated) in <paramref name="directoryFd"/>,
    /// with the effective user and groups as open(2) would (faccessat(2) with <c>R_OK</c> and <c>AT_EACCESS</c>), without
    /// opening it.</summary>
    /// <returns>0, or the errno (<see cref="EACCES"/> when the caller may not read it).</returns>
    internal static int CheckReadable(int directoryFd, byte* name) =>
        FAccessAt(directoryFd, name, ReadOk, AtEffectiveAccess | AtSymlinkNoFollow) == 0 ? 0 : Marshal.GetLastPInvokeError();

    /// <summary>Reads the target of the symbolic link <paramref name="name"/> (NUL-terminated) in <paramref name="directoryFd"/>.</summary>
    /// <returns>The bytes of the target, or <c>-errno</c>.</returns>
    internal static int ReadLink(int directoryFd, byte* name, Span<byte> target)
    {
        fixed (byte* start = target)
        {
            var read = (int)ReadLinkAt(directoryFd, name, start, (nuint)target.Length);
            return read >= 0 ? read : -Marshal.GetLastPInvokeError();
        }
    }

    /// <summary>Reads at <paramref name="offset"/>, retrying on <see cref="EINTR"/>.</summary>
    /// <returns>The bytes read, or <c>-errno</c>.</returns>
    internal static int ReadAt(int fd, Span<byte> destination, long offset)
    {
        fixed (byte* start = destination)
        {
            while (true)
            {
                var read = (int)PRead(fd, start, (nuint)destination.Length, offset);
                if (read >= 0)
                {
                    return read;
                }

                var errno = Marshal.GetLastPInvokeError();
                if (errno != EINTR)
                {
                    return -errno;
                }
            }
        }
    }

    /// <summary>Closes a descriptor.</summary>
    internal static void CloseFd(int fd) => _ = Close(fd);

    /// <summary>Returns the message of <paramref name="errno"/> (strerror).</summary>
    internal static string Describe(int errno) => Marshal.GetPInvokeErrorMessage(errno);

    private static int Statx(int directoryFd, byte* name, int flags, out Status status)
    {
        var buffer = stackalloc byte[256];
        if (StatxCall(directoryFd, name, flags, StatxWanted, buffer) != 0)
        {
            status = default;
            return Marshal.GetLastPInvokeError();
        }

        var mode = *(ushort*)(buffer + 28);
        status = new Status(
            (FileKind)(mode & FileTypeMask),
            mode,
            *(long*)(buffer + 40),
            (*(long*)(buffer + 112) * 1_000_000_000) + *(uint*)(buffer + 120),
            *(ulong*)(buffer + 32));
        return 0;
    }

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "openat", SetLastError = true)]
    private static partial int OpenAt(int directoryFd, byte* name, int flags);

    [LibraryImport("libc", EntryPoint = "getdents64", SetLastError = true)]
    private static partial nint GetDents64(int fd, byte* buffer, nuint count);

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true)]
    private static partial int StatxCall(int directoryFd, byte* path, int flags, uint mask, byte* buffer);

    [LibraryImport("libc", EntryPoint = "faccessat", SetLastError = true)]
    private static partial int FAccessAt(int directoryFd, byte* path, int mode, int flags);

    [LibraryImport("libc", EntryPoint = "readlinkat", SetLastError = true)]
    private static partial nint ReadLinkAt(int directoryFd, byte* path, byte* buffer, nuint size);

    [LibraryImport("libc", EntryPoint = "pread64", SetLastError = true)]
    private static partial nint PRead(int fd, byte* buffer, nuint count, long offset);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);

    /// <summary>What statx(2) says about an entry: its type, mode bits, size in bytes, modification time in nanoseconds
    /// since the epoch, and inode number.</summary>
    internal readonly record struct Status(FileKind Kind, int Mode, long Size, long ModificationTimeNs, ulong Inode);
}
