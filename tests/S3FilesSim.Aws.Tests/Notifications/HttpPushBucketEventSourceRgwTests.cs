using FluentAssertions;
using S3FilesSim.Aws.Tests.Fixtures;
using S3FilesSim.ObjectStorage;
using S3FilesSim.Time;
using Xunit;
using Sdk = Amazon.S3.Model;

namespace S3FilesSim.Aws.Tests.Notifications;

/// <summary>
/// The HTTP push source against Ceph RGW: an RGW topic whose push-endpoint is the source's listener, and the bucket's
/// notification configuration pointing at the topic (https://docs.ceph.com/en/latest/radosgw/notifications/).
/// </summary>
[Collection(RgwEndpointCollection.Name)]
public sealed class HttpPushBucketEventSourceRgwTests(RgwEndpointFixture endpoint) : IAsyncLifetime
{
    private readonly VirtualClock _clock = new();
    private readonly List<BucketEvent> _events = [];
    private HttpPushBucketEventSource _source = null!;
    private string _bucket = null!;
    private string _topicArn = null!;

    public async Task InitializeAsync()
    {
        _bucket = await endpoint.CreateBucketAsync();
        _source = HttpPushBucketEventSource.Start(_bucket, _clock.Scheduler);
        _source.Subscribe((e, _) =>
        {
            _events.Add(e);
            return ValueTask.CompletedTask;
        });
        _topicArn = await RgwTopics.CreateTopicAsync(endpoint.BaseOptions, "t-" + _bucket, _source.Endpoint);
        await BucketNotifications.ConfigureTopicAsync(endpoint.Client, _bucket, _topicArn);
    }

    public async Task DisposeAsync()
    {
        await RgwTopics.DeleteBucketNotificationAsync(endpoint.OptionsFor(_bucket), BucketNotifications.ConfigurationId);
        await RgwTopics.DeleteTopicAsync(endpoint.BaseOptions, _topicArn);
        _source.Dispose();
    }

    [Fact]
    public async Task Push_PutByAnotherS3Client_DeliversObjectCreatedWithKeyVersionIdAndSequencer()
    {
        var put = await endpoint.Client.PutObjectAsync(new Sdk.PutObjectRequest { BucketName = _bucket, Key = "in box/a+b.txt", ContentBody = "hello" });

        await _clock.Scheduler.RunUntilIdleAsync();

        _events.Should().ContainSingle();
        _events[0].Should().BeEquivalentTo(new
        {
            Key = "in box/a+b.txt",
            DetailType = BucketEvent.ObjectCreatedDetailType,
            Size = 5L,
            ETag = (ETag?)ETag.Parse(put.ETag),
            VersionId = new VersionId(put.VersionId),
            Reason = "PutObject",
        });
        _events[0].Sequencer.Should().MatchRegex("^[0-9A-F]+$");
    }

    [Fact]
    public async Task Push_OverwriteThenDelete_DeliversInSequencerOrderWithTheDeleteMarker()
    {
        await endpoint.Client.PutObjectAsync(new Sdk.PutObjectRequest { BucketName = _bucket, Key = "k", ContentBody = "1" });
        await endpoint.Client.PutObjectAsync(new Sdk.PutObjectRequest { BucketName = _bucket, Key = "k", ContentBody = "22" });
        await endpoint.Client.DeleteObjectAsync(_bucket, "k");

        await _clock.Scheduler.RunUntilIdleAsync();

        _events.Select(e => (e.DetailType, e.DeletionType)).Should().Equal(
            (BucketEvent.ObjectCreatedDetailType, null),
            (BucketEvent.ObjectCreatedDetailType, null),
            (BucketEvent.ObjectDeletedDetailType, BucketEvent.DeleteMarkerCreated));
        BucketEvent.CompareSequencers(_events[0].Sequencer, _events[1].Sequencer).Should().BeNegative();
        BucketEvent.CompareSequencers(_events[1].Sequencer, _events[2].Sequencer).Should().BeNegative();
    }
}
