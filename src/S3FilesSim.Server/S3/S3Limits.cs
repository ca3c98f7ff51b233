using System.Globalization;
using System.Text;

namespace S3FilesSim.Server.S3;

/// <summary>The request limits S3 checks before it reads a body, so an oversized request fails fast and costs nothing.</summary>
internal static class S3Limits
{
    /// <summary>The longest key: 1,024 bytes of UTF-8 (https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-keys.html).</summary>
    public const int MaxKeyBytes = 1024;

    /// <summary>The most user metadata: 2 KB of UTF-8 names and values (https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingMetadata.html).</summary>
    public const int MaxMetadataBytes = 2048;

    /// <summary>The largest PutObject, part or copy source: 5 GiB.</summary>
    public const long MaxSinglePutBytes = 5L << 30;

    public static void CheckKey(string key)
    {
        if (key.Length > MaxKeyBytes / 3 && Encoding.UTF8.GetByteCount(key) > MaxKeyBytes)
        {
            throw new S3Exception(S3Error.KeyTooLongError)
                .With("MaxSizeAllowed", MaxKeyBytes.ToString(CultureInfo.InvariantCulture))
                .With("Size", Encoding.UTF8.GetByteCount(key).ToString(CultureInfo.InvariantCulture));
        }
    }

    public static void CheckMetadata(IReadOnlyDictionary<string, string> metadata)
    {
        var size = metadata.Sum(m => Encoding.UTF8.GetByteCount(m.Key) + Encoding.UTF8.GetByteCount(m.Value));
        if (size > MaxMetadataBytes)
        {
            throw new S3Exception(S3Error.MetadataTooLarge)
                .With("Size", size.ToString(CultureInfo.InvariantCulture))
                .With("MaxSizeAllowed", MaxMetadataBytes.ToString(CultureInfo.InvariantCulture));
        }
    }

    public static void CheckUploadSize(long length)
    {
        if (length > MaxSinglePutBytes)
        {
            throw new S3Exception(S3Error.EntityTooLarge)
                .With("ProposedSize", length.ToString(CultureInfo.InvariantCulture))
                .With("MaxSizeAllowed", MaxSinglePutBytes.ToString(CultureInfo.InvariantCulture));
        }
    }
}
