using System.Security.Cryptography;

namespace S3FilesSim.ObjectStorage;

/// <summary>
/// An S3 entity tag as S3 returns it, with its quotes: <c>"&lt;md5 hex&gt;"</c> for an object written in one request,
/// <c>"&lt;md5 of the concatenated binary part MD5s&gt;-&lt;part count&gt;"</c> for a multipart upload.
/// </summary>
/// <remarks>See https://docs.aws.amazon.com/AmazonS3/latest/API/API_Object.html (ETag) and
/// https://docs.aws.amazon.com/AmazonS3/latest/userguide/checking-object-integrity.html. Comparison is ordinal on the
/// quoted form; <see cref="Parse"/> accepts the value with or without quotes. <see cref="Any"/> is the <c>*</c> of
/// <c>If-None-Match: *</c>. The in-memory store computes the MD5 of an object's bytes when its tag is first read or
/// compared, not when the object is written (a tree of files loaded as a bucket's existing content is not read to be
/// stored); the value is the same either way.</remarks>
public readonly record struct ETag
{
    /// <summary>The quoted text, or a <see cref="DeferredMd5"/> that computes it on first need.</summary>
    private readonly object? _value;

    private ETag(object value)
    {
        _value = value;
    }

    /// <summary>Gets the wildcard <c>*</c>, which matches any existing object in <c>If-Match</c> and <c>If-None-Match</c>.</summary>
    public static ETag Any { get; } = new("*");

    /// <summary>Gets the quoted value, e.g. <c>"5d41402abc4b2a76b9719d911017c592"</c>, or <c>*</c> for <see cref="Any"/>.</summary>
    public string Value => _value switch
    {
        string text => text,
        DeferredMd5 deferred => deferred.Value,
        _ => "\"\"",
    };

    /// <summary>Gets the value without its quotes, as S3 event notifications carry it.</summary>
    public string Unquoted => IsAny ? Value : Value[1..^1];

    /// <summary>Gets a value indicating whether this is the wildcard <see cref="Any"/>.</summary>
    public bool IsAny => _value is "*";

    /// <summary>Gets a value indicating whether the tag is a multipart tag (<c>-n</c> suffix).</summary>
    public bool IsMultipart => PartCount > 0;

    /// <summary>Gets the part count of a multipart tag, or 0 for a single-part tag.</summary>
    public int PartCount
    {
        get
        {
            if (_value is DeferredMd5)
            {
                return 0;
            }

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
    public bool Matches(ETag other) => IsAny || other.IsAny || Equals(other);

    /// <summary>Returns whether this tag equals <paramref name="other"/>: the same quoted value, compared ordinally.</summary>
    /// <param name="other">The tag to compare with.</param>
    /// <returns><see langword="true"/> when the values are equal.</returns>
    /// <remarks>Two tags of the same stored object are equal without computing its MD5.</remarks>
    public bool Equals(ETag other) => ReferenceEquals(_value, other._value) || string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    /// <inheritdoc />
    public override string ToString() => Value;

    /// <summary>Returns the single-part tag of immutable <paramref name="content"/>, its MD5 computed when first needed
    /// (read, compared with another object's tag, hashed) and then kept.</summary>
    /// <exception cref="IOException">Reading the bytes fails when the tag is first needed (content read from a file, for example).</exception>
    internal static ETag OfContent(ObjectContent content) => new(new DeferredMd5(content));

    /// <summary>Gets a value indicating whether the value is known (not an MD5 still to compute).</summary>
    internal bool IsComputed => _value is not DeferredMd5 deferred || deferred.IsComputed;

    /// <summary>Gets what the tag holds, for <see cref="FromStored"/>: its text, or the deferred MD5 (so a stored copy still compares equal without computing it).</summary>
    internal object? Stored => _value;

    /// <summary>Rebuilds an ETag from the <see cref="Stored"/> form of one, without parsing it again.</summary>
    internal static ETag FromStored(object value) => new(value);

    /// <summary>The tag of immutable content whose MD5 is computed on first need; thread-safe (two first readers may both compute the same value).</summary>
    private sealed class DeferredMd5(ObjectContent content)
    {
        private ObjectContent? _content = content;
        private string? _text;

        public bool IsComputed => Volatile.Read(ref _text) is not null;

        public string Value => Volatile.Read(ref _text) ?? Compute();

        private string Compute()
        {
            if (Volatile.Read(ref _content) is not { } bytes)
            {
                // Another reader computed it and let the content go after publishing the text.
                return Volatile.Read(ref _text)!;
            }

            var text = '"' + Convert.ToHexStringLower(bytes.GetMd5()) + '"';
            Volatile.Write(ref _text, text);
            Volatile.Write(ref _content, null);
            return text;
        }
    }
}
