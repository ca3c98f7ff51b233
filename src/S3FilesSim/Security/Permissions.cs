using S3FilesSim.FileSystem;
using S3FilesSim.Namespace;

namespace S3FilesSim.Security;

/// <summary>
/// POSIX permission checks on inodes, as the S3 Files server applies them after IAM authorization
/// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-posix-permissions.html).
/// </summary>
internal static class Permissions
{
    private const UnixFileMode AnyExecute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    /// <summary>Returns whether <paramref name="user"/> has every permission in <paramref name="wanted"/> on <paramref name="inode"/>.</summary>
    /// <remarks>The owner class applies to the owner, else the group class to members of the file's group (primary or
    /// supplementary), else the other class. Root passes read and write checks and searches any directory, but may
    /// execute a file only when some execute bit is set.</remarks>
    public static bool Allows(Inode inode, PosixUser user, AccessMode wanted)
    {
        if (user.IsRoot)
        {
            return (wanted & AccessMode.Execute) == 0 || inode.IsDirectory || (inode.Mode & AnyExecute) != 0;
        }

        var bits = (int)inode.Mode;
        int granted;
        if (inode.Uid == user.Uid)
        {
            granted = (bits >> 6) & 7;
        }
        else if (user.IsInGroup(inode.Gid))
        {
            granted = (bits >> 3) & 7;
        }
        else
        {
            granted = bits & 7;
        }

        return ((int)wanted & ~granted) == 0;
    }

    /// <summary>Returns whether <paramref name="user"/> owns <paramref name="inode"/> or is root.</summary>
    public static bool IsOwnerOrRoot(Inode inode, PosixUser user) => user.IsRoot || inode.Uid == user.Uid;

    /// <summary>Returns whether the sticky bit of <paramref name="directory"/> forbids <paramref name="user"/> to remove or rename <paramref name="victim"/>.</summary>
    public static bool StickyForbids(Inode directory, Inode victim, PosixUser user) =>
        (directory.Mode & UnixFileMode.StickyBit) != 0 && !user.IsRoot && directory.Uid != user.Uid && victim.Uid != user.Uid;
}
