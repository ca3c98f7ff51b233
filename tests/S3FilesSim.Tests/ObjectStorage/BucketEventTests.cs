using System.Text.Json;
using FluentAssertions;
using S3FilesSim.ObjectStorage;
using S3FilesSim.Time;
using Xunit;

namespace S3FilesSim.Tests.ObjectStorage;

/// <summary>Bucket events in the EventBridge model: https://docs.aws.amazon.com/AmazonS3/latest/userguide/EventBridge.html
/// and https://docs.aws.amazon.com/AmazonS3/latest/userguide/ev-events.html.</summary>
public sealed class BucketEventTests
{
    private readonly VirtualClock _clock = new();
    private readonly List<(BucketEvent Event, DateTimeOffset DeliveredAt)> _delivered = [];

    [Fact]
    public async Task PutObject_Subscribed_DeliversObjectCreatedShapedLikeS3()
    {
        var store = CreateStore();
        var put = await store.PutObjectAsync("inbox/a.txt", "hello");

        await _clock.Scheduler.AdvanceAsync(TimeSpan.FromSeconds(5));

        var e = _delivered.Should().ContainSingle().Subject.Event;
        e.DetailType.Should().Be("Object Created");
        e.Source.Should().Be("aws.s3");
        e.Reason.Should().Be("PutObject");
        e.BucketName.Should().Be("events-bucket");
        e.Region.Should().Be("us-east-1");
        e.Key.Should().Be("inbox/a.txt");
        e.Size.Should().Be(5);
        e.ETag.Should().Be(put.ETag);
        e.ETag!.Value.Unquoted.Should().Be("5d41402abc4b2a76b9719d911017c592");
        e.VersionId.Should().Be(put.VersionId!.Value);
        e.Time.Should().Be(VirtualClock.DefaultStart);
        e.DeletionType.Should().BeNull();
        e.IsCreated.Should().BeTrue();
        e.Sequencer.Should().MatchRegex("^[0-9A-F]{18}$");
    }

    [Fact]
    public async Task ToEventBridgeJson_ObjectCreated_HasTheDocumentedFields()
    {
        var store = CreateStore();
        var put = await store.PutObjectAsync("inbox/a.txt", "hello");
        await _clock.Scheduler.AdvanceAsync(TimeSpan.FromSeconds(5));

        using var json = JsonDocument.Parse(_delivered.Single().Event.ToEventBridgeJson());

        var root = json.RootElement;
        root.GetProperty("detail-type").GetString().Should().Be("Object Created");
        root.GetProperty("source").GetString().Should().Be("aws.s3");
        root.GetProperty("account").GetString().Should().Be("123456789012");
        root.GetProperty("time").GetString().Should().Be("2026-04-07T00:00:00Z");
        root.GetProperty("resources")[0].GetString().Should().Be("arn:aws:s3:::events-bucket");
        var detail = root.GetProperty("detail");
        detail.GetProperty("bucket").GetProperty("name").GetString().Should().Be("events-bucket");
        detail.GetProperty("object").GetProperty("key").GetString().Should().Be("inbox/a.txt");
        detail.GetProperty("object").GetProperty("size").GetInt64().Should().Be(5);
        detail.GetProperty("object").GetProperty("etag").GetString().Should().Be("5d41402abc4b2a76b9719d911017c592");
        detail.GetProperty("object").GetProperty("version-id").GetString().Should().Be(put.VersionId!.Value.Value);
        detail.GetProperty("reason").GetString().Should().Be("PutObject");
        detail.TryGetProperty("deletion-type", out _).Should().BeFalse();
    }

    [Fact]
    public async Task ToEventBridgeJson_DeleteMarker_HasDeletionTypeAndNoSize()
    {
        var store = CreateStore();
        await store.DeleteObjectAsync("k");
        await _clock.Scheduler.AdvanceAsync(TimeSpan.FromSeconds(5));

        using var json = JsonDocument.Parse(_delivered.Single().Event.ToEventBridgeJson());

        var detail = json.RootElement.GetProperty("detail");
        json.RootElement.GetProperty("detail-type").GetString().Should().Be("Object Deleted");
        detail.GetProperty("deletion-type").GetString().Should().Be("Delete Marker Created");
        detail.GetProperty("object").TryGetProperty("size", out _).Should().BeFalse();
    }

    [Fact]
    public async Task CopyObject_Subscribed_DeliversObjectCreatedWithReasonCopyObject()
    {
        var store = CreateStore();
        await store.PutObjectAsync("src", "x");
        var copy = await store.CopyObjectAsync(new CopyObjectRequest { SourceKey = "src", DestinationKey = "dst" });

        await _clock.Scheduler.AdvanceAsync(TimeSpan.FromSeconds(5));

        var e = _delivered.Single(d => d.Event.Key == "dst").Event;
        e.Reason.Should().Be("CopyObject");
        e.VersionId.Should().Be(copy.VersionId!.Value);
    }

    [Fact]
    public async Task CompleteMultipartUpload_Subscribed_DeliversOneObjectCreatedWithReasonCompleteMultipartUpload()
    {
        var store = CreateStore();
        var uploadId = await store.CreateMultipartUploadAsync(new CreateMultipartUploadRequest { Key = "mp" });
        var etag = await store.UploadPartAsync(new UploadPartRequest { Key = "mp", UploadId = uploadId, PartNumber = 1, Content = ObjectContent.FromString("abc") });
        var complete = await store.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest { Key = "mp", UploadId = uploadId, Parts = [new CompletedPart(1, etag)] });

        await _clock.Scheduler.AdvanceAsync(TimeSpan.FromSeconds(5));

        var e = _delivered.Should().ContainSingle().Subject.Event;
        e.Reason.Should().Be("CompleteMultipartUpload");
        e.ETag.Should().Be(complete.ETag);
        e.Size.Should().Be(3);
    }

    [Fact]
    public async Task DeleteObject_WithoutVersionId_DeliversObjectDeletedDeleteMarkerCreated()
    {
        var store = CreateStore();
        await store.PutObjectAsync("k", "x");
        var delete = await store.DeleteObjectAsync("k");

        await _clock.Scheduler.AdvanceAsync(TimeSpan.FromSeconds(5));

        var e = _delivered.Single(d => !d.Event.IsCreated).Event;
        e.DetailType.Should().Be("Object Deleted");
        e.DeletionType.Should().Be("Delete Marker Created");
        e.Reason.Should().Be("DeleteObject");
        e.VersionId.Should().Be(delete.VersionId!.Value);
        e.Size.Should().BeNull();
        e.ETag.Should().BeNull();
    }

    [Fact]
    public async Task DeleteObject_WithVersionId_DeliversObjectDeletedPermanentlyDeleted()
    {
        var store = CreateStore();
        var put = await store.PutObjectAsync("k", "x");
        await store.DeleteObjectAsync(new DeleteObjectRequest { Key = "k", VersionId = put.VersionId });

        await _clock.Scheduler.AdvanceAsync(TimeSpan.FromSeconds(5));

        var e = _delivered.Single(d => !d.Event.IsCreated).Event;
        e.DeletionType.Should().Be("Permanently Deleted");
        e.VersionId.Should().Be(put.VersionId!.Value);
    }

    [Fact]
    public async Task Delivery_DefaultOptions_EachEventArrivesBetweenOneAndFiveSecondsLater()
    {
        var store = CreateStore();
        for (var i = 0; i < 200; i++)
        {
            await store.PutObjectAsync($"k{i}", "x");
            await _clock.Scheduler.AdvanceAsync(TimeSpan.FromMilliseconds(100));
        }

        await _clock.Scheduler.AdvanceAsync(TimeSpan.FromSeconds(5));

        var delays = _delivered.Select(d => d.DeliveredAt - d.Event.Time).ToList();
        delays.Should().HaveCount(200).And.OnlyContain(d => d >= TimeSpan.FromSeconds(1) && d <= TimeSpan.FromSeconds(5));
        delays.Distinct().Should().HaveCountGreaterThan(150);
        delays.Average(d => d.TotalSeconds).Should().BeInRange(2.5, 3.5);
    }

    [Fact]
    public async Task Delivery_BeforeMinDelay_NothingDelivered()
    {
        var store = CreateStore();
        await store.PutObjectAsync("k", "x");

        await _clock.Scheduler.AdvanceAsync(TimeSpan.FromSeconds(1) - TimeSpan.FromTicks(1));

        _delivered.Should().BeEmpty();
    }

    [Fact]
    public async Task Delivery_SameSeedAndCalls_SameDeliveriesAndOtherSeedDiffers()
    {
        var first = await RecordRunAsync(seed: 5);
        var second = await RecordRunAsync(seed: 5);
        var other = await RecordRunAsync(seed: 6);

        second.Should().Equal(first);
        other.Should().NotEqual(first);
    }

    [Fact]
    public async Task Delivery_DuplicateProbabilityOne_DeliversEveryEventTwiceWithSameId()
    {
        var store = CreateStore(new BucketEventDeliveryOptions { DuplicateProbability = 1 });
        for (var i = 0; i < 10; i++)
        {
            await store.PutObjectAsync($"k{i}", "x");
        }

        await _clock.Scheduler.AdvanceAsync(TimeSpan.FromSeconds(5));

        _delivered.Should().HaveCount(20);
        _delivered.GroupBy(d => d.Event.Id).Should().HaveCount(10).And.OnlyContain(g => g.Count() == 2);
    }

    [Fact]
    public async Task Delivery_DuplicateProbabilityQuarter_DuplicatesSomeButNotAll()
    {
        var store = CreateStore(new BucketEventDeliveryOptions { DuplicateProbability = 0.25 });
        for (var i = 0; i < 400; i++)
        {
            await store.PutObjectAsync($"k{i}", "x");
        }

        await _clock.Scheduler.AdvanceAsync(TimeSpan.FromSeconds(5));

        var duplicated = _delivered.GroupBy(d => d.Event.Id).Count(g => g.Count() == 2);
        duplicated.Should().BeInRange(60, 140);
        _delivered.Select(d => d.Event.Id).Distinct().Should().HaveCount(400);
    }

    [Fact]
    public async Task Delivery_DropProbabilityOne_DeliversNothingAndCountsTheDrops()
    {
        var store = CreateStore(new BucketEventDeliveryOptions { DropProbability = 1 });
        for (var i = 0; i < 10; i++)
        {
            await store.PutObjectAsync($"k{i}", "x");
        }

        await _clock.Scheduler.AdvanceAsync(TimeSpan.FromMinutes(30));

        _delivered.Should().BeEmpty();
        store.EventStatistics.Should().Be(new BucketEventDeliveryStatistics(Published: 10, Dropped: 10, Duplicated: 0, LongDelayed: 0));
    }

    [Fact]
    public async Task Delivery_LongDelayProbabilityOne_ArrivesWithinTheLongDelayRange()
    {
        var store = CreateStore(new BucketEventDeliveryOptions { LongDelayProbability = 1, LongDelayMin = TimeSpan.FromMinutes(2), LongDelayMax = TimeSpan.FromMinutes(10) });
        for (var i = 0; i < 50; i++)
        {
            await store.PutObjectAsync($"k{i}", "x");
        }

        await _clock.Scheduler.AdvanceAsync(TimeSpan.FromMinutes(10));

        _delivered.Select(d => d.DeliveredAt - d.Event.Time).Should().HaveCount(50)
            .And.OnlyContain(d => d >= TimeSpan.FromMinutes(2) && d <= TimeSpan.FromMinutes(10));
        store.EventStatistics.LongDelayed.Should().Be(50);
    }

    [Fact]
    public async Task Delivery_LongDelays_ReorderEventsAcrossKeys()
    {
        var store = CreateStore(new BucketEventDeliveryOptions { LongDelayProbability = 0.3 });
        for (var i = 0; i < 100; i++)
        {
            await store.PutObjectAsync($"k{i:D3}", "x");
            await _clock.Scheduler.AdvanceAsync(TimeSpan.FromSeconds(1));
        }

        await _clock.Scheduler.AdvanceAsync(TimeSpan.FromMinutes(10));

        var order = _delivered.Select(d => d.Event.Key).ToList();
        order.Should().HaveCount(100).And.NotBeInAscendingOrder(StringComparer.Ordinal);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    public void Options_DropProbabilityOutsideZeroToOne_ThrowsNamingTheField(double probability)
    {
        var options = new InMemoryObjectStoreOptions { Events = new BucketEventDeliveryOptions { DropProbability = probability } };

        var act = () => S3FilesSimulation.Create(new SimulationOptions { Bucket = options });

        act.Should().Throw<ArgumentException>().WithMessage("*DropProbability*");
    }

    [Fact]
    public async Task Delivery_ManyWritesToOneKey_ArriveOutOfOrderButSequencerRestoresWriteOrder()
    {
        var store = CreateStore();
        var versions = new List<VersionId>();
        for (var i = 0; i < 50; i++)
        {
            versions.Add((await store.PutObjectAsync("hot", $"v{i}")).VersionId!.Value);
            await _clock.Scheduler.AdvanceAsync(TimeSpan.FromMilliseconds(50));
        }

        await _clock.Scheduler.AdvanceAsync(TimeSpan.FromSeconds(5));

        var arrival = _delivered.Select(d => d.Event).ToList();
        arrival.Select(e => e.VersionId).Should().NotEqual(versions);
        var bySequencer = arrival.Order(Comparer<BucketEvent>.Create((a, b) => BucketEvent.CompareSequencers(a.Sequencer, b.Sequencer)));
        bySequencer.Select(e => e.VersionId).Should().Equal(versions);
    }

    [Theory]
    [InlineData("0A", "0A00", 0)]
    [InlineData("1", "0F", 1)]
    [InlineData("00617F08299329D189", "00617F08299329D18A", -1)]
    public void CompareSequencers_DifferentLengths_ComparesAfterRightPadding(string left, string right, int expectedSign)
    {
        var result = BucketEvent.CompareSequencers(left, right);

        Math.Sign(result).Should().Be(expectedSign);
    }

    [Fact]
    public async Task Subscribe_DisposedBeforeDelivery_ReceivesNothing()
    {
        var store = new InMemoryObjectStore("b-unsub", _clock.Scheduler, new DeterministicRandom(1));
        var received = 0;
        var subscription = store.Events.Subscribe((_, _) =>
        {
            received++;
            return ValueTask.CompletedTask;
        });
        await store.PutObjectAsync("k", "x");

        subscription.Dispose();
        await _clock.Scheduler.AdvanceAsync(TimeSpan.FromSeconds(10));

        received.Should().Be(0);
    }

    [Fact]
    public async Task Subscribe_AfterChange_DoesNotReceiveEarlierChange()
    {
        var store = new InMemoryObjectStore("b-late", _clock.Scheduler, new DeterministicRandom(1));
        await store.PutObjectAsync("early", "x");

        Subscribe(store);
        await store.PutObjectAsync("late", "x");
        await _clock.Scheduler.AdvanceAsync(TimeSpan.FromSeconds(10));

        _delivered.Select(d => d.Event.Key).Should().Equal("late");
    }

    [Fact]
    public async Task Delivery_EventsDisabled_SchedulesNothing()
    {
        var store = CreateStore(new BucketEventDeliveryOptions { Enabled = false });

        await store.PutObjectAsync("k", "x");
        await _clock.Scheduler.AdvanceAsync(TimeSpan.FromSeconds(10));

        _delivered.Should().BeEmpty();
        _clock.Scheduler.ExecutedCount.Should().Be(0);
        store.Capabilities.EventNotifications.Should().BeFalse();
    }

    [Fact]
    public async Task Delivery_FixedDelay_ArrivesExactlyThen()
    {
        var store = CreateStore(new BucketEventDeliveryOptions { MinDelay = TimeSpan.FromSeconds(2), MaxDelay = TimeSpan.FromSeconds(2) });

        await store.PutObjectAsync("k", "x");
        await _clock.Scheduler.AdvanceAsync(TimeSpan.FromSeconds(10));

        _delivered.Should().ContainSingle().Which.DeliveredAt.Should().Be(VirtualClock.DefaultStart + TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task Delivery_HandlerThrows_ExceptionPropagatesOutOfAdvance()
    {
        var store = new InMemoryObjectStore("b-throw", _clock.Scheduler, new DeterministicRandom(1));
        store.Events.Subscribe((_, _) => throw new InvalidOperationException("handler failed"));
        await store.PutObjectAsync("k", "x");

        var act = async () => await _clock.Scheduler.AdvanceAsync(TimeSpan.FromSeconds(10));

        await act.Should().ThrowAsync<InvalidOperationException>().WithMessage("handler failed");
    }

    [Fact]
    public void Options_MaxDelayBelowMinDelay_ThrowsNamingTheField()
    {
        var options = new InMemoryObjectStoreOptions { Events = new BucketEventDeliveryOptions { MinDelay = TimeSpan.FromSeconds(3), MaxDelay = TimeSpan.FromSeconds(1) } };

        var act = () => new InMemoryObjectStore("b", _clock.Scheduler, new DeterministicRandom(1), options);

        act.Should().Throw<ArgumentException>().WithMessage("Events.MaxDelay must not be less than Events.MinDelay*");
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void Options_DuplicateProbabilityOutsideZeroToOne_ThrowsNamingTheField(double probability)
    {
        var options = new InMemoryObjectStoreOptions { Events = new BucketEventDeliveryOptions { DuplicateProbability = probability } };

        var act = () => new InMemoryObjectStore("b", _clock.Scheduler, new DeterministicRandom(1), options);

        act.Should().Throw<ArgumentException>().WithMessage("Events.DuplicateProbability must be between 0 and 1*");
    }

    private static async Task<List<(string Key, string Sequencer, DateTimeOffset At)>> RecordRunAsync(int seed)
    {
        var clock = new VirtualClock();
        var store = new InMemoryObjectStore("b-seed", clock.Scheduler, new DeterministicRandom(seed), new InMemoryObjectStoreOptions { Events = new() { DuplicateProbability = 0.3 } });
        var log = new List<(string, string, DateTimeOffset)>();
        store.Events.Subscribe((e, _) =>
        {
            log.Add((e.Key, e.Sequencer, clock.GetUtcNow()));
            return ValueTask.CompletedTask;
        });
        for (var i = 0; i < 30; i++)
        {
            await store.PutObjectAsync($"k{i % 4}", "x");
        }

        await clock.Scheduler.AdvanceAsync(TimeSpan.FromSeconds(10));
        return log;
    }

    private InMemoryObjectStore CreateStore(BucketEventDeliveryOptions? events = null)
    {
        var store = new InMemoryObjectStore(
            "events-bucket",
            _clock.Scheduler,
            new DeterministicRandom(11),
            new InMemoryObjectStoreOptions { Events = events ?? new BucketEventDeliveryOptions() });
        Subscribe(store);
        return store;
    }

    private void Subscribe(InMemoryObjectStore store) =>
        store.Events.Subscribe((e, _) =>
        {
            _delivered.Add((e, _clock.GetUtcNow()));
            return ValueTask.CompletedTask;
        });
}
