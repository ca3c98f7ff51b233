namespace S3FilesSim.Telemetry;

/// <summary>Lock-free running minimum and maximum of a <see cref="long"/> field.</summary>
internal static class AtomicExtremes
{
    /// <summary>Lowers <paramref name="location"/> to <paramref name="value"/> when the value is smaller.</summary>
    public static void Min(ref long location, long value) => Update(ref location, value, keepLarger: false);

    /// <summary>Raises <paramref name="location"/> to <paramref name="value"/> when the value is larger.</summary>
    public static void Max(ref long location, long value) => Update(ref location, value, keepLarger: true);

    private static void Update(ref long location, long value, bool keepLarger)
    {
        var current = Volatile.Read(ref location);
        while (keepLarger ? value > current : value < current)
        {
            var seen = Interlocked.CompareExchange(ref location, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}
