using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using S3FilesSim.Cli.Planning;

namespace S3FilesSim.Benchmarks.Planning;

/// <summary>
/// <c>s3files-sim plan --listing</c> on a listing of 10,000,000 objects (issue 19: read and planned in under a minute on
/// two cores): reading the <c>aws s3 ls --recursive</c> text and planning it with the default budgets (a stratified
/// sample simulated for 60 days), against the baseline of merely reading the file's lines with
/// <see cref="File.ReadLines(string)"/>.
/// </summary>
[MemoryDiagnoser]
public class PlanListingBenchmarks
{
    private string _path = string.Empty;

    /// <summary>Gets or sets the objects in the listing.</summary>
    [Params(10_000_000)]
    public int Objects { get; set; }

    /// <summary>Writes the listing: log-normal sizes (median about 60 KiB, a long tail to gigabytes), 1,000 objects a directory.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _path = Path.Combine(Path.GetTempPath(), $"s3files-sim-plan-{Environment.ProcessId}.txt");
        var random = new Random(1);
        using var writer = new StreamWriter(_path, false, new UTF8Encoding(false), 1 << 20);
        var line = new StringBuilder();
        for (var i = 0; i < Objects; i++)
        {
            var normal = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            var size = (long)Math.Min(5e12, Math.Exp(11 + (2.5 * normal)));
            line.Clear().Append(CultureInfo.InvariantCulture, $"2026-04-01 12:00:00 {size,10} data/{i / 100_000}/{i / 1_000 % 100}/obj-{i}.bin");
            writer.WriteLine(line);
        }
    }

    /// <summary>Deletes the listing.</summary>
    [GlobalCleanup]
    public void Cleanup() => File.Delete(_path);

    /// <summary>The baseline: every line read, nothing parsed.</summary>
    /// <returns>The lines.</returns>
    [Benchmark(Baseline = true)]
    public long ReadLines()
    {
        long lines = 0;
        foreach (var text in File.ReadLines(_path))
        {
            lines += text.Length > 0 ? 1 : 0;
        }

        return lines;
    }

    /// <summary>The listing read and planned with the defaults.</summary>
    /// <returns>The steady-state monthly S3 Files estimate.</returns>
    [Benchmark]
    public async Task<decimal> ReadAndPlan()
    {
        var settings = new PlanSettings { Listing = _path };
        var dataset = new Dataset("benchmark", null);
        ListingReader.Read(_path, dataset, strict: false);
        var plan = await PlanEngine.RunAsync(dataset, settings, PlanPrices.UsEast1, CancellationToken.None).ConfigureAwait(false);
        return plan.SteadyStateMonthlyUsd.S3Files;
    }
}
