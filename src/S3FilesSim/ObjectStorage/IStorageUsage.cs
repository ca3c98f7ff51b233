namespace S3FilesSim.ObjectStorage;

/// <summary>
/// Implemented by an <see cref="IObjectStore"/> that knows how many bytes it stores, so a file system's cost meter can
/// bill the S3 storage of all object versions (https://aws.amazon.com/s3/pricing/: "you pay for storing objects in your
/// S3 buckets", every version of a versioned bucket included).
/// </summary>
/// <remarks>
/// <para>The count is the bytes of every object version (current and noncurrent), plus the parts uploaded to multipart
/// uploads that are neither completed nor aborted (S3 bills them as storage until then:
/// https://docs.aws.amazon.com/AmazonS3/latest/userguide/mpuoverview.html#mpuploadpricing). Delete markers count 0 bytes.</para>
/// <para><see cref="InMemoryObjectStore"/> implements it; a store that does not (such as the AWS SDK adapter, whose bucket
/// S3 itself bills) leaves the file system's S3 storage cost line at 0. A file system over a
/// <see cref="FaultInjectingObjectStore"/> meters the usage of its inner store.</para>
/// </remarks>
public interface IStorageUsage
{
    /// <summary>Gets the bytes stored now, in bytes; read in constant time.</summary>
    long StoredBytes { get; }

    /// <summary>Raised after every change of <see cref="StoredBytes"/> with the new value, in the order of the changes,
    /// at the virtual time of the change; a handler may run while the store holds its lock, so it must be short and must
    /// not wait for other threads.</summary>
    event EventHandler<long>? StoredBytesChanged;
}
