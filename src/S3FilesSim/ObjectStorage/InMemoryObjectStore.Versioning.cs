namespace S3FilesSim.ObjectStorage;

/// <summary>The versioning state of a bucket, as GetBucketVersioning reports it.</summary>
/// <remarks>See https://docs.aws.amazon.com/AmazonS3/latest/userguide/Versioning.html.</remarks>
public enum BucketVersioningStatus
{
    /// <summary>Versioning was never enabled: every write replaces the <c>null</c> version (GetBucketVersioning has no <c>Status</c>).</summary>
    Unversioned,

    /// <summary>Every write creates a new version with a unique id.</summary>
    Enabled,

    /// <summary>Versioning was enabled, then suspended: existing versions stay, new writes replace the <c>null</c> version.</summary>
    Suspended,
}

/// <summary>Bucket versioning: the status, and changing it (PutBucketVersioning).</summary>
public sealed partial class InMemoryObjectStore
{
    private volatile BucketVersioningStatus _versioningStatus;
    private volatile ObjectStoreCapabilities _capabilities;

    /// <summary>Gets the bucket's versioning status: <see cref="BucketVersioningStatus.Enabled"/> when created with
    /// <see cref="InMemoryObjectStoreOptions.Versioning"/>, else <see cref="BucketVersioningStatus.Unversioned"/>, until
    /// <see cref="PutBucketVersioning"/> changes it.</summary>
    public BucketVersioningStatus VersioningStatus => _versioningStatus;

    /// <summary>Gets the number of bucket event deliveries scheduled and not yet run (0 when every subscriber has seen every change).</summary>
    public long PendingEventDeliveries => _events.PendingDeliveries;

    /// <summary>Enables or suspends versioning (https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketVersioning.html).</summary>
    /// <param name="status"><see cref="BucketVersioningStatus.Enabled"/> or <see cref="BucketVersioningStatus.Suspended"/>; a bucket never returns to unversioned.</param>
    /// <exception cref="ObjectStoreException"><c>MalformedXML</c>: <paramref name="status"/> is <see cref="BucketVersioningStatus.Unversioned"/> or undefined; <c>NoSuchBucket</c>.</exception>
    /// <remarks>Versions already stored keep their ids. While suspended, a write or delete marker replaces the key's
    /// <c>null</c> version. File systems created over the bucket check versioning only when they are created
    /// (<see cref="FileSystem.FileSystemOptions.RequireBucketVersioning"/>).</remarks>
    public void PutBucketVersioning(BucketVersioningStatus status)
    {
        if (status is not (BucketVersioningStatus.Enabled or BucketVersioningStatus.Suspended))
        {
            throw ObjectStoreException.Create(S3ErrorCode.MalformedXml, $"The versioning status must be Enabled or Suspended; it was {status}.");
        }

        lock (_gate)
        {
            ThrowIfDeleted();
            _versioningStatus = status;
            _capabilities = _capabilities with { Versioning = status == BucketVersioningStatus.Enabled };
        }
    }
}
