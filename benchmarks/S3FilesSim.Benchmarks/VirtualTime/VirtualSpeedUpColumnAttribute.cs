using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace S3FilesSim.Benchmarks.VirtualTime;

/// <summary>Adds the <c>Virtual/wall</c> column: the virtual time one invocation simulates divided by its mean wall time.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class VirtualSpeedUpColumnAttribute(double simulatedSeconds) : ColumnConfigBaseAttribute(new VirtualSpeedUpColumn(simulatedSeconds))
{
    private sealed class VirtualSpeedUpColumn(double simulatedSeconds) : IColumn
    {
        public string Id => nameof(VirtualSpeedUpColumn);

        public string ColumnName => "Virtual/wall";

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Custom;

        public int PriorityInCategory => 0;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Dimensionless;

        public string Legend => $"Virtual time simulated ({simulatedSeconds:N0} s) divided by the mean wall time; the baseline moves no virtual time";

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            if (benchmarkCase.Descriptor.Baseline || summary[benchmarkCase]?.ResultStatistics is not { } statistics)
            {
                return "-";
            }

            return $"{simulatedSeconds / (statistics.Mean / 1e9):N0}×";
        }

        public bool IsAvailable(Summary summary) => true;

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    }
}
