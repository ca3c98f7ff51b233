namespace S3FilesSim.Telemetry;

/// <summary>
/// Estimates how long a client operation takes on the real service from a <see cref="LatencyProfile"/>, and records the
/// estimates in <see cref="LatencyStatistics"/>. It never moves the virtual clock.
/// </summary>
/// <remarks>The engine calls <see cref="Record"/> once per client operation with the bytes it moved and, for listings,
/// the entries it returned.</remarks>
internal sealed class LatencyModel
{
    private readonly LatencyProfile _profile;

    /// <summary>Creates a model.</summary>
    /// <param name="profile">The latency profile; validated here.</param>
    /// <param name="statistics">Where <see cref="Record"/> adds its estimates.</param>
    public LatencyModel(LatencyProfile profile, LatencyStatistics statistics)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(statistics);
        profile.Validate();
        _profile = profile;
        Statistics = statistics;
    }

    /// <summary>Gets the statistics the estimates are recorded in.</summary>
    public LatencyStatistics Statistics { get; }

    /// <summary>Returns the modelled latency of one operation.</summary>
    /// <param name="kind">The operation.</param>
    /// <param name="bytes">The bytes it reads or writes; ignored by metadata operations.</param>
    /// <param name="entries">The directory entries it lists; ignored by other operations.</param>
    /// <returns>The latency.</returns>
    public TimeSpan Estimate(OperationKind kind, long bytes = 0, int entries = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        ArgumentOutOfRangeException.ThrowIfNegative(entries);
        var p = _profile;
        return kind switch
        {
            OperationKind.MetadataRead => p.MetadataRead,
            OperationKind.CachedMetadataRead => p.CachedMetadataRead,
            OperationKind.MetadataWrite => p.MetadataWrite,
            OperationKind.Rename => p.Rename,
            OperationKind.ReadDirectory => p.ReadDirectoryBase + (p.ReadDirectoryPerEntry * entries),
            OperationKind.FirstDirectoryAccess => p.FirstDirectoryAccessBase + (p.FirstDirectoryAccessPerEntry * entries),
            OperationKind.HotRead => Transfer(p.HotReadFirstByte, bytes, p.HotReadBytesPerSecond),
            OperationKind.CachedRead => Transfer(p.CachedReadFirstByte, bytes, p.CachedReadBytesPerSecond),
            OperationKind.ColdRead => Transfer(p.ColdReadFirstByte, bytes, p.ColdReadBytesPerSecond),
            OperationKind.DirectRead => Transfer(p.DirectReadFirstByte, bytes, p.DirectReadBytesPerSecond),
            OperationKind.Write => Transfer(p.WriteFirstByte, bytes, p.WriteBytesPerSecond),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown operation kind."),
        };
    }

    /// <summary>Estimates one operation, adds the estimate to <see cref="Statistics"/> and returns it.</summary>
    /// <param name="kind">The operation.</param>
    /// <param name="bytes">The bytes it reads or writes.</param>
    /// <param name="entries">The directory entries it lists.</param>
    /// <returns>The latency recorded.</returns>
    public TimeSpan Record(OperationKind kind, long bytes = 0, int entries = 0)
    {
        var latency = Estimate(kind, bytes, entries);
        Statistics.Record(kind, latency);
        return latency;
    }

    private static TimeSpan Transfer(TimeSpan firstByte, long bytes, double bytesPerSecond) =>
        firstByte + TimeSpan.FromTicks((long)Math.Round(bytes / bytesPerSecond * TimeSpan.TicksPerSecond));
}
