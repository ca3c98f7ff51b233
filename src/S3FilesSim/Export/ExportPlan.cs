using S3FilesSim.ObjectStorage;

namespace S3FilesSim.Export;

/// <summary>One export: a delete of <see cref="Key"/>, or a write (PUT of <see cref="Content"/>, else a copy from <see cref="CopySource"/>) then a delete of <see cref="OldKey"/>.</summary>
/// <param name="Generation">The entry's change counter when planned: an export that raced with a change leaves the entry dirty.</param>
/// <param name="Key">The key written or deleted.</param>
/// <param name="Expected">The ETag the key must hold (<see langword="null"/>: it must be absent), unless <see cref="Unconditional"/>.</param>
/// <param name="Delete">Whether the export deletes <see cref="Key"/>.</param>
internal sealed record ExportPlan(long Generation, string Key, ETag? Expected, bool Delete)
{
    /// <summary>Gets the bytes to upload, or <see langword="null"/> to copy from <see cref="CopySource"/>.</summary>
    public ObjectContent? Content { get; init; }

    /// <summary>Gets the POSIX user metadata to write.</summary>
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }

    /// <summary>Gets the version copied when there are no new bytes (a rename, or a metadata change).</summary>
    public (string Key, VersionId VersionId)? CopySource { get; init; }

    /// <summary>Gets the base key a rename leaves behind, deleted after the write when it still holds <see cref="OldKeyETag"/>.</summary>
    public string? OldKey { get; init; }

    /// <summary>Gets the ETag of the base object at <see cref="OldKey"/>.</summary>
    public ETag? OldKeyETag { get; init; }

    /// <summary>Gets a value indicating whether the write has no precondition (directory markers).</summary>
    public bool Unconditional { get; init; }

    /// <summary>Gets another entry's base object to move out of the way first (a rename cycle).</summary>
    public MoveAsidePlan? MoveAside { get; init; }

    /// <summary>Gets the ETag of the version <see cref="CopySource"/> names (the bytes a copy writes), or <see langword="null"/> without a copy.</summary>
    public ETag? CopySourceETag { get; init; }

    /// <summary>Gets the parts of a multipart upload, or <see langword="null"/> for one request.</summary>
    public IReadOnlyList<PartPlan>? Parts { get; init; }

    /// <summary>Gets the base version unchanged parts are copied from.</summary>
    public (string Key, VersionId VersionId)? BaseSource { get; init; }

    /// <summary>Gets the name of the kind of write for the timeline: <c>Delete</c>, <c>Multipart</c>, <c>Put</c> or <c>Copy</c>.</summary>
    public string Kind => Delete ? "Delete" : Parts is not null ? "Multipart" : Content is not null ? "Put" : "Copy";
}

/// <summary>One part of a multipart export: bytes [<see cref="Offset"/>, +<see cref="Length"/>), copied from the base version when <see cref="FromBase"/> and the base is long enough.</summary>
internal sealed record PartPlan(long Offset, long Length, bool FromBase);

/// <summary>Moves another entry's base object out of the way (a rename cycle): copy to <see cref="TemporaryKey"/>, delete <see cref="Key"/>.</summary>
internal sealed record MoveAsidePlan(ExportEntry Owner, string Key, VersionId VersionId, string TemporaryKey);

/// <summary>What the planner decided for one entry taken from the export queue.</summary>
internal enum ExportDecisionKind
{
    /// <summary>Nothing to export: the entry is no longer pending (exported, dropped or failed since it was queued).</summary>
    Skip,

    /// <summary>A removed entry that never reached the bucket: its export state goes.</summary>
    Drop,

    /// <summary>Nothing to write (the file system root): the entry is in sync.</summary>
    Clean,

    /// <summary>The export fails for good with <see cref="ExportDecision.ErrorCode"/>, without a bucket call.</summary>
    Fail,

    /// <summary>Write <see cref="ExportDecision.Plan"/>.</summary>
    Write,
}

/// <summary>The planner's decision for one entry.</summary>
/// <param name="Kind">What to do.</param>
/// <param name="Plan">The plan, for <see cref="ExportDecisionKind.Write"/>.</param>
/// <param name="ErrorCode">The <see cref="ExportErrorCode"/>, for <see cref="ExportDecisionKind.Fail"/>.</param>
/// <param name="Key">The key the failure is reported on.</param>
internal readonly record struct ExportDecision(ExportDecisionKind Kind, ExportPlan? Plan = null, string? ErrorCode = null, string? Key = null);
