using Sdk = Amazon.S3.Model;
using FluentAssertions;
using S3FilesSim.Aws.Tests.Fixtures;
using S3FilesSim.ObjectStorage;
using S3FilesSim.Time;
using Xunit;

namespace S3FilesSim.Aws.Tests;

/// <summary>The polling event source over a real S3 endpoint: changes made by another S3 client become EventBridge-style events (https://docs.aws.amazon.com/AmazonS3/latest/userguide/ev-events.html).</summary>
[Collection(S3EndpointCollection.Name)]
public sealed class PollingBucketEventSourceMotoTests(S3EndpointFixture endpoint)
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Poll_ChangesByAnotherS3Client_ReportedAfterTheIntervalWithVersionIdsInOrderPerKey()
    {
        using var store = await endpoint.CreateStoreAsync();
        var clock = new VirtualClock();
        using var source = new PollingBucketEventSource(store, clock.Scheduler, new PollingBucketEventSourceOptions { Interval = Interval });
        var events = new List<BucketEvent>();
        source.Subscribe((e, _) =>
        {
            events.Add(e);
            return ValueTask.CompletedTask;
        });
        source.Watch("inbox/");
        await clock.Scheduler.RunUntilIdleAsync();

        var a = await endpoint.Client.PutObjectAsync(new Sdk.PutObjectRequest { BucketName = store.BucketName, Key = "inbox/a.txt", ContentBody = "hello", ContentType = "text/plain" });
        var b = await endpoint.Client.PutObjectAsync(new Sdk.PutObjectRequest { BucketName = store.BucketName, Key = "inbox/b.txt", ContentBody = "other", ContentType = "text/plain" });
        var deleted = await endpoint.Client.DeleteObjectAsync(store.BucketName, "inbox/a.txt");
        await endpoint.Client.PutObjectAsync(new Sdk.PutObjectRequest { BucketName = store.BucketName, Key = "elsewhere/c.txt", ContentBody = "x", ContentType = "text/plain" });
        await clock.Scheduler.AdvanceAsync(Interval - TimeSpan.FromTicks(1));
        var beforeInterval = events.Count;
        await clock.Scheduler.AdvanceAsync(TimeSpan.FromTicks(1));

        beforeInterval.Should().Be(0);
        events.Select(e => $"{e.Key} {e.DetailType} {e.VersionId}").Should().Equal(
            $"inbox/a.txt {BucketEvent.ObjectCreatedDetailType} {a.VersionId}",
            $"inbox/a.txt {BucketEvent.ObjectDeletedDetailType} {deleted.VersionId}",
            $"inbox/b.txt {BucketEvent.ObjectCreatedDetailType} {b.VersionId}");
        events[0].ETag.Should().Be(ETag.Parse(a.ETag));
        events[0].Size.Should().Be(5);
        events[1].DeletionType.Should().Be(BucketEvent.DeleteMarkerCreated);
        BucketEvent.CompareSequencers(events[0].Sequencer, events[1].Sequencer).Should().BeNegative();
    }
}
