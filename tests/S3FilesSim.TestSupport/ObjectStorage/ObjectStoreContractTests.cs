using System.Security.Cryptography;
using System.Text;
using FluentAssertions;
using S3FilesSim.ObjectStorage;
using Xunit;

namespace S3FilesSim.TestSupport.ObjectStorage;

/// <summary>
/// The behaviour every <see cref="IObjectStore"/> must show, from the S3 API reference: derive, supply a fresh empty
/// versioned bucket from <see cref="CreateStore"/> and a way to let time pass, and every fact runs against it.
/// </summary>
/// <remarks>Sources: https://docs.aws.amazon.com/AmazonS3/latest/API/ (one page per operation, cited per region below),
/// https://docs.aws.amazon.com/AmazonS3/latest/userguide/conditional-writes.html,
/// https://docs.aws.amazon.com/AmazonS3/latest/userguide/versioning-workflows.html,
/// https://docs.aws.amazon.com/AmazonS3/latest/userguide/mpuoverview.html,
/// https://docs.aws.amazon.com/AmazonS3/latest/userguide/restoring-objects.html.</remarks>
public abstract class ObjectStoreContractTests
{
    private const int MiB = 1 << 20;
    private IObjectStore? _store;

    /// <summary>Gets the store under test, created on first use (every thread sees the same instance).</summary>
    protected IObjectStore Store => LazyInitializer.EnsureInitialized(ref _store, CreateStore);

    /// <summary>Gets the longest a restore of an archived object may take in the store under test.</summary>
    protected virtual TimeSpan MaxRestoreDelay => TimeSpan.FromHours(12);

    /// <summary>Creates an empty bucket with versioning enabled.</summary>
    /// <returns>The store.</returns>
    protected abstract IObjectStore CreateStore();

    /// <summary>Lets <paramref name="duration"/> pass for the store (virtual time for the in-memory store).</summary>
    /// <param name="duration">How long.</param>
    /// <returns>A task that completes when the time has passed.</returns>
    protected abstract ValueTask AdvanceTimeAsync(TimeSpan duration);

    // PutObject, GetObject, HeadObject: https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutObject.html

    [Fact]
    public async Task PutObject_NewKey_GetReturnsBytesAndQuotedMd5ETag()
    {
        var body = "hello"u8.ToArray();

        var put = await Store.PutObjectAsync("a.txt", body);
        var bytes = await Store.GetObjectBytesAsync("a.txt");

        put.Status.Should().Be(WriteStatus.Succeeded);
        put.ETag!.Value.Value.Should().Be("\"5d41402abc4b2a76b9719d911017c592\"");
        bytes.Should().Equal(body);
    }

    [Fact]
    public async Task PutObject_TwoWrites_CreateTwoDistinctVersions()
    {
        var first = await Store.PutObjectAsync("k", "one");

        var second = await Store.PutObjectAsync("k", "two");

        second.VersionId.Should().NotBe(first.VersionId);
        first.VersionId!.Value.IsNull.Should().BeFalse();
        (await ReadTextAsync("k")).Should().Be("two");
    }

    [Fact]
    public async Task PutObject_MixedCaseMetadataKeys_StoredLowerCaseAndReadCaseInsensitively()
    {
        await PutTextAsync("k", "x", metadata: new Dictionary<string, string> { ["File-Owner"] = "1000" });

        var head = await Store.HeadObjectAsync("k");

        head!.Metadata.Keys.Should().Equal("file-owner");
        head.Metadata["FILE-OWNER"].Should().Be("1000");
    }

    [Fact]
    public async Task PutObject_MetadataOver2KB_ThrowsMetadataTooLargeAndWritesNothing()
    {
        var metadata = new Dictionary<string, string> { ["k"] = new string('v', 2048) };

        var error = await ShouldFailAsync(() => PutTextAsync("big", "x", metadata: metadata), S3ErrorCode.MetadataTooLarge);

        error.StatusCode.Should().Be(400);
        (await Store.HeadObjectAsync("big")).Should().BeNull();
    }

    [Fact]
    public async Task PutObject_MetadataOfExactly2048Bytes_Succeeds()
    {
        var metadata = new Dictionary<string, string> { ["k"] = new string('v', 2047) };

        var put = await PutTextAsync("k", "x", metadata: metadata);

        put.Succeeded.Should().BeTrue();
    }

    [Theory]
    [InlineData(1025, 1)]
    [InlineData(342, 3)]
    public async Task PutObject_KeyOver1024Utf8Bytes_ThrowsKeyTooLongError(int characters, int bytesPerCharacter)
    {
        var key = new string(bytesPerCharacter == 1 ? 'a' : '€', characters);

        var error = await ShouldFailAsync(() => Store.PutObjectAsync(key, "x").AsTask(), S3ErrorCode.KeyTooLongError);

        error.StatusCode.Should().Be(400);
    }

    [Fact]
    public async Task PutObject_KeyOfExactly1024Utf8Bytes_Succeeds()
    {
        var key = new string('€', 341) + "a";

        await Store.PutObjectAsync(key, "x");

        (await ReadTextAsync(key)).Should().Be("x");
    }

    [Theory]
    [InlineData("a//b")]
    [InlineData("../x")]
    [InlineData("dir/")]
    [InlineData("./.")]
    [InlineData(" spaced name ")]
    [InlineData("ünïcödé/ファイル")]
    [InlineData("emoji-😀")]
    [InlineData("percent%20and+plus")]
    public async Task PutObject_UnusualButValidKey_RoundTrips(string key)
    {
        await Store.PutObjectAsync(key, "body");

        var listed = await Store.ListObjectsV2Async(new ListObjectsV2Request());

        (await ReadTextAsync(key)).Should().Be("body");
        listed.Contents.Select(o => o.Key).Should().Equal(key);
    }

    [Fact]
    public virtual async Task PutObject_ContentTypeAndStorageClass_ReportedByHeadObject()
    {
        await Store.PutObjectAsync(new PutObjectRequest
        {
            Key = "k",
            Content = ObjectContent.FromString("x"),
            ContentType = "text/plain",
            StorageClass = StorageClass.StandardInfrequentAccess,
        });

        var head = await Store.HeadObjectAsync("k");

        head!.ContentType.Should().Be("text/plain");
        head.StorageClass.Should().Be(StorageClass.StandardInfrequentAccess);
        head.ContentLength.Should().Be(1);
    }

    [Fact]
    public async Task PutObject_NoContentType_StoresBinaryOctetStream()
    {
        await Store.PutObjectAsync("k", "x");

        var head = await Store.HeadObjectAsync("k");

        head!.ContentType.Should().Be("binary/octet-stream");
        head.StorageClass.Should().Be(StorageClass.Standard);
    }

    [Fact]
    public async Task PutObject_EmptyBody_StoresZeroByteObject()
    {
        var put = await Store.PutObjectAsync("dir/", Array.Empty<byte>());

        var head = await Store.HeadObjectAsync("dir/");

        put.ETag!.Value.Value.Should().Be("\"d41d8cd98f00b204e9800998ecf8427e\"");
        head!.ContentLength.Should().Be(0);
    }

    [Fact]
    public async Task PutObject_GeneratedContent_ETagIsMd5OfItsBytes()
    {
        var content = ObjectContent.Generated(3 * MiB + 5, seed: 7);

        var put = await Store.PutObjectAsync(new PutObjectRequest { Key = "gen", Content = content });

        put.ETag!.Value.Value.Should().Be('"' + Convert.ToHexStringLower(MD5.HashData(content.ToArray())) + '"');
    }

    [Fact]
    public async Task PutObject_ContentChangedAfterPut_StoredBytesUnchanged()
    {
        var content = new MutableContent("before"u8.ToArray());
        await Store.PutObjectAsync(new PutObjectRequest { Key = "k", Content = content });

        content.Bytes = "after!"u8.ToArray();

        (await ReadTextAsync("k")).Should().Be("before");
    }

    // Conditional writes: https://docs.aws.amazon.com/AmazonS3/latest/userguide/conditional-writes.html

    [Fact]
    public async Task PutObject_IfNoneMatchStarOnExistingKey_ReturnsPreconditionFailedAndKeepsObject()
    {
        await Store.PutObjectAsync("k", "first");

        var put = await PutTextAsync("k", "second", ifNoneMatch: ETag.Any);

        put.Status.Should().Be(WriteStatus.PreconditionFailed);
        put.VersionId.Should().BeNull();
        (await ReadTextAsync("k")).Should().Be("first");
    }

    [Fact]
    public async Task PutObject_IfNoneMatchStarOnAbsentKey_Succeeds()
    {
        var put = await PutTextAsync("k", "first", ifNoneMatch: ETag.Any);

        put.Status.Should().Be(WriteStatus.Succeeded);
    }

    [Fact]
    public async Task PutObject_IfNoneMatchStarWhenLatestIsDeleteMarker_Succeeds()
    {
        await Store.PutObjectAsync("k", "first");
        await Store.DeleteObjectAsync("k");

        var put = await PutTextAsync("k", "again", ifNoneMatch: ETag.Any);

        put.Status.Should().Be(WriteStatus.Succeeded);
    }

    [Fact]
    public async Task PutObject_IfMatchCurrentETag_Succeeds()
    {
        var first = await Store.PutObjectAsync("k", "first");

        var put = await PutTextAsync("k", "second", ifMatch: first.ETag);

        put.Status.Should().Be(WriteStatus.Succeeded);
        (await ReadTextAsync("k")).Should().Be("second");
    }

    [Fact]
    public async Task PutObject_IfMatchStaleETag_ReturnsPreconditionFailed()
    {
        var first = await Store.PutObjectAsync("k", "first");
        await Store.PutObjectAsync("k", "second");

        var put = await PutTextAsync("k", "third", ifMatch: first.ETag);

        put.Status.Should().Be(WriteStatus.PreconditionFailed);
        (await ReadTextAsync("k")).Should().Be("second");
    }

    [Fact]
    public async Task PutObject_IfMatchOnAbsentKey_ReturnsNoSuchKey()
    {
        var put = await PutTextAsync("k", "x", ifMatch: ETag.Parse("\"5d41402abc4b2a76b9719d911017c592\""));

        put.Status.Should().Be(WriteStatus.NoSuchKey);
        (await Store.HeadObjectAsync("k")).Should().BeNull();
    }

    [Fact]
    public async Task PutObject_IfNoneMatchSpecificETag_ThrowsNotImplemented()
    {
        var error = await ShouldFailAsync(() => PutTextAsync("k", "x", ifNoneMatch: ETag.Parse("abc")), S3ErrorCode.NotImplemented);

        error.StatusCode.Should().Be(501);
    }

    [Fact]
    public virtual async Task PutObject_ConcurrentIfNoneMatchWriters_ExactlyOneWinsPerRound()
    {
        var rounds = await RaceIfNoneMatchWritersAsync(writers: 8, rounds: 20);

        rounds.Should().AllSatisfy(round =>
        {
            round.Winners.Should().ContainSingle();
            round.Stored.Should().Be(round.Winners[0]);
        });
    }

    /// <summary>Runs <paramref name="rounds"/> rounds in which <paramref name="writers"/> threads PutObject one key at
    /// once with <c>If-None-Match: *</c>, each writing its own number; returns, per round, the numbers whose PUT succeeded
    /// and the text the key holds afterwards.</summary>
    protected async Task<IReadOnlyList<(IReadOnlyList<string> Winners, string? Stored)>> RaceIfNoneMatchWritersAsync(int writers, int rounds)
    {
        var outcome = new List<(IReadOnlyList<string> Winners, string? Stored)>();
        for (var round = 0; round < rounds; round++)
        {
            var key = $"race/{round}";
            using var start = new Barrier(writers);
            var threads = Enumerable.Range(0, writers).Select(writer => Task.Factory.StartNew(
                () =>
                {
                    start.SignalAndWait();
                    return PutTextAsync(key, writer.ToString(System.Globalization.CultureInfo.InvariantCulture), ifNoneMatch: ETag.Any).GetAwaiter().GetResult();
                },
                CancellationToken.None,
                TaskCreationOptions.LongRunning,
                TaskScheduler.Default)).ToArray();
            var results = await Task.WhenAll(threads);
            var winners = Enumerable.Range(0, writers).Where(i => results[i].Succeeded).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
            outcome.Add((winners, await ReadTextAsync(key)));
        }

        return outcome;
    }

    // GetObject: https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObject.html

    [Theory]
    [InlineData("bytes=2-4", 2, "234")]
    [InlineData("bytes=7-", 7, "789")]
    [InlineData("bytes=-3", 7, "789")]
    [InlineData("bytes=8-100", 8, "89")]
    [InlineData("bytes=-100", 0, "0123456789")]
    public async Task GetObject_Range_ReturnsThoseBytesAsPartialContent(string range, long start, string expected)
    {
        await Store.PutObjectAsync("digits", "0123456789");

        using var result = await Store.GetObjectAsync(new GetObjectRequest { Key = "digits", Range = ByteRange.Parse(range) });

        result.IsPartial.Should().BeTrue();
        result.RangeStart.Should().Be(start);
        result.ContentLength.Should().Be(expected.Length);
        Encoding.UTF8.GetString(await result.ReadAllBytesAsync()).Should().Be(expected);
    }

    [Fact]
    public async Task GetObject_RangeStartingPastTheEnd_ThrowsInvalidRange()
    {
        await Store.PutObjectAsync("digits", "0123456789");

        var error = await ShouldFailAsync(
            () => Store.GetObjectAsync(new GetObjectRequest { Key = "digits", Range = ByteRange.From(10) }).AsTask(),
            S3ErrorCode.InvalidRange);

        error.StatusCode.Should().Be(416);
    }

    [Fact]
    public async Task GetObject_OlderVersionId_ReturnsThatVersion()
    {
        var first = await Store.PutObjectAsync("k", "one");
        await Store.PutObjectAsync("k", "two");

        using var result = await Store.GetObjectAsync(new GetObjectRequest { Key = "k", VersionId = first.VersionId });

        result.Object!.VersionId.Should().Be(first.VersionId!.Value);
        Encoding.UTF8.GetString(await result.ReadAllBytesAsync()).Should().Be("one");
    }

    [Fact]
    public virtual async Task GetObject_UnknownVersionId_ReturnsNoSuchVersion()
    {
        await Store.PutObjectAsync("k", "one");

        using var result = await Store.GetObjectAsync(new GetObjectRequest { Key = "k", VersionId = new VersionId("3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY") });

        result.Status.Should().Be(ObjectReadStatus.NoSuchVersion);
    }

    [Fact]
    public async Task GetObject_AbsentKey_ReturnsNoSuchKeyAndConvenienceNull()
    {
        using var result = await Store.GetObjectAsync(new GetObjectRequest { Key = "missing" });

        var convenience = await Store.GetObjectAsync("missing");

        result.Status.Should().Be(ObjectReadStatus.NoSuchKey);
        result.IsDeleteMarker.Should().BeFalse();
        convenience.Should().BeNull();
    }

    [Fact]
    public virtual async Task GetObject_LatestIsDeleteMarker_ReturnsNoSuchKeyFlaggedAsDeleteMarker()
    {
        await Store.PutObjectAsync("k", "one");
        var delete = await Store.DeleteObjectAsync("k");

        using var result = await Store.GetObjectAsync(new GetObjectRequest { Key = "k" });

        result.Status.Should().Be(ObjectReadStatus.NoSuchKey);
        result.IsDeleteMarker.Should().BeTrue();
        result.DeleteMarkerVersionId.Should().Be(delete.VersionId);
    }

    [Fact]
    public async Task GetObject_IfMatchOtherETag_ReturnsPreconditionFailed()
    {
        await Store.PutObjectAsync("k", "one");

        using var result = await Store.GetObjectAsync(new GetObjectRequest { Key = "k", IfMatch = ETag.Parse("\"00000000000000000000000000000000\"") });

        result.Status.Should().Be(ObjectReadStatus.PreconditionFailed);
        result.Object.Should().BeNull();
    }

    [Fact]
    public async Task GetObject_IfMatchCurrentETag_ReturnsObject()
    {
        var put = await Store.PutObjectAsync("k", "one");

        using var result = await Store.GetObjectAsync(new GetObjectRequest { Key = "k", IfMatch = put.ETag });

        result.Status.Should().Be(ObjectReadStatus.Found);
        Encoding.UTF8.GetString(await result.ReadAllBytesAsync()).Should().Be("one");
    }

    [Fact]
    public async Task GetObject_IfNoneMatchCurrentETag_ReturnsNotModified()
    {
        var put = await Store.PutObjectAsync("k", "one");

        using var result = await Store.GetObjectAsync(new GetObjectRequest { Key = "k", IfNoneMatch = put.ETag });

        result.Status.Should().Be(ObjectReadStatus.NotModified);
        result.Object!.ETag.Should().Be(put.ETag!.Value);
        result.ContentLength.Should().Be(0);
    }

    [Fact]
    public async Task GetObject_BodyStream_ReadsWholeObject()
    {
        await Store.PutObjectAsync("k", "stream me");

        using var result = await Store.GetObjectAsync(new GetObjectRequest { Key = "k" });
        using var reader = new StreamReader(result.Body);

        (await reader.ReadToEndAsync()).Should().Be("stream me");
    }

    // HeadObject: https://docs.aws.amazon.com/AmazonS3/latest/API/API_HeadObject.html

    [Fact]
    public async Task HeadObject_AbsentKey_ReturnsNull()
    {
        var head = await Store.HeadObjectAsync("inbox/a.txt");

        head.Should().BeNull();
    }

    [Fact]
    public async Task HeadObject_ExistingKey_ReturnsVersionETagAndLength()
    {
        var put = await Store.PutObjectAsync("k", "12345");

        var head = await Store.HeadObjectAsync("k");

        head!.VersionId.Should().Be(put.VersionId!.Value);
        head.ETag.Should().Be(put.ETag!.Value);
        head.ContentLength.Should().Be(5);
        if (put.LastModified is { } written)
        {
            head.LastModified.Should().Be(written, "S3's PutObject response carries no Last-Modified, so only stores that report it are checked");
        }
    }

    [Fact]
    public async Task HeadObject_IfNoneMatchCurrentETag_ReturnsNotModified()
    {
        var put = await Store.PutObjectAsync("k", "one");

        var result = await Store.HeadObjectAsync(new HeadObjectRequest { Key = "k", IfNoneMatch = put.ETag });

        result.Status.Should().Be(ObjectReadStatus.NotModified);
    }

    [Fact]
    public async Task HeadObject_IfMatchOtherETag_ReturnsPreconditionFailed()
    {
        await Store.PutObjectAsync("k", "one");

        var result = await Store.HeadObjectAsync(new HeadObjectRequest { Key = "k", IfMatch = ETag.Parse("other") });

        result.Status.Should().Be(ObjectReadStatus.PreconditionFailed);
    }

    [Fact]
    public virtual async Task HeadObject_VersionIdOfDeleteMarker_ReturnsNoSuchKeyFlaggedAsDeleteMarker()
    {
        await Store.PutObjectAsync("k", "one");
        var marker = await Store.DeleteObjectAsync("k");

        var result = await Store.HeadObjectAsync(new HeadObjectRequest { Key = "k", VersionId = marker.VersionId });

        result.Status.Should().Be(ObjectReadStatus.NoSuchKey);
        result.IsDeleteMarker.Should().BeTrue();
    }

    [Fact]
    public async Task HeadObject_UnknownVersionId_ReturnsNoSuchVersion()
    {
        await Store.PutObjectAsync("k", "one");

        var result = await Store.HeadObjectAsync(new HeadObjectRequest { Key = "k", VersionId = new VersionId("nope") });

        result.Status.Should().Be(ObjectReadStatus.NoSuchVersion);
    }

    // Archive storage classes: https://docs.aws.amazon.com/AmazonS3/latest/userguide/restoring-objects.html

    [Theory]
    [InlineData("GLACIER")]
    [InlineData("DEEP_ARCHIVE")]
    public virtual async Task GetObject_ArchivedObject_ThrowsInvalidObjectState(string storageClass)
    {
        await PutArchivedAsync("cold", new StorageClass(storageClass));

        var error = await ShouldFailAsync(() => Store.GetObjectAsync(new GetObjectRequest { Key = "cold" }).AsTask(), S3ErrorCode.InvalidObjectState);

        error.StatusCode.Should().Be(403);
    }

    [Fact]
    public virtual async Task HeadObject_ArchivedObject_ReturnsMetadataMarkedArchived()
    {
        await PutArchivedAsync("cold", StorageClass.Glacier);

        var head = await Store.HeadObjectAsync("cold");

        head!.StorageClass.Should().Be(StorageClass.Glacier);
        head.IsArchived.Should().BeTrue();
    }

    [Theory]
    [InlineData("GLACIER")]
    [InlineData("DEEP_ARCHIVE")]
    public virtual async Task RestoreObject_ArchivedObject_GetSucceedsOnceRestoreCompletes(string storageClass)
    {
        await PutArchivedAsync("cold", new StorageClass(storageClass));

        var status = await Store.RestoreObjectAsync(new RestoreObjectRequest { Key = "cold", Days = 2 });
        await AdvanceTimeAsync(MaxRestoreDelay);

        status.Should().Be(RestoreObjectStatus.Started);
        (await ReadTextAsync("cold")).Should().Be("frozen");
        (await Store.HeadObjectAsync("cold"))!.RestoreExpiresAt.Should().NotBeNull();
    }

    [Fact]
    public virtual async Task RestoreObject_WhileInProgress_ThrowsRestoreAlreadyInProgress()
    {
        await PutArchivedAsync("cold", StorageClass.Glacier);
        await Store.RestoreObjectAsync(new RestoreObjectRequest { Key = "cold" });

        var error = await ShouldFailAsync(() => Store.RestoreObjectAsync(new RestoreObjectRequest { Key = "cold" }).AsTask(), S3ErrorCode.RestoreAlreadyInProgress);

        error.StatusCode.Should().Be(409);
    }

    [Fact]
    public virtual async Task RestoreObject_AlreadyRestored_ReturnsAlreadyRestored()
    {
        await PutArchivedAsync("cold", StorageClass.Glacier);
        await Store.RestoreObjectAsync(new RestoreObjectRequest { Key = "cold" });
        await AdvanceTimeAsync(MaxRestoreDelay);

        var status = await Store.RestoreObjectAsync(new RestoreObjectRequest { Key = "cold", Days = 3 });

        status.Should().Be(RestoreObjectStatus.AlreadyRestored);
    }

    [Fact]
    public virtual async Task RestoreObject_StandardObject_ThrowsInvalidObjectState()
    {
        await Store.PutObjectAsync("warm", "x");

        await ShouldFailAsync(() => Store.RestoreObjectAsync(new RestoreObjectRequest { Key = "warm" }).AsTask(), S3ErrorCode.InvalidObjectState);
    }

    [Fact]
    public virtual async Task CopyObject_ArchivedSource_ThrowsInvalidObjectState()
    {
        await PutArchivedAsync("cold", StorageClass.DeepArchive);

        await ShouldFailAsync(() => Store.CopyObjectAsync(new CopyObjectRequest { SourceKey = "cold", DestinationKey = "copy" }).AsTask(), S3ErrorCode.InvalidObjectState);
    }

    // Versioning and deletes: https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteObject.html

    [Fact]
    public async Task DeleteObject_WithoutVersionId_CreatesDeleteMarkerAndKeepsVersions()
    {
        var put = await Store.PutObjectAsync("k", "one");

        var delete = await Store.DeleteObjectAsync("k");

        delete.DeleteMarker.Should().BeTrue();
        delete.VersionId.Should().NotBeNull().And.NotBe(put.VersionId);
        (await Store.HeadObjectAsync("k")).Should().BeNull();
        (await ReadTextAsync("k", put.VersionId)).Should().Be("one");
    }

    [Fact]
    public virtual async Task DeleteObject_AbsentKey_StillCreatesDeleteMarker()
    {
        var delete = await Store.DeleteObjectAsync("never-written");

        var versions = await Store.ListObjectVersionsAsync(new ListObjectVersionsRequest());

        delete.DeleteMarker.Should().BeTrue();
        versions.Versions.Should().ContainSingle().Which.IsDeleteMarker.Should().BeTrue();
    }

    [Fact]
    public async Task DeleteObject_WithVersionId_RemovesThatVersionPermanently()
    {
        var first = await Store.PutObjectAsync("k", "one");
        await Store.PutObjectAsync("k", "two");

        var delete = await Store.DeleteObjectAsync(new DeleteObjectRequest { Key = "k", VersionId = first.VersionId });

        delete.DeleteMarker.Should().BeFalse();
        delete.VersionId.Should().Be(first.VersionId);
        (await Store.HeadObjectAsync(new HeadObjectRequest { Key = "k", VersionId = first.VersionId })).Status.Should().Be(ObjectReadStatus.NoSuchVersion);
        (await ReadTextAsync("k")).Should().Be("two");
    }

    [Fact]
    public async Task DeleteObject_LatestVersionId_PreviousVersionBecomesCurrent()
    {
        await Store.PutObjectAsync("k", "one");
        var second = await Store.PutObjectAsync("k", "two");

        await Store.DeleteObjectAsync(new DeleteObjectRequest { Key = "k", VersionId = second.VersionId });

        (await ReadTextAsync("k")).Should().Be("one");
    }

    [Fact]
    public virtual async Task DeleteObject_DeleteMarkerVersionId_RemovesMarkerAndObjectReappears()
    {
        await Store.PutObjectAsync("k", "one");
        var marker = await Store.DeleteObjectAsync("k");

        var delete = await Store.DeleteObjectAsync(new DeleteObjectRequest { Key = "k", VersionId = marker.VersionId });

        delete.DeleteMarker.Should().BeTrue();
        (await ReadTextAsync("k")).Should().Be("one");
    }

    [Fact]
    public async Task DeleteObject_OnlyVersion_KeyLeavesVersionListing()
    {
        var put = await Store.PutObjectAsync("k", "one");

        await Store.DeleteObjectAsync(new DeleteObjectRequest { Key = "k", VersionId = put.VersionId });

        (await Store.ListObjectVersionsAsync(new ListObjectVersionsRequest())).Versions.Should().BeEmpty();
        (await Store.ListObjectsV2Async(new ListObjectsV2Request())).Contents.Should().BeEmpty();
    }

    [Fact]
    public async Task DeleteObjects_SeveralKeys_ReportsOneResultPerKey()
    {
        var put = await Store.PutObjectAsync("a", "1");
        await Store.PutObjectAsync("b", "2");

        var result = await Store.DeleteObjectsAsync(new DeleteObjectsRequest
        {
            Objects = [new ObjectIdentifier("a", put.VersionId), new ObjectIdentifier("b"), new ObjectIdentifier(new string('x', 1025))],
        });

        result.Deleted.Select(d => (d.Key, d.DeleteMarker)).Should().Equal(("a", false), ("b", true));
        result.Deleted[1].DeleteMarkerVersionId.Should().NotBeNull();
        result.Errors.Should().ContainSingle().Which.Code.Should().Be(S3ErrorCode.KeyTooLongError);
        (await Store.ListObjectsV2Async(new ListObjectsV2Request())).Contents.Should().BeEmpty();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1001)]
    public async Task DeleteObjects_NoneOrOver1000Keys_ThrowsMalformedXml(int count)
    {
        var objects = Enumerable.Range(0, count).Select(i => new ObjectIdentifier($"k{i}")).ToArray();

        var error = await ShouldFailAsync(() => Store.DeleteObjectsAsync(new DeleteObjectsRequest { Objects = objects }).AsTask(), S3ErrorCode.MalformedXml);

        error.StatusCode.Should().Be(400);
    }

    // ListObjectVersions: https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectVersions.html

    [Fact]
    public async Task ListObjectVersions_VersionsAndDeleteMarkers_NewestFirstWithIsLatest()
    {
        var v1 = await Store.PutObjectAsync("k", "one");
        var v2 = await Store.PutObjectAsync("k", "two");
        var marker = await Store.DeleteObjectAsync("k");

        var result = await Store.ListObjectVersionsAsync(new ListObjectVersionsRequest());

        result.Versions.Select(v => (v.VersionId, v.IsLatest, v.IsDeleteMarker)).Should().Equal(
            (marker.VersionId!.Value, true, true),
            (v2.VersionId!.Value, false, false),
            (v1.VersionId!.Value, false, false));
        result.Versions[1].ETag.Should().Be(v2.ETag);
        result.Versions[1].Size.Should().Be(3);
        result.IsTruncated.Should().BeFalse();
    }

    [Fact]
    public async Task ListObjectVersions_Prefix_ListsOnlyMatchingKeys()
    {
        await Store.PutObjectAsync("a/1", "x");
        await Store.PutObjectAsync("b/1", "x");

        var result = await Store.ListObjectVersionsAsync(new ListObjectVersionsRequest { Prefix = "b/" });

        result.Versions.Select(v => v.Key).Should().Equal("b/1");
    }

    [Fact]
    public async Task ListObjectVersions_PagedByTwo_ReturnsEveryVersionExactlyOnce()
    {
        var expected = new List<VersionId>();
        foreach (var key in new[] { "a", "b", "c" })
        {
            for (var i = 0; i < 3; i++)
            {
                expected.Add((await Store.PutObjectAsync(key, $"{key}{i}")).VersionId!.Value);
            }
        }

        var seen = new List<VersionId>();
        var request = new ListObjectVersionsRequest { MaxKeys = 2 };
        ListObjectVersionsResult page;
        do
        {
            page = await Store.ListObjectVersionsAsync(request);
            page.Versions.Count.Should().BeLessThanOrEqualTo(2);
            seen.AddRange(page.Versions.Select(v => v.VersionId));
            request = request with { KeyMarker = page.NextKeyMarker, VersionIdMarker = page.NextVersionIdMarker };
        }
        while (page.IsTruncated);

        seen.Should().BeEquivalentTo(expected).And.OnlyHaveUniqueItems();
    }

    [Fact]
    public async Task ListObjectVersions_VersionIdMarkerWithoutKeyMarker_ThrowsInvalidArgument()
    {
        var put = await Store.PutObjectAsync("k", "x");

        await ShouldFailAsync(
            () => Store.ListObjectVersionsAsync(new ListObjectVersionsRequest { VersionIdMarker = put.VersionId }).AsTask(),
            S3ErrorCode.InvalidArgument);
    }

    // CopyObject: https://docs.aws.amazon.com/AmazonS3/latest/API/API_CopyObject.html

    [Fact]
    public async Task CopyObject_DefaultDirective_CopiesBytesMetadataAndContentType()
    {
        await Store.PutObjectAsync(new PutObjectRequest
        {
            Key = "src",
            Content = ObjectContent.FromString("data"),
            ContentType = "text/plain",
            Metadata = new Dictionary<string, string> { ["file-owner"] = "1000" },
        });

        var copy = await Store.CopyObjectAsync(new CopyObjectRequest { SourceKey = "src", DestinationKey = "dst" });
        var head = await Store.HeadObjectAsync("dst");

        copy.Succeeded.Should().BeTrue();
        head!.Metadata["file-owner"].Should().Be("1000");
        head.ContentType.Should().Be("text/plain");
        head.ETag.Should().Be(copy.ETag!.Value);
        (await ReadTextAsync("dst")).Should().Be("data");
    }

    [Fact]
    public async Task CopyObject_ReplaceDirective_UsesRequestMetadata()
    {
        await PutTextAsync("src", "data", metadata: new Dictionary<string, string> { ["old"] = "1" });

        await Store.CopyObjectAsync(new CopyObjectRequest
        {
            SourceKey = "src",
            DestinationKey = "dst",
            MetadataDirective = MetadataDirective.Replace,
            Metadata = new Dictionary<string, string> { ["new"] = "2" },
        });
        var head = await Store.HeadObjectAsync("dst");

        head!.Metadata.Should().ContainKey("new").And.NotContainKey("old");
        head.ContentType.Should().Be("binary/octet-stream");
    }

    [Fact]
    public virtual async Task CopyObject_SourceVersionId_CopiesThatVersionAndReportsIt()
    {
        var first = await Store.PutObjectAsync("src", "one");
        await Store.PutObjectAsync("src", "two");

        var copy = await Store.CopyObjectAsync(new CopyObjectRequest { SourceKey = "src", SourceVersionId = first.VersionId, DestinationKey = "dst" });

        copy.SourceVersionId.Should().Be(first.VersionId);
        (await ReadTextAsync("dst")).Should().Be("one");
    }

    [Fact]
    public async Task CopyObject_OntoItselfWithCopyDirective_ThrowsInvalidRequest()
    {
        await Store.PutObjectAsync("k", "x");

        var error = await ShouldFailAsync(() => Store.CopyObjectAsync(new CopyObjectRequest { SourceKey = "k", DestinationKey = "k" }).AsTask(), S3ErrorCode.InvalidRequest);

        error.StatusCode.Should().Be(400);
    }

    [Fact]
    public async Task CopyObject_OntoItselfWithReplaceDirective_CreatesNewVersionWithNewMetadata()
    {
        var put = await Store.PutObjectAsync("k", "x");

        var copy = await Store.CopyObjectAsync(new CopyObjectRequest
        {
            SourceKey = "k",
            DestinationKey = "k",
            MetadataDirective = MetadataDirective.Replace,
            Metadata = new Dictionary<string, string> { ["file-permissions"] = "0100600" },
        });

        copy.VersionId.Should().NotBe(put.VersionId);
        (await Store.HeadObjectAsync("k"))!.Metadata["file-permissions"].Should().Be("0100600");
    }

    [Fact]
    public async Task CopyObject_MissingSource_ThrowsNoSuchKey()
    {
        var error = await ShouldFailAsync(() => Store.CopyObjectAsync(new CopyObjectRequest { SourceKey = "missing", DestinationKey = "dst" }).AsTask(), S3ErrorCode.NoSuchKey);

        error.StatusCode.Should().Be(404);
    }

    [Fact]
    public async Task CopyObject_UndefinedMetadataDirective_ThrowsInvalidArgumentAndWritesNothing()
    {
        await Store.PutObjectAsync("src", "x");

        await ShouldFailAsync(() => Store.CopyObjectAsync(new CopyObjectRequest { SourceKey = "src", DestinationKey = "dst", MetadataDirective = (MetadataDirective)7 }).AsTask(), S3ErrorCode.InvalidArgument);

        (await Store.HeadObjectAsync("dst")).Should().BeNull();
    }

    [Fact]
    public virtual async Task CopyObject_UnknownSourceVersion_ThrowsNoSuchVersion()
    {
        await Store.PutObjectAsync("src", "x");

        await ShouldFailAsync(
            () => Store.CopyObjectAsync(new CopyObjectRequest { SourceKey = "src", SourceVersionId = new VersionId("nope"), DestinationKey = "dst" }).AsTask(),
            S3ErrorCode.NoSuchVersion);
    }

    [Fact]
    public async Task CopyObject_CopySourceIfMatchMismatch_ReturnsPreconditionFailed()
    {
        await Store.PutObjectAsync("src", "x");

        var copy = await Store.CopyObjectAsync(new CopyObjectRequest { SourceKey = "src", DestinationKey = "dst", CopySourceIfMatch = ETag.Parse("other") });

        copy.Status.Should().Be(WriteStatus.PreconditionFailed);
        (await Store.HeadObjectAsync("dst")).Should().BeNull();
    }

    [Fact]
    public async Task CopyObject_IfNoneMatchOnExistingDestination_ReturnsPreconditionFailed()
    {
        await Store.PutObjectAsync("src", "new");
        await Store.PutObjectAsync("dst", "old");

        var copy = await Store.CopyObjectAsync(new CopyObjectRequest { SourceKey = "src", DestinationKey = "dst", IfNoneMatch = ETag.Any });

        copy.Status.Should().Be(WriteStatus.PreconditionFailed);
        (await ReadTextAsync("dst")).Should().Be("old");
    }

    // Multipart upload: https://docs.aws.amazon.com/AmazonS3/latest/userguide/mpuoverview.html

    [Fact]
    public async Task CompleteMultipartUpload_TwoParts_ConcatenatesWithCompositeETag()
    {
        var part1 = ObjectContent.Generated(5 * MiB, seed: 1);
        var part2 = ObjectContent.FromString("tail");
        var uploadId = await Store.CreateMultipartUploadAsync(new CreateMultipartUploadRequest
        {
            Key = "big",
            ContentType = "application/x-test",
            Metadata = new Dictionary<string, string> { ["file-owner"] = "7" },
        });
        var etag1 = await Store.UploadPartAsync(new UploadPartRequest { Key = "big", UploadId = uploadId, PartNumber = 1, Content = part1 });
        var etag2 = await Store.UploadPartAsync(new UploadPartRequest { Key = "big", UploadId = uploadId, PartNumber = 2, Content = part2 });

        var complete = await Store.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
        {
            Key = "big",
            UploadId = uploadId,
            Parts = [new CompletedPart(1, etag1), new CompletedPart(2, etag2)],
        });
        var head = await Store.HeadObjectAsync("big");
        using var tail = await Store.GetObjectAsync(new GetObjectRequest { Key = "big", Range = ByteRange.Suffix(6) });

        var md1 = MD5.HashData(part1.ToArray());
        var md2 = MD5.HashData(part2.ToArray());
        etag1.Value.Should().Be('"' + Convert.ToHexStringLower(md1) + '"');
        complete.ETag!.Value.Value.Should().Be('"' + Convert.ToHexStringLower(MD5.HashData([.. md1, .. md2])) + "-2\"");
        complete.ETag.Value.PartCount.Should().Be(2);
        head!.ContentLength.Should().Be((5 * MiB) + 4);
        head.ContentType.Should().Be("application/x-test");
        head.Metadata["file-owner"].Should().Be("7");
        (await tail.ReadAllBytesAsync()).Should().Equal([.. part1.ToArray()[^2..], .. "tail"u8.ToArray()]);
    }

    [Fact]
    public async Task CompleteMultipartUpload_NonLastPartUnder5MiB_ThrowsEntityTooSmall()
    {
        var (uploadId, parts) = await UploadPartsAsync("k", 5 * MiB - 1, 10);

        var error = await ShouldFailAsync(() => CompleteAsync("k", uploadId, parts), S3ErrorCode.EntityTooSmall);

        error.StatusCode.Should().Be(400);
        (await Store.HeadObjectAsync("k")).Should().BeNull();
    }

    [Fact]
    public async Task CompleteMultipartUpload_WrongPartETag_ThrowsInvalidPart()
    {
        var (uploadId, _) = await UploadPartsAsync("k", 10);

        await ShouldFailAsync(() => CompleteAsync("k", uploadId, [new CompletedPart(1, ETag.Parse("\"00000000000000000000000000000000\""))]), S3ErrorCode.InvalidPart);
    }

    [Fact]
    public async Task CompleteMultipartUpload_PartNeverUploaded_ThrowsInvalidPart()
    {
        var (uploadId, parts) = await UploadPartsAsync("k", 10);

        await ShouldFailAsync(() => CompleteAsync("k", uploadId, [parts[0], new CompletedPart(2, parts[0].ETag)]), S3ErrorCode.InvalidPart);
    }

    [Fact]
    public async Task CompleteMultipartUpload_PartsOutOfOrder_ThrowsInvalidPartOrder()
    {
        var (uploadId, parts) = await UploadPartsAsync("k", 5 * MiB, 10);

        await ShouldFailAsync(() => CompleteAsync("k", uploadId, [parts[1], parts[0]]), S3ErrorCode.InvalidPartOrder);
    }

    [Fact]
    public async Task CompleteMultipartUpload_NoParts_ThrowsMalformedXml()
    {
        var (uploadId, _) = await UploadPartsAsync("k", 10);

        await ShouldFailAsync(() => CompleteAsync("k", uploadId, []), S3ErrorCode.MalformedXml);
    }

    /// <summary>S3 answers a completion repeated for an upload that already completed (a retry after a lost response)
    /// with the first completion's result instead of NoSuchUpload.</summary>
    [Fact]
    public virtual async Task CompleteMultipartUpload_Repeated_AnswersTheFirstResult()
    {
        var (uploadId, parts) = await UploadPartsAsync("k", 10);
        var first = await CompleteAsync("k", uploadId, parts);

        var second = await CompleteAsync("k", uploadId, parts);

        second.Succeeded.Should().BeTrue();
        second.ETag.Should().Be(first.ETag);
        second.VersionId.Should().Be(first.VersionId);
        (await Store.HeadObjectAsync("k"))!.ETag.Should().Be(first.ETag!.Value);
    }

    [Fact]
    public async Task CompleteMultipartUpload_IfNoneMatchOnExistingKey_ReturnsPreconditionFailedAndUploadStaysOpen()
    {
        await Store.PutObjectAsync("k", "existing");
        var (uploadId, parts) = await UploadPartsAsync("k", 10);

        var result = await Store.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest { Key = "k", UploadId = uploadId, Parts = parts, IfNoneMatch = ETag.Any });
        var listed = await Store.ListPartsAsync(new ListPartsRequest { Key = "k", UploadId = uploadId });

        result.Status.Should().Be(WriteStatus.PreconditionFailed);
        listed.Parts.Should().ContainSingle();
        (await ReadTextAsync("k")).Should().Be("existing");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10_001)]
    public async Task UploadPart_PartNumberOutside1To10000_ThrowsInvalidArgument(int partNumber)
    {
        var uploadId = await Store.CreateMultipartUploadAsync(new CreateMultipartUploadRequest { Key = "k" });

        await ShouldFailAsync(
            () => Store.UploadPartAsync(new UploadPartRequest { Key = "k", UploadId = uploadId, PartNumber = partNumber, Content = ObjectContent.FromString("x") }).AsTask(),
            S3ErrorCode.InvalidArgument);
    }

    [Fact]
    public virtual async Task UploadPart_UnknownUploadId_ThrowsNoSuchUpload()
    {
        await ShouldFailAsync(
            () => Store.UploadPartAsync(new UploadPartRequest { Key = "k", UploadId = "not-an-upload", PartNumber = 1, Content = ObjectContent.FromString("x") }).AsTask(),
            S3ErrorCode.NoSuchUpload);
    }

    [Fact]
    public async Task UploadPart_SamePartNumberTwice_LastUploadWins()
    {
        var uploadId = await Store.CreateMultipartUploadAsync(new CreateMultipartUploadRequest { Key = "k" });
        await Store.UploadPartAsync(new UploadPartRequest { Key = "k", UploadId = uploadId, PartNumber = 1, Content = ObjectContent.FromString("first") });
        var etag = await Store.UploadPartAsync(new UploadPartRequest { Key = "k", UploadId = uploadId, PartNumber = 1, Content = ObjectContent.FromString("second") });

        await CompleteAsync("k", uploadId, [new CompletedPart(1, etag)]);

        (await ReadTextAsync("k")).Should().Be("second");
    }

    [Fact]
    public virtual async Task AbortMultipartUpload_ThenUploadPart_ThrowsNoSuchUpload()
    {
        var uploadId = await Store.CreateMultipartUploadAsync(new CreateMultipartUploadRequest { Key = "k" });

        await Store.AbortMultipartUploadAsync("k", uploadId);

        await ShouldFailAsync(
            () => Store.UploadPartAsync(new UploadPartRequest { Key = "k", UploadId = uploadId, PartNumber = 1, Content = ObjectContent.FromString("x") }).AsTask(),
            S3ErrorCode.NoSuchUpload);
    }

    [Fact]
    public async Task AbortMultipartUpload_UnknownUploadId_ThrowsNoSuchUpload()
    {
        await ShouldFailAsync(() => Store.AbortMultipartUploadAsync("k", "not-an-upload").AsTask(), S3ErrorCode.NoSuchUpload);
    }

    [Fact]
    public async Task ListParts_ThreeParts_ListsInOrderWithSizesAndPages()
    {
        var (uploadId, parts) = await UploadPartsAsync("k", 3, 1, 2);

        var first = await Store.ListPartsAsync(new ListPartsRequest { Key = "k", UploadId = uploadId, MaxParts = 2 });
        var second = await Store.ListPartsAsync(new ListPartsRequest { Key = "k", UploadId = uploadId, PartNumberMarker = first.NextPartNumberMarker!.Value });

        first.Parts.Select(p => (p.PartNumber, p.Size, p.ETag)).Should().Equal((1, 3L, parts[0].ETag), (2, 1L, parts[1].ETag));
        first.IsTruncated.Should().BeTrue();
        second.Parts.Select(p => p.PartNumber).Should().Equal(3);
        second.IsTruncated.Should().BeFalse();
    }

    [Fact]
    public virtual async Task ListParts_UnknownUploadId_ThrowsNoSuchUpload()
    {
        await ShouldFailAsync(() => Store.ListPartsAsync(new ListPartsRequest { Key = "k", UploadId = "not-an-upload" }).AsTask(), S3ErrorCode.NoSuchUpload);
    }

    [Fact]
    public async Task UploadPartCopy_SourceRange_CopiesThoseBytes()
    {
        await Store.PutObjectAsync("src", "0123456789");
        var uploadId = await Store.CreateMultipartUploadAsync(new CreateMultipartUploadRequest { Key = "dst" });

        var etag = await Store.UploadPartCopyAsync(new UploadPartCopyRequest
        {
            Key = "dst", UploadId = uploadId, PartNumber = 1, SourceKey = "src", SourceRange = ByteRange.Between(2, 5),
        });
        await CompleteAsync("dst", uploadId, [new CompletedPart(1, etag)]);

        etag.Value.Should().Be('"' + Convert.ToHexStringLower(MD5.HashData("2345"u8)) + '"');
        (await ReadTextAsync("dst")).Should().Be("2345");
    }

    [Fact]
    public virtual async Task UploadPartCopy_RangeBeyondSource_ThrowsInvalidArgument()
    {
        await Store.PutObjectAsync("src", "0123456789");
        var uploadId = await Store.CreateMultipartUploadAsync(new CreateMultipartUploadRequest { Key = "dst" });

        await ShouldFailAsync(
            () => Store.UploadPartCopyAsync(new UploadPartCopyRequest
            {
                Key = "dst", UploadId = uploadId, PartNumber = 1, SourceKey = "src", SourceRange = ByteRange.Between(5, 10),
            }).AsTask(),
            S3ErrorCode.InvalidArgument);
    }

    [Fact]
    public async Task CreateMultipartUpload_MetadataOver2KB_ThrowsMetadataTooLarge()
    {
        await ShouldFailAsync(
            () => Store.CreateMultipartUploadAsync(new CreateMultipartUploadRequest
            {
                Key = "k",
                Metadata = new Dictionary<string, string> { ["a"] = new string('b', 1500), ["c"] = new string('d', 1500) },
            }).AsTask(),
            S3ErrorCode.MetadataTooLarge);
    }

    // ListObjectsV2: https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectsV2.html

    [Fact]
    public async Task ListObjectsV2_MixedScripts_ListedInUtf8BinaryOrder()
    {
        string[] keys = ["é", "Z", "a", "\uE000", "😀", "a/b", "a-b", "A"];
        foreach (var key in keys)
        {
            await Store.PutObjectAsync(key, "x");
        }

        var result = await Store.ListObjectsV2Async(new ListObjectsV2Request());

        var expected = keys.OrderBy(k => Encoding.UTF8.GetBytes(k), Comparer<byte[]>.Create((x, y) => x.AsSpan().SequenceCompareTo(y))).ToArray();
        result.Contents.Select(o => o.Key).Should().Equal(expected);
        expected.Should().EndWith(["\uE000", "😀"]);
    }

    [Fact]
    public async Task ListObjectsV2_Delimiter_RollsKeysUpIntoCommonPrefixes()
    {
        foreach (var key in new[] { "a.txt", "dir/1", "dir/2", "dir/sub/3", "other/x", "z" })
        {
            await Store.PutObjectAsync(key, "x");
        }

        var result = await Store.ListObjectsV2Async(new ListObjectsV2Request { Delimiter = "/" });

        result.Contents.Select(o => o.Key).Should().Equal("a.txt", "z");
        result.CommonPrefixes.Should().Equal("dir/", "other/");
        result.KeyCount.Should().Be(4);
        result.IsTruncated.Should().BeFalse();
    }

    [Fact]
    public async Task ListObjectsV2_PrefixAndDelimiter_ListsOneLevel()
    {
        foreach (var key in new[] { "dir/", "dir/1", "dir/sub/3", "dirt", "other/x" })
        {
            await Store.PutObjectAsync(key, "x");
        }

        var result = await Store.ListObjectsV2Async(new ListObjectsV2Request { Prefix = "dir/", Delimiter = "/" });

        result.Contents.Select(o => o.Key).Should().Equal("dir/", "dir/1");
        result.CommonPrefixes.Should().Equal("dir/sub/");
    }

    [Fact]
    public async Task ListObjectsV2_StartAfter_ListsOnlyLaterKeys()
    {
        foreach (var key in new[] { "a", "b", "c", "d" })
        {
            await Store.PutObjectAsync(key, "x");
        }

        var result = await Store.ListObjectsV2Async(new ListObjectsV2Request { StartAfter = "b" });

        result.Contents.Select(o => o.Key).Should().Equal("c", "d");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("/")]
    public async Task ListObjectsV2_PagedBySeven_ReturnsEveryEntryExactlyOnce(string? delimiter)
    {
        var keys = Enumerable.Range(0, 60).Select(i => $"d{i % 7}/{(i % 3 == 0 ? "s/" : string.Empty)}k{i:D3}").Concat(["top1", "top2"]).ToArray();
        foreach (var key in keys)
        {
            await Store.PutObjectAsync(key, "x");
        }

        var whole = await Store.ListObjectsV2Async(new ListObjectsV2Request { Delimiter = delimiter });
        var paged = new List<string>();
        var request = new ListObjectsV2Request { Delimiter = delimiter, MaxKeys = 7 };
        ListObjectsV2Result page;
        do
        {
            page = await Store.ListObjectsV2Async(request);
            page.KeyCount.Should().BeLessThanOrEqualTo(7);
            paged.AddRange(page.Contents.Select(o => o.Key).Concat(page.CommonPrefixes));
            request = request with { ContinuationToken = page.NextContinuationToken };
        }
        while (page.IsTruncated);

        paged.Should().OnlyHaveUniqueItems();
        paged.Should().BeEquivalentTo(whole.Contents.Select(o => o.Key).Concat(whole.CommonPrefixes));
        paged.Count.Should().Be(delimiter is null ? keys.Length : 9);
    }

    [Fact]
    public async Task ListObjectsV2_MoreThan1000Keys_FirstPageHolds1000AndIsTruncated()
    {
        for (var i = 0; i < 1001; i++)
        {
            await Store.PutObjectAsync($"k{i:D4}", Array.Empty<byte>());
        }

        var first = await Store.ListObjectsV2Async(new ListObjectsV2Request { MaxKeys = 5000 });
        var second = await Store.ListObjectsV2Async(new ListObjectsV2Request { ContinuationToken = first.NextContinuationToken });

        first.KeyCount.Should().Be(1000);
        first.IsTruncated.Should().BeTrue();
        second.Contents.Select(o => o.Key).Should().Equal("k1000");
        second.IsTruncated.Should().BeFalse();
        second.NextContinuationToken.Should().BeNull();
    }

    [Fact]
    public async Task ListObjectsV2_DeletedKey_NotListed()
    {
        await Store.PutObjectAsync("gone", "x");
        await Store.PutObjectAsync("kept", "x");
        await Store.DeleteObjectAsync("gone");

        var result = await Store.ListObjectsV2Async(new ListObjectsV2Request());

        result.Contents.Select(o => o.Key).Should().Equal("kept");
    }

    [Fact]
    public async Task ListObjectsV2_Contents_CarryLatestETagSizeAndStorageClass()
    {
        await Store.PutObjectAsync("k", "old");
        var put = await Store.PutObjectAsync("k", "newer");

        var result = await Store.ListObjectsV2Async(new ListObjectsV2Request());

        var entry = result.Contents.Should().ContainSingle().Subject;
        entry.ETag.Should().Be(put.ETag!.Value);
        entry.Size.Should().Be(5);
        entry.StorageClass.Should().Be(StorageClass.Standard);
    }

    [Fact]
    public virtual async Task ListObjectsV2_GarbageContinuationToken_ThrowsInvalidArgument()
    {
        await ShouldFailAsync(() => Store.ListObjectsV2Async(new ListObjectsV2Request { ContinuationToken = "!!not a token!!" }).AsTask(), S3ErrorCode.InvalidArgument);
    }

    [Fact]
    public async Task ListObjectsV2_NegativeMaxKeys_ThrowsInvalidArgument()
    {
        await ShouldFailAsync(() => Store.ListObjectsV2Async(new ListObjectsV2Request { MaxKeys = -1 }).AsTask(), S3ErrorCode.InvalidArgument);
    }

    /// <summary>Writes text with optional metadata and preconditions.</summary>
    /// <param name="key">The key.</param>
    /// <param name="text">The body.</param>
    /// <param name="metadata">User metadata.</param>
    /// <param name="ifMatch">If-Match.</param>
    /// <param name="ifNoneMatch">If-None-Match.</param>
    /// <returns>The write result.</returns>
    protected Task<ObjectWriteResult> PutTextAsync(string key, string text, IReadOnlyDictionary<string, string>? metadata = null, ETag? ifMatch = null, ETag? ifNoneMatch = null) =>
        Store.PutObjectAsync(new PutObjectRequest { Key = key, Content = ObjectContent.FromString(text), Metadata = metadata, IfMatch = ifMatch, IfNoneMatch = ifNoneMatch }).AsTask();

    /// <summary>Reads a version (the latest by default) as UTF-8 text.</summary>
    /// <param name="key">The key.</param>
    /// <param name="versionId">The version, or null for the latest.</param>
    /// <returns>The text.</returns>
    protected async Task<string> ReadTextAsync(string key, VersionId? versionId = null)
    {
        using var result = await Store.GetObjectAsync(new GetObjectRequest { Key = key, VersionId = versionId });
        result.Status.Should().Be(ObjectReadStatus.Found, "'{0}' should exist", key);
        return Encoding.UTF8.GetString(await result.ReadAllBytesAsync());
    }

    /// <summary>Asserts that <paramref name="act"/> throws an <see cref="ObjectStoreException"/> with <paramref name="errorCode"/>.</summary>
    /// <param name="act">The call.</param>
    /// <param name="errorCode">The expected S3 error code.</param>
    /// <returns>The exception.</returns>
    protected static async Task<ObjectStoreException> ShouldFailAsync(Func<Task> act, string errorCode)
    {
        var thrown = await act.Should().ThrowAsync<ObjectStoreException>();
        thrown.Which.ErrorCode.Should().Be(errorCode);
        return thrown.Which;
    }

    private Task PutArchivedAsync(string key, StorageClass storageClass) =>
        Store.PutObjectAsync(new PutObjectRequest { Key = key, Content = ObjectContent.FromString("frozen"), StorageClass = storageClass }).AsTask();

    private async Task<(string UploadId, CompletedPart[] Parts)> UploadPartsAsync(string key, params long[] sizes)
    {
        var uploadId = await Store.CreateMultipartUploadAsync(new CreateMultipartUploadRequest { Key = key });
        var parts = new CompletedPart[sizes.Length];
        for (var i = 0; i < sizes.Length; i++)
        {
            var etag = await Store.UploadPartAsync(new UploadPartRequest { Key = key, UploadId = uploadId, PartNumber = i + 1, Content = ObjectContent.Generated(sizes[i], i) });
            parts[i] = new CompletedPart(i + 1, etag);
        }

        return (uploadId, parts);
    }

    private Task<ObjectWriteResult> CompleteAsync(string key, string uploadId, CompletedPart[] parts) =>
        Store.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest { Key = key, UploadId = uploadId, Parts = parts }).AsTask();

    /// <summary>Content whose bytes the test changes after writing, to check that stores snapshot it.</summary>
    private sealed class MutableContent(byte[] bytes) : ObjectContent
    {
        public byte[] Bytes { get; set; } = bytes;

        public override long Length => Bytes.Length;

        public override int Read(long offset, Span<byte> destination)
        {
            var count = (int)Math.Min(destination.Length, Bytes.Length - offset);
            Bytes.AsSpan((int)offset, count).CopyTo(destination);
            return count;
        }
    }
}
