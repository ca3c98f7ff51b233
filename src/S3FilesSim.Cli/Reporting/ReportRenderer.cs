using System.Globalization;
using Spectre.Console;

namespace S3FilesSim.Cli.Reporting;

/// <summary>Writes a <see cref="RunReport"/> to the console as Spectre tables and a bar chart.</summary>
internal static class ReportRenderer
{
    private const int MaxListedPaths = 24;

    /// <summary>Renders every section of <paramref name="report"/> that the scenario filled.</summary>
    internal static void Render(IAnsiConsole console, RunReport report, bool timeline)
    {
        console.Write(new Rule($"[bold]S3FilesSim[/] · scenario [green]{report.Scenario}[/] · seed {report.Seed}").LeftJustified());
        var load = report.Load;
        console.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"Loaded [bold]{load.Files:N0}[/] files ({Format.Bytes(load.Bytes)}) from {load.Source} into s3://{report.Bucket} in {load.WallMilliseconds:N0} ms ({load.FilesPerSecond:N0} files/s); file system {report.FileSystemId}.");
        if (load.SkippedDanglingLinks > 0)
        {
            console.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"Skipped {load.SkippedDanglingLinks:N0} dangling symbolic links.");
        }

        if (load.SkippedSpecialFiles > 0)
        {
            console.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"Skipped {load.SkippedSpecialFiles:N0} special files (FIFOs, sockets, devices).");
        }

        RenderScenario(console, report);
        foreach (var snapshot in report.Snapshots)
        {
            RenderSnapshot(console, report, snapshot);
        }

        RenderMetrics(console, report, timeline);
        RenderReadTiers(console, report.ReadTiers);
        RenderSync(console, report.Sync);
        RenderCost(console, report.Cost);
        var timing = report.Timing;
        console.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"Virtual time [bold]{Format.Seconds(timing.VirtualSeconds)}[/] in {timing.ScenarioWallMilliseconds:N0} ms of wall time ({timing.WallMilliseconds:N0} ms in all, loading included): [bold]{timing.SpeedUp:N0}x[/] faster than real time.");
        foreach (var note in report.Notes)
        {
            console.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"[grey]Note: {note}[/]");
        }
    }

    private static void RenderScenario(IAnsiConsole console, RunReport report)
    {
        if (report.Documents is { } documents)
        {
            var table = Titled("Documents processed (inbox/ → processed/)", "Document", "Bytes", "Lines", "Words", "Metadata written");
            foreach (var document in documents)
            {
                table.AddRow(Cell(document.Name), Cell(document.Bytes), Cell(document.Lines), Cell(document.Words), Cell(document.MetadataPath));
            }

            console.Write(table);
        }

        if (report.Walk is { } walk)
        {
            var table = Titled("Walk (readdir + stat of the whole tree)", "Directories", "Files", "Symbolic links", "Bytes", "readdir calls", "stat calls");
            table.AddRow(Cell(walk.Directories), Cell(walk.Files), Cell(walk.Symlinks), Cell(Format.Bytes(walk.Bytes)), Cell(walk.ReadDirectoryCalls), Cell(walk.StatCalls));
            console.Write(table);
        }

        if (report.ReadAll is { } readAll)
        {
            var table = Titled("Read every file: requests served per tier, by file size", "Pass", "Size class", "Files", "Bytes", "Hot tier", "Direct", "Then import");
            foreach (var row in readAll)
            {
                table.AddRow(Cell(row.Pass), Cell(row.SizeClass), Cell(row.Files), Cell(Format.Bytes(row.Bytes)), Cell(row.HotTierReads), Cell(row.BucketDirectReads), Cell(row.BucketThenImportReads));
            }

            console.Write(table);
        }

        if (report.Conflicts is { } conflicts)
        {
            var table = Titled($"Conflicts: LostAndFoundFiles = {conflicts.LostAndFoundFiles}", "Overwritten by another client", "Deleted by another client", "In " + conflicts.LostAndFoundDirectory + "/");
            table.AddRow(Lines(conflicts.OverwrittenKeys), Lines(conflicts.DeletedKeys), Lines([.. conflicts.LostAndFoundEntries.Select(path => path[(conflicts.LostAndFoundDirectory.Length + 1)..])]));
            console.Write(table);
        }

        if (report.Visibility is { } visibility)
        {
            var table = Titled($"Visibility of {visibility.Files} files written every {Format.Seconds(visibility.WriteIntervalSeconds)} (seconds after close)", "Seen by", "Count", "p50", "p95", "p99", "max");
            AddLatency(table, "second mount (close-to-open)", visibility.SecondMount);
            AddLatency(table, "bucket (export)", visibility.Bucket);
            console.Write(table);
            if (visibility.BucketHistogram.Count > 0)
            {
                var chart = new BarChart().Label("[bold]When the bucket saw each file[/]").Width(72);
                foreach (var bin in visibility.BucketHistogram)
                {
                    chart.AddItem(bin.Label, bin.Count, Color.Green);
                }

                console.Write(chart);
            }
        }
    }

    private static void RenderSnapshot(IAnsiConsole console, RunReport report, ViewSnapshot snapshot)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .Title($"t = {Format.Seconds(snapshot.VirtualSeconds)} ({Markup.Escape(snapshot.Label)})")
            .AddColumn($"File system (NFS mount): {snapshot.FileSystem.Count} files")
            .AddColumn($"Bucket s3://{Markup.Escape(report.Bucket)}: {snapshot.Bucket.Count} keys");
        table.AddRow(Lines(snapshot.FileSystem), Lines(snapshot.Bucket));
        console.Write(table);
    }

    private static void RenderMetrics(IAnsiConsole console, RunReport report, bool timeline)
    {
        var table = Titled(timeline ? "Metrics at every virtual second where they changed" : "Metrics over time (at each view above and at the end)", "t", "Pending\nExports", "Export\nAge", "Import\nAge", "LostAnd\nFoundFiles", "Storage\nBytes", "Inodes", "Bucket\nobjects");
        var marks = report.Snapshots.Select(snapshot => snapshot.VirtualSeconds).ToHashSet();
        MetricSample? previous = null;
        for (var i = 0; i < report.Metrics.Count; i++)
        {
            var sample = report.Metrics[i];
            var changed = previous is null || sample with { VirtualSeconds = 0, ExportAgeSeconds = 0, ImportAgeSeconds = 0 } != previous with { VirtualSeconds = 0, ExportAgeSeconds = 0, ImportAgeSeconds = 0 };
            var show = timeline ? changed || i == report.Metrics.Count - 1 : i == 0 || marks.Contains(sample.VirtualSeconds) || i == report.Metrics.Count - 1;
            if (show)
            {
                table.AddRow(Cell(Format.Seconds(sample.VirtualSeconds)), Cell(sample.PendingExports), Cell(Format.Seconds(sample.ExportAgeSeconds)), Cell(Format.Seconds(sample.ImportAgeSeconds)), Cell(sample.LostAndFoundFiles), Cell(Format.Bytes(sample.StorageBytes)), Cell(sample.Inodes), Cell(sample.BucketObjects));
            }

            previous = sample;
        }

        console.Write(table);
    }

    private static void RenderReadTiers(IAnsiConsole console, ReadPath.ReadTierStatistics tiers)
    {
        var table = Titled("Reads by tier", "Tier", "Requests", "Bytes");
        table.AddRow(Cell("High-performance storage"), Cell(tiers.HotTierReads), Cell(Format.Bytes(tiers.HotTierBytes)));
        table.AddRow(Cell("Bucket direct (large reads of exported data)"), Cell(tiers.BucketDirectReads), Cell(Format.Bytes(tiers.BucketDirectBytes)));
        table.AddRow(Cell("Bucket then import (not resident)"), Cell(tiers.BucketThenImportReads), Cell(Format.Bytes(tiers.BucketThenImportBytes)));
        console.Write(table);
    }

    private static void RenderSync(IAnsiConsole console, SyncReport sync)
    {
        var table = Titled("Synchronization at the end", "Measure", "Value");
        table.AddRow(Cell("Object versions written by exports (PUT, COPY)"), Cell(sync.ExportedObjectVersions));
        table.AddRow(Cell("Deletes made by exports"), Cell(sync.ExportedDeletes));
        table.AddRow(Cell("Writes / deletes by another S3 client"), Cell($"{sync.OtherClientWrites} / {sync.OtherClientDeletes}"));
        table.AddRow(Cell("PendingExports"), Cell(sync.PendingExports));
        table.AddRow(Cell("ExportFailures"), Cell(sync.ExportFailures));
        table.AddRow(Cell("ImportFailures"), Cell(sync.ImportFailures));
        table.AddRow(Cell("LostAndFoundFiles"), Cell(sync.LostAndFoundFiles));
        table.AddRow(Cell("StorageBytes (high-performance)"), Cell(Format.Bytes(sync.StorageBytes)));
        table.AddRow(Cell("Inodes"), Cell(sync.Inodes));
        table.AddRow(Cell("Bucket objects"), Cell(sync.BucketObjects));
        console.Write(table);
    }

    private static void RenderCost(IAnsiConsole console, CostEstimate cost)
    {
        var table = Titled("Cost estimate (USD)", "Item", "Quantity", "Unit", "Unit price", "Amount");
        foreach (var line in cost.Lines)
        {
            table.AddRow(Cell(line.Item), Cell(line.Quantity.ToString("0.########", CultureInfo.InvariantCulture)), Cell(line.Unit), Cell(line.UnitPrice.ToString("0.#######", CultureInfo.InvariantCulture)), Cell(line.Amount.ToString("0.##########", CultureInfo.InvariantCulture)));
        }

        table.AddRow(Cell("Total"), Cell(string.Empty), Cell(string.Empty), Cell(string.Empty), Cell(cost.Total.ToString("0.##########", CultureInfo.InvariantCulture)));
        table.Caption(Markup.Escape(cost.Basis));
        console.Write(table);
    }

    private static void AddLatency(Table table, string label, LatencySummaryReport summary) =>
        table.AddRow(Cell(label), Cell(summary.Count), Cell(Format.Seconds(summary.P50)), Cell(Format.Seconds(summary.P95)), Cell(Format.Seconds(summary.P99)), Cell(Format.Seconds(summary.Max)));

    private static Table Titled(string title, params string[] columns)
    {
        var table = new Table().Border(TableBorder.Rounded).Title(Markup.Escape(title));
        foreach (var column in columns)
        {
            table.AddColumn(Markup.Escape(column));
        }

        return table;
    }

    private static Text Cell(object value) => new(Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty);

    private static Text Lines(IReadOnlyList<string> paths)
    {
        if (paths.Count == 0)
        {
            return new Text("(none)");
        }

        var shown = paths.Take(MaxListedPaths).ToList();
        if (paths.Count > MaxListedPaths)
        {
            shown.Add($"… {paths.Count - MaxListedPaths:N0} more");
        }

        return new Text(string.Join('\n', shown));
    }
}
