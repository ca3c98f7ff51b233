using S3FilesSim.FileSystem;
using S3FilesSim.HotTier;
using S3FilesSim.Import;
using S3FilesSim.Namespace;
using S3FilesSim.ObjectStorage;

namespace S3FilesSim.ReadPath;

/// <summary>
/// Serves the server side of a read from the right tier and counts it: data not yet exported from the hot tier; a read
/// request of at least the direct-read threshold of exported data straight from the bucket, pinned to the base version;
/// data not resident from the bucket, importing selected files in the background. Called with the file system's lock held.
/// </summary>
/// <remarks>https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-performance.html</remarks>
internal sealed class ReadRouter(FileSystemNamespace ns, IObjectStore store, Importer importer, long directReadThreshold)
{
    private readonly long[] _reads = new long[3];
    private readonly long[] _bytes = new long[3];
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
            if (!inode.Resident)
            {
                importer.OnNonResidentRead(inode);
            }
        }

        _reads[(int)tier]++;
        _bytes[(int)tier] += count;
        _last = tier;
        inode.LastAccessNs = ns.NowNs;
        return count;
    }

    /// <summary>Copies the base version's data of a non-resident file to the hot tier before it changes (a write or truncate).</summary>
    /// <exception cref="FileSystemException"><see cref="Errno.EINVAL"/> when the object is archived; <see cref="Errno.EIO"/> when the bucket read fails.</exception>
    public void EnsureResident(Inode inode, string operation)
    {
        if (inode.Resident || inode.Type != FileType.RegularFile || inode.VersionId is null)
        {
            return;
        }

        var data = new byte[inode.Size];
        ReadFromBucket(inode, data, 0, operation);
        ChunkStore.Write(ref inode.Content, 0, data, ns.Storage);
        inode.Resident = true;
    }

    private int ReadFromBucket(Inode inode, Span<byte> buffer, long offset, string operation)
    {
        var count = offset >= inode.Size ? 0 : (int)Math.Min(buffer.Length, inode.Size - offset);
        if (count == 0)
        {
            return 0;
        }

        try
        {
            var request = new GetObjectRequest { Key = ns.ObjectKeyOf(inode), VersionId = new VersionId(inode.VersionId!), Range = ByteRange.Between(offset, offset + count - 1) };
            using var result = StoreCall.Complete(store.GetObjectAsync(request));
            if (result.Status != ObjectReadStatus.Found)
            {
                throw FileSystemException.Create(Errno.EIO, operation, ns.PathOf(inode));
            }

            result.Body.ReadExactly(buffer[..count]);
            return count;
        }
        catch (ObjectStoreException e)
        {
            throw FileSystemException.Create(e.ErrorCode == S3ErrorCode.InvalidObjectState ? Errno.EINVAL : Errno.EIO, operation, ns.PathOf(inode));
        }
    }
}
