namespace S3FilesSim.Cost;

/// <summary>The integral over virtual time of a stored byte count, in byte-seconds; not thread-safe (the meter locks).</summary>
internal sealed class StorageIntegral(DateTimeOffset start)
{
    private DateTimeOffset _last = start;
    private decimal _byteSeconds;

    public long CurrentBytes { get; private set; }

    public void Set(long bytes, DateTimeOffset now)
    {
        Advance(now);
        CurrentBytes = bytes;
    }

    public decimal ByteSecondsUntil(DateTimeOffset now)
    {
        Advance(now);
        return _byteSeconds;
    }

    private void Advance(DateTimeOffset now)
    {
        if (now > _last)
        {
            _byteSeconds += CurrentBytes * ((decimal)(now - _last).Ticks / TimeSpan.TicksPerSecond);
            _last = now;
        }
    }
}
