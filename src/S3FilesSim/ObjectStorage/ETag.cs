using System.Security.Cryptography;

namespace S3FilesSim.ObjectStorage;

/// <summary>
/// An S3 entity tag as S3 returns it, with its quotes: <c>"&lt;md5 hex&gt;"</c> for an object written in one request,
/// <c>"&lt;md5 of the concatenated binary part MD5s&gt;-&lt;part count&gt;"</c> for a multipart upload.
/// </summary>
/// <remarks>See https://docs.aws.amazon.com/AmazonS3/latest/API/API_Object.html (ETag) and
/// https://docs.aws.amazon.com/AmazonS3/latest/userguide/checking-object-integrity.html. Comparison is ordinal on the
/// quoted form; <see cref="Parse"/> accepts the value with or without quotes. <see cref="Any"/> is the <c>*</c> of
/// <c>If-None-Match: *</c>.</remarks>
public readonly record struct ETag
{
    private readonly string? _value;

    private ETag(string value)
    {
        _value = value;
    }

    /// <summary>Gets the wildcard <c>*</c>, which matches any existing object in <c>If-Match</c> and <c>If-None-Match</c>.</summary>
    public static ETag Any { get; } = new("*");

    /// <summary>Gets the quoted value, e.g. <c>"5d41402abc4b2a76b9719d911017c592"</c>, or <c>*</c> for <see cref="Any"/>.</summary>
    public string Value => _value ?? "\"\"";

    /// <summary>Gets the value without its quotes, as S3 event notifications carry it.</summary>
    public string Unquoted => IsAny ? Value : Value[1..^1];

    /// <summary>Gets a value indicating whether this is the wildcard <see cref="Any"/>.</summary>
    public bool IsAny => Value == "*";

    /// <summary>Gets a value indicating whether the tag is a multipart tag (<c>-n</c> suffix).</summary>
    public bool IsMultipart => PartCount > 0;

    /// <summary>Gets the part count of a multipart tag, or 0 for a single-part tag.</summary>
    public int PartCount
    {
        get
        {
            var dash = Value.LastIndexOf('-');
            return dash > 0 && int.TryParse(Value.AsSpan(dash + 1, Value.Length - dash - 2), out var n) ? n : 0;
        }
    }

    /// <summary>Parses an entity tag given with or without its surrounding quotes, or <c>*</c>.</summary>
    /// <param name="value">The tag, e.g. <c>"abc"</c> or <c>abc</c>.</param>
    /// <returns>The tag.</returns>
    /// <exception cref="ArgumentException">The value is empty or contains a quote inside.</exception>
    public static ETag Parse(string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        if (value == "*")
        {
            return Any;
        }

        var inner = value.Length >= 2 && value[0] == '"' && value[^1] == '"' ? value[1..^1] : value;
        if (inner.Length == 0 || inner.Contains('"', StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{value}' is not a valid entity tag.", nameof(value));
        }

        return new ETag('"' + inner + '"');
    }

    /// <summary>Returns the tag of an object written in one request: its MD5 digest in quoted lowercase hex.</summary>
    /// <param name="md5">The 16-byte MD5 digest of the object's bytes.</param>
    /// <returns>The tag.</returns>
    public static ETag FromMd5(ReadOnlySpan<byte> md5)
    {
        if (md5.Length != MD5.HashSizeInBytes)
        {
            throw new ArgumentException("An MD5 digest is 16 bytes long.", nameof(md5));
        }

        return new ETag('"' + Convert.ToHexStringLower(md5) + '"');
    }

    /// <summary>Returns the tag S3 gives a completed multipart upload: the MD5 of the concatenated binary part digests, a dash and the part count.</summary>
    /// <param name="partMd5s">The 16-byte MD5 digest of each part, in part order.</param>
    /// <returns>The tag.</returns>
    public static ETag FromPartMd5s(IReadOnlyList<byte[]> partMd5s)
    {
        ArgumentNullException.ThrowIfNull(partMd5s);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        foreach (var md5 in partMd5s)
        {
            hash.AppendData(md5);
        }

        return new ETag('"' + Convert.ToHexStringLower(hash.GetHashAndReset()) + "-" + partMd5s.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) + '"');
    }

    /// <summary>Returns whether this tag matches <paramref name="other"/> under HTTP rules: equal, or either is <see cref="Any"/>.</summary>
    /// <param name="other">The tag to compare with.</param>
    /// <returns><see langword="true"/> when they match.</returns>
    public bool Matches(ETag other) => IsAny || other.IsAny || Value == other.Value;

    /// <inheritdoc />
    public override string ToString() => Value;

    /// <summary>Rebuilds an ETag from the <see cref="Value"/> of one, without parsing it again.</summary>
    internal static ETag FromStored(string value) => new(value);
}
