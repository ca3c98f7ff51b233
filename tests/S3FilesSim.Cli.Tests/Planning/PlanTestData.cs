using S3FilesSim.Cli.Planning;

namespace S3FilesSim.Cli.Tests.Planning;

/// <summary>Builds datasets and runs the planning engine in-process.</summary>
internal static class PlanTestData
{
    internal const long GiB = 1L << 30;

    internal static Dataset Dataset(params (string Directory, int Count, long Size)[] groups)
    {
        var dataset = new Dataset("test", null);
        foreach (var (directory, count, size) in groups)
        {
            for (var i = 0; i < count; i++)
            {
                dataset.Add($"{directory}{size}-{i}", size);
            }
        }

        return dataset;
    }

    internal static Task<PlanResult> PlanAsync(Dataset dataset, PlanSettings settings) =>
        PlanEngine.RunAsync(dataset, settings, PlanPrices.UsEast1, CancellationToken.None);

    internal static decimal Line(PlanResult plan, string option, string item, bool steady = true) =>
        (steady ? plan.SteadyState : plan.FirstMonth).First(o => o.Option == option).Lines.First(l => l.Item == item).Amount;
}
