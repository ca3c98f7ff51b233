using IMount = S3FilesSim.FileSystem.IFileSystem;

namespace S3FilesSim.Abstractions;

/// <summary>Finds the change feed and scheduler of a mount's simulated file system.</summary>
internal static class MountChangeSources
{
    /// <summary>Returns the change source of <paramref name="mount"/>, or <see langword="null"/> when it has none.</summary>
    public static IMountChangeSource? For(IMount mount)
    {
        ArgumentNullException.ThrowIfNull(mount);
        return null;
    }
}
