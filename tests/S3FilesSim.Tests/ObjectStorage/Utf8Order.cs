using System.Text;

namespace S3FilesSim.Tests.ObjectStorage;

/// <summary>The reference key order of the tests: compare the UTF-8 encodings byte by byte, as S3 lists keys.</summary>
internal static class Utf8Order
{
    public static readonly Comparer<string> Bytes =
        Comparer<string>.Create((x, y) => Encoding.UTF8.GetBytes(x).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(y)));
}
