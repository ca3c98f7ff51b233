using System.Text;

namespace S3FilesSim.ObjectStorage;

/// <summary>
/// The request checks S3 makes before a call reaches a bucket (keys, user metadata, part numbers, listing sizes), for
/// every <see cref="IObjectStore"/> implementation, so an adapter fails a bad request exactly as the in-memory bucket and
/// S3 do (the S3 error code, or <see cref="ArgumentException"/> for a null or empty argument).
/// </summary>
/// <remarks>https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-keys.html,
/// https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingMetadata.html,
/// https://docs.aws.amazon.com/AmazonS3/latest/userguide/qfacts.html</remarks>
public static class ObjectStoreValidation
{
    /// <summary>The longest key: 1,024 bytes of UTF-8 (https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-keys.html).</summary>
    public const int MaxKeyBytes = 1024;

    /// <summary>The most user metadata: 2 KB of UTF-8 keys and values (https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingMetadata.html).</summary>
    public const int MaxMetadataBytes = 2048;

    /// <summary>The largest single PUT, part or copy source: 5 GiB.</summary>
    public const long MaxSinglePutBytes = 5L << 30;

    /// <summary>The smallest part of a multipart upload, except the last: 5 MiB.</summary>
    public const long MinPartBytes = 5L << 20;

    /// <summary>The most parts of a multipart upload, and the highest part number.</summary>
    public const int MaxParts = 10_000;

    /// <summary>The most keys per page of a listing and per DeleteObjects call.</summary>
    public const int MaxKeysPerPage = 1000;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Checks a key: not null, 1 to 1,024 UTF-8 bytes, valid UTF-16 (so it encodes to valid UTF-8).</summary>
    /// <param name="key">The key.</param>
    /// <param name="parameterName">The argument named in an <see cref="ArgumentException"/>.</param>
    /// <exception cref="ArgumentException">The key is null or empty.</exception>
    /// <exception cref="ObjectStoreException"><c>KeyTooLongError</c>: over 1,024 UTF-8 bytes; <c>InvalidArgument</c>: a lone surrogate.</exception>
    public static void ValidateKey(string key, string parameterName = "key")
    {
        ArgumentNullException.ThrowIfNull(key, parameterName);
        if (key.Length == 0)
        {
            throw new ArgumentException("An object key must not be empty.", parameterName);
        }

        if (key.Length > MaxKeyBytes)
        {
            throw KeyTooLong(key);
        }

        if (key.Length <= MaxKeyBytes / 3 && !key.AsSpan().ContainsAnyInRange('\uD800', '\uDFFF'))
        {
            return;
        }

        int bytes;
        try
        {
            bytes = StrictUtf8.GetByteCount(key);
        }
        catch (EncoderFallbackException)
        {
            throw ObjectStoreException.Create(S3ErrorCode.InvalidArgument, "The object key is not valid UTF-8 (it contains a lone surrogate).", key);
        }

        if (bytes > MaxKeyBytes)
        {
            throw KeyTooLong(key);
        }
    }

    /// <summary>Returns user metadata as stored: keys looked up case-insensitively, after checking the 2 KB limit.</summary>
    /// <param name="metadata">The user metadata of a request, or <see langword="null"/> for none.</param>
    /// <param name="key">The object key, for the error.</param>
    /// <returns>A read-only copy (the shared empty one when there is none).</returns>
    /// <exception cref="ArgumentException">A metadata key is empty or a value is null.</exception>
    /// <exception cref="ObjectStoreException"><c>MetadataTooLarge</c>: keys and values over 2,048 UTF-8 bytes.</exception>
    public static IReadOnlyDictionary<string, string> NormalizeMetadata(IReadOnlyDictionary<string, string>? metadata, string key)
    {
        if (metadata is null || metadata.Count == 0)
        {
            return ObjectStoreDefaults.EmptyMetadata;
        }

        var size = 0;
        foreach (var (name, value) in metadata)
        {
            if (string.IsNullOrEmpty(name))
            {
                throw new ArgumentException("A user metadata key must not be empty.", nameof(metadata));
            }

            ArgumentNullException.ThrowIfNull(value, nameof(metadata));
            size += Encoding.UTF8.GetByteCount(name) + Encoding.UTF8.GetByteCount(value);
        }

        if (size > MaxMetadataBytes)
        {
            throw ObjectStoreException.Create(
                S3ErrorCode.MetadataTooLarge,
                $"Your metadata headers exceed the maximum allowed metadata size: {size} bytes of keys and values, limit {MaxMetadataBytes}.",
                key);
        }

        return UserMetadata.Copy(metadata);
    }

    /// <summary>Checks a part number is 1 to 10,000.</summary>
    /// <param name="partNumber">The part number.</param>
    /// <param name="key">The object key, for the error.</param>
    /// <exception cref="ObjectStoreException"><c>InvalidArgument</c>.</exception>
    public static void ValidatePartNumber(int partNumber, string key)
    {
        if (partNumber is < 1 or > MaxParts)
        {
            throw ObjectStoreException.Create(S3ErrorCode.InvalidArgument, $"Part number must be an integer between 1 and {MaxParts}, inclusive; it was {partNumber}.", key);
        }
    }

    /// <summary>Checks a CopyObject metadata directive is COPY or REPLACE.</summary>
    /// <param name="directive">The directive.</param>
    /// <param name="key">The destination key, for the error.</param>
    /// <exception cref="ObjectStoreException"><c>InvalidArgument</c>.</exception>
    public static void ValidateMetadataDirective(MetadataDirective directive, string key)
    {
        if (!Enum.IsDefined(directive))
        {
            throw ObjectStoreException.Create(S3ErrorCode.InvalidArgument, $"Unknown metadata directive: {directive}; it must be COPY or REPLACE.", key);
        }
    }

    /// <summary>Clamps a max-keys style argument (max-keys, max-parts) to 1,000 and rejects negatives.</summary>
    /// <param name="maxKeys">The requested page size.</param>
    /// <param name="name">The argument's S3 name, for the error.</param>
    /// <returns>The page size to use, 0 to 1,000.</returns>
    /// <exception cref="ObjectStoreException"><c>InvalidArgument</c>: negative.</exception>
    public static int ClampMaxKeys(int maxKeys, string name)
    {
        if (maxKeys < 0)
        {
            throw ObjectStoreException.Create(S3ErrorCode.InvalidArgument, $"{name} must not be negative; it was {maxKeys}.");
        }

        return Math.Min(maxKeys, MaxKeysPerPage);
    }

    private static ObjectStoreException KeyTooLong(string key) =>
        ObjectStoreException.Create(S3ErrorCode.KeyTooLongError, $"Your key is too long: more than {MaxKeyBytes} bytes of UTF-8.", key.Length > 64 ? key[..64] + "..." : key);
}
