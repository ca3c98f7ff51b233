using FluentAssertions;
using S3FilesSim.Time;
using Xunit;

namespace S3FilesSim.Tests.Time;

public sealed class SchedulerTests
{
    private readonly VirtualClock _clock = new();

    private Scheduler Scheduler => _clock.Scheduler;

    [Fact]
    public async Task AdvanceAsync_ItemsOutOfOrder_RunInDueTimeOrderAtTheirDueTimes()
    {
        var log = new List<(string Name, TimeSpan At)>();
        Scheduler.Schedule(TimeSpan.FromSeconds(30), () => log.Add(("c", _clock.Elapsed)));
        Scheduler.Schedule(TimeSpan.FromSeconds(10), () => log.Add(("a", _clock.Elapsed)));
        Scheduler.Schedule(TimeSpan.FromSeconds(20), () => log.Add(("b", _clock.Elapsed)));

        await Scheduler.AdvanceAsync(TimeSpan.FromMinutes(1));

        log.Should().Equal(("a", TimeSpan.FromSeconds(10)), ("b", TimeSpan.FromSeconds(20)), ("c", TimeSpan.FromSeconds(30)));
        _clock.Elapsed.Should().Be(TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task AdvanceAsync_EqualDueTimes_RunInSchedulingOrder()
    {
        var log = new List<int>();
        for (var i = 0; i < 100; i++)
        {
            var n = i;
            Scheduler.Schedule(TimeSpan.FromSeconds(5), () => log.Add(n));
        }

        await Scheduler.AdvanceAsync(TimeSpan.FromSeconds(5));

        log.Should().Equal(Enumerable.Range(0, 100));
    }

    [Fact]
    public async Task ScheduleReservedAt_ScheduledAfterLaterWork_RunsInThePlaceItReserved()
    {
        var log = new List<string>();
        var place = Scheduler.Reserve();
        Scheduler.Schedule(TimeSpan.FromSeconds(5), () => log.Add("scheduled after the reservation"));
        Scheduler.PendingCount.Should().Be(2);

        Scheduler.ScheduleReservedAt(VirtualClock.DefaultStart.AddSeconds(5), place, _ =>
        {
            log.Add("reserved");
            return ValueTask.CompletedTask;
        }, "reserved");
        await Scheduler.AdvanceAsync(TimeSpan.FromSeconds(5));

        log.Should().Equal("reserved", "scheduled after the reservation");
        Scheduler.PendingCount.Should().Be(0);
    }

    [Fact]
    public async Task AdvanceAsync_WorkSchedulesWorkInsideWindow_RunsInSameAdvance()
    {
        var log = new List<TimeSpan>();
        Scheduler.Schedule(TimeSpan.FromSeconds(10), () =>
        {
            log.Add(_clock.Elapsed);
            Scheduler.Schedule(TimeSpan.FromSeconds(10), () => log.Add(_clock.Elapsed));
            Scheduler.Schedule(TimeSpan.FromSeconds(100), () => log.Add(_clock.Elapsed));
        });

        await Scheduler.AdvanceAsync(TimeSpan.FromSeconds(30));

        log.Should().Equal(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(20));
        Scheduler.PendingCount.Should().Be(1);
        Scheduler.NextDueTime.Should().Be(VirtualClock.DefaultStart.AddSeconds(110));
    }

    [Fact]
    public async Task AdvanceAsync_ItemDueExactlyAtTarget_Runs()
    {
        var ran = false;
        Scheduler.Schedule(TimeSpan.FromSeconds(60), () => ran = true);

        await Scheduler.AdvanceAsync(TimeSpan.FromSeconds(60));

        ran.Should().BeTrue();
    }

    [Fact]
    public async Task Cancel_BeforeDue_WorkNeverRunsAndPendingCountDrops()
    {
        var ran = false;
        var work = Scheduler.Schedule(TimeSpan.FromSeconds(1), () => ran = true);

        work.Cancel().Should().BeTrue();
        await Scheduler.AdvanceAsync(TimeSpan.FromSeconds(2));

        ran.Should().BeFalse();
        Scheduler.PendingCount.Should().Be(0);
        work.Cancel().Should().BeFalse();
    }

    [Fact]
    public async Task RunUntilIdleAsync_DueNowAndChainedNow_RunsAllWithoutMovingClock()
    {
        var count = 0;
        Scheduler.Schedule(TimeSpan.Zero, () =>
        {
            count++;
            Scheduler.Schedule(TimeSpan.Zero, () => count++);
        });
        Scheduler.Schedule(TimeSpan.FromTicks(1), () => count += 100);

        await Scheduler.RunUntilIdleAsync();

        count.Should().Be(2);
        _clock.Elapsed.Should().Be(TimeSpan.Zero);
    }

    [Fact]
    public async Task AdvanceAsync_FromInsideWork_Throws()
    {
        Exception? caught = null;
        Scheduler.Schedule(TimeSpan.FromSeconds(1), async ct =>
        {
            try
            {
                await Scheduler.AdvanceAsync(TimeSpan.FromSeconds(1), ct);
            }
            catch (InvalidOperationException ex)
            {
                caught = ex;
            }
        });

        await Scheduler.AdvanceAsync(TimeSpan.FromSeconds(5));

        caught.Should().NotBeNull();
    }

    [Fact]
    public async Task AdvanceAsync_WorkThrows_PropagatesAndKeepsRemainingWork()
    {
        var later = false;
        Scheduler.Schedule(TimeSpan.FromSeconds(1), () => throw new InvalidDataException("boom"));
        Scheduler.Schedule(TimeSpan.FromSeconds(2), () => later = true);

        var act = async () => await Scheduler.AdvanceAsync(TimeSpan.FromSeconds(5));

        await act.Should().ThrowAsync<InvalidDataException>();
        _clock.Elapsed.Should().Be(TimeSpan.FromSeconds(1));
        later.Should().BeFalse();
        await Scheduler.AdvanceAsync(TimeSpan.FromSeconds(5));
        later.Should().BeTrue();
    }

    [Fact]
    public async Task AdvanceUntilEmptyAsync_ChainedWork_DrainsWithinLimit()
    {
        var runs = 0;
        void Chain()
        {
            runs++;
            if (runs < 5)
            {
                Scheduler.Schedule(TimeSpan.FromMinutes(1), Chain);
            }
        }

        Scheduler.Schedule(TimeSpan.FromMinutes(1), Chain);

        await Scheduler.AdvanceUntilEmptyAsync(TimeSpan.FromHours(1));

        runs.Should().Be(5);
        _clock.Elapsed.Should().Be(TimeSpan.FromMinutes(5));
    }

    [Fact]
    public async Task Schedule_FromManyThreads_AllRunExactlyOnce()
    {
        var count = 0;
        var threads = Enumerable.Range(0, 4).Select(_ => new Thread(() =>
        {
            for (var i = 0; i < 1_000; i++)
            {
                Scheduler.Schedule(TimeSpan.FromMilliseconds(i), () => Interlocked.Increment(ref count));
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        await Scheduler.AdvanceAsync(TimeSpan.FromSeconds(2));

        count.Should().Be(4_000);
        Scheduler.ExecutedCount.Should().Be(4_000);
    }

    [Fact]
    public void DeterministicRandom_SameSeed_SameSequence()
    {
        var a = new DeterministicRandom(42);
        var b = new DeterministicRandom(42);

        var first = Enumerable.Range(0, 20).Select(_ => a.NextHex(10)).ToList();
        var second = Enumerable.Range(0, 20).Select(_ => b.NextHex(10)).ToList();

        first.Should().Equal(second);
        first.Should().OnlyContain(s => s.Length == 10 && s.All(char.IsAsciiHexDigitLower));
        new DeterministicRandom(43).NextHex(10).Should().NotBe(first[0]);
    }
}
