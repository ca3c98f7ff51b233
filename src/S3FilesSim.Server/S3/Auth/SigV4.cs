using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace S3FilesSim.Server.S3.Auth;

/// <summary>The Signature Version 4 primitives: URI encoding, hashes, the signing key and the string to sign
/// (https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-header-based-auth.html).</summary>
internal static class SigV4
{
    public const string Algorithm = "AWS4-HMAC-SHA256";
    public const string UnsignedPayload = "UNSIGNED-PAYLOAD";
    public const string StreamingSignedPayload = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD";
    public const string StreamingSignedPayloadTrailer = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER";
    public const string StreamingUnsignedPayloadTrailer = "STREAMING-UNSIGNED-PAYLOAD-TRAILER";
    public const string AmzDateFormat = "yyyyMMdd'T'HHmmss'Z'";

    /// <summary>The hex SHA-256 of no bytes, used in chunk signatures.</summary>
    public static readonly string EmptySha256 = Hex(SHA256.HashData([]));

    public static string Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(bytes);

    public static string Sha256Hex(string text) => Hex(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    public static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));

    /// <summary>Derives the signing key for a secret and credential scope.</summary>
    public static byte[] SigningKey(string secretKey, string date, string region, string service)
    {
        var key = Hmac(Encoding.UTF8.GetBytes("AWS4" + secretKey), date);
        key = Hmac(key, region);
        key = Hmac(key, service);
        return Hmac(key, "aws4_request");
    }

    public static string StringToSign(string amzDate, string scope, string canonicalRequest) =>
        $"{Algorithm}\n{amzDate}\n{scope}\n{Sha256Hex(canonicalRequest)}";

    public static string Signature(byte[] signingKey, string stringToSign) => Hex(Hmac(signingKey, stringToSign));

    /// <summary>Encodes as SigV4 does: every byte but the unreserved characters <c>A-Z a-z 0-9 - _ . ~</c> (and <c>/</c>
    /// when <paramref name="keepSlash"/>) as <c>%XX</c> in upper-case hex.</summary>
    public static string UriEncode(string value, bool keepSlash)
    {
        var builder = new StringBuilder(value.Length + 16);
        Span<byte> utf8 = stackalloc byte[4];
        foreach (var rune in value.EnumerateRunes())
        {
            if (rune.IsAscii && (char.IsAsciiLetterOrDigit((char)rune.Value) || rune.Value is '-' or '_' or '.' or '~' || (keepSlash && rune.Value == '/')))
            {
                builder.Append((char)rune.Value);
                continue;
            }

            var n = rune.EncodeToUtf8(utf8);
            for (var i = 0; i < n; i++)
            {
                builder.Append('%').Append(utf8[i].ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }

    /// <summary>Compares two hex signatures in constant time.</summary>
    public static bool SignaturesEqual(string expected, string provided) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(provided.ToLowerInvariant()));
}

/// <summary>What a verified SigV4 request carries forward to its body: the key and scope that sign each aws-chunked
/// chunk and the trailer (https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-streaming.html).</summary>
/// <param name="SigningKey">The derived signing key.</param>
/// <param name="AmzDate">The request's <c>X-Amz-Date</c>.</param>
/// <param name="Scope">The credential scope, <c>date/region/s3/aws4_request</c>.</param>
/// <param name="SeedSignature">The request's signature, the first "previous signature" of the chunk chain.</param>
internal sealed record SigningContext(byte[] SigningKey, string AmzDate, string Scope, string SeedSignature)
{
    public string ChunkSignature(string previousSignature, ReadOnlySpan<byte> chunkSha256) =>
        SigV4.Signature(SigningKey, $"AWS4-HMAC-SHA256-PAYLOAD\n{AmzDate}\n{Scope}\n{previousSignature}\n{SigV4.EmptySha256}\n{SigV4.Hex(chunkSha256)}");

    public string TrailerSignature(string previousSignature, string trailerLines) =>
        SigV4.Signature(SigningKey, $"AWS4-HMAC-SHA256-TRAILER\n{AmzDate}\n{Scope}\n{previousSignature}\n{SigV4.Sha256Hex(trailerLines)}");
}
