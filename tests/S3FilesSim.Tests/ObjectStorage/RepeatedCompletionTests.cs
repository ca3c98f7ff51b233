using FluentAssertions;
using S3FilesSim.ObjectStorage;
using S3FilesSim.Time;
using Xunit;

namespace S3FilesSim.Tests.ObjectStorage;

/// <summary>A CompleteMultipartUpload repeated for an upload that already completed (a client retrying after a lost
/// response): the in-memory bucket answers the first result as Amazon S3 does, writes nothing, and forgets the upload
/// once another version replaces the one it created.</summary>
public sealed class RepeatedCompletionTests
{
    private readonly VirtualClock _clock = new();

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task CompleteMultipartUpload_Repeated_WritesNoVersionAndRaisesNoEvent(bool versioning)
    {
        var store = CreateStore(versioning);
        var (uploadId, parts) = await UploadAsync(store, "k");
        var first = await CompleteAsync(store, "k", uploadId, parts);
        var published = store.EventStatistics.Published;
        await _clock.Scheduler.AdvanceAsync(TimeSpan.FromMinutes(5));

        var second = await CompleteAsync(store, "k", uploadId, parts);

        second.Succeeded.Should().BeTrue();
        second.VersionId.Should().Be(first.VersionId);
        second.ETag.Should().Be(first.ETag);
        second.LastModified.Should().Be(first.LastModified);
        (await store.ListObjectVersionsAsync(new ListObjectVersionsRequest())).Versions.Should().ContainSingle();
        store.EventStatistics.Published.Should().Be(published);
    }

    [Fact]
    public async Task CompleteMultipartUpload_RepeatedWithIfNoneMatch_AnswersTheFirstResult()
    {
        var store = CreateStore();
        var (uploadId, parts) = await UploadAsync(store, "k");
        var first = await CompleteAsync(store, "k", uploadId, parts, ETag.Any);

        var second = await CompleteAsync(store, "k", uploadId, parts, ETag.Any);

        second.Status.Should().Be(WriteStatus.Succeeded);
        second.VersionId.Should().Be(first.VersionId);
    }

    [Fact]
    public async Task CompleteMultipartUpload_RepeatedWithOtherParts_ThrowsNoSuchUpload()
    {
        var store = CreateStore();
        var (uploadId, parts) = await UploadAsync(store, "k", partCount: 2);
        await CompleteAsync(store, "k", uploadId, parts);

        var act = () => CompleteAsync(store, "k", uploadId, [parts[0]]);

        (await act.Should().ThrowAsync<ObjectStoreException>()).Which.ErrorCode.Should().Be(S3ErrorCode.NoSuchUpload);
    }

    [Fact]
    public async Task CompleteMultipartUpload_RepeatedUnderAnotherKey_ThrowsNoSuchUpload()
    {
        var store = CreateStore();
        var (uploadId, parts) = await UploadAsync(store, "k");
        await CompleteAsync(store, "k", uploadId, parts);

        var act = () => CompleteAsync(store, "other", uploadId, parts);

        (await act.Should().ThrowAsync<ObjectStoreException>()).Which.ErrorCode.Should().Be(S3ErrorCode.NoSuchUpload);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task CompleteMultipartUpload_RepeatedAfterOverwrite_ThrowsNoSuchUploadAndKeepsTheOverwrite(bool versioning)
    {
        var store = CreateStore(versioning);
        var (uploadId, parts) = await UploadAsync(store, "k");
        await CompleteAsync(store, "k", uploadId, parts);
        var overwrite = await store.PutObjectAsync("k", "newer");

        var act = () => CompleteAsync(store, "k", uploadId, parts);

        (await act.Should().ThrowAsync<ObjectStoreException>()).Which.ErrorCode.Should().Be(S3ErrorCode.NoSuchUpload);
        (await store.HeadObjectAsync("k"))!.ETag.Should().Be(overwrite.ETag!.Value);
    }

    [Fact]
    public async Task CompleteMultipartUpload_RepeatedAfterDelete_ThrowsNoSuchUpload()
    {
        var store = CreateStore();
        var (uploadId, parts) = await UploadAsync(store, "k");
        await CompleteAsync(store, "k", uploadId, parts);
        await store.DeleteObjectAsync("k");

        var act = () => CompleteAsync(store, "k", uploadId, parts);

        (await act.Should().ThrowAsync<ObjectStoreException>()).Which.ErrorCode.Should().Be(S3ErrorCode.NoSuchUpload);
    }

    [Fact]
    public async Task ListParts_CompletedUpload_ThrowsNoSuchUpload()
    {
        var store = CreateStore();
        var (uploadId, parts) = await UploadAsync(store, "k");
        await CompleteAsync(store, "k", uploadId, parts);

        var act = () => store.ListPartsAsync(new ListPartsRequest { Key = "k", UploadId = uploadId }).AsTask();

        (await act.Should().ThrowAsync<ObjectStoreException>()).Which.ErrorCode.Should().Be(S3ErrorCode.NoSuchUpload);
        store.MultipartUploadCount.Should().Be(0);
    }

    private static async Task<(string UploadId, CompletedPart[] Parts)> UploadAsync(InMemoryObjectStore store, string key, int partCount = 1)
    {
        var uploadId = await store.CreateMultipartUploadAsync(new CreateMultipartUploadRequest { Key = key });
        var parts = new CompletedPart[partCount];
        for (var i = 0; i < partCount; i++)
        {
            var size = i < partCount - 1 ? ObjectStoreValidation.MinPartBytes : 10;
            var etag = await store.UploadPartAsync(new UploadPartRequest { Key = key, UploadId = uploadId, PartNumber = i + 1, Content = ObjectContent.Generated(size, i) });
            parts[i] = new CompletedPart(i + 1, etag);
        }

        return (uploadId, parts);
    }

    private static Task<ObjectWriteResult> CompleteAsync(InMemoryObjectStore store, string key, string uploadId, CompletedPart[] parts, ETag? ifNoneMatch = null) =>
        store.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest { Key = key, UploadId = uploadId, Parts = parts, IfNoneMatch = ifNoneMatch }).AsTask();

    private InMemoryObjectStore CreateStore(bool versioning = true) =>
        new("unit-bucket", _clock.Scheduler, new DeterministicRandom(7), new InMemoryObjectStoreOptions { Versioning = versioning });
}
