namespace S3FilesSim.FileSystem;

/// <summary>An access point of an S3 Files file system: an application-specific entry point with an enforced POSIX user and/or root directory; immutable once created
/// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-access-points-creating.html).</summary>
public sealed class AccessPoint
{
    internal AccessPoint(string accessPointId, string fileSystemId, AccessPointOptions options)
    {
        AccessPointId = accessPointId;
        FileSystemId = fileSystemId;
        Options = options;
    }

    /// <summary>Gets the access point id, <c>fsap-</c> followed by 17 lowercase hex digits.</summary>
    public string AccessPointId { get; }

    /// <summary>Gets the id of the file system the access point belongs to.</summary>
    public string FileSystemId { get; }

    /// <summary>Gets the options the access point was created with.</summary>
    public AccessPointOptions Options { get; }
}
