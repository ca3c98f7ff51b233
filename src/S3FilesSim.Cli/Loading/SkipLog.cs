namespace S3FilesSim.Cli.Loading;

/// <summary>The entries of the source tree that were not loaded: a count per <see cref="SkipReason"/> and the first
/// <see cref="MaxExamples"/> paths of each, with what was wrong. Thread-safe.</summary>
internal sealed class SkipLog
{
    /// <summary>How many paths are kept per reason.</summary>
    internal const int MaxExamples = 5;

    private readonly SortedDictionary<SkipReason, SkippedEntries> _byReason = [];

    /// <summary>Gets the number of entries skipped for any reason.</summary>
    internal int Total
    {
        get
        {
            lock (_byReason)
            {
                return _byReason.Values.Sum(group => group.Count);
            }
        }
    }

    /// <summary>Records one skipped entry.</summary>
    /// <param name="reason">Why it was skipped.</param>
    /// <param name="path">The source path (directories end with <c>/</c>).</param>
    /// <param name="detail">What was wrong, e.g. the errno message; <see langword="null"/> when the reason says it all.</param>
    internal void Add(SkipReason reason, string path, string? detail = null)
    {
        lock (_byReason)
        {
            if (!_byReason.TryGetValue(reason, out var group))
            {
                group = new SkippedEntries(reason);
                _byReason.Add(reason, group);
            }

            group.Count++;
            if (group.Examples.Count < MaxExamples)
            {
                group.Examples.Add(detail is null ? path : $"{path} ({detail})");
            }
        }
    }

    /// <summary>Returns the groups in the order of <see cref="SkipReason"/>.</summary>
    internal List<SkippedEntries> ToList()
    {
        lock (_byReason)
        {
            return [.. _byReason.Values];
        }
    }
}

/// <summary>The entries skipped for one reason: how many, and the first few paths.</summary>
internal sealed class SkippedEntries(SkipReason reason)
{
    /// <summary>Gets why these entries were skipped.</summary>
    public SkipReason Reason { get; } = reason;

    /// <summary>Gets or sets the number of entries skipped for <see cref="Reason"/>.</summary>
    public int Count { get; set; }

    /// <summary>Gets the first <see cref="SkipLog.MaxExamples"/> paths, each with its detail.</summary>
    public List<string> Examples { get; } = [];

    /// <summary>Gets the reason in words, as the report prints it.</summary>
    public string Description => Reason switch
    {
        SkipReason.SpecialFile => "special file (FIFO, socket or device), never opened",
        SkipReason.PermissionDenied => "permission denied (a directory is skipped with its contents)",
        SkipReason.NameNotUtf8 => "name not valid UTF-8 (S3 keys are UTF-8)",
        SkipReason.NameTooLong => "name over 255 bytes (S3 Files does not import it)",
        SkipReason.KeyTooLong => "key over 1,024 bytes (the S3 limit; a directory is skipped with its contents)",
        SkipReason.TooDeep => "deeper than the 1,000 directory levels S3 Files allows",
        SkipReason.SymbolicLinkTargetTooLong => "symbolic-link target over 4,080 bytes (the S3 Files limit)",
        SkipReason.FileTooLarge => "file over 5 TiB (the largest S3 object)",
        SkipReason.Vanished => "disappeared or changed while the tree was read",
        _ => "read error",
    };
}
