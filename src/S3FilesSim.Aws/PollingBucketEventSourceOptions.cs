using S3FilesSim.ObjectStorage;

namespace S3FilesSim.Aws;

/// <summary>How often and how <see cref="PollingBucketEventSource"/> lists the watched prefixes.</summary>
public sealed record PollingBucketEventSourceOptions
{
    /// <summary>Gets the virtual time between two polls; a change is reported at the first poll after it, so this bounds the event delay.</summary>
    /// <value>The default value is 5 seconds ("typically within seconds" for S3 Files' EventBridge delivery).</value>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Gets the Region reported in the events.</summary>
    /// <value>The default value is <c>us-east-1</c>.</value>
    public string Region { get; init; } = "us-east-1";

    /// <summary>Gets the AWS account id reported as the owner and requester in the events (the bucket owner's account for a real bucket).</summary>
    /// <value>The default value is <c>123456789012</c>, the placeholder account of the AWS documentation.</value>
    public string AccountId { get; init; } = "123456789012";

    /// <summary>Gets whether polls list versions (ListObjectVersions, which sees every version and delete marker) or only current objects (ListObjectsV2, for unversioned buckets).</summary>
    /// <value>The default value is <see langword="null"/>: versions when the store reports <see cref="ObjectStorage.ObjectStoreCapabilities.Versioning"/>.</value>
    public bool? ListVersions { get; init; }

    /// <summary>Gets how events are delivered once a poll has seen the change: an extra random delay and duplicates, as EventBridge may add.</summary>
    /// <value>The default value is no extra delay and no duplicates: events are delivered right after the poll that saw the change.</value>
    public BucketEventDeliveryOptions Delivery { get; init; } = new() { MinDelay = TimeSpan.Zero, MaxDelay = TimeSpan.Zero };

    /// <summary>Checks the options.</summary>
    /// <exception cref="ArgumentException">An option is invalid; the message names it.</exception>
    internal void Validate()
    {
        if (Interval <= TimeSpan.Zero)
        {
            throw new ArgumentException($"{nameof(Interval)} must be positive; it was {Interval}.", nameof(Interval));
        }

        if (string.IsNullOrWhiteSpace(Region))
        {
            throw new ArgumentException($"{nameof(Region)} must not be empty.", nameof(Region));
        }

        if (AccountId is null || AccountId.Length != 12 || !AccountId.All(char.IsAsciiDigit))
        {
            throw new ArgumentException($"{nameof(AccountId)} must be 12 digits; it was '{AccountId}'.", nameof(AccountId));
        }

        if (Delivery is null)
        {
            throw new ArgumentException($"{nameof(Delivery)} must not be null.", nameof(Delivery));
        }

        Delivery.Validate($"{nameof(Delivery)}.");
    }
}
