using System.Runtime.InteropServices;

namespace S3FilesSim.Cli;

/// <summary>Tells regular files from special files (FIFOs, sockets, character and block devices) without opening them:
/// opening a FIFO for reading blocks until a writer appears, and reading a device never ends.</summary>
internal static partial class FileTypeProbe
{
    private const int AtFdCwd = -100;
    private const uint StatxType = 0x1;
    private const int ModeOffset = 28;
    private const int StatxSize = 256;
    private const int FileTypeMask = 0xF000;
    private const int RegularFile = 0x8000;
    private const int NoSuchFile = 2;

    /// <summary>The type of the file a path names, following symbolic links.</summary>
    internal enum Kind
    {
        /// <summary>A regular file: its bytes are loaded.</summary>
        Regular,

        /// <summary>A FIFO, socket or device: skipped.</summary>
        Special,

        /// <summary>Nothing at the end of the path (a dangling symbolic link).</summary>
        Missing,
    }

    /// <summary>Returns the type of <paramref name="path"/> by statx(2) on Linux (following symbolic links); elsewhere
    /// every existing non-directory entry counts as regular.</summary>
    /// <exception cref="IOException">statx(2) failed for another reason than a missing file.</exception>
    internal static Kind Probe(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            return File.Exists(path) ? Kind.Regular : Kind.Missing;
        }

        Span<byte> buffer = stackalloc byte[StatxSize];
        if (Statx(AtFdCwd, path, 0, StatxType, ref MemoryMarshal.GetReference(buffer)) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            return errno == NoSuchFile ? Kind.Missing : throw new IOException($"statx failed: {Marshal.GetPInvokeErrorMessage(errno)}");
        }

        var mode = BitConverter.ToUInt16(buffer[ModeOffset..]);
        return (mode & FileTypeMask) == RegularFile ? Kind.Regular : Kind.Special;
    }

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Statx(int directoryFd, string path, int flags, uint mask, ref byte buffer);
}
