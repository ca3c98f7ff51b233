using S3FilesSim.Export;
using S3FilesSim.HotTier;
using S3FilesSim.Namespace;
using S3FilesSim.ObjectStorage;
using S3FilesSim.Telemetry;

namespace S3FilesSim.Import;

/// <summary>
/// Data import: copies the base version of a file selected by the import rules to the high-performance storage,
/// through the import pipeline (on a directory's first access, or after a read of a file that is not resident). The
/// bucket is read outside the file system's lock; the bytes are stored only if the file is still that clean version.
/// </summary>
/// <remarks>https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-synchronization-customizing.html</remarks>
/// <param name="gate">The file system's lock.</param>
/// <param name="ns">The namespace.</param>
/// <param name="store">The bucket.</param>
/// <param name="pipeline">The import pipeline the copies queue in.</param>
/// <param name="settings">The import rules.</param>
/// <param name="pendingMoves">Where each entry's base object lives.</param>
/// <param name="statistics">Counts failed copies.</param>
/// <param name="sync">The reporter of imports.</param>
internal sealed class DataImport(Lock gate, FileSystemNamespace ns, IObjectStore store, ImportPipeline pipeline, SynchronizationSettings settings, IPendingMoves pendingMoves, ImportStatistics statistics, SyncReporter sync)
{
    private Func<object, CancellationToken, ValueTask>? _complete;

    /// <summary>Queues a copy of the data of <paramref name="inode"/> (its base version) to the high-performance storage. Called with the lock held.</summary>
    public void Enqueue(Inode inode)
    {
        if (inode.DataImportQueued)
        {
            return;
        }

        inode.DataImportQueued = true;
        pipeline.Enqueue(inode.Size, ns.Now, _complete ??= (copy, cancellationToken) => CompleteAsync((QueuedCopy)copy, cancellationToken), new QueuedCopy(inode, inode.VersionId));
    }

    /// <summary>After a read of a non-resident file served from the bucket: imports its data when the import rules select its size. Called with the lock held.</summary>
    public void OnNonResidentRead(Inode inode)
    {
        if (inode.Size < settings.RuleFor(ns.ObjectKeyOf(inode)).SizeLessThan)
        {
            Enqueue(inode);
        }
    }

    /// <summary>Puts <paramref name="data"/> on the high-performance storage as the whole content of <paramref name="inode"/>. Called with the lock held.</summary>
    public void Store(Inode inode, byte[] data) => Store(inode, new BytesContent(data));

    /// <summary>Puts the immutable <paramref name="content"/> on the high-performance storage as the whole content of
    /// <paramref name="inode"/>, shared rather than copied (it is the bucket version's own bytes, or bytes read for this
    /// file alone). Called with the lock held.</summary>
    public void Store(Inode inode, ObjectContent content)
    {
        ChunkStore.Release(ref inode.Content, ns.Storage);
        inode.Size = 0;
        ns.ShareData(inode, content);
        inode.Resident = true;
        inode.LastAccessNs = ns.NowNs;
    }

    /// <summary>Whether the copy queued for <paramref name="version"/> is still wanted: the file is still that version, clean, and not resident.</summary>
    private static bool Wanted(Inode inode, VersionId? version) =>
        !inode.Removed && !inode.Resident && inode.VersionId == version && version is not null && inode.DirtySinceTicks == 0;

    /// <summary>Copies the data: planned under the lock, read outside it, stored under it if the file is still that version.</summary>
    private async ValueTask CompleteAsync(QueuedCopy copy, CancellationToken cancellationToken)
    {
        var (inode, version) = copy;
        string key;
        lock (gate)
        {
            inode.DataImportQueued = false;
            if (!Wanted(inode, version))
            {
                return;
            }

            key = pendingMoves.BaseKeyOf(inode);
        }

        ObjectContent data;
        try
        {
            data = await BucketVersion.ReadVersionContentAsync(store, key, version!.Value, cancellationToken).ConfigureAwait(false);
        }
        catch (ObjectStoreException e)
        {
            statistics.Fail(key, e.ErrorCode);
            return;
        }

        lock (gate)
        {
            if (Wanted(inode, version) && pendingMoves.BaseKeyOf(inode) == key)
            {
                Store(inode, data);
                sync.Imported(ns.PathOf(inode), key, version?.Value, data.Length, dataImported: true);
            }
        }
    }

    /// <summary>A queued copy: the file and the version it was queued for (one small object per file a first listing selects).</summary>
    private sealed record QueuedCopy(Inode Inode, VersionId? Version);
}
