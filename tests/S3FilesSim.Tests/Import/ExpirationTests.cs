using FluentAssertions;
using S3FilesSim.FileSystem;
using S3FilesSim.Import;
using S3FilesSim.Tests.FileSystem;
using Xunit;
using static S3FilesSim.Tests.Import.ImportTestKit;

namespace S3FilesSim.Tests.Import;

// Expiration: "file data that has not been read for the configured number of days and whose changes have been
// synchronized is removed from the high-performance storage"; metadata stays, so the file lists with its size and mode.
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-synchronization-customizing.html
public sealed class ExpirationTests
{
    private static readonly TimeSpan Exported = TimeSpan.FromSeconds(61);

    [Fact]
    public async Task ExportedFile_IdleFor30Days_LeavesHotTierButKeepsMetadata()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        await fs.WriteFileAsync("/a.txt", new string('x', 10_000), FileSystemTestKit.Octal("640"));
        await sim.AdvanceAsync(Exported);
        var storageBefore = sim.FileSystem.StorageBytes;

        await sim.AdvanceAsync(TimeSpan.FromDays(30) + TimeSpan.FromHours(1));

        var status = await fs.StatAsync("/a.txt");
        (status.Size, status.Mode, status.Blocks).Should().Be((10_000L, FileSystemTestKit.Octal("640"), 0L));
        sim.FileSystem.StorageBytes.Should().BeLessThan(storageBefore);
    }

    [Fact]
    public async Task ExportedFile_Idle29Days_StaysResident()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        await fs.WriteFileAsync("/a.txt", "data");
        await sim.AdvanceAsync(Exported);

        await sim.AdvanceAsync(TimeSpan.FromDays(29));

        (await fs.StatAsync("/a.txt")).Blocks.Should().BeGreaterThan(0);
    }

    [Fact]
    public async Task ExpiredFile_NextReadServedFromBucketAndReimported()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        await fs.WriteFileAsync("/a.txt", "payload");
        await sim.AdvanceAsync(Exported + TimeSpan.FromDays(31));

        var text = await fs.ReadFileAsync("/a.txt");
        await sim.AdvanceAsync(TimeSpan.FromSeconds(1));

        text.Should().Be("payload");
        sim.FileSystem.ReadStatistics.BucketThenImportBytes.Should().Be(7);
        (await fs.StatAsync("/a.txt")).Blocks.Should().BeGreaterThan(0, "the small file is imported again after the read");
    }

    [Fact]
    public async Task ReadResetsTheClock()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        await fs.WriteFileAsync("/a.txt", "data");
        await sim.AdvanceAsync(Exported + TimeSpan.FromDays(20));

        await fs.ReadFileAsync("/a.txt");
        await sim.AdvanceAsync(TimeSpan.FromDays(20));

        (await fs.StatAsync("/a.txt")).Blocks.Should().BeGreaterThan(0);
    }

    [Fact]
    public async Task DirtyFile_NeverExpires()
    {
        await using var sim = Export.ExportTestKit.NewSimulation(new S3FilesSim.Export.ExportOptions { CommitDelay = TimeSpan.FromDays(100) });
        var fs = sim.Mount();
        await fs.WriteFileAsync("/a.txt", "data");

        await sim.AdvanceAsync(TimeSpan.FromDays(40));

        (await fs.StatAsync("/a.txt")).Blocks.Should().BeGreaterThan(0);
        sim.FileSystem.PendingExports.Should().Be(1);
    }

    [Fact]
    public async Task ConfiguredDays_ApplyToTheSweep()
    {
        await using var sim = NewSimulation();
        sim.FileSystem.PutSynchronizationConfiguration(new SynchronizationConfiguration { ExpirationDataRules = [new() { DaysAfterLastAccess = 1 }] });
        var fs = sim.Mount();
        await fs.WriteFileAsync("/a.txt", "data");

        await sim.AdvanceAsync(Exported + TimeSpan.FromDays(1) + TimeSpan.FromHours(1));

        (await fs.StatAsync("/a.txt")).Blocks.Should().Be(0);
    }
}
