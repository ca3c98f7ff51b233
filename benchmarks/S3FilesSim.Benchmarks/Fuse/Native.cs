using System.Runtime.InteropServices;

namespace S3FilesSim.Benchmarks.Fuse;

/// <summary>The libc calls the FUSE benchmarks make, so each row measures the system calls and not System.IO's own work.</summary>
internal static unsafe partial class Native
{
    public const int ReadOnly = 0;
    public const int WriteCreateTruncate = 0x1 | 0x40 | 0x200;
    private const int StatBytes = 144;

    /// <summary>stat(2); throws on failure.</summary>
    public static void Stat(byte[] path)
    {
        var buffer = stackalloc byte[StatBytes];
        fixed (byte* pointer = path)
        {
            Check(StatPath(pointer, buffer), "stat");
        }
    }

    /// <summary>open(2); throws on failure.</summary>
    public static int Open(byte[] path, int flags)
    {
        fixed (byte* pointer = path)
        {
            return Check(OpenPath(pointer, flags, 0x1A4), "open");
        }
    }

    /// <summary>read(2) into <paramref name="buffer"/>; returns the byte count.</summary>
    public static int Read(int fd, byte[] buffer, int count)
    {
        fixed (byte* pointer = buffer)
        {
            return (int)Check(ReadFd(fd, pointer, (nuint)count), "read");
        }
    }

    /// <summary>write(2) of <paramref name="data"/>; returns the byte count.</summary>
    public static int Write(int fd, byte[] data)
    {
        fixed (byte* pointer = data)
        {
            return (int)Check(WriteFd(fd, pointer, (nuint)data.Length), "write");
        }
    }

    /// <summary>close(2); throws on failure.</summary>
    public static void Close(int fd) => Check(CloseFd(fd), "close");

    /// <summary>Returns the NUL-terminated UTF-8 bytes of <paramref name="path"/>.</summary>
    public static byte[] Path(string path) => System.Text.Encoding.UTF8.GetBytes(path + "\0");

    private static long Check(long result, string call) =>
        result >= 0 ? result : throw new IOException($"{call} failed: errno {Marshal.GetLastPInvokeError()}");

    private static int Check(int result, string call) => (int)Check((long)result, call);

    [LibraryImport("libc", EntryPoint = "stat", SetLastError = true)]
    private static partial int StatPath(byte* path, byte* buffer);

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true)]
    private static partial int OpenPath(byte* path, int flags, int mode);

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    private static partial nint ReadFd(int fd, byte* buffer, nuint count);

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    private static partial nint WriteFd(int fd, byte* buffer, nuint count);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int CloseFd(int fd);
}
