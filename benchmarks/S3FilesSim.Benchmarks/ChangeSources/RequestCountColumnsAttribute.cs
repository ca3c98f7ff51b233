using System.Collections.Concurrent;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using S3FilesSim.Benchmarks.Infrastructure;

namespace S3FilesSim.Benchmarks.ChangeSources;

/// <summary>
/// Adds the request-count columns of <see cref="ChangeSourceRequestBenchmarks"/>: S3 requests per exported file and per
/// imported change, and each divided by the baseline's in the same run. The benchmark process prints
/// <see cref="OutputPrefix"/> lines; with the in-process toolchain the values come from the same process.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class RequestCountColumnsAttribute() : ColumnConfigBaseAttribute(
    new ExportColumn(),
    new ImportColumn(),
    new ExportRatioColumn(),
    new ImportRatioColumn())
{
    /// <summary>The start of the line a benchmark prints, followed by the method name, requests per export and per import.</summary>
    public const string OutputPrefix = "// s3 requests: ";

    private static readonly ConcurrentDictionary<string, (double Export, double Import)> InProcess = new(StringComparer.Ordinal);

    /// <summary>Records (and prints) the counts of one invocation of <paramref name="method"/>.</summary>
    /// <param name="method">The benchmark method.</param>
    /// <param name="perExport">S3 requests per exported file.</param>
    /// <param name="perImport">S3 requests per imported change.</param>
    public static void Record(string method, double perExport, double perImport)
    {
        InProcess[method] = (perExport, perImport);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{OutputPrefix}{method} {perExport} {perImport}"));
    }

    private static (double Export, double Import)? Counts(Summary summary, BenchmarkCase benchmarkCase)
    {
        var method = benchmarkCase.Descriptor.WorkloadMethod.Name;
        var line = (summary[benchmarkCase]?.ExecuteResults ?? [])
            .SelectMany(result => result.StandardOutput ?? [])
            .LastOrDefault(l => l.StartsWith(OutputPrefix + method + " ", StringComparison.Ordinal));
        if (line is not null)
        {
            var parts = line[OutputPrefix.Length..].Split(' ');
            return (double.Parse(parts[1], CultureInfo.InvariantCulture), double.Parse(parts[2], CultureInfo.InvariantCulture));
        }

        return InProcess.TryGetValue(method, out var counts) ? counts : null;
    }

    private sealed class ExportColumn() : CountColumn("S3 req/export", "S3 requests the simulator made per exported file (file system and change source)", export: true, ratio: false);

    private sealed class ImportColumn() : CountColumn("S3 req/import", "S3 requests the simulator made per imported change (file system and change source)", export: false, ratio: false);

    private sealed class ExportRatioColumn() : CountColumn("export vs memory", "S3 requests per exported file divided by the in-memory baseline's", export: true, ratio: true);

    private sealed class ImportRatioColumn() : CountColumn("import vs memory", "S3 requests per imported change divided by the in-memory baseline's", export: false, ratio: true);

    /// <summary>One column; each is its own type, as BenchmarkDotNet tells columns apart by their id (the type name).</summary>
    private abstract class CountColumn(string name, string legend, bool export, bool ratio) : CustomColumn(name, UnitType.Dimensionless, legend)
    {
        public override string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            if (Counts(summary, benchmarkCase) is not { } counts)
            {
                return "-";
            }

            var value = export ? counts.Export : counts.Import;
            if (!ratio)
            {
                return value.ToString("0.##", CultureInfo.InvariantCulture);
            }

            var baselineCase = summary.BenchmarksCases.FirstOrDefault(c => c.Descriptor.Baseline);
            if (baselineCase is null || Counts(summary, baselineCase) is not { } baseline)
            {
                return "-";
            }

            var reference = export ? baseline.Export : baseline.Import;
            return reference > 0 ? (value / reference).ToString("0.##", CultureInfo.InvariantCulture) + "×" : "-";
        }
    }
}
