using FluentAssertions;
using S3FilesSim.Cli.Planning;
using S3FilesSim.Import;
using Xunit;

namespace S3FilesSim.Cli.Tests.Planning;

/// <summary>
/// The seed article's worked examples (the article the project's latency calibration also cites, see
/// tests/S3FilesSim.Tests/Telemetry/LatencyCalibrationTests.cs; its figures as quoted in issue 19), reproduced by
/// <c>plan</c> within a few percent.
/// </summary>
public sealed class ArticleExampleTests
{
    // Seed article: 5 TB of multi-gigabyte checkpoints, no small files, read occasionally: EFS Standard about $1,500 a
    // month against S3 Files about $115, "about 13x cheaper". Here 1,280 checkpoints of 4 GiB (5 TiB), a tenth of them
    // read once a month (straight from S3: no high-performance storage).
    [Fact]
    public async Task Plan_FiveTerabytesOfCheckpointsReadOccasionally_IsAbout13TimesCheaperThanEfsStandard()
    {
        var dataset = PlanTestData.Dataset(("checkpoints/", 1_280, 4 * PlanTestData.GiB));
        var settings = new PlanSettings { Workload = new Workload { WorkingSetFraction = 0.1, ReadsPerDay = 1.0 / 30 } };

        var plan = await PlanTestData.PlanAsync(dataset, settings);

        plan.SteadyStateMonthlyUsd.EfsStandard.Should().BeInRange(1_500m * 0.95m, 1_500m * 1.05m);
        plan.SteadyStateMonthlyUsd.S3Files.Should().BeInRange(115m * 0.95m, 115m * 1.05m);
        (plan.SteadyStateMonthlyUsd.EfsStandard / plan.SteadyStateMonthlyUsd.S3Files).Should().BeInRange(12.5m, 13.5m);
        PlanTestData.Line(plan, PlanEngine.S3Files, "High-performance storage").Should().Be(0);
    }

    // Seed article: 50 GB in 250,000 files of about 200 KB, all in regular use: S3 Files costs about the same as EFS
    // Standard (about $15), because the files live on the high-performance storage. The article has them imported: with
    // the default 128 KiB import rule files of about 200 KB would not be (see the next test), so the rule here imports
    // files up to 256 KiB. Every file is read once a week, so none expires.
    [Fact]
    public async Task Plan_FiftyGigabytesOfSmallFilesInRegularUse_CostsAboutTheSameAsEfsStandard()
    {
        var dataset = PlanTestData.Dataset(Enumerable.Range(0, 250).Select(d => ($"docs/{d}/", 1_000, 50 * PlanTestData.GiB / 250_000)).ToArray());
        var settings = new PlanSettings
        {
            Workload = new Workload { WorkingSetFraction = 1, ReadsPerDay = 1.0 / 7 },
            ImportRules = [new ImportDataRule { SizeLessThan = 256 * 1024 }],
        };

        var plan = await PlanTestData.PlanAsync(dataset, settings);

        PlanTestData.Line(plan, PlanEngine.S3Files, "High-performance storage").Should().BeInRange(15m * 0.97m, 15m * 1.03m);
        PlanTestData.Line(plan, Alternatives.EfsStandard, "Standard storage").Should().BeInRange(15m * 0.97m, 15m * 1.05m);
        plan.SteadyStateMonthlyUsd.S3Files.Should().BeInRange(plan.SteadyStateMonthlyUsd.EfsStandard * 0.9m, plan.SteadyStateMonthlyUsd.EfsStandard * 1.1m);
        plan.Sampling.Sampled.Should().BeTrue();
        plan.Sampling.SteadyStateStandardErrorUsd.Should().BeLessThan(plan.SteadyStateMonthlyUsd.S3Files * 0.02m);
    }

    // The same files under the default import rule (131,072 bytes): files of about 200 KB are read from S3 each time
    // and never live on the high-performance storage, which the article's estimate does not show.
    [Fact]
    public async Task Plan_FilesOfAbout200KBUnderTheDefaultImportRule_DoNotLiveOnHighPerformanceStorage()
    {
        var dataset = PlanTestData.Dataset(("docs/", 2_000, 50 * PlanTestData.GiB / 250_000));
        var settings = new PlanSettings { Workload = new Workload { WorkingSetFraction = 1, ReadsPerDay = 1.0 / 7 } };

        var plan = await PlanTestData.PlanAsync(dataset, settings);

        PlanTestData.Line(plan, PlanEngine.S3Files, "High-performance storage").Should().Be(0);
        PlanTestData.Line(plan, PlanEngine.S3Files, "S3 GET, HEAD requests").Should().BeGreaterThan(0);
    }

    // Seed article: a 1 PB bucket with 1 TB active pays high-performance storage on the active 1 TB only. Here 1,023 TiB
    // of 1 GiB objects nobody reads and 1 TiB of 512 KiB files read weekly (imported: the rule takes files under 1 MiB).
    [Fact]
    public async Task Plan_OnePetabyteBucketWithOneTerabyteActive_PaysHighPerformanceStorageOnTheActiveTerabyteOnly()
    {
        var dataset = PlanTestData.Dataset(("archive/", 1_047_552, PlanTestData.GiB), ("active/", 2_097_152, 512 * 1024));
        var settings = new PlanSettings
        {
            Workload = new Workload { WorkingSetBytes = 1L << 40, Selection = WorkingSetSelection.Smallest, ReadsPerDay = 1.0 / 7 },
            ImportRules = [new ImportDataRule { SizeLessThan = 1 << 20 }],
        };

        var plan = await PlanTestData.PlanAsync(dataset, settings);

        var activeTebibyte = 1024 * 0.30m;
        PlanTestData.Line(plan, PlanEngine.S3Files, "High-performance storage").Should().BeInRange(activeTebibyte * 0.95m, activeTebibyte * 1.05m);
        PlanTestData.Line(plan, PlanEngine.S3Files, "S3 Standard storage (all versions)").Should().BeInRange(1024 * 1024 * 0.023m * 0.99m, 1024 * 1024 * 0.023m * 1.01m);
        plan.SteadyStateMonthlyUsd.EfsStandard.Should().BeGreaterThan(1024 * 1024 * 0.30m);
        plan.Sampling.Sampled.Should().BeTrue();
    }
}
