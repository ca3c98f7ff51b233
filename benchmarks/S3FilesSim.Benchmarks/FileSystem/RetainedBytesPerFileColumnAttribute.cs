using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using S3FilesSim.Benchmarks.Infrastructure;

namespace S3FilesSim.Benchmarks.FileSystem;

/// <summary>Adds the <c>Retained/file</c> column: the heap bytes per file still reachable after an iteration, read from the
/// <see cref="OutputPrefix"/> lines the benchmark process prints (the median over its iterations); <c>-</c> with the in-process
/// toolchain, whose results carry no standard output.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class RetainedBytesPerFileColumnAttribute() : ColumnConfigBaseAttribute(new RetainedBytesPerFileColumn())
{
    /// <summary>The start of the line a benchmark prints after each iteration, followed by the bytes per file.</summary>
    public const string OutputPrefix = "// retained bytes per file: ";

    private sealed class RetainedBytesPerFileColumn() : CustomColumn(
        "Retained/file", UnitType.Size, "Heap bytes per file still reachable after the iteration (full collection), median over the iterations")
    {
        public override string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            var values = (summary[benchmarkCase]?.ExecuteResults ?? [])
                .SelectMany(result => result.StandardOutput ?? [])
                .Where(line => line.StartsWith(OutputPrefix, StringComparison.Ordinal))
                .Select(line => double.Parse(line.AsSpan(OutputPrefix.Length), CultureInfo.InvariantCulture))
                .Order()
                .ToArray();
            return values.Length == 0 ? "-" : $"{values[values.Length / 2]:N1} B";
        }
    }
}
