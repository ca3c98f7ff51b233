using S3FilesSim.Conflicts;
using S3FilesSim.Namespace;
using S3FilesSim.Telemetry;

namespace S3FilesSim.Export;

/// <content>What the export engine reports to the file system's telemetry (timeline, cost, log).</content>
internal sealed partial class ExportEngine
{
    /// <summary>Gets the reporter of exports, retries, failures and conflicts; <see langword="null"/> when telemetry is off.</summary>
    public SyncReporter? Sync { get; init; }

    private string PathOfKey(string key) => "/" + key[_ns.Prefix.Length..].TrimEnd('/');

    private void ReportExported(ExportPlan plan, string? previousVersionId, string? versionId) =>
        Sync?.Exported(
            PathOfKey(plan.Key),
            plan.Key,
            versionId,
            previousVersionId,
            plan.Content?.Length ?? 0,
            plan.Delete ? "Delete" : plan.Parts is not null ? "Multipart" : plan.Content is not null ? "Put" : "Copy");

    private void ReportConflict(ExportEntry entry, string key, BucketVersion? latest) =>
        Sync?.Conflict(PathOfKey(key), key, entry.Inode.VersionId, latest?.Head.VersionId.Value);

    private void ReportLostAndFoundMove(string path, string? key, Inode inode) =>
        Sync?.LostAndFoundMove(path, key, _ns.PathOf(inode));

    /// <summary>Recounts, from the entries themselves, what the metric counters claim: the changed entries not yet
    /// exported (<see cref="PendingExports"/>) and the inodes whose export failed for good; called with the lock held.</summary>
    public (int Pending, IReadOnlyList<Inode> Failed) AuditLocked()
    {
        var entries = new HashSet<ExportEntry>(ReferenceEqualityComparer.Instance);
        CollectEntries(_ns.Root, entries);
        foreach (var (entry, _) in _waiting.UnorderedItems)
        {
            entries.Add(entry);
        }

        entries.UnionWith(_ready);
        if (_current is not null)
        {
            entries.Add(_current);
        }

        return (entries.Count(e => e.FirstChangeTicks != 0), [.. entries.Where(e => e.Error is not null).Select(e => e.Inode)]);
    }

    /// <summary>Adds the export state of <paramref name="inode"/> and of everything below it that the file system has loaded.</summary>
    private static void CollectEntries(Inode inode, HashSet<ExportEntry> entries)
    {
        if (inode.ExportState is { } entry)
        {
            entries.Add(entry);
        }

        if (inode.IsDirectory)
        {
            for (var child = inode.DirectoryAsIs.First; child is not null; child = child.NextSibling)
            {
                CollectEntries(child, entries);
            }
        }
    }
}
