using FluentAssertions;
using S3FilesSim.ObjectStorage;
using S3FilesSim.TestSupport.ObjectStorage;
using S3FilesSim.Time;
using Xunit;

namespace S3FilesSim.Tests.ObjectStorage;

/// <summary>The fault-injecting decorator: chosen S3 errors (https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html) before the inner store.</summary>
public sealed class FaultInjectingObjectStoreTests
{
    private readonly VirtualClock _clock = new();

    [Theory]
    [InlineData(S3ErrorCode.SlowDown, 503, true)]
    [InlineData(S3ErrorCode.InternalError, 500, true)]
    [InlineData(S3ErrorCode.AccessDenied, 403, false)]
    public async Task FailNext_PutObject_ThrowsCodeWithStatusAndWritesNothing(string code, int status, bool retryable)
    {
        var store = Create();
        store.FailNext(ObjectStoreOperation.PutObject, code);

        var act = () => store.PutObjectAsync("k", "x").AsTask();

        var error = (await act.Should().ThrowAsync<ObjectStoreException>()).Which;
        error.ErrorCode.Should().Be(code);
        error.StatusCode.Should().Be(status);
        error.IsRetryable.Should().Be(retryable);
        (await store.Inner.HeadObjectAsync("k")).Should().BeNull();
    }

    [Fact]
    public async Task FailNext_CountTwo_ThirdCallSucceeds()
    {
        var store = Create();
        store.FailNext(ObjectStoreOperation.HeadObject, S3ErrorCode.SlowDown, count: 2);
        var failures = 0;

        for (var i = 0; i < 3; i++)
        {
            try
            {
                await store.HeadObjectAsync("k");
            }
            catch (ObjectStoreException)
            {
                failures++;
            }
        }

        failures.Should().Be(2);
        store.InjectedFaultCount.Should().Be(2);
    }

    [Fact]
    public async Task FailNext_OtherOperation_CallPassesThrough()
    {
        var store = Create();
        store.FailNext(ObjectStoreOperation.DeleteObject, S3ErrorCode.InternalError);

        var put = await store.PutObjectAsync("k", "x");

        put.Succeeded.Should().BeTrue();
        store.InjectedFaultCount.Should().Be(0);
    }

    [Fact]
    public async Task FailRandomly_SameSeed_FailsTheSameCalls()
    {
        var first = await FailurePatternAsync(seed: 3);

        var second = await FailurePatternAsync(seed: 3);

        second.Should().Equal(first);
        first.Count(f => f).Should().BeInRange(10, 50);
    }

    [Fact]
    public async Task Reset_AfterRandomFaults_NoMoreFailures()
    {
        var store = Create();
        store.FailRandomly(S3ErrorCode.SlowDown, probability: 1);

        store.Reset();

        (await store.PutObjectAsync("k", "x")).Succeeded.Should().BeTrue();
    }

    [Fact]
    public void FailRandomly_WithoutRandomSource_ThrowsInvalidOperation()
    {
        var store = new FaultInjectingObjectStore(new InMemoryObjectStore("b", _clock.Scheduler, new DeterministicRandom(1)));

        var act = () => store.FailRandomly(S3ErrorCode.SlowDown, 0.5);

        act.Should().Throw<InvalidOperationException>();
    }

    private async Task<List<bool>> FailurePatternAsync(int seed)
    {
        var store = new FaultInjectingObjectStore(new InMemoryObjectStore("b", _clock.Scheduler, new DeterministicRandom(1)), new DeterministicRandom(seed));
        store.FailRandomly(S3ErrorCode.SlowDown, probability: 0.3);
        var pattern = new List<bool>();
        for (var i = 0; i < 100; i++)
        {
            try
            {
                await store.ListObjectsV2Async(new ListObjectsV2Request());
                pattern.Add(false);
            }
            catch (ObjectStoreException)
            {
                pattern.Add(true);
            }
        }

        return pattern;
    }

    private FaultInjectingObjectStore Create() =>
        new(new InMemoryObjectStore("faulty", _clock.Scheduler, new DeterministicRandom(1)), new DeterministicRandom(2));
}

/// <summary>With no faults configured the decorator is transparent: the whole contract holds through it.</summary>
public sealed class FaultInjectingObjectStoreContractTests : ObjectStoreContractTests
{
    private readonly VirtualClock _clock = new();

    protected override IObjectStore CreateStore() =>
        new FaultInjectingObjectStore(new InMemoryObjectStore("contract-bucket", _clock.Scheduler, new DeterministicRandom(42)));

    protected override ValueTask AdvanceTimeAsync(TimeSpan duration) => _clock.Scheduler.AdvanceAsync(duration);
}
