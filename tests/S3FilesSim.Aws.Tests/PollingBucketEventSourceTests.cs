using FluentAssertions;
using S3FilesSim.ObjectStorage;
using S3FilesSim.Time;
using Xunit;

namespace S3FilesSim.Aws.Tests;

/// <summary>
/// The polling stand-in for S3 Files' EventBridge rules (https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-synchronization.html),
/// over an in-memory bucket on virtual time: the same Object Created / Object Deleted events
/// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/ev-events.html), reported at the first poll after the change.
/// </summary>
public sealed class PollingBucketEventSourceTests : IDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);
    private readonly VirtualClock _clock = new();
    private readonly InMemoryObjectStore _bucket;
    private readonly PollingBucketEventSource _source;
    private readonly List<BucketEvent> _events = [];

    public PollingBucketEventSourceTests()
    {
        _bucket = new InMemoryObjectStore("polled-bucket", _clock.Scheduler, new DeterministicRandom(1));
        _source = new PollingBucketEventSource(_bucket, _clock.Scheduler, new PollingBucketEventSourceOptions { Interval = Interval, Region = "eu-west-1", AccountId = "111122223333" });
        _source.Subscribe(Record);
    }

    public void Dispose() => _source.Dispose();

    [Fact]
    public async Task Watch_ObjectsBeforeFirstPoll_FormTheBaselineWithoutEvents()
    {
        await _bucket.PutObjectAsync("in/a", "1");
        _source.Watch("in/");

        await _clock.Scheduler.AdvanceAsync(Interval * 3);

        _events.Should().BeEmpty();
        _source.PollCount.Should().Be(4);
    }

    [Fact]
    public async Task Poll_ObjectPutAfterBaseline_ObjectCreatedAtTheNextPollNotBefore()
    {
        await WatchAsync("in/");
        var put = await _bucket.PutObjectAsync("in/a", "hello");

        await _clock.Scheduler.AdvanceAsync(Interval - TimeSpan.FromTicks(1));
        var early = _events.Count;
        await _clock.Scheduler.AdvanceAsync(TimeSpan.FromTicks(1));

        early.Should().Be(0);
        var created = _events.Should().ContainSingle().Subject;
        created.DetailType.Should().Be(BucketEvent.ObjectCreatedDetailType);
        created.Key.Should().Be("in/a");
        created.VersionId.Should().Be(put.VersionId!.Value);
        created.ETag.Should().Be(put.ETag);
        created.Size.Should().Be(5);
        created.Region.Should().Be("eu-west-1");
        created.AccountId.Should().Be("111122223333");
        created.BucketName.Should().Be("polled-bucket");
        created.Reason.Should().Be("PutObject");
    }

    [Fact]
    public async Task Poll_DeleteWithoutVersion_ObjectDeletedAsDeleteMarkerCreated()
    {
        await _bucket.PutObjectAsync("in/a", "1");
        await WatchAsync("in/");
        var delete = await _bucket.DeleteObjectAsync("in/a");

        await _clock.Scheduler.AdvanceAsync(Interval);

        var deleted = _events.Should().ContainSingle().Subject;
        deleted.DetailType.Should().Be(BucketEvent.ObjectDeletedDetailType);
        deleted.DeletionType.Should().Be(BucketEvent.DeleteMarkerCreated);
        deleted.VersionId.Should().Be(delete.VersionId!.Value);
        deleted.ETag.Should().BeNull();
    }

    [Fact]
    public async Task Poll_VersionRemoved_ObjectDeletedAsPermanentlyDeleted()
    {
        var put = await _bucket.PutObjectAsync("in/a", "1");
        await WatchAsync("in/");
        await _bucket.DeleteObjectAsync(new DeleteObjectRequest { Key = "in/a", VersionId = put.VersionId });

        await _clock.Scheduler.AdvanceAsync(Interval);

        var deleted = _events.Should().ContainSingle().Subject;
        deleted.DeletionType.Should().Be(BucketEvent.PermanentlyDeleted);
        deleted.VersionId.Should().Be(put.VersionId!.Value);
    }

    [Fact]
    public async Task Poll_SeveralChangesOfOneKey_ReportedOldestFirstWithIncreasingSequencers()
    {
        await WatchAsync("in/");
        var first = await _bucket.PutObjectAsync("in/a", "1");
        var marker = await _bucket.DeleteObjectAsync("in/a");
        var second = await _bucket.PutObjectAsync("in/a", "2");

        await _clock.Scheduler.AdvanceAsync(Interval);

        _events.Select(e => e.VersionId).Should().Equal(first.VersionId!.Value, marker.VersionId!.Value, second.VersionId!.Value);
        _events.Select(e => e.IsCreated).Should().Equal(true, false, true);
        _events.Zip(_events.Skip(1), (a, b) => BucketEvent.CompareSequencers(a.Sequencer, b.Sequencer)).Should().OnlyContain(c => c < 0);
    }

    [Fact]
    public async Task Poll_ChangesAcrossPolls_SequencerKeepsIncreasingForTheKey()
    {
        await WatchAsync("in/");
        await _bucket.PutObjectAsync("in/a", "1");
        await _clock.Scheduler.AdvanceAsync(Interval);
        await _bucket.PutObjectAsync("in/a", "2");

        await _clock.Scheduler.AdvanceAsync(Interval);

        _events.Should().HaveCount(2);
        BucketEvent.CompareSequencers(_events[0].Sequencer, _events[1].Sequencer).Should().BeNegative();
    }

    [Fact]
    public async Task Poll_KeyOutsideWatchedPrefix_NotReported()
    {
        await WatchAsync("in/");
        await _bucket.PutObjectAsync("out/a", "1");

        await _clock.Scheduler.AdvanceAsync(Interval);

        _events.Should().BeEmpty();
    }

    [Fact]
    public async Task Watch_OverlappingPrefixes_EachChangeReportedOnce()
    {
        _source.Watch("in/");
        await WatchAsync("in/deep/");
        await _bucket.PutObjectAsync("in/deep/a", "1");

        await _clock.Scheduler.AdvanceAsync(Interval);

        _events.Should().ContainSingle().Which.Key.Should().Be("in/deep/a");
    }

    [Fact]
    public async Task Unwatch_LastPrefix_StopsPolling()
    {
        await WatchAsync("in/");
        var polls = _source.PollCount;

        _source.Unwatch("in/").Should().BeTrue();
        await _bucket.PutObjectAsync("in/a", "1");
        await _clock.Scheduler.AdvanceAsync(Interval * 3);

        _source.PollCount.Should().Be(polls);
        _events.Should().BeEmpty();
        _source.WatchedPrefixes.Should().BeEmpty();
    }

    [Fact]
    public async Task Subscribe_Disposed_ReceivesNothingMore()
    {
        var late = new List<BucketEvent>();
        var subscription = _source.Subscribe((e, _) =>
        {
            late.Add(e);
            return ValueTask.CompletedTask;
        });
        await WatchAsync("in/");

        subscription.Dispose();
        await _bucket.PutObjectAsync("in/a", "1");
        await _clock.Scheduler.AdvanceAsync(Interval);

        late.Should().BeEmpty();
        _events.Should().ContainSingle();
    }

    [Fact]
    public async Task Poll_UnversionedListing_OverwritesBetweenPollsReportedAsOneCreated()
    {
        using var source = new PollingBucketEventSource(_bucket, _clock.Scheduler, new PollingBucketEventSourceOptions { Interval = Interval, ListVersions = false });
        var events = new List<BucketEvent>();
        source.Subscribe((e, _) =>
        {
            events.Add(e);
            return ValueTask.CompletedTask;
        });
        await _bucket.PutObjectAsync("in/a", "1");
        source.Watch("in/");
        await _clock.Scheduler.RunUntilIdleAsync();

        await _bucket.PutObjectAsync("in/a", "2");
        await _bucket.PutObjectAsync("in/a", "three");
        await _clock.Scheduler.AdvanceAsync(Interval);

        var created = events.Should().ContainSingle().Subject;
        created.IsCreated.Should().BeTrue();
        created.VersionId.Should().Be(VersionId.Null);
        created.Size.Should().Be(5);
    }

    [Fact]
    public async Task Poll_RetryableListingFailure_SkippedAndChangeReportedByTheNextPoll()
    {
        var flaky = new FaultInjectingObjectStore(_bucket);
        using var source = new PollingBucketEventSource(flaky, _clock.Scheduler, new PollingBucketEventSourceOptions { Interval = Interval });
        var events = new List<BucketEvent>();
        source.Subscribe((e, _) =>
        {
            events.Add(e);
            return ValueTask.CompletedTask;
        });
        source.Watch("in/");
        await _clock.Scheduler.RunUntilIdleAsync();
        await _bucket.PutObjectAsync("in/a", "1");
        flaky.FailNext(ObjectStoreOperation.ListObjectVersions, S3ErrorCode.SlowDown);

        await _clock.Scheduler.AdvanceAsync(Interval);
        var afterFailure = events.Count;
        await _clock.Scheduler.AdvanceAsync(Interval);

        afterFailure.Should().Be(0);
        source.FailedPollCount.Should().Be(1);
        events.Should().ContainSingle().Which.Key.Should().Be("in/a");
    }

    [Fact]
    public async Task Poll_DeliveryDelayConfigured_EventArrivesThatLongAfterThePoll()
    {
        var delivery = new BucketEventDeliveryOptions { MinDelay = TimeSpan.FromSeconds(2), MaxDelay = TimeSpan.FromSeconds(2) };
        using var source = new PollingBucketEventSource(_bucket, _clock.Scheduler, new PollingBucketEventSourceOptions { Interval = Interval, Delivery = delivery }, new DeterministicRandom(3));
        var events = new List<BucketEvent>();
        source.Subscribe((e, _) =>
        {
            events.Add(e);
            return ValueTask.CompletedTask;
        });
        source.Watch("in/");
        await _clock.Scheduler.RunUntilIdleAsync();
        await _bucket.PutObjectAsync("in/a", "1");

        await _clock.Scheduler.AdvanceAsync(Interval + TimeSpan.FromSeconds(2) - TimeSpan.FromTicks(1));
        var beforeDelay = events.Count;
        await _clock.Scheduler.AdvanceAsync(TimeSpan.FromTicks(1));

        beforeDelay.Should().Be(0);
        events.Should().ContainSingle().Which.Key.Should().Be("in/a");
    }

    [Fact]
    public void Constructor_NonPositiveInterval_ThrowsNamingTheOption()
    {
        var act = () => new PollingBucketEventSource(_bucket, _clock.Scheduler, new PollingBucketEventSourceOptions { Interval = TimeSpan.Zero });

        act.Should().Throw<ArgumentException>().Which.Message.Should().Contain(nameof(PollingBucketEventSourceOptions.Interval));
    }

    private async Task WatchAsync(string prefix)
    {
        _source.Watch(prefix);
        await _clock.Scheduler.RunUntilIdleAsync();
    }

    private ValueTask Record(BucketEvent bucketEvent, CancellationToken cancellationToken)
    {
        _events.Add(bucketEvent);
        return ValueTask.CompletedTask;
    }
}
