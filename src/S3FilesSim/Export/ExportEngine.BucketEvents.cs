using S3FilesSim.Conflicts;
using S3FilesSim.Namespace;

namespace S3FilesSim.Export;

/// <content>Conflicts found by the importer when a bucket event reaches an entry with changes not yet exported.</content>
internal sealed partial class ExportEngine
{
    /// <summary>
    /// The bucket changed <paramref name="key"/> under a dirty <paramref name="inode"/>: the bucket wins, the file-system
    /// copy goes to lost+found and <paramref name="latest"/> (or nothing, for a delete) takes the path, exactly as when
    /// the conflict is found at export time (https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-synchronization.html).
    /// </summary>
    public void BucketChangedLocked(Inode inode, string key, BucketVersion? latest) => BucketWinsLocked(GetOrAdd(inode), key, latest);

    /// <summary>Returns whether <paramref name="key"/> is the base of an entry renamed or removed on the file system and not yet exported; export-time checks own such keys.</summary>
    public bool HasPendingMoveLocked(string key) => _baseKeyOwners.ContainsKey(key);
}
