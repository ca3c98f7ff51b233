using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace S3FilesSim.Cli.Planning;

/// <summary>The plan's files: <c>--json</c> (the whole <see cref="PlanResult"/>) and <c>--html</c> (a self-contained
/// page with the same charts as SVG drawn by ScottPlot, and the JSON behind it).</summary>
internal static class PlanOutputs
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter() },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>Serializes the plan.</summary>
    public static string Json(PlanResult plan) => JsonSerializer.Serialize(plan, JsonOptions);

    /// <summary>Writes <paramref name="text"/> to <paramref name="path"/>.</summary>
    /// <exception cref="CliException">The file cannot be written.</exception>
    public static async Task WriteAsync(string path, string text, CancellationToken cancellationToken)
    {
        try
        {
            await File.WriteAllTextAsync(path, text, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"cannot write '{path}': {exception.Message}");
        }
    }

    /// <summary>The HTML report: headline, charts (size histogram with the tier boundaries, cost per option for both months, break-even curve), tables and the JSON.</summary>
    public static string Html(PlanResult plan)
    {
        var s = plan.SteadyStateMonthlyUsd;
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>s3files-sim plan</title><style>")
            .Append("body{font-family:system-ui,sans-serif;max-width:1000px;margin:2em auto;color:#222}table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}td:first-child,th:first-child{text-align:left}pre{background:#f6f6f6;padding:1em;overflow:auto;max-height:30em}svg{max-width:100%;height:auto}")
            .Append("</style></head><body><h1>What S3 Files will cost</h1>");
        html.Append(CultureInfo.InvariantCulture, $"<p>{E(plan.Dataset.Source)}: {plan.Dataset.Files:N0} files, {E(PlanFormat.Bytes(plan.Dataset.Bytes))}.</p>");
        html.Append(CultureInfo.InvariantCulture, $"<p><strong>Steady state, per month:</strong> S3 Files {E(PlanFormat.Usd(s.S3Files))} (± {E(PlanFormat.Usd(1.96m * plan.Sampling.SteadyStateStandardErrorUsd))}, 95 %), EFS Standard {E(PlanFormat.Usd(s.EfsStandard))}, S3 Standard {E(PlanFormat.Usd(s.S3Standard))}. ");
        html.Append(CultureInfo.InvariantCulture, $"<strong>First month:</strong> S3 Files {E(PlanFormat.Usd(plan.FirstMonthUsd.S3Files))}, EFS Standard {E(PlanFormat.Usd(plan.FirstMonthUsd.EfsStandard))}, S3 Standard {E(PlanFormat.Usd(plan.FirstMonthUsd.S3Standard))}.</p>");
        html.Append("<h2>Files by size</h2>").Append(HistogramSvg(plan));
        html.Append("<h2>Cost per option</h2>").Append(OptionsSvg(plan));
        html.Append("<h2>As the working set grows</h2>").Append(BreakEvenSvg(plan));
        html.Append("<h2>S3 Files, steady-state month</h2><table><tr><th>Item</th><th>Quantity</th><th>Unit</th><th>Unit price</th><th>Amount</th></tr>");
        foreach (var line in plan.SteadyState[0].Lines)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(line.Item)}</td><td>{line.Quantity:#,0.######}</td><td>{E(line.Unit)}</td><td>{line.UnitPrice:0.######}</td><td>{E(PlanFormat.Usd(line.Amount))}</td></tr>");
        }

        html.Append("</table><h2>By size class</h2><table><tr><th>Size class</th><th>Files</th><th>Bytes</th><th>HP storage</th><th>Access</th><th>S3</th><th>Total</th></tr>");
        foreach (var c in plan.SizeClasses)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(c.SizeClass)}</td><td>{c.Files:N0}</td><td>{E(PlanFormat.Bytes(c.Bytes))}</td><td>{E(PlanFormat.Usd(c.HighPerformanceStorageUsd))}</td><td>{E(PlanFormat.Usd(c.AccessUsd))}</td><td>{E(PlanFormat.Usd(c.S3Usd))}</td><td>{E(PlanFormat.Usd(c.SteadyStateMonthlyUsd))}</td></tr>");
        }

        html.Append("</table><h2>Method</h2>").Append(CultureInfo.InvariantCulture, $"<p>{E(plan.Sampling.Method)}.</p><ul>");
        foreach (var note in plan.Assumptions.Notes)
        {
            html.Append(CultureInfo.InvariantCulture, $"<li>{E(note)}</li>");
        }

        html.Append("</ul><h2>Prices</h2><table><tr><th>Option</th><th>Item</th><th>Price</th><th>Unit</th><th>Source</th></tr>");
        foreach (var price in plan.Prices)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(price.Option)}</td><td>{E(price.Item)}</td><td>{price.Price:0.######}</td><td>{E(price.Unit)}</td><td style=\"text-align:left\">{E(price.Source)}</td></tr>");
        }

        html.Append("</table><h2>The JSON behind it</h2><pre>").Append(E(Json(plan))).Append("</pre></body></html>");
        return html.ToString();
    }

    private static string HistogramSvg(PlanResult plan)
    {
        var plot = new ScottPlot.Plot();
        var bins = plan.Histogram;
        var bars = bins.Select((bin, i) => new ScottPlot.Bar { Position = i, Value = bin.Files, FillColor = TierColor(bin.Tier, plan) }).ToList();
        plot.Add.Bars(bars);
        plot.Axes.Bottom.SetTicks([.. Enumerable.Range(0, bins.Count).Select(i => (double)i)], [.. bins.Select(b => PlanFormat.Bytes(b.FromBytes))]);
        plot.Axes.Bottom.TickLabelStyle.Rotation = 45;
        plot.Axes.Bottom.TickLabelStyle.Alignment = ScottPlot.Alignment.MiddleLeft;
        for (var i = 1; i < bins.Count; i++)
        {
            if (bins[i].Tier != bins[i - 1].Tier)
            {
                var line = plot.Add.VerticalLine(i - 0.5);
                line.LineColor = ScottPlot.Colors.Black;
                line.LinePattern = ScottPlot.LinePattern.Dashed;
                line.Text = PlanFormat.Bytes(bins[i].FromBytes);
            }
        }

        plot.YLabel("Files");
        plot.Title("Files by size (dashed: the import and direct-read tiers)");
        return plot.GetSvgXml(900, 400);
    }

    private static string OptionsSvg(PlanResult plan)
    {
        var plot = new ScottPlot.Plot();
        var names = plan.SteadyState.Select(o => o.Option).ToList();
        var bars = new List<ScottPlot.Bar>();
        for (var i = 0; i < names.Count; i++)
        {
            bars.Add(new ScottPlot.Bar { Position = (i * 3) + 0, Value = (double)plan.FirstMonth[i].Total, FillColor = ScottPlot.Colors.LightGray });
            bars.Add(new ScottPlot.Bar { Position = (i * 3) + 1, Value = (double)plan.SteadyState[i].Total, FillColor = i == 0 ? ScottPlot.Colors.SeaGreen : ScottPlot.Colors.DarkOrange });
        }

        plot.Add.Bars(bars);
        plot.Axes.Bottom.SetTicks([.. Enumerable.Range(0, names.Count).Select(i => (i * 3) + 0.5)], [.. names]);
        plot.YLabel("USD per month");
        plot.Title("First month (grey) and steady-state month, per option");
        return plot.GetSvgXml(900, 400);
    }

    private static string BreakEvenSvg(PlanResult plan)
    {
        var plot = new ScottPlot.Plot();
        var x = plan.BreakEven.Select(p => p.WorkingSetFraction * 100).ToArray();
        var files = plot.Add.Scatter(x, [.. plan.BreakEven.Select(p => (double)p.S3Files)]);
        files.LegendText = "S3 Files";
        var efs = plot.Add.Scatter(x, [.. plan.BreakEven.Select(p => (double)p.EfsStandard)]);
        efs.LegendText = "EFS Standard";
        var s3 = plot.Add.Scatter(x, [.. plan.BreakEven.Select(p => (double)p.S3Standard)]);
        s3.LegendText = "S3 Standard";
        plot.ShowLegend();
        plot.XLabel("Working set (% of the dataset's bytes)");
        plot.YLabel("USD per month (steady state)");
        plot.Title(plan.BreakEvenWorkingSetFraction is { } f ? $"Break-even at about {f * 100:0.#} %" : "S3 Files stays cheaper than EFS Standard");
        return plot.GetSvgXml(900, 400);
    }

    private static ScottPlot.Color TierColor(string tier, PlanResult plan) =>
        tier == plan.SizeClasses[0].SizeClass ? ScottPlot.Colors.SeaGreen : tier == plan.SizeClasses[1].SizeClass ? ScottPlot.Colors.Orange : ScottPlot.Colors.SteelBlue;

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
