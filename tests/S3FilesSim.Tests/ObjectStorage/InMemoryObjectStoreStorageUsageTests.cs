using FluentAssertions;
using S3FilesSim.ObjectStorage;
using S3FilesSim.Time;
using Xunit;

namespace S3FilesSim.Tests.ObjectStorage;

// StoredBytes: every version plus the parts of unfinished multipart uploads, delete markers 0 bytes
// (https://aws.amazon.com/s3/pricing/, https://docs.aws.amazon.com/AmazonS3/latest/userguide/mpuoverview.html#mpuploadpricing).
public sealed class InMemoryObjectStoreStorageUsageTests
{
    private readonly VirtualClock _clock = new();

    [Fact]
    public async Task StoredBytes_AfterOverwriteAndDelete_CountsEveryVersionAndNoMarker()
    {
        var store = CreateStore();
        await store.PutObjectAsync("k", new byte[100]);
        await store.PutObjectAsync("k", new byte[30]);

        await store.DeleteObjectAsync("k");

        store.StoredBytes.Should().Be(130);
    }

    [Fact]
    public async Task StoredBytes_AfterPermanentVersionDelete_DropsThatVersion()
    {
        var store = CreateStore();
        var first = await store.PutObjectAsync("k", new byte[100]);
        await store.PutObjectAsync("k", new byte[30]);

        await store.DeleteObjectAsync(new DeleteObjectRequest { Key = "k", VersionId = first.VersionId });

        store.StoredBytes.Should().Be(30);
    }

    [Fact]
    public async Task StoredBytes_VersioningOff_OverwriteReplacesTheNullVersion()
    {
        var store = CreateStore(new InMemoryObjectStoreOptions { Versioning = false });
        await store.PutObjectAsync("k", new byte[100]);

        await store.PutObjectAsync("k", new byte[30]);

        store.StoredBytes.Should().Be(30);
    }

    [Fact]
    public async Task StoredBytes_DuringAndAfterAMultipartUpload_CountsThePartsThenTheObjectOnce()
    {
        var store = CreateStore();
        var uploadId = await store.CreateMultipartUploadAsync(new CreateMultipartUploadRequest { Key = "m" });
        var part1 = await UploadPartAsync(store, uploadId, 1, 5 << 20);
        await UploadPartAsync(store, uploadId, 2, 300);
        var part2 = await UploadPartAsync(store, uploadId, 2, 200);
        var during = store.StoredBytes;

        await store.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
        {
            Key = "m",
            UploadId = uploadId,
            Parts = [new CompletedPart(1, part1), new CompletedPart(2, part2)],
        });

        during.Should().Be((5 << 20) + 200);
        store.StoredBytes.Should().Be((5 << 20) + 200);
    }

    [Fact]
    public async Task StoredBytes_AfterAbort_DropsTheParts()
    {
        var store = CreateStore();
        await store.PutObjectAsync("k", new byte[10]);
        var uploadId = await store.CreateMultipartUploadAsync(new CreateMultipartUploadRequest { Key = "m" });
        await UploadPartAsync(store, uploadId, 1, 1000);

        await store.AbortMultipartUploadAsync("m", uploadId);

        store.StoredBytes.Should().Be(10);
    }

    [Fact]
    public async Task StoredBytesChanged_OnEachChange_CarriesTheNewTotalInOrder()
    {
        var store = CreateStore();
        var seen = new List<long>();
        store.StoredBytesChanged += (_, bytes) => seen.Add(bytes);

        await store.PutObjectAsync("a", new byte[5]);
        await store.PutObjectAsync("b", new byte[7]);
        await store.DeleteObjectAsync("a");
        await store.PutObjectAsync("c", []);

        seen.Should().Equal(5, 12);
    }

    private static ValueTask<ETag> UploadPartAsync(InMemoryObjectStore store, string uploadId, int partNumber, int bytes) =>
        store.UploadPartAsync(new UploadPartRequest { Key = "m", UploadId = uploadId, PartNumber = partNumber, Content = ObjectContent.FromBytes(new byte[bytes]) });

    private InMemoryObjectStore CreateStore(InMemoryObjectStoreOptions? options = null) =>
        new("usage-bucket", _clock.Scheduler, new DeterministicRandom(7), options);
}
