using FluentAssertions;
using S3FilesSim.FileSystem;
using S3FilesSim.Import;
using S3FilesSim.ObjectStorage;
using S3FilesSim.Server.Control;
using S3FilesSim.Server.Tests.Fixtures;
using S3FilesSim.Telemetry;
using Xunit;

namespace S3FilesSim.Server.Tests;

/// <summary>The control API through <see cref="S3FilesSimClient"/>: the clock, file systems, and the telemetry of a served simulation.</summary>
public sealed class ControlApiTests : IAsyncLifetime
{
    private ServedSimulation _served = null!;

    private S3FilesSimClient Control => _served.Control;

    private S3FilesSimulation Sim => _served.Simulation;

    public async Task InitializeAsync() => _served = await ServedSimulation.StartAsync();

    public async Task DisposeAsync() => await _served.DisposeAsync();

    [Fact]
    public async Task GetInfo_ReturnsTheEndpointsAndManualClock()
    {
        var info = await Control.GetInfoAsync();

        info.S3Endpoint.Should().Be(_served.Endpoint);
        info.ControlUrl.Should().Be(new Uri(_served.Endpoint, "_s3files/"));
        info.Clock.Mode.Should().Be(TimeMode.Manual);
        info.Clock.Now.Should().Be(Sim.Now);
        info.RequiresSignature.Should().BeFalse();
    }

    [Fact]
    public async Task Advance_61Seconds_MovesTheVirtualClockAndRunsDueWork()
    {
        var before = Sim.Now;

        var clock = await Control.AdvanceAsync(TimeSpan.FromSeconds(61));

        clock.Now.Should().Be(before + TimeSpan.FromSeconds(61));
        Sim.Now.Should().Be(clock.Now);
    }

    [Fact]
    public async Task Advance_NegativeSeconds_IsRefusedWithInvalidArgument()
    {
        var before = Sim.Now;

        var act = () => Control.AdvanceAsync(TimeSpan.FromSeconds(-1));

        var error = (await act.Should().ThrowAsync<S3FilesSimControlException>()).Which;
        error.StatusCode.Should().Be(400);
        error.Error.Should().Be("InvalidArgument");
        Sim.Now.Should().Be(before);
    }

    [Fact]
    public async Task RunUntilQuiet_AfterAMountWrite_ExportsAndStopsWhenNothingIsPending()
    {
        await using (var mount = Sim.FileSystem.Mount(new MountOptions()))
        {
            await mount.WriteAllTextAsync("/a.txt", "hello");
        }

        var result = await Control.RunUntilQuietAsync(TimeSpan.FromHours(1));

        result.Quiet.Should().BeTrue();
        result.PendingExports.Should().Be(0);
        result.PendingEventDeliveries.Should().Be(0);
        result.AdvancedSeconds.Should().BeInRange(60, 120);
        (await Sim.Bucket.HeadObjectAsync("a.txt")).Should().NotBeNull();
    }

    [Fact]
    public async Task RunUntilQuiet_BoundShorterThanTheCommitDelay_StopsAtTheBoundNotQuiet()
    {
        await using (var mount = Sim.FileSystem.Mount(new MountOptions()))
        {
            await mount.WriteAllTextAsync("/a.txt", "hello");
        }

        var result = await Control.RunUntilQuietAsync(TimeSpan.FromSeconds(10));

        result.Quiet.Should().BeFalse();
        result.PendingExports.Should().Be(1);
        result.AdvancedSeconds.Should().Be(10);
    }

    [Fact]
    public async Task SetTimeMode_Scaled_MovesTheClockWithoutTheControlApi()
    {
        var before = Sim.Now;

        var clock = await Control.SetTimeModeAsync(TimeMode.Scaled, 1000);
        await PollAsync(() => Sim.Now >= before + TimeSpan.FromSeconds(30));
        await Control.SetTimeModeAsync(TimeMode.Manual);

        clock.Mode.Should().Be(TimeMode.Scaled);
        clock.Scale.Should().Be(1000);
        (await Control.GetClockAsync()).Mode.Should().Be(TimeMode.Manual);
    }

    [Fact]
    public async Task CreateFileSystem_OverAPrefixOfANewBucket_IsListedWithItsGauges()
    {
        Sim.CreateBucket("second");

        var created = await Control.CreateFileSystemAsync(new CreateFileSystemRequest { Bucket = "second", Prefix = "data/", CommitDelaySeconds = 5 });
        var listed = await Control.ListFileSystemsAsync();
        var fetched = await Control.GetFileSystemAsync(created.FileSystemId);

        created.Bucket.Should().Be("second");
        created.Prefix.Should().Be("data/");
        listed.Select(f => f.FileSystemId).Should().Equal(Sim.FileSystem.FileSystemId, created.FileSystemId);
        fetched.LostAndFoundDirectory.Should().Be("/.s3files-lost+found-" + created.FileSystemId);
        Sim.FileSystems.Single(f => f.FileSystemId == created.FileSystemId).Options.Export.CommitDelay.Should().Be(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task CreateFileSystem_MissingBucket_IsRefusedWithNoSuchBucket()
    {
        var act = () => Control.CreateFileSystemAsync(new CreateFileSystemRequest { Bucket = "missing" });

        var error = (await act.Should().ThrowAsync<S3FilesSimControlException>()).Which;
        error.Error.Should().Be("NoSuchBucket");
        Sim.FileSystems.Should().ContainSingle();
    }

    [Fact]
    public async Task GetFileSystem_UnknownId_IsRefusedWithNotFound()
    {
        var act = () => Control.GetFileSystemAsync("fs-00000000000000000");

        (await act.Should().ThrowAsync<S3FilesSimControlException>()).Which.StatusCode.Should().Be(404);
    }

    [Fact]
    public async Task PutSynchronizationConfiguration_StoresTheRulesWithANewVersion()
    {
        var current = await Control.GetSynchronizationConfigurationAsync();

        var stored = await Control.PutSynchronizationConfigurationAsync(current with { ImportDataRules = [new ImportDataRule { SizeLessThan = 4096 }] });

        stored.LatestVersionNumber.Should().Be(current.LatestVersionNumber + 1);
        Sim.FileSystem.GetSynchronizationConfiguration().ImportDataRules.Single().SizeLessThan.Should().Be(4096);
    }

    [Fact]
    public async Task PutSynchronizationConfiguration_StaleVersion_IsRefusedWithConflict()
    {
        var current = await Control.GetSynchronizationConfigurationAsync();
        await Control.PutSynchronizationConfigurationAsync(current);

        var act = () => Control.PutSynchronizationConfigurationAsync(current with { ImportDataRules = [new ImportDataRule { SizeLessThan = 1 }] });

        (await act.Should().ThrowAsync<S3FilesSimControlException>()).Which.StatusCode.Should().Be(409);
        Sim.FileSystem.GetSynchronizationConfiguration().ImportDataRules.Single().SizeLessThan.Should().NotBe(1);
    }

    [Fact]
    public async Task Metrics_AfterAWriteAndThreeMinutes_SnapshotAndHistoryHaveTheCloudWatchValues()
    {
        await using (var mount = Sim.FileSystem.Mount(new MountOptions()))
        {
            await mount.WriteAllTextAsync("/a.txt", "hello");
        }

        var pending = await Control.GetMetricsAsync();
        await Control.AdvanceAsync(TimeSpan.FromMinutes(3));
        var history = await Control.GetMetricsHistoryAsync();

        pending.PendingExports.Should().Be(1);
        pending.FileSystemId.Should().Be(Sim.FileSystem.FileSystemId);
        history.Should().HaveCount(3);
        history[0].DataWriteBytes.Sum.Should().Be(5);
        history[^1].PendingExports.Should().Be(0);
    }

    [Fact]
    public async Task Timeline_FilteredByKindAndPath_ReturnsOnlyThoseEvents()
    {
        await using (var mount = Sim.FileSystem.Mount(new MountOptions()))
        {
            await mount.WriteAllTextAsync("/a.txt", "a");
            await mount.WriteAllTextAsync("/b.txt", "b");
        }

        await Control.AdvanceAsync(TimeSpan.FromSeconds(70));
        var page = await Control.GetTimelineAsync(kind: SyncEventKind.Export, path: "/b.txt");

        page.Events.Should().ContainSingle().Which.Key.Should().Be("b.txt");
        page.TotalEvents.Should().BeGreaterThan(1);
    }

    [Fact]
    public async Task Timeline_UnknownKind_IsRefusedWithInvalidArgument()
    {
        using var http = new HttpClient();

        using var response = await http.GetAsync(new Uri(Control.BaseUrl, "file-systems/default/timeline?kind=nonsense"));

        ((int)response.StatusCode).Should().Be(400);
        (await response.Content.ReadAsStringAsync()).Should().Contain("InvalidArgument").And.Contain("kind");
    }

    [Fact]
    public async Task Alarms_AfterAConflict_ShowTheLostAndFoundAlarmInAlarmAndItsTransition()
    {
        await CreateConflictAsync();

        await Control.AdvanceAsync(TimeSpan.FromMinutes(2));
        var alarms = await Control.GetAlarmsAsync();

        alarms.Alarms.Should().Contain(a => a.Alarm.MetricName == "LostAndFoundFiles" && a.State == AlarmState.Alarm);
        alarms.Transitions.Should().Contain(t => t.MetricName == "LostAndFoundFiles" && t.NewState == AlarmState.Alarm);
    }

    [Fact]
    public async Task LostAndFound_AfterAConflict_ListsTheLosingFile()
    {
        await CreateConflictAsync();

        var report = await Control.GetLostAndFoundAsync();
        var status = await Control.GetFileSystemAsync();

        status.LostAndFoundFiles.Should().Be(1);
        report.Directory.Should().Be("/.s3files-lost+found-" + Sim.FileSystem.FileSystemId);
        report.Files.Should().ContainSingle().Which.Name.Should().EndWith("_c.txt");
        report.Files[0].Size.Should().Be("file side".Length);
    }

    [Fact]
    public async Task CostReport_AfterAnExport_BillsTheWrite()
    {
        await using (var mount = Sim.FileSystem.Mount(new MountOptions()))
        {
            await mount.WriteAllTextAsync("/a.txt", new string('x', 1000));
        }

        await Control.AdvanceAsync(TimeSpan.FromSeconds(61));
        var cost = await Control.GetCostReportAsync();

        cost.Lines.Should().Contain(l => l.Kind == Cost.CostLineKind.DataWrites && l.Quantity > 0);
        cost.Total.Should().BeGreaterThan(0);
    }

    [Fact]
    public async Task EmfLines_AfterTwoMinutes_OneRecordPerNamespaceAndPeriod()
    {
        await Control.AdvanceAsync(TimeSpan.FromMinutes(2));

        var lines = await Control.GetEmfLinesAsync();

        lines.Should().HaveCount(4);
        lines.Should().AllSatisfy(l => l.Should().Contain("\"_aws\"").And.Contain(Sim.FileSystem.FileSystemId));
    }

    [Fact]
    public async Task ListBuckets_IncludesBucketsCreatedOverS3WithTheirVersioning()
    {
        var client = _served.CreateClient();
        await client.PutBucketAsync("made-over-s3");

        var buckets = await Control.ListBucketsAsync();

        buckets.Select(b => b.Name).Should().Contain(["made-over-s3", Sim.Bucket.BucketName]);
        buckets.Single(b => b.Name == "made-over-s3").Versioning.Should().Be(BucketVersioningStatus.Enabled);
    }

    [Fact]
    public async Task UnknownControlPath_AnswersNotFoundWithAControlError()
    {
        using var http = new HttpClient();

        using var response = await http.GetAsync(new Uri(Control.BaseUrl, "nonsense"));

        ((int)response.StatusCode).Should().Be(404);
        (await response.Content.ReadAsStringAsync()).Should().Contain("\"error\":\"NotFound\"");
    }

    private static async Task PollAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!condition())
        {
            DateTime.UtcNow.Should().BeBefore(deadline, "the condition should hold within 30 s of wall time");
            await Task.Delay(20);
        }
    }

    /// <summary>A file written on the mount, overwritten by another S3 client before its export: the bucket wins.</summary>
    private async Task CreateConflictAsync()
    {
        await using (var mount = Sim.FileSystem.Mount(new MountOptions()))
        {
            await mount.WriteAllTextAsync("/c.txt", "file side");
        }

        await _served.CreateClient().PutObjectAsync(new Amazon.S3.Model.PutObjectRequest { BucketName = Sim.Bucket.BucketName, Key = "c.txt", ContentBody = "bucket side" });
        await Control.RunUntilQuietAsync(TimeSpan.FromMinutes(5));
    }
}
