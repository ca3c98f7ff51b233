using FluentAssertions;
using Xunit;

namespace S3FilesSim.Cli.Tests.Scenarios;

/// <summary>The loaded tree is the bucket's existing content, not writes by another client during the run: the file system
/// is created over it and finds it by listing, so the load delivers no bucket event and fills no import pipeline
/// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-synchronization.html).</summary>
public sealed class ExistingContentTests : IDisposable
{
    private readonly TempTree _tree = new();

    public ExistingContentTests()
    {
        for (var i = 0; i < 40; i++)
        {
            _tree.File($"d{i % 4}/f{i}.txt", $"file {i}\n");
        }
    }

    public void Dispose() => _tree.Dispose();

    [Fact]
    public async Task Walk_LoadedTree_DeliversNoBucketEvent()
    {
        var report = await CliHarness.ExecuteAsync(new RunSettings { Source = _tree.Root, Scenario = "walk" });

        report.Timeline.CountsByKind["EventDelivery"].Should().Be(0);
        report.Sync.OtherClientWrites.Should().Be(0);
        report.Walk!.Files.Should().Be(40);
    }

    [Fact]
    public async Task Conflicts_LoadedTree_EventDeliveriesAreTheOtherClientsChangesAndTheFileSystemsOwnExports()
    {
        var report = await CliHarness.ExecuteAsync(new RunSettings { Source = _tree.Root, Scenario = "conflicts" });

        var sync = report.Sync;
        sync.OtherClientWrites.Should().Be(4);
        sync.OtherClientDeletes.Should().Be(4);
        report.Timeline.CountsByKind["EventDelivery"].Should().Be(sync.OtherClientWrites + sync.OtherClientDeletes + sync.Exports + sync.ExportedDeletes);
    }
}
