using FluentAssertions;
using S3FilesSim.Time;
using Xunit;

namespace S3FilesSim.Tests.Time;

public sealed class VirtualClockTests
{
    [Fact]
    public void GetUtcNow_NewClock_IsTheDocumentedStart()
    {
        var clock = new VirtualClock();

        clock.GetUtcNow().Should().Be(new DateTimeOffset(2026, 4, 7, 0, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public async Task GetTimestamp_AfterAdvance_AgreesWithUtcNowAndFrequency()
    {
        var clock = new VirtualClock();
        var before = clock.GetTimestamp();

        await clock.Scheduler.AdvanceAsync(TimeSpan.FromSeconds(90));

        clock.GetElapsedTime(before).Should().Be(TimeSpan.FromSeconds(90));
        clock.GetUtcNow().Should().Be(VirtualClock.DefaultStart.AddSeconds(90));
        clock.TimestampFrequency.Should().Be(10_000_000);
    }

    [Fact]
    public async Task AdvanceToAsync_EarlierInstant_ThrowsWithCurrentTime()
    {
        var clock = new VirtualClock();
        await clock.Scheduler.AdvanceAsync(TimeSpan.FromMinutes(1));

        var act = async () => await clock.Scheduler.AdvanceToAsync(VirtualClock.DefaultStart);

        (await act.Should().ThrowAsync<InvalidOperationException>())
            .WithMessage("*cannot move backwards*2026-04-07T00:01:00.0000000+00:00*");
        clock.GetUtcNow().Should().Be(VirtualClock.DefaultStart.AddMinutes(1));
    }

    [Fact]
    public async Task CreateTimer_OneShot_FiresOnceAtDueTime()
    {
        var clock = new VirtualClock();
        var fired = new List<DateTimeOffset>();
        using var timer = clock.CreateTimer(_ => fired.Add(clock.GetUtcNow()), null, TimeSpan.FromSeconds(60), Timeout.InfiniteTimeSpan);

        await clock.Scheduler.AdvanceAsync(TimeSpan.FromSeconds(59));
        fired.Should().BeEmpty();
        await clock.Scheduler.AdvanceAsync(TimeSpan.FromMinutes(10));

        fired.Should().Equal(VirtualClock.DefaultStart.AddSeconds(60));
    }

    [Fact]
    public async Task CreateTimer_Periodic_FiresEveryPeriodUntilDisposed()
    {
        var clock = new VirtualClock();
        var fired = 0;
        var timer = clock.CreateTimer(_ => fired++, null, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10));

        await clock.Scheduler.AdvanceAsync(TimeSpan.FromSeconds(35));
        timer.Dispose();
        await clock.Scheduler.AdvanceAsync(TimeSpan.FromMinutes(5));

        fired.Should().Be(3);
    }

    [Fact]
    public async Task TimerChange_Rescheduled_FiresAtNewDueTimeOnly()
    {
        var clock = new VirtualClock();
        var fired = new List<TimeSpan>();
        using var timer = clock.CreateTimer(_ => fired.Add(clock.Elapsed), null, TimeSpan.FromSeconds(5), Timeout.InfiniteTimeSpan);

        timer.Change(TimeSpan.FromSeconds(20), Timeout.InfiniteTimeSpan);
        await clock.Scheduler.AdvanceAsync(TimeSpan.FromMinutes(1));

        fired.Should().Equal(TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task TimeProviderDelay_OnVirtualClock_CompletesWhenTimeAdvances()
    {
        var clock = new VirtualClock();
        var delay = Task.Delay(TimeSpan.FromSeconds(30), clock);

        await clock.Scheduler.AdvanceAsync(TimeSpan.FromSeconds(29));
        delay.IsCompleted.Should().BeFalse();
        await clock.Scheduler.AdvanceAsync(TimeSpan.FromSeconds(1));

        delay.IsCompletedSuccessfully.Should().BeTrue();
    }
}
