using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using S3FilesSim.Benchmarks.Infrastructure;

namespace S3FilesSim.Benchmarks.VirtualTime;

/// <summary>Adds the <c>Virtual/wall</c> column: the virtual time one invocation simulates divided by its mean wall time.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class VirtualSpeedUpColumnAttribute(double simulatedSeconds) : ColumnConfigBaseAttribute(new VirtualSpeedUpColumn(simulatedSeconds))
{
    private sealed class VirtualSpeedUpColumn(double simulatedSeconds) : CustomColumn(
        "Virtual/wall", UnitType.Dimensionless, $"Virtual time simulated ({simulatedSeconds:N0} s) divided by the mean wall time; the baseline moves no virtual time")
    {
        public override string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            if (benchmarkCase.Descriptor.Baseline || summary[benchmarkCase]?.ResultStatistics is not { } statistics)
            {
                return "-";
            }

            return $"{simulatedSeconds / (statistics.Mean / 1e9):N0}×";
        }
    }
}
