using S3FilesSim.FileSystem;

namespace S3FilesSim.Cli;

/// <summary>The parsed options of the <c>mount</c> command: the bucket and sync options <c>run</c> shares, plus the mount points, the time scale and the client's grants.</summary>
internal sealed record MountSettings
{
    /// <summary>Gets the options shared with <c>run</c> (source, bucket, commit delay, import rule, direct-read threshold, seed, JSON report).</summary>
    public required RunSettings Run { get; init; }

    /// <summary>Gets the directories to mount the file system on, each one NFS client.</summary>
    public required IReadOnlyList<string> MountPoints { get; init; }

    /// <summary>Gets the virtual seconds per wall second.</summary>
    public double TimeScale { get; init; } = 1;

    /// <summary>Gets the POSIX user an access point enforces for every request (<c>--user UID:GID</c>), or <see langword="null"/>.</summary>
    public PosixUser? User { get; init; }

    /// <summary>Gets the access point's root directory (<c>--access-point ROOT</c>), or <see langword="null"/>.</summary>
    public string? AccessPointRoot { get; init; }

    /// <summary>Gets whether the client is read-only (no <c>s3files:ClientWrite</c>).</summary>
    public bool ReadOnly { get; init; }
}
