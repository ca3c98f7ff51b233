using FluentAssertions;
using S3FilesSim.Cli.Planning;
using Xunit;

namespace S3FilesSim.Cli.Tests.Planning;

/// <summary>
/// A small mixed dataset priced by hand from the metering rules (docs/SEMANTICS.md "Cost meter";
/// https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-metering.html) and the us-east-1 prices, against
/// <c>plan</c>'s steady-state month, to the cent.
/// </summary>
public sealed class HandCalculationTests
{
    private const decimal GB = 1L << 30;

    [Fact]
    public async Task Plan_SmallMixedDataset_MatchesTheHandCalculationToTheCent()
    {
        // 1,000 files each of 10,000 B and 50,000 B (imported: under 128 KiB), 300,000 B (read from the bucket every
        // time: not imported, under the 1 MiB direct-read threshold) in docs/, and 3 MiB videos (three 1 MiB direct
        // reads) in media/. Every file is read in full 10 times a day.
        var dataset = PlanTestData.Dataset(("docs/", 1_000, 10_000), ("docs/", 1_000, 50_000), ("docs/", 1_000, 300_000), ("media/", 1_000, 3L << 20));
        var settings = new PlanSettings { Workload = new Workload { WorkingSetFraction = 1, ReadsPerDay = 10 }, SampleReads = 100_000_000, SampleBytes = 16L << 30 };

        var plan = await PlanTestData.PlanAsync(dataset, settings);

        // The steady-state month is days 30 to 60: 300 reads of each file.
        const decimal reads = 300 * 1_000;

        // High-performance storage: the two small sizes stay resident the whole month (read daily, never 30 days idle),
        // each billed at least 10 KiB: 1,000 x (10,240 + 50,000) B for one month at $0.30 per GB-month.
        var storage = 1_000m * (10_240 + 50_000) / GB * 0.30m;

        // File data reads at their size rounded up to 1 KiB, at least 32 KiB, $0.03 per GB: 10,000 B -> 32,768;
        // 50,000 -> 50,176; 300,000 -> 300,032 (a read from the bucket of a file not resident is still a file-system read).
        var dataReads = reads * (32_768 + 50_176 + 300_032) / GB * 0.03m;

        // Metadata reads, 4 KiB each: one per open (4 files), plus one per direct read of 1 MiB (3 per video).
        var metadataReads = ((reads * 4) + (reads * 3)) * 4_096 / GB * 0.03m;

        // S3 GETs ($0.0004 per 1,000): one per read of a 300,000 B file, three per read of a video.
        var gets = (reads + (reads * 3)) / 1_000 * 0.0004m;

        // S3 storage of every object, $0.023 per GB-month.
        var s3Storage = 1_000m * (10_000 + 50_000 + 300_000 + (3L << 20)) / GB * 0.023m;

        var expected = storage + dataReads + metadataReads + gets + s3Storage;
        Math.Round(plan.SteadyStateMonthlyUsd.S3Files, 2).Should().Be(Math.Round(expected, 2));
        Math.Round(PlanTestData.Line(plan, PlanEngine.S3Files, "File data reads"), 2).Should().Be(Math.Round(dataReads, 2));
        Math.Round(PlanTestData.Line(plan, PlanEngine.S3Files, "Metadata reads"), 2).Should().Be(Math.Round(metadataReads, 2));
        Math.Round(PlanTestData.Line(plan, PlanEngine.S3Files, "S3 GET, HEAD requests"), 2).Should().Be(Math.Round(gets, 2));
        Math.Round(PlanTestData.Line(plan, PlanEngine.S3Files, "High-performance storage"), 4).Should().Be(Math.Round(storage, 4));
        plan.Sampling.Sampled.Should().BeFalse();
    }

    [Fact]
    public async Task Plan_SmallMixedDataset_MatchesTheHandCalculationOfEfsStandardToTheCent()
    {
        var dataset = PlanTestData.Dataset(("docs/", 1_000, 10_000), ("media/", 1_000, 3L << 20));
        var settings = new PlanSettings { Workload = new Workload { WorkingSetFraction = 1, ReadsPerDay = 10 } };

        var plan = await PlanTestData.PlanAsync(dataset, settings);

        // EFS meters each file at its size rounded up to 4 KiB plus 2 KiB of metadata, each directory at 4 KiB
        // (root, docs/, media/); reads at $0.03 per GB transferred.
        var stored = (1_000m * (12_288 + 2_048)) + (1_000m * ((3L << 20) + 2_048)) + (3 * 4_096);
        var expected = (stored / GB * 0.30m) + (300m * 1_000 * (10_000 + (3L << 20)) / GB * 0.03m);
        Math.Round(plan.SteadyStateMonthlyUsd.EfsStandard, 2).Should().Be(Math.Round(expected, 2));
    }
}
