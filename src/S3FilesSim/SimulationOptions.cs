using Microsoft.Extensions.Logging;
using S3FilesSim.Time;

namespace S3FilesSim;

/// <summary>Options of <see cref="S3FilesSimulation.Create"/>, validated once when the simulation is built.</summary>
public sealed partial record SimulationOptions
{
    /// <summary>Gets the seed of the simulation's random source (event delays, lost+found ids, fault injection).</summary>
    /// <value>The default value is 1.</value>
    public int Seed { get; init; } = 1;

    /// <summary>Gets the instant the virtual clock starts at: from 1970-01-01 to 2200-01-01 (file times are 64-bit nanoseconds since 1970, which end in 2262).</summary>
    /// <value>The default value is 2026-04-07T00:00:00Z (<see cref="VirtualClock.DefaultStart"/>).</value>
    public DateTimeOffset StartTime { get; init; } = VirtualClock.DefaultStart;

    /// <summary>Gets the logger factory for diagnostics.</summary>
    /// <value>The default value is <see langword="null"/>: no logging (<c>NullLoggerFactory</c>).</value>
    public ILoggerFactory? LoggerFactory { get; init; }

    private static DateTimeOffset LatestStartTime => new(2200, 1, 1, 0, 0, 0, TimeSpan.Zero);

    internal void Validate()
    {
        if (StartTime < DateTimeOffset.UnixEpoch || StartTime > LatestStartTime)
        {
            throw new ArgumentException($"{nameof(StartTime)} must be from 1970-01-01T00:00:00Z to {LatestStartTime:O}; it was {StartTime:O}.", nameof(StartTime));
        }

        ValidateBuckets();
        ValidateFileSystems();
        ValidateTelemetry();
    }

    partial void ValidateBuckets();

    partial void ValidateFileSystems();

    partial void ValidateTelemetry();
}
