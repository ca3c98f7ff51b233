using S3FilesSim.HotTier;
using S3FilesSim.Namespace;
using S3FilesSim.ObjectStorage;

namespace S3FilesSim.Import;

/// <content>The import pipeline: data copies and bucket changes, in order, within the rate ceilings (2,400 objects/s, 700 MB/s).</content>
internal sealed partial class Importer
{
    private readonly Queue<DateTimeOffset> _inProgress = new();
    private readonly HashSet<Inode> _queuedData = [];
    private DateTimeOffset _pipelineFree;

    /// <summary>Gets the age of the oldest import still in progress, from the bucket change (events) or the request (data imports); zero when none.</summary>
    public TimeSpan ImportAge => _inProgress.Count == 0 ? TimeSpan.Zero : _scheduler.Clock.GetUtcNow() - _inProgress.Min();

    /// <summary>Queues a copy of the data of <paramref name="inode"/> (its base version) to the high-performance storage.</summary>
    public void EnqueueData(Inode inode)
    {
        if (!_queuedData.Add(inode))
        {
            return;
        }

        var version = inode.VersionId;
        Enqueue(inode.Size, _scheduler.Clock.GetUtcNow(), () =>
        {
            _queuedData.Remove(inode);
            CompleteData(inode, version);
        });
    }

    /// <summary>After a read of a non-resident file served from the bucket: imports its data when the import rules select its size.</summary>
    public void OnNonResidentRead(Inode inode)
    {
        if (inode.Size < RuleFor(_ns.ObjectKeyOf(inode)).SizeLessThan)
        {
            EnqueueData(inode);
        }
    }

    /// <summary>Queues <paramref name="work"/> (run with the lock held) behind the imports already queued, <paramref name="bytes"/> long, in progress since <paramref name="since"/>.</summary>
    private void Enqueue(long bytes, DateTimeOffset since, Action work)
    {
        var now = _scheduler.Clock.GetUtcNow();
        var due = now;
        if (_options.RateCeilings)
        {
            var seconds = Math.Max(1.0 / _options.MaxObjectsPerSecond, bytes / (double)_options.MaxBytesPerSecond);
            _pipelineFree = (_pipelineFree > now ? _pipelineFree : now) + TimeSpan.FromTicks((long)Math.Ceiling(seconds * TimeSpan.TicksPerSecond));
            due = _pipelineFree;
        }

        _inProgress.Enqueue(since);
        _scheduler.ScheduleAt(
            due,
            _ =>
            {
                lock (_ns.Gate)
                {
                    _inProgress.Dequeue();
                    work();
                }

                return ValueTask.CompletedTask;
            },
            "import");
    }

    private void CompleteData(Inode inode, string? version)
    {
        if (inode.Removed || inode.Resident || inode.VersionId != version || version is null || inode.DirtySinceTicks != 0)
        {
            return;
        }

        byte[] data;
        try
        {
            data = ReadVersion(BaseKeyOf(inode), new VersionId(version));
        }
        catch (ObjectStoreException e)
        {
            Interlocked.Increment(ref _failures);
            Sync?.ImportFailure(BaseKeyOf(inode), e.ErrorCode);
            return;
        }

        StoreData(inode, data);
        Sync?.Imported(_ns.PathOf(inode), BaseKeyOf(inode), version, data.Length, dataImported: true);
    }

    /// <summary>Puts <paramref name="data"/> on the high-performance storage as the whole content of <paramref name="inode"/>.</summary>
    private void StoreData(Inode inode, byte[] data)
    {
        ChunkStore.Release(ref inode.Content, _ns.Storage);
        inode.Size = 0;
        _ns.WriteData(inode, 0, data);
        inode.Resident = true;
        inode.LastAccessNs = _ns.NowNs;
    }
}
