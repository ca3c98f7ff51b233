namespace S3FilesSim.FileSystem;

/// <summary>Options of one mount (<see cref="S3FilesFileSystem.Mount"/>): the client's identity, umask, mount options and the IAM grants checked at mount time.</summary>
/// <remarks>The grants mirror the <c>s3files:Client*</c> actions, all evaluated when mounting
/// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-access-point-policy-examples.html).</remarks>
public sealed record MountOptions
{
    /// <summary>Gets the identity the client's processes act as (overridden by an access point's enforced POSIX user).</summary>
    /// <value>The default value is root (0:0).</value>
    public PosixUser User { get; init; } = PosixUser.Root;

    /// <summary>Gets the umask applied to the mode of every file, directory and symbolic link created through the mount.</summary>
    /// <value>The default value is 0022.</value>
    public UnixFileMode Umask { get; init; } = UnixFileMode.GroupWrite | UnixFileMode.OtherWrite;

    /// <summary>Gets a value indicating whether the mount is read-only (the <c>ro</c> option); modifying calls fail with <see cref="Errno.EROFS"/>.</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool ReadOnly { get; init; }

    /// <summary>Gets the access point to mount through (<c>-o accesspoint=fsap-…</c>), or <see langword="null"/> for the file system root.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? AccessPointId { get; init; }

    /// <summary>Gets a value indicating whether the client holds <c>s3files:ClientMount</c>; without it the mount fails.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool ClientMount { get; init; } = true;

    /// <summary>Gets a value indicating whether the client holds <c>s3files:ClientWrite</c>; without it the mount is read-only (<see cref="Errno.EROFS"/>).</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool ClientWrite { get; init; } = true;

    /// <summary>Gets a value indicating whether the client holds <c>s3files:ClientRootAccess</c>; without it uid 0 and gid 0 are squashed to 65534 (the NFS anonymous user).</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool ClientRootAccess { get; init; } = true;

    /// <summary>Gets whether the mount reads large exported data straight from the bucket (mount option <c>nodirects3read</c> is <see cref="ReadPath.DirectS3ReadMode.Disabled"/>).</summary>
    /// <value>The default value is <see cref="ReadPath.DirectS3ReadMode.Auto"/>.</value>
    /// <remarks>https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-performance.html</remarks>
    public ReadPath.DirectS3ReadMode DirectS3Read { get; init; } = ReadPath.DirectS3ReadMode.Auto;

    /// <summary>Gets a value indicating whether the client's role has <c>s3:GetObject</c> and <c>s3:GetObjectVersion</c> on the bucket; without them all reads go through the file system.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool HasS3ReadPermission { get; init; } = true;
}
