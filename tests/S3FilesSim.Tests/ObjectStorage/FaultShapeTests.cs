using FluentAssertions;
using S3FilesSim.ObjectStorage;
using S3FilesSim.Time;
using Xunit;

namespace S3FilesSim.Tests.ObjectStorage;

// The fault shapes of a remote bucket beyond an error before the call: a late answer (on virtual time), a write that
// lands while its answer is lost, a body that breaks off.
public sealed class FaultShapeTests
{
    private readonly VirtualClock _clock = new();

    [Fact]
    public async Task LoseResponse_Put_TheObjectLandsAndTheCallerSeesTheError()
    {
        var store = Create();
        store.Add(new ObjectStoreFaultRule { Operation = ObjectStoreOperation.PutObject, LoseResponse = true, ErrorCode = S3ErrorCode.RequestTimeout, MaxFaults = 1 });

        var act = () => store.PutObjectAsync("k", "x").AsTask();

        (await act.Should().ThrowAsync<ObjectStoreException>()).Which.IsRetryable.Should().BeTrue();
        (await store.Inner.GetObjectBytesAsync("k")).Should().Equal("x"u8.ToArray());
    }

    [Fact]
    public async Task FailBodyAfterBytes_GetObject_TheBodyBreaksOffAfterThatManyBytes()
    {
        var store = Create();
        await store.Inner.PutObjectAsync("k", "0123456789");
        store.Add(new ObjectStoreFaultRule { Operation = ObjectStoreOperation.GetObject, FailBodyAfterBytes = 4, ErrorCode = S3ErrorCode.InternalError });
        using var result = (await store.GetObjectAsync("k"))!;
        var buffer = new byte[10];

        var first = await result.Body.ReadAsync(buffer);
        var rest = async () => await result.Body.ReadAsync(buffer.AsMemory(first));

        (first, buffer[..4]).Should().BeEquivalentTo((4, "0123"u8.ToArray()));
        (await rest.Should().ThrowAsync<ObjectStoreException>()).Which.ErrorCode.Should().Be(S3ErrorCode.InternalError);
    }

    [Fact]
    public async Task Delay_InsideScheduledWork_TheWorkTakesThatLongOnTheVirtualClock()
    {
        var store = Create();
        store.Add(new ObjectStoreFaultRule { Operation = ObjectStoreOperation.HeadObject, Delay = TimeSpan.FromSeconds(30) });
        var start = _clock.GetUtcNow();
        DateTimeOffset? answeredAt = null;
        _clock.Scheduler.Schedule(TimeSpan.FromSeconds(1), async _ =>
        {
            await store.HeadObjectAsync("k");
            answeredAt = _clock.GetUtcNow();
        });

        await _clock.Scheduler.AdvanceAsync(TimeSpan.FromSeconds(10));

        (answeredAt - start, _clock.GetUtcNow() - start).Should().Be((TimeSpan.FromSeconds(31), TimeSpan.FromSeconds(31)));
    }

    [Fact]
    public async Task Delay_ClientCallOutsideScheduledWork_AnswersAtOnce()
    {
        var store = Create();
        store.Add(new ObjectStoreFaultRule { Operation = ObjectStoreOperation.HeadObject, Delay = TimeSpan.FromSeconds(30) });
        var start = _clock.GetUtcNow();

        var head = store.HeadObjectAsync("k");

        (head.IsCompletedSuccessfully, _clock.GetUtcNow()).Should().Be((true, start));
        await head;
    }

    [Fact]
    public void Add_TwoShapesInOneRule_ThrowsArgumentException()
    {
        var store = Create();

        var act = () => store.Add(new ObjectStoreFaultRule { Delay = TimeSpan.FromSeconds(1), LoseResponse = true });

        act.Should().Throw<ArgumentException>().WithParameterName(nameof(ObjectStoreFaultRule.Delay));
    }

    [Fact]
    public void Add_DelayWithoutAScheduler_ThrowsInvalidOperationException()
    {
        var store = new FaultInjectingObjectStore(new InMemoryObjectStore("bucket-a", _clock.Scheduler, new DeterministicRandom(1)));

        var act = () => store.Add(new ObjectStoreFaultRule { Delay = TimeSpan.FromSeconds(1) });

        act.Should().Throw<InvalidOperationException>();
    }

    private FaultInjectingObjectStore Create() =>
        new(new InMemoryObjectStore("bucket-a", _clock.Scheduler, new DeterministicRandom(1)), new DeterministicRandom(2), _clock.Scheduler);
}
