namespace S3FilesSim.Export;

/// <summary>How a file system writes its changes back to its bucket (the export), validated once when the file system is created.</summary>
/// <remarks>Defaults follow https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-synchronization.html (60 s of
/// write inactivity) and https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-performance.html (export rate
/// 800 files/s and 2,700 MB/s per file system).</remarks>
public sealed record ExportOptions
{
    /// <summary>Gets how long an entry must see no change before it is exported; every change restarts the wait.</summary>
    /// <value>The default value is 60 seconds.</value>
    public TimeSpan CommitDelay { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Gets the longest an entry changed continuously waits from its first change before it is exported anyway; <see langword="null"/> for no limit (as documented).</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public TimeSpan? MaxExportDelay { get; init; }

    /// <summary>Gets the most entries exported per second of virtual time; <see langword="null"/> for no ceiling.</summary>
    /// <value>The default value is 800 files per second.</value>
    public int? MaxFilesPerSecond { get; init; } = 800;

    /// <summary>Gets the most bytes exported per second of virtual time; <see langword="null"/> for no ceiling.</summary>
    /// <value>The default value is 2,700,000,000 bytes per second (2,700 MB/s).</value>
    public long? MaxBytesPerSecond { get; init; } = 2_700_000_000;

    /// <summary>Gets the first wait before retrying an export that failed with a retryable store error; each further attempt doubles it.</summary>
    /// <value>The default value is 1 second.</value>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets the longest wait between two retries of one export.</summary>
    /// <value>The default value is 5 minutes.</value>
    public TimeSpan RetryMaxDelay { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Gets the file size from which a file is exported with a multipart upload, copying unchanged ranges that are not on the high-performance storage from the base version with UploadPartCopy.</summary>
    /// <value>The default value is 16 MiB (16,777,216 bytes).</value>
    public long MultipartThresholdBytes { get; init; } = 16L << 20;

    /// <summary>Gets the part size of multipart exports; at least the S3 minimum of 5 MiB.</summary>
    /// <value>The default value is 8 MiB (8,388,608 bytes).</value>
    public long MultipartPartSizeBytes { get; init; } = 8L << 20;

    internal void Validate()
    {
        if (MultipartPartSizeBytes < 5L << 20 || MultipartThresholdBytes < MultipartPartSizeBytes)
        {
            throw new ArgumentException($"{nameof(MultipartPartSizeBytes)} must be at least 5 MiB and not above {nameof(MultipartThresholdBytes)}.", nameof(MultipartPartSizeBytes));
        }

        if (CommitDelay < TimeSpan.Zero)
        {
            throw new ArgumentException($"{nameof(CommitDelay)} must not be negative; it was {CommitDelay}.", nameof(CommitDelay));
        }

        if (MaxExportDelay is { } max && max < TimeSpan.Zero)
        {
            throw new ArgumentException($"{nameof(MaxExportDelay)} must not be negative; it was {max}.", nameof(MaxExportDelay));
        }

        if (MaxFilesPerSecond is < 1 || MaxBytesPerSecond is < 1)
        {
            throw new ArgumentException($"{nameof(MaxFilesPerSecond)} and {nameof(MaxBytesPerSecond)} must be positive or null.", nameof(MaxFilesPerSecond));
        }

        if (RetryBaseDelay <= TimeSpan.Zero || RetryMaxDelay < RetryBaseDelay)
        {
            throw new ArgumentException($"{nameof(RetryBaseDelay)} must be positive and not above {nameof(RetryMaxDelay)}.", nameof(RetryBaseDelay));
        }
    }
}
