using S3FilesSim.Cost;
using S3FilesSim.Telemetry;

namespace S3FilesSim;

/// <content>The telemetry and prices every file system of the simulation uses.</content>
public sealed partial record SimulationOptions
{
    /// <summary>Gets the telemetry options of every file system: metric periods, EMF output, alarms, timeline, latency profile.</summary>
    /// <value>The default value is the default <see cref="TelemetryOptions"/> (enabled, one-minute snapshots, the recommended alarms).</value>
    public TelemetryOptions Telemetry { get; init; } = new();

    /// <summary>Gets the prices every file system's cost meter uses.</summary>
    /// <value>The default value is <see cref="PriceTable.UsEast1"/>.</value>
    public PriceTable Prices { get; init; } = PriceTable.UsEast1;

    partial void ValidateTelemetry()
    {
        if (Telemetry is null)
        {
            throw new ArgumentException($"{nameof(Telemetry)} must not be null.", nameof(Telemetry));
        }

        if (Prices is null)
        {
            throw new ArgumentException($"{nameof(Prices)} must not be null.", nameof(Prices));
        }

        Telemetry.Validate();
        Prices.Validate();
    }
}
