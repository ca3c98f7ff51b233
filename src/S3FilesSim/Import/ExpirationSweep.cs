using S3FilesSim.FileSystem;
using S3FilesSim.HotTier;
using S3FilesSim.Namespace;
using S3FilesSim.Telemetry;
using S3FilesSim.Time;

namespace S3FilesSim.Import;

/// <summary>
/// The expiration sweep: periodically removes from the high-performance storage the data of files that are in sync
/// with the bucket and were not read or written for <see cref="ExpirationDataRule.DaysAfterLastAccess"/> days; the
/// metadata stays. Expiration is free
/// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-synchronization-customizing.html).
/// </summary>
/// <param name="gate">The file system's lock.</param>
/// <param name="ns">The namespace.</param>
/// <param name="scheduler">The simulation's scheduler.</param>
/// <param name="options">The import options (the sweep interval).</param>
/// <param name="settings">The expiration rule.</param>
/// <param name="sync">The reporter of expirations.</param>
internal sealed class ExpirationSweep(Lock gate, FileSystemNamespace ns, Scheduler scheduler, ImportOptions options, SynchronizationSettings settings, SyncReporter sync)
{
    /// <summary>Starts the periodic sweep.</summary>
    public void Start() => scheduler.Schedule(options.ExpirationSweepInterval, SweepAndRearm, "expiration-sweep");

    private ValueTask SweepAndRearm(CancellationToken cancellationToken)
    {
        lock (gate)
        {
            Sweep();
        }

        Start();
        return ValueTask.CompletedTask;
    }

    private void Sweep()
    {
        var limitNs = ns.NowNs - (settings.Configuration.ExpirationDataRules[0].DaysAfterLastAccess * TimeSpan.TicksPerDay * 100);
        var pending = new Stack<Inode>();
        pending.Push(ns.Root);
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
                    sync.Expired(ns.PathOf(child), child.Size);
                    ChunkStore.Release(ref child.Content, ns.Storage);
                    child.Resident = false;
                }
            }
        }
    }
}
