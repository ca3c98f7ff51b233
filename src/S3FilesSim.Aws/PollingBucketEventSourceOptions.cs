using S3FilesSim.Aws.Notifications;

namespace S3FilesSim.Aws;

/// <summary>How often and how much <see cref="PollingBucketEventSource"/> lists.</summary>
public sealed record PollingBucketEventSourceOptions
{
    /// <summary>Gets the (virtual) time between two rounds of listing requests.</summary>
    /// <value>The default value is 5 seconds.</value>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Gets the most ListObjectsV2 requests made in one round; the sweep over the listed directories goes on in the next round where it stopped.</summary>
    /// <value>The default value is 20 (4 requests a second at the default interval; about 350,000 LIST requests a day, US$1.73 a day at the S3 Standard price of US$0.005 per 1,000).</value>
    public int MaxRequestsPerInterval { get; init; } = 20;

    /// <summary>Gets the <c>MaxKeys</c> of each ListObjectsV2 request, 1 to 1,000.</summary>
    /// <value>The default value is 1,000, the S3 maximum.</value>
    public int PageSize { get; init; } = 1000;

    /// <summary>Gets the Region reported in the events.</summary>
    /// <value>The default value is <c>us-east-1</c>.</value>
    public string Region { get; init; } = "us-east-1";

    /// <summary>Gets the AWS account id reported as the owner and requester in the events.</summary>
    /// <value>The default value is <c>123456789012</c>, the placeholder account of the AWS documentation.</value>
    public string AccountId { get; init; } = "123456789012";

    /// <summary>Checks the options.</summary>
    /// <exception cref="ArgumentException">An option is invalid; the message names it.</exception>
    internal void Validate()
    {
        if (Interval <= TimeSpan.Zero)
        {
            throw new ArgumentException($"{nameof(Interval)} must be positive; it was {Interval}.", nameof(Interval));
        }

        if (MaxRequestsPerInterval < 1)
        {
            throw new ArgumentException($"{nameof(MaxRequestsPerInterval)} must be at least 1; it was {MaxRequestsPerInterval}.", nameof(MaxRequestsPerInterval));
        }

        if (PageSize is < 1 or > 1000)
        {
            throw new ArgumentException($"{nameof(PageSize)} must be 1 to 1,000; it was {PageSize}.", nameof(PageSize));
        }

        NotificationOptions.ValidateIdentity(Region, AccountId);
    }
}
