namespace S3FilesSim.TestSupport.Posix;

/// <summary>Fresh, empty host directories for <see cref="LinuxFileSystem"/> roots: under /dev/shm (tmpfs) when present, else the temp path.</summary>
public static class LinuxTempDirectory
{
    /// <summary>Creates an empty directory owned by the current user.</summary>
    /// <param name="purpose">A word put into the directory name.</param>
    /// <returns>The absolute host path.</returns>
    public static string Create(string purpose)
    {
        var parent = Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath();
        var path = Path.Combine(parent, $"s3filessim-{purpose}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>Deletes a directory made by <see cref="Create"/> and everything below it, without following symbolic links.</summary>
    /// <param name="path">The host path.</param>
    public static void Delete(string path)
    {
        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }
    }
}
