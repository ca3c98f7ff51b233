using FluentAssertions;
using S3FilesSim.Aws.Tests.Fixtures;
using S3FilesSim.ObjectStorage;
using Xunit;

namespace S3FilesSim.Aws.Tests;

/// <summary>Capability detection: versioning from GetBucketVersioning (S3 Files requires it: https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-prereq-policies.html), conditional writes and UploadPartCopy by probing.</summary>
[Collection(S3EndpointCollection.Name)]
public sealed class CapabilityProbeTests(S3EndpointFixture endpoint)
{
    [Fact]
    public async Task CreateAsync_VersionedBucket_ReportsVersioningAndMultipart()
    {
        var bucket = await endpoint.CreateBucketAsync(versioned: true);

        using var store = await AmazonS3ObjectStore.CreateAsync(endpoint.OptionsFor(bucket));

        store.Capabilities.Versioning.Should().BeTrue();
        store.Capabilities.Multipart.Should().BeTrue();
        store.Capabilities.EventNotifications.Should().BeFalse();
    }

    [Fact]
    public async Task CreateAsync_UnversionedBucket_ThrowsNamingTheRequirementAndTheOptOut()
    {
        var bucket = await endpoint.CreateBucketAsync(versioned: false);

        var act = () => AmazonS3ObjectStore.CreateAsync(endpoint.OptionsFor(bucket));

        var thrown = await act.Should().ThrowAsync<InvalidOperationException>();
        thrown.Which.Message.Should().Contain(bucket).And.Contain("versioning").And.Contain(nameof(AmazonS3ObjectStoreOptions.RequireVersioning));
    }

    [Fact]
    public async Task CreateAsync_UnversionedBucketWithOptOut_ReportsNoVersioningAndWritesNullVersions()
    {
        var bucket = await endpoint.CreateBucketAsync(versioned: false);

        using var store = await AmazonS3ObjectStore.CreateAsync(endpoint.OptionsFor(bucket) with { RequireVersioning = false });
        var put = await store.PutObjectAsync("k", "x");

        store.Capabilities.Versioning.Should().BeFalse();
        put.VersionId.Should().Be(VersionId.Null);
    }

    [Fact]
    public async Task CreateAsync_Probing_LeavesNoObjectOrVersionBehind()
    {
        var bucket = await endpoint.CreateBucketAsync();

        using var store = await AmazonS3ObjectStore.CreateAsync(endpoint.OptionsFor(bucket));
        var versions = await store.ListObjectVersionsAsync(new ListObjectVersionsRequest());

        versions.Versions.Should().BeEmpty();
    }

    [Fact]
    public async Task CreateAsync_Probing_DetectsUploadPartCopyAndWhetherConditionalWritesAreAtomic()
    {
        var bucket = await endpoint.CreateBucketAsync();

        using var store = await AmazonS3ObjectStore.CreateAsync(endpoint.OptionsFor(bucket));

        store.Capabilities.UploadPartCopy.Should().BeTrue();
        if (endpoint.IsMoto)
        {
            store.Capabilities.ConditionalWrites.Should().BeFalse(
                "moto 5.2 honours If-None-Match/If-Match on PutObject but ignores them on CopyObject, so the adapter checks copies with a HEAD and reports no atomic conditional writes");
        }
        else if (endpoint.BaseOptions.ServiceUrl is null)
        {
            store.Capabilities.ConditionalWrites.Should().BeTrue("Amazon S3 honours conditional writes on PutObject, CopyObject and CompleteMultipartUpload");
        }

        store.Capabilities.ArchiveRestore.Should().Be(endpoint.BaseOptions.ServiceUrl is null);
    }

    [Fact]
    public async Task CreateAsync_CapabilitiesStated_UsedWithoutProbing()
    {
        var bucket = await endpoint.CreateBucketAsync();

        using var store = await AmazonS3ObjectStore.CreateAsync(endpoint.OptionsFor(bucket) with { ConditionalWrites = true, UploadPartCopy = false, ArchiveRestore = true });

        store.Capabilities.Should().BeEquivalentTo(new ObjectStoreCapabilities
        {
            Versioning = true,
            ConditionalWrites = true,
            Multipart = true,
            UploadPartCopy = false,
            ArchiveRestore = true,
            EventNotifications = false,
        });
    }

    [Fact]
    public async Task CreateAsync_MissingBucket_ThrowsNoSuchBucket()
    {
        var act = () => AmazonS3ObjectStore.CreateAsync(endpoint.OptionsFor("s3filessim-no-such-bucket-here"));

        var thrown = await act.Should().ThrowAsync<ObjectStoreException>();
        thrown.Which.ErrorCode.Should().Be(S3ErrorCode.NoSuchBucket);
        thrown.Which.StatusCode.Should().Be(404);
    }

    [Fact]
    public void CreateConfig_InvalidBucketName_ThrowsArgumentExceptionNamingTheOption()
    {
        var act = () => AmazonS3ClientFactory.CreateConfig(endpoint.BaseOptions with { BucketName = "Bad_Bucket" });

        act.Should().Throw<ArgumentException>().Which.Message.Should().Contain(nameof(AmazonS3ObjectStoreOptions.BucketName));
    }

    [Fact]
    public void CreateConfig_CompatibleEndpoint_PathStyleAndChecksumsWhenRequired()
    {
        var config = AmazonS3ClientFactory.CreateConfig(new AmazonS3ObjectStoreOptions { BucketName = "bucket", ServiceUrl = new Uri("http://127.0.0.1:9000/") });

        config.ForcePathStyle.Should().BeTrue();
        config.RequestChecksumCalculation.Should().Be(Amazon.Runtime.RequestChecksumCalculation.WHEN_REQUIRED);
        config.ResponseChecksumValidation.Should().Be(Amazon.Runtime.ResponseChecksumValidation.WHEN_REQUIRED);
    }

    [Fact]
    public void CreateConfig_AmazonS3_VirtualHostedStyleAndDefaultChecksums()
    {
        var config = AmazonS3ClientFactory.CreateConfig(new AmazonS3ObjectStoreOptions { BucketName = "bucket", Region = "eu-west-1" });

        config.ForcePathStyle.Should().BeFalse();
        config.RegionEndpoint.Should().Be(Amazon.RegionEndpoint.EUWest1);
        config.RequestChecksumCalculation.Should().Be(Amazon.Runtime.RequestChecksumCalculation.WHEN_SUPPORTED);
    }
}
