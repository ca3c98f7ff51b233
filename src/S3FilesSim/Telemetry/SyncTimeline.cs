namespace S3FilesSim.Telemetry;

/// <summary>
/// A bounded, thread-safe ring buffer of the latest <see cref="SyncEvent"/>s of a file system: every export, import,
/// event delivery, conflict, lost+found move, expiration, retry and failure, in the order they were appended.
/// </summary>
/// <remarks>When the buffer is full, appending drops the oldest event and counts it in <see cref="DroppedCount"/>.</remarks>
public sealed class SyncTimeline
{
    /// <summary>The default capacity: 100,000 events.</summary>
    public const int DefaultCapacity = 100_000;

    private readonly object _gate = new();
    private readonly SyncEvent[] _buffer;
    private readonly long[] _appendedByKind = new long[Enum.GetValues<SyncEventKind>().Length];
    private long _appended;

    /// <summary>Creates an empty timeline.</summary>
    /// <param name="capacity">The most events kept; at least 1.</param>
    internal SyncTimeline(int capacity = DefaultCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _buffer = new SyncEvent[capacity];
    }

    /// <summary>Gets the most events kept.</summary>
    public int Capacity => _buffer.Length;

    /// <summary>Gets the number of events kept now.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return (int)Math.Min(_appended, _buffer.Length);
            }
        }
    }

    /// <summary>Gets the number of events ever appended.</summary>
    public long TotalAppended
    {
        get
        {
            lock (_gate)
            {
                return _appended;
            }
        }
    }

    /// <summary>Gets the number of events dropped because the buffer was full.</summary>
    public long DroppedCount
    {
        get
        {
            lock (_gate)
            {
                return Math.Max(0, _appended - _buffer.Length);
            }
        }
    }

    /// <summary>Returns the number of events of <paramref name="kind"/> ever appended, dropped ones included; read in constant time.</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>The count.</returns>
    public long TotalAppendedOf(SyncEventKind kind)
    {
        lock (_gate)
        {
            return _appendedByKind[(int)kind];
        }
    }

    /// <summary>Returns the kept events that match every given filter, oldest first.</summary>
    /// <param name="kind">Only events of this kind; <see langword="null"/> for all kinds.</param>
    /// <param name="path">Only events whose <see cref="SyncEvent.Path"/> equals this path (ordinal); <see langword="null"/> for all.</param>
    /// <param name="from">Only events at or after this instant; <see langword="null"/> for no lower bound.</param>
    /// <param name="to">Only events before this instant; <see langword="null"/> for no upper bound.</param>
    /// <returns>The matching events.</returns>
    public IReadOnlyList<SyncEvent> Query(SyncEventKind? kind = null, string? path = null, DateTimeOffset? from = null, DateTimeOffset? to = null)
    {
        var result = new List<SyncEvent>();
        lock (_gate)
        {
            var count = (int)Math.Min(_appended, _buffer.Length);
            var first = _appended - count;
            for (var sequence = first; sequence < _appended; sequence++)
            {
                var item = _buffer[sequence % _buffer.Length];
                if ((kind is null || item.Kind == kind)
                    && (path is null || string.Equals(item.Path, path, StringComparison.Ordinal))
                    && (from is null || item.Timestamp >= from)
                    && (to is null || item.Timestamp < to))
                {
                    result.Add(item);
                }
            }
        }

        return result;
    }

    /// <summary>Appends an event, dropping the oldest when full; the stored copy gets the next <see cref="SyncEvent.Sequence"/>.</summary>
    /// <param name="syncEvent">The event; its <see cref="SyncEvent.Sequence"/> is ignored.</param>
    /// <returns>The stored event, with its sequence number.</returns>
    internal SyncEvent Append(SyncEvent syncEvent)
    {
        ArgumentNullException.ThrowIfNull(syncEvent);
        lock (_gate)
        {
            var stored = syncEvent with { Sequence = _appended };
            _buffer[_appended % _buffer.Length] = stored;
            _appended++;
            _appendedByKind[(int)stored.Kind]++;
            return stored;
        }
    }
}
