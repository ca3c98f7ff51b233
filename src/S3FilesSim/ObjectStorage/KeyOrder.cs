namespace S3FilesSim.ObjectStorage;

/// <summary>Orders keys as S3 lists them: by the bytes of their UTF-8 encoding (code-point order), not UTF-16 order.</summary>
/// <remarks>https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectsV2.html ("in ascending order based on the key names", UTF-8 binary order).</remarks>
public sealed class KeyOrder : IComparer<string>
{
    /// <summary>The comparer.</summary>
    public static readonly KeyOrder Instance = new();

    private KeyOrder()
    {
    }

    /// <summary>Compares two keys in UTF-8 byte order without encoding them.</summary>
    /// <param name="left">A key.</param>
    /// <param name="right">Another key.</param>
    /// <returns>Negative, zero or positive as <paramref name="left"/> sorts before, with, or after <paramref name="right"/>.</returns>
    /// <remarks>UTF-16 ordinal order differs from code-point order only between a surrogate and a unit at or above
    /// U+E000; mapping surrogates above and U+E000..U+FFFF below them at the first differing unit fixes that.</remarks>
    public static int CompareKeys(string left, string right)
    {
        var common = left.AsSpan().CommonPrefixLength(right);
        if (common == left.Length)
        {
            return common == right.Length ? 0 : -1;
        }

        if (common == right.Length)
        {
            return 1;
        }

        return Rank(left[common]) - Rank(right[common]);
    }

    /// <inheritdoc />
    /// <remarks>Null sorts first.</remarks>
    public int Compare(string? x, string? y) => x is null || y is null ? (x is null ? (y is null ? 0 : -1) : 1) : CompareKeys(x, y);

    private static int Rank(char c) => c < 0xD800 ? c : c <= 0xDFFF ? c + 0x2000 : c - 0x800;
}
