namespace S3FilesSim.Export;

/// <summary>The export error codes S3 Files reports in the <c>ExportError</c> line of the <c>user.s3files.status</c> extended attribute
/// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-troubleshooting.html). An entry with one of them is not retried until it changes again.</summary>
public static class ExportErrorCode
{
    /// <summary>The file system's role cannot write to the bucket (the store answered <c>AccessDenied</c>).</summary>
    public const string S3AccessDenied = "S3AccessDenied";

    /// <summary>Any other non-retryable failure.</summary>
    public const string InternalError = "InternalError";

    /// <summary>The POSIX metadata is over the 2 KB S3 user-metadata limit.</summary>
    public const string S3UserMetadataTooLarge = "S3UserMetadataTooLarge";

    /// <summary>The bucket's KMS key cannot be used (a <c>KMS.*</c> store error).</summary>
    public const string EncryptionKeyInaccessible = "EncryptionKeyInaccessible";

    /// <summary>The file system could not assume its role (the store rejected the credentials: <c>InvalidToken</c>, <c>ExpiredToken</c>, <c>InvalidAccessKeyId</c>).</summary>
    public const string RoleAssumptionFailed = "RoleAssumptionFailed";

    /// <summary>A circular rename needs an intermediate key longer than 1,024 bytes.</summary>
    public const string KeyTooLongToBreakCycle = "KeyTooLongToBreakCycle";

    /// <summary>The object key (scope prefix plus path) is longer than 1,024 bytes.</summary>
    public const string PathTooLong = "PathTooLong";

    /// <summary>A parent directory failed to export with a non-retryable error.</summary>
    public const string DependencyExportFailed = "DependencyExportFailed";

    /// <summary>The base object is in an archive storage class and must be restored first.</summary>
    public const string S3ObjectArchived = "S3ObjectArchived";
}
