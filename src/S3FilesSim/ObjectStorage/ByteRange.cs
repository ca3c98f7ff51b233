using System.Globalization;

namespace S3FilesSim.ObjectStorage;

/// <summary>
/// An HTTP byte range of a GET (<c>bytes=a-b</c>, <c>bytes=a-</c> or the suffix <c>bytes=-n</c>), or the
/// <c>x-amz-copy-source-range</c> of UploadPartCopy (<c>bytes=a-b</c> only).
/// </summary>
/// <remarks>See https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObject.html (Range) and RFC 9110 section 14.1.2.
/// Only one range per request is supported, as in S3.</remarks>
public readonly record struct ByteRange
{
    private ByteRange(long? first, long? last)
    {
        First = first;
        Last = last;
    }

    /// <summary>Gets the first byte offset, or <see langword="null"/> for a suffix range.</summary>
    public long? First { get; }

    /// <summary>Gets the last byte offset (inclusive), or <see langword="null"/> for an open range <c>a-</c>; for a suffix range, the suffix length.</summary>
    public long? Last { get; }

    /// <summary>Gets a value indicating whether this is a suffix range (<c>bytes=-n</c>, the last n bytes).</summary>
    public bool IsSuffix => First is null;

    /// <summary>Returns the range of bytes <paramref name="first"/> to <paramref name="last"/>, both inclusive.</summary>
    /// <param name="first">The first byte offset, from 0.</param>
    /// <param name="last">The last byte offset, not less than <paramref name="first"/>.</param>
    /// <returns>The range <c>bytes=first-last</c>.</returns>
    public static ByteRange Between(long first, long last)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(first);
        ArgumentOutOfRangeException.ThrowIfLessThan(last, first);
        return new ByteRange(first, last);
    }

    /// <summary>Returns the range from <paramref name="first"/> to the end of the object.</summary>
    /// <param name="first">The first byte offset, from 0.</param>
    /// <returns>The range <c>bytes=first-</c>.</returns>
    public static ByteRange From(long first)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(first);
        return new ByteRange(first, null);
    }

    /// <summary>Returns the range of the last <paramref name="length"/> bytes.</summary>
    /// <param name="length">How many bytes from the end; positive.</param>
    /// <returns>The range <c>bytes=-length</c>.</returns>
    public static ByteRange Suffix(long length)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(length);
        return new ByteRange(null, length);
    }

    /// <summary>Parses a <c>Range</c> header value of the form <c>bytes=a-b</c>, <c>bytes=a-</c> or <c>bytes=-n</c>.</summary>
    /// <param name="value">The header value.</param>
    /// <returns>The range.</returns>
    /// <exception cref="FormatException">The value is not a single byte range.</exception>
    public static ByteRange Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        const string unit = "bytes=";
        var dash = value.IndexOf('-', StringComparison.Ordinal);
        if (!value.StartsWith(unit, StringComparison.Ordinal) || dash < 0)
        {
            throw new FormatException($"'{value}' is not a byte range of the form bytes=a-b, bytes=a- or bytes=-n.");
        }

        var firstText = value.AsSpan(unit.Length, dash - unit.Length);
        var lastText = value.AsSpan(dash + 1);
        var style = NumberStyles.None;
        var culture = CultureInfo.InvariantCulture;
        if (firstText.IsEmpty && long.TryParse(lastText, style, culture, out var suffix) && suffix > 0)
        {
            return Suffix(suffix);
        }

        if (long.TryParse(firstText, style, culture, out var first))
        {
            if (lastText.IsEmpty)
            {
                return From(first);
            }

            if (long.TryParse(lastText, style, culture, out var last) && last >= first)
            {
                return Between(first, last);
            }
        }

        throw new FormatException($"'{value}' is not a byte range of the form bytes=a-b, bytes=a- or bytes=-n.");
    }

    /// <summary>Resolves the range against an object of <paramref name="length"/> bytes.</summary>
    /// <param name="length">The object's length in bytes.</param>
    /// <param name="offset">The first byte offset served.</param>
    /// <param name="count">The number of bytes served.</param>
    /// <returns><see langword="false"/> when the range is not satisfiable (416 InvalidRange).</returns>
    public bool TryResolve(long length, out long offset, out long count)
    {
        offset = 0;
        count = 0;
        if (length == 0)
        {
            return false;
        }

        if (First is not { } first)
        {
            count = Math.Min(Last!.Value, length);
            offset = length - count;
            return true;
        }

        if (first >= length)
        {
            return false;
        }

        offset = first;
        count = Math.Min(Last ?? long.MaxValue, length - 1) - first + 1;
        return true;
    }

    /// <summary>Returns the header form, e.g. <c>bytes=0-99</c>.</summary>
    /// <returns>The header value.</returns>
    public override string ToString() => First is { } first
        ? string.Create(CultureInfo.InvariantCulture, $"bytes={first}-{Last}")
        : string.Create(CultureInfo.InvariantCulture, $"bytes=-{Last}");
}
