namespace S3FilesSim.Cli.Planning;

/// <summary>The three size classes of the S3 Files tiers: imported on first directory access (below the import rule's
/// size), read from S3 Files storage (below the direct-read threshold), and read straight from S3 (at or above it).</summary>
/// <param name="Small">The lower boundary (the smaller of the import size and the direct-read threshold).</param>
/// <param name="Large">The upper boundary (the larger of the two).</param>
internal sealed record SizeClasses(long Small, long Large)
{
    /// <summary>The number of classes.</summary>
    public const int Count = 3;

    /// <summary>Returns the class of a file of <paramref name="size"/> bytes.</summary>
    public int Of(long size) => size < Small ? 0 : size < Large ? 1 : 2;

    /// <summary>Returns the label of class <paramref name="sizeClass"/>.</summary>
    public string Label(int sizeClass) => sizeClass switch
    {
        0 => $"< {PlanFormat.Bytes(Small)}",
        1 => $"{PlanFormat.Bytes(Small)} to < {PlanFormat.Bytes(Large)}",
        _ => $">= {PlanFormat.Bytes(Large)}",
    };
}

/// <summary>The directories of the dataset as a tree: every directory that holds files and every ancestor, with its
/// parent, its files and its subdirectories.</summary>
internal sealed class DirectoryTree
{
    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);

    /// <summary>Builds the tree of <paramref name="dataset"/>.</summary>
    public DirectoryTree(Dataset dataset)
    {
        Node(string.Empty);
        DatasetDirectoryNode = new int[dataset.Directories.Count];
        for (var i = 0; i < dataset.Directories.Count; i++)
        {
            DatasetDirectoryNode[i] = Node(dataset.Directories[i]);
        }

        Files = new long[Paths.Count];
        for (var file = 0; file < dataset.Count; file++)
        {
            Files[DatasetDirectoryNode[dataset.DirectoryOf(file)]]++;
        }
    }

    /// <summary>Gets each directory's path (a key prefix ending in '/', the root empty).</summary>
    public List<string> Paths { get; } = [];

    /// <summary>Gets each directory's parent node (-1 for the root).</summary>
    public List<int> Parents { get; } = [];

    /// <summary>Gets each directory's number of subdirectories.</summary>
    public List<int> Subdirectories { get; } = [];

    /// <summary>Gets each directory's number of files.</summary>
    public long[] Files { get; }

    /// <summary>Gets the node of each dataset directory id.</summary>
    public int[] DatasetDirectoryNode { get; }

    /// <summary>Gets the number of directories, the root included.</summary>
    public int Count => Paths.Count;

    private int Node(string path)
    {
        if (_ids.TryGetValue(path, out var id))
        {
            return id;
        }

        var parent = path.Length == 0 ? -1 : Node(path[..(path.LastIndexOf('/', path.Length - 2) + 1)]);
        id = Paths.Count;
        Paths.Add(path);
        Parents.Add(parent);
        Subdirectories.Add(0);
        _ids.Add(path, id);
        if (parent >= 0)
        {
            Subdirectories[parent]++;
        }

        return id;
    }
}

/// <summary>Number and size formatting for plans (binary units up to PiB, dollars).</summary>
internal static class PlanFormat
{
    private static readonly string[] Units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"];

    /// <summary>Formats bytes with a binary unit.</summary>
    public static string Bytes(long bytes)
    {
        double value = bytes;
        var unit = 0;
        while (Math.Abs(value) >= 1024 && unit < Units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        return unit == 0 ? $"{bytes} B" : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{value:0.##} {Units[unit]}");
    }

    /// <summary>Formats US dollars: cents below $1,000, whole dollars above.</summary>
    public static string Usd(decimal amount) =>
        "$" + amount.ToString(Math.Abs(amount) >= 1000 ? "#,0" : Math.Abs(amount) >= 0.01m || amount == 0 ? "#,0.00" : "0.######", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Parses a size: a byte count, or a number with B, KB/KiB, MB/MiB, GB/GiB, TB/TiB or PB/PiB (all binary: 1 GB = 2^30 bytes, as AWS bills).</summary>
    public static long? ParseBytes(string text)
    {
        var span = text.Trim();
        var split = span.Length;
        while (split > 0 && char.IsLetter(span[split - 1]))
        {
            split--;
        }

        if (!double.TryParse(span[..split].Trim(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double number) || !double.IsFinite(number))
        {
            return null;
        }

        var shift = span[split..].ToUpperInvariant() switch
        {
            "" or "B" => 0,
            "K" or "KB" or "KIB" => 10,
            "M" or "MB" or "MIB" => 20,
            "G" or "GB" or "GIB" => 30,
            "T" or "TB" or "TIB" => 40,
            "P" or "PB" or "PIB" => 50,
            _ => -1,
        };
        if (shift < 0)
        {
            return null;
        }

        var bytes = number * Math.Pow(2, shift);
        return bytes is > long.MaxValue or < long.MinValue ? null : (long)Math.Round(bytes);
    }
}
