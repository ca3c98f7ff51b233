using System.Text;
using FluentAssertions;
using Microsoft.Extensions.Logging;
using S3FilesSim.FileSystem;
using S3FilesSim.ObjectStorage;
using S3FilesSim.Telemetry;
using S3FilesSim.Tests.FileSystem;
using Xunit;
using static S3FilesSim.Tests.Conflicts.ConflictTests;
using static S3FilesSim.Tests.Export.ExportTestKit;

namespace S3FilesSim.Tests.Telemetry;

// The metrics of a file system as the engine feeds them, per virtual minute:
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-monitoring-cloudwatch.html
public sealed class TelemetryWiringTests
{
    [Fact]
    public async Task PendingExports_RisesOnABurstAndDrainsToZero()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        for (var i = 0; i < 20; i++)
        {
            await fs.WriteFileAsync($"/f{i}.txt", "x");
        }

        await sim.AdvanceAsync(TimeSpan.FromMinutes(4));

        var pending = sim.FileSystem.MetricsHistory.Select(m => m.PendingExports).ToList();
        pending.Should().HaveCount(4);
        pending.Max().Should().Be(20);
        pending[^1].Should().Be(0);
    }

    [Fact]
    public async Task LostAndFoundFiles_AfterAConflict_IsCountedAndTheRecommendedAlarmFires()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        var changes = new List<AlarmStateChange>();
        sim.FileSystem.Alarms.StateChanged += (_, change) => changes.Add(change);

        await MakeConflictAsync(sim, fs, "a.txt");
        await sim.AdvanceAsync(TimeSpan.FromMinutes(1));

        sim.FileSystem.Metrics!.LostAndFoundFiles.Should().Be(1);
        sim.FileSystem.Alarms.GetState("S3Files-LostAndFoundFiles").Should().Be(AlarmState.Alarm);
        changes.Should().ContainSingle(c => c.AlarmName == "S3Files-LostAndFoundFiles" && c.NewState == AlarmState.Alarm);
    }

    [Fact]
    public async Task ExportFailures_AfterAPermanentError_IsCountedAndInTheTimeline()
    {
        await using var sim = S3FilesSimulation.Create();
        var store = new FaultInjectingObjectStore(sim.Bucket);
        var fileSystem = sim.CreateFileSystem(null, store);
        var fs = fileSystem.Mount(new MountOptions { User = PosixUser.Root });
        store.FailNext(ObjectStoreOperation.PutObject, S3ErrorCode.AccessDenied);
        await fs.WriteFileAsync("/a.txt", "x");

        await sim.AdvanceAsync(TimeSpan.FromMinutes(2));

        fileSystem.Metrics!.ExportFailures.Should().Be(1);
        fileSystem.Timeline.Query(SyncEventKind.Failure).Should().ContainSingle()
            .Which.Should().Match<SyncEvent>(e => e.Path == "/a.txt" && e.Key == "a.txt" && e.ErrorCode == "S3AccessDenied");
    }

    [Fact]
    public async Task DataReadBytes_AfterReads_HasTheSumAndOneSamplePerRead()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        await fs.WriteFileAsync("/a.txt", new string('a', 10_000));
        var handle = await fs.OpenAsync("/a.txt", OpenFlags.ReadOnly);
        var buffer = new byte[4096];

        for (var i = 0; i < 3; i++)
        {
            await fs.ReadAsync(handle, buffer);
        }

        await sim.AdvanceAsync(TimeSpan.FromMinutes(1));

        sim.FileSystem.Metrics!.DataReadBytes.Should().Be(new MetricStatisticSet(4096 + 4096 + 1808, 3, 1808, 4096));
    }

    [Fact]
    public async Task MetadataBytes_CountFourKibPerOperation()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();

        await fs.MkdirAsync("/d");
        await fs.ChmodAsync("/d", FileSystemTestKit.Octal("700"));
        await fs.StatAsync("/d");
        await sim.AdvanceAsync(TimeSpan.FromMinutes(1));

        var metrics = sim.FileSystem.Metrics!;
        (metrics.MetadataWriteBytes.Sum, metrics.MetadataWriteBytes.SampleCount, metrics.MetadataReadBytes.Sum, metrics.MetadataReadBytes.SampleCount)
            .Should().Be((8192, 2, 4096, 1));
    }

    [Fact]
    public async Task ClientConnections_CountsLiveMounts()
    {
        await using var sim = NewSimulation();
        var first = sim.Mount();
        await using var second = sim.Mount();
        await sim.AdvanceAsync(TimeSpan.FromMinutes(1));
        var withTwo = sim.FileSystem.Metrics!.ClientConnections;

        await first.DisposeAsync();
        await sim.AdvanceAsync(TimeSpan.FromMinutes(1));

        (withTwo, sim.FileSystem.Metrics!.ClientConnections).Should().Be((2, 1));
    }

    [Fact]
    public async Task EmfOutput_HasRecordsEveryVirtualMinuteWithTheFileSystemId()
    {
        var output = new StringWriter();
        await using var sim = S3FilesSimulation.Create(new SimulationOptions { Telemetry = new TelemetryOptions { EmfOutput = output } });

        await sim.AdvanceAsync(TimeSpan.FromMinutes(3));

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var perMinute = lines.Length / 3;
        perMinute.Should().BeGreaterThan(0);
        lines.Should().HaveCount(3 * perMinute).And.OnlyContain(l => l.Contains($"\"FileSystemId\":\"{sim.FileSystem.FileSystemId}\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Timeline_HasTheExportOfAWrittenFileWithItsKeyAndVersionId()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();

        await sim.ExportFileAsync(fs, "/a.txt", "hello");

        var head = await sim.Bucket.HeadObjectAsync("a.txt");
        sim.FileSystem.Timeline.Query(SyncEventKind.Export, "/a.txt").Should().ContainSingle()
            .Which.Should().Match<SyncEvent>(e => e.Key == "a.txt" && e.VersionId == head!.VersionId.Value && e.Bytes == 5 && e.Reason == "Put");
    }

    [Fact]
    public async Task Timeline_HasTheConflictAndTheLostAndFoundMove()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();

        var lost = await MakeConflictAsync(sim, fs, "a.txt");

        var head = await sim.Bucket.HeadObjectAsync("a.txt");
        var timeline = sim.FileSystem.Timeline;
        timeline.Query(SyncEventKind.Conflict).Should().ContainSingle()
            .Which.Should().Match<SyncEvent>(e => e.Path == "/a.txt" && e.Key == "a.txt" && e.VersionId == head!.VersionId.Value && e.Reason == "BucketWins");
        timeline.Query(SyncEventKind.LostAndFoundMove, "/a.txt").Should().ContainSingle().Which.Reason.Should().Be(lost);
    }

    [Fact]
    public async Task Timeline_HasTheDeliveryOfABucketEvent()
    {
        await using var sim = NewSimulation();
        sim.Mount();

        await sim.Bucket.PutObjectAsync(new PutObjectRequest { Key = "b.txt", Content = ObjectContent.FromBytes(Encoding.UTF8.GetBytes("s3")) });
        await sim.AdvanceAsync(TimeSpan.FromMinutes(1));

        sim.FileSystem.Timeline.Query(SyncEventKind.EventDelivery).Should().ContainSingle().Which.Key.Should().Be("b.txt");
    }

    [Fact]
    public async Task Timeline_HasTheMetadataImportOfAListedObject()
    {
        await using var sim = NewSimulation();
        await sim.Bucket.PutObjectAsync(new PutObjectRequest { Key = "d/b.txt", Content = ObjectContent.FromBytes(Encoding.UTF8.GetBytes("s3")) });
        var fs = sim.Mount();

        await fs.ReadDirectoryAsync("/d");

        var head = await sim.Bucket.HeadObjectAsync("d/b.txt");
        sim.FileSystem.Timeline.Query(SyncEventKind.Import, "/d/b.txt").Should().Contain(e => e.Key == "d/b.txt" && e.VersionId == head!.VersionId.Value && e.Reason == "Metadata");
    }

    [Fact]
    public async Task Timeline_HasTheExpirationOfIdleData()
    {
        // https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-synchronization-customizing.html
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        await sim.ExportFileAsync(fs, "/a.txt", new string('x', 10_000));

        await sim.AdvanceAsync(TimeSpan.FromDays(30) + TimeSpan.FromHours(1));

        sim.FileSystem.Timeline.Query(SyncEventKind.Expiration, "/a.txt").Should().ContainSingle().Which.Bytes.Should().Be(10_000);
    }

    [Fact]
    public async Task Logging_EmitsTheExportEventWithStructuredFields()
    {
        var provider = new CollectingLoggerProvider();
        using var factory = new LoggerFactory([provider]);
        await using var sim = S3FilesSimulation.Create(new SimulationOptions { LoggerFactory = factory });
        var fs = sim.Mount();

        await sim.ExportFileAsync(fs, "/a.txt", "hello");

        provider.Entries.Should().ContainSingle(e => e.EventId.Id == 3000)
            .Which.State.Should().Contain(new KeyValuePair<string, object?>("Key", "a.txt"))
            .And.Contain(new KeyValuePair<string, object?>("FileSystemId", sim.FileSystem.FileSystemId));
    }

    [Fact]
    public async Task Latency_HasStatisticsPerOperationKind()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        await fs.MkdirAsync("/d");
        await fs.WriteFileAsync("/d/a.txt", "hello");
        await fs.ReadFileAsync("/d/a.txt");
        await fs.StatAsync("/d/a.txt");
        await fs.ReadDirectoryAsync("/d");

        await fs.RenameAsync("/d/a.txt", "/d/b.txt");

        sim.FileSystem.Latency.GetSummaries().Select(s => s.Kind).Should().BeEquivalentTo(
            [OperationKind.MetadataRead, OperationKind.MetadataWrite, OperationKind.Rename, OperationKind.ReadDirectory, OperationKind.HotRead, OperationKind.Write]);
    }

    [Fact]
    public async Task Disabled_RecordsNothingAndTheAccessorsThrow()
    {
        await using var sim = S3FilesSimulation.Create(new SimulationOptions { Telemetry = new TelemetryOptions { Enabled = false } });
        var fs = sim.Mount();
        await fs.WriteFileAsync("/a.txt", "x");

        await sim.AdvanceAsync(TimeSpan.FromMinutes(2));

        var read = () => sim.FileSystem.Metrics;
        read.Should().Throw<InvalidOperationException>();
        sim.FileSystem.ClientConnections.Should().Be(1);
    }

    [Fact]
    public void Create_WithInvalidTelemetryOptions_Throws()
    {
        var create = () => S3FilesSimulation.Create(new SimulationOptions { Telemetry = new TelemetryOptions { MetricsPeriod = TimeSpan.Zero } });

        create.Should().Throw<ArgumentException>().WithParameterName("MetricsPeriod");
    }

    [Fact]
    public async Task GetMetricsSnapshot_BeforeTheFirstMinute_HasThePendingExportsAndStorage()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();

        await fs.WriteFileAsync("/a.txt", "x");

        var snapshot = sim.FileSystem.GetMetricsSnapshot();
        sim.FileSystem.Metrics.Should().BeNull();
        snapshot.PendingExports.Should().Be(1);
        snapshot.Inodes.Should().Be(2);
        snapshot.DataWriteBytes.Sum.Should().Be(1);
    }

    [Fact]
    public async Task GetMetricsSnapshot_DoesNotCloseThePeriod()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        await fs.WriteFileAsync("/a.txt", "hello");
        sim.FileSystem.GetMetricsSnapshot();

        await sim.AdvanceAsync(TimeSpan.FromMinutes(1));

        sim.FileSystem.MetricsHistory.Should().ContainSingle().Which.DataWriteBytes.Sum.Should().Be(5);
    }

    [Fact]
    public async Task Timeline_HasTheNameClashFoundWhileListing()
    {
        // The directory wins over an object of the same name (docs/SEMANTICS.md; s3files-facts.md 2.3 and 13):
        // https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-troubleshooting.html
        await using var sim = NewSimulation();
        await sim.Bucket.PutObjectAsync("d", "object");
        await sim.Bucket.PutObjectAsync("d/x", "inside");
        var fs = sim.Mount();

        await fs.ReadDirectoryAsync("/");

        sim.FileSystem.ImportFailures.Should().Be(1);
        sim.FileSystem.Timeline.Query(SyncEventKind.Failure).Should().ContainSingle()
            .Which.Should().Match<SyncEvent>(e => e.Key == "d" && e.Reason == ImportRejection.NameClash && e.ErrorCode == null);
    }

    [Fact]
    public async Task Logging_EmitsTheUnmappableKeyFoundWhileListing()
    {
        // Keys with "." components map to no POSIX path: https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-troubleshooting.html
        var provider = new CollectingLoggerProvider();
        using var factory = new LoggerFactory([provider]);
        await using var sim = S3FilesSimulation.Create(new SimulationOptions { LoggerFactory = factory });
        await sim.Bucket.PutObjectAsync("./y", "x");
        var fs = sim.Mount();

        await fs.ReadDirectoryAsync("/");

        provider.Entries.Should().ContainSingle(e => e.EventId.Id == 3014)
            .Which.State.Should().Contain(new KeyValuePair<string, object?>("Key", "./"))
            .And.Contain(new KeyValuePair<string, object?>("Reason", ImportRejection.UnmappableKey));
    }

    [Fact]
    public async Task Latency_StatOfAnEntryJustListed_IsAnsweredFromTheListingAndNotBilled()
    {
        // READDIRPLUS returns the attributes; the NFS client keeps them for acregmin (nfs(5)).
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        await fs.WriteFileAsync("/a.txt", "x");
        await fs.ReadDirectoryAsync("/");
        var billed = sim.FileSystem.GetCostReport()[S3FilesSim.Cost.CostLineKind.MetadataReads].Quantity;

        await fs.StatAsync("/a.txt");

        sim.FileSystem.Latency.GetSummary(OperationKind.CachedMetadataRead).Count.Should().Be(1);
        sim.FileSystem.GetCostReport()[S3FilesSim.Cost.CostLineKind.MetadataReads].Quantity.Should().Be(billed);
    }

    [Fact]
    public async Task Latency_StatInADirectoryListedAfterAnUncachedStat_IsAnsweredFromTheListing()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        await fs.MkdirAsync("/d");
        await fs.WriteFileAsync("/d/b.txt", "x");
        await fs.ReadDirectoryAsync("/");
        await fs.StatAsync("/d/b.txt");

        await fs.ReadDirectoryAsync("/d");
        await fs.StatAsync("/d/b.txt");

        sim.FileSystem.Latency.GetSummary(OperationKind.CachedMetadataRead).Count.Should().Be(1, "only the stat after /d was listed comes from a listing");
    }

    [Fact]
    public async Task Latency_StatAfterTheListedAttributesExpire_GoesToTheFileSystem()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        await fs.WriteFileAsync("/a.txt", "x");
        await fs.ReadDirectoryAsync("/");
        await sim.AdvanceAsync(TimeSpan.FromSeconds(3));
        var before = sim.FileSystem.Latency.GetSummary(OperationKind.MetadataRead).Count;

        await fs.StatAsync("/a.txt");

        sim.FileSystem.Latency.GetSummary(OperationKind.MetadataRead).Count.Should().Be(before + 1);
        sim.FileSystem.Latency.GetSummary(OperationKind.CachedMetadataRead).Count.Should().Be(0);
    }

    private sealed class CollectingLoggerProvider : ILoggerProvider
    {
        public List<(EventId EventId, IReadOnlyList<KeyValuePair<string, object?>> State)> Entries { get; } = [];

        public ILogger CreateLogger(string categoryName) => new Collector(this);

        public void Dispose()
        {
        }

        private sealed class Collector(CollectingLoggerProvider owner) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                lock (owner.Entries)
                {
                    owner.Entries.Add((eventId, state as IReadOnlyList<KeyValuePair<string, object?>> ?? []));
                }
            }
        }
    }
}
