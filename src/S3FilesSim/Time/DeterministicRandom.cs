namespace S3FilesSim.Time;

/// <summary>
/// The one seeded source of randomness of a simulation (event delays, lost+found ids, fault injection): the same seed
/// and the same sequence of calls give the same values on every run and platform.
/// </summary>
/// <remarks>Thread-safe; calls are serialised, so the values drawn depend only on the order of calls.</remarks>
public sealed class DeterministicRandom
{
    private readonly Random _random;
    private readonly object _gate = new();

    /// <summary>Creates a random source from <paramref name="seed"/>.</summary>
    /// <param name="seed">The seed; the same seed gives the same sequence.</param>
    public DeterministicRandom(int seed)
    {
        Seed = seed;
        _random = new Random(seed);
    }

    /// <summary>Gets the seed this source was created with.</summary>
    public int Seed { get; }

    /// <summary>Returns a non-negative integer less than <paramref name="maxExclusive"/>.</summary>
    /// <param name="maxExclusive">The exclusive upper bound; must be positive.</param>
    /// <returns>The drawn value.</returns>
    public int Next(int maxExclusive)
    {
        lock (_gate)
        {
            return _random.Next(maxExclusive);
        }
    }

    /// <summary>Returns an integer in [<paramref name="minInclusive"/>, <paramref name="maxExclusive"/>).</summary>
    /// <param name="minInclusive">The inclusive lower bound.</param>
    /// <param name="maxExclusive">The exclusive upper bound.</param>
    /// <returns>The drawn value.</returns>
    public long NextInt64(long minInclusive, long maxExclusive)
    {
        lock (_gate)
        {
            return _random.NextInt64(minInclusive, maxExclusive);
        }
    }

    /// <summary>Returns a double in [0, 1).</summary>
    /// <returns>The drawn value.</returns>
    public double NextDouble()
    {
        lock (_gate)
        {
            return _random.NextDouble();
        }
    }

    /// <summary>Fills <paramref name="buffer"/> with random bytes.</summary>
    /// <param name="buffer">The buffer to fill.</param>
    public void NextBytes(Span<byte> buffer)
    {
        lock (_gate)
        {
            _random.NextBytes(buffer);
        }
    }

    /// <summary>Returns <paramref name="digits"/> lowercase hexadecimal digits, e.g. the 10-digit lost+found prefix.</summary>
    /// <param name="digits">How many hex digits, 1 to 64.</param>
    /// <returns>The hex string.</returns>
    public string NextHex(int digits)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(digits, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(digits, 64);
        Span<byte> bytes = stackalloc byte[(digits + 1) / 2];
        NextBytes(bytes);
        return Convert.ToHexStringLower(bytes)[..digits];
    }

    /// <summary>Returns a span drawn uniformly between <paramref name="min"/> and <paramref name="max"/> inclusive, to the tick.</summary>
    /// <param name="min">The shortest span.</param>
    /// <param name="max">The longest span; not shorter than <paramref name="min"/>.</param>
    /// <returns>The drawn span.</returns>
    public TimeSpan NextTimeSpan(TimeSpan min, TimeSpan max)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, min);
        return min == max ? min : TimeSpan.FromTicks(NextInt64(min.Ticks, max.Ticks + 1));
    }
}
