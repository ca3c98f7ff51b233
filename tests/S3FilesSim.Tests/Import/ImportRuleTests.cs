using FluentAssertions;
using S3FilesSim.FileSystem;
using S3FilesSim.Import;
using S3FilesSim.ReadPath;
using S3FilesSim.Tests.FileSystem;
using Xunit;
using static S3FilesSim.Tests.Import.ImportTestKit;

namespace S3FilesSim.Tests.Import;

// Import data rules: trigger ON_DIRECTORY_FIRST_ACCESS / ON_FILE_ACCESS, sizeLessThan strictly less, 0 = metadata only,
// most specific (longest) prefix wins.
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-synchronization-customizing.html
public sealed class ImportRuleTests
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task DefaultRule_SizeLimitIsStrictlyLess()
    {
        await using var sim = NewSimulation();
        await sim.Bucket.PutAsync("d/under", 131_071);
        await sim.Bucket.PutAsync("d/at", 131_072);
        var fs = sim.Mount();

        await fs.ReadDirectoryAsync("/d");
        await sim.AdvanceAsync(Settle);

        (await fs.StatAsync("/d/under")).Blocks.Should().BeGreaterThan(0);
        (await fs.StatAsync("/d/at")).Blocks.Should().Be(0);
    }

    [Fact]
    public async Task OnDirectoryFirstAccess_ImportsDataWithoutAnyRead()
    {
        await using var sim = NewSimulation();
        await sim.Bucket.PutAsync("d/small", 1_000);
        var fs = sim.Mount();
        var before = sim.FileSystem.StorageBytes;

        await fs.ReadDirectoryAsync("/d");
        await sim.AdvanceAsync(Settle);

        (sim.FileSystem.StorageBytes - before).Should().BeGreaterThanOrEqualTo(1_000);
        sim.FileSystem.ReadStatistics.HotTierReads.Should().Be(0);
    }

    [Fact]
    public async Task OnFileAccess_ImportsOnlyAfterTheFirstRead()
    {
        await using var sim = NewSimulation();
        sim.FileSystem.PutSynchronizationConfiguration(new SynchronizationConfiguration { ImportDataRules = [new() { Trigger = ImportTrigger.OnFileAccess }] });
        await sim.Bucket.PutAsync("d/small", 1_000);
        var fs = sim.Mount();
        await fs.ReadDirectoryAsync("/d");
        await sim.AdvanceAsync(Settle);
        (await fs.StatAsync("/d/small")).Blocks.Should().Be(0, "nothing is imported before the file is read");

        var first = await fs.ReadAllBytesAsync("/d/small");
        await sim.AdvanceAsync(Settle);
        var second = await fs.ReadAllBytesAsync("/d/small");

        second.Should().Equal(first).And.Equal(await sim.Bucket.ExpectedAsync("d/small"));
        (await fs.StatAsync("/d/small")).Blocks.Should().BeGreaterThan(0);
        sim.FileSystem.ReadStatistics.Should().Match<ReadTierStatistics>(s => s.BucketThenImportBytes == 1_000 && s.HotTierBytes == 1_000);
    }

    [Fact]
    public async Task SizeLessThanZero_MetadataOnly()
    {
        await using var sim = NewSimulation();
        sim.FileSystem.PutSynchronizationConfiguration(new SynchronizationConfiguration { ImportDataRules = [new() { SizeLessThan = 0 }] });
        await sim.Bucket.PutAsync("d/small", 10);
        var fs = sim.Mount();

        await fs.ReadAllBytesAsync("/d/small");
        await sim.AdvanceAsync(Settle);

        (await fs.StatAsync("/d/small")).Blocks.Should().Be(0);
        (await fs.StatAsync("/d/small")).Size.Should().Be(10);
    }

    [Fact]
    public async Task OverlappingRules_LongestPrefixWins()
    {
        await using var sim = NewSimulation();
        sim.FileSystem.PutSynchronizationConfiguration(new SynchronizationConfiguration
        {
            ImportDataRules =
            [
                new() { SizeLessThan = 0 },
                new() { Prefix = "hot/", SizeLessThan = 1_000_000 },
                new() { Prefix = "hot/largeData/", SizeLessThan = 0 },
            ],
        });
        await sim.Bucket.PutAsync("cold/a", 500_000);
        await sim.Bucket.PutAsync("hot/a", 500_000);
        await sim.Bucket.PutAsync("hot/largeData/a", 500_000);
        var fs = sim.Mount();

        foreach (var directory in new[] { "/cold", "/hot", "/hot/largeData" })
        {
            await fs.ReadDirectoryAsync(directory);
        }

        await sim.AdvanceAsync(Settle);

        (await fs.StatAsync("/cold/a")).Blocks.Should().Be(0);
        (await fs.StatAsync("/hot/a")).Blocks.Should().BeGreaterThan(0);
        (await fs.StatAsync("/hot/largeData/a")).Blocks.Should().Be(0);
    }

    [Fact]
    public async Task RulePrefix_IsRelativeToTheScopePrefix()
    {
        await using var sim = NewSimulation(prefix: "scope/");
        sim.FileSystem.PutSynchronizationConfiguration(new SynchronizationConfiguration
        {
            ImportDataRules = [new() { SizeLessThan = 0 }, new() { Prefix = "hot/" }],
        });
        await sim.Bucket.PutAsync("scope/hot/a", 100);
        var fs = sim.Mount();

        await fs.ReadDirectoryAsync("/hot");
        await sim.AdvanceAsync(Settle);

        (await fs.StatAsync("/hot/a")).Blocks.Should().BeGreaterThan(0);
    }

    [Fact]
    public async Task RateCeiling_ThousandsOfSmallFilesTakeVirtualTimeAndShowImportAge()
    {
        await using var sim = NewSimulation(bucketEvents: false);
        for (var i = 0; i < 4800; i++)
        {
            await sim.Bucket.PutAsync($"d/{i}", 10);
        }

        var fs = sim.Mount();
        await fs.ReadDirectoryAsync("/d");

        await sim.AdvanceAsync(TimeSpan.FromSeconds(1));

        sim.FileSystem.ImportAge.Should().Be(TimeSpan.FromSeconds(1), "4,800 objects at 2,400/s take two seconds");
        await sim.AdvanceAsync(TimeSpan.FromSeconds(1.1));
        sim.FileSystem.ImportAge.Should().Be(TimeSpan.Zero);
        (await fs.StatAsync("/d/4799")).Blocks.Should().BeGreaterThan(0);
    }

    [Fact]
    public async Task RateCeilingOff_AllImportedAtOnce()
    {
        await using var sim = NewSimulation(new ImportOptions { RateCeilings = false });
        for (var i = 0; i < 4800; i++)
        {
            await sim.Bucket.PutAsync($"d/{i}", 10);
        }

        var fs = sim.Mount();
        await fs.ReadDirectoryAsync("/d");

        await sim.RunUntilIdleAsync();

        sim.FileSystem.ImportAge.Should().Be(TimeSpan.Zero);
        (await fs.StatAsync("/d/4799")).Blocks.Should().BeGreaterThan(0);
    }
}
