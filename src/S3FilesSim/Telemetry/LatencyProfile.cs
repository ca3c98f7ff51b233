namespace S3FilesSim.Telemetry;

/// <summary>
/// The modelled latencies of client operations for an EC2 client in the same Region as the file system; the defaults
/// are calibrated to published measurements (see docs/SEMANTICS.md, "Modelled latency").
/// </summary>
/// <remarks>
/// <para>A data operation takes its first-byte time plus its bytes divided by its throughput; a listing takes its base
/// time plus a time per entry. Sources: https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-performance.html
/// (per-client read throughput 3 GiB/s, import 2,400 objects/s),
/// https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files.html ("sub-millisecond to single-digit millisecond"
/// latency for active data), and the seed article's medium-file table, the calibration target.</para>
/// <para>Modelled latencies are reported, never waited for: they do not move the virtual clock.</para>
/// </remarks>
public sealed record LatencyProfile
{
    /// <summary>Gets the latency of a metadata read (lookup, stat).</summary>
    /// <value>The default value is 1 ms ("~1 ms" for active data).</value>
    public TimeSpan MetadataRead { get; init; } = TimeSpan.FromMilliseconds(1);

    /// <summary>Gets the latency of a metadata write (create, chmod, fsync commit).</summary>
    /// <value>The default value is 1.5 ms.</value>
    public TimeSpan MetadataWrite { get; init; } = TimeSpan.FromMilliseconds(1.5);

    /// <summary>Gets the latency of a rename.</summary>
    /// <value>The default value is 5.5 ms (seed article: 20 renames in 114 ms).</value>
    public TimeSpan Rename { get; init; } = TimeSpan.FromMilliseconds(5.5);

    /// <summary>Gets the latency of a stat the client answers from attributes a READDIRPLUS returned (a local cache lookup).</summary>
    /// <value>The default value is 2 µs (seed article: the stats of its 10,000-entry list + stat add almost nothing to the listing).</value>
    public TimeSpan CachedMetadataRead { get; init; } = TimeSpan.FromMicroseconds(2);

    /// <summary>Gets how long the client keeps the attributes a directory listing (READDIRPLUS) returned, answering stat
    /// calls on the listed entries from them; <see cref="TimeSpan.Zero"/> sends every stat to the file system.</summary>
    /// <value>The default value is 3 s (the Linux NFS client's default <c>acregmin</c>, nfs(5)).</value>
    public TimeSpan ListedAttributesLifetime { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Gets the fixed part of listing a known directory.</summary>
    /// <value>The default value is 1 ms.</value>
    public TimeSpan ReadDirectoryBase { get; init; } = TimeSpan.FromMilliseconds(1);

    /// <summary>Gets the time per entry of listing a known directory with attributes.</summary>
    /// <value>The default value is 90 µs (seed article: 10,000-entry list + stat in 905 ms).</value>
    public TimeSpan ReadDirectoryPerEntry { get; init; } = TimeSpan.FromMicroseconds(90);

    /// <summary>Gets the fixed part of a directory's first access (bucket listing and import).</summary>
    /// <value>The default value is 8 ms ("several ms").</value>
    public TimeSpan FirstDirectoryAccessBase { get; init; } = TimeSpan.FromMilliseconds(8);

    /// <summary>Gets the time per entry of a directory's first access.</summary>
    /// <value>The default value is 1/2,400 s (about 417 µs: the documented import rate of 2,400 objects/s).</value>
    public TimeSpan FirstDirectoryAccessPerEntry { get; init; } = TimeSpan.FromTicks(TimeSpan.TicksPerSecond / 2400);

    /// <summary>Gets the first-byte latency of a read from high-performance storage.</summary>
    /// <value>The default value is 0.4 ms ("sub-millisecond" small reads).</value>
    public TimeSpan HotReadFirstByte { get; init; } = TimeSpan.FromMilliseconds(0.4);

    /// <summary>Gets the throughput of reads from high-performance storage, in bytes per second.</summary>
    /// <value>The default value is 1.75 GiB/s (seed article: 20 reads of 10 MB in 139 ms).</value>
    public double HotReadBytesPerSecond { get; init; } = 1.75 * (1L << 30);

    /// <summary>Gets the first-byte latency of a read served from the client page cache.</summary>
    /// <value>The default value is 20 µs (a local memory copy; no published figure).</value>
    public TimeSpan CachedReadFirstByte { get; init; } = TimeSpan.FromMicroseconds(20);

    /// <summary>Gets the throughput of reads from the client page cache, in bytes per second.</summary>
    /// <value>The default value is 10 GiB/s (a local memory copy; no published figure).</value>
    public double CachedReadBytesPerSecond { get; init; } = 10.0 * (1L << 30);

    /// <summary>Gets the first-byte latency of an on-demand fetch of non-resident data from the bucket.</summary>
    /// <value>The default value is 20 ms (an S3 GET's first byte).</value>
    public TimeSpan ColdReadFirstByte { get; init; } = TimeSpan.FromMilliseconds(20);

    /// <summary>Gets the throughput of on-demand fetches from the bucket, in bytes per second.</summary>
    /// <value>The default value is 700 MB/s (the documented import throughput per file system).</value>
    public double ColdReadBytesPerSecond { get; init; } = 700e6;

    /// <summary>Gets the first-byte latency of a read streamed directly from the bucket.</summary>
    /// <value>The default value is 20 ms (S3 first byte, 15–30 ms).</value>
    public TimeSpan DirectReadFirstByte { get; init; } = TimeSpan.FromMilliseconds(20);

    /// <summary>Gets the throughput of direct reads from the bucket, in bytes per second.</summary>
    /// <value>The default value is 3 GiB/s (the documented per-client read throughput).</value>
    public double DirectReadBytesPerSecond { get; init; } = 3.0 * (1L << 30);

    /// <summary>Gets the fixed part of a write to high-performance storage.</summary>
    /// <value>The default value is 1 ms.</value>
    public TimeSpan WriteFirstByte { get; init; } = TimeSpan.FromMilliseconds(1);

    /// <summary>Gets the throughput of writes to high-performance storage, in bytes per second.</summary>
    /// <value>The default value is 1 GiB/s (seed article: 20 writes of 10 MB in 256 ms).</value>
    public double WriteBytesPerSecond { get; init; } = 1L << 30;

    internal void Validate()
    {
        foreach (var (name, span) in new[]
        {
            (nameof(MetadataRead), MetadataRead), (nameof(MetadataWrite), MetadataWrite), (nameof(Rename), Rename),
            (nameof(CachedMetadataRead), CachedMetadataRead), (nameof(ListedAttributesLifetime), ListedAttributesLifetime),
            (nameof(ReadDirectoryBase), ReadDirectoryBase), (nameof(ReadDirectoryPerEntry), ReadDirectoryPerEntry),
            (nameof(FirstDirectoryAccessBase), FirstDirectoryAccessBase), (nameof(FirstDirectoryAccessPerEntry), FirstDirectoryAccessPerEntry),
            (nameof(HotReadFirstByte), HotReadFirstByte), (nameof(CachedReadFirstByte), CachedReadFirstByte),
            (nameof(ColdReadFirstByte), ColdReadFirstByte), (nameof(DirectReadFirstByte), DirectReadFirstByte),
            (nameof(WriteFirstByte), WriteFirstByte),
        })
        {
            if (span < TimeSpan.Zero)
            {
                throw new ArgumentException($"{name} must not be negative; it was {span}.", name);
            }
        }

        foreach (var (name, rate) in new[]
        {
            (nameof(HotReadBytesPerSecond), HotReadBytesPerSecond), (nameof(CachedReadBytesPerSecond), CachedReadBytesPerSecond),
            (nameof(ColdReadBytesPerSecond), ColdReadBytesPerSecond), (nameof(DirectReadBytesPerSecond), DirectReadBytesPerSecond),
            (nameof(WriteBytesPerSecond), WriteBytesPerSecond),
        })
        {
            if (!(rate > 0) || double.IsInfinity(rate))
            {
                throw new ArgumentException($"{name} must be a positive finite number of bytes per second; it was {rate}.", name);
            }
        }
    }
}
