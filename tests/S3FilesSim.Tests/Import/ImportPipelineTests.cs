using FluentAssertions;
using S3FilesSim.Import;
using S3FilesSim.Time;
using Xunit;

namespace S3FilesSim.Tests.Import;

/// <summary>The import pipeline keeps only its head in the scheduler, yet runs every item when and where one scheduler item per entry would have.</summary>
public sealed class ImportPipelineTests
{
    private readonly VirtualClock _clock = new();
    private readonly Lock _gate = new();

    private Scheduler Scheduler => _clock.Scheduler;

    [Fact]
    public async Task Enqueue_ItemsDueWithOtherWorkScheduledBetweenThem_RunInTheOrderTheyWereScheduled()
    {
        var pipeline = new ImportPipeline(_gate, Scheduler, new ImportOptions { RateCeilings = false });
        var log = new List<string>();
        Enqueue(pipeline, log, "import 1");
        Scheduler.Schedule(TimeSpan.Zero, () => log.Add("other 1"));
        Enqueue(pipeline, log, "import 2");
        Scheduler.Schedule(TimeSpan.Zero, () => log.Add("other 2"));
        Enqueue(pipeline, log, "import 3");

        await Scheduler.RunUntilIdleAsync();

        log.Should().Equal("import 1", "other 1", "import 2", "other 2", "import 3");
    }

    [Fact]
    public async Task Enqueue_RateCeiling_RunsEachItemAtItsOwnDueTime()
    {
        var pipeline = new ImportPipeline(_gate, Scheduler, new ImportOptions { MaxObjectsPerSecond = 10 });
        var at = new List<TimeSpan>();
        for (var i = 0; i < 3; i++)
        {
            lock (_gate)
            {
                pipeline.Enqueue(0, _clock.GetUtcNow(), _ =>
                {
                    at.Add(_clock.Elapsed);
                    return ValueTask.CompletedTask;
                });
            }
        }

        await Scheduler.AdvanceAsync(TimeSpan.FromSeconds(1));

        at.Should().Equal(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public void Enqueue_ManyItems_CountsEachAsPendingAndTheFirstDueTimeIsNext()
    {
        var pipeline = new ImportPipeline(_gate, Scheduler, new ImportOptions { MaxObjectsPerSecond = 10 });
        var log = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            Enqueue(pipeline, log, $"import {i}");
        }

        Scheduler.PendingCount.Should().Be(5);
        Scheduler.NextDueTime.Should().Be(VirtualClock.DefaultStart.AddMilliseconds(100));
    }

    [Fact]
    public async Task ImportAge_ItemsQueued_IsTheAgeOfTheOldestNotStarted()
    {
        var pipeline = new ImportPipeline(_gate, Scheduler, new ImportOptions { MaxObjectsPerSecond = 1 });
        var log = new List<string>();
        Enqueue(pipeline, log, "first");
        await Scheduler.AdvanceAsync(TimeSpan.FromMilliseconds(500));
        Enqueue(pipeline, log, "second");

        await Scheduler.AdvanceAsync(TimeSpan.FromMilliseconds(700));

        log.Should().Equal("first");
        pipeline.ImportAge.Should().Be(TimeSpan.FromMilliseconds(700), "the first ran at 1 s; the second, queued at 0.5 s, waits until 2 s");
    }

    [Fact]
    public async Task Enqueue_ItemThrows_TheFollowingItemsStayQueuedAndRunAtTheNextAdvance()
    {
        var pipeline = new ImportPipeline(_gate, Scheduler, new ImportOptions { RateCeilings = false });
        var log = new List<string>();
        lock (_gate)
        {
            pipeline.Enqueue(0, _clock.GetUtcNow(), _ => throw new InvalidOperationException("broken import"));
        }

        Enqueue(pipeline, log, "after");

        var advance = async () => await Scheduler.RunUntilIdleAsync();

        await advance.Should().ThrowAsync<InvalidOperationException>();
        Scheduler.PendingCount.Should().Be(1);
        await Scheduler.RunUntilIdleAsync();
        log.Should().Equal("after");
    }

    private void Enqueue(ImportPipeline pipeline, List<string> log, string name)
    {
        lock (_gate)
        {
            pipeline.Enqueue(0, _clock.GetUtcNow(), _ =>
            {
                log.Add(name);
                return ValueTask.CompletedTask;
            });
        }
    }
}
