using FluentAssertions;
using S3FilesSim.Aws.Tests.Fixtures;
using S3FilesSim.ObjectStorage;
using S3FilesSim.TestSupport.ObjectStorage;
using Xunit;

namespace S3FilesSim.Aws.Tests;

/// <summary>
/// Runs the object-store contract against <see cref="AmazonS3ObjectStore"/> over moto (or the configured endpoint), with
/// a new versioned bucket per test.
/// </summary>
/// <remarks>Where moto 5.2 does not implement an S3 behaviour the contract checks, the test is overridden below: against
/// moto it asserts what moto does (so a moto upgrade that fixes it shows up as a failure to revisit), against any other
/// endpoint it runs the contract unchanged.</remarks>
[Collection(S3EndpointCollection.Name)]
public sealed class AmazonS3ObjectStoreContractTests(S3EndpointFixture endpoint) : ObjectStoreContractTests, IAsyncLifetime
{
    private AmazonS3ObjectStore? _store;

    public async Task InitializeAsync() => _store = await endpoint.CreateStoreAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>moto checks <c>If-None-Match</c> and stores the object in two steps, so two concurrent writers of one new
    /// key can both succeed (seen once in 20 rounds of 8 writers); S3 lets exactly one win. Against moto: every round has
    /// a winner and the key holds what one of the winners wrote.</summary>
    [Fact]
    public override async Task PutObject_ConcurrentIfNoneMatchWriters_ExactlyOneWinsPerRound()
    {
        if (!endpoint.IsMoto)
        {
            await base.PutObject_ConcurrentIfNoneMatchWriters_ExactlyOneWinsPerRound();
            return;
        }

        var rounds = await RaceIfNoneMatchWritersAsync(writers: 8, rounds: 20);

        rounds.Should().AllSatisfy(round =>
        {
            round.Winners.Should().NotBeEmpty();
            round.Winners.Should().Contain(round.Stored);
        });
    }

    /// <summary>moto completes a Glacier restore at once (202, then 200 "already restored"); S3 keeps it in progress for hours.</summary>
    [Fact]
    public override async Task RestoreObject_WhileInProgress_ThrowsRestoreAlreadyInProgress()
    {
        if (!endpoint.IsMoto)
        {
            await base.RestoreObject_WhileInProgress_ThrowsRestoreAlreadyInProgress();
            return;
        }

        await Store.PutObjectAsync(new PutObjectRequest { Key = "cold", Content = ObjectContent.FromString("frozen"), StorageClass = StorageClass.Glacier });
        await Store.RestoreObjectAsync(new RestoreObjectRequest { Key = "cold" });

        var second = await Store.RestoreObjectAsync(new RestoreObjectRequest { Key = "cold" });

        second.Should().Be(RestoreObjectStatus.AlreadyRestored);
    }

    /// <summary>moto answers UploadPart to an unknown upload id with 500 Internal Server Error; S3 answers 404 NoSuchUpload.</summary>
    [Fact]
    public override async Task UploadPart_UnknownUploadId_ThrowsNoSuchUpload()
    {
        if (!endpoint.IsMoto)
        {
            await base.UploadPart_UnknownUploadId_ThrowsNoSuchUpload();
            return;
        }

        var error = await ShouldFailAsync(
            () => Store.UploadPartAsync(new UploadPartRequest { Key = "k", UploadId = "not-an-upload", PartNumber = 1, Content = ObjectContent.FromString("x") }).AsTask(),
            S3ErrorCode.InternalError);

        error.StatusCode.Should().Be(500);
    }

    /// <summary>moto answers UploadPart to an aborted upload with 500 Internal Server Error; S3 answers 404 NoSuchUpload.</summary>
    [Fact]
    public override async Task AbortMultipartUpload_ThenUploadPart_ThrowsNoSuchUpload()
    {
        if (!endpoint.IsMoto)
        {
            await base.AbortMultipartUpload_ThenUploadPart_ThrowsNoSuchUpload();
            return;
        }

        var uploadId = await Store.CreateMultipartUploadAsync(new CreateMultipartUploadRequest { Key = "k" });
        await Store.AbortMultipartUploadAsync("k", uploadId);

        var error = await ShouldFailAsync(
            () => Store.UploadPartAsync(new UploadPartRequest { Key = "k", UploadId = uploadId, PartNumber = 1, Content = ObjectContent.FromString("x") }).AsTask(),
            S3ErrorCode.InternalError);

        error.StatusCode.Should().Be(500);
    }

    /// <summary>moto does not check x-amz-copy-source-range against the source size and copies the bytes that exist; S3 answers 400 InvalidArgument.</summary>
    [Fact]
    public override async Task UploadPartCopy_RangeBeyondSource_ThrowsInvalidArgument()
    {
        if (!endpoint.IsMoto)
        {
            await base.UploadPartCopy_RangeBeyondSource_ThrowsInvalidArgument();
            return;
        }

        await Store.PutObjectAsync("src", "0123456789");
        var uploadId = await Store.CreateMultipartUploadAsync(new CreateMultipartUploadRequest { Key = "dst" });

        var etag = await Store.UploadPartCopyAsync(new UploadPartCopyRequest { Key = "dst", UploadId = uploadId, PartNumber = 1, SourceKey = "src", SourceRange = ByteRange.Between(5, 10) });

        etag.Value.Should().Be(ETag.FromMd5(System.Security.Cryptography.MD5.HashData("56789"u8)).Value);
    }

    /// <summary>moto fails with 500 (no error body) on a continuation token it cannot decode when the bucket holds keys (and lists nothing when it is empty); S3 answers 400 InvalidArgument.</summary>
    [Fact]
    public override async Task ListObjectsV2_GarbageContinuationToken_ThrowsInvalidArgument()
    {
        if (!endpoint.IsMoto)
        {
            await base.ListObjectsV2_GarbageContinuationToken_ThrowsInvalidArgument();
            return;
        }

        await Store.PutObjectAsync("a", "1");

        var error = await ShouldFailAsync(() => Store.ListObjectsV2Async(new ListObjectsV2Request { ContinuationToken = "!!not a token!!" }).AsTask(), S3ErrorCode.InternalError);

        error.StatusCode.Should().Be(500);
    }

    /// <summary>moto's GET of a key whose latest version is a delete marker omits x-amz-delete-marker and x-amz-version-id (its HEAD sends them); S3 sends both.</summary>
    [Fact]
    public override async Task GetObject_LatestIsDeleteMarker_ReturnsNoSuchKeyFlaggedAsDeleteMarker()
    {
        if (!endpoint.IsMoto)
        {
            await base.GetObject_LatestIsDeleteMarker_ReturnsNoSuchKeyFlaggedAsDeleteMarker();
            return;
        }

        await Store.PutObjectAsync("k", "one");
        var delete = await Store.DeleteObjectAsync("k");

        using var get = await Store.GetObjectAsync(new GetObjectRequest { Key = "k" });
        var head = await Store.HeadObjectAsync(new HeadObjectRequest { Key = "k" });

        get.Status.Should().Be(ObjectReadStatus.NoSuchKey);
        get.IsDeleteMarker.Should().BeFalse();
        head.IsDeleteMarker.Should().BeTrue();
        head.DeleteMarkerVersionId.Should().Be(delete.VersionId);
    }

    /// <summary>moto creates no delete marker when deleting a key that never existed; S3 does.</summary>
    [Fact]
    public override async Task DeleteObject_AbsentKey_StillCreatesDeleteMarker()
    {
        if (!endpoint.IsMoto)
        {
            await base.DeleteObject_AbsentKey_StillCreatesDeleteMarker();
            return;
        }

        var delete = await Store.DeleteObjectAsync("never-written");

        var versions = await Store.ListObjectVersionsAsync(new ListObjectVersionsRequest());

        delete.DeleteMarker.Should().BeFalse();
        versions.Versions.Should().BeEmpty();
    }

    /// <summary>moto removes the delete marker but omits x-amz-delete-marker: true from the answer; S3 sends it.</summary>
    [Fact]
    public override async Task DeleteObject_DeleteMarkerVersionId_RemovesMarkerAndObjectReappears()
    {
        if (!endpoint.IsMoto)
        {
            await base.DeleteObject_DeleteMarkerVersionId_RemovesMarkerAndObjectReappears();
            return;
        }

        await Store.PutObjectAsync("k", "one");
        var marker = await Store.DeleteObjectAsync("k");

        var delete = await Store.DeleteObjectAsync(new DeleteObjectRequest { Key = "k", VersionId = marker.VersionId });

        delete.DeleteMarker.Should().BeFalse();
        (await ReadTextAsync("k")).Should().Be("one");
    }

    protected override IObjectStore CreateStore() => _store ?? throw new InvalidOperationException("InitializeAsync creates the store.");

    protected override ValueTask AdvanceTimeAsync(TimeSpan duration) => ValueTask.CompletedTask;
}
