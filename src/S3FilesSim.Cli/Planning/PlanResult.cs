namespace S3FilesSim.Cli.Planning;

/// <summary>The three headline options, in USD, as scripts compare them.</summary>
/// <param name="S3Files">Amazon S3 Files (high-performance storage, access charges, S3 storage and requests).</param>
/// <param name="EfsStandard">Amazon EFS Standard, Elastic Throughput.</param>
/// <param name="S3Standard">Plain Amazon S3 Standard with GETs and PUTs.</param>
internal sealed record OptionTotals(decimal S3Files, decimal EfsStandard, decimal S3Standard);

/// <summary>One billed line of one option for one month.</summary>
/// <param name="Option">The option (S3 Files, EFS Standard, EFS Infrequent Access, EFS Archive, S3 Standard).</param>
/// <param name="Item">What is billed.</param>
/// <param name="Quantity">The billed quantity in <paramref name="Unit"/>.</param>
/// <param name="Unit">GB-Mo, GB or 1,000 requests.</param>
/// <param name="UnitPrice">USD per unit.</param>
/// <param name="Amount">USD.</param>
internal sealed record PlanLine(string Option, string Item, decimal Quantity, string Unit, decimal UnitPrice, decimal Amount);

/// <summary>The cost of one option for one month, line by line.</summary>
internal sealed record OptionCost(string Option, decimal Total, IReadOnlyList<PlanLine> Lines, string Assumptions);

/// <summary>What one size class (by the 128 KiB import and 1 MiB direct-read tiers) adds to the S3 Files bill in a steady-state month.</summary>
internal sealed record SizeClassCost(string SizeClass, long Files, long Bytes, long WorkingSetFiles, long WorkingSetBytes, decimal SteadyStateMonthlyUsd, decimal HighPerformanceStorageUsd, decimal AccessUsd, decimal S3Usd);

/// <summary>One bin of the size histogram (powers of two).</summary>
internal sealed record HistogramBin(long FromBytes, long ToBytes, long Files, long Bytes, string Tier);

/// <summary>One point of the break-even curve: the monthly costs at a working-set size.</summary>
internal sealed record BreakEvenPoint(double WorkingSetFraction, long WorkingSetBytes, decimal S3Files, decimal EfsStandard, decimal S3Standard);

/// <summary>How the dataset was simulated: all of it, or a stated, seeded, stratified sample.</summary>
internal sealed record SamplingReport(bool Sampled, string Method, int Seed, int Groups, long SimulatedFiles, long DatasetFiles, IReadOnlyList<StratumReport> Strata, decimal SteadyStateStandardErrorUsd, decimal FirstMonthStandardErrorUsd);

/// <summary>One stratum (size class × working set or not) of the simulation.</summary>
internal sealed record StratumReport(string Name, long Files, long SimulatedFiles, double SamplingFraction, decimal SteadyStateMonthlyUsd, decimal StandardErrorUsd);

/// <summary>One price used, with its source.</summary>
internal sealed record PriceReport(string Option, string Item, decimal Price, string Unit, string Source);

/// <summary>The dataset as read.</summary>
internal sealed record DatasetReport(string Source, long Files, long Bytes, long Directories, long HiddenObjects, long HiddenBytes, long DirectoryMarkers, long InputProblems, IReadOnlyList<InputProblem> FirstProblems, long MedianFileBytes);

/// <summary>The workload and configuration the plan ran, defaults included.</summary>
internal sealed record AssumptionsReport(
    string WorkloadOrigin,
    string WorkingSet,
    string WorkingSetFiles,
    long WorkingSetFileCount,
    long WorkingSetBytes,
    double ReadsPerDay,
    double WritesPerDay,
    long NewBytesPerDay,
    double RenamesPerDay,
    int Clients,
    long SizeLessThan,
    IReadOnlyList<string> ImportRules,
    int DaysAfterLastAccess,
    long DirectReadThreshold,
    int SimulatedDays,
    string PriceRegion,
    string PriceDate,
    IReadOnlyList<string> Notes);

/// <summary>Everything <c>plan</c> found; serialized as the <c>--json</c> file.</summary>
internal sealed class PlanResult
{
    /// <summary>Gets or sets the steady-state monthly totals (the last 30 simulated days).</summary>
    public required OptionTotals SteadyStateMonthlyUsd { get; init; }

    /// <summary>Gets or sets the first-month totals (days 0 to 30, with the one-off imports and migrations).</summary>
    public required OptionTotals FirstMonthUsd { get; init; }

    /// <summary>Gets the options' steady-state months, line by line.</summary>
    public required IReadOnlyList<OptionCost> SteadyState { get; init; }

    /// <summary>Gets the options' first months, line by line.</summary>
    public required IReadOnlyList<OptionCost> FirstMonth { get; init; }

    /// <summary>Gets what each size class adds to the S3 Files steady-state bill.</summary>
    public required IReadOnlyList<SizeClassCost> SizeClasses { get; init; }

    /// <summary>Gets the size histogram with its tiers.</summary>
    public required IReadOnlyList<HistogramBin> Histogram { get; init; }

    /// <summary>Gets the break-even curve as the working set grows.</summary>
    public required IReadOnlyList<BreakEvenPoint> BreakEven { get; init; }

    /// <summary>Gets the smallest working-set fraction at which S3 Files costs as much as EFS Standard, or <see langword="null"/> when it stays cheaper up to 100 %.</summary>
    public required double? BreakEvenWorkingSetFraction { get; init; }

    /// <summary>Gets the sampling method and error.</summary>
    public required SamplingReport Sampling { get; init; }

    /// <summary>Gets the dataset as read.</summary>
    public required DatasetReport Dataset { get; init; }

    /// <summary>Gets the workload and configuration.</summary>
    public required AssumptionsReport Assumptions { get; init; }

    /// <summary>Gets every price used and its source and date.</summary>
    public required IReadOnlyList<PriceReport> Prices { get; init; }

    /// <summary>Gets how long the plan took, in wall-clock milliseconds.</summary>
    public double WallMilliseconds { get; set; }
}
