using System.Globalization;
using Microsoft.AspNetCore.Http;
using S3FilesSim.ObjectStorage;
using S3FilesSim.Server.S3.Body;

namespace S3FilesSim.Server.S3.Operations;

/// <summary>The object headers of S3 requests and responses, read and written in one place: user metadata
/// (<c>x-amz-meta-*</c>), Content-Type, storage class, preconditions, and the headers of features the bucket does not model.</summary>
internal static class ObjectHeaders
{
    private const string MetaPrefix = "x-amz-meta-";

    /// <summary>Reads the user metadata headers: names lower case without the prefix; S3 joins repeated headers with commas.</summary>
    /// <exception cref="S3Exception"><c>MetadataTooLarge</c>.</exception>
    public static IReadOnlyDictionary<string, string> UserMetadata(HttpRequest request)
    {
        var metadata = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in request.Headers)
        {
            if (name.Length > MetaPrefix.Length && name.StartsWith(MetaPrefix, StringComparison.OrdinalIgnoreCase))
            {
                metadata[name[MetaPrefix.Length..].ToLowerInvariant()] = string.Join(',', values.Select(v => v?.Trim()));
            }
        }

        S3Limits.CheckMetadata(metadata);
        return metadata;
    }

    /// <summary>Reads <c>x-amz-storage-class</c>.</summary>
    /// <exception cref="S3Exception"><c>InvalidStorageClass</c>.</exception>
    public static StorageClass? StorageClassOf(S3RequestContext context)
    {
        if (context.Header("x-amz-storage-class") is not { } name)
        {
            return null;
        }

        return name switch
        {
            "STANDARD" or "STANDARD_IA" or "ONEZONE_IA" or "REDUCED_REDUNDANCY" or "INTELLIGENT_TIERING" or "GLACIER_IR" or "GLACIER" or "DEEP_ARCHIVE" => new StorageClass(name),
            _ => throw new S3Exception(S3Error.InvalidStorageClass).With("StorageClassRequested", name),
        };
    }

    /// <summary>Rejects the headers of write features the bucket does not model with 501, and accepts the ones that
    /// restate S3's defaults (<c>x-amz-acl: private</c>, <c>bucket-owner-full-control</c>, <c>x-amz-server-side-encryption: AES256</c>).</summary>
    /// <exception cref="S3Exception"><c>NotImplemented</c> naming the header.</exception>
    public static void RejectUnmodelled(S3RequestContext context, string operation)
    {
        if (context.Header("x-amz-acl") is { } acl && acl is not ("private" or "bucket-owner-full-control"))
        {
            throw Unmodelled(operation, $"x-amz-acl: {acl}", "access control lists");
        }

        foreach (var (name, _) in context.Request.Headers)
        {
            if (name.StartsWith("x-amz-grant-", StringComparison.OrdinalIgnoreCase))
            {
                throw Unmodelled(operation, name, "access control lists");
            }

            if (name.StartsWith("x-amz-object-lock-", StringComparison.OrdinalIgnoreCase))
            {
                throw Unmodelled(operation, name, "Object Lock");
            }

            if (name.StartsWith("x-amz-server-side-encryption-customer-", StringComparison.OrdinalIgnoreCase)
                || name.Equals("x-amz-server-side-encryption-aws-kms-key-id", StringComparison.OrdinalIgnoreCase)
                || name.Equals("x-amz-server-side-encryption-context", StringComparison.OrdinalIgnoreCase))
            {
                throw Unmodelled(operation, name, "server-side encryption with KMS or customer keys");
            }
        }

        if (context.Header("x-amz-server-side-encryption") is { } sse && sse != "AES256")
        {
            throw Unmodelled(operation, $"x-amz-server-side-encryption: {sse}", "server-side encryption with KMS keys");
        }

        if (context.Header("x-amz-tagging") is not null)
        {
            throw Unmodelled(operation, "x-amz-tagging", "object tags");
        }

        if (context.Header("x-amz-website-redirect-location") is not null)
        {
            throw Unmodelled(operation, "x-amz-website-redirect-location", "static website hosting");
        }
    }

    /// <summary>Reads an <c>If-Match</c>/<c>If-None-Match</c> style header as an entity tag.</summary>
    public static ETag? ETagHeader(S3RequestContext context, string name) =>
        context.Header(name) is { Length: > 0 } value ? ParseETag(value) : null;

    /// <summary>Parses an entity tag as clients send it (quoted or not, or <c>*</c>).</summary>
    public static ETag ParseETag(string value)
    {
        try
        {
            return ETag.Parse(value.Trim());
        }
        catch (ArgumentException)
        {
            return ETag.Parse("\"" + value.Replace("\"", string.Empty, StringComparison.Ordinal) + "\"");
        }
    }

    /// <summary>Evaluates GET/HEAD preconditions in the order RFC 7232 and S3 define: If-Match, If-Unmodified-Since (ignored
    /// when If-Match is present), If-None-Match, If-Modified-Since (ignored when If-None-Match is present).</summary>
    /// <returns><see langword="null"/> when the request proceeds, else the error (412 PreconditionFailed or 304 NotModified).</returns>
    public static S3Exception? CheckReadConditions(S3RequestContext context, ObjectMetadata metadata, string prefix = "")
    {
        var ifMatch = ETagHeader(context, prefix + "If-Match");
        var ifNoneMatch = ETagHeader(context, prefix + "If-None-Match");
        var ifUnmodifiedSince = context.DateHeader(prefix + "If-Unmodified-Since");
        var ifModifiedSince = context.DateHeader(prefix + "If-Modified-Since");
        var lastModified = TruncateToSeconds(metadata.LastModified);
        if (ifMatch is { } match ? !match.Matches(metadata.ETag) : ifUnmodifiedSince is { } unmodified && lastModified > unmodified)
        {
            return new S3Exception(S3Error.PreconditionFailed).With("Condition", ifMatch is null ? prefix + "If-Unmodified-Since" : prefix + "If-Match");
        }

        if (ifNoneMatch is { } noneMatch ? noneMatch.Matches(metadata.ETag) : ifModifiedSince is { } modified && lastModified <= modified)
        {
            return prefix.Length == 0
                ? new S3Exception(S3Error.NotModified).WithHeader("ETag", metadata.ETag.Value).WithHeader("Last-Modified", S3Xml.HttpDate(metadata.LastModified))
                : new S3Exception(S3Error.PreconditionFailed).With("Condition", ifNoneMatch is null ? prefix + "If-Modified-Since" : prefix + "If-None-Match");
        }

        return null;
    }

    /// <summary>Writes the headers of an object version on a GET or HEAD response (and the overrides of <c>response-*</c> parameters on a GET);
    /// the object's checksum only when the whole object is returned and <c>x-amz-checksum-mode: ENABLED</c> asks for it.</summary>
    public static void WriteObject(S3RequestContext context, ObjectMetadata metadata, InMemoryObjectStore bucket, bool overrides, bool wholeObject, int? partNumber = null)
    {
        var headers = context.Response.Headers;
        var extra = context.Service.Extras.Get(metadata);
        headers.ETag = metadata.ETag.Value;
        headers.LastModified = S3Xml.HttpDate(metadata.LastModified);
        headers.AcceptRanges = "bytes";
        headers.ContentType = metadata.ContentType;
        headers["x-amz-server-side-encryption"] = "AES256";
        WriteVersionId(context, bucket, metadata.VersionId);
        if (metadata.StorageClass != StorageClass.Standard)
        {
            headers["x-amz-storage-class"] = metadata.StorageClass.Name;
        }

        foreach (var (name, value) in metadata.Metadata)
        {
            headers[MetaPrefix + name] = HeaderValue(value);
        }

        foreach (var (name, value) in extra.ContentHeaders)
        {
            headers[name] = value;
        }

        if (metadata.RestoreInProgress)
        {
            headers["x-amz-restore"] = "ongoing-request=\"true\"";
        }
        else if (metadata.RestoreExpiresAt is { } expiry && expiry != DateTimeOffset.MaxValue)
        {
            headers["x-amz-restore"] = $"ongoing-request=\"false\", expiry-date=\"{S3Xml.HttpDate(expiry)}\"";
        }

        if (metadata.ArchiveStatus is { } tier && tier != IntelligentTieringAccessTier.Frequent)
        {
            headers["x-amz-archive-status"] = tier == IntelligentTieringAccessTier.ArchiveAccess ? "ARCHIVE_ACCESS" : "DEEP_ARCHIVE_ACCESS";
        }

        var checksum = partNumber is { } part && extra.PartChecksums is { } partChecksums ? (part <= partChecksums.Count ? partChecksums[part - 1] : null)
            : wholeObject || partNumber is 1 ? extra.Checksum
            : null;
        if (checksum is not null && string.Equals(context.Header("x-amz-checksum-mode"), "ENABLED", StringComparison.OrdinalIgnoreCase))
        {
            headers[checksum.HeaderName] = checksum.Base64;
            headers["x-amz-checksum-type"] = extra.ChecksumType;
        }

        if (overrides)
        {
            Override(context, "response-content-type", "Content-Type");
            Override(context, "response-content-language", "Content-Language");
            Override(context, "response-expires", "Expires");
            Override(context, "response-cache-control", "Cache-Control");
            Override(context, "response-content-disposition", "Content-Disposition");
            Override(context, "response-content-encoding", "Content-Encoding");
        }
    }

    /// <summary>Writes <c>x-amz-version-id</c> as S3 does: absent while the bucket was never versioned.</summary>
    public static void WriteVersionId(S3RequestContext context, InMemoryObjectStore bucket, VersionId? versionId)
    {
        if (versionId is { } id && (bucket.VersioningStatus != BucketVersioningStatus.Unversioned || !id.IsNull))
        {
            context.Response.Headers["x-amz-version-id"] = id.Value;
        }
    }

    /// <summary>Writes <c>x-amz-version-id</c> on a write's response: the new version's id, and nothing for a <c>null</c> version.</summary>
    public static void WriteNewVersionId(S3RequestContext context, VersionId? versionId)
    {
        if (versionId is { IsNull: false } id)
        {
            context.Response.Headers["x-amz-version-id"] = id.Value;
        }
    }

    /// <summary>Writes the checksum header of a write's response.</summary>
    public static void WriteChecksum(S3RequestContext context, ChecksumValue? checksum)
    {
        if (checksum is not null)
        {
            context.Response.Headers[checksum.HeaderName] = checksum.Base64;
        }
    }

    /// <summary>Returns the error of a read that found no object: 404 NoSuchKey/NoSuchVersion, or 405 for a delete marker
    /// asked for by version id, with <c>x-amz-delete-marker</c> and its version id as S3 sends them.</summary>
    public static S3Exception NotFound(S3RequestContext context, HeadObjectResult result, VersionId? requested)
    {
        S3Exception error;
        if (result.IsDeleteMarker && requested is not null)
        {
            error = new S3Exception(S3Error.MethodNotAllowed).With("Method", context.Request.Method).With("ResourceType", "DeleteMarker");
        }
        else if (result.Status == ObjectReadStatus.NoSuchVersion)
        {
            error = new S3Exception(S3Error.NoSuchVersion).With("Key", context.Key).With("VersionId", requested?.Value);
        }
        else
        {
            error = new S3Exception(S3Error.NoSuchKey).With("Key", context.Key);
        }

        if (result.IsDeleteMarker)
        {
            error.WithHeader("x-amz-delete-marker", "true");
            if (result.DeleteMarkerVersionId is { } markerId)
            {
                error.WithHeader("x-amz-version-id", markerId.Value);
            }
        }

        return error;
    }

    /// <summary>Returns a metadata value as S3 sends it in a header: as is when every character fits Latin-1, else RFC 2047
    /// encoded (<c>=?UTF-8?B?...?=</c>) (https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingMetadata.html).</summary>
    private static string HeaderValue(string value)
    {
        foreach (var c in value)
        {
            if (c > '\u00FF' || char.IsControl(c))
            {
                return "=?UTF-8?B?" + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(value)) + "?=";
            }
        }

        return value;
    }

    private static S3Exception Unmodelled(string operation, string header, string what) =>
        new S3Exception(S3Error.NotImplemented, $"{operation} with {header} is not implemented: S3FilesSim's buckets do not model {what}.")
            .With("Operation", operation).With("Header", header);

    private static void Override(S3RequestContext context, string parameter, string header)
    {
        if (context.Query.Get(parameter) is { } value)
        {
            context.Response.Headers[header] = value;
        }
    }

    private static DateTimeOffset TruncateToSeconds(DateTimeOffset value) => new(value.Ticks - (value.Ticks % TimeSpan.TicksPerSecond), value.Offset);
}
