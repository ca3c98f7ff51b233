using Amazon;
using Amazon.Runtime;
using Amazon.S3;

namespace S3FilesSim.Aws;

/// <summary>Builds the AWSSDK.S3 client described by <see cref="AmazonS3ObjectStoreOptions"/>.</summary>
public static class AmazonS3ClientFactory
{
    /// <summary>Returns the client configuration for <paramref name="options"/>: endpoint or Region, addressing style, timeout, SDK retries and checksum mode.</summary>
    /// <param name="options">The options.</param>
    /// <returns>The configuration.</returns>
    /// <exception cref="ArgumentException">An option is invalid; the message names it.</exception>
    public static AmazonS3Config CreateConfig(AmazonS3ObjectStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var config = new AmazonS3Config
        {
            ForcePathStyle = options.ForcePathStyle ?? !options.TargetsAmazonS3,
            Timeout = options.RequestTimeout,
            MaxErrorRetry = options.MaxErrorRetry,
        };
        if (options.ServiceUrl is { } serviceUrl)
        {
            config.ServiceURL = serviceUrl.ToString();
            config.AuthenticationRegion = options.Region;
        }
        else
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(options.Region);
        }

        if (options.ChecksumsWhenRequired ?? !options.TargetsAmazonS3)
        {
            config.RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED;
            config.ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED;
        }

        return config;
    }

    /// <summary>Creates a client for <paramref name="options"/>, signed with <see cref="AmazonS3ObjectStoreOptions.Credentials"/> or the SDK's default credential chain.</summary>
    /// <param name="options">The options.</param>
    /// <returns>A new client; the caller disposes it.</returns>
    /// <exception cref="ArgumentException">An option is invalid; the message names it.</exception>
    public static AmazonS3Client Create(AmazonS3ObjectStoreOptions options)
    {
        var config = CreateConfig(options);
        return options.Credentials is { } credentials ? new AmazonS3Client(credentials, config) : new AmazonS3Client(config);
    }
}
