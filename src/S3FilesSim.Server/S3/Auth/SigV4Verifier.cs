using System.Globalization;
using System.Text;
using Microsoft.Extensions.Primitives;

namespace S3FilesSim.Server.S3.Auth;

/// <summary>
/// Verifies request signatures when keys are configured: Signature Version 4 in the <c>Authorization</c> header
/// (https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-header-based-auth.html) and in presigned URLs
/// (https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-query-string-auth.html), and Signature Version 2 (header and
/// query; the AWS CLI v1 presigns with it). Without keys every request is accepted, as local emulators do.
/// </summary>
/// <remarks>Clock checks use the wall clock (clients sign with theirs), whatever the simulation's time mode: a request
/// more than 15 minutes off is <c>RequestTimeTooSkewed</c>, a presigned URL past <c>X-Amz-Expires</c> is <c>AccessDenied</c>.
/// The Region of the credential scope is not checked against the server's.</remarks>
internal sealed class SigV4Verifier(IReadOnlyDictionary<string, string> secretsByAccessKey, TimeProvider wallClock)
{
    private static readonly TimeSpan MaxSkew = TimeSpan.FromMinutes(15);
    private const int MaxPresignedSeconds = 604_800;

    /// <summary>Gets a value indicating whether requests are verified at all.</summary>
    public bool Enabled => secretsByAccessKey.Count > 0;

    /// <summary>Verifies the request's signature.</summary>
    /// <returns>The signing context for the request's aws-chunked body, or <see langword="null"/> when keys are not configured.</returns>
    /// <exception cref="S3Exception"><c>AccessDenied</c> (anonymous or expired), <c>InvalidAccessKeyId</c>, <c>SignatureDoesNotMatch</c>,
    /// <c>AuthorizationHeaderMalformed</c>, <c>AuthorizationQueryParametersError</c>, <c>RequestTimeTooSkewed</c>, <c>InvalidRequest</c> (not SigV4).</exception>
    public SigningContext? Verify(S3RequestContext context)
    {
        if (!Enabled)
        {
            return null;
        }

        var authorization = context.Header("Authorization");
        if (authorization is not null)
        {
            return authorization.StartsWith(SigV4.Algorithm + " ", StringComparison.Ordinal) ? VerifyHeader(context, authorization)
                : authorization.StartsWith("AWS ", StringComparison.Ordinal) ? VerifyV2Header(context, authorization)
                : throw new S3Exception(S3Error.InvalidRequest, "The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256.");
        }

        if (context.Query.Has("X-Amz-Algorithm") || context.Query.Has("X-Amz-Signature"))
        {
            return VerifyPresigned(context);
        }

        if (context.Query.Has("Signature") && context.Query.Has("AWSAccessKeyId"))
        {
            return VerifyV2Presigned(context);
        }

        throw new S3Exception(S3Error.AccessDenied, "Access Denied: the server requires signed requests (it was started with an access key).");
    }

    private SigningContext VerifyHeader(S3RequestContext context, string authorization)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in authorization[(SigV4.Algorithm.Length + 1)..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                fields[part[..equals]] = part[(equals + 1)..];
            }
        }

        if (!fields.TryGetValue("Credential", out var credential) || !fields.TryGetValue("SignedHeaders", out var signedHeaders) || !fields.TryGetValue("Signature", out var signature))
        {
            throw new S3Exception(S3Error.AuthorizationHeaderMalformed, "The authorization header is malformed; it must name Credential, SignedHeaders and Signature.");
        }

        var amzDate = context.Header("x-amz-date") ?? AmzDateOf(context.Header("Date"))
            ?? throw new S3Exception(S3Error.AccessDenied, "AWS authentication requires a valid Date or x-amz-date header");
        var (accessKey, scope, signingKey) = Credential(credential, amzDate, S3Error.AuthorizationHeaderMalformed);
        CheckSkew(amzDate);
        var payloadHash = context.Header("x-amz-content-sha256")
            ?? throw new S3Exception(S3Error.InvalidRequest, "Missing required header for this request: x-amz-content-sha256");
        var canonicalQuery = CanonicalQuery(context.Query.Raw, excludeSignature: false);
        Check(context, accessKey, signingKey, scope, amzDate, signedHeaders, canonicalQuery, payloadHash, signature);
        return new SigningContext(signingKey, amzDate, scope, signature.ToLowerInvariant());
    }

    /// <summary>Signature Version 2 in the header (<c>Authorization: AWS key:signature</c>).</summary>
    private SigningContext? VerifyV2Header(S3RequestContext context, string authorization)
    {
        var credential = authorization["AWS ".Length..];
        var colon = credential.LastIndexOf(':');
        if (colon <= 0)
        {
            throw new S3Exception(S3Error.InvalidArgument, "AWS authorization header is invalid.  Expected AwsAccessKeyId:signature");
        }

        var accessKey = credential[..colon];
        var secret = secretsByAccessKey.TryGetValue(accessKey, out var s) ? s : throw new S3Exception(S3Error.InvalidAccessKeyId).With("AWSAccessKeyId", accessKey);
        var date = context.Header("x-amz-date") ?? context.Header("Date")
            ?? throw new S3Exception(S3Error.AccessDenied, "AWS authentication requires a valid Date or x-amz-date header");
        if (!DateTimeOffset.TryParse(date, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var signedAt))
        {
            throw new S3Exception(S3Error.AccessDenied, "AWS authentication requires a valid Date or x-amz-date header");
        }

        CheckSkew(signedAt.UtcDateTime.ToString(SigV4.AmzDateFormat, CultureInfo.InvariantCulture));
        CheckV2(accessKey, secret, SigV2.StringsToSign(context, context.Header("x-amz-date") is null ? date : string.Empty), credential[(colon + 1)..]);
        return null;
    }

    /// <summary>Signature Version 2 in the query (<c>AWSAccessKeyId</c>, <c>Expires</c>, <c>Signature</c>).</summary>
    private SigningContext? VerifyV2Presigned(S3RequestContext context)
    {
        var accessKey = context.Query.Get("AWSAccessKeyId")!;
        var secret = secretsByAccessKey.TryGetValue(accessKey, out var s) ? s : throw new S3Exception(S3Error.InvalidAccessKeyId).With("AWSAccessKeyId", accessKey);
        var expiresText = context.Query.Get("Expires");
        var expires = SigV2.Expiry(expiresText) ?? throw new S3Exception(S3Error.AccessDenied, "Query-string authentication requires the Signature, Expires and AWSAccessKeyId parameters");
        var now = wallClock.GetUtcNow();
        if (now > expires)
        {
            throw new S3Exception(S3Error.AccessDenied, "Request has expired").With("Expires", S3Xml.Timestamp(expires)).With("ServerTime", S3Xml.Timestamp(now));
        }

        CheckV2(accessKey, secret, SigV2.StringsToSign(context, expiresText!), context.Query.Get("Signature")!);
        return null;
    }

    private static void CheckV2(string accessKey, string secret, IReadOnlyList<string> stringsToSign, string signature)
    {
        if (!stringsToSign.Any(stringToSign => SigV2.SignaturesEqual(SigV2.Signature(secret, stringToSign), signature)))
        {
            throw new S3Exception(S3Error.SignatureDoesNotMatch)
                .With("AWSAccessKeyId", accessKey)
                .With("StringToSign", stringsToSign[0])
                .With("SignatureProvided", signature);
        }
    }

    private SigningContext VerifyPresigned(S3RequestContext context)
    {
        var query = context.Query;
        if (query.Get("X-Amz-Algorithm") != SigV4.Algorithm)
        {
            throw new S3Exception(S3Error.AuthorizationQueryParametersError, "X-Amz-Algorithm only supports \"AWS4-HMAC-SHA256\"");
        }

        var credential = query.Get("X-Amz-Credential");
        var amzDate = query.Get("X-Amz-Date");
        var signedHeaders = query.Get("X-Amz-SignedHeaders");
        var signature = query.Get("X-Amz-Signature");
        var expiresText = query.Get("X-Amz-Expires");
        if (credential is null || amzDate is null || signedHeaders is null || signature is null || expiresText is null)
        {
            throw new S3Exception(S3Error.AuthorizationQueryParametersError,
                "Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.");
        }

        if (!int.TryParse(expiresText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var expires))
        {
            throw new S3Exception(S3Error.AuthorizationQueryParametersError, "X-Amz-Expires should be a number");
        }

        if (expires > MaxPresignedSeconds)
        {
            throw new S3Exception(S3Error.AccessDenied, "X-Amz-Expires must be less than a week (in seconds) that is 604800");
        }

        var (accessKey, scope, signingKey) = Credential(credential, amzDate, S3Error.AuthorizationQueryParametersError);
        var signedAt = ParseAmzDate(amzDate);
        var now = wallClock.GetUtcNow();
        if (now > signedAt.AddSeconds(expires))
        {
            throw new S3Exception(S3Error.AccessDenied, "Request has expired")
                .With("X-Amz-Expires", expiresText)
                .With("Expires", S3Xml.Timestamp(signedAt.AddSeconds(expires)))
                .With("ServerTime", S3Xml.Timestamp(now));
        }

        var payloadHash = context.Header("x-amz-content-sha256") ?? SigV4.UnsignedPayload;
        Check(context, accessKey, signingKey, scope, amzDate, signedHeaders, CanonicalQuery(query.Raw, excludeSignature: true), payloadHash, signature);
        return new SigningContext(signingKey, amzDate, scope, signature.ToLowerInvariant());
    }

    private (string AccessKey, string Scope, byte[] SigningKey) Credential(string credential, string amzDate, S3Error malformed)
    {
        var parts = credential.Split('/');
        if (parts.Length != 5 || parts[4] != "aws4_request" || parts[1].Length != 8)
        {
            throw new S3Exception(malformed, $"The credential '{credential}' is malformed; expecting \"<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request\".");
        }

        if (!secretsByAccessKey.TryGetValue(parts[0], out var secret))
        {
            throw new S3Exception(S3Error.InvalidAccessKeyId).With("AWSAccessKeyId", parts[0]);
        }

        if (!amzDate.StartsWith(parts[1], StringComparison.Ordinal))
        {
            throw new S3Exception(malformed, $"The credential date '{parts[1]}' does not match the request date '{amzDate}'.");
        }

        return (parts[0], string.Join('/', parts[1..]), SigV4.SigningKey(secret, parts[1], parts[2], parts[3]));
    }

    private void CheckSkew(string amzDate)
    {
        var signedAt = ParseAmzDate(amzDate);
        var now = wallClock.GetUtcNow();
        if ((now - signedAt).Duration() > MaxSkew)
        {
            throw new S3Exception(S3Error.RequestTimeTooSkewed)
                .With("RequestTime", amzDate)
                .With("ServerTime", S3Xml.Timestamp(now))
                .With("MaxAllowedSkewMilliseconds", "900000");
        }
    }

    private static DateTimeOffset ParseAmzDate(string amzDate) =>
        DateTimeOffset.TryParseExact(amzDate, SigV4.AmzDateFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value)
            ? value
            : throw new S3Exception(S3Error.AccessDenied, $"The date '{amzDate}' is not in the yyyyMMddTHHmmssZ format.");

    private static string? AmzDateOf(string? httpDate) =>
        httpDate is not null && DateTimeOffset.TryParse(httpDate, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value)
            ? value.UtcDateTime.ToString(SigV4.AmzDateFormat, CultureInfo.InvariantCulture)
            : null;

    /// <summary>Checks the signature against the canonical request built with the path re-encoded as SigV4 specifies and,
    /// failing that, with the path exactly as sent (clients that encode more than the unreserved set sign what they send).</summary>
    private static void Check(S3RequestContext context, string accessKey, byte[] signingKey, string scope, string amzDate, string signedHeaders, string canonicalQuery, string payloadHash, string signature)
    {
        var rawPath = RawPath(context.RawTarget);
        var headers = CanonicalHeaders(context, signedHeaders);
        var canonical = $"{context.Request.Method}\n{SigV4.UriEncode(Uri.UnescapeDataString(rawPath), keepSlash: true)}\n{canonicalQuery}\n{headers}\n{signedHeaders}\n{payloadHash}";
        var stringToSign = SigV4.StringToSign(amzDate, scope, canonical);
        if (SigV4.SignaturesEqual(SigV4.Signature(signingKey, stringToSign), signature))
        {
            return;
        }

        var asSent = $"{context.Request.Method}\n{rawPath}\n{canonicalQuery}\n{headers}\n{signedHeaders}\n{payloadHash}";
        if (SigV4.SignaturesEqual(SigV4.Signature(signingKey, SigV4.StringToSign(amzDate, scope, asSent)), signature))
        {
            return;
        }

        throw new S3Exception(S3Error.SignatureDoesNotMatch)
            .With("AWSAccessKeyId", accessKey)
            .With("StringToSign", stringToSign)
            .With("SignatureProvided", signature)
            .With("CanonicalRequest", canonical);
    }

    private static string RawPath(string rawTarget)
    {
        var question = rawTarget.IndexOf('?', StringComparison.Ordinal);
        var path = question < 0 ? rawTarget : rawTarget[..question];
        return path.Length == 0 ? "/" : path;
    }

    private static string CanonicalHeaders(S3RequestContext context, string signedHeaders)
    {
        var builder = new StringBuilder();
        foreach (var name in signedHeaders.Split(';'))
        {
            StringValues values = name == "host" ? new StringValues(context.Request.Host.Value) : context.Request.Headers[name];
            builder.Append(name).Append(':');
            for (var i = 0; i < values.Count; i++)
            {
                if (i > 0)
                {
                    builder.Append(',');
                }

                builder.Append(CollapseSpaces(values[i] ?? string.Empty));
            }

            builder.Append('\n');
        }

        return builder.ToString();
    }

    private static string CollapseSpaces(string value)
    {
        var trimmed = value.Trim();
        if (!trimmed.Contains("  ", StringComparison.Ordinal))
        {
            return trimmed;
        }

        var builder = new StringBuilder(trimmed.Length);
        foreach (var c in trimmed)
        {
            if (c != ' ' || builder.Length == 0 || builder[^1] != ' ')
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>Builds the canonical query string: every parameter name and value decoded, re-encoded as SigV4 does, sorted.</summary>
    private static string CanonicalQuery(string rawQuery, bool excludeSignature)
    {
        var pairs = new List<(string Name, string Value)>();
        foreach (var pair in rawQuery.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]);
            if (excludeSignature && name == "X-Amz-Signature")
            {
                continue;
            }

            var value = equals < 0 ? string.Empty : Uri.UnescapeDataString(pair[(equals + 1)..]);
            pairs.Add((SigV4.UriEncode(name, keepSlash: false), SigV4.UriEncode(value, keepSlash: false)));
        }

        pairs.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name) is var byName and not 0 ? byName : string.CompareOrdinal(a.Value, b.Value));
        return string.Join('&', pairs.Select(p => p.Name + "=" + p.Value));
    }
}
