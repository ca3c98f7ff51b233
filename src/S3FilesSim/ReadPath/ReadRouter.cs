using S3FilesSim.Export;
using S3FilesSim.FileSystem;
using S3FilesSim.HotTier;
using S3FilesSim.Namespace;
using S3FilesSim.ObjectStorage;

namespace S3FilesSim.ReadPath;

/// <summary>
/// Serves the server side of a read from the right tier and counts it: data not yet exported from the hot tier; a read
/// request of at least the direct-read threshold of exported data straight from the bucket, pinned to the base version;
/// data not resident from the bucket (the caller then has the data imported when the import rules select it). Every
/// member but the two <c>*Async</c> ones is called with the file system's lock held; the bucket is read outside it.
/// </summary>
/// <remarks>https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-performance.html</remarks>
/// <param name="ns">The namespace.</param>
/// <param name="store">The bucket.</param>
/// <param name="pendingMoves">Where each entry's base object lives (its key before a rename not yet exported).</param>
/// <param name="directReadThreshold">The smallest read request served straight from the bucket.</param>
/// <param name="sparseMinBytes">The smallest file the export engine writes with multipart upload (copying unchanged parts from the base version), so it may stay metadata-only while changed.</param>
internal sealed class ReadRouter(FileSystemNamespace ns, IObjectStore store, IPendingMoves pendingMoves, long directReadThreshold, long sparseMinBytes)
{
    private readonly long[] _reads = new long[3];
    private readonly long[] _bytes = new long[3];
    private readonly Dictionary<Inode, (VersionId VersionId, long Length)> _baseLengths = [];
    private readonly Dictionary<Inode, FetchedBase> _fetched = [];
    private readonly Dictionary<Inode, (string Key, VersionId VersionId)> _removedWhileOpen = [];
    private ReadTier? _last;

    /// <summary>Gets a snapshot of the counts.</summary>
    public ReadTierStatistics Statistics => new()
    {
        HotTierReads = _reads[(int)ReadTier.HotTier],
        HotTierBytes = _bytes[(int)ReadTier.HotTier],
        BucketDirectReads = _reads[(int)ReadTier.BucketDirect],
        BucketDirectBytes = _bytes[(int)ReadTier.BucketDirect],
        BucketThenImportReads = _reads[(int)ReadTier.BucketThenImport],
        BucketThenImportBytes = _bytes[(int)ReadTier.BucketThenImport],
        LastTier = _last,
    };

    /// <summary>Gets the tier that served the most recent read (<see cref="ReadTier.HotTier"/> before the first).</summary>
    public ReadTier LastTier => _last ?? ReadTier.HotTier;

    /// <summary>
    /// Reads up to <paramref name="buffer"/>.Length bytes of <paramref name="inode"/> at <paramref name="offset"/> when
    /// no bucket call is needed; otherwise returns the plan of the bucket part, which <see cref="ReadBaseAsync"/> reads
    /// outside the lock and <see cref="CompleteRead"/> finishes.
    /// </summary>
    /// <param name="inode">The file.</param>
    /// <param name="buffer">The destination; its length is the read request size compared with the threshold.</param>
    /// <param name="offset">The file offset.</param>
    /// <param name="mayReadDirect">The mount may read straight from the bucket.</param>
    /// <param name="count">The bytes read, when the read completed.</param>
    /// <returns><see langword="null"/> when the read completed; else the bucket read to make.</returns>
    public BaseRead? TryRead(Inode inode, Span<byte> buffer, long offset, bool mayReadDirect, out int count)
    {
        var inSync = inode.DirtySinceTicks == 0 && inode.VersionId is not null;
        if (inode.Resident && (!inSync || !mayReadDirect || buffer.Length < directReadThreshold))
        {
            count = ChunkStore.Read(inode.Content, inode.Size, offset, buffer);
            Count(inode, ReadTier.HotTier, count);
            return null;
        }

        var tier = inode.Resident || (mayReadDirect && buffer.Length >= directReadThreshold) ? ReadTier.BucketDirect : ReadTier.BucketThenImport;
        count = offset >= inode.Size ? 0 : (int)Math.Min(buffer.Length, inode.Size - offset);
        var baseLength = BaseLength(inode, record: false);
        var fromBase = (int)Math.Clamp(baseLength - offset, 0, count);
        if (fromBase == 0)
        {
            ChunkStore.Read(inode.Content, inode.Size, offset, buffer[..count]);
            Count(inode, tier, count);
            return null;
        }

        var (key, version) = BaseOf(inode) ?? throw new InvalidOperationException($"Inode {inode.Number} is not resident and has no base version.");
        return new BaseRead(inode, key, version, baseLength, inode.Size, inode.ModificationTimeNs, tier, offset, count, fromBase);
    }

    /// <summary>
    /// Keeps the base version of <paramref name="inode"/>, about to be removed (unlink, or replaced by a rename) while
    /// open and not resident, readable through its open handles until the last close: exporting the delete, or a
    /// conflict the bucket wins, clears the inode's version, while the version itself stays in the versioned bucket
    /// (a delete only adds a delete marker). POSIX keeps an unlinked open file's data until the last close.
    /// Called with the lock held, before the removal.
    /// </summary>
    /// <param name="inode">The entry being removed; anything but an open, non-resident regular file with a base is ignored.</param>
    public void KeepBaseWhileOpen(Inode inode)
    {
        if (inode.OpenCount > 0 && inode.Type == FileType.RegularFile && !inode.Resident && inode.VersionId is { } version)
        {
            _removedWhileOpen[inode] = (pendingMoves.BaseKeyOf(inode), version);
        }
    }

    /// <summary>Forgets what <see cref="KeepBaseWhileOpen"/> kept, at the last close of the removed file. Called with the lock held.</summary>
    public void ForgetRemoved(Inode inode) => _removedWhileOpen.Remove(inode);

    /// <summary>The bucket key and version the file's base bytes are read from: kept at removal for a removed open file, else its own.</summary>
    private (string Key, VersionId VersionId)? BaseOf(Inode inode) =>
        inode.Removed && _removedWhileOpen.TryGetValue(inode, out var kept) ? kept
        : inode.VersionId is { } version ? (pendingMoves.BaseKeyOf(inode), version)
        : null;

    /// <summary>Reads the base-version part of <paramref name="read"/> from the bucket into <paramref name="destination"/>, outside the lock.</summary>
    /// <param name="read">The plan <see cref="TryRead"/> returned.</param>
    /// <param name="destination">Receives <see cref="BaseRead.FromBase"/> bytes.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The store's error, or <see langword="null"/>; <see cref="CompleteRead"/> raises it under the lock.</returns>
    public async ValueTask<ObjectStoreException?> ReadBaseAsync(BaseRead read, Memory<byte> destination, CancellationToken cancellationToken)
    {
        try
        {
            await ReadRangeAsync(read.Key, read.VersionId, read.Offset, destination[..read.FromBase], cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (ObjectStoreException e)
        {
            return e;
        }
    }

    /// <summary>Finishes a read whose base part was read: adds the part on the hot tier and counts it.</summary>
    /// <param name="read">The plan.</param>
    /// <param name="buffer">The destination, holding the base part.</param>
    /// <param name="error">The store error of the base part, if any.</param>
    /// <param name="operation">The syscall name for errors.</param>
    /// <returns><see langword="false"/> when the file changed since the plan: the read is planned again.</returns>
    /// <exception cref="FileSystemException"><see cref="Errno.EINVAL"/> when the object is archived and not restored; <see cref="Errno.EIO"/> when the bucket read failed.</exception>
    public bool CompleteRead(BaseRead read, Span<byte> buffer, ObjectStoreException? error, string operation)
    {
        var inode = read.Inode;
        if (BaseOf(inode) != (read.Key, read.VersionId) || inode.Size != read.Size || inode.ModificationTimeNs != read.ModificationTimeNs
            || BaseLength(inode, record: false) != read.BaseLength)
        {
            return false;
        }

        if (error is not null)
        {
            throw ToFileSystemException(error, operation, inode);
        }

        if (read.FromBase < read.Count)
        {
            ChunkStore.Read(inode.Content, inode.Size, read.Offset + read.FromBase, buffer[read.FromBase..read.Count]);
        }

        Count(inode, read.Tier, read.Count);
        return true;
    }

    /// <summary>
    /// Prepares a non-resident file for a write at <paramref name="offset"/>: a write past the end keeps the file
    /// metadata-only (the hot tier holds only the new bytes, and the export copies the rest from the base version); a
    /// write inside it first copies the base version's bytes to the hot tier.
    /// </summary>
    /// <exception cref="BucketFetchRequiredException">The base bytes must be read first; nothing changed.</exception>
    /// <exception cref="FileSystemException"><see cref="Errno.EINVAL"/> when the object is archived; <see cref="Errno.EIO"/> when the bucket read failed.</exception>
    public void BeforeWrite(Inode inode, long offset, string operation)
    {
        if (inode.Resident || inode.Type != FileType.RegularFile || inode.VersionId is null)
        {
            return;
        }

        if (offset >= inode.Size && inode.Size >= sparseMinBytes)
        {
            _ = BaseLength(inode, record: true);
            return;
        }

        MakeResident(inode, operation);
    }

    /// <summary>Before flushed writes reach a file: a non-resident file without a recorded append (it expired after the writes began) first gets its base bytes.</summary>
    /// <exception cref="BucketFetchRequiredException">The base bytes must be read first; nothing changed.</exception>
    /// <exception cref="FileSystemException">As <see cref="BeforeWrite"/>.</exception>
    public void BeforeFlush(Inode inode, string operation)
    {
        if (!_baseLengths.TryGetValue(inode, out var known) || known.VersionId != inode.VersionId)
        {
            BeforeWrite(inode, 0, operation);
        }
    }

    /// <summary>A non-resident file's length changes to <paramref name="length"/>: bytes past it no longer come from the base version.</summary>
    /// <exception cref="BucketFetchRequiredException">The base bytes must be read first; nothing changed.</exception>
    /// <exception cref="FileSystemException">As <see cref="BeforeWrite"/>.</exception>
    public void BeforeSetLength(Inode inode, long length, string operation)
    {
        if (inode.Resident || inode.VersionId is null)
        {
            return;
        }

        if (length < sparseMinBytes || inode.Size < sparseMinBytes)
        {
            MakeResident(inode, operation);
            return;
        }

        _baseLengths[inode] = (inode.VersionId.Value, Math.Min(BaseLength(inode, record: false), length));
    }

    /// <summary>Copies the base version's bytes of a regular file that is not (or not wholly) resident to the hot tier.</summary>
    /// <exception cref="BucketFetchRequiredException">The base bytes must be read first; nothing changed.</exception>
    /// <exception cref="FileSystemException"><see cref="Errno.EIO"/> when the bucket read failed.</exception>
    public void MakeResident(Inode inode, string operation)
    {
        try
        {
            MakeResidentOrThrowStoreError(inode);
        }
        catch (ObjectStoreException e)
        {
            throw ToFileSystemException(e, operation, inode);
        }
    }

    /// <summary>
    /// Copies the base version's bytes of a regular file that is not (or not wholly) resident to the hot tier, for
    /// background work (a move to lost+found) that retries on a transient bucket error.
    /// </summary>
    /// <exception cref="BucketFetchRequiredException">The base bytes must be read first (<see cref="FetchBaseAsync"/>); nothing changed.</exception>
    /// <exception cref="ObjectStoreException">The bucket read failed (<c>NoSuchVersion</c> when the base version is gone);
    /// nothing changed.</exception>
    public void MakeResidentOrThrowStoreError(Inode inode)
    {
        if (inode.Resident || inode.Type != FileType.RegularFile || inode.VersionId is null)
        {
            return;
        }

        var length = KnownBaseLength(inode);
        if (!_fetched.Remove(inode, out var fetched) || fetched.VersionId != inode.VersionId || fetched.Length != length || fetched.Key != pendingMoves.BaseKeyOf(inode))
        {
            throw new BaseBytesRequired(this, inode);
        }

        if (fetched.Error is { } error)
        {
            throw error;
        }

        ChunkStore.Write(ref inode.Content, 0, fetched.Bytes!, ns.Storage);
        inode.Resident = true;
        _baseLengths.Remove(inode);
    }

    /// <summary>Reads the base bytes of <paramref name="inode"/> from the bucket, outside the lock, for its next <see cref="MakeResident"/>.</summary>
    /// <param name="inode">The file.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>A task that completes when the bytes (or the store's error) are kept.</returns>
    public async ValueTask FetchBaseAsync(Inode inode, CancellationToken cancellationToken)
    {
        string key;
        VersionId versionId;
        long length;
        long size;
        lock (ns.Gate)
        {
            if (inode.Resident || inode.Type != FileType.RegularFile || inode.VersionId is null)
            {
                return;
            }

            key = pendingMoves.BaseKeyOf(inode);
            versionId = inode.VersionId.Value;
            length = KnownBaseLength(inode);
            size = inode.Size;
        }

        var bytes = new byte[length];
        ObjectStoreException? error = null;
        try
        {
            await ReadRangeAsync(key, versionId, 0, bytes.AsMemory(0, (int)Math.Min(length, size)), cancellationToken).ConfigureAwait(false);
        }
        catch (ObjectStoreException e)
        {
            error = e;
        }

        lock (ns.Gate)
        {
            _fetched[inode] = new FetchedBase(key, versionId, length, error is null ? bytes : null, error);
        }
    }

    private FileSystemException ToFileSystemException(ObjectStoreException e, string operation, Inode inode) =>
        FileSystemException.Create(e.ErrorCode == S3ErrorCode.InvalidObjectState ? Errno.EINVAL : Errno.EIO, operation, ns.PathOf(inode));

    private void Count(Inode inode, ReadTier tier, int count)
    {
        _reads[(int)tier]++;
        _bytes[(int)tier] += count;
        _last = tier;
        inode.LastAccessNs = ns.NowNs;
    }

    /// <summary>Gets how many leading bytes of a non-resident file come from its base version (the rest is on the hot tier).</summary>
    private long BaseLength(Inode inode, bool record)
    {
        if (_baseLengths.TryGetValue(inode, out var known) && known.VersionId == BaseOf(inode)?.VersionId)
        {
            return known.Length;
        }

        if (record)
        {
            _baseLengths[inode] = (inode.VersionId!.Value, inode.Size);
        }
        else
        {
            _baseLengths.Remove(inode);
        }

        return inode.Size;
    }

    /// <summary>As <see cref="BaseLength"/>, without forgetting a stale record.</summary>
    public long KnownBaseLength(Inode inode) =>
        _baseLengths.TryGetValue(inode, out var known) && known.VersionId == BaseOf(inode)?.VersionId ? known.Length : inode.Size;

    /// <summary>Reads <paramref name="destination"/>.Length bytes of version <paramref name="versionId"/> of <paramref name="key"/> from <paramref name="offset"/>.</summary>
    /// <exception cref="ObjectStoreException">The read failed, or the version is gone (<c>NoSuchVersion</c>).</exception>
    private async ValueTask ReadRangeAsync(string key, VersionId versionId, long offset, Memory<byte> destination, CancellationToken cancellationToken)
    {
        if (destination.IsEmpty)
        {
            return;
        }

        var request = new GetObjectRequest { Key = key, VersionId = versionId, Range = ByteRange.Between(offset, offset + destination.Length - 1) };
        using var result = await store.GetObjectAsync(request, cancellationToken).ConfigureAwait(false);
        if (result.Status != ObjectReadStatus.Found)
        {
            throw ObjectStoreException.Create(S3ErrorCode.NoSuchVersion, $"The base version {versionId} of '{key}' is gone.", key);
        }

        await result.Body.ReadExactlyAsync(destination, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The base bytes of a file read outside the lock for its next <see cref="MakeResidentOrThrowStoreError"/>, or the store's error.</summary>
    private sealed record FetchedBase(string Key, VersionId VersionId, long Length, byte[]? Bytes, ObjectStoreException? Error);

    /// <summary>The base bytes of a file are needed: <see cref="FetchAsync"/> reads them.</summary>
    private sealed class BaseBytesRequired(ReadRouter router, Inode inode) : BucketFetchRequiredException
    {
        public override ValueTask FetchAsync(CancellationToken cancellationToken) => router.FetchBaseAsync(inode, cancellationToken);
    }
}

/// <summary>The bucket part of a read that the hot tier cannot serve: bytes [<see cref="Offset"/>, +<see cref="FromBase"/>) of the base version.</summary>
/// <param name="Inode">The file.</param>
/// <param name="Key">The key of its base object.</param>
/// <param name="VersionId">The base version.</param>
/// <param name="BaseLength">How many leading bytes come from the base version, when planned.</param>
/// <param name="Size">The file's size when planned.</param>
/// <param name="ModificationTimeNs">The file's mtime when planned: a write since then means the read is planned again.</param>
/// <param name="Tier">The tier that serves it.</param>
/// <param name="Offset">The file offset.</param>
/// <param name="Count">The bytes the read returns.</param>
/// <param name="FromBase">The leading bytes of those read from the base version.</param>
internal sealed record BaseRead(Inode Inode, string Key, VersionId VersionId, long BaseLength, long Size, long ModificationTimeNs, ReadTier Tier, long Offset, int Count, int FromBase);
