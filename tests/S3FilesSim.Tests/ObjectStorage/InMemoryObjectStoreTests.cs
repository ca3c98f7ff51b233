using System.Security.Cryptography;
using FluentAssertions;
using S3FilesSim.ObjectStorage;
using S3FilesSim.Time;
using Xunit;

namespace S3FilesSim.Tests.ObjectStorage;

/// <summary>Behaviour of the in-memory bucket beyond the contract: virtual time, versioning off, archive tiers, snapshots, capabilities.</summary>
public sealed class InMemoryObjectStoreTests
{
    private readonly VirtualClock _clock = new();

    [Fact]
    public async Task PutObject_AfterTimePassed_LastModifiedIsVirtualTime()
    {
        var store = CreateStore();
        await _clock.Scheduler.AdvanceAsync(TimeSpan.FromMinutes(3));

        var put = await store.PutObjectAsync("k", "x");

        put.LastModified.Should().Be(VirtualClock.DefaultStart + TimeSpan.FromMinutes(3));
        (await store.HeadObjectAsync("k"))!.LastModified.Should().Be(put.LastModified!.Value);
    }

    [Fact]
    public async Task HeadObject_KeyOverloadWhenLatestIsDeleteMarker_ReturnsNull()
    {
        var store = CreateStore();
        var put = await store.PutObjectAsync("k", "x");
        var before = await store.HeadObjectAsync("k");

        await store.DeleteObjectAsync("k");

        before!.VersionId.Should().Be(put.VersionId!.Value);
        (await store.HeadObjectAsync("k")).Should().BeNull();
    }

    [Fact]
    public async Task PutObject_VersioningOff_OverwritesNullVersion()
    {
        var store = CreateStore(new InMemoryObjectStoreOptions { Versioning = false });
        await store.PutObjectAsync("k", "one");

        var second = await store.PutObjectAsync("k", "two");

        second.VersionId.Should().Be(VersionId.Null);
        var versions = await store.ListObjectVersionsAsync(new ListObjectVersionsRequest());
        versions.Versions.Should().ContainSingle().Which.VersionId.IsNull.Should().BeTrue();
        (await store.GetObjectBytesAsync("k")).Should().Equal("two"u8.ToArray());
        store.Capabilities.Versioning.Should().BeFalse();
    }

    [Fact]
    public async Task DeleteObject_VersioningOff_NullDeleteMarkerReplacesNullVersion()
    {
        var store = CreateStore(new InMemoryObjectStoreOptions { Versioning = false });
        await store.PutObjectAsync("k", "one");

        var delete = await store.DeleteObjectAsync("k");

        delete.VersionId.Should().Be(VersionId.Null);
        delete.DeleteMarker.Should().BeTrue();
        var versions = await store.ListObjectVersionsAsync(new ListObjectVersionsRequest());
        versions.Versions.Should().ContainSingle().Which.IsDeleteMarker.Should().BeTrue();
    }

    [Fact]
    public void Capabilities_Default_ReportsEverythingSupported()
    {
        var store = CreateStore();

        store.Capabilities.Should().Be(ObjectStoreCapabilities.All);
        store.Capabilities.ConditionalWrites.Should().BeTrue();
        store.Capabilities.Multipart.Should().BeTrue();
    }

    [Fact]
    public async Task RestoreObject_Glacier_StillArchivedUntilTheDelayHasPassed()
    {
        var store = CreateStore();
        await PutAsync(store, "cold", StorageClass.Glacier);
        await store.RestoreObjectAsync(new RestoreObjectRequest { Key = "cold" });

        await _clock.Scheduler.AdvanceAsync(TimeSpan.FromHours(4) - TimeSpan.FromTicks(1));

        (await store.HeadObjectAsync("cold"))!.RestoreInProgress.Should().BeTrue();
        await ShouldFailAsync(() => store.GetObjectAsync("cold").AsTask(), S3ErrorCode.InvalidObjectState);
        await _clock.Scheduler.AdvanceAsync(TimeSpan.FromTicks(1));
        (await store.GetObjectBytesAsync("cold")).Should().Equal("frozen"u8.ToArray());
    }

    [Fact]
    public async Task RestoreObject_DeepArchive_UsesDeepArchiveDelay()
    {
        var store = CreateStore(new InMemoryObjectStoreOptions { DeepArchiveRestoreDelay = TimeSpan.FromHours(48) });
        await PutAsync(store, "cold", StorageClass.DeepArchive);
        await store.RestoreObjectAsync(new RestoreObjectRequest { Key = "cold" });

        await _clock.Scheduler.AdvanceAsync(TimeSpan.FromHours(47));

        (await store.HeadObjectAsync("cold"))!.IsArchived.Should().BeTrue();
        await _clock.Scheduler.AdvanceAsync(TimeSpan.FromHours(1));
        (await store.HeadObjectAsync("cold"))!.IsArchived.Should().BeFalse();
    }

    [Fact]
    public async Task RestoreObject_AfterDaysElapse_RestoredCopyExpiresAndObjectIsArchivedAgain()
    {
        var store = CreateStore();
        await PutAsync(store, "cold", StorageClass.Glacier);
        await store.RestoreObjectAsync(new RestoreObjectRequest { Key = "cold", Days = 2 });
        await _clock.Scheduler.AdvanceAsync(TimeSpan.FromHours(4));
        var expiresAt = (await store.HeadObjectAsync("cold"))!.RestoreExpiresAt;

        await _clock.Scheduler.AdvanceAsync(TimeSpan.FromDays(2));

        expiresAt.Should().Be(VirtualClock.DefaultStart + TimeSpan.FromHours(4) + TimeSpan.FromDays(2));
        await ShouldFailAsync(() => store.GetObjectAsync("cold").AsTask(), S3ErrorCode.InvalidObjectState);
    }

    [Fact]
    public async Task RestoreObject_AlreadyRestored_ExtendsExpiry()
    {
        var store = CreateStore();
        await PutAsync(store, "cold", StorageClass.Glacier);
        await store.RestoreObjectAsync(new RestoreObjectRequest { Key = "cold", Days = 1 });
        await _clock.Scheduler.AdvanceAsync(TimeSpan.FromHours(4));

        await store.RestoreObjectAsync(new RestoreObjectRequest { Key = "cold", Days = 5 });
        await _clock.Scheduler.AdvanceAsync(TimeSpan.FromDays(2));

        (await store.GetObjectBytesAsync("cold")).Should().Equal("frozen"u8.ToArray());
    }

    [Fact]
    public async Task RestoreObject_ZeroDays_ThrowsInvalidArgument()
    {
        var store = CreateStore();
        await PutAsync(store, "cold", StorageClass.Glacier);

        await ShouldFailAsync(() => store.RestoreObjectAsync(new RestoreObjectRequest { Key = "cold", Days = 0 }).AsTask(), S3ErrorCode.InvalidArgument);
    }

    [Fact]
    public async Task GetObject_IntelligentTieringInArchiveAccessTier_ThrowsInvalidObjectStateAndReportsArchiveStatus()
    {
        var store = CreateStore();
        await PutAsync(store, "it", StorageClass.IntelligentTiering);

        store.SetIntelligentTieringAccessTier("it", IntelligentTieringAccessTier.ArchiveAccess);

        (await store.HeadObjectAsync("it"))!.ArchiveStatus.Should().Be(IntelligentTieringAccessTier.ArchiveAccess);
        await ShouldFailAsync(() => store.GetObjectAsync("it").AsTask(), S3ErrorCode.InvalidObjectState);
    }

    [Fact]
    public async Task RestoreObject_IntelligentTieringDeepArchiveTier_MovesBackToFrequentTierAfterDelay()
    {
        var store = CreateStore();
        await PutAsync(store, "it", StorageClass.IntelligentTiering);
        store.SetIntelligentTieringAccessTier("it", IntelligentTieringAccessTier.DeepArchiveAccess);

        await store.RestoreObjectAsync(new RestoreObjectRequest { Key = "it" });
        await _clock.Scheduler.AdvanceAsync(TimeSpan.FromHours(12));

        var head = await store.HeadObjectAsync("it");
        head!.ArchiveStatus.Should().BeNull();
        head.RestoreExpiresAt.Should().BeNull();
        (await store.GetObjectBytesAsync("it")).Should().Equal("frozen"u8.ToArray());
    }

    [Fact]
    public async Task SetIntelligentTieringAccessTier_StandardObject_ThrowsInvalidObjectState()
    {
        var store = CreateStore();
        await store.PutObjectAsync("k", "x");

        var act = () => store.SetIntelligentTieringAccessTier("k", IntelligentTieringAccessTier.ArchiveAccess);

        act.Should().Throw<ObjectStoreException>().Which.ErrorCode.Should().Be(S3ErrorCode.InvalidObjectState);
    }

    [Fact]
    public async Task CopyObject_MultipartSource_CopyGetsSinglePartMd5ETag()
    {
        var store = CreateStore();
        var uploadId = await store.CreateMultipartUploadAsync(new CreateMultipartUploadRequest { Key = "mp" });
        var etag = await store.UploadPartAsync(new UploadPartRequest { Key = "mp", UploadId = uploadId, PartNumber = 1, Content = ObjectContent.FromString("abc") });
        await store.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest { Key = "mp", UploadId = uploadId, Parts = [new CompletedPart(1, etag)] });

        var copy = await store.CopyObjectAsync(new CopyObjectRequest { SourceKey = "mp", DestinationKey = "copy" });

        copy.ETag!.Value.Value.Should().Be('"' + Convert.ToHexStringLower(MD5.HashData("abc"u8)) + '"');
        copy.ETag.Value.IsMultipart.Should().BeFalse();
    }

    [Fact]
    public async Task PutObject_OneGibibyteGeneratedObject_CostsLittleMemoryAndReadsBackDeterministically()
    {
        var store = CreateStore();
        var content = ObjectContent.Generated(1L << 30, seed: 3);
        var before = GC.GetTotalMemory(forceFullCollection: true);

        await store.PutObjectAsync(new PutObjectRequest { Key = "huge", Content = content });
        using var tail = await store.GetObjectAsync(new GetObjectRequest { Key = "huge", Range = ByteRange.Suffix(16) });
        var bytes = await tail.ReadAllBytesAsync();

        var expected = new byte[16];
        ObjectContent.Generated(1L << 30, seed: 3).Read((1L << 30) - 16, expected);
        bytes.Should().Equal(expected);
        (GC.GetTotalMemory(forceFullCollection: true) - before).Should().BeLessThan(8L << 20);
        (await store.HeadObjectAsync("huge"))!.ContentLength.Should().Be(1L << 30);
    }

    [Fact]
    public async Task PutObject_Over5GiB_ThrowsEntityTooLarge()
    {
        var store = CreateStore();

        await ShouldFailAsync(
            () => store.PutObjectAsync(new PutObjectRequest { Key = "k", Content = ObjectContent.Generated((5L << 30) + 1, 1) }).AsTask(),
            S3ErrorCode.EntityTooLarge);
    }

    [Fact]
    public async Task PutObject_KeyWithLoneSurrogate_ThrowsInvalidArgument()
    {
        var store = CreateStore();

        await ShouldFailAsync(() => store.PutObjectAsync("bad\uD800key", "x").AsTask(), S3ErrorCode.InvalidArgument);
    }

    [Fact]
    public async Task ObjectCount_AfterPutsAndDeleteMarker_CountsCurrentObjectsOnly()
    {
        var store = CreateStore();
        await store.PutObjectAsync("a", "x");
        await store.PutObjectAsync("b", "x");
        await store.PutObjectAsync("b", "y");

        await store.DeleteObjectAsync("a");

        store.ObjectCount.Should().Be(1);
    }

    [Fact]
    public async Task ListObjectsV2_DelimiterOver10000Keys_SkipsPastCommonPrefixes()
    {
        var store = CreateStore();
        for (var d = 0; d < 100; d++)
        {
            for (var f = 0; f < 100; f++)
            {
                await store.PutObjectAsync($"dir{d:D3}/file{f:D3}", Array.Empty<byte>());
            }
        }

        var result = await store.ListObjectsV2Async(new ListObjectsV2Request { Delimiter = "/" });

        result.CommonPrefixes.Should().HaveCount(100).And.BeInAscendingOrder(StringComparer.Ordinal);
        result.Contents.Should().BeEmpty();
        store.ObjectCount.Should().Be(10_000);
    }

    [Fact]
    public async Task ConcurrentMixedOperations_SeveralThreads_StateStaysConsistent()
    {
        var store = CreateStore();
        const int threads = 6;
        const int operations = 300;

        var workers = Enumerable.Range(0, threads).Select(t => Task.Factory.StartNew(
            () =>
            {
                for (var i = 0; i < operations; i++)
                {
                    var key = $"t{t}/k{i % 17}";
                    store.PutObjectAsync(key, $"{t}-{i}").AsTask().GetAwaiter().GetResult();
                    if (i % 5 == 0)
                    {
                        store.DeleteObjectAsync(key).AsTask().GetAwaiter().GetResult();
                    }

                    store.ListObjectsV2Async(new ListObjectsV2Request { Prefix = $"t{t}/", MaxKeys = 5 }).AsTask().GetAwaiter().GetResult();
                }
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default)).ToArray();
        await Task.WhenAll(workers);

        var listed = await store.ListObjectsV2Async(new ListObjectsV2Request());
        var versions = new List<ObjectVersion>();
        var request = new ListObjectVersionsRequest();
        ListObjectVersionsResult page;
        do
        {
            page = await store.ListObjectVersionsAsync(request);
            versions.AddRange(page.Versions);
            request = request with { KeyMarker = page.NextKeyMarker, VersionIdMarker = page.NextVersionIdMarker };
        }
        while (page.IsTruncated);

        listed.Contents.Should().HaveCount(store.ObjectCount).And.OnlyHaveUniqueItems(o => o.Key);
        versions.Count(v => v.IsLatest && !v.IsDeleteMarker).Should().Be(listed.Contents.Count);
        versions.Should().HaveCount(threads * (operations + (operations / 5)));
    }

    [Fact]
    public async Task AnyOperation_AfterBucketDeleted_ThrowsNoSuchBucket()
    {
        await using var sim = S3FilesSimulation.Create();
        var bucket = sim.CreateBucket("to-delete");

        sim.DeleteBucket("to-delete");

        var error = await ShouldFailAsync(() => bucket.HeadObjectAsync("k").AsTask(), S3ErrorCode.NoSuchBucket);
        error.StatusCode.Should().Be(404);
    }

    [Fact]
    public async Task DeleteBucket_HoldingADeleteMarker_ThrowsBucketNotEmpty()
    {
        await using var sim = S3FilesSimulation.Create();
        var bucket = sim.CreateBucket("not-empty");
        await bucket.DeleteObjectAsync("k");

        var act = () => sim.DeleteBucket("not-empty");

        act.Should().Throw<ObjectStoreException>().Which.StatusCode.Should().Be(409);
        sim.GetBucket("not-empty").Should().BeSameAs(bucket);
    }

    [Theory]
    [InlineData("Region")]
    [InlineData("AccountId")]
    [InlineData("GlacierRestoreDelay")]
    [InlineData("DeepArchiveRestoreDelay")]
    public void Constructor_InvalidOption_ThrowsNamingIt(string field)
    {
        var options = field switch
        {
            "Region" => new InMemoryObjectStoreOptions { Region = " " },
            "AccountId" => new InMemoryObjectStoreOptions { AccountId = "12345" },
            "GlacierRestoreDelay" => new InMemoryObjectStoreOptions { GlacierRestoreDelay = TimeSpan.FromSeconds(-1) },
            _ => new InMemoryObjectStoreOptions { DeepArchiveRestoreDelay = TimeSpan.FromSeconds(-1) },
        };

        var act = () => CreateStore(options);

        act.Should().Throw<ArgumentException>().WithMessage($"{field} must*");
    }

    private static async Task<ObjectStoreException> ShouldFailAsync(Func<Task> act, string errorCode)
    {
        var thrown = await act.Should().ThrowAsync<ObjectStoreException>();
        thrown.Which.ErrorCode.Should().Be(errorCode);
        return thrown.Which;
    }

    private static Task PutAsync(InMemoryObjectStore store, string key, StorageClass storageClass) =>
        store.PutObjectAsync(new PutObjectRequest { Key = key, Content = ObjectContent.FromString("frozen"), StorageClass = storageClass }).AsTask();

    private InMemoryObjectStore CreateStore(InMemoryObjectStoreOptions? options = null) =>
        new("unit-bucket", _clock.Scheduler, new DeterministicRandom(7), options);
}
