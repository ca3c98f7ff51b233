using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using S3FilesSim.Benchmarks.Infrastructure;

namespace S3FilesSim.Benchmarks.Fuse;

/// <summary>Adds the <c>GB/s</c> column: the bytes one operation of the named category moves divided by its mean time.</summary>
/// <param name="category">The category whose operations move <paramref name="bytesPerOperation"/> bytes.</param>
/// <param name="bytesPerOperation">The bytes per operation.</param>
[AttributeUsage(AttributeTargets.Class)]
public sealed class ThroughputColumnAttribute(string category, double bytesPerOperation) : ColumnConfigBaseAttribute(new ThroughputColumn(category, bytesPerOperation))
{
    private sealed class ThroughputColumn(string category, double bytesPerOperation) : CustomColumn(
        "GB/s", UnitType.Dimensionless, $"Bytes moved per second (10^9), for the '{category}' rows: {bytesPerOperation:N0} bytes per operation divided by the mean")
    {
        public override string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) =>
            benchmarkCase.Descriptor.Categories.Contains(category) && summary[benchmarkCase]?.ResultStatistics is { } statistics
                ? (bytesPerOperation / statistics.Mean).ToString("N2", CultureInfo.InvariantCulture)
                : "-";
    }
}
