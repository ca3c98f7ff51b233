namespace S3FilesSim.Cli.Planning;

/// <summary>
/// When each working-set file is read, rewritten and renamed: periodically at its rate, from a seeded phase, so a file
/// read 0.25 times a day is read every 4 days starting at a random point of its first 4 days. Deterministic: the same
/// seed and file give the same times.
/// </summary>
internal sealed class WorkloadSchedule(Workload workload, int seed, int days)
{
    /// <summary>The operation kinds.</summary>
    public const int Read = 0, Write = 1, Rename = 2;

    /// <summary>Gets the simulated days.</summary>
    public int Days { get; } = days;

    /// <summary>Returns the rate of <paramref name="kind"/> per day.</summary>
    public double Rate(int kind) => kind switch
    {
        Read => workload.ReadsPerDay,
        Write => workload.WritesPerDay,
        _ => workload.RenamesPerDay,
    };

    /// <summary>Returns the first time (days) of <paramref name="kind"/> for <paramref name="file"/>, or +∞.</summary>
    public double First(int kind, int file)
    {
        var rate = Rate(kind);
        return rate > 0 ? Unit(kind, file) / rate : double.PositiveInfinity;
    }

    /// <summary>Returns the first operation of any kind on <paramref name="file"/>, in days (+∞ when none).</summary>
    public double FirstOperation(int file) => Math.Min(First(Read, file), Math.Min(First(Write, file), First(Rename, file)));

    /// <summary>Returns the times (days) of <paramref name="kind"/> on <paramref name="file"/> before the end of the run.</summary>
    public IEnumerable<double> Times(int kind, int file)
    {
        var rate = Rate(kind);
        if (rate <= 0)
        {
            yield break;
        }

        var period = 1 / rate;
        for (var time = Unit(kind, file) * period; time < Days; time += period)
        {
            yield return time;
        }
    }

    /// <summary>Returns how many operations of <paramref name="kind"/> on <paramref name="file"/> fall in [<paramref name="from"/>, <paramref name="to"/>) days.</summary>
    public long CountIn(int kind, int file, double from, double to)
    {
        var rate = Rate(kind);
        if (rate <= 0)
        {
            return 0;
        }

        var period = 1 / rate;
        var first = Unit(kind, file) * period;
        return Before(to) - Before(from);

        long Before(double time) => time <= first ? 0 : (long)Math.Ceiling((time - first) / period);
    }

    /// <summary>A uniform number in [0, 1) from the seed, the kind and the file (SplitMix64).</summary>
    public double Unit(int kind, int file)
    {
        var z = unchecked(((ulong)(uint)file * 0x9E3779B97F4A7C15UL) ^ ((ulong)(uint)seed << 32) ^ ((ulong)(uint)kind * 0xD1B54A32D192ED03UL));
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        z ^= z >> 31;
        return (z >> 11) * (1.0 / (1UL << 53));
    }
}
