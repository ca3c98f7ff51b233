using System.Security.Cryptography;
using FluentAssertions;
using S3FilesSim.Aws.Tests.Fixtures;
using S3FilesSim.ObjectStorage;
using Xunit;

namespace S3FilesSim.Aws.Tests;

/// <summary>Adapter behaviour beyond the contract: streaming bodies, user metadata on the wire, the HEAD-compare fallback for servers without conditional writes.</summary>
[Collection(S3EndpointCollection.Name)]
public sealed class AmazonS3ObjectStoreTests(S3EndpointFixture endpoint) : IAsyncLifetime
{
    private const int MiB = 1 << 20;
    private AmazonS3ObjectStore _store = null!;

    public async Task InitializeAsync() => _store = await endpoint.CreateStoreAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task PutObject_64MiBGeneratedObject_StreamsTheBodyWithoutCopyingIt()
    {
        var content = ObjectContent.Generated(64L * MiB, seed: 5);
        var expected = ETag.FromMd5(MD5.HashData(content.OpenRead()));
        var before = GC.GetTotalAllocatedBytes(precise: true);

        var put = await _store.PutObjectAsync(new PutObjectRequest { Key = "big", Content = content });
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        put.ETag.Should().Be(expected);
        allocated.Should().BeLessThan(16L * MiB, "the 64 MiB body is sent from ObjectContent.OpenRead() in chunks");
    }

    [Fact]
    public async Task GetObject_64MiBObject_ReturnsTheNetworkStreamNotABufferedCopy()
    {
        var content = ObjectContent.Generated(64L * MiB, seed: 6);
        await _store.PutObjectAsync(new PutObjectRequest { Key = "big", Content = content });
        var baseline = GC.GetTotalMemory(forceFullCollection: true);

        using var get = await _store.GetObjectAsync(new GetObjectRequest { Key = "big" });
        var buffer = new byte[MiB];
        await get.Body.ReadExactlyAsync(buffer);
        var retained = GC.GetTotalMemory(forceFullCollection: true) - baseline;

        get.Body.Should().NotBeOfType<MemoryStream>();
        get.Body.CanSeek.Should().BeFalse("the body is the HTTP response stream");
        get.ContentLength.Should().Be(64L * MiB);
        retained.Should().BeLessThan(16L * MiB, "after the first MiB is read, the rest of the 64 MiB body is still on the connection");
        buffer.Should().Equal(content.ToArray()[..MiB]);
    }

    [Fact]
    public async Task PutObject_UserMetadata_SentAsAmzMetaHeadersAndReadBackBare()
    {
        await _store.PutObjectAsync(new PutObjectRequest
        {
            Key = "meta",
            Content = ObjectContent.FromString("x"),
            Metadata = new Dictionary<string, string> { ["file-owner"] = "1000", ["file-permissions"] = "0100644" },
        });

        var raw = await endpoint.Client.GetObjectMetadataAsync(_store.BucketName, "meta");
        var head = await _store.HeadObjectAsync("meta");

        raw.Metadata.Keys.Should().BeEquivalentTo("x-amz-meta-file-owner", "x-amz-meta-file-permissions");
        head!.Metadata.Should().BeEquivalentTo(new Dictionary<string, string> { ["file-owner"] = "1000", ["file-permissions"] = "0100644" });
    }

    [Fact]
    public async Task PutObject_NoContentType_SendsBinaryOctetStreamSoTheBodyIsKept()
    {
        await _store.PutObjectAsync("typed", "body text");

        var raw = await endpoint.Client.GetObjectMetadataAsync(_store.BucketName, "typed");

        raw.Headers.ContentType.Should().Be("binary/octet-stream");
        (await _store.GetObjectBytesAsync("typed")).Should().Equal("body text"u8.ToArray());
    }

    [Fact]
    public async Task PutObject_IfMatchStaleWithoutServerConditions_HeadCompareReturnsPreconditionFailed()
    {
        using var store = await WithoutConditionalWritesAsync();
        var first = await store.PutObjectAsync("k", "one");
        await store.PutObjectAsync("k", "two");

        var put = await store.PutObjectAsync(new PutObjectRequest { Key = "k", Content = ObjectContent.FromString("three"), IfMatch = first.ETag });

        put.Status.Should().Be(WriteStatus.PreconditionFailed);
        (await store.GetObjectBytesAsync("k")).Should().Equal("two"u8.ToArray());
    }

    [Fact]
    public async Task PutObject_IfMatchOnAbsentKeyWithoutServerConditions_ReturnsNoSuchKey()
    {
        using var store = await WithoutConditionalWritesAsync();

        var put = await store.PutObjectAsync(new PutObjectRequest { Key = "absent", Content = ObjectContent.FromString("x"), IfMatch = ETag.Parse("abc") });

        put.Status.Should().Be(WriteStatus.NoSuchKey);
        (await store.HeadObjectAsync("absent")).Should().BeNull();
    }

    [Fact]
    public async Task PutObject_IfNoneMatchOnExistingKeyWithoutServerConditions_ReturnsPreconditionFailed()
    {
        using var store = await WithoutConditionalWritesAsync();
        await store.PutObjectAsync("k", "one");

        var put = await store.PutObjectAsync(new PutObjectRequest { Key = "k", Content = ObjectContent.FromString("two"), IfNoneMatch = ETag.Any });

        put.Status.Should().Be(WriteStatus.PreconditionFailed);
    }

    [Fact]
    public async Task PutObject_IfMatchCurrentWithoutServerConditions_Succeeds()
    {
        using var store = await WithoutConditionalWritesAsync();
        var first = await store.PutObjectAsync("k", "one");

        var put = await store.PutObjectAsync(new PutObjectRequest { Key = "k", Content = ObjectContent.FromString("two"), IfMatch = first.ETag });

        put.Succeeded.Should().BeTrue();
        (await store.GetObjectBytesAsync("k")).Should().Equal("two"u8.ToArray());
    }

    [Fact]
    public async Task ListObjectVersions_MarkerAfterVersions_ListedNewestFirstWithinKey()
    {
        var v1 = await _store.PutObjectAsync("k", "one");
        var marker = await _store.DeleteObjectAsync("k");
        var v2 = await _store.PutObjectAsync("k", "two");

        var versions = await _store.ListObjectVersionsAsync(new ListObjectVersionsRequest());

        versions.Versions.Select(v => (VersionId?)v.VersionId).Should().Equal(v2.VersionId, marker.VersionId, v1.VersionId);
    }

    [Fact]
    public async Task UploadPartCopy_StaleCopySourceIfMatch_ThrowsPreconditionFailed()
    {
        var old = await _store.PutObjectAsync("src", "one");
        await _store.PutObjectAsync("src", "two");
        var uploadId = await _store.CreateMultipartUploadAsync(new CreateMultipartUploadRequest { Key = "dst" });

        var act = () => _store.UploadPartCopyAsync(new UploadPartCopyRequest { Key = "dst", UploadId = uploadId, PartNumber = 1, SourceKey = "src", CopySourceIfMatch = old.ETag }).AsTask();

        var thrown = await act.Should().ThrowAsync<ObjectStoreException>();
        thrown.Which.ErrorCode.Should().Be(S3ErrorCode.PreconditionFailed);
    }

    [Fact]
    public async Task CopyObject_CopySourceIfMatchCurrent_CopiesTheVersionItChecked()
    {
        var current = await _store.PutObjectAsync("src", "one");

        var copy = await _store.CopyObjectAsync(new CopyObjectRequest { SourceKey = "src", DestinationKey = "dst", CopySourceIfMatch = current.ETag });

        copy.Succeeded.Should().BeTrue();
        copy.SourceVersionId.Should().Be(current.VersionId);
        (await _store.GetObjectBytesAsync("dst")).Should().Equal("one"u8.ToArray());
    }

    private async Task<AmazonS3ObjectStore> WithoutConditionalWritesAsync()
    {
        var bucket = await endpoint.CreateBucketAsync();
        var store = await AmazonS3ObjectStore.CreateAsync(endpoint.OptionsFor(bucket) with { ConditionalWrites = false, UploadPartCopy = true });
        store.Capabilities.ConditionalWrites.Should().BeFalse();
        return store;
    }
}
