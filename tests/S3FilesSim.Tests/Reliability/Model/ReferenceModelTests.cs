using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using FluentAssertions;
using Xunit;

namespace S3FilesSim.Tests.Reliability.Model;

// The promise checked: "the S3 bucket is the source of truth", changes are exported after the 60 s commit delay, bucket
// changes arrive through events, conflicts keep the file-system version in lost+found, unimportable keys are skipped.
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-synchronization.html
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-troubleshooting.html
public sealed class ReferenceModelTests
{
    /// <summary>
    /// Seeds × operations from S3FILESSIM_MODEL_SEEDS (default 500) and S3FILESSIM_MODEL_OPS (default 2,000), seeds from
    /// S3FILESSIM_MODEL_FIRST_SEED (default 1); S3FILESSIM_MODEL_SEED=n replays seed n alone.
    /// </summary>
    [Fact]
    public async Task RandomOperations_ManySeeds_SimulatorAgreesWithModel()
    {
        var seeds = Seeds();
        var count = Setting("S3FILESSIM_MODEL_OPS", 2_000);
        var failures = new ConcurrentDictionary<int, Divergence>();

        await Parallel.ForEachAsync(seeds, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, async (seed, _) =>
        {
            if (await ModelRun.RunAsync(seed, OperationGenerator.Generate(seed, count)) is { } divergence)
            {
                failures[seed] = divergence;
            }
        });

        var report = new StringBuilder();
        foreach (var (seed, divergence) in failures.OrderBy(f => f.Key).Take(30))
        {
            report.AppendLine(CultureInfo.InvariantCulture, $"seed {seed} step {divergence.Step}: {divergence.Message[..Math.Min(divergence.Message.Length, 300)]}");
        }

        foreach (var seed in failures.Keys.Order().Take(3))
        {
            report.AppendLine(await ShrinkAsync(seed, OperationGenerator.Generate(seed, count)));
        }

        failures.Keys.Should().BeEmpty($"{failures.Count} of {seeds.Count} seeds diverged (seeds {string.Join(", ", failures.Keys.Order())}):\n{report}");
    }

    [Fact]
    public async Task MinimiseAsync_FailureNeedsTwoOperations_ShrinksToThoseTwo()
    {
        var ops = Enumerable.Range(0, 100).ToList();

        var shrunk = await DeltaMinimiser.MinimiseAsync(ops, list => Task.FromResult(list.Contains(17) && list.Contains(83)));

        shrunk.Should().Equal(17, 83);
    }

    [Fact]
    public void ToString_Operations_PrintAsConstructorCalls()
    {
        ModelOp[] ops = [new Create(1, "/a/x", 0x1A4, true), new PutObject("x\0y", "s1", null, 0), new Advance(0.5), new Quiet()];

        var text = string.Join("; ", ops.Select(o => o.ToString()));

        text.Should().Be("new Create(1, \"/a/x\", 0x1A4 /* 0644 */, true); new PutObject(\"x\\0y\", \"s1\", null, 0); new Advance(0.5); new Quiet()");
    }

    [Fact]
    public void Generate_SameSeed_SameOperations()
    {
        var first = OperationGenerator.Generate(42, 500);

        var second = OperationGenerator.Generate(42, 500);

        second.Should().Equal(first);
        first.Select(o => o.GetType()).Distinct().Should().HaveCount(14, "every kind of operation occurs in 500 steps");
    }

    private static async Task<string> ShrinkAsync(int seed, List<ModelOp> ops)
    {
        var divergence = await ModelRun.RunAsync(seed, ops);
        var prefix = ops.Take(divergence!.Step + 1).ToList();
        var shrunk = await DeltaMinimiser.MinimiseAsync(prefix, async list => await ModelRun.RunAsync(seed, list) is not null, maxAttempts: 400);
        var final = await ModelRun.RunAsync(seed, shrunk);
        return $"seed {seed}: {divergence.Message}\n  at step {divergence.Step}; shrunk to {shrunk.Count} operations, which give: {final?.Message}\n" +
            $"  replay: S3FILESSIM_MODEL_SEED={seed}; ops:\n    [{string.Join(",\n     ", shrunk)}]";
    }

    private static List<int> Seeds()
    {
        if (Environment.GetEnvironmentVariable("S3FILESSIM_MODEL_SEED") is { Length: > 0 } single)
        {
            return [int.Parse(single, CultureInfo.InvariantCulture)];
        }

        var first = Setting("S3FILESSIM_MODEL_FIRST_SEED", 1);
        return [.. Enumerable.Range(first, Setting("S3FILESSIM_MODEL_SEEDS", 500))];
    }

    private static int Setting(string name, int defaultValue) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } text ? int.Parse(text, CultureInfo.InvariantCulture) : defaultValue;
}
