namespace S3FilesSim.Cli.Planning;

/// <summary>
/// The same dataset and workload priced on Amazon EFS (Standard; with lifecycle management to Infrequent Access or to
/// Archive) and on plain Amazon S3 Standard, month by month over the same windows as the simulation. EFS and S3 are
/// not simulated (the simulator models S3 Files); their bills follow from the bytes stored, read and written.
/// </summary>
internal sealed class Alternatives(Dataset dataset, WorkingSet workingSet, WorkloadSchedule schedule, PlanPrices prices, int directories, long newBytesPerDay)
{
    /// <summary>The option names.</summary>
    public const string EfsStandard = "EFS Standard", EfsInfrequentAccess = "EFS Infrequent Access (lifecycle)", EfsArchive = "EFS Archive (lifecycle)", S3Standard = "S3 Standard";

    private const long PartBytes = 8L << 20;
    private const long MultipartThreshold = 16L << 20;

    /// <summary>Prices the window [<paramref name="from"/>, <paramref name="to"/>) days for every option.</summary>
    /// <param name="from">The window's start, in days.</param>
    /// <param name="to">The window's end, in days.</param>
    /// <param name="first">The window is the first month (it then includes copying the dataset into EFS).</param>
    public IEnumerable<OptionCost> Month(double from, double to, bool first)
    {
        var usage = Usage(workingSet.Order, workingSet.Files, from, to);
        yield return Efs(EfsStandard, usage, from, to, first, lifecycleDays: null);
        yield return Efs(EfsInfrequentAccess, usage, from, to, first, lifecycleDays: 30);
        yield return Efs(EfsArchive, usage, from, to, first, lifecycleDays: 90);
        yield return S3(usage, from, to);
    }

    /// <summary>EFS Standard and S3 Standard totals with the first <paramref name="count"/> files of <paramref name="order"/> as working set.</summary>
    public (decimal Efs, decimal S3) AtWorkingSet(int[] order, int count, double from, double to)
    {
        var usage = Usage(order, count, from, to);
        return (Efs(EfsStandard, usage, from, to, first: false, lifecycleDays: null).Total, S3(usage, from, to).Total);
    }

    private sealed record WindowUsage(double ReadBytes, double WriteBytes, double GetRequests, double PutRequests, double RenameRequests, double NewBytes, double NewFiles, double ColdReadBytes, double ColdRetiering, decimal ColdBytes);

    private WindowUsage Usage(int[] order, int count, double from, double to)
    {
        double readBytes = 0, writeBytes = 0, gets = 0, puts = 0, renames = 0, coldReads = 0, retier = 0;
        var readPeriod = schedule.Rate(WorkloadSchedule.Read) > 0 ? 1 / schedule.Rate(WorkloadSchedule.Read) : double.PositiveInfinity;
        var writePeriod = schedule.Rate(WorkloadSchedule.Write) > 0 ? 1 / schedule.Rate(WorkloadSchedule.Write) : double.PositiveInfinity;
        var accessPeriod = Math.Min(readPeriod, writePeriod);
        decimal activeBytes = 0;
        for (var i = 0; i < count; i++)
        {
            var file = order[i];
            var size = dataset.SizeOf(file);
            var reads = schedule.CountIn(WorkloadSchedule.Read, file, from, to);
            var writes = schedule.CountIn(WorkloadSchedule.Write, file, from, to);
            var moves = schedule.CountIn(WorkloadSchedule.Rename, file, from, to);
            readBytes += (double)reads * size;
            writeBytes += (double)writes * size;
            gets += reads * Math.Max(1, (size + PartBytes - 1) / PartBytes);
            puts += writes * (size <= MultipartThreshold ? 1 : ((size + PartBytes - 1) / PartBytes) + 2);
            renames += moves * (size <= 5L << 30 ? 1 : ((size + PartBytes - 1) / PartBytes) + 2);
            if (accessPeriod > 30 && size >= prices.Efs.ColdMinimumFileBytes)
            {
                coldReads += (double)reads * size;
                retier += (double)(reads + writes) * size;
            }
            else
            {
                activeBytes += size;
            }
        }

        var days = to - from;
        var newFiles = (double)newBytesPerDay * days / Math.Max(1.0, dataset.Count == 0 ? newBytesPerDay : (double)dataset.TotalBytes / dataset.Count);
        return new WindowUsage(readBytes, writeBytes, gets, puts, renames, (double)newBytesPerDay * days, newFiles, coldReads, retier, dataset.TotalBytes - activeBytes);
    }

    private decimal Gb(double bytes) => (decimal)bytes / prices.Table.BytesPerGB;

    /// <summary>The average bytes stored over the window: the dataset plus the new data written so far (it accumulates).</summary>
    private double AverageNewBytes(double from, double to) => newBytesPerDay * (from + to) / 2;

    private OptionCost Efs(string name, WindowUsage usage, double from, double to, bool first, int? lifecycleDays)
    {
        var e = prices.Efs;
        var months = (decimal)((to - from) / prices.Table.BillingMonth.TotalDays);
        var lines = new List<PlanLine>();
        var perFileOverhead = (double)dataset.Count * 2048 + ((double)directories * 4096);
        var rounding = RoundedBytes() - dataset.TotalBytes;
        var stored = (double)dataset.TotalBytes + rounding + perFileOverhead + AverageNewBytes(from, to);
        decimal coldGb = 0;
        var coldPrice = lifecycleDays == 30 ? e.InfrequentAccessPerGBMonth : e.ArchivePerGBMonth;
        if (lifecycleDays is { } window && !first)
        {
            coldGb = Gb(ColdBytes(usage.ColdBytes, window));
            stored -= (double)(coldGb * prices.Table.BytesPerGB);
        }

        Add(lines, name, "Standard storage", Gb(stored) * months, "GB-Mo", e.StandardPerGBMonth);
        if (coldGb > 0)
        {
            Add(lines, name, lifecycleDays == 30 ? "Infrequent Access storage" : "Archive storage", coldGb * months, "GB-Mo", coldPrice);
        }

        Add(lines, name, "Reads", Gb(usage.ReadBytes), "GB", e.ReadPerGB);
        Add(lines, name, "Writes", Gb(usage.WriteBytes + usage.NewBytes), "GB", e.WritePerGB);
        if (first)
        {
            Add(lines, name, "Copying the dataset in (writes, one-off)", Gb(dataset.TotalBytes), "GB", e.WritePerGB);
        }

        if (lifecycleDays is { } days)
        {
            var extra = days == 30 ? e.InfrequentAccessReadPerGB : e.ArchiveReadPerGB;
            var tiering = days == 30 ? e.InfrequentAccessTieringPerGB : e.ArchiveTieringPerGB;
            if (!first)
            {
                Add(lines, name, days == 30 ? "Infrequent Access reads (extra)" : "Archive reads (extra)", Gb(usage.ColdReadBytes), "GB", extra);
                Add(lines, name, "Tiering of files accessed again", Gb(usage.ColdRetiering), "GB", tiering);
            }
            else
            {
                Add(lines, name, "Initial tiering of the cold files (one-off)", Gb(ColdBytes(usage.ColdBytes, days)), "GB", tiering);
            }
        }

        var assumptions = lifecycleDays is null
            ? "all data in EFS Standard"
            : first
                ? $"first month: every file starts in Standard; files not accessed for {lifecycleDays} days then move (one-off tiering charge)"
                : $"steady state: files not accessed within {lifecycleDays} days are in {(lifecycleDays == 30 ? "Infrequent Access" : "Archive")} (files under 128 KiB stay in Standard)";
        return new OptionCost(name, lines.Sum(l => l.Amount), lines, assumptions);
    }

    /// <summary>The bytes lifecycle management moves out of Standard: files of at least 128 KiB that the workload does not touch within the window, billed at least 128 KiB each.</summary>
    private double ColdBytes(decimal coldCandidates, int window)
    {
        _ = window;
        long small = 0;
        foreach (var size in dataset.Sizes)
        {
            if (size < prices.Efs.ColdMinimumFileBytes)
            {
                small += size;
            }
        }

        return Math.Max(0, (double)coldCandidates - small);
    }

    private long RoundedBytes()
    {
        long total = 0;
        foreach (var size in dataset.Sizes)
        {
            total += (size + 4095) / 4096 * 4096;
        }

        return total;
    }

    private OptionCost S3(WindowUsage usage, double from, double to)
    {
        var t = prices.Table;
        var months = (decimal)((to - from) / t.BillingMonth.TotalDays);
        var lines = new List<PlanLine>();
        Add(lines, S3Standard, "S3 Standard storage", Gb(dataset.TotalBytes + AverageNewBytes(from, to)) * months, "GB-Mo", t.S3StandardStoragePerGBMonth);
        Add(lines, S3Standard, "GET requests", (decimal)usage.GetRequests / 1000, "1,000 requests", t.S3GetHeadPer1000);
        Add(lines, S3Standard, "PUT and COPY requests", (decimal)(usage.PutRequests + usage.RenameRequests + usage.NewFiles) / 1000, "1,000 requests", t.S3PutCopyPostListPer1000);
        return new OptionCost(S3Standard, lines.Sum(l => l.Amount), lines, "plain S3 API access: objects read and written whole, no file system");
    }

    private static void Add(List<PlanLine> lines, string option, string item, decimal quantity, string unit, decimal price) =>
        lines.Add(new PlanLine(option, item, quantity, unit, price, quantity * price));
}
