namespace S3FilesSim.Import;

/// <summary>
/// A synchronization configuration update carried a stale <see cref="SynchronizationConfiguration.LatestVersionNumber"/>
/// (the service's <c>ConflictException</c>, HTTP 409).
/// </summary>
/// <remarks>https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-synchronization-customizing.html</remarks>
public sealed class SynchronizationConfigurationConflictException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="expectedVersion">The version the caller sent.</param>
    /// <param name="storedVersion">The version stored.</param>
    public SynchronizationConfigurationConflictException(long expectedVersion, long storedVersion)
        : base($"The synchronization configuration is at version {storedVersion}, not {expectedVersion}; read it again and retry.")
    {
        ExpectedVersion = expectedVersion;
        StoredVersion = storedVersion;
    }

    /// <summary>Gets the version the caller sent.</summary>
    public long ExpectedVersion { get; }

    /// <summary>Gets the version stored.</summary>
    public long StoredVersion { get; }
}
