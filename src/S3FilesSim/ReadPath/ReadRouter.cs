using S3FilesSim.FileSystem;
using S3FilesSim.HotTier;
using S3FilesSim.Export;
using S3FilesSim.Import;
using S3FilesSim.Namespace;
using S3FilesSim.ObjectStorage;

namespace S3FilesSim.ReadPath;

/// <summary>
/// Serves the server side of a read from the right tier and counts it: data not yet exported from the hot tier; a read
/// request of at least the direct-read threshold of exported data straight from the bucket, pinned to the base version;
/// data not resident from the bucket (the caller then has the data imported when the import rules select it). Called
/// with the file system's lock held.
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
    private readonly Dictionary<Inode, (string VersionId, long Length)> _baseLengths = [];
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

    /// <summary>Reads up to <paramref name="buffer"/>.Length bytes of <paramref name="inode"/> at <paramref name="offset"/>.</summary>
    /// <param name="inode">The file.</param>
    /// <param name="buffer">The destination; its length is the read request size compared with the threshold.</param>
    /// <param name="offset">The file offset.</param>
    /// <param name="mayReadDirect">The mount may read straight from the bucket.</param>
    /// <param name="operation">The syscall name for errors.</param>
    /// <returns>The bytes read.</returns>
    /// <exception cref="FileSystemException"><see cref="Errno.EINVAL"/> when the object is archived and not restored; <see cref="Errno.EIO"/> when the bucket read fails.</exception>
    public int Read(Inode inode, Span<byte> buffer, long offset, bool mayReadDirect, string operation)
    {
        var inSync = inode.DirtySinceTicks == 0 && inode.VersionId is not null;
        ReadTier tier;
        int count;
        if (inode.Resident && (!inSync || !mayReadDirect || buffer.Length < directReadThreshold))
        {
            tier = ReadTier.HotTier;
            count = ChunkStore.Read(inode.Content, inode.Size, offset, buffer);
        }
        else
        {
            tier = inode.Resident || (mayReadDirect && buffer.Length >= directReadThreshold) ? ReadTier.BucketDirect : ReadTier.BucketThenImport;
            count = ReadFromBucket(inode, buffer, offset, operation);
        }

        _reads[(int)tier]++;
        _bytes[(int)tier] += count;
        _last = tier;
        inode.LastAccessNs = ns.NowNs;
        return count;
    }

    /// <summary>
    /// Prepares a non-resident file for a write at <paramref name="offset"/>: a write past the end keeps the file
    /// metadata-only (the hot tier holds only the new bytes, and the export copies the rest from the base version); a
    /// write inside it first copies the base version's bytes to the hot tier.
    /// </summary>
    /// <exception cref="FileSystemException"><see cref="Errno.EINVAL"/> when the object is archived; <see cref="Errno.EIO"/> when the bucket read fails.</exception>
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
    /// <exception cref="FileSystemException">As <see cref="BeforeWrite"/>.</exception>
    public void BeforeFlush(Inode inode, string operation)
    {
        if (!_baseLengths.TryGetValue(inode, out var known) || known.VersionId != inode.VersionId)
        {
            BeforeWrite(inode, 0, operation);
        }
    }

    /// <summary>A non-resident file's length changes to <paramref name="length"/>: bytes past it no longer come from the base version.</summary>
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

        _baseLengths[inode] = (inode.VersionId, Math.Min(BaseLength(inode, record: false), length));
    }

    /// <summary>Gets how many leading bytes of a non-resident file come from its base version, recording nothing (the observer's read).</summary>
    public long ObservedBaseLength(Inode inode) =>
        _baseLengths.TryGetValue(inode, out var known) && known.VersionId == inode.VersionId ? known.Length : inode.Size;

    /// <summary>Gets how many leading bytes of a non-resident file come from its base version (the rest is on the hot tier).</summary>
    private long BaseLength(Inode inode, bool record)
    {
        if (_baseLengths.TryGetValue(inode, out var known) && known.VersionId == inode.VersionId)
        {
            return known.Length;
        }

        if (record)
        {
            _baseLengths[inode] = (inode.VersionId!, inode.Size);
        }
        else
        {
            _baseLengths.Remove(inode);
        }

        return inode.Size;
    }

    /// <summary>Copies the base version's bytes of a regular file that is not (or not wholly) resident to the hot tier.</summary>
    /// <exception cref="FileSystemException"><see cref="Errno.EIO"/> when the bucket read fails.</exception>
    public void MakeResident(Inode inode, string operation)
    {
        try
        {
            MakeResidentOrThrowStoreError(inode);
        }
        catch (ObjectStoreException e)
        {
            throw FileSystemException.Create(e.ErrorCode == S3ErrorCode.InvalidObjectState ? Errno.EINVAL : Errno.EIO, operation, ns.PathOf(inode));
        }
    }

    /// <summary>
    /// Copies the base version's bytes of a regular file that is not (or not wholly) resident to the hot tier, for
    /// background work (a move to lost+found) that retries on a transient bucket error.
    /// </summary>
    /// <exception cref="ObjectStoreException">The bucket read failed (<c>NoSuchVersion</c> when the base version is gone);
    /// nothing changed.</exception>
    public void MakeResidentOrThrowStoreError(Inode inode)
    {
        if (inode.Resident || inode.Type != FileType.RegularFile || inode.VersionId is null)
        {
            return;
        }

        var data = new byte[BaseLength(inode, record: false)];
        ReadBase(inode, data.AsSpan(0, (int)Math.Min(data.Length, inode.Size)), 0);
        ChunkStore.Write(ref inode.Content, 0, data, ns.Storage);
        inode.Resident = true;
        _baseLengths.Remove(inode);
    }

    private int ReadFromBucket(Inode inode, Span<byte> buffer, long offset, string operation)
    {
        var count = offset >= inode.Size ? 0 : (int)Math.Min(buffer.Length, inode.Size - offset);
        var fromBase = (int)Math.Clamp(BaseLength(inode, record: false) - offset, 0, count);
        if (fromBase < count)
        {
            ChunkStore.Read(inode.Content, inode.Size, offset + fromBase, buffer[fromBase..count]);
        }

        if (fromBase == 0)
        {
            return count;
        }

        try
        {
            ReadBase(inode, buffer[..fromBase], offset);
            return count;
        }
        catch (ObjectStoreException e)
        {
            throw FileSystemException.Create(e.ErrorCode == S3ErrorCode.InvalidObjectState ? Errno.EINVAL : Errno.EIO, operation, ns.PathOf(inode));
        }
    }

    /// <summary>Reads <paramref name="buffer"/>.Length bytes of the base version of <paramref name="inode"/> from <paramref name="offset"/>.</summary>
    /// <exception cref="ObjectStoreException">The read failed, or the base version is gone (<c>NoSuchVersion</c>).</exception>
    private void ReadBase(Inode inode, Span<byte> buffer, long offset)
    {
        if (buffer.IsEmpty)
        {
            return;
        }

        var key = pendingMoves.BaseKeyOf(inode);
        var request = new GetObjectRequest { Key = key, VersionId = new VersionId(inode.VersionId!), Range = ByteRange.Between(offset, offset + buffer.Length - 1) };
        using var result = StoreCall.Complete(store.GetObjectAsync(request));
        if (result.Status != ObjectReadStatus.Found)
        {
            throw ObjectStoreException.Create(S3ErrorCode.NoSuchVersion, $"The base version {inode.VersionId} of '{key}' is gone.", key);
        }

        result.Body.ReadExactly(buffer);
    }
}
