using System.Globalization;
using Spectre.Console;

namespace S3FilesSim.Cli.Planning;

/// <summary>The plan in the terminal: the answer first, then the assumptions, the size histogram with the tiers, the
/// cost per option as bar charts, the size classes, the break-even curve, the sampling and the prices with their sources.</summary>
internal static class PlanRenderer
{
    /// <summary>Writes <paramref name="plan"/> to <paramref name="console"/>.</summary>
    public static void Render(IAnsiConsole console, PlanResult plan)
    {
        var steady = plan.SteadyStateMonthlyUsd;
        var first = plan.FirstMonthUsd;
        console.Write(new Rule("[bold]s3files-sim plan[/]").LeftJustified());
        var d = plan.Dataset;
        console.MarkupLineInterpolated($"Dataset: [bold]{d.Files:N0}[/] files, [bold]{PlanFormat.Bytes(d.Bytes)}[/] in {d.Directories:N0} directories (median file {PlanFormat.Bytes(d.MedianFileBytes)}), from {d.Source}.");
        if (d.HiddenObjects > 0 || d.DirectoryMarkers > 0)
        {
            console.MarkupLineInterpolated($"  {d.HiddenObjects:N0} objects S3 Files cannot show as files ({PlanFormat.Bytes(d.HiddenBytes)}, counted in S3 storage only) and {d.DirectoryMarkers:N0} directory markers.");
        }

        if (d.InputProblems > 0)
        {
            console.MarkupLineInterpolated($"  [yellow]{d.InputProblems:N0} input lines skipped[/] (see below).");
        }

        var ratio = steady.S3Files > 0 ? steady.EfsStandard / steady.S3Files : 0;
        console.WriteLine();
        console.MarkupLineInterpolated($"[bold]Steady state, per month:[/] S3 Files [bold green]{PlanFormat.Usd(steady.S3Files)}[/] (± {PlanFormat.Usd(1.96m * plan.Sampling.SteadyStateStandardErrorUsd)} sampling, 95 %), EFS Standard [bold]{PlanFormat.Usd(steady.EfsStandard)}[/], S3 Standard [bold]{PlanFormat.Usd(steady.S3Standard)}[/].");
        console.MarkupLineInterpolated($"[bold]First month[/] (one-off imports and migration): S3 Files {PlanFormat.Usd(first.S3Files)}, EFS Standard {PlanFormat.Usd(first.EfsStandard)}, S3 Standard {PlanFormat.Usd(first.S3Standard)}.");
        if (ratio > 0)
        {
            console.MarkupLine(ratio >= 1
                ? $"S3 Files is [bold]{ratio.ToString("0.#", CultureInfo.InvariantCulture)}x cheaper[/] than EFS Standard at steady state."
                : $"S3 Files costs [bold]{(1 / ratio).ToString("0.#", CultureInfo.InvariantCulture)}x more[/] than EFS Standard at steady state.");
        }

        console.MarkupLine(plan.BreakEvenWorkingSetFraction is { } breakEven
            ? $"Break-even with EFS Standard at a working set of about [bold]{(breakEven * 100).ToString("0.#", CultureInfo.InvariantCulture)} %[/] of the dataset."
            : "S3 Files stays cheaper than EFS Standard as the working set grows to the whole dataset.");
        console.WriteLine();
        RenderAssumptions(console, plan.Assumptions);
        RenderHistogram(console, plan.Histogram);
        RenderBars(console, "Steady-state month by option", plan.SteadyState);
        RenderBars(console, "First month by option", plan.FirstMonth);
        RenderLines(console, plan.SteadyState[0]);
        RenderClasses(console, plan.SizeClasses);
        RenderBreakEven(console, plan.BreakEven);
        RenderSampling(console, plan.Sampling);
        RenderPrices(console, plan.Prices, plan.Assumptions);
        if (d.FirstProblems.Count > 0)
        {
            console.MarkupLine("[bold]Skipped input[/] (line: problem):");
            foreach (var problem in d.FirstProblems.Take(10))
            {
                console.MarkupLineInterpolated($"  {problem.Line}: {problem.Message}");
            }
        }
    }

    private static void RenderAssumptions(IAnsiConsole console, AssumptionsReport a)
    {
        var table = new Table().Title("[bold]Workload and configuration (defaults included)[/]").AddColumn("Setting").AddColumn("Value");
        table.AddRow("Workload from", Markup.Escape(a.WorkloadOrigin));
        table.AddRow("Working set", Markup.Escape($"{a.WorkingSet}, {a.WorkingSetFiles} files first: {a.WorkingSetFileCount:N0} files, {PlanFormat.Bytes(a.WorkingSetBytes)}"));
        table.AddRow("Reads a day", Markup.Escape($"{a.ReadsPerDay:0.####} full reads of each working-set file"));
        table.AddRow("Rewrites a day", Markup.Escape($"{a.WritesPerDay:0.####} full rewrites of each working-set file"));
        table.AddRow("New data a day", Markup.Escape(PlanFormat.Bytes(a.NewBytesPerDay)));
        table.AddRow("Renames a day", Markup.Escape($"{a.RenamesPerDay * 100:0.###} % of the working-set files"));
        table.AddRow("Clients", a.Clients.ToString(CultureInfo.InvariantCulture));
        table.AddRow("Import rules", Markup.Escape(string.Join("; ", a.ImportRules)));
        table.AddRow("Expiration", $"{a.DaysAfterLastAccess} days after last access");
        table.AddRow("Direct-read threshold", Markup.Escape(PlanFormat.Bytes(a.DirectReadThreshold)));
        table.AddRow("Simulated", $"{a.SimulatedDays} days on the virtual clock (first month = days 0-30, steady state = days {a.SimulatedDays - 30}-{a.SimulatedDays})");
        table.AddRow("Prices", Markup.Escape($"{a.PriceRegion}, as of {a.PriceDate} (sources below)"));
        console.Write(table);
    }

    private static void RenderHistogram(IAnsiConsole console, IReadOnlyList<HistogramBin> bins)
    {
        var chart = new BarChart().Label("[bold]Files by size[/] (tiers: imported on first access / read from S3 Files storage / read straight from S3)").Width(Math.Min(100, console.Profile.Width));
        var colors = new Dictionary<string, Color>();
        Color[] palette = [Color.Green, Color.Yellow, Color.Blue];
        foreach (var bin in bins.Where(b => b.Files > 0))
        {
            if (!colors.TryGetValue(bin.Tier, out var color))
            {
                color = palette[colors.Count % palette.Length];
                colors.Add(bin.Tier, color);
            }

            chart.AddItem(Markup.Escape($"{PlanFormat.Bytes(bin.FromBytes)}-{PlanFormat.Bytes(bin.ToBytes)}"), bin.Files, color);
        }

        console.Write(chart);
        console.MarkupLine(string.Join("  ", colors.Select(pair => $"[{pair.Value.ToMarkup()}]■[/] {Markup.Escape(pair.Key)}")));
        console.WriteLine();
    }

    private static void RenderBars(IAnsiConsole console, string title, IReadOnlyList<OptionCost> options)
    {
        var chart = new BarChart().Label($"[bold]{Markup.Escape(title)}[/] (USD)").Width(Math.Min(100, console.Profile.Width));
        foreach (var option in options)
        {
            chart.AddItem(Markup.Escape(option.Option), (double)Math.Round(option.Total, 2), option.Option == PlanEngine.S3Files ? Color.Green : option.Option.StartsWith("EFS", StringComparison.Ordinal) ? Color.Orange1 : Color.Blue);
        }

        console.Write(chart);
        console.WriteLine();
    }

    private static void RenderLines(IAnsiConsole console, OptionCost option)
    {
        var table = new Table().Title($"[bold]{Markup.Escape(option.Option)}, steady-state month, line by line[/]").AddColumn("Item").AddColumn("Quantity", c => c.RightAligned()).AddColumn("Unit").AddColumn("Unit price", c => c.RightAligned()).AddColumn("Amount", c => c.RightAligned());
        foreach (var line in option.Lines)
        {
            table.AddRow(Markup.Escape(line.Item), line.Quantity.ToString("#,0.######", CultureInfo.InvariantCulture), line.Unit, line.UnitPrice.ToString("0.######", CultureInfo.InvariantCulture), Markup.Escape(PlanFormat.Usd(line.Amount)));
        }

        table.AddRow("[bold]Total[/]", string.Empty, string.Empty, string.Empty, $"[bold]{Markup.Escape(PlanFormat.Usd(option.Total))}[/]");
        console.Write(table);
    }

    private static void RenderClasses(IAnsiConsole console, IReadOnlyList<SizeClassCost> classes)
    {
        var table = new Table().Title("[bold]What drives the S3 Files bill (steady-state month, by size class)[/]")
            .AddColumn("Size class").AddColumn("Files", c => c.RightAligned()).AddColumn("Bytes", c => c.RightAligned()).AddColumn("Working set", c => c.RightAligned())
            .AddColumn("HP storage", c => c.RightAligned()).AddColumn("Access", c => c.RightAligned()).AddColumn("S3", c => c.RightAligned()).AddColumn("Total", c => c.RightAligned());
        foreach (var c in classes)
        {
            table.AddRow(Markup.Escape(c.SizeClass), c.Files.ToString("N0", CultureInfo.InvariantCulture), PlanFormat.Bytes(c.Bytes), $"{c.WorkingSetFiles:N0} / {PlanFormat.Bytes(c.WorkingSetBytes)}", Markup.Escape(PlanFormat.Usd(c.HighPerformanceStorageUsd)), Markup.Escape(PlanFormat.Usd(c.AccessUsd)), Markup.Escape(PlanFormat.Usd(c.S3Usd)), Markup.Escape(PlanFormat.Usd(c.SteadyStateMonthlyUsd)));
        }

        console.Write(table);
    }

    private static void RenderBreakEven(IAnsiConsole console, IReadOnlyList<BreakEvenPoint> points)
    {
        var table = new Table().Title("[bold]As the working set grows (steady-state month)[/]").AddColumn("Working set", c => c.RightAligned()).AddColumn("S3 Files", c => c.RightAligned()).AddColumn("EFS Standard", c => c.RightAligned()).AddColumn("S3 Standard", c => c.RightAligned());
        foreach (var p in points)
        {
            table.AddRow($"{p.WorkingSetFraction * 100:0.##} % ({PlanFormat.Bytes(p.WorkingSetBytes)})", Markup.Escape(PlanFormat.Usd(p.S3Files)), Markup.Escape(PlanFormat.Usd(p.EfsStandard)), Markup.Escape(PlanFormat.Usd(p.S3Standard)));
        }

        console.Write(table);
    }

    private static void RenderSampling(IAnsiConsole console, SamplingReport s)
    {
        console.MarkupLineInterpolated($"[bold]Method:[/] {s.Method}.");
        console.MarkupLineInterpolated($"Simulated {s.SimulatedFiles:N0} of {s.DatasetFiles:N0} files; steady-state standard error {PlanFormat.Usd(s.SteadyStateStandardErrorUsd)}, first month {PlanFormat.Usd(s.FirstMonthStandardErrorUsd)}.");
        var table = new Table().AddColumn("Stratum").AddColumn("Files", c => c.RightAligned()).AddColumn("Simulated", c => c.RightAligned()).AddColumn("Steady month", c => c.RightAligned()).AddColumn("Std. error", c => c.RightAligned());
        foreach (var stratum in s.Strata)
        {
            table.AddRow(Markup.Escape(stratum.Name), stratum.Files.ToString("N0", CultureInfo.InvariantCulture), stratum.SimulatedFiles.ToString("N0", CultureInfo.InvariantCulture), Markup.Escape(PlanFormat.Usd(stratum.SteadyStateMonthlyUsd)), Markup.Escape(PlanFormat.Usd(stratum.StandardErrorUsd)));
        }

        console.Write(table);
    }

    private static void RenderPrices(IAnsiConsole console, IReadOnlyList<PriceReport> prices, AssumptionsReport assumptions)
    {
        console.MarkupLineInterpolated($"[bold]Prices[/] ({assumptions.PriceRegion}, as of {assumptions.PriceDate}):");
        foreach (var group in prices.GroupBy(p => p.Source))
        {
            console.MarkupLineInterpolated($"  {string.Join(", ", group.Select(p => $"{p.Option} {p.Item} ${p.Price.ToString("0.######", CultureInfo.InvariantCulture)}/{p.Unit}"))}");
            console.MarkupLineInterpolated($"    source: {group.Key}");
        }

        foreach (var note in assumptions.Notes)
        {
            console.MarkupLineInterpolated($"  [dim]{note}[/]");
        }
    }
}
