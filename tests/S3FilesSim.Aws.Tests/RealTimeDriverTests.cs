using FluentAssertions;
using S3FilesSim.Time;
using Xunit;

namespace S3FilesSim.Aws.Tests;

/// <summary>The real-time driver advances the virtual clock with the wall clock, so the engine runs live.</summary>
public sealed class RealTimeDriverTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(5);

    /// <summary>The one test on real time: a short, bounded run of the driver against <see cref="TimeProvider.System"/>.</summary>
    [Fact]
    public async Task Start_SystemClock_RunsWorkDueIn100MsOnceThatMuchWallTimePassedAndStopsOnDispose()
    {
        var clock = new VirtualClock();
        var ranAt = TimeSpan.MinValue;
        clock.Scheduler.Schedule(TimeSpan.FromMilliseconds(100), () => ranAt = clock.Elapsed, "due-in-100-ms");
        var wallStart = TimeProvider.System.GetTimestamp();

        var driver = RealTimeDriver.Start(clock.Scheduler, new RealTimeDriverOptions { Tick = TimeSpan.FromMilliseconds(10) });
        while (ranAt == TimeSpan.MinValue && TimeProvider.System.GetElapsedTime(wallStart) < Bound)
        {
            await Task.Delay(10);
        }

        var wallElapsed = TimeProvider.System.GetElapsedTime(wallStart);
        await driver.DisposeAsync();
        var stoppedAt = clock.Elapsed;
        await Task.Delay(50);

        ranAt.Should().Be(TimeSpan.FromMilliseconds(100), "the work ran at its own due time on the virtual clock");
        wallElapsed.Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(100));
        stoppedAt.Should().BeLessThanOrEqualTo(TimeProvider.System.GetElapsedTime(wallStart), "the virtual clock never runs ahead of the wall clock");
        clock.Elapsed.Should().Be(stoppedAt, "a disposed driver advances nothing");
        driver.Completion.IsCompleted.Should().BeTrue();
        driver.AdvanceCount.Should().BePositive();
    }

    [Fact]
    public async Task Start_WallClockAdvances_VirtualClockFollowsByTheSameAmount()
    {
        var wall = new VirtualClock();
        var clock = new VirtualClock();
        await using var driver = RealTimeDriver.Start(clock.Scheduler, new RealTimeDriverOptions { Tick = TimeSpan.FromMilliseconds(50), WallClock = wall });

        await wall.Scheduler.AdvanceAsync(TimeSpan.FromSeconds(1));
        await WaitUntilAsync(() => clock.Elapsed == TimeSpan.FromSeconds(1));

        clock.Elapsed.Should().Be(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task Start_TimeScale60_VirtualClockMovesSixtyTimesTheWallClock()
    {
        var wall = new VirtualClock();
        var clock = new VirtualClock();
        await using var driver = RealTimeDriver.Start(clock.Scheduler, new RealTimeDriverOptions { Tick = TimeSpan.FromMilliseconds(50), WallClock = wall, TimeScale = 60 });

        await wall.Scheduler.AdvanceAsync(TimeSpan.FromSeconds(1));
        await WaitUntilAsync(() => clock.Elapsed == TimeSpan.FromSeconds(60));

        clock.Elapsed.Should().Be(TimeSpan.FromSeconds(60));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Start_InvalidTimeScale_ThrowsNamingTheOption(double scale)
    {
        var act = () => RealTimeDriver.Start(new VirtualClock().Scheduler, new RealTimeDriverOptions { TimeScale = scale });

        act.Should().Throw<ArgumentException>().Which.Message.Should().Contain(nameof(RealTimeDriverOptions.TimeScale));
    }

    [Fact]
    public async Task Start_ScheduledWorkThrows_CompletionFaultsWithTheException()
    {
        var wall = new VirtualClock();
        var clock = new VirtualClock();
        clock.Scheduler.Schedule(TimeSpan.FromMilliseconds(50), () => throw new InvalidOperationException("work failed"));
        var driver = RealTimeDriver.Start(clock.Scheduler, new RealTimeDriverOptions { Tick = TimeSpan.FromMilliseconds(50), WallClock = wall });

        await wall.Scheduler.AdvanceAsync(TimeSpan.FromMilliseconds(100));
        var act = () => driver.Completion.WaitAsync(Bound);

        (await act.Should().ThrowAsync<InvalidOperationException>()).Which.Message.Should().Be("work failed");
        await driver.DisposeAsync();
    }

    [Fact]
    public async Task DisposeAsync_Twice_SecondCallDoesNothing()
    {
        var driver = RealTimeDriver.Start(new VirtualClock().Scheduler, new RealTimeDriverOptions { WallClock = new VirtualClock() });
        await driver.DisposeAsync();

        var act = async () => await driver.DisposeAsync();

        await act.Should().NotThrowAsync();
        driver.Completion.IsCompleted.Should().BeTrue();
    }

    [Fact]
    public void Start_NonPositiveTick_ThrowsNamingTheOption()
    {
        var act = () => RealTimeDriver.Start(new VirtualClock().Scheduler, new RealTimeDriverOptions { Tick = TimeSpan.Zero });

        act.Should().Throw<ArgumentException>().Which.Message.Should().Contain(nameof(RealTimeDriverOptions.Tick));
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var start = TimeProvider.System.GetTimestamp();
        while (!condition() && TimeProvider.System.GetElapsedTime(start) < Bound)
        {
            await Task.Yield();
        }
    }
}
