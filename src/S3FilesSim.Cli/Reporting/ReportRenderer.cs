using System.Globalization;
using Spectre.Console;

namespace S3FilesSim.Cli.Reporting;

/// <summary>
/// Writes a <see cref="RunReport"/> to the console as Spectre tables and a bar chart. Every table fits the console's
/// width (from 80 columns: wide tables split in two or leave out low-priority columns below <see cref="WideColumns"/>),
/// every list is bounded with a "… N more" row (the whole report is in <c>--json</c>), and control characters in names
/// are escaped (<see cref="Format.Escape"/>).
/// </summary>
internal static class ReportRenderer
{
    /// <summary>At this width and wider the report shows its wide tables whole.</summary>
    internal const int WideColumns = 120;

    /// <summary>The most rows of a list (documents, paths of a view, timeline events).</summary>
    internal const int MaxRows = 20;

    private const int MaxMetricRows = 30;
    private const int MaxTimelineRows = 200;

    /// <summary>Renders every section of <paramref name="report"/> that the scenario filled.</summary>
    /// <param name="console">Where to write.</param>
    /// <param name="report">The report.</param>
    /// <param name="timeline">Whether to print the sync timeline's events (<see cref="TimelineReport.Events"/>).</param>
    internal static void Render(IAnsiConsole console, RunReport report, bool timeline)
    {
        var wide = console.Profile.Width >= WideColumns;
        console.Write(new Rule($"[bold]S3FilesSim[/] · scenario [green]{Markup.Escape(report.Scenario)}[/] · seed {report.Seed}").LeftJustified());
        if (report.ScenarioInput is { } input)
        {
            console.WriteLine($"Input: {Format.Escape(input)}");
        }

        RenderLoad(console, report);
        RenderScenario(console, report, wide);
        foreach (var snapshot in report.Snapshots)
        {
            RenderSnapshot(console, report, snapshot);
        }

        RenderMetrics(console, report.Metrics, wide);
        RenderAlarms(console, report);
        RenderReadTiers(console, report.ReadTiers);
        RenderSync(console, report.Sync, report.Timeline);
        RequestsRenderer.Render(console, report.Requests);
        if (timeline)
        {
            RenderTimeline(console, report.Timeline, wide);
        }

        RenderLatency(console, report.Latency, wide);
        RenderCost(console, report.Cost);
        var timing = report.Timing;
        console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Virtual time {Format.Seconds(timing.VirtualSeconds)} in {timing.ScenarioWallMilliseconds:N0} ms of wall time ({timing.WallMilliseconds:N0} ms in all, loading included): {timing.SpeedUp:N0}x faster than real time."));
        foreach (var note in report.Notes)
        {
            console.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"[grey]Note: {Format.Escape(note)}[/]");
        }
    }

    private static void RenderLoad(IAnsiConsole console, RunReport report)
    {
        var load = report.Load;
        var parts = new List<string> { $"{Format.Count(load.Files, "file")} ({Format.Bytes(load.Bytes)})" };
        if (load.SymbolicLinks > 0)
        {
            var odd = new List<string>();
            if (load.DanglingSymbolicLinks > 0)
            {
                odd.Add($"{load.DanglingSymbolicLinks:N0} dangling");
            }

            if (load.SymbolicLinkLoops > 0)
            {
                odd.Add($"{load.SymbolicLinkLoops:N0} in a loop");
            }

            parts.Add(Format.Count(load.SymbolicLinks, "symbolic link") + (odd.Count > 0 ? $" ({string.Join(", ", odd)})" : string.Empty));
        }

        if (load.EmptyDirectories > 0)
        {
            parts.Add(Format.Count(load.EmptyDirectories, "empty directory", "empty directories") + " (as dir/ markers)");
        }

        var what = parts.Count == 1 ? parts[0] : string.Join(", ", parts[..^1]) + " and " + parts[^1];
        console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Loaded {what} from {Format.Escape(load.Source)} into s3://{report.Bucket} as its existing content in {load.WallMilliseconds:N0} ms ({load.FilesPerSecond:N0} objects/s, reading {Format.Count(load.Directories, "directory", "directories")} included; {load.CpuMilliseconds:N0} ms of processor time); file system {report.FileSystemId}."));
        if (load.SkippedTotal == 0)
        {
            return;
        }

        console.WriteLine($"Skipped {Format.Count(load.SkippedTotal, "entry", "entries")} that cannot be objects (the run goes on without them):");
        foreach (var group in load.Skipped)
        {
            console.WriteLine($"  {group.Count:N0} × {group.Description}:");
            foreach (var example in group.Examples)
            {
                console.WriteLine("    " + Format.Escape(example));
            }

            if (group.Count > group.Examples.Count)
            {
                console.WriteLine($"    … {group.Count - group.Examples.Count:N0} more");
            }
        }
    }

    private static void RenderScenario(IAnsiConsole console, RunReport report, bool wide)
    {
        if (report.Documents is { } documents)
        {
            var failed = documents.Count(document => document.Error is not null);
            var title = $"Documents processed (into processed/): {documents.Count - failed:N0}" + (failed > 0 ? $", {Format.Count(failed, "error")}" : string.Empty);
            var table = wide ? Titled(title, "Document", "Bytes", "Lines", "Words", "Metadata written or error") : Titled(title, "Document", "Bytes", "Lines", "Words");
            var shown = documents.Where(document => document.Error is not null).Take(MaxRows).Concat(documents.Where(document => document.Error is null)).Take(MaxRows).ToList();
            foreach (var document in shown)
            {
                var name = Cell(document.Name);
                if (wide)
                {
                    table.AddRow(name, Cell(document.Bytes), Cell(document.Lines), Cell(document.Words), Cell(document.Error is { } error ? "error: " + error : document.MetadataPath));
                }
                else
                {
                    table.AddRow(document.Error is { } error ? CellLines([document.Name, "error: " + error]) : name, Cell(document.Bytes), Cell(document.Lines), Cell(document.Words));
                }
            }

            More(table, documents.Count - shown.Count, wide ? 5 : 4);
            console.Write(table);
        }

        if (report.Walk is { } walk)
        {
            var table = Titled("Walk (readdir + stat of the whole tree)", "Directories", "Files", "Symbolic\nlinks", "Bytes", "readdir\ncalls", "stat\ncalls");
            table.AddRow(Cell(walk.Directories), Cell(walk.Files), Cell(walk.Symlinks), Cell(Format.Bytes(walk.Bytes)), Cell(walk.ReadDirectoryCalls), Cell(walk.StatCalls));
            console.Write(table);
        }

        if (report.ReadAll is { } readAll)
        {
            var table = Titled("Read every file: requests served per tier, by file size", "Pass", "Size class", "Files", "Bytes", "Hot\ntier", "Bucket\ndirect", "Bucket, not\nresident");
            foreach (var row in readAll.Where(row => row.Files > 0))
            {
                table.AddRow(Cell(row.Pass), Cell(row.SizeClass), Cell(row.Files), Cell(Format.Bytes(row.Bytes)), Cell(row.HotTierReads), Cell(row.BucketDirectReads), Cell(row.BucketThenImportReads));
            }

            table.Caption("\"Bucket, not resident\": reads of files whose data is not on high-performance storage; such a read imports the file only when an import rule selects it.");
            console.Write(table);
        }

        if (report.Conflicts is { } conflicts)
        {
            var table = Titled($"Conflicts: LostAndFoundFiles = {conflicts.LostAndFoundFiles}", "Overwritten by\nanother client", "Deleted by\nanother client", "In " + conflicts.LostAndFoundDirectory + "/");
            table.AddRow(Lines(conflicts.OverwrittenKeys), Lines(conflicts.DeletedKeys), Lines([.. conflicts.LostAndFoundEntries.Select(path => path[(conflicts.LostAndFoundDirectory.Length + 1)..])]));
            console.Write(table);
        }

        if (report.Visibility is { } visibility)
        {
            var table = Titled($"Visibility of {Format.Count(visibility.Files, "file")} written every {Format.Seconds(visibility.WriteIntervalSeconds)} (seconds after close)", "Seen by", "Count", "p50", "p95", "p99", "max");
            AddLatency(table, "second mount (close-to-open)", visibility.SecondMount);
            AddLatency(table, "bucket (export)", visibility.Bucket);
            console.Write(table);
            if (visibility.BucketHistogram.Count > 0)
            {
                var chart = new BarChart().Label("[bold]When the bucket saw each file[/]").Width(Math.Min(72, console.Profile.Width));
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
            .Title(Markup.Escape($"t = {Format.Seconds(snapshot.VirtualSeconds)} ({snapshot.Label})"))
            .AddColumn(Markup.Escape($"File system (NFS mount): {Format.Count(snapshot.FileSystem.Count, "file")}"
                + (snapshot.UnlistedDirectories.Count > 0 ? $", {Format.Count(snapshot.UnlistedDirectories.Count, "directory", "directories")} not listed yet" : string.Empty)))
            .AddColumn(Markup.Escape($"Bucket s3://{report.Bucket}: {Format.Count(snapshot.Bucket.Count, "key")}"));
        table.AddRow(Lines([.. snapshot.FileSystem, .. snapshot.UnlistedDirectories.Select(directory => directory + " (not listed yet)")]), Lines(snapshot.Bucket));
        if (snapshot.UnlistedDirectories.Count > 0)
        {
            table.Caption("A directory not listed yet has not been accessed by the scenario: its objects reach the file system when a client first lists it.");
        }

        console.Write(table);
    }

    private static void RenderMetrics(IAnsiConsole console, IReadOnlyList<MetricsPeriod> periods, bool wide)
    {
        var shown = periods.Where((period, i) => i == 0 || i == periods.Count - 1 || Changed(periods[i - 1], period)).ToList();
        var omitted = periods.Count - shown.Count;
        if (shown.Count > MaxMetricRows)
        {
            omitted += shown.Count - MaxMetricRows;
            shown = [.. shown.Take(MaxMetricRows - 1), shown[^1]];
        }

        const string title = "CloudWatch metrics (AWS/S3/Files) per period, gauges at their Maximum: the first period, every change, the last";
        var caption = omitted > 0 ? $"{omitted:N0} of {Format.Count(periods.Count, "period")} not shown (every period is in --json)." : null;
        var sync = new[] { "t (end)", "Pending\nExports", "Export\nAge", "Import\nAge", "Export\nFailures", "Import\nFailures", "LostAndFound\nFiles" };
        var operations = new[] { "Storage\nBytes", "Inodes", "DataRead\nops / bytes", "DataWrite\nops / bytes", "Metadata\nreads / writes" };
        if (wide)
        {
            var table = Titled(title, [.. sync, .. operations]);
            foreach (var p in shown)
            {
                table.AddRow([.. SyncCells(p), .. OperationCells(p)]);
            }

            Caption(table, caption);
            console.Write(table);
            return;
        }

        var first = Titled(title + ": synchronization", sync);
        var second = Titled(title + ": storage and operations", ["t (end)", .. operations]);
        foreach (var p in shown)
        {
            var cells = SyncCells(p);
            first.AddRow(cells);
            second.AddRow([cells[0], .. OperationCells(p)]);
        }

        Caption(second, caption);
        console.Write(first);
        console.Write(second);
    }

    private static Text[] SyncCells(MetricsPeriod p) =>
    [
        Cell(Format.Seconds(p.VirtualSeconds) + (p.Complete ? string.Empty : " (now)")),
        Cell(p.PendingExports),
        Cell(Format.Seconds(p.ExportAge)),
        Cell(Format.Seconds(p.ImportAge)),
        Cell(p.ExportFailures),
        Cell(p.ImportFailures),
        Cell(p.LostAndFoundFiles),
    ];

    private static Text[] OperationCells(MetricsPeriod p) =>
    [
        Cell(p.StorageBytes is { } storage ? Format.Bytes(storage) : "-"),
        Cell(p.Inodes?.ToString("N0", CultureInfo.InvariantCulture) ?? "-"),
        Cell($"{p.DataReadOperations:N0} / {Format.Bytes(p.DataReadBytes)}"),
        Cell($"{p.DataWriteOperations:N0} / {Format.Bytes(p.DataWriteBytes)}"),
        Cell($"{p.MetadataReadOperations:N0} / {p.MetadataWriteOperations:N0}"),
    ];

    private static bool Changed(MetricsPeriod previous, MetricsPeriod current) =>
        previous.PendingExports != current.PendingExports || previous.LostAndFoundFiles != current.LostAndFoundFiles
        || previous.ExportFailures != current.ExportFailures || previous.ImportFailures != current.ImportFailures
        || previous.ExportAge != current.ExportAge || previous.ImportAge != current.ImportAge
        || (current.StorageBytes is not null && previous.StorageBytes != current.StorageBytes)
        || previous.DataReadOperations != current.DataReadOperations || previous.DataWriteOperations != current.DataWriteOperations
        || previous.MetadataReadOperations != current.MetadataReadOperations || previous.MetadataWriteOperations != current.MetadataWriteOperations;

    private static void RenderAlarms(IAnsiConsole console, RunReport report)
    {
        var table = Titled("Alarms (the recommended S3 Files alarms)", "Alarm", "Condition", "State at\nthe end", "Changed state at");
        foreach (var alarm in report.Alarms)
        {
            var changes = report.AlarmTransitions.Where(t => t.AlarmName == alarm.AlarmName).Select(t => $"{Format.Seconds(t.VirtualSeconds)}: {t.OldState} → {t.NewState}").ToList();
            table.AddRow(
                Cell(alarm.AlarmName),
                Cell(string.Create(CultureInfo.InvariantCulture, $"{alarm.MetricName} {Comparison(alarm.Comparison)} {alarm.Threshold} for {Format.Count(alarm.EvaluationPeriods, "period")}")),
                Cell(alarm.State),
                changes.Count == 0 ? Cell("never") : CellLines([.. changes.Take(MaxRows), .. changes.Count > MaxRows ? [$"… {changes.Count - MaxRows:N0} more"] : Array.Empty<string>()]));
        }

        console.Write(table);
    }

    private static string Comparison(string comparison) => comparison switch
    {
        "GreaterThanThreshold" => ">",
        "GreaterThanOrEqualToThreshold" => ">=",
        "LessThanThreshold" => "<",
        "LessThanOrEqualToThreshold" => "<=",
        _ => comparison,
    };

    private static void RenderTimeline(IAnsiConsole console, TimelineReport timeline, bool wide)
    {
        var events = timeline.Events ?? [];
        var table = wide
            ? Titled($"Sync timeline ({timeline.Selection})", "t", "Event", "Path (or key)", "Version", "Reason / error")
            : Titled($"Sync timeline ({timeline.Selection})", "t", "Event", "Path (or key)", "Reason / error");
        foreach (var e in events.Take(MaxTimelineRows))
        {
            var version = e.VersionId is { Length: > 8 } id ? id[..8] + "…" : e.VersionId ?? string.Empty;
            var cells = new List<Text> { Cell(Format.Seconds(e.VirtualSeconds)), Cell(e.Kind), Cell(e.Path ?? e.Key ?? string.Empty) };
            if (wide)
            {
                cells.Add(Cell(version));
            }

            cells.Add(Cell(e.ErrorCode ?? e.Reason ?? string.Empty));
            table.AddRow(cells);
        }

        More(table, events.Count - Math.Min(events.Count, MaxTimelineRows), wide ? 5 : 4);
        Caption(table, string.Create(CultureInfo.InvariantCulture, $"{Format.Count(events.Count, "event")} selected of the {timeline.TotalEvents:N0} recorded ({timeline.DroppedEvents:N0} dropped by the timeline's bound); every selected event is in --json."));
        console.Write(table);
    }

    private static void RenderLatency(IAnsiConsole console, IReadOnlyList<LatencyRow> rows, bool wide)
    {
        const string title = "Modelled latency per operation in ms (reported, never waited for)";
        if (wide)
        {
            var table = Titled(title, "Operation", "Count", "p50", "p90", "p99", "max", "Published figure (source)");
            foreach (var row in rows)
            {
                table.AddRow(Cell(row.Operation), Cell(row.Count.ToString("N0", CultureInfo.InvariantCulture)), Cell(Milliseconds(row.P50Milliseconds)), Cell(Milliseconds(row.P90Milliseconds)), Cell(Milliseconds(row.P99Milliseconds)), Cell(Milliseconds(row.MaxMilliseconds)), Cell(row.PublishedFigure));
            }

            console.Write(table);
            return;
        }

        var numbers = Titled(title, "Operation", "Count", "p50", "p90", "p99", "max");
        var figures = Titled("The published figure each modelled latency is calibrated to (source)", "Operation", "Published figure (source)");
        foreach (var row in rows)
        {
            numbers.AddRow(Cell(row.Operation), Cell(row.Count.ToString("N0", CultureInfo.InvariantCulture)), Cell(Milliseconds(row.P50Milliseconds)), Cell(Milliseconds(row.P90Milliseconds)), Cell(Milliseconds(row.P99Milliseconds)), Cell(Milliseconds(row.MaxMilliseconds)));
            figures.AddRow(Cell(row.Operation), Cell(row.PublishedFigure));
        }

        console.Write(numbers);
        console.Write(figures);
    }

    private static string Milliseconds(double milliseconds) => milliseconds.ToString("0.###", CultureInfo.InvariantCulture);

    private static void RenderReadTiers(IAnsiConsole console, ReadPath.ReadTierStatistics tiers)
    {
        var table = Titled("Reads by tier", "Tier", "Requests", "Bytes");
        table.AddRow(Cell("High-performance storage"), Cell(tiers.HotTierReads), Cell(Format.Bytes(tiers.HotTierBytes)));
        table.AddRow(Cell("Bucket direct (large reads of exported data)"), Cell(tiers.BucketDirectReads), Cell(Format.Bytes(tiers.BucketDirectBytes)));
        table.AddRow(Cell("Bucket, not resident (imported when a rule selects it)"), Cell(tiers.BucketThenImportReads), Cell(Format.Bytes(tiers.BucketThenImportBytes)));
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
        table.AddRow(Cell("Writes / deletes by another S3 client"), Cell($"{sync.OtherClientWrites:N0} / {sync.OtherClientDeletes:N0}"));
        table.AddRow(Cell("PendingExports"), Cell(sync.PendingExports));
        table.AddRow(Cell("ExportFailures"), Cell(sync.ExportFailures));
        table.AddRow(Cell("ImportFailures"), Cell(sync.ImportFailures));
        table.AddRow(Cell("LostAndFoundFiles"), Cell(sync.LostAndFoundFiles));
        table.AddRow(Cell("StorageBytes (high-performance)"), Cell(Format.Bytes(sync.StorageBytes)));
        table.AddRow(Cell("Inodes"), Cell(sync.Inodes));
        table.AddRow(Cell("Bucket objects"), Cell(sync.BucketObjects));
        table.AddRow(Cell("Timeline events (by kind)"), CellLines(timeline.CountsByKind.Where(c => c.Value > 0).Select(c => $"{c.Key} {c.Value:N0}")));
        table.Caption("EventDelivery: bucket change events delivered to the file system, for another client's writes and deletes and for the file system's own exports; the loaded tree is the bucket's existing content and raises none.");
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
        table.Caption(string.Create(CultureInfo.InvariantCulture, $"Metered over {Format.Seconds(cost.MeteredSeconds)} of virtual time."));
        console.Write(table);
        var steady = cost.SteadyState;
        console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"This run's work: {cost.OneOff:0.######} USD, once (the first import of what it touched, its first reads, the job's operations and exports); it recurs only when the job runs again."));
        var s3 = steady.S3Bytes is { } s3Bytes ? $"{Format.Bytes(s3Bytes)} in S3 Standard (every version): {steady.S3Monthly:0.##########} USD every month" : "S3 storage: billed by S3, not known here";
        console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Storage it leaves, per 30-day month: {Format.Bytes(steady.HighPerformanceBytes)} billable on high-performance storage: {steady.HighPerformanceFirstMonth:0.##########} USD in the first month, then nothing once it expires; {s3}. First month {steady.FirstMonth:0.##########} USD; after expiration {steady.AfterExpiration:0.##########} USD a month."));
        console.WriteLine("Assumes: " + string.Join("; ", cost.Assumptions) + ".");
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

    private static void Caption(Table table, string? caption)
    {
        if (caption is not null)
        {
            table.Caption(Markup.Escape(caption));
        }
    }

    /// <summary>Adds the "… N more" row of a bounded table.</summary>
    private static void More(Table table, int more, int columns)
    {
        if (more > 0)
        {
            table.AddRow([Cell($"… {more:N0} more (all in --json)"), .. Enumerable.Repeat(Cell(string.Empty), columns - 1)]);
        }
    }

    private static Text Cell(object value) => new(Format.Escape(value switch
    {
        int number => number.ToString("N0", CultureInfo.InvariantCulture),
        long number => number.ToString("N0", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty,
    }));

    private static Text CellLines(IEnumerable<string> lines) => new(string.Join('\n', lines.Select(Format.Escape)));

    private static Text Lines(IReadOnlyList<string> paths)
    {
        if (paths.Count == 0)
        {
            return new Text("(none)");
        }

        var shown = paths.Take(MaxRows).Select(Format.Escape).ToList();
        if (paths.Count > MaxRows)
        {
            shown.Add($"… {paths.Count - MaxRows:N0} more");
        }

        return new Text(string.Join('\n', shown));
    }
}
