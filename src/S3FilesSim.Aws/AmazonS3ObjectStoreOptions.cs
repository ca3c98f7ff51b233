using Amazon.Runtime;
using S3FilesSim.ObjectStorage;

namespace S3FilesSim.Aws;

/// <summary>How <see cref="AmazonS3ObjectStore"/> reaches its bucket and which capabilities it detects or assumes.</summary>
/// <remarks>A capability left <see langword="null"/> is detected when the store is created, by reading the bucket's
/// versioning state and by probing the server with a few requests on a key under <see cref="ProbeKeyPrefix"/>, whose
/// versions are deleted afterwards. See https://docs.aws.amazon.com/AmazonS3/latest/userguide/conditional-requests.html.</remarks>
public sealed record AmazonS3ObjectStoreOptions
{
    /// <summary>Gets the bucket name; the bucket must exist.</summary>
    public required string BucketName { get; init; }

    /// <summary>Gets the endpoint of an S3-compatible server, e.g. <c>http://127.0.0.1:5000</c>.</summary>
    /// <value>The default value is <see langword="null"/>: Amazon S3 in <see cref="Region"/>.</value>
    public Uri? ServiceUrl { get; init; }

    /// <summary>Gets the Region the bucket is in (also used to sign requests to other endpoints).</summary>
    /// <value>The default value is <c>us-east-1</c>.</value>
    public string Region { get; init; } = "us-east-1";

    /// <summary>Gets a value indicating whether requests address the bucket in the path (<c>http://host/bucket/key</c>) rather than the host name.</summary>
    /// <value>The default value is <see langword="null"/>: path style for a <see cref="ServiceUrl"/>, virtual-hosted style for Amazon S3.</value>
    public bool? ForcePathStyle { get; init; }

    /// <summary>Gets the credentials to sign requests with.</summary>
    /// <value>The default value is <see langword="null"/>: the SDK's default credential chain (environment, profile, instance role).</value>
    public AWSCredentials? Credentials { get; init; }

    /// <summary>Gets a value indicating whether request checksums are computed and response checksums validated only when an operation requires them (<c>WHEN_REQUIRED</c>), which many S3-compatible servers need.</summary>
    /// <value>The default value is <see langword="null"/>: on for a <see cref="ServiceUrl"/>, off (the SDK's <c>WHEN_SUPPORTED</c>) for Amazon S3.</value>
    public bool? ChecksumsWhenRequired { get; init; }

    /// <summary>Gets the timeout of one HTTP request; a timed-out request throws a retryable <see cref="ObjectStoreException"/>.</summary>
    /// <value>The default value is 100 seconds.</value>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(100);

    /// <summary>Gets the number of retries the SDK makes itself before an error reaches the store's caller.</summary>
    /// <value>The default value is 0: retries are the caller's decision (the export engine retries with backoff on virtual time).</value>
    public int MaxErrorRetry { get; init; }

    /// <summary>Gets a value indicating whether creating the store fails when the bucket's versioning is not enabled; S3 Files requires a versioned bucket.</summary>
    /// <value>The default value is <see langword="true"/>; set <see langword="false"/> to run over an unversioned bucket (versions then all have the id <c>null</c>).</value>
    /// <remarks>See https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-prereq-policies.html.</remarks>
    public bool RequireVersioning { get; init; } = true;

    /// <summary>Gets whether the server honours <c>If-None-Match: *</c> and <c>If-Match</c> on writes; when it does not, the store checks preconditions with a HEAD before the write (not atomic).</summary>
    /// <value>The default value is <see langword="null"/>: detected by probing.</value>
    public bool? ConditionalWrites { get; init; }

    /// <summary>Gets whether the server supports UploadPartCopy (server-side copy of a range into a part).</summary>
    /// <value>The default value is <see langword="null"/>: detected by probing.</value>
    public bool? UploadPartCopy { get; init; }

    /// <summary>Gets whether the server models archive storage classes and RestoreObject.</summary>
    /// <value>The default value is <see langword="null"/>: <see langword="true"/> for Amazon S3, <see langword="false"/> for a <see cref="ServiceUrl"/>.</value>
    public bool? ArchiveRestore { get; init; }

    /// <summary>Gets the key prefix of the objects written while probing capabilities (each probe uses a new key and deletes its versions).</summary>
    /// <value>The default value is <c>.s3filessim-probe/</c>.</value>
    public string ProbeKeyPrefix { get; init; } = ".s3filessim-probe/";

    /// <summary>Gets a value indicating whether the options target Amazon S3 itself rather than an S3-compatible endpoint.</summary>
    internal bool TargetsAmazonS3 => ServiceUrl is null;

    /// <summary>Checks the options.</summary>
    /// <exception cref="ArgumentException">An option is invalid; the message names it.</exception>
    internal void Validate()
    {
        if (BucketNames.Problem(BucketName) is { } problem)
        {
            throw new ArgumentException($"{nameof(BucketName)} '{BucketName}' is not a valid bucket name: it {problem}.", nameof(BucketName));
        }

        if (string.IsNullOrWhiteSpace(Region))
        {
            throw new ArgumentException($"{nameof(Region)} must not be empty.", nameof(Region));
        }

        if (RequestTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException($"{nameof(RequestTimeout)} must be positive; it was {RequestTimeout}.", nameof(RequestTimeout));
        }

        if (MaxErrorRetry < 0)
        {
            throw new ArgumentException($"{nameof(MaxErrorRetry)} must not be negative; it was {MaxErrorRetry}.", nameof(MaxErrorRetry));
        }

        if (string.IsNullOrEmpty(ProbeKeyPrefix))
        {
            throw new ArgumentException($"{nameof(ProbeKeyPrefix)} must not be empty.", nameof(ProbeKeyPrefix));
        }
    }
}
