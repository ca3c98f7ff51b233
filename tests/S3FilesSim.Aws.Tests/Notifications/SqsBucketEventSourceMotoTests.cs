using Amazon.SQS;
using Amazon.SQS.Model;
using FluentAssertions;
using S3FilesSim.Aws.Tests.Fixtures;
using S3FilesSim.ObjectStorage;
using S3FilesSim.Time;
using Xunit;
using Sdk = Amazon.S3.Model;

namespace S3FilesSim.Aws.Tests.Notifications;

/// <summary>
/// The SQS event source against moto: the bucket's S3 event notifications reach a queue (moto serves S3 and SQS on one
/// port), the source delivers them and deletes each message once applied
/// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-how-to-event-types-and-destinations.html).
/// Records moto cannot produce (version ids, sequencers, reordering, redelivery) are sent to the queue as S3 sends them.
/// </summary>
[Collection(S3EndpointCollection.Name)]
public sealed class SqsBucketEventSourceMotoTests(S3EndpointFixture endpoint) : IAsyncLifetime
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Busy = TimeSpan.FromMilliseconds(100);
    private readonly VirtualClock _clock = new();
    private readonly List<BucketEvent> _events = [];
    private AmazonSQSClient _sqs = null!;
    private string _bucket = null!;
    private string _queueUrl = null!;

    public async Task InitializeAsync()
    {
        _bucket = await endpoint.CreateBucketAsync();
        _sqs = BucketNotifications.CreateSqsClient(endpoint.BaseOptions);
        _queueUrl = await BucketNotifications.ConfigureQueueAsync(endpoint.Client, _sqs, _bucket, "q-" + _bucket);
    }

    public Task DisposeAsync()
    {
        _sqs.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Receive_PutByAnotherS3Client_DeliversObjectCreatedWithTheDecodedKeySizeAndETag()
    {
        using var source = Subscribed();
        var put = await endpoint.Client.PutObjectAsync(new Sdk.PutObjectRequest { BucketName = _bucket, Key = "in box/a+b.txt", ContentBody = "hello" });

        await _clock.Scheduler.AdvanceAsync(Interval);

        _events.Should().ContainSingle();
        _events[0].Should().BeEquivalentTo(new
        {
            Key = "in box/a+b.txt",
            DetailType = BucketEvent.ObjectCreatedDetailType,
            Size = 5L,
            ETag = (ETag?)ETag.Parse(put.ETag),
            BucketName = _bucket,
            Reason = "PutObject",
        });
    }

    [Fact]
    public async Task Receive_AppliedMessages_AreDeletedFromTheQueue()
    {
        using var source = Subscribed();
        await endpoint.Client.PutObjectAsync(new Sdk.PutObjectRequest { BucketName = _bucket, Key = "a.txt", ContentBody = "1" });
        await endpoint.Client.PutObjectAsync(new Sdk.PutObjectRequest { BucketName = _bucket, Key = "b.txt", ContentBody = "2" });

        await _clock.Scheduler.AdvanceAsync(Interval);

        _events.Select(e => e.Key).Should().Equal("a.txt", "b.txt");
        (await QueueDepthAsync()).Should().Be(0);
        source.Statistics.MessagesDeleted.Should().Be(source.Statistics.MessagesReceived).And.BeGreaterThanOrEqualTo(2);
    }

    [Fact]
    public async Task Subscribe_NotYet_NothingIsReceivedOrDeleted()
    {
        using var source = new SqsBucketEventSource(_sqs, _bucket, _clock.Scheduler, new SqsBucketEventSourceOptions { QueueUrl = _queueUrl, Interval = Interval });
        await endpoint.Client.PutObjectAsync(new Sdk.PutObjectRequest { BucketName = _bucket, Key = "a.txt", ContentBody = "1" });

        await _clock.Scheduler.AdvanceAsync(Interval * 3);

        source.Statistics.ReceiveRequests.Should().Be(0);
        (await QueueDepthAsync()).Should().BeGreaterThan(0);
    }

    [Fact]
    public async Task Receive_HandlerThrows_MessageStaysInTheQueueAndIsAppliedWhenRedelivered()
    {
        using var source = new SqsBucketEventSource(_sqs, _bucket, _clock.Scheduler, new SqsBucketEventSourceOptions { QueueUrl = _queueUrl, Interval = Interval, VisibilityTimeout = TimeSpan.Zero });
        var fail = true;
        source.Subscribe((e, _) =>
        {
            if (fail && e.Key == "a.txt")
            {
                throw new InvalidOperationException("handler failed");
            }

            _events.Add(e);
            return ValueTask.CompletedTask;
        });
        await SendAsync(AwsRecord("ObjectCreated:Put", "a.txt", "v1", "0001"));

        var first = async () => await _clock.Scheduler.AdvanceAsync(Interval);
        await first.Should().ThrowAsync<InvalidOperationException>();
        var depthAfterFailure = await QueueDepthAsync();
        fail = false;
        await _clock.Scheduler.AdvanceAsync(Interval);

        depthAfterFailure.Should().Be(1);
        _events.Select(e => (e.Key, e.VersionId.Value)).Should().Equal(("a.txt", "v1"));
        (await QueueDepthAsync()).Should().Be(0);
    }

    // https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-content-structure.html (sequencer: order of events for one key)
    [Fact]
    public async Task Receive_DuplicatedAndReorderedRecords_DeliversEachChangeOnceAndNothingOlderThanTheLatest()
    {
        using var source = Subscribed();
        await SendAsync(AwsRecord("ObjectCreated:Put", "k", "v2", "0000000000000002"));
        await SendAsync(AwsRecord("ObjectCreated:Put", "k", "v1", "0000000000000001"));
        await SendAsync(AwsRecord("ObjectCreated:Put", "k", "v2", "0000000000000002"));
        await SendAsync(AwsRecord("ObjectRemoved:DeleteMarkerCreated", "k", "v3", "00000000000000030"));
        await SendAsync(AwsRecord("ObjectCreated:Put", "other", "w1", "0000000000000001"));

        await _clock.Scheduler.AdvanceAsync(Interval);

        _events.Select(e => $"{e.Key} {e.VersionId} {e.DetailType}").Should().Equal(
            $"k v2 {BucketEvent.ObjectCreatedDetailType}",
            $"k v3 {BucketEvent.ObjectDeletedDetailType}",
            $"other w1 {BucketEvent.ObjectCreatedDetailType}");
        _events[1].DeletionType.Should().Be(BucketEvent.DeleteMarkerCreated);
        source.Statistics.EventsDropped.Should().Be(2);
        (await QueueDepthAsync()).Should().Be(0);
    }

    [Fact]
    public async Task Receive_EventBridgeAndSnsWrappedMessages_DeliveredLikeS3Records()
    {
        using var source = Subscribed();
        await SendAsync($$$$"""{"version":"0","id":"e-1","detail-type":"Object Created","source":"aws.s3","account":"111122223333","time":"2026-04-07T00:00:01Z","region":"eu-west-1","detail":{"bucket":{"name":"{{{{_bucket}}}}"},"object":{"key":"a b.txt","size":3,"etag":"0cc175b9c0f1b6a831c399e269772661","version-id":"v1","sequencer":"01"},"reason":"PutObject"}}""");
        var inner = AwsRecord("ObjectRemoved:Delete", "gone.txt", "v9", "05").Replace("\"", "\\\"", StringComparison.Ordinal);
        await SendAsync($$"""{"Type":"Notification","MessageId":"m-1","TopicArn":"arn:aws:sns:us-east-1:111122223333:t","Message":"{{inner}}"}""");

        await _clock.Scheduler.AdvanceAsync(Interval);

        _events.Select(e => $"{e.Key}|{e.VersionId}|{e.DetailType}|{e.DeletionType}|{e.Region}").Should().Equal(
            $"a b.txt|v1|{BucketEvent.ObjectCreatedDetailType}||eu-west-1",
            $"gone.txt|v9|{BucketEvent.ObjectDeletedDetailType}|{BucketEvent.PermanentlyDeleted}|us-east-1");
    }

    [Fact]
    public async Task Receive_MessageThatIsNotANotification_IsDeletedAndCountedAsRejected()
    {
        using var source = Subscribed();
        await SendAsync("not json at all");
        await SendAsync("""{"some":"other message"}""");

        await _clock.Scheduler.AdvanceAsync(Interval);

        source.Statistics.MessagesRejected.Should().Be(2);
        _events.Should().BeEmpty();
        (await QueueDepthAsync()).Should().Be(0);
    }

    [Fact]
    public async Task Receive_RecordOfAnotherBucket_IsIgnored()
    {
        using var source = Subscribed();
        await SendAsync(AwsRecord("ObjectCreated:Put", "k", "v1", "01", bucket: "some-other-bucket"));

        await _clock.Scheduler.AdvanceAsync(Interval);

        _events.Should().BeEmpty();
        source.Statistics.RecordsIgnored.Should().Be(1);
    }

    [Fact]
    public async Task Receive_QueueDoesNotExist_ThrowsOutOfTheAdvance()
    {
        using var source = new SqsBucketEventSource(_sqs, _bucket, _clock.Scheduler, new SqsBucketEventSourceOptions { QueueUrl = _queueUrl + "-missing", Interval = Interval });
        source.Subscribe((_, _) => ValueTask.CompletedTask);

        var advance = async () => await _clock.Scheduler.AdvanceAsync(Interval);

        await advance.Should().ThrowAsync<AmazonSQSException>();
    }

    [Fact]
    public async Task Receive_RoundThatReceivedMessages_NextRoundComesAfterTheBusyInterval()
    {
        using var source = Subscribed();
        await SendAsync(AwsRecord("ObjectCreated:Put", "a", "v1", "01"));
        await _clock.Scheduler.AdvanceAsync(TimeSpan.Zero);
        await SendAsync(AwsRecord("ObjectCreated:Put", "b", "v1", "01"));

        await _clock.Scheduler.AdvanceAsync(Busy);

        _events.Select(e => e.Key).Should().Equal("a", "b");
    }

    [Fact]
    public async Task Receive_RoundThatFoundTheQueueEmpty_NextRoundComesAfterTheInterval()
    {
        using var source = Subscribed();
        await _clock.Scheduler.AdvanceAsync(Busy); // the first round takes the bucket's test event, the next finds the queue empty
        var receives = source.Statistics.ReceiveRequests;
        await SendAsync(AwsRecord("ObjectCreated:Put", "a", "v1", "01"));

        await _clock.Scheduler.AdvanceAsync(Interval - TimeSpan.FromMilliseconds(1));
        var beforeTheInterval = _events.Count;
        await _clock.Scheduler.AdvanceAsync(TimeSpan.FromMilliseconds(1));

        beforeTheInterval.Should().Be(0);
        _events.Select(e => e.Key).Should().Equal("a");
        source.Statistics.ReceiveRequests.Should().Be(receives + 1);
    }

    [Fact]
    public void Constructor_BusyIntervalLongerThanTheInterval_ThrowsNamingTheOption()
    {
        var act = () => new SqsBucketEventSource(_sqs, _bucket, _clock.Scheduler, new SqsBucketEventSourceOptions { QueueUrl = _queueUrl, Interval = Interval, BusyInterval = Interval * 2 });

        act.Should().Throw<ArgumentException>().WithParameterName("BusyInterval");
    }

    [Fact]
    public void Constructor_QueueUrlNotAUrl_ThrowsNamingTheOption()
    {
        var act = () => new SqsBucketEventSource(_sqs, _bucket, _clock.Scheduler, new SqsBucketEventSourceOptions { QueueUrl = "q" });

        act.Should().Throw<ArgumentException>().WithParameterName("QueueUrl");
    }

    private string AwsRecord(string eventName, string key, string versionId, string sequencer, string? bucket = null) =>
        $$$$"""{"Records":[{"eventVersion":"2.1","eventSource":"aws:s3","awsRegion":"us-east-1","eventTime":"2026-04-07T00:00:00.000Z","eventName":"{{{{eventName}}}}","s3":{"s3SchemaVersion":"1.0","configurationId":"s3files-sim","bucket":{"name":"{{{{bucket ?? _bucket}}}}","arn":"arn:aws:s3:::b"},"object":{"key":"{{{{Uri.EscapeDataString(key)}}}}","size":1,"eTag":"c4ca4238a0b923820dcc509a6f75849b","versionId":"{{{{versionId}}}}","sequencer":"{{{{sequencer}}}}"}}}]}""";

    private SqsBucketEventSource Subscribed()
    {
        var source = new SqsBucketEventSource(_sqs, _bucket, _clock.Scheduler, new SqsBucketEventSourceOptions { QueueUrl = _queueUrl, Interval = Interval, BusyInterval = Busy });
        source.Subscribe((e, _) =>
        {
            _events.Add(e);
            return ValueTask.CompletedTask;
        });
        return source;
    }

    private Task SendAsync(string body) =>
        _sqs.SendMessageAsync(new SendMessageRequest { QueueUrl = _queueUrl, MessageBody = body });

    private async Task<int> QueueDepthAsync()
    {
        var attributes = await _sqs.GetQueueAttributesAsync(new GetQueueAttributesRequest
        {
            QueueUrl = _queueUrl,
            AttributeNames = ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"],
        });
        return attributes.ApproximateNumberOfMessages + attributes.ApproximateNumberOfMessagesNotVisible;
    }
}
