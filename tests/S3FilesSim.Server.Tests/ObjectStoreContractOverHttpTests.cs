using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using S3FilesSim.Aws;
using S3FilesSim.ObjectStorage;
using S3FilesSim.Server.Tests.Fixtures;
using S3FilesSim.TestSupport.ObjectStorage;
using Xunit;

namespace S3FilesSim.Server.Tests;

/// <summary>The object-store contract run against <see cref="AmazonS3ObjectStore"/> pointed at the endpoint: every operation
/// the engine uses, over HTTP with S3's wire format, a new versioned bucket per test.</summary>
public abstract class ObjectStoreContractOverHttpTests(ServerFixture server, RequestChecksumCalculation checksums) : ObjectStoreContractTests, IAsyncLifetime
{
    private AmazonS3ObjectStore? _store;

    public async Task InitializeAsync()
    {
        var client = server.Served.CreateClient(checksums);
        var bucket = server.Served.NewBucketName();
        await client.PutBucketAsync(new PutBucketRequest { BucketName = bucket });
        _store = new AmazonS3ObjectStore(client, bucket, ObjectStoreCapabilities.All);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    protected override IObjectStore CreateStore() => _store ?? throw new InvalidOperationException("InitializeAsync creates the store.");

    protected override async ValueTask AdvanceTimeAsync(TimeSpan duration) => await server.Served.Control.AdvanceAsync(duration);
}

/// <summary>The contract with the SDK's default checksums (aws-chunked bodies with a CRC32 trailer).</summary>
public sealed class ObjectStoreContractWhenSupportedTests(ServerFixture server) : ObjectStoreContractOverHttpTests(server, RequestChecksumCalculation.WHEN_SUPPORTED), IClassFixture<ServerFixture>;

/// <summary>The contract with checksums only where required (plain bodies with Content-Length).</summary>
public sealed class ObjectStoreContractWhenRequiredTests(ServerFixture server) : ObjectStoreContractOverHttpTests(server, RequestChecksumCalculation.WHEN_REQUIRED), IClassFixture<ServerFixture>;
