using System.Security.Cryptography;
using FluentAssertions;
using S3FilesSim.ObjectStorage;
using S3FilesSim.Time;
using Xunit;

namespace S3FilesSim.Tests.ObjectStorage;

/// <summary>What the in-memory bucket offers front doors that serve it (the S3 endpoint): streamed bodies, versioning
/// status changes, ListMultipartUploads, part sizes, start-after roll-up, version markers of deleted versions, and the
/// count of undelivered events.</summary>
public sealed class InMemoryObjectStoreFrontDoorTests
{
    private readonly VirtualClock _clock = new();

    [Fact]
    public async Task FromStreamAsync_KnownLength_HoldsTheBytesAndTheirMd5ETag()
    {
        var bytes = RandomNumberGenerator.GetBytes((3 << 20) + 17);
        using var stream = new MemoryStream(bytes);

        var content = await ObjectContent.FromStreamAsync(stream, bytes.Length);

        content.IsImmutable.Should().BeTrue();
        content.ToArray().Should().Equal(bytes);
        content.ComputeETag().Should().Be(ETag.FromMd5(MD5.HashData(bytes)));
    }

    [Fact]
    public async Task FromStreamAsync_UnknownLength_ReadsToTheEnd()
    {
        var bytes = RandomNumberGenerator.GetBytes(2 << 20);
        using var stream = new MemoryStream(bytes);

        var content = await ObjectContent.FromStreamAsync(stream, length: null);

        content.Length.Should().Be(bytes.Length);
        content.ToArray().Should().Equal(bytes);
    }

    [Fact]
    public async Task FromStreamAsync_StreamShorterThanLength_ThrowsEndOfStream()
    {
        using var stream = new MemoryStream(new byte[10]);

        var act = async () => await ObjectContent.FromStreamAsync(stream, 11);

        await act.Should().ThrowAsync<EndOfStreamException>();
    }

    [Fact]
    public async Task PutObject_StreamedContent_StoresItWithoutAnotherCopyAndItsETag()
    {
        var store = CreateStore();
        var bytes = RandomNumberGenerator.GetBytes(5000);
        var content = await ObjectContent.FromStreamAsync(new MemoryStream(bytes), bytes.Length);

        var put = await store.PutObjectAsync(new PutObjectRequest { Key = "k", Content = content });

        put.ETag.Should().Be(content.ComputeETag());
        (await store.GetObjectBytesAsync("k")).Should().Equal(bytes);
        store.StoredBytes.Should().Be(bytes.Length);
    }

    [Fact]
    public async Task PutBucketVersioning_Suspended_NewWritesReplaceTheNullVersionAndKeepOlderVersions()
    {
        var store = CreateStore();
        var first = await store.PutObjectAsync("k", "versioned");

        store.PutBucketVersioning(BucketVersioningStatus.Suspended);
        await store.PutObjectAsync("k", "null one");
        var second = await store.PutObjectAsync("k", "null two");

        store.VersioningStatus.Should().Be(BucketVersioningStatus.Suspended);
        store.Capabilities.Versioning.Should().BeFalse();
        second.VersionId.Should().Be(VersionId.Null);
        var versions = await store.ListObjectVersionsAsync(new ListObjectVersionsRequest());
        versions.Versions.Select(v => v.VersionId).Should().Equal(VersionId.Null, first.VersionId!.Value);
    }

    [Fact]
    public async Task PutBucketVersioning_EnabledAfterUnversioned_WritesGetUniqueIds()
    {
        var store = CreateStore(new InMemoryObjectStoreOptions { Versioning = false });
        store.VersioningStatus.Should().Be(BucketVersioningStatus.Unversioned);

        store.PutBucketVersioning(BucketVersioningStatus.Enabled);
        var put = await store.PutObjectAsync("k", "x");

        put.VersionId!.Value.IsNull.Should().BeFalse();
        store.Capabilities.Versioning.Should().BeTrue();
    }

    [Fact]
    public void PutBucketVersioning_Unversioned_ThrowsMalformedXmlAndChangesNothing()
    {
        var store = CreateStore();

        var act = () => store.PutBucketVersioning(BucketVersioningStatus.Unversioned);

        act.Should().Throw<ObjectStoreException>().Which.ErrorCode.Should().Be(S3ErrorCode.MalformedXml);
        store.VersioningStatus.Should().Be(BucketVersioningStatus.Enabled);
    }

    [Fact]
    public async Task ListMultipartUploads_ByKeyThenCreation_WithCommonPrefixesAndPages()
    {
        var store = CreateStore();
        var b1 = await store.CreateMultipartUploadAsync(new CreateMultipartUploadRequest { Key = "b" });
        await _clock.Scheduler.AdvanceAsync(TimeSpan.FromSeconds(1));
        var a = await store.CreateMultipartUploadAsync(new CreateMultipartUploadRequest { Key = "a", StorageClass = StorageClass.Glacier });
        var b2 = await store.CreateMultipartUploadAsync(new CreateMultipartUploadRequest { Key = "b" });
        await store.CreateMultipartUploadAsync(new CreateMultipartUploadRequest { Key = "dir/x" });

        var first = store.ListMultipartUploads(new ListMultipartUploadsRequest { Delimiter = "/", MaxUploads = 2 });
        var second = store.ListMultipartUploads(new ListMultipartUploadsRequest { Delimiter = "/", KeyMarker = first.NextKeyMarker, UploadIdMarker = first.NextUploadIdMarker });

        first.Uploads.Select(u => u.UploadId).Should().Equal(a, b1);
        first.Uploads[0].StorageClass.Should().Be(StorageClass.Glacier);
        first.IsTruncated.Should().BeTrue();
        second.Uploads.Select(u => u.UploadId).Should().Equal(b2);
        second.CommonPrefixes.Should().Equal("dir/");
        second.IsTruncated.Should().BeFalse();
    }

    [Fact]
    public async Task ListMultipartUploads_CompletedAndAborted_AreGone()
    {
        var store = CreateStore();
        var aborted = await store.CreateMultipartUploadAsync(new CreateMultipartUploadRequest { Key = "k" });
        var open = await store.CreateMultipartUploadAsync(new CreateMultipartUploadRequest { Key = "k" });

        await store.AbortMultipartUploadAsync("k", aborted);

        store.ListMultipartUploads(new ListMultipartUploadsRequest()).Uploads.Select(u => u.UploadId).Should().Equal(open);
    }

    [Fact]
    public async Task GetObjectPartSizes_CompletedUpload_ReturnsEachPartSize()
    {
        var store = CreateStore();
        var uploadId = await store.CreateMultipartUploadAsync(new CreateMultipartUploadRequest { Key = "k" });
        var p1 = await store.UploadPartAsync(new UploadPartRequest { Key = "k", UploadId = uploadId, PartNumber = 1, Content = ObjectContent.Generated(5 << 20, 1) });
        var p2 = await store.UploadPartAsync(new UploadPartRequest { Key = "k", UploadId = uploadId, PartNumber = 2, Content = ObjectContent.Generated(7, 2) });
        await store.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest { Key = "k", UploadId = uploadId, Parts = [new(1, p1), new(2, p2)] });
        await store.PutObjectAsync("single", "x");

        store.GetObjectPartSizes("k").Should().Equal(5L << 20, 7L);
        store.GetObjectPartSizes("single").Should().BeNull();
        store.GetObjectPartSizes("absent").Should().BeNull();
    }

    [Fact]
    public async Task ListObjectsV2_StartAfterInsideACommonPrefix_ResumesAfterThePrefix()
    {
        var store = CreateStore();
        foreach (var key in new[] { "asdf", "boo/bar", "boo/baz/xyzzy", "cquux/thud" })
        {
            await store.PutObjectAsync(key, "x");
        }

        var page = await store.ListObjectsV2Async(new ListObjectsV2Request { Delimiter = "/", StartAfter = "boo/" });

        page.Contents.Should().BeEmpty();
        page.CommonPrefixes.Should().Equal("cquux/");
    }

    [Fact]
    public async Task ListObjectVersions_VersionMarkerDeletedBetweenPages_ListsTheRemainingVersions()
    {
        var store = CreateStore();
        for (var i = 0; i < 4; i++)
        {
            await store.PutObjectAsync("k", $"v{i}");
        }

        var first = await store.ListObjectVersionsAsync(new ListObjectVersionsRequest { MaxKeys = 2 });
        await store.DeleteObjectsAsync(new DeleteObjectsRequest { Objects = [.. first.Versions.Select(v => new ObjectIdentifier(v.Key, v.VersionId))] });
        var second = await store.ListObjectVersionsAsync(new ListObjectVersionsRequest { KeyMarker = first.NextKeyMarker, VersionIdMarker = first.NextVersionIdMarker });

        second.Versions.Should().HaveCount(2);
        second.Versions.Select(v => v.VersionId).Should().NotIntersectWith(first.Versions.Select(v => v.VersionId));
    }

    [Fact]
    public async Task DeleteBucket_WithMultipartUploadsOnly_DiscardsThemAndTheirStorage()
    {
        await using var sim = S3FilesSimulation.Create();
        var bucket = sim.CreateBucket("uploads-only");
        var uploadId = await bucket.CreateMultipartUploadAsync(new CreateMultipartUploadRequest { Key = "k" });
        await bucket.UploadPartAsync(new UploadPartRequest { Key = "k", UploadId = uploadId, PartNumber = 1, Content = ObjectContent.Generated(100, 1) });

        sim.DeleteBucket("uploads-only");

        bucket.StoredBytes.Should().Be(0);
        sim.Buckets.Should().NotContain(bucket);
    }

    [Fact]
    public async Task PendingEventDeliveries_CountsEventsUntilTheyAreDelivered()
    {
        var store = CreateStore();
        using var subscription = store.Events.Subscribe((_, _) => ValueTask.CompletedTask);

        await store.PutObjectAsync("k", "x");
        var pending = store.PendingEventDeliveries;
        await _clock.Scheduler.AdvanceAsync(TimeSpan.FromSeconds(10));

        pending.Should().Be(1);
        store.PendingEventDeliveries.Should().Be(0);
    }

    private InMemoryObjectStore CreateStore(InMemoryObjectStoreOptions? options = null) =>
        new("front-door", _clock.Scheduler, new DeterministicRandom(1), options);
}
