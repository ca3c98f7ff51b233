using System.Net;
using System.Text;
using FluentAssertions;
using S3FilesSim.ObjectStorage;
using S3FilesSim.Time;
using Xunit;

namespace S3FilesSim.Aws.Tests.Notifications;

/// <summary>The HTTP push listener on its own: what it answers, and what it delivers, to a client that posts S3 event records.</summary>
public sealed class HttpPushBucketEventSourceTests : IDisposable
{
    private const string Bucket = "push-bucket";
    private readonly VirtualClock _clock = new();
    private readonly List<BucketEvent> _events = [];
    private readonly HttpClient _http = new();
    private readonly HttpPushBucketEventSource _source;

    public HttpPushBucketEventSourceTests()
    {
        _source = HttpPushBucketEventSource.Start(Bucket, _clock.Scheduler, new HttpPushBucketEventSourceOptions { MaxPendingMessages = 3 });
        _source.Subscribe((e, _) =>
        {
            _events.Add(e);
            return ValueTask.CompletedTask;
        });
    }

    public void Dispose()
    {
        _source.Dispose();
        _http.Dispose();
    }

    [Fact]
    public void Start_Defaults_ListensOnLoopbackOnAFreePort()
    {
        _source.Endpoint.Host.Should().Be("127.0.0.1");
        _source.Endpoint.Port.Should().BePositive();
        _source.Endpoint.AbsolutePath.Should().Be("/s3files-sim/events/");
    }

    [Fact]
    public async Task Post_Records_AnsweredOkAndDeliveredAtTheNextAdvanceInSequencerOrder()
    {
        var status = await PostAsync(Records(("k", "0002"), ("k", "0001"), ("k", "0002"), ("j", "0001")));
        var before = _events.Count;

        await _clock.Scheduler.RunUntilIdleAsync();

        (status, before).Should().Be((HttpStatusCode.OK, 0));
        _events.Select(e => $"{e.Key} {e.Sequencer}").Should().Equal("k 0002", "j 0001");
        _source.Statistics.EventsDropped.Should().Be(2);
    }

    [Fact]
    public async Task Post_BodyThatIsNotANotification_Answered400AndNothingDelivered()
    {
        var status = await PostAsync("{\"hello\":1}");
        await _clock.Scheduler.RunUntilIdleAsync();

        status.Should().Be(HttpStatusCode.BadRequest);
        _events.Should().BeEmpty();
        _source.Statistics.MessagesRejected.Should().Be(1);
    }

    [Fact]
    public async Task Post_OtherPath_Answered404()
    {
        using var response = await _http.PostAsync(new Uri(_source.Endpoint, "/elsewhere"), new StringContent(Records(("k", "01"))));

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Get_Answered405()
    {
        using var response = await _http.GetAsync(_source.Endpoint);

        response.StatusCode.Should().Be(HttpStatusCode.MethodNotAllowed);
    }

    [Fact]
    public async Task Post_BodyOverTheLimit_Answered413()
    {
        var status = await PostAsync(new string(' ', (1 << 20) + 1));

        status.Should().Be(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Post_WhileTheHeldMessagesAreAtTheLimit_Answered503UntilDelivered()
    {
        for (var i = 0; i < 3; i++)
        {
            (await PostAsync(Records(("k" + i, "01")))).Should().Be(HttpStatusCode.OK);
        }

        var full = await PostAsync(Records(("x", "01")));
        await _clock.Scheduler.RunUntilIdleAsync();
        var after = await PostAsync(Records(("x", "01")));

        (full, after).Should().Be((HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK));
    }

    [Fact]
    public async Task Deliver_HandlerThrows_MessageHeldAndDeliveredInALaterRound()
    {
        using var source = HttpPushBucketEventSource.Start(Bucket, _clock.Scheduler);
        var fail = true;
        var delivered = new List<string>();
        source.Subscribe((e, _) => fail ? throw new InvalidOperationException("handler failed") : Record(delivered, e.Key));
        using (var response = await _http.PostAsync(source.Endpoint, new StringContent(Records(("k", "01")))))
        {
            response.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        var first = async () => await _clock.Scheduler.RunUntilIdleAsync();
        await first.Should().ThrowAsync<InvalidOperationException>();
        fail = false;
        await _clock.Scheduler.AdvanceAsync(TimeSpan.FromSeconds(1));

        delivered.Should().Equal("k");
        source.PendingCount.Should().Be(0);
    }

    private static ValueTask Record(List<string> delivered, string key)
    {
        delivered.Add(key);
        return ValueTask.CompletedTask;
    }

    private static string Records(params (string Key, string Sequencer)[] records) =>
        "{\"Records\":[" + string.Join(',', records.Select(r =>
            $$$$"""{"eventVersion":"2.2","eventSource":"ceph:s3","awsRegion":"","eventTime":"2026-04-07T00:00:00.000Z","eventName":"ObjectCreated:Put","s3":{"bucket":{"name":"{{{{Bucket}}}}"},"object":{"key":"{{{{r.Key}}}}","size":1,"eTag":"c4ca4238a0b923820dcc509a6f75849b","versionId":"v","sequencer":"{{{{r.Sequencer}}}}"}}}""")) + "]}";

    private async Task<HttpStatusCode> PostAsync(string body)
    {
        using var response = await _http.PostAsync(_source.Endpoint, new StringContent(body, Encoding.UTF8, "application/json"));
        return response.StatusCode;
    }
}
