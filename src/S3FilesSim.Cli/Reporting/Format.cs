using System.Globalization;

namespace S3FilesSim.Cli.Reporting;

/// <summary>Human-readable numbers for the report.</summary>
internal static class Format
{
    /// <summary>Formats a byte count with a binary unit (B, KiB, MiB, GiB).</summary>
    internal static string Bytes(long bytes) => bytes switch
    {
        < 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes} B"),
        < 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.#} KiB"),
        < 1024L * 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.#} MiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024 * 1024):0.##} GiB"),
    };

    /// <summary>Formats seconds with up to one decimal.</summary>
    internal static string Seconds(double seconds) => string.Create(CultureInfo.InvariantCulture, $"{seconds:0.#} s");
}
