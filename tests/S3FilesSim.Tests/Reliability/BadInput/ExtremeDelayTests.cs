using FluentAssertions;
using S3FilesSim.Export;
using S3FilesSim.FileSystem;
using S3FilesSim.ObjectStorage;
using S3FilesSim.Tests.FileSystem;
using Xunit;

namespace S3FilesSim.Tests.Reliability.BadInput;

/// <summary>Delays so long they pass the end of the calendar are valid options: the delayed work simply never falls due, and the call that schedules it succeeds whole.</summary>
public sealed class ExtremeDelayTests
{
    [Fact]
    public async Task Schedule_DelayPastTheEndOfTheCalendar_IsDueAtDateTimeOffsetMaxValue()
    {
        await using var sim = S3FilesSimulation.Create();

        var work = sim.Scheduler.Schedule(TimeSpan.MaxValue, () => { });

        work.DueTime.Should().Be(DateTimeOffset.MaxValue);
    }

    [Fact]
    public async Task PutObject_WithEventDelaysOfTimeSpanMaxValue_StoresTheObjectAndSucceeds()
    {
        await using var sim = S3FilesSimulation.Create(new SimulationOptions
        {
            Bucket = new InMemoryObjectStoreOptions { Events = new BucketEventDeliveryOptions { MinDelay = TimeSpan.MaxValue, MaxDelay = TimeSpan.MaxValue } },
        });

        var result = await sim.Bucket.PutObjectAsync(new PutObjectRequest { Key = "k", Content = ObjectContent.FromString("v") });

        result.Status.Should().Be(WriteStatus.Succeeded);
        (await sim.Bucket.HeadObjectAsync("k")).Should().NotBeNull();
    }

    [Fact]
    public async Task RestoreObject_WithARestoreDelayOfTimeSpanMaxValue_StartsTheRestore()
    {
        await using var sim = S3FilesSimulation.Create(new SimulationOptions { Bucket = new InMemoryObjectStoreOptions { GlacierRestoreDelay = TimeSpan.MaxValue } });
        await sim.Bucket.PutObjectAsync(new PutObjectRequest { Key = "cold", Content = ObjectContent.FromString("v"), StorageClass = StorageClass.Glacier });

        var status = await sim.Bucket.RestoreObjectAsync(new RestoreObjectRequest { Key = "cold" });

        status.Should().Be(RestoreObjectStatus.Started);
    }

    [Fact]
    public async Task Close_WithACommitDelayOfTimeSpanMaxValue_NeverExports()
    {
        await using var sim = FileSystemTestKit.NewSimulation(new FileSystemOptions { Export = new ExportOptions { CommitDelay = TimeSpan.MaxValue } });
        var fs = sim.Mount();

        await fs.WriteFileAsync("/f", "data");
        await sim.AdvanceAsync(TimeSpan.FromDays(3650));

        (await sim.Bucket.HeadObjectAsync("f")).Should().BeNull();
        sim.FileSystem.PendingExports.Should().Be(1);
    }

    [Fact]
    public async Task ExportRetries_WithABaseDelayThatOverflowsWhenDoubled30Times_StillWaitTheMaximumDelay()
    {
        await using var sim = S3FilesSimulation.Create();
        var store = new FaultInjectingObjectStore(sim.Bucket);
        var options = new ExportOptions { RetryBaseDelay = TimeSpan.FromTicks(1L << 33), RetryMaxDelay = TimeSpan.FromDays(1) };
        var fs = sim.CreateFileSystem(new FileSystemOptions { Export = options }, store).Mount(new MountOptions());
        store.FailNext(ObjectStoreOperation.PutObject, S3ErrorCode.InternalError, count: 50);
        await fs.WriteFileAsync("/f", "data");

        await sim.AdvanceAsync(TimeSpan.FromDays(30));

        store.InjectedFaultCount.Should().BeLessThan(40, "about 31 h of doubling then one retry a day fits fewer than 40 attempts in 30 days");
        (await sim.Bucket.HeadObjectAsync("f")).Should().BeNull();
    }
}
