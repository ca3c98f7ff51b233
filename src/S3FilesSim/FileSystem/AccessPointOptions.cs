using System.Globalization;
using System.Text.RegularExpressions;

namespace S3FilesSim.FileSystem;

/// <summary>Options of an access point (<see cref="S3FilesFileSystem.CreateAccessPoint"/>): an enforced POSIX user and/or a root directory
/// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-access-points-creating.html).</summary>
public sealed partial record AccessPointOptions
{
    /// <summary>Gets the identity enforced for every request through the access point, replacing the client's own uid, gid and secondary gids.</summary>
    /// <value>The default value is <see langword="null"/>: the client's identity is used.</value>
    public PosixUser? PosixUser { get; init; }

    /// <summary>Gets the directory exposed as the mount root: <c>/</c> or up to 4 levels such as <c>/teams/a</c>, 1 to 100 characters, no component starting
    /// with <c>.</c>, none of <c>$ # &lt; &gt; ; | &amp; ? { } ^ *</c> or a backtick.</summary>
    /// <value>The default value is <c>/</c>.</value>
    public string RootDirectory { get; init; } = "/";

    /// <summary>Gets the owner and mode used to create <see cref="RootDirectory"/> on the first mount when it does not exist.</summary>
    /// <value>The default value is <see langword="null"/>: a missing root directory makes mounts fail.</value>
    public CreationPermissions? CreationPermissions { get; init; }

    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(RootDirectory, nameof(RootDirectory));
        if (RootDirectory.Length is < 1 or > 100 || !RootDirectoryPattern().IsMatch(RootDirectory))
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"{nameof(RootDirectory)} must be '/' or 1 to 4 absolute components (1 to 100 characters, no component starting with '.', none of $#<>;|&?{{}}^* or backtick); it was '{RootDirectory}'."),
                nameof(RootDirectory));
        }

        if (CreationPermissions is { } creation && (creation.Permissions & ~(UnixFileMode)0xFFF) != 0)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"{nameof(CreationPermissions)}.{nameof(FileSystem.CreationPermissions.Permissions)} must be at most 4 octal digits (07777); it was {Convert.ToString((int)creation.Permissions, 8)}."),
                nameof(CreationPermissions));
        }
    }

    [GeneratedRegex(@"^(\/|(\/(?!\.)+[^$#<>;;`|&?{}^*/\n]+){1,4})$")]
    private static partial Regex RootDirectoryPattern();
}

/// <summary>The owner and mode S3 Files gives an access point's root directory when it creates it on first mount
/// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-access-points-creating.html).</summary>
public sealed record CreationPermissions
{
    /// <summary>Gets the uid of the created root directory.</summary>
    public required uint OwnerUid { get; init; }

    /// <summary>Gets the gid of the created root directory.</summary>
    public required uint OwnerGid { get; init; }

    /// <summary>Gets the permission bits of the created root directory (set-user-id, set-group-id and sticky allowed).</summary>
    public required UnixFileMode Permissions { get; init; }

    /// <summary>Creates creation permissions from the API's octal string form, e.g. <c>"755"</c> or <c>"0750"</c>.</summary>
    /// <param name="ownerUid">The owner uid.</param>
    /// <param name="ownerGid">The owner gid.</param>
    /// <param name="permissions">3 or 4 octal digits (pattern <c>^[0-7]{3,4}$</c>).</param>
    /// <returns>The creation permissions.</returns>
    /// <exception cref="ArgumentException"><paramref name="permissions"/> is not 3 or 4 octal digits.</exception>
    public static CreationPermissions FromOctal(uint ownerUid, uint ownerGid, string permissions)
    {
        ArgumentNullException.ThrowIfNull(permissions);
        if (permissions.Length is < 3 or > 4 || permissions.Any(c => c is < '0' or > '7'))
        {
            throw new ArgumentException($"Permissions must be 3 or 4 octal digits; it was '{permissions}'.", nameof(permissions));
        }

        return new CreationPermissions { OwnerUid = ownerUid, OwnerGid = ownerGid, Permissions = (UnixFileMode)Convert.ToInt32(permissions, 8) };
    }
}
