namespace S3FilesSim.Cli.Planning;

/// <summary>
/// Splits the dataset into strata (size class × working set or not) and decides, per stratum, whether it is simulated
/// whole or as a seeded simple random sample split into independent groups. A stratum is sampled when simulating it
/// whole would pass its share (1/strata) of any budget: files, bytes held or hashed, or read requests.
/// </summary>
internal static class PlanSampler
{
    /// <summary>Builds the cells of the strata.</summary>
    /// <returns>The cells and, per stratum, its files and simulated files.</returns>
    public static (List<PlanCell> Cells, long[] StratumFiles, long[] StratumSimulated) Sample(
        Dataset dataset, WorkingSet workingSet, SizeClasses classes, PlanSettings settings, WorkloadSchedule schedule)
    {
        var strataCount = 2 * SizeClasses.Count;
        var members = new List<int>[strataCount];
        var bytes = new double[strataCount];
        var reads = new double[strataCount];
        for (var h = 0; h < strataCount; h++)
        {
            members[h] = [];
        }

        var workload = settings.Workload;
        var days = schedule.Days;
        var importBelow = settings.ImportRules.Max(rule => rule.SizeLessThan);
        for (var file = 0; file < dataset.Count; file++)
        {
            var size = dataset.SizeOf(file);
            var active = workingSet.Contains(file);
            var h = (classes.Of(size) * 2) + (active ? 1 : 0);
            members[h].Add(file);
            bytes[h] += (size <= 16L << 20 ? size : size % (8L << 20)) + (size < importBelow ? size : 0)
                + (active ? size * (workload.WritesPerDay + workload.RenamesPerDay) * days : 0);
            reads[h] += active ? workload.ReadsPerDay * days * Math.Max(1, (size + (1 << 20) - 1) >> 20) : 0;
        }

        var nonEmpty = members.Count(m => m.Count > 0) + (workload.NewBytesPerDay > 0 ? 1 : 0);
        var cells = new List<PlanCell>();
        var stratumFiles = new long[strataCount + 1];
        var stratumSimulated = new long[strataCount + 1];
        var random = new Random(settings.Seed);
        for (var h = 0; h < strataCount; h++)
        {
            var count = members[h].Count;
            stratumFiles[h] = count;
            if (count == 0)
            {
                continue;
            }

            var fraction = Math.Min(1.0, Math.Min((double)settings.SampleFiles / nonEmpty / count, Math.Min(settings.SampleBytes / nonEmpty / Math.Max(1, bytes[h]), settings.SampleReads / nonEmpty / Math.Max(1, reads[h]))));
            var take = Math.Min(count, Math.Max(2 * settings.Groups, (int)Math.Ceiling(fraction * count)));
            var active = (h & 1) == 1;
            if (take >= count)
            {
                cells.Add(new PlanCell { Stratum = h, Group = 0, Files = [.. members[h]], Weight = 1, Active = active });
                stratumSimulated[h] = count;
                continue;
            }

            var pool = members[h].ToArray();
            for (var i = 0; i < take; i++)
            {
                var j = i + random.Next(count - i);
                (pool[i], pool[j]) = (pool[j], pool[i]);
            }

            for (var g = 0; g < settings.Groups; g++)
            {
                var files = new List<int>();
                for (var i = g; i < take; i += settings.Groups)
                {
                    files.Add(pool[i]);
                }

                cells.Add(new PlanCell { Stratum = h, Group = g, Files = [.. files], Weight = (decimal)count / files.Count / settings.Groups, Active = active });
            }

            stratumSimulated[h] = take;
        }

        if (workload.NewBytesPerDay > 0)
        {
            AddNewData(dataset, settings, schedule, cells, nonEmpty, random, stratumFiles, stratumSimulated);
        }

        return (cells, stratumFiles, stratumSimulated);
    }

    /// <summary>New files: each day's bytes drawn as files whose sizes are those of random dataset files, written
    /// through the mount at evenly spread hours; whole when they fit the budgets, else a fixed number a day per group,
    /// weighted by bytes.</summary>
    private static void AddNewData(Dataset dataset, PlanSettings settings, WorkloadSchedule schedule, List<PlanCell> cells, int nonEmpty, Random random, long[] stratumFiles, long[] stratumSimulated)
    {
        var days = schedule.Days;
        var perDay = settings.Workload.NewBytesPerDay;
        var mean = dataset.Count == 0 ? perDay : Math.Max(1.0, (double)dataset.TotalBytes / dataset.Count);
        var expectedFiles = perDay / mean * days;
        var budgetFiles = (double)settings.SampleFiles / nonEmpty;
        var budgetBytes = (double)settings.SampleBytes / nonEmpty;
        var whole = expectedFiles <= budgetFiles && (double)perDay * days <= budgetBytes;
        var groups = whole ? 1 : settings.Groups;
        var filesPerDay = whole ? int.MaxValue : Math.Max(1, (int)Math.Min(budgetFiles / days / groups, budgetBytes / mean / days / groups));
        long totalFiles = 0, simulated = 0;
        for (var g = 0; g < groups; g++)
        {
            var cell = new PlanCell { Stratum = PlanSimulation.NewDataStratum, Group = g, Files = [], Weight = 1, Active = false };
            for (var day = 0; day < days; day++)
            {
                var sizes = new List<long>();
                long written = 0;
                while (written < perDay && sizes.Count < filesPerDay)
                {
                    var size = dataset.Count == 0 ? perDay : Math.Max(1, dataset.SizeOf(random.Next(dataset.Count)));
                    size = whole ? Math.Min(size, perDay - written) : size;
                    sizes.Add(size);
                    written += size;
                }

                for (var i = 0; i < sizes.Count; i++)
                {
                    cell.NewFiles.Add(((day * 24) + (i * 24 / sizes.Count), sizes[i]));
                    cell.NewBytes += sizes[i];
                }

                simulated += sizes.Count;
                totalFiles += (long)Math.Round(perDay / mean);
            }

            cell.Weight = whole ? 1 : (decimal)perDay * days / Math.Max(1, cell.NewBytes) / groups;
            cells.Add(cell);
        }

        stratumFiles[PlanSimulation.NewDataStratum] = whole ? simulated : totalFiles / groups;
        stratumSimulated[PlanSimulation.NewDataStratum] = simulated;
    }
}
