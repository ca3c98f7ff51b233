using S3FilesSim.Namespace;
using S3FilesSim.ObjectStorage;
using S3FilesSim.Telemetry;

namespace S3FilesSim.Export;

/// <summary>What the export queue does with an entry after the writer is done with it.</summary>
internal enum ExportFollowUp
{
    /// <summary>Nothing: the entry is in sync, failed for good, or went to lost+found.</summary>
    None,

    /// <summary>Queue it again at its due time: it changed during the export, or the bucket failed with a retryable error.</summary>
    Enqueue,

    /// <summary>A change to record: the entry was removed while its export was written, and that key must now be deleted.</summary>
    Touch,
}

/// <summary>The result of one export.</summary>
/// <param name="Bytes">The bytes read from the high-performance storage (for the byte-rate ceiling).</param>
/// <param name="FollowUp">What the queue does next with the entry.</param>
internal readonly record struct ExportOutcome(long Bytes, ExportFollowUp FollowUp);

/// <summary>
/// The export writer: plans an entry's export under the file system's lock, writes it to the bucket outside the lock
/// (PUT, copy, multipart upload with part copies, delete, the move-aside of a rename cycle, the release of a rename's
/// old key), and commits the outcome under the lock: in sync, again (it changed meanwhile), retry with back-off,
/// failed for good with its export error code, or a conflict for the bucket to win.
/// </summary>
/// <remarks>https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-synchronization.html and
/// https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-troubleshooting.html (error codes).</remarks>
internal sealed class ExportWriter(
    Lock gate,
    IObjectStore store,
    ExportPlanner planner,
    ExportEntries entries,
    RenameTracking renames,
    IExportConflicts conflicts,
    ExportOptions options,
    TimeProvider clock,
    SyncReporter sync,
    ObjectKeys keys)
{
    private long NowTicks => clock.GetUtcNow().UtcTicks;

    /// <summary>Exports <paramref name="entry"/>, taken from the queue (its <see cref="ExportEntry.InProgress"/> is set).</summary>
    /// <param name="entry">The entry.</param>
    /// <param name="cancellationToken">Cancels between bucket calls; the entry is then retried.</param>
    /// <returns>The bytes read and what the queue does next.</returns>
    public async ValueTask<ExportOutcome> ExportAsync(ExportEntry entry, CancellationToken cancellationToken)
    {
        ExportPlan plan;
        string? previousOwnerBase = null;
        lock (gate)
        {
            var decision = planner.Plan(entry);
            if (decision.Kind != ExportDecisionKind.Write)
            {
                Apply(entry, decision);
                return default;
            }

            plan = decision.Plan!;
            if (plan.MoveAside is { } moveAside)
            {
                // From now on the temporary key is the owner's (its events are a pending move's, not new files).
                previousOwnerBase = moveAside.Owner.BaseKey;
                renames.SetBaseKey(moveAside.Owner, moveAside.TemporaryKey);
            }
        }

        var bytes = plan.Content?.Length ?? 0;
        try
        {
            if (plan.MoveAside is { } aside)
            {
                await MoveAsideAsync(entry, aside, previousOwnerBase, cancellationToken).ConfigureAwait(false);
            }

            var (conflict, written) = await WriteAsync(plan, cancellationToken).ConfigureAwait(false);
            var changedOldKey = plan.OldKey is { } oldKey
                ? await BucketVersion.ReleaseOldKeyAsync(store, oldKey, plan.OldKeyETag!.Value, cancellationToken).ConfigureAwait(false)
                : null;
            if (conflict)
            {
                var latest = await BucketVersion.FetchLatestAsync(store, plan.Key, cancellationToken).ConfigureAwait(false);
                if (latest is null || !IsOwnWrite(plan, latest))
                {
                    await conflicts.ResolveExportConflictAsync(entry, plan.Key, latest, changedOldKey?.Key, cancellationToken).ConfigureAwait(false);
                    return new(bytes, ExportFollowUp.None);
                }

                // A write of this export landed but its answer was lost (a timeout), and the retry's precondition saw it:
                // the key holds exactly what this plan writes, so the export is done.
                written = new ObjectWriteResult { Status = WriteStatus.Succeeded, VersionId = latest.Head.VersionId, ETag = latest.Head.ETag, LastModified = latest.Head.LastModified };
            }

            ExportFollowUp followUp;
            lock (gate)
            {
                followUp = Complete(entry, plan, written);
            }

            if (changedOldKey is not null)
            {
                await conflicts.RevalidateAsync(changedOldKey.Key, cancellationToken).ConfigureAwait(false);
            }

            return new(bytes, followUp);
        }
        catch (ObjectStoreException e) when (e.IsRetryable)
        {
            lock (gate)
            {
                sync.ExportRetry(PathOfKey(plan.Key), plan.Key, e.ErrorCode);
                Retry(entry);
            }

            return new(bytes, ExportFollowUp.Enqueue);
        }
        catch (ObjectStoreException e)
        {
            lock (gate)
            {
                Fail(entry, Map(e), plan.Key);
            }

            return new(bytes, ExportFollowUp.None);
        }
    }

    /// <summary>Marks the export of <paramref name="entry"/> (to <paramref name="key"/>) failed for good with <paramref name="code"/>, counts it in
    /// <c>ExportFailures</c> and reports it to the timeline, whether the bucket refused it or it could not be planned.</summary>
    private void Fail(ExportEntry entry, string code, string key)
    {
        sync.ExportFailure(PathOfKey(key), key, code);
        entries.Fail(entry, code);
    }

    private void Apply(ExportEntry entry, ExportDecision decision)
    {
        switch (decision.Kind)
        {
            case ExportDecisionKind.Skip:
                entry.InProgress = false;
                break;
            case ExportDecisionKind.Drop:
                entries.Drop(entry.Inode);
                break;
            case ExportDecisionKind.Clean:
                entries.Clean(entry);
                break;
            default:
                Fail(entry, decision.ErrorCode!, decision.Key!);
                break;
        }
    }

    private ExportFollowUp Complete(ExportEntry entry, ExportPlan plan, ObjectWriteResult? written)
    {
        var inode = entry.Inode;
        entry.InProgress = false;
        entry.Attempts = 0;
        entry.ReleasedKey = null;
        renames.SetBaseKey(entry, null);
        sync.Exported(PathOfKey(plan.Key), plan.Key, plan.Delete ? null : (written!.VersionId ?? VersionId.Null).Value, inode.VersionId?.Value, plan.Content?.Length ?? 0, plan.Kind);
        if (plan.Delete)
        {
            inode.VersionId = null;
            inode.ETag = null;
            entries.Drop(inode);
            return ExportFollowUp.None;
        }

        inode.VersionId = written!.VersionId ?? VersionId.Null;
        inode.ETag = written.ETag;
        if (inode.Removed && inode.SyncState is null)
        {
            var orphan = entries.GetOrAdd(inode);
            orphan.RemovedPath = keys.PathOf(plan.Key);
            renames.SetBaseKey(orphan, plan.Key);
            return ExportFollowUp.Touch;
        }

        if (entry.Generation == plan.Generation)
        {
            entries.Clean(entry);
            return ExportFollowUp.None;
        }

        entry.FirstChangeTicks = NowTicks;
        return ExportFollowUp.Enqueue;
    }

    private void Retry(ExportEntry entry)
    {
        entry.InProgress = false;
        entry.Attempts++;
        var doublings = Math.Min(entry.Attempts - 1, 30);
        var delay = options.RetryBaseDelay.Ticks > options.RetryMaxDelay.Ticks >> doublings
            ? options.RetryMaxDelay
            : TimeSpan.FromTicks(options.RetryBaseDelay.Ticks << doublings);
        entry.DueTicks = Math.Max(entry.DueTicks, ExportQueue.DueAfter(NowTicks, delay));
    }

    private string PathOfKey(string key) => keys.PathOf(key);

    /// <summary>
    /// Whether <paramref name="latest"/>, found where <paramref name="plan"/> expected its base, is the plan's own write
    /// whose answer was lost: the same POSIX metadata (its times to the nanosecond) and, when the plan uploads its bytes in
    /// one request, the same bytes. A version written by anyone else differs in at least one of them.
    /// </summary>
    private static bool IsOwnWrite(ExportPlan plan, BucketVersion latest)
    {
        if (plan.Delete || plan.Metadata is not { } metadata || latest.Head.Metadata.Count != metadata.Count)
        {
            return false;
        }

        foreach (var (name, value) in metadata)
        {
            if (!latest.Head.Metadata.TryGetValue(name, out var stored) || stored != value)
            {
                return false;
            }
        }

        if (plan.Content is not { } content)
        {
            // A copy: CopyObject keeps a single-part source's ETag, so the key holds this copy only if it holds the
            // source's ETag (another writer's version with equal metadata is not this export's write).
            return plan.CopySourceETag is { IsMultipart: false } source && latest.Head.ETag == source;
        }

        if (content.Length != latest.Body.Length)
        {
            return false;
        }

        if (plan.Parts is not null)
        {
            return latest.Head.ETag.PartCount == plan.Parts.Count;
        }

        var bytes = new byte[latest.Body.Length];
        content.Read(0, bytes);
        return bytes.AsSpan().SequenceEqual(latest.Body);
    }

    private async ValueTask<(bool Conflict, ObjectWriteResult? Written)> WriteAsync(ExportPlan plan, CancellationToken cancellationToken)
    {
        if (plan.Delete)
        {
            var head = plan.Unconditional ? null : await store.HeadObjectAsync(new HeadObjectRequest { Key = plan.Key }, cancellationToken).ConfigureAwait(false);
            if (head is null)
            {
                await store.DeleteObjectAsync(new DeleteObjectRequest { Key = plan.Key }, cancellationToken).ConfigureAwait(false);
            }
            else if (head.Status == ObjectReadStatus.Found)
            {
                if (head.Object!.ETag != plan.Expected)
                {
                    return (true, null);
                }

                await store.DeleteObjectAsync(new DeleteObjectRequest { Key = plan.Key }, cancellationToken).ConfigureAwait(false);
            }

            return (false, null);
        }

        var conditional = !plan.Unconditional && store.Capabilities.ConditionalWrites;
        if (!plan.Unconditional && !conditional && !await MatchesExpectationAsync(plan, cancellationToken).ConfigureAwait(false))
        {
            return (true, null);
        }

        var ifMatch = conditional ? plan.Expected : null;
        var ifNoneMatch = conditional && plan.Expected is null ? ETag.Any : (ETag?)null;
        var written = plan.Parts is not null
            ? await WriteMultipartAsync(plan, ifMatch, ifNoneMatch, cancellationToken).ConfigureAwait(false)
            : plan.Content is { } content
            ? await store.PutObjectAsync(new PutObjectRequest { Key = plan.Key, Content = content, Metadata = plan.Metadata, IfMatch = ifMatch, IfNoneMatch = ifNoneMatch }, cancellationToken).ConfigureAwait(false)
            : await store.CopyObjectAsync(
                new CopyObjectRequest
                {
                    SourceKey = plan.CopySource!.Value.Key,
                    SourceVersionId = plan.CopySource.Value.VersionId,
                    DestinationKey = plan.Key,
                    MetadataDirective = MetadataDirective.Replace,
                    Metadata = plan.Metadata,
                    IfMatch = ifMatch,
                    IfNoneMatch = ifNoneMatch,
                },
                cancellationToken).ConfigureAwait(false);
        return written.Succeeded ? (false, written) : (true, null);
    }

    private async ValueTask<ObjectWriteResult> WriteMultipartAsync(ExportPlan plan, ETag? ifMatch, ETag? ifNoneMatch, CancellationToken cancellationToken)
    {
        var uploadId = await store.CreateMultipartUploadAsync(new CreateMultipartUploadRequest { Key = plan.Key, Metadata = plan.Metadata }, cancellationToken).ConfigureAwait(false);
        var completed = false;
        try
        {
            var baseLength = 0L;
            if (plan.BaseSource is { } source && plan.Parts!.Any(p => p.FromBase))
            {
                var head = await store.HeadObjectAsync(new HeadObjectRequest { Key = source.Key, VersionId = source.VersionId }, cancellationToken).ConfigureAwait(false);
                baseLength = head.Object?.ContentLength ?? 0;
            }

            var completedParts = new List<CompletedPart>(plan.Parts!.Count);
            foreach (var part in plan.Parts!)
            {
                var number = completedParts.Count + 1;
                var etag = part.FromBase && part.Offset + part.Length <= baseLength
                    ? await store.UploadPartCopyAsync(
                        new UploadPartCopyRequest
                        {
                            Key = plan.Key,
                            UploadId = uploadId,
                            PartNumber = number,
                            SourceKey = plan.BaseSource!.Value.Key,
                            SourceVersionId = plan.BaseSource.Value.VersionId,
                            SourceRange = ByteRange.Between(part.Offset, part.Offset + part.Length - 1),
                        },
                        cancellationToken).ConfigureAwait(false)
                    : await store.UploadPartAsync(
                        new UploadPartRequest { Key = plan.Key, UploadId = uploadId, PartNumber = number, Content = plan.Content!.Slice(part.Offset, part.Length) },
                        cancellationToken).ConfigureAwait(false);
                completedParts.Add(new CompletedPart(number, etag));
            }

            var written = await store.CompleteMultipartUploadAsync(
                new CompleteMultipartUploadRequest { Key = plan.Key, UploadId = uploadId, Parts = completedParts, IfMatch = ifMatch, IfNoneMatch = ifNoneMatch },
                cancellationToken).ConfigureAwait(false);
            completed = written.Succeeded;
            return written;
        }
        finally
        {
            if (!completed)
            {
                await AbortQuietlyAsync(plan.Key, uploadId, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Aborts an unfinished upload; a failed abort leaves it open (invisible to reads, like any incomplete upload)
    /// rather than replacing the error that ended the upload, which decides between retry and failure.</summary>
    private async ValueTask AbortQuietlyAsync(string key, string uploadId, CancellationToken cancellationToken)
    {
        try
        {
            await store.AbortMultipartUploadAsync(key, uploadId, cancellationToken).ConfigureAwait(false);
        }
        catch (ObjectStoreException)
        {
            // The upload stays open; the error that ended the upload is the one the caller acts on.
        }
    }

    private async ValueTask<bool> MatchesExpectationAsync(ExportPlan plan, CancellationToken cancellationToken)
    {
        var head = await store.HeadObjectAsync(new HeadObjectRequest { Key = plan.Key }, cancellationToken).ConfigureAwait(false);
        var found = head.Status == ObjectReadStatus.Found;
        return plan.Expected is { } expected ? found && head.Object!.ETag == expected : !found;
    }

    /// <summary>Moves the base of <paramref name="aside"/>'s owner from the key <paramref name="entry"/> exports to, to a
    /// temporary key: a copy, then the owner's base is the copy, then the key's version is deleted. A failed copy gives
    /// the owner its base back (<paramref name="previousOwnerBase"/>); after the copy, the key's old version is released
    /// to <paramref name="entry"/> (<see cref="ExportEntry.ReleasedKey"/>), so a retry after a failed delete overwrites it.</summary>
    private async ValueTask MoveAsideAsync(ExportEntry entry, MoveAsidePlan aside, string? previousOwnerBase, CancellationToken cancellationToken)
    {
        ObjectWriteResult moved;
        try
        {
            moved = await store.CopyObjectAsync(
                new CopyObjectRequest { SourceKey = aside.Key, SourceVersionId = aside.VersionId, DestinationKey = aside.TemporaryKey },
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is ObjectStoreException or OperationCanceledException)
        {
            lock (gate)
            {
                if (aside.Owner.BaseKey == aside.TemporaryKey)
                {
                    renames.SetBaseKey(aside.Owner, previousOwnerBase);
                }
            }

            throw;
        }

        lock (gate)
        {
            aside.Owner.Inode.VersionId = moved.VersionId ?? VersionId.Null;
            aside.Owner.Inode.ETag = moved.ETag;
            entry.ReleasedKey = aside.Key;
        }

        await store.DeleteObjectAsync(new DeleteObjectRequest { Key = aside.Key }, cancellationToken).ConfigureAwait(false);
    }

    private static string Map(ObjectStoreException e) => e.ErrorCode switch
    {
        S3ErrorCode.AccessDenied => ExportErrorCode.S3AccessDenied,
        S3ErrorCode.MetadataTooLarge => ExportErrorCode.S3UserMetadataTooLarge,
        S3ErrorCode.InvalidObjectState => ExportErrorCode.S3ObjectArchived,
        S3ErrorCode.KeyTooLongError => ExportErrorCode.PathTooLong,
        "InvalidToken" or "ExpiredToken" or "InvalidAccessKeyId" => ExportErrorCode.RoleAssumptionFailed,
        _ when e.ErrorCode.StartsWith("KMS.", StringComparison.Ordinal) => ExportErrorCode.EncryptionKeyInaccessible,
        _ => ExportErrorCode.InternalError,
    };
}
