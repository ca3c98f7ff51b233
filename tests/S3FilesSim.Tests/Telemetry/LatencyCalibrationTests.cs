using FluentAssertions;
using S3FilesSim.FileSystem;
using S3FilesSim.Telemetry;
using S3FilesSim.Tests.FileSystem;
using Xunit;

namespace S3FilesSim.Tests.Telemetry;

// The seed article's workloads run through a mounted file system; the modelled duration of a workload is the growth of
// the total of every per-operation latency histogram (S3FilesFileSystem.Latency) while it runs. Source of the published
// figures: the seed article's table (/work/shared/spec/s3files-facts.md section 10 and docs/SEMANTICS.md, "Modelled
// latency"): 20 medium files (10 MB each) read 139 ms, write 256 ms, rename 114 ms; a 10,000-entry list + stat 905 ms.
// Each must come out within ±25 %. Performance page: https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-performance.html
public sealed class LatencyCalibrationTests
{
    private const int MediumFileBytes = 10_000_000;
    private const int MediumFiles = 20;

    [Fact]
    public async Task WriteTwentyMediumFiles_ModelledWithinTwentyFivePercentOfTheSeedArticle()
    {
        await using var sim = S3FilesSimulation.Create();
        var fs = sim.Mount();
        var before = Total(sim);

        await WriteMediumFilesAsync(fs, MediumFileBytes);

        // Seed article: 20 medium files written in 256 ms.
        ModelledMilliseconds(sim, before).Should().BeInRange(256 * 0.75, 256 * 1.25);
    }

    [Fact]
    public async Task ReadTwentyMediumFiles_ModelledWithinTwentyFivePercentOfTheSeedArticle()
    {
        await using var sim = S3FilesSimulation.Create();
        var fs = sim.Mount();
        await WriteMediumFilesAsync(fs, MediumFileBytes);
        var before = Total(sim);

        for (var i = 0; i < MediumFiles; i++)
        {
            (await fs.ReadAllBytesAsync($"/f{i}.bin")).Should().HaveCount(MediumFileBytes);
        }

        // Seed article: 20 medium files read in 139 ms (from high-performance storage).
        ModelledMilliseconds(sim, before).Should().BeInRange(139 * 0.75, 139 * 1.25);
    }

    [Fact]
    public async Task RenameTwentyMediumFiles_ModelledWithinTwentyFivePercentOfTheSeedArticle()
    {
        await using var sim = S3FilesSimulation.Create();
        var fs = sim.Mount();
        await fs.MkdirAsync("/done");
        await WriteMediumFilesAsync(fs, 1);
        var before = Total(sim);

        for (var i = 0; i < MediumFiles; i++)
        {
            await fs.RenameAsync($"/f{i}.bin", $"/done/f{i}.bin");
        }

        // Seed article: 20 medium files renamed in 114 ms.
        ModelledMilliseconds(sim, before).Should().BeInRange(114 * 0.75, 114 * 1.25);
    }

    [Fact]
    public async Task ListAndStatTenThousandEntries_ModelledWithinTwentyFivePercentOfTheSeedArticle()
    {
        await using var sim = S3FilesSimulation.Create();
        var fs = sim.Mount();
        await fs.MkdirAsync("/big");
        for (var i = 0; i < 10_000; i++)
        {
            await fs.WriteFileAsync($"/big/f{i:D5}", "");
        }

        var before = Total(sim);

        foreach (var entry in await fs.ReadDirectoryAsync("/big"))
        {
            await fs.StatAsync("/big/" + entry.Name);
        }

        // Seed article: a 10,000-entry directory listed with attributes (ls -l) in 905 ms.
        ModelledMilliseconds(sim, before).Should().BeInRange(905 * 0.75, 905 * 1.25);
    }

    private static async Task WriteMediumFilesAsync(IFileSystem fs, int bytes)
    {
        var data = new byte[bytes];
        for (var i = 0; i < MediumFiles; i++)
        {
            await fs.WriteAllBytesAsync($"/f{i}.bin", data);
        }
    }

    private static TimeSpan Total(S3FilesSimulation sim) =>
        sim.FileSystem.Latency.GetSummaries().Aggregate(TimeSpan.Zero, (total, summary) => total + summary.Total);

    private static double ModelledMilliseconds(S3FilesSimulation sim, TimeSpan before) => (Total(sim) - before).TotalMilliseconds;
}
