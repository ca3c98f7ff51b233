namespace S3FilesSim.Import;

/// <summary>How a file system imports from its bucket: the documented rate ceilings and the expiration sweep.</summary>
/// <remarks>https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-performance.html</remarks>
public sealed record ImportOptions
{
    /// <summary>Gets a value indicating whether imports are held to <see cref="MaxObjectsPerSecond"/> and <see cref="MaxBytesPerSecond"/>.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool RateCeilings { get; init; } = true;

    /// <summary>Gets the most objects imported per second (data imports and bucket changes).</summary>
    /// <value>The default value is 2,400.</value>
    public int MaxObjectsPerSecond { get; init; } = 2_400;

    /// <summary>Gets the most bytes imported per second.</summary>
    /// <value>The default value is 700,000,000 (700 MB).</value>
    public long MaxBytesPerSecond { get; init; } = 700_000_000;

    /// <summary>Gets how often the expiration sweep looks for data to remove from the high-performance storage.</summary>
    /// <value>The default value is one hour.</value>
    public TimeSpan ExpirationSweepInterval { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Gets how often every accessed directory is listed again and compared with the bucket, so changes whose
    /// bucket events were lost still reach the file system; <see langword="null"/> to rely on events alone.</summary>
    /// <value>The default value is <see langword="null"/> (events alone, as documented; each revalidation costs a
    /// ListObjectsV2 per accessed directory and a HeadObject per changed key).</value>
    /// <remarks>See docs/SEMANTICS.md (Revalidation): EventBridge delivers at least once, but a lost event would leave an
    /// accessed directory stale for ever without it (https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-synchronization.html).</remarks>
    public TimeSpan? RevalidationInterval { get; init; }

    internal void Validate()
    {
        if (MaxObjectsPerSecond < 1 || MaxBytesPerSecond < 1)
        {
            throw new ArgumentException($"{nameof(MaxObjectsPerSecond)} and {nameof(MaxBytesPerSecond)} must be positive.", nameof(MaxObjectsPerSecond));
        }

        if (ExpirationSweepInterval <= TimeSpan.Zero)
        {
            throw new ArgumentException($"{nameof(ExpirationSweepInterval)} must be positive; it was {ExpirationSweepInterval}.", nameof(ExpirationSweepInterval));
        }

        if (RevalidationInterval <= TimeSpan.Zero)
        {
            throw new ArgumentException($"{nameof(RevalidationInterval)} must be positive; it was {RevalidationInterval}.", nameof(RevalidationInterval));
        }
    }
}
