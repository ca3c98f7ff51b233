using System.Text;
using S3FilesSim.Conflicts;
using S3FilesSim.FileSystem;
using S3FilesSim.HotTier;
using S3FilesSim.Namespace;
using S3FilesSim.ObjectStorage;

namespace S3FilesSim.Export;

/// <content>What one export writes, and what happens after: success, retry, failure or conflict.</content>
internal sealed partial class ExportEngine
{
    private const int MaxKeyBytes = 1024;
    private const string CycleMarker = ".s3files-rename-";

    /// <summary>Resolves a bucket change of <paramref name="inode"/>: if the entry has unexported changes and its object changed in the bucket since the base, the bucket wins.</summary>
    /// <returns><see langword="true"/> when a conflict was found and resolved.</returns>
    /// <exception cref="ObjectStoreException">Reading the bucket failed.</exception>
    public async ValueTask<bool> ResolveBucketChangeAsync(Inode inode, CancellationToken cancellationToken = default)
    {
        string? key;
        lock (_ns.Gate)
        {
            key = ConflictKeyLocked(inode);
        }

        if (key is null)
        {
            return false;
        }

        var latest = await Conflicts.FetchLatestAsync(key, cancellationToken).ConfigureAwait(false);
        lock (_ns.Gate)
        {
            return ResolveBucketChangeLocked(inode, key, latest);
        }
    }

    /// <summary>Returns the key a bucket change of <paramref name="inode"/> conflicts on, or <see langword="null"/> when the entry has no unexported change.</summary>
    public string? ConflictKeyLocked(Inode inode) =>
        inode.ExportState is { FirstChangeTicks: not 0 } entry && !inode.IsDirectory ? entry.BaseKey ?? ObjectKeys.Of(_ns.Prefix, inode) : null;

    /// <summary>The conflict-resolver entry point the import engine calls, with the lock held, when a bucket event arrives for <paramref name="inode"/>:
    /// the bucket wins if <paramref name="latest"/> (the object at <paramref name="key"/>, from <see cref="ConflictKeyLocked"/>) differs from the base
    /// and the entry still has unexported changes on that key.</summary>
    /// <returns><see langword="true"/> when a conflict was found and resolved.</returns>
    public bool ResolveBucketChangeLocked(Inode inode, string key, BucketVersion? latest)
    {
        if (ConflictKeyLocked(inode) != key || latest?.Head.ETag.Value == inode.ETag)
        {
            return false;
        }

        BucketWinsLocked(inode.ExportState!, key, latest);
        return true;
    }

    private async ValueTask<long> ExportAsync(ExportEntry entry, CancellationToken cancellationToken)
    {
        ExportPlan? plan;
        lock (_ns.Gate)
        {
            plan = PlanLocked(entry);
        }

        if (plan is null)
        {
            return 0;
        }

        try
        {
            if (plan.MoveAside is { } aside)
            {
                var moved = await MoveAsideAsync(aside, cancellationToken).ConfigureAwait(false);
                lock (_ns.Gate)
                {
                    aside.Owner.Inode.VersionId = (moved.VersionId ?? VersionId.Null).Value;
                    aside.Owner.Inode.ETag = moved.ETag!.Value.Value;
                }
            }

            var (conflict, written) = await WriteAsync(plan, cancellationToken).ConfigureAwait(false);
            var changedOldKey = plan.OldKey is { } oldKey ? await ReleaseOldKeyAsync(oldKey, plan.OldKeyETag!.Value, cancellationToken).ConfigureAwait(false) : null;
            if (conflict)
            {
                var latest = await Conflicts.FetchLatestAsync(plan.Key, cancellationToken).ConfigureAwait(false);
                lock (_ns.Gate)
                {
                    BucketWinsLocked(entry, plan.Key, latest);
                    RevalidateOldKeyLocked(changedOldKey);
                }
            }
            else
            {
                lock (_ns.Gate)
                {
                    CompleteLocked(entry, plan, written);
                    RevalidateOldKeyLocked(changedOldKey);
                }
            }
        }
        catch (ObjectStoreException e) when (e.IsRetryable)
        {
            lock (_ns.Gate)
            {
                Sync?.ExportRetry(PathOfKey(plan.Key), plan.Key, e.ErrorCode);
                RetryLocked(entry);
            }
        }
        catch (ObjectStoreException e)
        {
            lock (_ns.Gate)
            {
                FailLocked(entry, Map(e), plan.Key);
            }
        }

        return plan.Content?.Length ?? 0;
    }

    private ExportPlan? PlanLocked(ExportEntry entry)
    {
        var inode = entry.Inode;
        if (!ReferenceEquals(inode.ExportState, entry) || entry.FirstChangeTicks == 0)
        {
            entry.InProgress = false;
            return null;
        }

        if (inode.Removed)
        {
            if (inode.VersionId is null || entry.BaseKey is null)
            {
                Drop(inode);
                return null;
            }

            return new ExportPlan(entry.Generation, entry.BaseKey, ETag.Parse(inode.ETag!), Delete: true) { Unconditional = inode.IsDirectory };
        }

        if (FailedDependency(inode))
        {
            FailLocked(entry, ExportErrorCode.DependencyExportFailed, ObjectKeys.Of(_ns.Prefix, inode));
            return null;
        }

        var key = ObjectKeys.Of(_ns.Prefix, inode);
        if (key.Length == 0)
        {
            CleanLocked(entry);
            return null;
        }

        if (Encoding.UTF8.GetByteCount(key) > MaxKeyBytes)
        {
            FailLocked(entry, ExportErrorCode.PathTooLong, ObjectKeys.Of(_ns.Prefix, inode));
            return null;
        }

        var metadata = PosixObjectMetadata.Of(inode);
        if (PosixObjectMetadata.SizeOf(metadata) > PosixObjectMetadata.MaxBytes)
        {
            FailLocked(entry, ExportErrorCode.S3UserMetadataTooLarge, ObjectKeys.Of(_ns.Prefix, inode));
            return null;
        }

        var hasBase = inode.VersionId is not null;
        var oldKey = hasBase && entry.BaseKey is { } baseKey && baseKey != key ? baseKey : null;
        MoveAsidePlan? aside = null;
        if (oldKey is not null || !hasBase)
        {
            if (_baseKeyOwners.TryGetValue(key, out var owner) && !ReferenceEquals(owner, entry) && owner.Inode.VersionId is not null)
            {
                var temporary = key + CycleMarker + _random.NextHex(10);
                if (Encoding.UTF8.GetByteCount(temporary) > MaxKeyBytes)
                {
                    FailLocked(entry, ExportErrorCode.KeyTooLongToBreakCycle, key);
                    return null;
                }

                aside = new MoveAsidePlan(owner, key, new VersionId(owner.Inode.VersionId!), temporary);
                SetBaseKey(owner, temporary);
            }
        }

        var expected = hasBase && oldKey is null ? ETag.Parse(inode.ETag!) : (ETag?)null;
        var multipart = inode.Type == FileType.RegularFile && inode.Size >= _options.MultipartThresholdBytes && _store.Capabilities.Multipart;
        // A directory marker that already exists is copied (onto itself, or from its old key) with the new metadata, so
        // bytes a marker may hold survive (https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-posix-permissions.html).
        var sendBody = inode.IsDirectory
            ? !hasBase
            : !hasBase || (oldKey is null && (inode.Resident || inode.Type != FileType.RegularFile)) || (entry.DataChanged && (inode.Resident || multipart));
        ObjectContent? content = null;
        if (sendBody)
        {
            content = inode.Type switch
            {
                FileType.Directory => ObjectContent.Empty,
                FileType.SymbolicLink => ObjectContent.FromString(inode.LinkTarget),
                _ => HotTierContent.Capture(inode.Content, inode.Size),
            };
        }

        IReadOnlyList<PartPlan>? parts = null;
        if (content is not null && multipart)
        {
            parts = PlanParts(inode, hasBase && _store.Capabilities.UploadPartCopy);
        }

        return new ExportPlan(entry.Generation, key, expected, Delete: false)
        {
            Content = content,
            Parts = parts,
            BaseSource = hasBase ? (entry.BaseKey ?? key, new VersionId(inode.VersionId!)) : null,
            Metadata = metadata,
            CopySource = content is null ? (oldKey ?? key, new VersionId(inode.VersionId!)) : null,
            OldKey = oldKey,
            OldKeyETag = oldKey is null ? null : ETag.Parse(inode.ETag!),
            Unconditional = inode.IsDirectory,
            MoveAside = aside,
        };
    }

    private async ValueTask<(bool Conflict, ObjectWriteResult? Written)> WriteAsync(ExportPlan plan, CancellationToken cancellationToken)
    {
        if (plan.Delete)
        {
            var head = plan.Unconditional ? null : await _store.HeadObjectAsync(new HeadObjectRequest { Key = plan.Key }, cancellationToken).ConfigureAwait(false);
            if (head is null)
            {
                await _store.DeleteObjectAsync(new DeleteObjectRequest { Key = plan.Key }, cancellationToken).ConfigureAwait(false);
            }
            else if (head.Status == ObjectReadStatus.Found)
            {
                if (head.Object!.ETag != plan.Expected)
                {
                    return (true, null);
                }

                await _store.DeleteObjectAsync(new DeleteObjectRequest { Key = plan.Key }, cancellationToken).ConfigureAwait(false);
            }

            return (false, null);
        }

        var conditional = !plan.Unconditional && _store.Capabilities.ConditionalWrites;
        if (!plan.Unconditional && !conditional && !await MatchesExpectationAsync(plan, cancellationToken).ConfigureAwait(false))
        {
            return (true, null);
        }

        var ifMatch = conditional ? plan.Expected : null;
        var ifNoneMatch = conditional && plan.Expected is null ? ETag.Any : (ETag?)null;
        var written = plan.Parts is not null
            ? await WriteMultipartAsync(plan, ifMatch, ifNoneMatch, cancellationToken).ConfigureAwait(false)
            : plan.Content is { } content
            ? await _store.PutObjectAsync(new PutObjectRequest { Key = plan.Key, Content = content, Metadata = plan.Metadata, IfMatch = ifMatch, IfNoneMatch = ifNoneMatch }, cancellationToken).ConfigureAwait(false)
            : await _store.CopyObjectAsync(
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

    private List<PartPlan> PlanParts(Inode inode, bool canCopy)
    {
        var parts = new List<PartPlan>();
        var partSize = _options.MultipartPartSizeBytes;
        for (long offset = 0; offset < inode.Size; offset += partSize)
        {
            var length = Math.Min(partSize, inode.Size - offset);
            parts.Add(new PartPlan(offset, length, canCopy && !inode.Resident && !ChunkStore.HasDataIn(inode.Content, offset, length)));
        }

        return parts;
    }

    private async ValueTask<ObjectWriteResult> WriteMultipartAsync(ExportPlan plan, ETag? ifMatch, ETag? ifNoneMatch, CancellationToken cancellationToken)
    {
        var uploadId = await _store.CreateMultipartUploadAsync(new CreateMultipartUploadRequest { Key = plan.Key, Metadata = plan.Metadata }, cancellationToken).ConfigureAwait(false);
        var completed = false;
        try
        {
            var baseLength = 0L;
            if (plan.BaseSource is { } source && plan.Parts!.Any(p => p.FromBase))
            {
                var head = await _store.HeadObjectAsync(new HeadObjectRequest { Key = source.Key, VersionId = source.VersionId }, cancellationToken).ConfigureAwait(false);
                baseLength = head.Object?.ContentLength ?? 0;
            }

            var completedParts = new List<CompletedPart>(plan.Parts!.Count);
            foreach (var part in plan.Parts!)
            {
                var number = completedParts.Count + 1;
                var etag = part.FromBase && part.Offset + part.Length <= baseLength
                    ? await _store.UploadPartCopyAsync(
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
                    : await _store.UploadPartAsync(
                        new UploadPartRequest { Key = plan.Key, UploadId = uploadId, PartNumber = number, Content = plan.Content!.Slice(part.Offset, part.Length) },
                        cancellationToken).ConfigureAwait(false);
                completedParts.Add(new CompletedPart(number, etag));
            }

            var written = await _store.CompleteMultipartUploadAsync(
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
            await _store.AbortMultipartUploadAsync(key, uploadId, cancellationToken).ConfigureAwait(false);
        }
        catch (ObjectStoreException)
        {
            // The upload stays open; the error that ended the upload is the one the caller acts on.
        }
    }

    private async ValueTask<bool> MatchesExpectationAsync(ExportPlan plan, CancellationToken cancellationToken)
    {
        var head = await _store.HeadObjectAsync(new HeadObjectRequest { Key = plan.Key }, cancellationToken).ConfigureAwait(false);
        var found = head.Status == ObjectReadStatus.Found;
        return plan.Expected is { } expected ? found && head.Object!.ETag == expected : !found;
    }

    private async ValueTask<ObjectWriteResult> MoveAsideAsync(MoveAsidePlan aside, CancellationToken cancellationToken)
    {
        var moved = await _store.CopyObjectAsync(
            new CopyObjectRequest { SourceKey = aside.Key, SourceVersionId = aside.VersionId, DestinationKey = aside.TemporaryKey },
            cancellationToken).ConfigureAwait(false);
        await _store.DeleteObjectAsync(new DeleteObjectRequest { Key = aside.Key }, cancellationToken).ConfigureAwait(false);
        return moved;
    }

    private void CompleteLocked(ExportEntry entry, ExportPlan plan, ObjectWriteResult? written)
    {
        var inode = entry.Inode;
        entry.InProgress = false;
        entry.Attempts = 0;
        SetBaseKey(entry, null);
        ReportExported(plan, inode.VersionId, plan.Delete ? null : (written!.VersionId ?? VersionId.Null).Value);
        if (plan.Delete)
        {
            inode.VersionId = null;
            inode.ETag = null;
            Drop(inode);
            return;
        }

        inode.VersionId = (written!.VersionId ?? VersionId.Null).Value;
        inode.ETag = written.ETag!.Value.Value;
        if (inode.Removed && inode.ExportState is null)
        {
            var orphan = GetOrAdd(inode);
            orphan.RemovedPath = "/" + plan.Key[_ns.Prefix.Length..].TrimEnd('/');
            SetBaseKey(orphan, plan.Key);
            Touch(inode, data: false);
            return;
        }

        if (entry.Generation == plan.Generation)
        {
            CleanLocked(entry);
            return;
        }

        entry.FirstChangeTicks = NowTicks;
        Enqueue(entry);
    }

    private void CleanLocked(ExportEntry entry)
    {
        entry.InProgress = false;
        entry.Inode.DirtySinceTicks = 0;
        Drop(entry.Inode);
    }

    private void RetryLocked(ExportEntry entry)
    {
        entry.InProgress = false;
        entry.Attempts++;
        var doublings = Math.Min(entry.Attempts - 1, 30);
        var delay = _options.RetryBaseDelay.Ticks > _options.RetryMaxDelay.Ticks >> doublings
            ? _options.RetryMaxDelay
            : TimeSpan.FromTicks(_options.RetryBaseDelay.Ticks << doublings);
        entry.DueTicks = Math.Max(entry.DueTicks, DueAfter(NowTicks, delay));
        Enqueue(entry);
    }

    /// <summary>Marks the export of <paramref name="entry"/> (to <paramref name="key"/>) failed for good with <paramref name="code"/>, counts it in
    /// <c>ExportFailures</c> and reports it to the timeline, whether the bucket refused it or it could not be planned.</summary>
    private void FailLocked(ExportEntry entry, string code, string key)
    {
        Sync?.ExportFailure(PathOfKey(key), key, code);
        entry.InProgress = false;
        entry.Attempts = 0;
        if (entry.Error is null)
        {
            _failed++;
        }

        entry.Error = code;
        _failures++;
        Unpend(entry);
    }

    private void BucketWinsLocked(ExportEntry entry, string key, BucketVersion? latest)
    {
        var inode = entry.Inode;
        if (!inode.Removed)
        {
            // Its bytes first: a failed read throws here, before anything changed, and the caller retries.
            Conflicts.Router?.MakeResidentOrThrowStoreError(inode);
        }

        entry.InProgress = false;
        ReportConflict(entry, key, latest);
        var ownKey = inode.Removed ? null : ObjectKeys.Of(_ns.Prefix, inode);
        _muted = true;
        try
        {
            if (inode.Removed)
            {
                inode.VersionId = null;
                Drop(inode);
            }
            else
            {
                var originalParent = inode.Parent!;
                var originalName = inode.Name;
                var originalPath = _ns.PathOf(inode);
                Conflicts.MoveToLostAndFoundLocked(inode, originalPath, latest is null ? null : key);
                ReportLostAndFoundMove(originalPath, latest is null ? null : key, inode);
                Drop(inode);
                if (latest is not null && key == ownKey)
                {
                    Conflicts.ImportLocked(originalParent, originalName, latest);
                }
            }
        }
        finally
        {
            _muted = false;
        }

        // A removed entry, or the base of a rename not yet exported: the bucket's version comes back at the key's own
        // path (not the entry's last path, which a rename may have changed or a replacement may occupy), with its
        // directories; and the path the losing entry left shows whatever the bucket holds at its own key.
        if (latest is not null && key != ownKey)
        {
            RevalidateKeyLocked?.Invoke(key);
        }

        if (ownKey is not null && key != ownKey)
        {
            RevalidateKeyLocked?.Invoke(ownKey);
        }
    }

    /// <summary>The importer skipped events for the old key while the rename was pending; a version written there through S3 now comes back (with its directories).</summary>
    private void RevalidateOldKeyLocked(BucketVersion? changedOldKey)
    {
        if (changedOldKey is not null)
        {
            RevalidateKeyLocked?.Invoke(changedOldKey.Key);
        }
    }

    /// <summary>
    /// Completes a rename's export, written or lost at the new key (the old name is gone from the file system either
    /// way): deletes the old key when it still holds the base (<paramref name="baseETag"/>); a newer version written
    /// there through S3 wins and is returned, to come back at the old path.
    /// </summary>
    private async ValueTask<BucketVersion?> ReleaseOldKeyAsync(string oldKey, ETag baseETag, CancellationToken cancellationToken)
    {
        var latest = await Conflicts.FetchLatestAsync(oldKey, cancellationToken).ConfigureAwait(false);
        if (latest is null || latest.Head.ETag != baseETag)
        {
            return latest;
        }

        await _store.DeleteObjectAsync(new DeleteObjectRequest { Key = oldKey }, cancellationToken).ConfigureAwait(false);
        return null;
    }

    private bool FailedDependency(Inode inode)
    {
        if (_failed == 0)
        {
            return false;
        }

        for (var parent = inode.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent.ExportState is { Error: not null })
            {
                return true;
            }
        }

        return false;
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

    /// <summary>One export: a delete of <see cref="Key"/>, or a write (PUT of <see cref="Content"/>, else a copy from <see cref="CopySource"/>) then a delete of <see cref="OldKey"/>.</summary>
    private sealed record ExportPlan(long Generation, string Key, ETag? Expected, bool Delete)
    {
        public ObjectContent? Content { get; init; }

        public IReadOnlyDictionary<string, string>? Metadata { get; init; }

        public (string Key, VersionId VersionId)? CopySource { get; init; }

        public string? OldKey { get; init; }

        public ETag? OldKeyETag { get; init; }

        public bool Unconditional { get; init; }

        public MoveAsidePlan? MoveAside { get; init; }

        public IReadOnlyList<PartPlan>? Parts { get; init; }

        public (string Key, VersionId VersionId)? BaseSource { get; init; }
    }

    /// <summary>One part of a multipart export: bytes [<see cref="Offset"/>, +<see cref="Length"/>), copied from the base version when <see cref="FromBase"/> and the base is long enough.</summary>
    private sealed record PartPlan(long Offset, long Length, bool FromBase);

    /// <summary>Moves another entry's base object out of the way (a rename cycle): copy to <see cref="TemporaryKey"/>, delete <see cref="Key"/>.</summary>
    private sealed record MoveAsidePlan(ExportEntry Owner, string Key, VersionId VersionId, string TemporaryKey);
}
