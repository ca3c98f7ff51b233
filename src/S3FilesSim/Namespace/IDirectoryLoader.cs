namespace S3FilesSim.Namespace;

/// <summary>Fills a directory on its first access (lazy import); called with the file system's lock held.</summary>
internal interface IDirectoryLoader
{
    /// <summary>Adds the entries of <paramref name="directory"/> found in the bucket; the directory's loader is already cleared.</summary>
    /// <exception cref="FileSystem.FileSystemException">The bucket could not be listed (<see cref="FileSystem.Errno.EIO"/>).</exception>
    void Load(Inode directory);
}
