namespace S3FilesSim.HotTier;

/// <summary>
/// The accounting of one file system's high-performance storage: bytes allocated to file chunks plus a fixed metadata
/// charge per inode, the <c>StorageBytes</c> CloudWatch metric
/// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-monitoring-cloudwatch.html).
/// </summary>
/// <remarks>Thread-safe counters.</remarks>
internal sealed class HotTierStorage
{
    private long _dataBytes;
    private long _inodes;

    /// <summary>Creates the accounting.</summary>
    /// <param name="metadataBytesPerInode">The metadata charge per file, directory or symlink, in bytes.</param>
    /// <param name="fileBytesChanged">What is told when one file's allocated bytes change: (bytes before, bytes after),
    /// <see langword="null"/> for none (the cost meter's per-file billing, absent when telemetry is off).</param>
    public HotTierStorage(long metadataBytesPerInode, Action<long?, long?>? fileBytesChanged = null)
    {
        MetadataBytesPerInode = metadataBytesPerInode;
        FileBytesChanged = fileBytesChanged;
    }

    /// <summary>Gets the metadata charge per inode, in bytes.</summary>
    public long MetadataBytesPerInode { get; }

    /// <summary>Gets the bytes allocated to file data chunks.</summary>
    public long DataBytes => Interlocked.Read(ref _dataBytes);

    /// <summary>Gets the number of inodes charged.</summary>
    public long Inodes => Interlocked.Read(ref _inodes);

    /// <summary>Gets data bytes plus the metadata charge of every inode.</summary>
    public long StorageBytes => DataBytes + (Inodes * MetadataBytesPerInode);

    /// <summary>Records <paramref name="bytes"/> newly allocated to chunks.</summary>
    public void Allocate(long bytes) => Interlocked.Add(ref _dataBytes, bytes);

    /// <summary>Records <paramref name="bytes"/> of chunks freed.</summary>
    public void Release(long bytes) => Interlocked.Add(ref _dataBytes, -bytes);

    /// <summary>Gets what is told when one file's allocated bytes change: (bytes before, bytes after), <see langword="null"/> for none.</summary>
    public Action<long?, long?>? FileBytesChanged { get; }

    /// <summary>Tells <see cref="FileBytesChanged"/> that a file with <paramref name="before"/> allocated bytes now holds <paramref name="data"/>.</summary>
    public void ReportFileChange(long before, object? data)
    {
        if (FileBytesChanged is { } changed)
        {
            var after = ChunkStore.AllocatedBytes(data);
            if (after != before)
            {
                changed(before == 0 ? null : before, after == 0 ? null : after);
            }
        }
    }

    /// <summary>Records a new inode.</summary>
    public void AddInode() => Interlocked.Increment(ref _inodes);

    /// <summary>Records a removed inode.</summary>
    public void RemoveInode() => Interlocked.Decrement(ref _inodes);
}
