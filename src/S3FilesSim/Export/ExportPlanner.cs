using System.Text;
using S3FilesSim.FileSystem;
using S3FilesSim.HotTier;
using S3FilesSim.Namespace;
using S3FilesSim.ObjectStorage;
using S3FilesSim.Time;

namespace S3FilesSim.Export;

/// <summary>
/// The export planner: decides, from an entry's state alone, what its export writes (a PUT, a copy, a multipart upload
/// or a delete, with its precondition) without calling the bucket, so it is testable without a store. Called with the
/// file system's lock held.
/// </summary>
/// <remarks>https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-synchronization.html</remarks>
/// <param name="options">The export options (multipart threshold and part size).</param>
/// <param name="capabilities">What the bucket supports (multipart uploads, part copies).</param>
/// <param name="renames">The base keys of pending moves: a write onto another entry's base key first moves it aside.</param>
/// <param name="entries">The export state, for failed parent directories.</param>
/// <param name="random">The random source of temporary keys.</param>
/// <param name="keys">The file system's keys.</param>
internal sealed class ExportPlanner(ExportOptions options, ObjectStoreCapabilities capabilities, RenameTracking renames, ExportEntries entries, DeterministicRandom random, ObjectKeys keys)
{
    /// <summary>The longest object key, in UTF-8 bytes.</summary>
    public const int MaxKeyBytes = 1024;

    private const string CycleMarker = ".s3files-rename-";

    /// <summary>Plans the export of <paramref name="entry"/>.</summary>
    /// <returns>The decision; for a rename cycle the plan's <see cref="ExportPlan.MoveAside"/> names the temporary key the owner's base moves to.</returns>
    public ExportDecision Plan(ExportEntry entry)
    {
        var inode = entry.Inode;
        if (!ReferenceEquals(inode.SyncState, entry) || entry.FirstChangeTicks == 0)
        {
            return new(ExportDecisionKind.Skip);
        }

        if (inode.Removed)
        {
            return inode.VersionId is null || entry.BaseKey is null
                ? new(ExportDecisionKind.Drop)
                : new(ExportDecisionKind.Write, new ExportPlan(entry.Generation, entry.BaseKey, inode.ETag!.Value, Delete: true) { Unconditional = inode.IsDirectory });
        }

        var key = keys.Of(inode);
        if (entries.FailedDependency(inode))
        {
            return Failure(ExportErrorCode.DependencyExportFailed, key);
        }

        if (key.Length == 0)
        {
            return new(ExportDecisionKind.Clean);
        }

        if (Encoding.UTF8.GetByteCount(key) > MaxKeyBytes)
        {
            return Failure(ExportErrorCode.PathTooLong, key);
        }

        var metadata = PosixObjectMetadata.Of(inode);
        if (PosixObjectMetadata.SizeOf(metadata) > PosixObjectMetadata.MaxBytes)
        {
            return Failure(ExportErrorCode.S3UserMetadataTooLarge, key);
        }

        var hasBase = inode.VersionId is not null;
        var oldKey = hasBase && entry.BaseKey is { } baseKey && baseKey != key ? baseKey : null;
        MoveAsidePlan? aside = null;
        if ((oldKey is not null || !hasBase) && renames.TryGetOwner(key, out var owner) && !ReferenceEquals(owner, entry) && owner.Inode.VersionId is not null)
        {
            var temporary = key + CycleMarker + random.NextHex(10);
            if (Encoding.UTF8.GetByteCount(temporary) > MaxKeyBytes)
            {
                return Failure(ExportErrorCode.KeyTooLongToBreakCycle, key);
            }

            aside = new MoveAsidePlan(owner, key, owner.Inode.VersionId!.Value, temporary);
        }

        var expected = hasBase && oldKey is null ? inode.ETag : null;

        // A retry after this export moved a previous owner's base aside: the key may still hold that released version
        // (the delete after the move failed), which this write replaces.
        var overwritesReleased = entry.ReleasedKey == key && aside is null;
        var multipart = inode.Type == FileType.RegularFile && inode.Size >= options.MultipartThresholdBytes && capabilities.Multipart;

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
            parts = PlanParts(inode, hasBase && capabilities.UploadPartCopy);
        }

        return new(ExportDecisionKind.Write, new ExportPlan(entry.Generation, key, expected, Delete: false)
        {
            Content = content,
            Parts = parts,
            BaseSource = hasBase ? (entry.BaseKey ?? key, inode.VersionId!.Value) : null,
            Metadata = metadata,
            CopySource = content is null ? (oldKey ?? key, inode.VersionId!.Value) : null,
            CopySourceETag = content is null ? inode.ETag : null,
            OldKey = oldKey,
            OldKeyETag = oldKey is null ? null : inode.ETag,
            Unconditional = inode.IsDirectory || overwritesReleased,
            MoveAside = aside,
        });
    }

    private static ExportDecision Failure(string code, string key) => new(ExportDecisionKind.Fail, ErrorCode: code, Key: key);

    private List<PartPlan> PlanParts(Inode inode, bool canCopy)
    {
        var parts = new List<PartPlan>();
        var partSize = options.MultipartPartSizeBytes;
        for (long offset = 0; offset < inode.Size; offset += partSize)
        {
            var length = Math.Min(partSize, inode.Size - offset);
            parts.Add(new PartPlan(offset, length, canCopy && !inode.Resident && !ChunkStore.HasDataIn(inode.Content, offset, length)));
        }

        return parts;
    }
}
