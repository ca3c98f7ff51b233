namespace S3FilesSim.Aws.Notifications;

/// <summary>Compares keys as S3 lists them: by the bytes of their UTF-8 encoding (code-point order), not UTF-16 order.</summary>
internal static class Utf8KeyOrder
{
    /// <summary>Compares two keys in UTF-8 byte order.</summary>
    /// <param name="left">One key.</param>
    /// <param name="right">The other key.</param>
    /// <returns>Negative, zero or positive.</returns>
    /// <remarks>UTF-16 ordinal order differs from code-point order only between a surrogate and a unit at or above
    /// U+E000, so only the first differing unit needs remapping.</remarks>
    public static int Compare(string left, string right)
    {
        var common = left.AsSpan().CommonPrefixLength(right);
        if (common == left.Length || common == right.Length)
        {
            return left.Length.CompareTo(right.Length);
        }

        return Rank(left[common]) - Rank(right[common]);
    }

    private static int Rank(char c) => c < 0xD800 ? c : c <= 0xDFFF ? c + 0x2000 : c - 0x800;
}
