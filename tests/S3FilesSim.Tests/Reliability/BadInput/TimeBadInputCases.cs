using S3FilesSim.Time;
using static S3FilesSim.Tests.Reliability.BadInput.BadInputCase;

namespace S3FilesSim.Tests.Reliability.BadInput;

/// <summary>Hostile input to the virtual clock and scheduler: going backwards, negative and overflowing spans, null work.</summary>
internal static class TimeBadInputCases
{
    public static IEnumerable<BadInputCase> All()
    {
        foreach (var (name, span) in new[] { ("-1 tick", TimeSpan.FromTicks(-1)), ("-1 day", TimeSpan.FromDays(-1)), ("TimeSpan.MinValue", TimeSpan.MinValue) })
        {
            yield return Fails($"S3FilesSimulation.AdvanceAsync {name}", nameof(ArgumentOutOfRangeException), w => w.Sim.AdvanceAsync(span).AsTask());
            yield return Fails($"Scheduler.AdvanceAsync {name}", nameof(ArgumentOutOfRangeException), w => w.Sim.Scheduler.AdvanceAsync(span).AsTask());
            yield return Fails($"Scheduler.AdvanceUntilEmptyAsync {name}", nameof(ArgumentOutOfRangeException), w => w.Sim.Scheduler.AdvanceUntilEmptyAsync(span).AsTask());
            yield return Fails($"Scheduler.Schedule delay {name}", nameof(ArgumentOutOfRangeException), w => Task.FromResult(w.Sim.Scheduler.Schedule(span, () => { })));
            yield return Fails($"Scheduler.Schedule async delay {name}", nameof(ArgumentOutOfRangeException), w => Task.FromResult(w.Sim.Scheduler.Schedule(span, _ => ValueTask.CompletedTask)));
            yield return Fails($"VirtualClock.CreateTimer due {name}", nameof(ArgumentOutOfRangeException), w => Task.FromResult(w.Sim.Clock.CreateTimer(_ => { }, null, span, Timeout.InfiniteTimeSpan)));
            yield return Fails($"VirtualClock.CreateTimer period {name}", nameof(ArgumentOutOfRangeException), w => Task.FromResult(w.Sim.Clock.CreateTimer(_ => { }, null, TimeSpan.FromSeconds(1), span)));
        }

        yield return Fails("S3FilesSimulation.AdvanceAsync TimeSpan.MaxValue (past the calendar)", nameof(ArgumentOutOfRangeException), w => w.Sim.AdvanceAsync(TimeSpan.MaxValue).AsTask());
        yield return Fails("Scheduler.AdvanceUntilEmptyAsync TimeSpan.MaxValue (past the calendar)", nameof(ArgumentOutOfRangeException), w => w.Sim.Scheduler.AdvanceUntilEmptyAsync(TimeSpan.MaxValue).AsTask());
        yield return Fails("Scheduler.AdvanceToAsync 1 tick in the past", nameof(InvalidOperationException), w => w.Sim.Scheduler.AdvanceToAsync(w.Sim.Now.AddTicks(-1)).AsTask());
        yield return Fails("Scheduler.AdvanceToAsync DateTimeOffset.MinValue", nameof(InvalidOperationException), w => w.Sim.Scheduler.AdvanceToAsync(DateTimeOffset.MinValue).AsTask());
        yield return Fails("Scheduler.AdvanceToAsync the clock's start", nameof(InvalidOperationException), w => w.Sim.Scheduler.AdvanceToAsync(w.Sim.Clock.Start).AsTask());
        yield return Fails("Scheduler.Schedule null work", nameof(ArgumentNullException), w => Task.FromResult(w.Sim.Scheduler.Schedule(TimeSpan.Zero, (Action)null!)));
        yield return Fails("Scheduler.Schedule null async work", nameof(ArgumentNullException), w => Task.FromResult(w.Sim.Scheduler.Schedule(TimeSpan.Zero, (Func<CancellationToken, ValueTask>)null!)));
        yield return Fails("Scheduler.ScheduleAt null work", nameof(ArgumentNullException), w => Task.FromResult(w.Sim.Scheduler.ScheduleAt(w.Sim.Now, null!)));
        yield return Fails("VirtualClock.CreateTimer null callback", nameof(ArgumentNullException), w => Task.FromResult(w.Sim.Clock.CreateTimer(null!, null, TimeSpan.Zero, Timeout.InfiniteTimeSpan)));
        yield return Fails("S3FilesSimulation.AdvanceAsync with a cancelled token", nameof(OperationCanceledException), w => w.Sim.AdvanceAsync(TimeSpan.FromHours(1), new CancellationToken(canceled: true)).AsTask());
        yield return Fails("S3FilesSimulation.RunUntilIdleAsync with a cancelled token", nameof(OperationCanceledException), w => w.Sim.RunUntilIdleAsync(new CancellationToken(canceled: true)).AsTask());
        yield return Fails("Scheduler.AdvanceToAsync with a cancelled token", nameof(OperationCanceledException), w => w.Sim.Scheduler.AdvanceToAsync(w.Sim.Now.AddHours(1), new CancellationToken(canceled: true)).AsTask());
        yield return Fails("new DeterministicRandom().NextInt64(5, 4)", nameof(ArgumentOutOfRangeException), _ => Task.FromResult(new DeterministicRandom(1).NextInt64(5, 4)));
    }
}
