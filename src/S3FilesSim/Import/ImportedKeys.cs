using System.Text;
using S3FilesSim.Export;
using S3FilesSim.FileSystem;
using S3FilesSim.Namespace;
using S3FilesSim.Security;

namespace S3FilesSim.Import;

/// <summary>Maps bucket keys to POSIX names and object metadata to POSIX attributes, as S3 Files does on import.</summary>
/// <remarks>https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-troubleshooting.html and https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-posix-permissions.html</remarks>
internal static class ImportedKeys
{
    /// <summary>0644, the mode of a file whose object has no POSIX metadata.</summary>
    public const UnixFileMode DefaultFileMode = PosixObjectMetadata.DefaultFileMode;

    /// <summary>Returns whether <paramref name="name"/> is a valid path component: not empty, not <c>.</c> or <c>..</c>, no NUL, at most 255 UTF-8 bytes.</summary>
    public static bool IsValidName(string name) =>
        name.Length > 0 && name != "." && name != ".." && !name.Contains('\0', StringComparison.Ordinal)
        && Encoding.UTF8.GetByteCount(name) <= PathResolver.MaxNameBytes;

    /// <summary>Gets the type and mode an object's metadata gives, with the documented defaults (files 0644, directories 0755) when it has none.</summary>
    public static (FileType Type, UnixFileMode Mode) TypeAndMode(IReadOnlyDictionary<string, string> metadata, bool directory)
    {
        if (!metadata.ContainsKey(PosixObjectMetadata.Permissions))
        {
            return directory ? (FileType.Directory, FileSystemNamespace.DefaultDirectoryMode) : (FileType.RegularFile, DefaultFileMode);
        }

        var (type, mode) = PosixObjectMetadata.ParsePermissions(metadata);
        return (directory ? FileType.Directory : type, mode);
    }

    /// <summary>Sets owner, mode, times and the base version of <paramref name="inode"/> from an object's metadata.</summary>
    public static void ApplyAttributes(Inode inode, ObjectStorage.ObjectMetadata head)
    {
        var metadata = head.Metadata;
        inode.Mode = TypeAndMode(metadata, inode.IsDirectory).Mode;
        inode.Uid = PosixObjectMetadata.ParseId(metadata, PosixObjectMetadata.Owner);
        inode.Gid = PosixObjectMetadata.ParseId(metadata, PosixObjectMetadata.Group);
        var lastModifiedNs = Timespec.FromDateTimeOffset(head.LastModified).TotalNanoseconds;
        inode.ModificationTimeNs = PosixObjectMetadata.ParseTime(metadata, PosixObjectMetadata.ModificationTime, lastModifiedNs);
        inode.BirthTimeNs = PosixObjectMetadata.ParseTime(metadata, PosixObjectMetadata.BirthTime, lastModifiedNs);
        inode.ChangeTimeNs = inode.ModificationTimeNs;
        inode.AccessTimeNs = inode.ModificationTimeNs;
        inode.VersionId = head.VersionId;
        inode.ETag = head.ETag;
        inode.DirtySinceTicks = 0;
    }
}
