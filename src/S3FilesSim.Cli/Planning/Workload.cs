using System.Globalization;
using System.Text.Json;

namespace S3FilesSim.Cli.Planning;

/// <summary>Which files make up the working set.</summary>
internal enum WorkingSetSelection
{
    /// <summary>The smallest files first, until the working-set size is reached.</summary>
    Smallest,

    /// <summary>The largest files first.</summary>
    Largest,

    /// <summary>Files in a seeded random order.</summary>
    Random,

    /// <summary>The files whose keys start with a prefix (in key order of the input), up to the working-set size.</summary>
    Prefix,
}

/// <summary>The workload, in a team's terms; every value has a default printed with the plan.</summary>
internal sealed record Workload
{
    /// <summary>Gets the working set as a fraction (0 to 1) of the dataset's bytes; <see langword="null"/> when <see cref="WorkingSetBytes"/> is set.</summary>
    /// <value>The default value is 0.1 (10 %).</value>
    public double? WorkingSetFraction { get; init; } = 0.1;

    /// <summary>Gets the working set as a size in bytes; <see langword="null"/> when <see cref="WorkingSetFraction"/> is set.</summary>
    public long? WorkingSetBytes { get; init; }

    /// <summary>Gets which files make up the working set.</summary>
    /// <value>The default value is <see cref="WorkingSetSelection.Random"/>.</value>
    public WorkingSetSelection Selection { get; init; } = WorkingSetSelection.Random;

    /// <summary>Gets the key prefix of <see cref="WorkingSetSelection.Prefix"/>.</summary>
    public string? SelectionPrefix { get; init; }

    /// <summary>Gets how many times a day each working-set file is read in full (0.1 = every ten days).</summary>
    /// <value>The default value is 1.</value>
    public double ReadsPerDay { get; init; } = 1;

    /// <summary>Gets how many times a day each working-set file is rewritten in full (open with O_TRUNC, write, close).</summary>
    /// <value>The default value is 0.</value>
    public double WritesPerDay { get; init; }

    /// <summary>Gets the bytes of new files written through the mount each day (sizes drawn from the dataset's distribution).</summary>
    /// <value>The default value is 0.</value>
    public long NewBytesPerDay { get; init; }

    /// <summary>Gets the fraction of the working-set files renamed each day (0 to 1).</summary>
    /// <value>The default value is 0.</value>
    public double RenamesPerDay { get; init; }

    /// <summary>Gets the number of clients (mounts) the operations are spread over.</summary>
    /// <value>The default value is 1.</value>
    public int Clients { get; init; } = 1;

    /// <summary>Gets where the rates came from: "defaults and options" or the <c>run</c> report they were measured by.</summary>
    public string Origin { get; init; } = "options (defaults where not given)";

    /// <summary>Returns the problem with the values, as a usage error, or <see langword="null"/>.</summary>
    public string? Problem()
    {
        if (WorkingSetFraction is { } fraction && !(fraction is >= 0 and <= 1))
        {
            return $"--working-set must be between 0 % and 100 % of the dataset; it was {fraction * 100:0.###} %.";
        }

        if (WorkingSetBytes is < 0)
        {
            return $"--working-set must not be negative; it was {WorkingSetBytes} bytes.";
        }

        if (!double.IsFinite(ReadsPerDay) || ReadsPerDay < 0 || ReadsPerDay > 10_000)
        {
            return $"--reads-per-day must be between 0 and 10,000; it was {ReadsPerDay}.";
        }

        if (!double.IsFinite(WritesPerDay) || WritesPerDay < 0 || WritesPerDay > 10_000)
        {
            return $"--writes-per-day must be between 0 and 10,000; it was {WritesPerDay}.";
        }

        if (NewBytesPerDay < 0)
        {
            return $"--new-data-per-day must not be negative; it was {NewBytesPerDay} bytes.";
        }

        if (!double.IsFinite(RenamesPerDay) || RenamesPerDay is < 0 or > 1)
        {
            return $"--renames-per-day must be between 0 % and 100 % of the working-set files; it was {RenamesPerDay * 100:0.###} %.";
        }

        if (Clients is < 1 or > 10_000)
        {
            return $"--clients must be between 1 and 10,000; it was {Clients}.";
        }

        return Selection == WorkingSetSelection.Prefix && string.IsNullOrEmpty(SelectionPrefix)
            ? "--working-set-files prefix:PREFIX needs a non-empty prefix."
            : null;
    }

    /// <summary>Parses <c>smallest</c>, <c>largest</c>, <c>random</c> or <c>prefix:PREFIX</c>.</summary>
    public static (WorkingSetSelection Selection, string? Prefix)? ParseSelection(string text) => text switch
    {
        "smallest" => (WorkingSetSelection.Smallest, null),
        "largest" => (WorkingSetSelection.Largest, null),
        "random" => (WorkingSetSelection.Random, null),
        _ when text.StartsWith("prefix:", StringComparison.Ordinal) => (WorkingSetSelection.Prefix, text["prefix:".Length..]),
        _ => null,
    };

    /// <summary>
    /// The rates a <c>run</c> scenario measured, from its <c>--json</c> report: the bytes read and written through the
    /// mount (the sums of the <c>DataReadBytes</c> and <c>DataWriteBytes</c> metrics) per day of virtual time, as full
    /// passes over the loaded bytes, and the most client connections seen.
    /// </summary>
    /// <exception cref="CliException">The file cannot be read or lacks the fields.</exception>
    public static Workload FromRun(string path, Workload defaults)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = document.RootElement;
            var seconds = Number(root, path, "timing", "virtualSeconds");
            var loaded = Number(root, path, "load", "bytes");
            if (seconds <= 0 || loaded <= 0)
            {
                throw new CliException($"--from-run {path}: the run covered {seconds} virtual seconds over {loaded} loaded bytes; rates need both to be positive.");
            }

            double read = 0, written = 0, clients = 1;
            if (root.TryGetProperty("metrics", out var metrics) && metrics.ValueKind == JsonValueKind.Array)
            {
                foreach (var period in metrics.EnumerateArray())
                {
                    read += Optional(period, "dataReadBytes");
                    written += Optional(period, "dataWriteBytes");
                    clients = Math.Max(clients, Optional(period, "clientConnections"));
                }
            }
            else
            {
                throw new CliException($"--from-run {path}: no 'metrics' array; write the report with 's3files-sim run --json FILE'.");
            }

            var days = seconds / 86_400;
            return defaults with
            {
                WorkingSetFraction = 1,
                WorkingSetBytes = null,
                ReadsPerDay = read / loaded / days,
                WritesPerDay = written / loaded / days,
                Clients = (int)Math.Max(1, clients),
                Origin = string.Create(CultureInfo.InvariantCulture, $"measured by the run in {path}: {read:0} bytes read and {written:0} bytes written over {seconds:0.#} virtual seconds of {loaded:0} loaded bytes"),
            };
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or JsonException)
        {
            throw new CliException($"cannot read the run report '{path}': {exception.Message.ReplaceLineEndings(" ")}");
        }
    }

    private static double Number(JsonElement root, string path, string section, string name) =>
        root.TryGetProperty(section, out var element) && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number
            ? value.GetDouble()
            : throw new CliException($"--from-run {path}: no number at {section}.{name}; write the report with 's3files-sim run --json FILE'.");

    private static double Optional(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : 0;
}
