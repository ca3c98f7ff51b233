using S3FilesSim.FileSystem;
using S3FilesSim.Namespace;

namespace S3FilesSim.Security;

/// <summary>
/// Finds, or creates on first mount, the root directory of an access point: missing parents are created root:root
/// 0755 and the root itself with the access point's creation permissions; without creation permissions a missing
/// root fails the mount, as on Amazon EFS
/// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-access-points-creating.html).
/// </summary>
internal static class AccessPointRoots
{
    /// <summary>Resolves <paramref name="options"/>' root directory in <paramref name="ns"/>, creating it when allowed. Called with the gate held.</summary>
    /// <param name="ns">The namespace.</param>
    /// <param name="observer">Hears of the directories created (the export queue: they are exported).</param>
    /// <param name="options">The access point.</param>
    /// <returns>The root directory.</returns>
    /// <exception cref="FileSystemException"><see cref="Errno.ENOENT"/> or <see cref="Errno.ENOTDIR"/>.</exception>
    /// <exception cref="DirectoryNotListedException">A directory on the way has not been listed; nothing changed.</exception>
    public static Inode Resolve(FileSystemNamespace ns, INamespaceObserver observer, AccessPointOptions options)
    {
        var error = PathResolver.Resolve(ns.Root, PosixUser.Root, options.RootDirectory, followLast: true, out var found);
        if (error == 0 && found.Target is { IsDirectory: true } existing)
        {
            return existing;
        }

        if (error == 0 && found.Target is not null)
        {
            throw FileSystemException.Create(Errno.ENOTDIR, "mount", options.RootDirectory);
        }

        if ((error != 0 && error != Errno.ENOENT) || options.CreationPermissions is not { } creation)
        {
            throw FileSystemException.Create(error == 0 ? Errno.ENOENT : error, "mount", options.RootDirectory);
        }

        var names = options.RootDirectory.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var current = ns.Root;
        for (var i = 0; i < names.Length; i++)
        {
            var child = current.Directory.Find(names[i]);
            if (child is null)
            {
                child = i == names.Length - 1
                    ? ns.Create(observer, current, names[i], FileType.Directory, creation.Permissions & (UnixFileMode)0xFFF, creation.OwnerUid, creation.OwnerGid)
                    : ns.Create(observer, current, names[i], FileType.Directory, FileSystemNamespace.DefaultDirectoryMode, 0, 0);
            }
            else if (!child.IsDirectory)
            {
                throw FileSystemException.Create(Errno.ENOTDIR, "mount", options.RootDirectory);
            }

            current = child;
        }

        return current;
    }
}
