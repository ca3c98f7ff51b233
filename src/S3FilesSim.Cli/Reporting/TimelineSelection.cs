using S3FilesSim.Telemetry;

namespace S3FilesSim.Cli.Reporting;

/// <summary>
/// Which sync events <c>--timeline [KINDS]</c> and <c>--timeline-path PATH</c> print: the kinds (every kind when empty)
/// and a path (the path itself and everything under it, on the file system or as a key). Unfiltered by kind, the events
/// that need attention (conflicts, lost+found moves, failures) come first, then retries and expirations, then routine
/// exports, event deliveries and imports, each group in time order.
/// </summary>
internal sealed record TimelineSelection(IReadOnlySet<SyncEventKind> Kinds, string? Path)
{
    private static readonly Dictionary<string, SyncEventKind> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        ["exports"] = SyncEventKind.Export,
        ["imports"] = SyncEventKind.Import,
        ["events"] = SyncEventKind.EventDelivery,
        ["deliveries"] = SyncEventKind.EventDelivery,
        ["conflicts"] = SyncEventKind.Conflict,
        ["lost+found"] = SyncEventKind.LostAndFoundMove,
        ["moves"] = SyncEventKind.LostAndFoundMove,
        ["expirations"] = SyncEventKind.Expiration,
        ["retries"] = SyncEventKind.Retry,
        ["failures"] = SyncEventKind.Failure,
    };

    /// <summary>Gets the kind names <c>--timeline</c> accepts, as help and errors list them.</summary>
    internal static string AcceptedNames => string.Join(", ", Names.Keys);

    /// <summary>Parses a comma-separated list of kinds (<c>conflicts,exports</c>); each is a name of <see cref="AcceptedNames"/>
    /// or a <see cref="SyncEventKind"/> (<c>LostAndFoundMove</c>); empty or <see langword="null"/> for every kind.</summary>
    /// <exception cref="CliException">A name is not a kind.</exception>
    internal static IReadOnlySet<SyncEventKind> ParseKinds(string? kinds)
    {
        var set = new HashSet<SyncEventKind>();
        foreach (var name in (kinds ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (Names.TryGetValue(name, out var kind) || Names.TryGetValue(name + "s", out kind) || Enum.TryParse(name, ignoreCase: true, out kind))
            {
                set.Add(kind);
            }
            else
            {
                throw new CliException($"--timeline does not know the event kind '{name}'; use a comma-separated list of: {AcceptedNames}.");
            }
        }

        return set;
    }

    /// <summary>Returns the priority group of <paramref name="kind"/> in an unfiltered timeline: 0 first.</summary>
    internal static int Priority(SyncEventKind kind) => kind switch
    {
        SyncEventKind.Conflict or SyncEventKind.LostAndFoundMove or SyncEventKind.Failure => 0,
        SyncEventKind.Retry or SyncEventKind.Expiration => 1,
        _ => 2,
    };

    /// <summary>Selects and orders the events to print.</summary>
    internal IEnumerable<SyncEvent> Apply(IEnumerable<SyncEvent> events)
    {
        var selected = events.Where(Matches);
        return Kinds.Count == 0 ? selected.OrderBy(e => Priority(e.Kind)).ThenBy(e => e.Sequence) : selected.OrderBy(e => e.Sequence);
    }

    /// <summary>Describes the selection for the table's title.</summary>
    internal string Describe()
    {
        var kinds = Kinds.Count == 0 ? "every kind, conflicts, lost+found moves and failures first" : string.Join(", ", Kinds.Order());
        return Path is null ? kinds : $"{kinds}; under {Path}";
    }

    private bool Matches(SyncEvent e) =>
        (Kinds.Count == 0 || Kinds.Contains(e.Kind)) && (Path is null || Under(e.Path, Path) || Under(e.Key is null ? null : "/" + e.Key, Path));

    private static bool Under(string? candidate, string path)
    {
        var prefix = path.TrimEnd('/');
        return candidate is not null && (prefix.Length == 0 || candidate == prefix || candidate.StartsWith(prefix + "/", StringComparison.Ordinal));
    }
}
