namespace S3FilesSim.ReadPath;

/// <summary>Which tier served a read request.</summary>
/// <remarks>https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-performance.html</remarks>
public enum ReadTier
{
    /// <summary>The file system's high-performance storage (data not yet exported, or small reads of resident data).</summary>
    HotTier,

    /// <summary>Straight from the bucket by the client, pinned to the version the file system knows (large reads of exported data).</summary>
    BucketDirect,

    /// <summary>From the bucket through the file system, for data not resident; selected files are then imported in the background.</summary>
    BucketThenImport,
}

/// <summary>Whether a mount may read large exported data straight from the bucket (Lambda's <c>DirectS3Read</c>, the mount option <c>nodirects3read</c>).</summary>
/// <remarks>https://docs.aws.amazon.com/lambda/latest/api/API_S3FilesConfig.html and https://github.com/aws/efs-utils/blob/master/man/mount.s3files.8</remarks>
public enum DirectS3ReadMode
{
    /// <summary>Direct reads when the client has read access to the bucket (the simulator has no memory-size condition).</summary>
    Auto,

    /// <summary>Direct reads always (given read access to the bucket).</summary>
    Enabled,

    /// <summary>No direct reads: everything goes through the file system.</summary>
    Disabled,
}

/// <summary>How many read requests, and how many bytes, each tier served; a snapshot.</summary>
public sealed record ReadTierStatistics
{
    /// <summary>Gets the reads served by the high-performance storage.</summary>
    public long HotTierReads { get; init; }

    /// <summary>Gets the bytes served by the high-performance storage.</summary>
    public long HotTierBytes { get; init; }

    /// <summary>Gets the reads served straight from the bucket.</summary>
    public long BucketDirectReads { get; init; }

    /// <summary>Gets the bytes served straight from the bucket.</summary>
    public long BucketDirectBytes { get; init; }

    /// <summary>Gets the reads of non-resident data served from the bucket through the file system.</summary>
    public long BucketThenImportReads { get; init; }

    /// <summary>Gets the bytes of non-resident data served from the bucket through the file system.</summary>
    public long BucketThenImportBytes { get; init; }

    /// <summary>Gets the tier that served the most recent read, or <see langword="null"/> before the first.</summary>
    public ReadTier? LastTier { get; init; }
}
