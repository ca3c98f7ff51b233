using FluentAssertions;
using S3FilesSim.Import;
using Xunit;
using static S3FilesSim.Tests.Import.ImportTestKit;

namespace S3FilesSim.Tests.Import;

// Get/PutSynchronizationConfiguration: 1..10 import rules with exactly one for "", one expiration rule of 1..365 days,
// latestVersionNumber for optimistic concurrency.
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-synchronization-customizing.html
public sealed class SynchronizationConfigurationTests
{
    [Fact]
    public async Task Get_NewFileSystem_DefaultsAtVersion1()
    {
        await using var sim = NewSimulation();

        var configuration = sim.FileSystem.GetSynchronizationConfiguration();

        configuration.LatestVersionNumber.Should().Be(1);
        configuration.ImportDataRules.Should().ContainSingle().Which.Should().Be(new ImportDataRule { Prefix = "", Trigger = ImportTrigger.OnDirectoryFirstAccess, SizeLessThan = 131_072 });
        configuration.ExpirationDataRules.Should().ContainSingle().Which.DaysAfterLastAccess.Should().Be(30);
    }

    [Fact]
    public async Task Put_WithCurrentVersion_StoresRulesAndBumpsVersion()
    {
        await using var sim = NewSimulation();
        var rules = new ImportDataRule[] { new(), new() { Prefix = "hot/", SizeLessThan = 1_000_000 } };

        var stored = sim.FileSystem.PutSynchronizationConfiguration(new SynchronizationConfiguration { ImportDataRules = rules, LatestVersionNumber = 1 });

        stored.LatestVersionNumber.Should().Be(2);
        sim.FileSystem.GetSynchronizationConfiguration().ImportDataRules.Should().Equal(rules);
    }

    [Fact]
    public async Task Put_WithStaleVersion_FailsWithConflictAndKeepsTheStoredRules()
    {
        await using var sim = NewSimulation();
        sim.FileSystem.PutSynchronizationConfiguration(new SynchronizationConfiguration { LatestVersionNumber = 1 });

        var act = () => sim.FileSystem.PutSynchronizationConfiguration(new SynchronizationConfiguration { ExpirationDataRules = [new() { DaysAfterLastAccess = 5 }], LatestVersionNumber = 1 });

        act.Should().Throw<SynchronizationConfigurationConflictException>().Which.StoredVersion.Should().Be(2);
        sim.FileSystem.GetSynchronizationConfiguration().ExpirationDataRules[0].DaysAfterLastAccess.Should().Be(30);
    }

    public static TheoryData<SynchronizationConfiguration, string> Invalid => new()
    {
        { new() { ImportDataRules = [] }, nameof(SynchronizationConfiguration.ImportDataRules) },
        { new() { ImportDataRules = [.. Enumerable.Range(0, 11).Select(i => new ImportDataRule { Prefix = i == 0 ? "" : $"p{i}/" })] }, nameof(SynchronizationConfiguration.ImportDataRules) },
        { new() { ImportDataRules = [new() { Prefix = "a/" }] }, nameof(SynchronizationConfiguration.ImportDataRules) },
        { new() { ImportDataRules = [new(), new()] }, nameof(SynchronizationConfiguration.ImportDataRules) },
        { new() { ImportDataRules = [new(), new() { Prefix = "nodelimiter" }] }, nameof(ImportDataRule.Prefix) },
        { new() { ImportDataRules = [new(), new() { Prefix = "a/" }, new() { Prefix = "a/" }] }, nameof(ImportDataRule.Prefix) },
        { new() { ImportDataRules = [new() { SizeLessThan = -1 }] }, nameof(ImportDataRule.SizeLessThan) },
        { new() { ImportDataRules = [new() { SizeLessThan = ImportDataRule.MaxSizeLessThan + 1 }] }, nameof(ImportDataRule.SizeLessThan) },
        { new() { ImportDataRules = [new() { Trigger = (ImportTrigger)7 }] }, nameof(ImportDataRule.Trigger) },
        { new() { ExpirationDataRules = [] }, nameof(SynchronizationConfiguration.ExpirationDataRules) },
        { new() { ExpirationDataRules = [new(), new()] }, nameof(SynchronizationConfiguration.ExpirationDataRules) },
        { new() { ExpirationDataRules = [new() { DaysAfterLastAccess = 0 }] }, nameof(ExpirationDataRule.DaysAfterLastAccess) },
        { new() { ExpirationDataRules = [new() { DaysAfterLastAccess = 366 }] }, nameof(ExpirationDataRule.DaysAfterLastAccess) },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public async Task Put_InvalidField_FailsNamingTheFieldAndKeepsVersion(SynchronizationConfiguration configuration, string field)
    {
        await using var sim = NewSimulation();

        var act = () => sim.FileSystem.PutSynchronizationConfiguration(configuration);

        act.Should().Throw<ArgumentException>().Which.ParamName.Should().Be(field);
        sim.FileSystem.GetSynchronizationConfiguration().LatestVersionNumber.Should().Be(1);
    }

    [Fact]
    public async Task Put_Boundaries_Accepted()
    {
        await using var sim = NewSimulation();
        var configuration = new SynchronizationConfiguration
        {
            ImportDataRules = [new() { SizeLessThan = ImportDataRule.MaxSizeLessThan }, .. Enumerable.Range(1, 9).Select(i => new ImportDataRule { Prefix = $"p{i}/", SizeLessThan = 0 })],
            ExpirationDataRules = [new() { DaysAfterLastAccess = 365 }],
        };

        var stored = sim.FileSystem.PutSynchronizationConfiguration(configuration);

        stored.ImportDataRules.Should().HaveCount(10);
        stored.LatestVersionNumber.Should().Be(2);
    }
}
