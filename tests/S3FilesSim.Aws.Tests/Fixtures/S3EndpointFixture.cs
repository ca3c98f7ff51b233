using System.Globalization;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Xunit;

namespace S3FilesSim.Aws.Tests.Fixtures;

/// <summary>
/// The S3 endpoint the tests run against: a <c>moto_server</c> started on loopback by default, or the endpoint named by
/// environment variables. Creates a fresh bucket per test and, on an external endpoint, deletes it afterwards.
/// </summary>
/// <remarks>
/// Environment variables:
/// <list type="bullet">
/// <item><c>S3FILESSIM_S3_ENDPOINT</c>: an S3-compatible endpoint URL, or <c>aws</c> for Amazon S3; unset: start moto.</item>
/// <item><c>S3FILESSIM_S3_REGION</c>: the Region (default <c>AWS_REGION</c>, else <c>us-east-1</c>).</item>
/// <item><c>S3FILESSIM_S3_BUCKET_PREFIX</c>: the prefix of the buckets the tests create (default <c>s3filessim-test</c>).</item>
/// <item><c>S3FILESSIM_MOTO_SERVER</c>: the moto_server executable (default: found on PATH).</item>
/// <item>Credentials for an external endpoint come from the SDK's default chain (<c>AWS_ACCESS_KEY_ID</c>,
/// <c>AWS_SECRET_ACCESS_KEY</c>, <c>AWS_SESSION_TOKEN</c>, <c>AWS_PROFILE</c>, ...).</item>
/// </list>
/// </remarks>
public class S3EndpointFixture : IAsyncLifetime
{
    private readonly List<string> _buckets = [];
    private readonly string _bucketPrefix = Environment.GetEnvironmentVariable("S3FILESSIM_S3_BUCKET_PREFIX") is { Length: > 0 } prefix ? prefix : "s3filessim-test";
    private MotoServer? _moto;
    private RgwServer? _rgw;
    private AmazonS3Client? _client;
    private Task<DetectedFeatures>? _features;
    private int _counter;

    /// <summary>Gets a value indicating whether the tests run against the moto_server the fixture started.</summary>
    public bool IsMoto => _moto is not null;

    /// <summary>Gets a value indicating whether the tests run against the Ceph RGW the fixture started.</summary>
    public bool IsRgw => _rgw is not null;

    /// <summary>Gets a short name of the endpoint for messages: <c>moto</c>, <c>rgw</c> or the endpoint URL.</summary>
    public string Name => IsMoto ? "moto" : IsRgw ? "rgw" : BaseOptions.ServiceUrl?.ToString() ?? "aws";

    /// <summary>Gets a client for the endpoint (owned by the fixture).</summary>
    public AmazonS3Client Client => _client ?? throw new InvalidOperationException("The fixture is not initialised.");

    /// <summary>Gets the store options for the endpoint, without a bucket.</summary>
    public AmazonS3ObjectStoreOptions BaseOptions { get; private set; } = new() { BucketName = "unset" };

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        var endpoint = Environment.GetEnvironmentVariable("S3FILESSIM_S3_ENDPOINT");
        var region = Environment.GetEnvironmentVariable("S3FILESSIM_S3_REGION") is { Length: > 0 } r ? r
            : Environment.GetEnvironmentVariable("AWS_REGION") is { Length: > 0 } awsRegion ? awsRegion : "us-east-1";
        if (StartsRgw)
        {
            _rgw = await RgwServer.StartAsync();
            BaseOptions = new AmazonS3ObjectStoreOptions
            {
                BucketName = "unset",
                ServiceUrl = _rgw.ServiceUrl,
                Region = region,
                Credentials = new BasicAWSCredentials(_rgw.AccessKey, _rgw.SecretKey),
            };
        }
        else if (string.IsNullOrEmpty(endpoint))
        {
            _moto = await MotoServer.StartAsync();
            BaseOptions = new AmazonS3ObjectStoreOptions
            {
                BucketName = "unset",
                ServiceUrl = _moto.ServiceUrl,
                Region = region,
                Credentials = new BasicAWSCredentials("testing", "testing"),
            };
        }
        else
        {
            BaseOptions = new AmazonS3ObjectStoreOptions
            {
                BucketName = "unset",
                ServiceUrl = string.Equals(endpoint, "aws", StringComparison.OrdinalIgnoreCase) ? null : new Uri(endpoint),
                Region = region,
            };
        }

        _client = AmazonS3ClientFactory.Create(BaseOptions);
    }

    /// <summary>Gets a value indicating whether this fixture starts its own Ceph RGW (whatever the environment says).</summary>
    protected virtual bool StartsRgw => false;

    /// <summary>Returns the store options for <paramref name="bucketName"/>.</summary>
    /// <param name="bucketName">The bucket.</param>
    /// <returns>The options.</returns>
    public AmazonS3ObjectStoreOptions OptionsFor(string bucketName) => BaseOptions with { BucketName = bucketName };

    /// <summary>Creates a bucket with a new name, versioned unless asked otherwise.</summary>
    /// <param name="versioned">Whether to enable versioning.</param>
    /// <returns>The bucket name.</returns>
    public async Task<string> CreateBucketAsync(bool versioned = true)
    {
        var name = string.Create(CultureInfo.InvariantCulture, $"{_bucketPrefix}-{Environment.ProcessId:x}-{Interlocked.Increment(ref _counter)}-{Guid.NewGuid().ToString("N")[..8]}");
        await Client.PutBucketAsync(new PutBucketRequest { BucketName = name });
        lock (_buckets)
        {
            _buckets.Add(name);
        }

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

    /// <summary>Creates a versioned bucket and a store over it, with the endpoint's capabilities detected once per fixture.</summary>
    /// <returns>The store; it shares the fixture's client.</returns>
    public async Task<AmazonS3ObjectStore> CreateStoreAsync()
    {
        var bucket = await CreateBucketAsync();
        _features ??= DetectOnceAsync();
        return new AmazonS3ObjectStore(Client, bucket, await _features, ownsClient: false);
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_moto is null && _rgw is null && _client is not null)
        {
            foreach (var bucket in _buckets)
            {
                await DeleteBucketAsync(bucket);
            }
        }

        _client?.Dispose();
        _moto?.Dispose();
        _rgw?.Dispose();
    }

    private async Task<DetectedFeatures> DetectOnceAsync()
    {
        var bucket = await CreateBucketAsync();
        return await new CapabilityProbe(Client, OptionsFor(bucket)).DetectAsync(CancellationToken.None);
    }

    private async Task DeleteBucketAsync(string bucket)
    {
        var uploads = await Client.ListMultipartUploadsAsync(bucket);
        foreach (var upload in uploads.MultipartUploads ?? [])
        {
            await Client.AbortMultipartUploadAsync(bucket, upload.Key, upload.UploadId);
        }

        ListVersionsResponse page;
        do
        {
            page = await Client.ListVersionsAsync(new ListVersionsRequest { BucketName = bucket });
            var objects = (page.Versions ?? []).Select(v => new KeyVersion { Key = v.Key, VersionId = v.VersionId }).ToList();
            if (objects.Count > 0)
            {
                await Client.DeleteObjectsAsync(new Amazon.S3.Model.DeleteObjectsRequest { BucketName = bucket, Objects = objects });
            }
        }
        while (page.IsTruncated == true);

        await Client.DeleteBucketAsync(bucket);
    }
}

/// <summary>The endpoint of the tests that run against Ceph RGW: a single-node RGW on loopback, started by the fixture (scripts/rgw-up.sh).</summary>
public sealed class RgwEndpointFixture : S3EndpointFixture
{
    /// <inheritdoc />
    protected override bool StartsRgw => true;
}

/// <summary>The tests that share one Ceph RGW; they run one class at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RgwEndpointCollection : ICollectionFixture<RgwEndpointFixture>
{
    /// <summary>The collection name.</summary>
    public const string Name = "Ceph RGW endpoint";
}

/// <summary>The tests that share one S3 endpoint (one moto_server); they run one class at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class S3EndpointCollection : ICollectionFixture<S3EndpointFixture>
{
    /// <summary>The collection name.</summary>
    public const string Name = "S3 endpoint";
}
