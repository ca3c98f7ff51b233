namespace S3FilesSim.Telemetry;

/// <summary>What a mount records per client operation: CloudWatch metrics, cost and modelled latency. Called with the file system's lock held.</summary>
internal interface IClientMetrics
{
    /// <summary>Records one client read of file data served by the tier <paramref name="kind"/> names (<see cref="OperationKind.HotRead"/>, <see cref="OperationKind.ColdRead"/>, <see cref="OperationKind.DirectRead"/>).</summary>
    void DataRead(long bytes, OperationKind kind);

    /// <summary>Records one client write of file data.</summary>
    void DataWrite(long bytes);

    /// <summary>Records an open: a metadata read of an existing file, or a metadata write when it created the file.</summary>
    void OpenRecorded(bool created);

    /// <summary>Records one metadata read (lookup, stat, readlink, open).</summary>
    void MetadataRead();

    /// <summary>Records one stat answered by the client from the attributes a recent listing returned.</summary>
    void CachedMetadataRead();

    /// <summary>Records one directory listing of <paramref name="entries"/> entries; <paramref name="firstAccess"/> when it
    /// was the directory's first access, which lists it from the bucket (<c>FirstDirectoryAccess</c> latency).</summary>
    void ReadDirectory(int entries, bool firstAccess = false);

    /// <summary>Records one metadata write (create, unlink, chmod, chown, utimens, mkdir, rmdir, symlink, truncate, fsync, close after writing).</summary>
    void MetadataWrite();

    /// <summary>Records one rename.</summary>
    void Rename();

    /// <summary>Creates the record of recent listings of one mount (one NFS client).</summary>
    ListedDirectories NewListedDirectories();
}

/// <summary>The client metrics of a file system whose telemetry is off: records nothing.</summary>
internal sealed class NoClientMetrics : IClientMetrics
{
    /// <summary>The shared instance.</summary>
    public static readonly NoClientMetrics Instance = new();

    private NoClientMetrics()
    {
    }

    /// <inheritdoc />
    public void DataRead(long bytes, OperationKind kind)
    {
    }

    /// <inheritdoc />
    public void DataWrite(long bytes)
    {
    }

    /// <inheritdoc />
    public void OpenRecorded(bool created)
    {
    }

    /// <inheritdoc />
    public void MetadataRead()
    {
    }

    /// <inheritdoc />
    public void CachedMetadataRead()
    {
    }

    /// <inheritdoc />
    public void ReadDirectory(int entries, bool firstAccess = false)
    {
    }

    /// <inheritdoc />
    public void MetadataWrite()
    {
    }

    /// <inheritdoc />
    public void Rename()
    {
    }

    /// <inheritdoc />
    public ListedDirectories NewListedDirectories() => new(TimeProvider.System, TimeSpan.Zero);
}
