using System.Diagnostics;
using S3FilesSim.Cost;

namespace S3FilesSim.Cli.Planning;

/// <summary>
/// Makes a plan: chooses the working set, samples the dataset into strata, drives the workload through the simulator
/// on the virtual clock and meters it with the library's cost meter, then prices the same dataset and workload on EFS
/// and plain S3, and draws the break-even curve.
/// </summary>
internal static class PlanEngine
{
    /// <summary>The S3 Files option name.</summary>
    public const string S3Files = "S3 Files";

    /// <summary>Plans <paramref name="dataset"/>.</summary>
    public static async Task<PlanResult> RunAsync(Dataset dataset, PlanSettings settings, PlanPrices prices, CancellationToken cancellationToken)
    {
        var wall = Stopwatch.StartNew();
        var workload = settings.Workload;
        var days = settings.SimulatedDays;
        var classes = new SizeClasses(Math.Min(settings.SizeLessThan, settings.DirectReadThreshold), Math.Max(settings.SizeLessThan, settings.DirectReadThreshold));
        var workingSet = WorkingSet.Select(dataset, workload, settings.Seed);
        var schedule = new WorkloadSchedule(workload, settings.Seed, days);
        var tree = new DirectoryTree(dataset);
        var firstAccess = DirectoryFirstAccess(dataset, workingSet, tree, schedule);
        var (cells, stratumFiles, stratumSimulated) = PlanSampler.Sample(dataset, workingSet, classes, settings, schedule);
        var calibration = CalibrationCells(dataset, workingSet, classes, settings, cells);
        var all = cells.Concat(calibration).ToList();
        await new PlanSimulation(settings, dataset, tree, schedule, firstAccess).RunAsync(all, prices, cancellationToken).ConfigureAwait(false);

        var windows = new[] { (From: 0.0, To: 30.0), (From: days - 30.0, To: (double)days) };
        var directoryCosts = windows.Select(w => DirectoryCosts(tree, firstAccess, prices.Table, w.From, w.To)).ToArray();
        var s3Files = new OptionCost[2];
        var standardErrors = new decimal[2];
        var strata = new List<StratumReport>();
        for (var w = 0; w < 2; w++)
        {
            var (lines, total, error, perStratum) = Estimate(cells, w, prices.Table, directoryCosts[w]);
            s3Files[w] = new OptionCost(S3Files, total, lines, S3FilesAssumptions);
            standardErrors[w] = error;
            if (w == 1)
            {
                foreach (var (stratum, amount, stratumError) in perStratum)
                {
                    strata.Add(new StratumReport(StratumName(stratum, classes), stratumFiles[stratum], stratumSimulated[stratum], stratumFiles[stratum] == 0 ? 0 : (double)stratumSimulated[stratum] / stratumFiles[stratum], amount, stratumError));
                }
            }
        }

        var alternatives = new Alternatives(dataset, workingSet, schedule, prices, tree.Count, workload.NewBytesPerDay);
        var steady = new List<OptionCost> { s3Files[1] };
        steady.AddRange(alternatives.Month(windows[1].From, windows[1].To, first: false));
        var first = new List<OptionCost> { s3Files[0] };
        first.AddRange(alternatives.Month(0, 30, first: true));
        var sampled = strata.Any(s => s.SimulatedFiles < s.Files) || cells.Any(c => c.Stratum == PlanSimulation.NewDataStratum && c.Weight != 1);
        var sizeClasses = SizeClassCosts(dataset, workingSet, classes, cells);
        var breakEven = BreakEven(dataset, workingSet, classes, cells, calibration, alternatives, prices, windows[1], directoryCosts[1].Total, settings);
        return new PlanResult
        {
            SteadyStateMonthlyUsd = Totals(steady),
            FirstMonthUsd = Totals(first),
            SteadyState = steady,
            FirstMonth = first,
            SizeClasses = sizeClasses,
            Histogram = Histogram(dataset, classes),
            BreakEven = breakEven.Points,
            BreakEvenWorkingSetFraction = breakEven.Fraction,
            Sampling = new SamplingReport(
                sampled,
                sampled
                    ? $"stratified by size class and working set; a stratum over its share of the budgets ({settings.SampleFiles:N0} files, {PlanFormat.Bytes(settings.SampleBytes)} held or hashed, {settings.SampleReads:N0} read requests) is a simple random sample without replacement (System.Random seeded {settings.Seed}) split round-robin into {settings.Groups} groups, each its own file system; a stratum's total is the mean of the groups' totals scaled by files (new data: by bytes), its standard error the groups' standard deviation / sqrt({settings.Groups}); per-directory listing costs are computed from the whole directory tree"
                    : "every file simulated, one file system per stratum; per-directory listing costs computed from the whole directory tree",
                settings.Seed,
                sampled ? settings.Groups : 1,
                stratumSimulated.Sum(),
                dataset.Count,
                strata,
                standardErrors[1],
                standardErrors[0]),
            Dataset = DatasetReport(dataset, tree),
            Assumptions = Assumptions(settings, workingSet, prices),
            Prices = PriceList(prices),
            WallMilliseconds = wall.Elapsed.TotalMilliseconds,
        };
    }

    private const string S3FilesAssumptions = "simulated: high-performance storage from residency over time (10 KiB minimum a file), reads and writes with their 32 KiB minimum and 4 KiB metadata operations, imports, exports, S3 requests made on your behalf and S3 Standard storage of every object version (the bucket must be versioned)";

    private static OptionTotals Totals(List<OptionCost> options) =>
        new(options.First(o => o.Option == S3Files).Total, options.First(o => o.Option == Alternatives.EfsStandard).Total, options.First(o => o.Option == Alternatives.S3Standard).Total);

    /// <summary>The first access of each directory: the earliest first operation of a working-set file under it (+∞ when none); the root at 0 (listed at mount).</summary>
    private static double[] DirectoryFirstAccess(Dataset dataset, WorkingSet workingSet, DirectoryTree tree, WorkloadSchedule schedule)
    {
        var first = new double[tree.Count];
        Array.Fill(first, double.PositiveInfinity);
        first[0] = 0;
        for (var i = 0; i < workingSet.Files; i++)
        {
            var file = workingSet.Order[i];
            var time = schedule.FirstOperation(file);
            for (var node = tree.DatasetDirectoryNode[dataset.DirectoryOf(file)]; node > 0 && time < first[node]; node = tree.Parents[node])
            {
                first[node] = time;
            }
        }

        return first;
    }

    /// <summary>The per-directory costs of the real tree's first accesses in a window: ListObjectsV2 pages (1,000 entries each) and, per subdirectory, the HEAD of its marker and a 4 KiB metadata import write.</summary>
    private static (decimal List, decimal Head, decimal Import, decimal Total) DirectoryCosts(DirectoryTree tree, double[] firstAccess, PriceTable prices, double from, double to)
    {
        long pages = 0, subdirectories = 0;
        for (var node = 0; node < tree.Count; node++)
        {
            if (firstAccess[node] >= from && firstAccess[node] < to)
            {
                pages += Math.Max(1, (tree.Files[node] + tree.Subdirectories[node] + 999) / 1000);
                subdirectories += tree.Subdirectories[node];
            }
        }

        var list = pages * prices.S3PutCopyPostListPer1000 / 1000;
        var head = subdirectories * prices.S3GetHeadPer1000 / 1000;
        var import = (decimal)subdirectories * prices.MetadataOperationBytes / prices.BytesPerGB * prices.HighPerformanceWritePerGB;
        return (list, head, import, list + head + import);
    }

    /// <summary>The S3 Files estimate of one window: each cell's meter with its own listings replaced, scaled by its weight, summed per stratum; plus the real tree's listings.</summary>
    private static (List<PlanLine> Lines, decimal Total, decimal StandardError, List<(int Stratum, decimal Amount, decimal Error)> PerStratum) Estimate(
        List<PlanCell> cells, int window, PriceTable prices, (decimal List, decimal Head, decimal Import, decimal Total) directories)
    {
        var amounts = new decimal[11];
        decimal variance = 0;
        var perStratum = new List<(int, decimal, decimal)>();
        foreach (var stratum in cells.GroupBy(c => c.Stratum).OrderBy(g => g.Key))
        {
            var groupTotals = new List<decimal>();
            var groups = stratum.Count();
            decimal stratumTotal = 0;
            foreach (var cell in stratum)
            {
                var corrected = Corrected(cell, window, prices);
                decimal cellTotal = 0;
                for (var k = 0; k < 11; k++)
                {
                    var scaled = corrected[k] * cell.Weight;
                    amounts[k] += scaled;
                    cellTotal += scaled;
                }

                stratumTotal += cellTotal;
                groupTotals.Add(cellTotal * groups);
            }

            var error = 0m;
            if (groups > 1)
            {
                var mean = groupTotals.Average();
                var sd = Math.Sqrt((double)groupTotals.Sum(t => (t - mean) * (t - mean)) / (groups - 1));
                var se = (decimal)(sd / Math.Sqrt(groups));
                variance += se * se;
                error = se;
            }

            perStratum.Add((stratum.Key, stratumTotal, error));
        }

        amounts[(int)CostLineKind.S3PutCopyPostListRequests] += directories.List;
        amounts[(int)CostLineKind.S3GetHeadRequests] += directories.Head;
        amounts[(int)CostLineKind.ImportWrites] += directories.Import;
        var lines = new List<PlanLine>();
        foreach (var kind in Enum.GetValues<CostLineKind>())
        {
            var (unit, price) = UnitOf(kind, prices);
            var amount = amounts[(int)kind];
            lines.Add(new PlanLine(S3Files, LineName(kind), price == 0 ? 0 : amount / price, unit, price, amount));
        }

        return (lines, amounts.Sum(), (decimal)Math.Sqrt((double)variance), perStratum);
    }

    /// <summary>A cell's amounts of a window, without the costs of its own directory listings (pages, marker HEADs, directory import writes).</summary>
    private static decimal[] Corrected(PlanCell cell, int window, PriceTable prices)
    {
        var amounts = (decimal[])cell.Amounts[window].Clone();
        var pages = cell.Listings[window][0];
        var prefixes = cell.Listings[window][1];
        amounts[(int)CostLineKind.S3PutCopyPostListRequests] -= pages * prices.S3PutCopyPostListPer1000 / 1000;
        amounts[(int)CostLineKind.S3GetHeadRequests] -= prefixes * prices.S3GetHeadPer1000 / 1000;
        amounts[(int)CostLineKind.ImportWrites] -= (decimal)prefixes * prices.MetadataOperationBytes / prices.BytesPerGB * prices.HighPerformanceWritePerGB;
        return amounts;
    }

    private static (string Unit, decimal Price) UnitOf(CostLineKind kind, PriceTable prices) => kind switch
    {
        CostLineKind.HighPerformanceStorage => ("GB-Mo", prices.HighPerformanceStoragePerGBMonth),
        CostLineKind.DataReads or CostLineKind.MetadataReads or CostLineKind.ExportReads => ("GB", prices.HighPerformanceReadPerGB),
        CostLineKind.DataWrites or CostLineKind.MetadataWrites or CostLineKind.ImportWrites => ("GB", prices.HighPerformanceWritePerGB),
        CostLineKind.S3Storage => ("GB-Mo", prices.S3StandardStoragePerGBMonth),
        CostLineKind.S3PutCopyPostListRequests => ("1,000 requests", prices.S3PutCopyPostListPer1000),
        CostLineKind.S3GetHeadRequests => ("1,000 requests", prices.S3GetHeadPer1000),
        _ => ("1,000 requests", prices.S3DeletePer1000),
    };

    private static string LineName(CostLineKind kind) => kind switch
    {
        CostLineKind.HighPerformanceStorage => "High-performance storage",
        CostLineKind.DataReads => "File data reads",
        CostLineKind.MetadataReads => "Metadata reads",
        CostLineKind.ExportReads => "Export reads",
        CostLineKind.DataWrites => "File data writes",
        CostLineKind.MetadataWrites => "Metadata writes",
        CostLineKind.ImportWrites => "Import writes",
        CostLineKind.S3Storage => "S3 Standard storage (all versions)",
        CostLineKind.S3PutCopyPostListRequests => "S3 PUT, COPY, POST, LIST requests",
        CostLineKind.S3GetHeadRequests => "S3 GET, HEAD requests",
        _ => "S3 DELETE requests",
    };

    private static string StratumName(int stratum, SizeClasses classes) => stratum == PlanSimulation.NewDataStratum
        ? "new data"
        : $"{classes.Label(stratum / 2)}, {((stratum & 1) == 1 ? "working set" : "not in the working set")}";

    /// <summary>For each size class with no working-set file, a small cell of its files taken as working set: the per-byte cost the break-even curve needs when the working set grows into that class.</summary>
    private static List<PlanCell> CalibrationCells(Dataset dataset, WorkingSet workingSet, SizeClasses classes, PlanSettings settings, List<PlanCell> cells)
    {
        var result = new List<PlanCell>();
        for (var c = 0; c < SizeClasses.Count; c++)
        {
            if (cells.Any(cell => cell.Stratum == (c * 2) + 1))
            {
                continue;
            }

            var pool = new List<int>();
            var random = new Random(settings.Seed + c + 1);
            long seen = 0;
            for (var file = 0; file < dataset.Count; file++)
            {
                if (classes.Of(dataset.SizeOf(file)) != c || workingSet.Contains(file))
                {
                    continue;
                }

                seen++;
                if (pool.Count < 64)
                {
                    pool.Add(file);
                }
                else if (random.NextInt64(seen) < 64)
                {
                    pool[random.Next(64)] = file;
                }
            }

            if (pool.Count > 0)
            {
                result.Add(new PlanCell { Stratum = 100 + c, Group = 0, Files = [.. pool], Weight = 1, Active = true });
            }
        }

        return result;
    }

    private static List<SizeClassCost> SizeClassCosts(Dataset dataset, WorkingSet workingSet, SizeClasses classes, List<PlanCell> cells)
    {
        var files = new long[SizeClasses.Count];
        var bytes = new long[SizeClasses.Count];
        var wsFiles = new long[SizeClasses.Count];
        var wsBytes = new long[SizeClasses.Count];
        for (var file = 0; file < dataset.Count; file++)
        {
            var c = classes.Of(dataset.SizeOf(file));
            files[c]++;
            bytes[c] += dataset.SizeOf(file);
            if (workingSet.Contains(file))
            {
                wsFiles[c]++;
                wsBytes[c] += dataset.SizeOf(file);
            }
        }

        var result = new List<SizeClassCost>();
        for (var c = 0; c < SizeClasses.Count; c++)
        {
            decimal storage = 0, access = 0, s3 = 0;
            foreach (var stratum in cells.Where(cell => cell.Stratum / 2 == c && cell.Stratum < PlanSimulation.NewDataStratum).GroupBy(cell => cell.Stratum))
            {
                foreach (var cell in stratum)
                {
                    var scale = cell.Weight;
                    var a = cell.Amounts[1];
                    storage += a[(int)CostLineKind.HighPerformanceStorage] * scale;
                    access += (a[(int)CostLineKind.DataReads] + a[(int)CostLineKind.MetadataReads] + a[(int)CostLineKind.ExportReads] + a[(int)CostLineKind.DataWrites] + a[(int)CostLineKind.MetadataWrites] + a[(int)CostLineKind.ImportWrites]) * scale;
                    s3 += (a[(int)CostLineKind.S3Storage] + a[(int)CostLineKind.S3PutCopyPostListRequests] + a[(int)CostLineKind.S3GetHeadRequests] + a[(int)CostLineKind.S3DeleteRequests]) * scale;
                }
            }

            result.Add(new SizeClassCost(classes.Label(c), files[c], bytes[c], wsFiles[c], wsBytes[c], storage + access + s3, storage, access, s3));
        }

        return result;
    }

    /// <summary>
    /// The break-even curve: the steady-state month at working sets of 1 % to 100 % of the dataset (in the same
    /// selection order). S3 Files at another size is interpolated from the per-byte steady-state costs the simulation
    /// measured for each size class in and out of the working set (the simulated working set is exact); EFS and S3 are
    /// priced directly.
    /// </summary>
    private static (List<BreakEvenPoint> Points, double? Fraction) BreakEven(
        Dataset dataset, WorkingSet workingSet, SizeClasses classes, List<PlanCell> cells, List<PlanCell> calibration, Alternatives alternatives, PlanPrices prices, (double From, double To) window, decimal directories, PlanSettings settings)
    {
        var unitActive = new decimal[SizeClasses.Count];
        var unitCold = new decimal[SizeClasses.Count];
        var classBytes = new long[SizeClasses.Count];
        var wsBytes = new long[SizeClasses.Count];
        for (var file = 0; file < dataset.Count; file++)
        {
            var c = classes.Of(dataset.SizeOf(file));
            classBytes[c] += dataset.SizeOf(file);
            if (workingSet.Contains(file))
            {
                wsBytes[c] += dataset.SizeOf(file);
            }
        }

        var coldDefault = prices.Table.S3StandardStoragePerGBMonth / prices.Table.BytesPerGB * (decimal)((window.To - window.From) / prices.Table.BillingMonth.TotalDays);
        for (var c = 0; c < SizeClasses.Count; c++)
        {
            unitActive[c] = PerByte(cells.Where(cell => cell.Stratum == (c * 2) + 1), dataset, prices.Table) ?? PerByte(calibration.Where(cell => cell.Stratum == 100 + c), dataset, prices.Table) ?? coldDefault;
            unitCold[c] = PerByte(cells.Where(cell => cell.Stratum == c * 2), dataset, prices.Table) ?? coldDefault;
        }

        var newData = cells.Where(cell => cell.Stratum == PlanSimulation.NewDataStratum).Sum(cell => Corrected(cell, 1, prices.Table).Sum() * cell.Weight);
        var points = new List<BreakEvenPoint>();
        var total = Math.Max(1, dataset.TotalBytes);
        var fractions = new SortedSet<double> { 0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 1.0, Math.Round((double)workingSet.Bytes / total, 4) };
        var limit = settings.Workload.Selection == WorkingSetSelection.Prefix ? workingSet.Order.Length : workingSet.Order.Length;
        foreach (var fraction in fractions.Where(f => f > 0))
        {
            var target = (long)Math.Round(fraction * total);
            var (count, bytes) = WorkingSet.Take(dataset, workingSet.Order, limit, target);
            var activeBytes = new long[SizeClasses.Count];
            for (var i = 0; i < count; i++)
            {
                var file = workingSet.Order[i];
                activeBytes[classes.Of(dataset.SizeOf(file))] += dataset.SizeOf(file);
            }

            decimal s3Files = directories + newData;
            for (var c = 0; c < SizeClasses.Count; c++)
            {
                s3Files += (activeBytes[c] * unitActive[c]) + ((classBytes[c] - activeBytes[c]) * unitCold[c]);
            }

            if (points.Count > 0 && points[^1].WorkingSetBytes == bytes)
            {
                continue;
            }

            var (efs, s3) = alternatives.AtWorkingSet(workingSet.Order, count, window.From, window.To);
            points.Add(new BreakEvenPoint((double)bytes / total, bytes, s3Files, efs, s3));
        }

        double? breakEven = null;
        for (var i = 0; i < points.Count; i++)
        {
            if (points[i].S3Files >= points[i].EfsStandard)
            {
                if (i == 0)
                {
                    breakEven = points[0].WorkingSetFraction;
                }
                else
                {
                    var (a, b) = (points[i - 1], points[i]);
                    var da = (double)(a.EfsStandard - a.S3Files);
                    var db = (double)(b.EfsStandard - b.S3Files);
                    breakEven = a.WorkingSetFraction + ((b.WorkingSetFraction - a.WorkingSetFraction) * da / (da - db));
                }

                break;
            }
        }

        return (points, breakEven);
    }

    private static decimal? PerByte(IEnumerable<PlanCell> cells, Dataset dataset, PriceTable prices)
    {
        var list = cells.ToList();
        if (list.Count == 0)
        {
            return null;
        }

        var simulatedBytes = list.Sum(cell => cell.Files.Sum(f => (decimal)dataset.SizeOf(f)));
        if (simulatedBytes == 0)
        {
            return null;
        }

        var amount = list.Sum(cell => Corrected(cell, 1, prices).Sum());
        return amount / simulatedBytes;
    }

    private static List<HistogramBin> Histogram(Dataset dataset, SizeClasses classes)
    {
        var files = new long[64];
        var bytes = new long[64];
        foreach (var size in dataset.Sizes)
        {
            var bin = size < 1024 ? 0 : 64 - System.Numerics.BitOperations.LeadingZeroCount((ulong)size) - 10;
            files[bin]++;
            bytes[bin] += size;
        }

        var last = Array.FindLastIndex(files, n => n > 0);
        var result = new List<HistogramBin>();
        for (var bin = 0; bin <= last; bin++)
        {
            var from = bin == 0 ? 0 : 1024L << (bin - 1);
            var to = 1024L << bin;
            result.Add(new HistogramBin(from, to, files[bin], bytes[bin], classes.Label(classes.Of(from))));
        }

        return result;
    }

    private static DatasetReport DatasetReport(Dataset dataset, DirectoryTree tree)
    {
        long median = 0;
        if (dataset.Count > 0)
        {
            var sizes = dataset.Sizes.ToArray();
            var middle = sizes.Length / 2;
            median = QuickSelect(sizes, middle);
        }

        return new DatasetReport(dataset.Source, dataset.Count, dataset.TotalBytes, tree.Count, dataset.HiddenObjects, dataset.HiddenBytes, dataset.DirectoryMarkers, dataset.ProblemCount, dataset.Problems, median);
    }

    private static long QuickSelect(long[] items, int k)
    {
        Array.Sort(items);
        return items[k];
    }

    private static AssumptionsReport Assumptions(PlanSettings settings, WorkingSet workingSet, PlanPrices prices)
    {
        var w = settings.Workload;
        var notes = new List<string>
        {
            "Reads are whole-file, in 1 MiB requests (the mount's rsize; the last rounded up to 4 KiB); rewrites are open(O_TRUNC) + 1 MiB writes + close; renames stay in the directory.",
            "Plain S3: one GET per 8 MiB part of each read (the SDK transfer manager's part size), one PUT per write up to 16 MiB else a multipart upload of 8 MiB parts, a rename = COPY + DELETE; unversioned bucket.",
            "EFS: Regional file system, Elastic Throughput; storage metered per file as its size rounded up to 4 KiB plus 2 KiB of metadata (https://docs.aws.amazon.com/efs/latest/ug/metered-sizes.html); reads and writes billed by bytes transferred; the first month includes copying the dataset in (writes).",
            "EFS Infrequent Access / Archive: lifecycle management moves files not accessed for 30 days (IA) or 90 days (Archive) out of Standard; files under 128 KiB stay in Standard; a file moved back on access is moved out again after the window (tiering charge).",
        };
        return new AssumptionsReport(
            w.Origin,
            w.WorkingSetBytes is { } b ? PlanFormat.Bytes(b) : $"{(w.WorkingSetFraction ?? 1) * 100:0.###} % of the dataset's bytes",
            w.Selection == WorkingSetSelection.Prefix ? $"prefix:{w.SelectionPrefix}" : w.Selection.ToString().ToLowerInvariant(),
            workingSet.Files,
            workingSet.Bytes,
            w.ReadsPerDay,
            w.WritesPerDay,
            w.NewBytesPerDay,
            w.RenamesPerDay,
            w.Clients,
            settings.SizeLessThan,
            [.. settings.ImportRules.Select(r => $"prefix '{r.Prefix}': size-less-than {r.SizeLessThan}, trigger {r.Trigger}")],
            settings.DaysAfterLastAccess,
            settings.DirectReadThreshold,
            settings.SimulatedDays,
            prices.Region,
            prices.Date,
            notes);
    }

    private static List<PriceReport> PriceList(PlanPrices prices)
    {
        var t = prices.Table;
        var e = prices.Efs;
        return
        [
            new(S3Files, "High-performance storage", t.HighPerformanceStoragePerGBMonth, "GB-Mo", prices.S3FilesPriceSource),
            new(S3Files, "Reads (data, metadata, exports)", t.HighPerformanceReadPerGB, "GB", prices.S3FilesPriceSource),
            new(S3Files, "Writes (data, metadata, imports)", t.HighPerformanceWritePerGB, "GB", prices.S3FilesPriceSource),
            new("S3", "S3 Standard storage", t.S3StandardStoragePerGBMonth, "GB-Mo", prices.S3PriceSource),
            new("S3", "PUT, COPY, POST, LIST", t.S3PutCopyPostListPer1000, "1,000 requests", prices.S3PriceSource),
            new("S3", "GET, HEAD", t.S3GetHeadPer1000, "1,000 requests", prices.S3PriceSource),
            new("EFS", "Standard storage", e.StandardPerGBMonth, "GB-Mo", prices.EfsPriceSource),
            new("EFS", "Infrequent Access storage", e.InfrequentAccessPerGBMonth, "GB-Mo", prices.EfsPriceSource),
            new("EFS", "Archive storage", e.ArchivePerGBMonth, "GB-Mo", prices.EfsPriceSource),
            new("EFS", "Reads (Elastic Throughput)", e.ReadPerGB, "GB", prices.EfsPriceSource),
            new("EFS", "Writes (Elastic Throughput)", e.WritePerGB, "GB", prices.EfsPriceSource),
            new("EFS", "Infrequent Access reads (extra)", e.InfrequentAccessReadPerGB, "GB", prices.EfsPriceSource),
            new("EFS", "Archive reads (extra)", e.ArchiveReadPerGB, "GB", prices.EfsPriceSource),
            new("EFS", "Tiering to Infrequent Access", e.InfrequentAccessTieringPerGB, "GB", prices.EfsPriceSource),
            new("EFS", "Tiering to Archive", e.ArchiveTieringPerGB, "GB", prices.EfsPriceSource),
        ];
    }
}
