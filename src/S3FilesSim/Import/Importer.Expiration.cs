using S3FilesSim.FileSystem;
using S3FilesSim.HotTier;
using S3FilesSim.Namespace;

namespace S3FilesSim.Import;

/// <content>
/// Expiration: a periodic sweep removes from the high-performance storage the data of files that are in sync with the
/// bucket and were not read or written for <see cref="ExpirationDataRule.DaysAfterLastAccess"/> days; the metadata
/// stays. Expiration is free.
/// </content>
internal sealed partial class Importer
{
    /// <summary>Starts the periodic expiration sweep.</summary>
    public void StartExpiration() =>
        _scheduler.Schedule(_options.ExpirationSweepInterval, SweepAndRearm, "expiration-sweep");

    private ValueTask SweepAndRearm(CancellationToken cancellationToken)
    {
        lock (_ns.Gate)
        {
            Sweep();
        }

        StartExpiration();
        return ValueTask.CompletedTask;
    }

    private void Sweep()
    {
        var limitNs = _ns.NowNs - (_configuration.ExpirationDataRules[0].DaysAfterLastAccess * TimeSpan.TicksPerDay * 100);
        var pending = new Stack<Inode>();
        pending.Push(_ns.Root);
        while (pending.TryPop(out var directory))
        {
            for (var child = directory.DirectoryAsIs.First; child is not null; child = child.NextSibling)
            {
                if (child.IsDirectory)
                {
                    pending.Push(child);
                }
                else if (child.Type == FileType.RegularFile && child.Resident && child.Size > 0 && child.DirtySinceTicks == 0 && child.VersionId is not null && child.LastAccessNs <= limitNs)
                {
                    Sync?.Expired(_ns.PathOf(child), child.Size);
                    ChunkStore.Release(ref child.Content, _ns.Storage);
                    child.Resident = false;
                }
            }
        }
    }
}
