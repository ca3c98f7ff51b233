using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace S3FilesSim.Server.S3.Auth;

/// <summary>Signature Version 2, which S3 still accepts and the AWS CLI v1 uses for <c>aws s3 presign</c>: the
/// <c>Authorization: AWS key:signature</c> header and the <c>AWSAccessKeyId</c>/<c>Expires</c>/<c>Signature</c> query
/// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/RESTAuthentication.html).</summary>
internal static class SigV2
{
    /// <summary>The query parameters that are part of the resource signed (sub-resources and response overrides).</summary>
    private static readonly HashSet<string> SignedParameters = new(StringComparer.Ordinal)
    {
        "acl", "cors", "delete", "lifecycle", "location", "logging", "notification", "partNumber", "policy", "requestPayment",
        "restore", "tagging", "torrent", "uploadId", "uploads", "versionId", "versioning", "versions", "website", "attributes",
        "response-cache-control", "response-content-disposition", "response-content-encoding", "response-content-language",
        "response-content-type", "response-expires",
    };

    /// <summary>Returns the strings a SigV2 request may have signed; <paramref name="expiresOrDate"/> is the <c>Expires</c> of a
    /// presigned URL or the request's Date. The first is the documented one; a path-style request to a bucket without a
    /// trailing slash (<c>/bucket</c>) also matches its <c>/bucket/</c> resource, which some clients sign.</summary>
    public static IReadOnlyList<string> StringsToSign(S3RequestContext context, string expiresOrDate)
    {
        var raw = context.RawTarget;
        var question = raw.IndexOf('?', StringComparison.Ordinal);
        var path = question < 0 ? raw : raw[..question];
        var documented = StringToSign(context, expiresOrDate, path);
        return context.Key is null && context.BucketName is not null && !path.EndsWith('/')
            ? [documented, StringToSign(context, expiresOrDate, path + "/")]
            : [documented];
    }

    private static string StringToSign(S3RequestContext context, string expiresOrDate, string path)
    {
        var builder = new StringBuilder();
        builder.Append(context.Request.Method).Append('\n');
        builder.Append(context.Header("Content-MD5")).Append('\n');
        builder.Append(context.Header("Content-Type")).Append('\n');
        builder.Append(expiresOrDate).Append('\n');
        foreach (var (name, values) in context.Request.Headers
            .Where(h => h.Key.StartsWith("x-amz-", StringComparison.OrdinalIgnoreCase))
            .Select(h => (Name: h.Key.ToLowerInvariant(), Values: h.Value))
            .OrderBy(h => h.Name, StringComparer.Ordinal))
        {
            builder.Append(name).Append(':').Append(string.Join(',', values.Select(v => v?.Trim()))).Append('\n');
        }

        if (context.Service.VirtualHostBucket(context.Request.Host.Host) is { } bucket)
        {
            builder.Append('/').Append(bucket);
        }

        builder.Append(path);

        var signed = context.Query.Parameters.Where(p => SignedParameters.Contains(p.Key)).OrderBy(p => p.Key, StringComparer.Ordinal).ToList();
        for (var i = 0; i < signed.Count; i++)
        {
            builder.Append(i == 0 ? '?' : '&').Append(signed[i].Key);
            if (signed[i].Value.Length > 0)
            {
                builder.Append('=').Append(signed[i].Value);
            }
        }

        return builder.ToString();
    }

    public static string Signature(string secretKey, string stringToSign) =>
        Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(secretKey), Encoding.UTF8.GetBytes(stringToSign)));

    public static bool SignaturesEqual(string expected, string provided) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(provided));

    /// <summary>Parses the <c>Expires</c> of a presigned URL (seconds since the Unix epoch).</summary>
    public static DateTimeOffset? Expiry(string? expires) =>
        long.TryParse(expires, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seconds) && seconds is > -62135596800 and < 253402300799
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;
}
