using System.Text;
using System.Xml;
using S3FilesSim.ObjectStorage;

namespace S3FilesSim.Server.S3.Operations;

/// <summary>The parameters every listing shares: prefix, delimiter, max-keys, <c>encoding-type=url</c>.</summary>
internal sealed record ListingParameters(string Prefix, string? Delimiter, int MaxKeys, bool UrlEncoded)
{
    public static ListingParameters Of(S3RequestContext context, string maxName = "max-keys")
    {
        var encoding = context.Query.Get("encoding-type");
        if (encoding is not null && encoding != "url")
        {
            throw new S3Exception(S3Error.InvalidArgument, "Invalid Encoding Method specified in Request").With("ArgumentName", "encoding-type").With("ArgumentValue", encoding);
        }

        var delimiter = context.Query.Get("delimiter");
        return new ListingParameters(context.Query.Get("prefix") ?? string.Empty, string.IsNullOrEmpty(delimiter) ? null : delimiter, context.Query.GetInt(maxName, 1000), encoding == "url");
    }

    /// <summary>Encodes a key or prefix as S3 does under <c>encoding-type=url</c>: percent-encoding of UTF-8, unreserved characters and <c>/</c> kept.</summary>
    public string? Encode(string? value)
    {
        if (!UrlEncoded || value is null)
        {
            return value;
        }

        var builder = new StringBuilder(value.Length);
        Span<byte> utf8 = stackalloc byte[4];
        foreach (var rune in value.EnumerateRunes())
        {
            if (rune.IsAscii && (char.IsAsciiLetterOrDigit((char)rune.Value) || rune.Value is '-' or '_' or '.' or '~' or '/'))
            {
                builder.Append((char)rune.Value);
            }
            else
            {
                var n = rune.EncodeToUtf8(utf8);
                for (var i = 0; i < n; i++)
                {
                    builder.Append('%').Append(utf8[i].ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
                }
            }
        }

        return builder.ToString();
    }

    /// <summary>Writes the elements common to every listing's header; ListObjects (v1) sends its <c>Prefix</c> unencoded.</summary>
    public void WriteHeader(XmlWriter writer, string bucket, bool encodePrefix = true)
    {
        writer.Element("Name", bucket);
        writer.Element("Prefix", encodePrefix ? Encode(Prefix) : Prefix);
        writer.Element("Delimiter", Encode(Delimiter));
    }

    public void WriteCommonPrefixes(XmlWriter writer, IEnumerable<string> prefixes)
    {
        foreach (var prefix in prefixes)
        {
            writer.WriteStartElement("CommonPrefixes");
            writer.Element("Prefix", Encode(prefix));
            writer.WriteEndElement();
        }
    }

    public void WriteEncodingType(XmlWriter writer)
    {
        if (UrlEncoded)
        {
            writer.Element("EncodingType", "url");
        }
    }
}

/// <summary>One <c>Contents</c> entry of ListObjects and ListObjectsV2.</summary>
internal static class ListedObject
{
    public static void Write(XmlWriter writer, ListingParameters parameters, ObjectSummary item, S3Account? owner)
    {
        writer.WriteStartElement("Contents");
        writer.Element("Key", parameters.Encode(item.Key));
        writer.Element("LastModified", item.LastModified);
        writer.Element("ETag", item.ETag.Value);
        writer.Element("Size", item.Size);
        if (owner is not null)
        {
            writer.Owner(owner);
        }

        writer.Element("StorageClass", item.StorageClass.Name);
        writer.WriteEndElement();
    }
}

/// <summary>ListObjectsV2 (https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectsV2.html).</summary>
internal sealed class ListObjectsV2Operation : S3Operation
{
    public override string Name => "ListObjectsV2";

    public override async Task HandleAsync(S3RequestContext context)
    {
        var bucket = context.Bucket();
        var parameters = ListingParameters.Of(context);
        var token = context.Query.Get("continuation-token");

        var startAfter = context.Query.Get("start-after");
        var fetchOwner = context.Query.Get("fetch-owner") == "true";
        var result = await bucket.ListObjectsV2Async(new ListObjectsV2Request
        {
            Prefix = parameters.Prefix,
            Delimiter = parameters.Delimiter,
            MaxKeys = parameters.MaxKeys,
            ContinuationToken = string.IsNullOrEmpty(token) ? null : token,
            StartAfter = startAfter,
        }, context.Aborted).ConfigureAwait(false);
        await S3Xml.WriteAsync(context.Response, "ListBucketResult", writer =>
        {
            parameters.WriteHeader(writer, bucket.BucketName);
            writer.Element("MaxKeys", parameters.MaxKeys);
            writer.Element("KeyCount", result.KeyCount);
            writer.Element("IsTruncated", result.IsTruncated);
            writer.Element("ContinuationToken", token);
            writer.Element("NextContinuationToken", result.NextContinuationToken);
            writer.Element("StartAfter", parameters.Encode(startAfter));
            parameters.WriteEncodingType(writer);
            foreach (var item in result.Contents)
            {
                ListedObject.Write(writer, parameters, item, fetchOwner ? context.Service.Account : null);
            }

            parameters.WriteCommonPrefixes(writer, result.CommonPrefixes);
        }).ConfigureAwait(false);
    }
}

/// <summary>ListObjects, version 1 (https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjects.html): <c>marker</c>,
/// and <c>NextMarker</c> when a delimiter is given (a marker that is a common prefix resumes after the whole prefix).</summary>
internal sealed class ListObjectsOperation : S3Operation
{
    public override string Name => "ListObjects";

    public override async Task HandleAsync(S3RequestContext context)
    {
        var bucket = context.Bucket();
        var parameters = ListingParameters.Of(context);
        var marker = context.Query.Get("marker");
        var result = await bucket.ListObjectsV2Async(new ListObjectsV2Request
        {
            Prefix = parameters.Prefix,
            Delimiter = parameters.Delimiter,
            MaxKeys = parameters.MaxKeys,
            StartAfter = string.IsNullOrEmpty(marker) ? null : marker,
        }, context.Aborted).ConfigureAwait(false);
        var lastKey = result.Contents.Count > 0 ? result.Contents[^1].Key : null;
        var lastPrefix = result.CommonPrefixes.Count > 0 ? result.CommonPrefixes[^1] : null;
        var nextMarker = lastPrefix is not null && (lastKey is null || KeyOrder(lastPrefix, lastKey) > 0) ? lastPrefix : lastKey;
        await S3Xml.WriteAsync(context.Response, "ListBucketResult", writer =>
        {
            parameters.WriteHeader(writer, bucket.BucketName, encodePrefix: false);
            writer.Element("Marker", parameters.Encode(marker ?? string.Empty));
            if (result.IsTruncated && parameters.Delimiter is not null)
            {
                writer.Element("NextMarker", parameters.Encode(nextMarker));
            }

            writer.Element("MaxKeys", parameters.MaxKeys);
            writer.Element("IsTruncated", result.IsTruncated);
            parameters.WriteEncodingType(writer);
            foreach (var item in result.Contents)
            {
                ListedObject.Write(writer, parameters, item, context.Service.Account);
            }

            parameters.WriteCommonPrefixes(writer, result.CommonPrefixes);
        }).ConfigureAwait(false);
    }

    private static int KeyOrder(string a, string b) => Encoding.UTF8.GetBytes(a).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(b));
}

/// <summary>ListObjectVersions (https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectVersions.html): versions and
/// delete markers by key, newest first, with <c>key-marker</c>/<c>version-id-marker</c> and an optional delimiter.</summary>
internal sealed class ListObjectVersionsOperation : S3Operation
{
    public override string Name => "ListObjectVersions";

    public override async Task HandleAsync(S3RequestContext context)
    {
        var bucket = context.Bucket();
        var parameters = ListingParameters.Of(context);
        var keyMarker = context.Query.Get("key-marker") is { Length: > 0 } k ? k : null;
        var versionMarker = context.Query.Get("version-id-marker") is { Length: > 0 } v ? v : null;
        if (versionMarker is not null && keyMarker is null)
        {
            throw new S3Exception(S3Error.InvalidArgument, "A version-id marker cannot be specified without a key marker.").With("ArgumentName", "version-id-marker").With("ArgumentValue", versionMarker);
        }

        var page = await VersionPage.ReadAsync(bucket, parameters, keyMarker, versionMarker, context.Aborted).ConfigureAwait(false);
        await S3Xml.WriteAsync(context.Response, "ListVersionsResult", writer =>
        {
            parameters.WriteHeader(writer, bucket.BucketName);
            writer.Element("KeyMarker", parameters.Encode(keyMarker ?? string.Empty));
            writer.Element("VersionIdMarker", versionMarker ?? string.Empty);
            if (page.IsTruncated)
            {
                writer.Element("NextKeyMarker", parameters.Encode(page.NextKeyMarker));
                writer.Element("NextVersionIdMarker", page.NextVersionIdMarker);
            }

            writer.Element("MaxKeys", parameters.MaxKeys);
            writer.Element("IsTruncated", page.IsTruncated);
            parameters.WriteEncodingType(writer);
            foreach (var version in page.Versions)
            {
                writer.WriteStartElement(version.IsDeleteMarker ? "DeleteMarker" : "Version");
                writer.Element("Key", parameters.Encode(version.Key));
                writer.Element("VersionId", version.VersionId.Value);
                writer.Element("IsLatest", version.IsLatest);
                writer.Element("LastModified", version.LastModified);
                if (!version.IsDeleteMarker)
                {
                    writer.Element("ETag", version.ETag?.Value);
                    writer.Element("Size", version.Size);
                    writer.Element("StorageClass", version.StorageClass.Name);
                }

                writer.Owner(context.Service.Account);
                writer.WriteEndElement();
            }

            parameters.WriteCommonPrefixes(writer, page.CommonPrefixes);
        }).ConfigureAwait(false);
    }

    /// <summary>One page of versions, rolled up by the delimiter: the bucket's pages are read until max-keys entries
    /// (versions plus common prefixes) are collected; a common prefix is skipped past in one step.</summary>
    private sealed record VersionPage(List<ObjectVersion> Versions, List<string> CommonPrefixes, bool IsTruncated, string? NextKeyMarker, string? NextVersionIdMarker)
    {
        /// <summary>A key marker that sorts after every key that starts with a prefix (U+10FFFF is the largest code point).</summary>
        private const string PastEveryKey = "\U0010FFFF\U0010FFFF\U0010FFFF\U0010FFFF";

        public static async Task<VersionPage> ReadAsync(InMemoryObjectStore bucket, ListingParameters parameters, string? keyMarker, string? versionMarker, CancellationToken cancellationToken)
        {
            var versions = new List<ObjectVersion>();
            var prefixes = new List<string>();
            if (parameters.Delimiter is { } markerDelimiter && keyMarker is not null && versionMarker is null
                && keyMarker.StartsWith(parameters.Prefix, StringComparison.Ordinal) && keyMarker.IndexOf(markerDelimiter, parameters.Prefix.Length, StringComparison.Ordinal) is var cut and >= 0)
            {
                keyMarker = keyMarker[..(cut + markerDelimiter.Length)] + PastEveryKey;
            }

            var marker = keyMarker;
            var versionId = versionMarker is null ? (VersionId?)null : new VersionId(versionMarker);
            while (true)
            {
                var page = await bucket.ListObjectVersionsAsync(new ListObjectVersionsRequest
                {
                    Prefix = parameters.Prefix,
                    KeyMarker = marker,
                    VersionIdMarker = versionId,
                    MaxKeys = parameters.Delimiter is null ? parameters.MaxKeys : 1000,
                }, cancellationToken).ConfigureAwait(false);
                foreach (var version in page.Versions)
                {
                    var cutAt = parameters.Delimiter is null ? -1 : version.Key.IndexOf(parameters.Delimiter, parameters.Prefix.Length, StringComparison.Ordinal);
                    if (versions.Count + prefixes.Count == parameters.MaxKeys)
                    {
                        var (nextKey, nextVersion) = Last(versions, prefixes);
                        return new VersionPage(versions, prefixes, parameters.MaxKeys > 0, nextKey, nextVersion);
                    }

                    if (cutAt >= 0)
                    {
                        prefixes.Add(version.Key[..(cutAt + parameters.Delimiter!.Length)]);
                        marker = prefixes[^1] + PastEveryKey;
                        versionId = null;
                        goto nextPage;
                    }

                    versions.Add(version);
                }

                if (!page.IsTruncated)
                {
                    return new VersionPage(versions, prefixes, false, null, null);
                }

                if (parameters.Delimiter is null)
                {
                    return new VersionPage(versions, prefixes, true, page.NextKeyMarker, page.NextVersionIdMarker?.Value);
                }

                marker = page.NextKeyMarker;
                versionId = page.NextVersionIdMarker;
            nextPage:;
            }
        }

        private static (string? Key, string? VersionId) Last(List<ObjectVersion> versions, List<string> prefixes)
        {
            var lastVersion = versions.Count > 0 ? versions[^1] : null;
            var lastPrefix = prefixes.Count > 0 ? prefixes[^1] : null;
            return lastPrefix is not null && (lastVersion is null || string.CompareOrdinal(lastPrefix, lastVersion.Key) > 0)
                ? (lastPrefix, null)
                : (lastVersion?.Key, lastVersion?.VersionId.Value);
        }
    }
}

/// <summary>ListMultipartUploads (https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListMultipartUploads.html).</summary>
internal sealed class ListMultipartUploadsOperation : S3Operation
{
    public override string Name => "ListMultipartUploads";

    public override Task HandleAsync(S3RequestContext context)
    {
        var bucket = context.Bucket();
        var parameters = ListingParameters.Of(context, "max-uploads");
        var keyMarker = context.Query.Get("key-marker") is { Length: > 0 } k ? k : null;
        var uploadIdMarker = context.Query.Get("upload-id-marker") is { Length: > 0 } u ? u : null;
        var result = bucket.ListMultipartUploads(new ListMultipartUploadsRequest
        {
            Prefix = parameters.Prefix,
            Delimiter = parameters.Delimiter,
            KeyMarker = keyMarker,
            UploadIdMarker = uploadIdMarker,
            MaxUploads = parameters.MaxKeys,
        }, context.Aborted);
        return S3Xml.WriteAsync(context.Response, "ListMultipartUploadsResult", writer =>
        {
            writer.Element("Bucket", bucket.BucketName);
            writer.Element("KeyMarker", parameters.Encode(keyMarker ?? string.Empty));
            writer.Element("UploadIdMarker", uploadIdMarker ?? string.Empty);
            writer.Element("NextKeyMarker", parameters.Encode(result.NextKeyMarker));
            writer.Element("NextUploadIdMarker", result.NextUploadIdMarker);
            writer.Element("Prefix", parameters.Encode(parameters.Prefix));
            writer.Element("Delimiter", parameters.Encode(parameters.Delimiter));
            writer.Element("MaxUploads", parameters.MaxKeys);
            writer.Element("IsTruncated", result.IsTruncated);
            parameters.WriteEncodingType(writer);
            foreach (var upload in result.Uploads)
            {
                writer.WriteStartElement("Upload");
                writer.Element("Key", parameters.Encode(upload.Key));
                writer.Element("UploadId", upload.UploadId);
                writer.Owner(context.Service.Account, "Initiator");
                writer.Owner(context.Service.Account);
                writer.Element("StorageClass", upload.StorageClass.Name);
                writer.Element("Initiated", upload.Initiated);
                writer.WriteEndElement();
            }

            parameters.WriteCommonPrefixes(writer, result.CommonPrefixes);
        });
    }
}
