using System.Globalization;

namespace S3FilesSim.Cli.Reporting;

/// <summary>Percentiles (nearest rank) and fixed-width histograms of latencies in seconds.</summary>
internal static class Statistics
{
    /// <summary>Summarizes <paramref name="values"/>: count, p50, p95, p99 and max.</summary>
    internal static LatencySummaryReport Summarize(double[] values)
    {
        if (values.Length == 0)
        {
            return new LatencySummaryReport(0, 0, 0, 0, 0);
        }

        var sorted = values.Order().ToArray();
        return new LatencySummaryReport(sorted.Length, Percentile(sorted, 50), Percentile(sorted, 95), Percentile(sorted, 99), sorted[^1]);
    }

    /// <summary>Returns the nearest-rank <paramref name="percent"/> percentile of ascending <paramref name="sorted"/>.</summary>
    internal static double Percentile(double[] sorted, double percent)
    {
        var rank = (int)Math.Ceiling(percent / 100 * sorted.Length);
        return sorted[Math.Clamp(rank, 1, sorted.Length) - 1];
    }

    /// <summary>Counts <paramref name="values"/> in at most <paramref name="maxBins"/> bins of a whole number of tenths of a second.</summary>
    internal static IReadOnlyList<HistogramBin> Histogram(double[] values, int maxBins)
    {
        if (values.Length == 0)
        {
            return [];
        }

        var low = Math.Floor(values.Min() * 10) / 10;
        var high = values.Max();
        var width = Math.Max(0.1, Math.Ceiling((high - low) / maxBins * 10) / 10);
        var bins = Math.Max(1, (int)Math.Floor((high - low) / width) + 1);
        var counts = new int[bins];
        foreach (var value in values)
        {
            counts[Math.Min(bins - 1, (int)((value - low) / width + 1e-9))]++;
        }

        return [.. counts.Select((count, i) => new HistogramBin(
            string.Create(CultureInfo.InvariantCulture, $"{low + (i * width):0.0}-{low + ((i + 1) * width):0.0} s"), count))];
    }
}
