namespace S3FilesSim.Telemetry;

/// <summary>
/// The reasons a bucket object is not imported, as <see cref="SyncEvent.Reason"/> of a <see cref="SyncEventKind.Failure"/>
/// without an <see cref="SyncEvent.ErrorCode"/> (https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-troubleshooting.html).
/// </summary>
public static class ImportRejection
{
    /// <summary>The key maps to no POSIX path: an empty, <c>.</c> or <c>..</c> component (<c>a//b</c>), a NUL, or a component over 255 bytes.</summary>
    public const string UnmappableKey = "UnmappableKey";

    /// <summary>An object <c>a</c> sits next to a prefix <c>a/</c>: the directory is shown and the object is not.</summary>
    public const string NameClash = "NameClash";

    /// <summary>The object is marked as a symbolic link but its body is empty or holds a NUL.</summary>
    public const string InvalidSymbolicLinkTarget = "InvalidSymbolicLinkTarget";
}
