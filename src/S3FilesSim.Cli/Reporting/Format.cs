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

    /// <summary>Formats a count with its noun, singular or plural: <c>1 file</c>, <c>2 files</c>, <c>1,024 files</c>.</summary>
    internal static string Count(long count, string singular, string? plural = null) =>
        string.Create(CultureInfo.InvariantCulture, $"{count:N0} {(count == 1 ? singular : plural ?? singular + "s")}");

    /// <summary>Escapes control characters (and the Unicode bidirectional controls) of a name so that it prints on one
    /// line and cannot move the cursor or change colours: <c>\n</c>, <c>\t</c>, <c>\r</c>, <c>\x1b</c>, <c>\u202e</c>.</summary>
    internal static string Escape(string text)
    {
        if (!text.Any(NeedsEscape))
        {
            return text;
        }

        var escaped = new System.Text.StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            _ = c switch
            {
                '\n' => escaped.Append("\\n"),
                '\t' => escaped.Append("\\t"),
                '\r' => escaped.Append("\\r"),
                _ when !NeedsEscape(c) => escaped.Append(c),
                _ when c <= 0xFF => escaped.Append(CultureInfo.InvariantCulture, $"\\x{(int)c:x2}"),
                _ => escaped.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}"),
            };
        }

        return escaped.ToString();
    }

    private static bool NeedsEscape(char c) => char.IsControl(c) || c is (>= '\u202a' and <= '\u202e') or (>= '\u2066' and <= '\u2069');
}
