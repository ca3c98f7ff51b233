using FluentAssertions;
using S3FilesSim.Telemetry;
using S3FilesSim.Time;
using Xunit;

namespace S3FilesSim.Tests.Telemetry;

public sealed class SyncTimelineTests
{
    private static readonly DateTimeOffset T0 = VirtualClock.DefaultStart;

    [Fact]
    public void Append_FirstEvents_GetSequenceNumbersFromZeroAndKeepTheirFields()
    {
        var timeline = new SyncTimeline(10);

        var first = timeline.Append(Event(SyncEventKind.Export, "/a.txt", 0) with { Key = "a.txt", VersionId = "v2", PreviousVersionId = "v1", Bytes = 5 });
        var second = timeline.Append(Event(SyncEventKind.Failure, "/b.txt", 1) with { ErrorCode = "S3AccessDenied", Reason = "export" });

        first.Sequence.Should().Be(0);
        second.Sequence.Should().Be(1);
        timeline.Query().Should().Equal(first, second);
        timeline.Query()[0].Should().Be(new SyncEvent
        {
            Sequence = 0, Timestamp = T0, Kind = SyncEventKind.Export, Path = "/a.txt", Key = "a.txt", VersionId = "v2", PreviousVersionId = "v1", Bytes = 5,
        });
    }

    [Fact]
    public void TotalAppendedOf_AfterTheBufferWrapped_CountsDroppedEventsToo()
    {
        var timeline = new SyncTimeline(2);
        timeline.Append(Event(SyncEventKind.Import, "/a", 0));
        timeline.Append(Event(SyncEventKind.Import, "/b", 1));
        timeline.Append(Event(SyncEventKind.Export, "/c", 2));

        timeline.Append(Event(SyncEventKind.Export, "/d", 3));

        timeline.Query(kind: SyncEventKind.Import).Should().BeEmpty();
        timeline.TotalAppendedOf(SyncEventKind.Import).Should().Be(2);
        timeline.TotalAppendedOf(SyncEventKind.Export).Should().Be(2);
    }

    [Fact]
    public void Query_ByKindPathAndTime_ReturnsOnlyMatchingEventsInOrder()
    {
        var timeline = new SyncTimeline(10);
        timeline.Append(Event(SyncEventKind.Export, "/a", 0));
        timeline.Append(Event(SyncEventKind.Conflict, "/a", 1));
        timeline.Append(Event(SyncEventKind.LostAndFoundMove, "/a", 2));
        timeline.Append(Event(SyncEventKind.Export, "/b", 3));
        timeline.Append(Event(SyncEventKind.Export, "/a", 4));

        timeline.Query(kind: SyncEventKind.Export).Select(e => e.Sequence).Should().Equal(0, 3, 4);
        timeline.Query(path: "/a").Select(e => e.Sequence).Should().Equal(0, 1, 2, 4);
        timeline.Query(from: T0.AddSeconds(1), to: T0.AddSeconds(3)).Select(e => e.Sequence).Should().Equal(1, 2);
        timeline.Query(SyncEventKind.Export, "/a", T0.AddSeconds(1)).Select(e => e.Sequence).Should().Equal(4);
    }

    [Fact]
    public void Append_BeyondCapacity_WrapsAroundKeepingTheNewestAndCountsDropped()
    {
        var timeline = new SyncTimeline(3);

        for (var i = 0; i < 7; i++)
        {
            timeline.Append(Event(SyncEventKind.Import, $"/{i}", i));
        }

        timeline.Query().Select(e => e.Path).Should().Equal("/4", "/5", "/6");
        timeline.Query().Select(e => e.Sequence).Should().Equal(4, 5, 6);
        timeline.Count.Should().Be(3);
        timeline.TotalAppended.Should().Be(7);
        timeline.DroppedCount.Should().Be(4);
        timeline.Capacity.Should().Be(3);
    }

    [Fact]
    public void Append_FromFourThreads_KeepsEveryEventWithUniqueSequences()
    {
        var timeline = new SyncTimeline(100_000);
        var threads = Enumerable.Range(0, 4).Select(_ => new Thread(() =>
        {
            for (var i = 0; i < 5_000; i++)
            {
                timeline.Append(Event(SyncEventKind.Retry, "/x", 0));
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        var events = timeline.Query();

        events.Select(e => e.Sequence).Should().Equal(Enumerable.Range(0, 20_000).Select(i => (long)i));
        timeline.DroppedCount.Should().Be(0);
    }

    [Fact]
    public void Constructor_DefaultCapacity_IsOneHundredThousand()
    {
        new SyncTimeline().Capacity.Should().Be(100_000);
    }

    [Fact]
    public void Constructor_ZeroCapacity_Throws()
    {
        var act = () => new SyncTimeline(0);

        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    private static SyncEvent Event(SyncEventKind kind, string path, int second) => new() { Timestamp = T0.AddSeconds(second), Kind = kind, Path = path };
}
