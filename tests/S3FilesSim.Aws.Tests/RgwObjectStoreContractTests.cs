using FluentAssertions;
using S3FilesSim.Aws.Tests.Fixtures;
using S3FilesSim.ObjectStorage;
using S3FilesSim.TestSupport.ObjectStorage;
using Xunit;

namespace S3FilesSim.Aws.Tests;

/// <summary>
/// Runs the object-store contract against <see cref="AmazonS3ObjectStore"/> over a single-node Ceph RGW 16 (Pacific) on
/// loopback, with a new versioned bucket per test.
/// </summary>
/// <remarks>Where RGW differs from S3, the test is overridden to assert what RGW does, so an RGW upgrade that changes it
/// shows up as a failure to revisit; docs/SEMANTICS.md ("Real S3 buckets") lists the differences.</remarks>
[Collection(RgwEndpointCollection.Name)]
public sealed class RgwObjectStoreContractTests(RgwEndpointFixture endpoint) : ObjectStoreContractTests, IAsyncLifetime
{
    private AmazonS3ObjectStore? _store;

    public async Task InitializeAsync() => _store = await endpoint.CreateStoreAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>RGW 16 ignores <c>If-None-Match: *</c> on PutObject, so the store checks it with a HEAD first, which is not atomic: concurrent writers of one new key can all succeed (S3 lets exactly one win). Every round has a winner and the key holds a winner's bytes.</summary>
    [Fact]
    public override async Task PutObject_ConcurrentIfNoneMatchWriters_ExactlyOneWinsPerRound()
    {
        var rounds = await RaceIfNoneMatchWritersAsync(writers: 8, rounds: 5);

        Store.Capabilities.ConditionalWrites.Should().BeFalse("RGW 16 does not honour If-None-Match on PUT");
        rounds.Should().AllSatisfy(round =>
        {
            round.Winners.Should().NotBeEmpty();
            round.Winners.Should().Contain(round.Stored);
        });
    }

    /// <summary>RGW 16 has no STANDARD_IA (only the storage classes of its placement, STANDARD by default): 400 with an empty error body (read as InvalidArgument).</summary>
    [Fact]
    public override Task PutObject_ContentTypeAndStorageClass_ReportedByHeadObject() => PutRejectsStorageClassAsync(StorageClass.StandardInfrequentAccess);

    /// <summary>RGW 16 has no archive storage classes: the archived object cannot be written (400 with an empty error body).</summary>
    [Theory]
#pragma warning disable xUnit1003 // The cases are the base method's InlineData, which the override inherits (repeating them would duplicate the cases).
    public override Task GetObject_ArchivedObject_ThrowsInvalidObjectState(string storageClass) => PutRejectsStorageClassAsync(new StorageClass(storageClass));
#pragma warning restore xUnit1003

    /// <inheritdoc cref="GetObject_ArchivedObject_ThrowsInvalidObjectState"/>
    [Fact]
    public override Task HeadObject_ArchivedObject_ReturnsMetadataMarkedArchived() => PutRejectsStorageClassAsync(StorageClass.Glacier);

    /// <inheritdoc cref="GetObject_ArchivedObject_ThrowsInvalidObjectState"/>
    [Theory]
#pragma warning disable xUnit1003 // The cases are the base method's InlineData, which the override inherits (repeating them would duplicate the cases).
    public override Task RestoreObject_ArchivedObject_GetSucceedsOnceRestoreCompletes(string storageClass) => PutRejectsStorageClassAsync(new StorageClass(storageClass));
#pragma warning restore xUnit1003

    /// <inheritdoc cref="GetObject_ArchivedObject_ThrowsInvalidObjectState"/>
    [Fact]
    public override Task RestoreObject_AlreadyRestored_ReturnsAlreadyRestored() => PutRejectsStorageClassAsync(StorageClass.Glacier);

    /// <inheritdoc cref="GetObject_ArchivedObject_ThrowsInvalidObjectState"/>
    [Fact]
    public override Task RestoreObject_WhileInProgress_ThrowsRestoreAlreadyInProgress() => PutRejectsStorageClassAsync(StorageClass.Glacier);

    /// <inheritdoc cref="GetObject_ArchivedObject_ThrowsInvalidObjectState"/>
    [Fact]
    public override Task CopyObject_ArchivedSource_ThrowsInvalidObjectState() => PutRejectsStorageClassAsync(StorageClass.DeepArchive);

    /// <summary>RGW 16 answers a repeated completion with success, as S3 does; its ETag and version id are not compared
    /// here (RGW answers an empty ETag in versioned buckets, which the adapter reads with a HEAD of the new version).</summary>
    [Fact]
    public override async Task CompleteMultipartUpload_Repeated_AnswersTheFirstResult()
    {
        var uploadId = await Store.CreateMultipartUploadAsync(new CreateMultipartUploadRequest { Key = "k" });
        var etag = await Store.UploadPartAsync(new UploadPartRequest { Key = "k", UploadId = uploadId, PartNumber = 1, Content = ObjectContent.Generated(10, 0) });
        var request = new CompleteMultipartUploadRequest { Key = "k", UploadId = uploadId, Parts = [new CompletedPart(1, etag)] };
        var first = await Store.CompleteMultipartUploadAsync(request);

        var second = await Store.CompleteMultipartUploadAsync(request);

        first.Succeeded.Should().BeTrue();
        second.Succeeded.Should().BeTrue();
    }

    /// <summary>RGW 16 answers RestoreObject on a STANDARD object with 501 NotImplemented; S3 answers 403 InvalidObjectState.</summary>
    [Fact]
    public override async Task RestoreObject_StandardObject_ThrowsInvalidObjectState()
    {
        await Store.PutObjectAsync("warm", "x");

        var error = await ShouldFailAsync(() => Store.RestoreObjectAsync(new RestoreObjectRequest { Key = "warm" }).AsTask(), "NotImplemented");

        error.StatusCode.Should().Be(501);
    }

    /// <summary>RGW 16 answers a GET of an unknown version id of an existing key with 404 NoSuchKey; S3 answers NoSuchVersion.</summary>
    [Fact]
    public override async Task GetObject_UnknownVersionId_ReturnsNoSuchVersion()
    {
        await Store.PutObjectAsync("k", "one");

        using var result = await Store.GetObjectAsync(new GetObjectRequest { Key = "k", VersionId = new VersionId("3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY") });

        result.Status.Should().Be(ObjectReadStatus.NoSuchKey);
    }

    /// <summary>RGW 16 answers a HEAD of a delete marker's version id with 404 and no x-amz-delete-marker (read as NoSuchVersion); S3 answers 405 flagged as a delete marker.</summary>
    [Fact]
    public override async Task HeadObject_VersionIdOfDeleteMarker_ReturnsNoSuchKeyFlaggedAsDeleteMarker()
    {
        await Store.PutObjectAsync("k", "one");
        var marker = await Store.DeleteObjectAsync("k");

        var result = await Store.HeadObjectAsync(new HeadObjectRequest { Key = "k", VersionId = marker.VersionId });

        result.Status.Should().Be(ObjectReadStatus.NoSuchVersion);
        result.IsDeleteMarker.Should().BeFalse();
    }

    /// <summary>RGW 16's GET of a key whose latest version is a delete marker omits x-amz-delete-marker; S3 sends it.</summary>
    [Fact]
    public override async Task GetObject_LatestIsDeleteMarker_ReturnsNoSuchKeyFlaggedAsDeleteMarker()
    {
        await Store.PutObjectAsync("k", "one");
        await Store.DeleteObjectAsync("k");

        using var result = await Store.GetObjectAsync(new GetObjectRequest { Key = "k" });

        result.Status.Should().Be(ObjectReadStatus.NoSuchKey);
        result.IsDeleteMarker.Should().BeFalse();
    }

    /// <summary>RGW 16 copies the requested source version but omits x-amz-copy-source-version-id from the answer; S3 sends it.</summary>
    [Fact]
    public override async Task CopyObject_SourceVersionId_CopiesThatVersionAndReportsIt()
    {
        var first = await Store.PutObjectAsync("src", "one");
        await Store.PutObjectAsync("src", "two");

        var copy = await Store.CopyObjectAsync(new CopyObjectRequest { SourceKey = "src", SourceVersionId = first.VersionId, DestinationKey = "dst" });

        copy.Succeeded.Should().BeTrue();
        copy.SourceVersionId.Should().NotBe(first.VersionId);
        (await ReadTextAsync("dst")).Should().Be("one");
    }

    /// <summary>RGW 16 answers a copy from an unknown source version with 404 NoSuchKey; S3 answers NoSuchVersion.</summary>
    [Fact]
    public override async Task CopyObject_UnknownSourceVersion_ThrowsNoSuchVersion()
    {
        await Store.PutObjectAsync("src", "x");

        await ShouldFailAsync(
            () => Store.CopyObjectAsync(new CopyObjectRequest { SourceKey = "src", SourceVersionId = new VersionId("nope"), DestinationKey = "dst" }).AsTask(),
            S3ErrorCode.NoSuchKey);
    }

    /// <summary>RGW 16 answers ListParts of an unknown upload id with 404 NoSuchKey; S3 answers NoSuchUpload.</summary>
    [Fact]
    public override async Task ListParts_UnknownUploadId_ThrowsNoSuchUpload()
    {
        await ShouldFailAsync(() => Store.ListPartsAsync(new ListPartsRequest { Key = "k", UploadId = "not-an-upload" }).AsTask(), S3ErrorCode.NoSuchKey);
    }

    /// <summary>RGW 16 answers a copy range beyond the source with 416 InvalidRange; S3 answers 400 InvalidArgument.</summary>
    [Fact]
    public override async Task UploadPartCopy_RangeBeyondSource_ThrowsInvalidArgument()
    {
        await Store.PutObjectAsync("src", "0123456789");
        var uploadId = await Store.CreateMultipartUploadAsync(new CreateMultipartUploadRequest { Key = "dst" });

        await ShouldFailAsync(
            () => Store.UploadPartCopyAsync(new UploadPartCopyRequest { Key = "dst", UploadId = uploadId, PartNumber = 1, SourceKey = "src", SourceRange = ByteRange.Between(5, 10) }).AsTask(),
            S3ErrorCode.InvalidRange);
    }

    /// <summary>RGW 16 uses the continuation token as a start-after key, so a garbage token lists the keys after it; S3 answers 400 InvalidArgument.</summary>
    [Fact]
    public override async Task ListObjectsV2_GarbageContinuationToken_ThrowsInvalidArgument()
    {
        await Store.PutObjectAsync("a", "1");

        var page = await Store.ListObjectsV2Async(new ListObjectsV2Request { ContinuationToken = "!!not a token!!" });

        page.Contents.Select(o => o.Key).Should().Equal("a");
    }

    protected override IObjectStore CreateStore() => _store ?? throw new InvalidOperationException("InitializeAsync creates the store.");

    protected override ValueTask AdvanceTimeAsync(TimeSpan duration) => ValueTask.CompletedTask;

    private async Task PutRejectsStorageClassAsync(StorageClass storageClass)
    {
        var error = await ShouldFailAsync(
            () => Store.PutObjectAsync(new PutObjectRequest { Key = "cold", Content = ObjectContent.FromString("frozen"), StorageClass = storageClass }).AsTask(),
            S3ErrorCode.InvalidArgument);

        error.StatusCode.Should().Be(400);
    }
}
