using System.Globalization;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using S3FilesSim.Aws;
using S3FilesSim.Aws.Tests.Fixtures;
using Xunit;

namespace S3FilesSim.Cli.Tests.Fixtures;

/// <summary>A <c>moto_server</c> on a free loopback port (the same fixture as the S3FilesSim.Aws tests; it fails, never
/// skips, when moto is missing), with the SDK's default credential chain pointed at moto's test credentials.</summary>
public sealed class MotoBucketFixture : IAsyncLifetime
{
    private MotoServer? _moto;
    private AmazonS3Client? _client;
    private int _counter;

    /// <summary>Gets the endpoint URL the CLI is given.</summary>
    public string Endpoint => (_moto ?? throw new InvalidOperationException("The fixture is not initialised.")).ServiceUrl.ToString();

    /// <summary>Gets a plain S3 client for the endpoint, to check what the CLI left in a bucket.</summary>
    public AmazonS3Client Client => _client ?? throw new InvalidOperationException("The fixture is not initialised.");

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        _moto = await MotoServer.StartAsync();
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", "testing");
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", "testing");
        _client = AmazonS3ClientFactory.Create(new AmazonS3ObjectStoreOptions
        {
            BucketName = "unset",
            ServiceUrl = _moto.ServiceUrl,
            Credentials = new BasicAWSCredentials("testing", "testing"),
        });
    }

    /// <summary>Creates a bucket with a new name, versioned unless asked otherwise.</summary>
    public async Task<string> CreateBucketAsync(bool versioned = true)
    {
        var name = string.Create(CultureInfo.InvariantCulture, $"s3files-sim-cli-{Interlocked.Increment(ref _counter)}-{Guid.NewGuid().ToString("N")[..8]}");
        await Client.PutBucketAsync(new PutBucketRequest { BucketName = name });
        if (versioned)
        {
            await Client.PutBucketVersioningAsync(new PutBucketVersioningRequest
            {
                BucketName = name,
                VersioningConfig = new S3BucketVersioningConfig { Status = VersionStatus.Enabled },
            });
        }

        return name;
    }

    /// <summary>Lists every current key of <paramref name="bucket"/>.</summary>
    public async Task<List<string>> ListKeysAsync(string bucket)
    {
        var response = await Client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket });
        return [.. (response.S3Objects ?? []).Select(item => item.Key)];
    }

    /// <inheritdoc />
    public Task DisposeAsync()
    {
        _client?.Dispose();
        _moto?.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>The CLI tests that share one moto_server.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MotoBucketCollection : ICollectionFixture<MotoBucketFixture>
{
    /// <summary>The collection name.</summary>
    public const string Name = "moto";
}
