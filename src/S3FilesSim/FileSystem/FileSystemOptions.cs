namespace S3FilesSim.FileSystem;

/// <summary>Options of one S3 Files file system (<see cref="S3FilesSimulation.CreateFileSystem(FileSystemOptions?)"/>), validated once when it is created.</summary>
/// <remarks>Limits default to the documented S3 Files quotas (https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-quotas.html).</remarks>
public sealed record FileSystemOptions
{
    /// <summary>The documented largest file, 52,673,613,135,872 bytes (48 TiB).</summary>
    public const long DefaultMaxFileSizeBytes = 52_673_613_135_872;

    /// <summary>Gets the scope of the file system in its bucket: <c>""</c> (the whole bucket) or a key prefix ending in <c>/</c>, at most 1,024 characters of valid Unicode
    /// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-file-systems-creating.html).</summary>
    /// <value>The default value is <c>""</c>.</value>
    public string Prefix { get; init; } = string.Empty;

    /// <summary>Gets the most handles one mount may have open at once; one more fails with <see cref="Errno.EMFILE"/>.</summary>
    /// <value>The default value is 65,536 (the documented open files per client).</value>
    public int MaxOpenFilesPerMount { get; init; } = 65_536;

    /// <summary>Gets the largest file in bytes; writes and truncates past it fail with <see cref="Errno.EFBIG"/>.</summary>
    /// <value>The default value is 52,673,613,135,872 bytes (48 TiB).</value>
    public long MaxFileSizeBytes { get; init; } = DefaultMaxFileSizeBytes;

    /// <summary>Gets the most advisory locks on one file across all mounts; one more fails with <see cref="Errno.ENOLCK"/>.</summary>
    /// <value>The default value is 512.</value>
    public int MaxLocksPerFile { get; init; } = 512;

    /// <summary>Gets the most advisory locks held by one mount; one more fails with <see cref="Errno.ENOLCK"/>.</summary>
    /// <value>The default value is 8,192.</value>
    public int MaxLocksPerMount { get; init; } = 8192;

    /// <summary>Gets the bytes of high-performance storage charged to every file, directory and symbolic link for its metadata, on top of its data chunks (<c>StorageBytes</c>).</summary>
    /// <value>The default value is 4,096 bytes (the 4 KiB metadata minimum of the S3 Files metering rules).</value>
    public long MetadataBytesPerInode { get; init; } = 4096;

    /// <summary>Gets how the file system writes changes back to its bucket (commit delay, rate ceilings, retries).</summary>
    /// <value>The default value is <see cref="Export.ExportOptions"/> with its defaults (60 s commit delay, 800 files/s, 2,700 MB/s).</value>
    public Export.ExportOptions Export { get; init; } = new();

    /// <summary>Gets how the file system imports from its bucket (rate ceilings, expiration sweep).</summary>
    /// <value>The default value is <see cref="Import.ImportOptions"/> with its defaults.</value>
    public Import.ImportOptions Import { get; init; } = new();

    /// <summary>
    /// Gets the smallest read request, in bytes, of data already exported that is served straight from the bucket when the
    /// mount may read direct (https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-performance.html; older
    /// pages said 128 KB).
    /// </summary>
    /// <value>The default value is 1,048,576 (1 MiB).</value>
    public long DirectReadThreshold { get; init; } = 1_048_576;

    /// <summary>
    /// Gets a value indicating whether creating the file system fails over a bucket without versioning, as S3 Files does
    /// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-prereq-policies.html). Turn it off only to study an
    /// unversioned store: conflict detection then compares ETags of a single overwritten version.
    /// </summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool RequireBucketVersioning { get; init; } = true;

    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(Import, nameof(Import));
        Import.Validate();
        if (DirectReadThreshold < 1)
        {
            throw new ArgumentException($"{nameof(DirectReadThreshold)} must be positive; it was {DirectReadThreshold}.", nameof(DirectReadThreshold));
        }

        ArgumentNullException.ThrowIfNull(Prefix, nameof(Prefix));
        ArgumentNullException.ThrowIfNull(Export, nameof(Export));
        Export.Validate();
        if (Prefix.Length > 1024 || (Prefix.Length > 0 && Prefix[^1] != '/') || !Security.PathResolver.IsValidUnicode(Prefix))
        {
            throw new ArgumentException($"{nameof(Prefix)} must be empty or end with '/' and have at most 1,024 characters of valid Unicode; it was '{Prefix}'.", nameof(Prefix));
        }

        if (MaxOpenFilesPerMount < 1)
        {
            throw new ArgumentException($"{nameof(MaxOpenFilesPerMount)} must be positive; it was {MaxOpenFilesPerMount}.", nameof(MaxOpenFilesPerMount));
        }

        if (MaxFileSizeBytes < 0 || MaxFileSizeBytes > DefaultMaxFileSizeBytes)
        {
            throw new ArgumentException($"{nameof(MaxFileSizeBytes)} must be between 0 and {DefaultMaxFileSizeBytes}; it was {MaxFileSizeBytes}.", nameof(MaxFileSizeBytes));
        }

        if (MaxLocksPerFile < 1 || MaxLocksPerMount < 1)
        {
            throw new ArgumentException($"{nameof(MaxLocksPerFile)} and {nameof(MaxLocksPerMount)} must be positive.", nameof(MaxLocksPerFile));
        }

        if (MetadataBytesPerInode < 0)
        {
            throw new ArgumentException($"{nameof(MetadataBytesPerInode)} must not be negative; it was {MetadataBytesPerInode}.", nameof(MetadataBytesPerInode));
        }
    }
}
