using System.Runtime.InteropServices;

namespace S3FilesSim.Fuse.Tests.Fixtures;

/// <summary>renameat2(2), which System.IO does not expose.</summary>
public static partial class LibC
{
    public const uint RenameNoReplace = 1;
    public const uint RenameExchange = 2;
    private const int AtFdCwd = -100;

    /// <summary>Calls renameat2(2) with two paths relative to the working directory.</summary>
    /// <returns>0, or the errno.</returns>
    public static int RenameAt2(string oldPath, string newPath, uint flags) =>
        RenameAt2(AtFdCwd, oldPath, AtFdCwd, newPath, flags) == 0 ? 0 : Marshal.GetLastPInvokeError();

    [LibraryImport("libc", EntryPoint = "renameat2", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int RenameAt2(int oldDirectory, string oldPath, int newDirectory, string newPath, uint flags);
}
