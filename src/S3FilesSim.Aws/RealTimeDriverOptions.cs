namespace S3FilesSim.Aws;

/// <summary>How <see cref="RealTimeDriver"/> follows the wall clock.</summary>
public sealed record RealTimeDriverOptions
{
    /// <summary>Gets the wall-clock period between two advances of the virtual clock; background work runs at most this late.</summary>
    /// <value>The default value is 50 milliseconds.</value>
    public TimeSpan Tick { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Gets how many virtual seconds pass per wall-clock second: 1 runs in real time; 60 makes the 60-second
    /// commit delay one wall second.</summary>
    /// <value>The default value is 1.</value>
    public double TimeScale { get; init; } = 1;

    /// <summary>Gets the wall clock the driver follows.</summary>
    /// <value>The default value is <see cref="TimeProvider.System"/>.</value>
    public TimeProvider WallClock { get; init; } = TimeProvider.System;

    /// <summary>Checks the options.</summary>
    /// <exception cref="ArgumentException">An option is invalid; the message names it.</exception>
    internal void Validate()
    {
        if (Tick <= TimeSpan.Zero)
        {
            throw new ArgumentException($"{nameof(Tick)} must be positive; it was {Tick}.", nameof(Tick));
        }

        if (!double.IsFinite(TimeScale) || TimeScale <= 0 || TimeScale > 1_000_000)
        {
            throw new ArgumentException($"{nameof(TimeScale)} must be a positive number of virtual seconds per wall second, at most 1,000,000; it was {TimeScale}.", nameof(TimeScale));
        }

        if (WallClock is null)
        {
            throw new ArgumentException($"{nameof(WallClock)} must not be null.", nameof(WallClock));
        }
    }
}
