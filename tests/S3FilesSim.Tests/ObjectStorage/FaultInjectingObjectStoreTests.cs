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

    [Fact]
    public async Task Add_KeyPrefix_FailsOnlyKeysUnderIt()
    {
        var store = Create();
        var rule = store.Add(new ObjectStoreFaultRule { Operation = ObjectStoreOperation.PutObject, KeyPrefix = "logs/", ErrorCode = S3ErrorCode.SlowDown });

        var inside = () => store.PutObjectAsync("logs/a", "x").AsTask();

        await inside.Should().ThrowAsync<ObjectStoreException>();
        (await store.PutObjectAsync("data/a", "x")).Succeeded.Should().BeTrue();
        rule.InjectedCount.Should().Be(1);
    }

    [Theory]
    [InlineData("*.tmp", "a/b/c.tmp", true)]
    [InlineData("*.tmp", "a/b/c.txt", false)]
    [InlineData("a/?/c", "a/b/c", true)]
    [InlineData("a/?/c", "a/bb/c", false)]
    [InlineData("a*c*e", "abcde", true)]
    public async Task Add_KeyGlob_MatchesTheWholeKey(string glob, string key, bool fails)
    {
        var store = Create();
        store.Add(new ObjectStoreFaultRule { KeyGlob = glob, ErrorCode = S3ErrorCode.InternalError });

        var act = () => store.PutObjectAsync(key, "x").AsTask();

        if (fails)
        {
            await act.Should().ThrowAsync<ObjectStoreException>();
        }
        else
        {
            await act.Should().NotThrowAsync();
        }
    }

    [Fact]
    public async Task Add_KeyFilter_ListingsPassThrough()
    {
        var store = Create();
        store.Add(new ObjectStoreFaultRule { KeyPrefix = "a", ErrorCode = S3ErrorCode.SlowDown });

        var act = () => store.ListObjectsV2Async(new ListObjectsV2Request { Prefix = "a" }).AsTask();

        await act.Should().NotThrowAsync();
    }

    [Fact]
    public async Task Add_SkipFirstAndMaxFaults_FailsTheMiddleCallsOnly()
    {
        var store = Create();
        var rule = store.Add(new ObjectStoreFaultRule { Operation = ObjectStoreOperation.PutObject, SkipFirst = 2, MaxFaults = 2 });
        var outcomes = new List<bool>();

        for (var i = 0; i < 6; i++)
        {
            try
            {
                await store.PutObjectAsync($"k{i}", "x");
                outcomes.Add(true);
            }
            catch (ObjectStoreException)
            {
                outcomes.Add(false);
            }
        }

        outcomes.Should().Equal(true, true, false, false, true, true);
        rule.InjectedCount.Should().Be(2);
        rule.IsExhausted.Should().BeTrue();
    }

    [Fact]
    public async Task Add_RequestTimeout_IsRetryableAndWritesNothing()
    {
        var store = Create();
        store.Add(new ObjectStoreFaultRule { ErrorCode = S3ErrorCode.RequestTimeout, MaxFaults = 1 });

        var act = () => store.PutObjectAsync("k", "x").AsTask();

        (await act.Should().ThrowAsync<ObjectStoreException>()).Which.IsRetryable.Should().BeTrue();
        (await store.Inner.HeadObjectAsync("k")).Should().BeNull();
    }

    [Fact]
    public async Task Add_TwoRules_EachCountsItsOwnFaults()
    {
        var store = Create();
        var puts = store.Add(new ObjectStoreFaultRule { Operation = ObjectStoreOperation.PutObject, MaxFaults = 1 });
        var heads = store.Add(new ObjectStoreFaultRule { Operation = ObjectStoreOperation.HeadObject, MaxFaults = 3 });

        for (var i = 0; i < 4; i++)
        {
            await Swallow(() => store.HeadObjectAsync("k").AsTask());
            await Swallow(() => store.PutObjectAsync("k", "x").AsTask());
        }

        (puts.InjectedCount, heads.InjectedCount, store.InjectedFaultCount).Should().Be((1, 3, 4));
    }

    [Fact]
    public async Task Remove_StopsTheRule()
    {
        var store = Create();
        var rule = store.Add(new ObjectStoreFaultRule());
        rule.Remove();

        var act = () => store.PutObjectAsync("k", "x").AsTask();

        await act.Should().NotThrowAsync();
        store.Rules.Should().BeEmpty();
    }

    [Fact]
    public void Add_ProbabilityAboveOne_ThrowsNamingTheField()
    {
        var store = Create();

        var act = () => store.Add(new ObjectStoreFaultRule { Probability = 2 });

        act.Should().Throw<ArgumentException>().WithParameterName("Probability");
    }

    [Fact]
    public async Task Subscribe_InnerInMemoryBucket_ForwardsItsEvents()
    {
        var inner = new InMemoryObjectStore("b", _clock.Scheduler, new DeterministicRandom(1));
        var store = new FaultInjectingObjectStore(inner);
        var keys = new List<string>();
        store.Subscribe((e, _) =>
        {
            keys.Add(e.Key);
            return ValueTask.CompletedTask;
        });

        await inner.PutObjectAsync("k", "x");
        await _clock.Scheduler.AdvanceAsync(TimeSpan.FromSeconds(5));

        keys.Should().Equal("k");
    }

    private static async Task Swallow(Func<Task> call)
    {
        try
        {
            await call();
        }
        catch (ObjectStoreException)
        {
        }
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
