using System.Net;
using S3FilesSim.Aws.Notifications;

namespace S3FilesSim.Aws;

/// <summary>Where <see cref="HttpPushBucketEventSource"/> listens and how much it holds.</summary>
public sealed record HttpPushBucketEventSourceOptions
{
    /// <summary>Gets the address to listen on.</summary>
    /// <value>The default value is <see cref="IPAddress.Loopback"/> (127.0.0.1): only a store on the same machine can push.</value>
    public IPAddress Address { get; init; } = IPAddress.Loopback;

    /// <summary>Gets the TCP port to listen on; 0 picks a free port.</summary>
    /// <value>The default value is 0.</value>
    public int Port { get; init; }

    /// <summary>Gets the URL path notifications are posted to (other paths answer 404).</summary>
    /// <value>The default value is <c>/s3files-sim/events/</c>.</value>
    public string Path { get; init; } = "/s3files-sim/events/";

    /// <summary>Gets the most notification messages held before they are delivered; a push beyond it is answered 503 (a persistent RGW topic retries it).</summary>
    /// <value>The default value is 100,000.</value>
    public int MaxPendingMessages { get; init; } = 100_000;

    /// <summary>Gets the largest request body accepted, in bytes; a larger one is answered 413.</summary>
    /// <value>The default value is 1,048,576 (1 MiB).</value>
    public int MaxBodyBytes { get; init; } = 1 << 20;

    /// <summary>Gets the Region reported in events whose notification names none (Ceph RGW sends an empty <c>awsRegion</c>).</summary>
    /// <value>The default value is <c>us-east-1</c>.</value>
    public string Region { get; init; } = "us-east-1";

    /// <summary>Gets the AWS account id reported as the owner and requester in the events.</summary>
    /// <value>The default value is <c>123456789012</c>, the placeholder account of the AWS documentation.</value>
    public string AccountId { get; init; } = "123456789012";

    /// <summary>Checks the options.</summary>
    /// <exception cref="ArgumentException">An option is invalid; the message names it.</exception>
    internal void Validate()
    {
        if (Address is null)
        {
            throw new ArgumentException($"{nameof(Address)} must not be null.", nameof(Address));
        }

        if (Port is < 0 or > 65535)
        {
            throw new ArgumentException($"{nameof(Port)} must be 0 to 65535; it was {Port}.", nameof(Port));
        }

        if (string.IsNullOrEmpty(Path) || Path[0] != '/' || Path[^1] != '/')
        {
            throw new ArgumentException($"{nameof(Path)} must start and end with '/'; it was '{Path}'.", nameof(Path));
        }

        if (MaxPendingMessages < 1)
        {
            throw new ArgumentException($"{nameof(MaxPendingMessages)} must be at least 1; it was {MaxPendingMessages}.", nameof(MaxPendingMessages));
        }

        if (MaxBodyBytes < 1024)
        {
            throw new ArgumentException($"{nameof(MaxBodyBytes)} must be at least 1024; it was {MaxBodyBytes}.", nameof(MaxBodyBytes));
        }

        NotificationOptions.ValidateIdentity(Region, AccountId);
    }
}
