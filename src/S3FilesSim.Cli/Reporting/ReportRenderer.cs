using System.Globalization;
using Spectre.Console;

namespace S3FilesSim.Cli.Reporting;

/// <summary>Writes a <see cref="RunReport"/> to the console as Spectre tables and a bar chart.</summary>
internal static class ReportRenderer
{
    private const int MaxListedPaths = 24;
    private const int MaxMetricRows = 30;
    private const int MaxTimelineRows = 500;

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

        RenderMetrics(console, report.Metrics);
        RenderAlarms(console, report);
        RenderReadTiers(console, report.ReadTiers);
        RenderSync(console, report.Sync, report.Timeline);
        if (timeline)
        {
            RenderTimeline(console, report.Timeline);
        }

        RenderLatency(console, report.Latency);
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

    private static void RenderMetrics(IAnsiConsole console, IReadOnlyList<MetricsPeriod> periods)
    {
        var table = Titled("CloudWatch metrics (AWS/S3/Files) per period: the first, every change, and the last", "t (end)", "Pending\nExports", "Export\nAge", "Import\nAge", "Export/Import\nFailures", "LostAnd\nFound\nFiles", "Storage\nBytes", "Inodes", "DataRead\nops/bytes", "DataWrite\nops/bytes", "Metadata\nreads/writes");
        var shown = periods.Where((period, i) => i == 0 || i == periods.Count - 1 || Changed(periods[i - 1], period)).ToList();
        var omitted = periods.Count - shown.Count;
        if (shown.Count > MaxMetricRows)
        {
            omitted += shown.Count - MaxMetricRows;
            shown = [.. shown.Take(MaxMetricRows - 1), shown[^1]];
        }

        foreach (var p in shown)
        {
            table.AddRow(
                Cell(Format.Seconds(p.VirtualSeconds) + (p.Complete ? string.Empty : " (now)")),
                Cell(p.PendingExports),
                Cell(Format.Seconds(p.ExportAge)),
                Cell(Format.Seconds(p.ImportAge)),
                Cell($"{p.ExportFailures} / {p.ImportFailures}"),
                Cell(p.LostAndFoundFiles),
                Cell(p.StorageBytes is { } storage ? Format.Bytes(storage) : "-"),
                Cell(p.Inodes?.ToString(CultureInfo.InvariantCulture) ?? "-"),
                Cell($"{p.DataReadOperations:N0} / {Format.Bytes(p.DataReadBytes)}"),
                Cell($"{p.DataWriteOperations:N0} / {Format.Bytes(p.DataWriteBytes)}"),
                Cell($"{p.MetadataReadOperations:N0} / {p.MetadataWriteOperations:N0}"));
        }

        if (omitted > 0)
        {
            table.Caption($"{omitted:N0} of {periods.Count:N0} periods not shown (every period is in --json).");
        }

        console.Write(table);
    }

    private static bool Changed(MetricsPeriod previous, MetricsPeriod current) =>
        previous.PendingExports != current.PendingExports || previous.LostAndFoundFiles != current.LostAndFoundFiles
        || previous.ExportFailures != current.ExportFailures || previous.ImportFailures != current.ImportFailures
        || (current.StorageBytes is not null && previous.StorageBytes != current.StorageBytes)
        || previous.DataReadOperations != current.DataReadOperations || previous.DataWriteOperations != current.DataWriteOperations
        || previous.MetadataReadOperations != current.MetadataReadOperations || previous.MetadataWriteOperations != current.MetadataWriteOperations;

    private static void RenderAlarms(IAnsiConsole console, RunReport report)
    {
        var table = Titled("Alarms (the recommended S3 Files alarms)", "Alarm", "Condition", "State at the end", "Fired at");
        foreach (var alarm in report.Alarms)
        {
            var fired = report.AlarmTransitions.Where(t => t.AlarmName == alarm.AlarmName && t.NewState == "Alarm").Select(t => Format.Seconds(t.VirtualSeconds)).ToList();
            table.AddRow(
                Cell(alarm.AlarmName),
                Cell(string.Create(CultureInfo.InvariantCulture, $"{alarm.MetricName} {alarm.Comparison} {alarm.Threshold} for {alarm.EvaluationPeriods} period(s)")),
                Cell(alarm.State),
                Cell(fired.Count == 0 ? "never" : string.Join(", ", fired)));
        }

        console.Write(table);
    }

    private static void RenderTimeline(IAnsiConsole console, TimelineReport timeline)
    {
        var events = timeline.Events ?? [];
        var table = Titled("Sync timeline", "t", "Event", "Path (or key)", "Version", "Reason / error");
        foreach (var e in events.Take(MaxTimelineRows))
        {
            var version = e.VersionId is { Length: > 8 } id ? id[..8] + "…" : e.VersionId ?? string.Empty;
            table.AddRow(Cell(Format.Seconds(e.VirtualSeconds)), Cell(e.Kind), Cell(e.Path ?? e.Key ?? string.Empty), Cell(version), Cell(e.ErrorCode ?? e.Reason ?? string.Empty));
        }

        if (events.Count > MaxTimelineRows || timeline.DroppedEvents > 0)
        {
            table.Caption($"First {Math.Min(events.Count, MaxTimelineRows):N0} of {timeline.TotalEvents:N0} events shown; the timeline keeps the last {events.Count:N0} ({timeline.DroppedEvents:N0} dropped), all of them in --json.");
        }

        console.Write(table);
    }

    private static void RenderLatency(IAnsiConsole console, IReadOnlyList<LatencyRow> rows)
    {
        var table = Titled("Modelled latency per operation in ms (reported, never waited for) and the published figure it is calibrated to", "Operation", "Count", "p50", "p90", "p99", "max", "Published");
        foreach (var row in rows)
        {
            table.AddRow(Cell(row.Operation), Cell(row.Count.ToString("N0", CultureInfo.InvariantCulture)), Cell(Milliseconds(row.P50Milliseconds)), Cell(Milliseconds(row.P90Milliseconds)), Cell(Milliseconds(row.P99Milliseconds)), Cell(Milliseconds(row.MaxMilliseconds)), Cell(row.PublishedFigure));
        }

        console.Write(table);
    }

    private static string Milliseconds(double milliseconds) => milliseconds.ToString("0.###", CultureInfo.InvariantCulture);

    private static void RenderReadTiers(IAnsiConsole console, ReadPath.ReadTierStatistics tiers)
    {
        var table = Titled("Reads by tier", "Tier", "Requests", "Bytes");
        table.AddRow(Cell("High-performance storage"), Cell(tiers.HotTierReads), Cell(Format.Bytes(tiers.HotTierBytes)));
        table.AddRow(Cell("Bucket direct (large reads of exported data)"), Cell(tiers.BucketDirectReads), Cell(Format.Bytes(tiers.BucketDirectBytes)));
        table.AddRow(Cell("Bucket then import (not resident)"), Cell(tiers.BucketThenImportReads), Cell(Format.Bytes(tiers.BucketThenImportBytes)));
        console.Write(table);
    }

    private static void RenderSync(IAnsiConsole console, SyncReport sync, TimelineReport timeline)
    {
        var table = Titled("Synchronization (sync timeline and file-system gauges at the end)", "Measure", "Value");
        table.AddRow(Cell("Exports (PUT, COPY, multipart, delete markers)"), Cell(sync.Exports));
        table.AddRow(Cell("S3 DELETE requests (deletes, sources of renames)"), Cell(sync.ExportedDeletes));
        table.AddRow(Cell("Imports (metadata on listing, data on read)"), Cell(sync.Imports));
        table.AddRow(Cell("Conflicts (the bucket won)"), Cell(sync.Conflicts));
        table.AddRow(Cell("Moves to lost+found"), Cell(sync.LostAndFoundMoves));
        table.AddRow(Cell("Writes / deletes by another S3 client"), Cell($"{sync.OtherClientWrites} / {sync.OtherClientDeletes}"));
        table.AddRow(Cell("PendingExports"), Cell(sync.PendingExports));
        table.AddRow(Cell("ExportFailures"), Cell(sync.ExportFailures));
        table.AddRow(Cell("ImportFailures"), Cell(sync.ImportFailures));
        table.AddRow(Cell("LostAndFoundFiles"), Cell(sync.LostAndFoundFiles));
        table.AddRow(Cell("StorageBytes (high-performance)"), Cell(Format.Bytes(sync.StorageBytes)));
        table.AddRow(Cell("Inodes"), Cell(sync.Inodes));
        table.AddRow(Cell("Bucket objects"), Cell(sync.BucketObjects));
        table.AddRow(Cell("Timeline events (by kind)"), Cell(string.Join(", ", timeline.CountsByKind.Where(c => c.Value > 0).Select(c => $"{c.Key} {c.Value:N0}"))));

        console.Write(table);
    }

    private static void RenderCost(IAnsiConsole console, CostSection cost)
    {
        var table = Titled("Cost (USD, us-east-1 prices) from the library's cost meter", "Item", "Quantity", "Unit", "Unit price", "Amount");
        foreach (var line in cost.Lines)
        {
            table.AddRow(Cell(line.Item), Cell(line.Quantity.ToString("0.########", CultureInfo.InvariantCulture)), Cell(line.Unit), Cell(line.UnitPrice.ToString("0.#######", CultureInfo.InvariantCulture)), Cell(line.Amount.ToString("0.##########", CultureInfo.InvariantCulture)));
        }

        table.AddRow(Cell("Total"), Cell(string.Empty), Cell(string.Empty), Cell(string.Empty), Cell(cost.Total.ToString("0.##########", CultureInfo.InvariantCulture)));
        table.Caption(cost.ProjectedMonthlyTotal is { } monthly
            ? string.Create(CultureInfo.InvariantCulture, $"Metered over {Format.Seconds(cost.MeteredSeconds)} of virtual time; at this rate a 30-day month costs {monthly:0.####} USD.")
            : "No virtual time passed, so no monthly projection.");
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
