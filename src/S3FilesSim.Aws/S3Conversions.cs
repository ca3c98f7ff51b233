using System.Globalization;
using Amazon.S3;
using Amazon.S3.Model;
using S3FilesSim.ObjectStorage;

namespace S3FilesSim.Aws;

/// <summary>Conversions between AWSSDK.S3 values (nullable in SDK v4, empty collections as <see langword="null"/>) and the port's types.</summary>
internal static class S3Conversions
{
    /// <summary>The prefix S3 puts on user metadata headers.</summary>
    public const string MetadataPrefix = "x-amz-meta-";

    /// <summary>Returns the port's user metadata: bare lower-case keys, looked up case-insensitively.</summary>
    public static IReadOnlyDictionary<string, string> ToMetadata(MetadataCollection? metadata)
    {
        if (metadata is null || metadata.Count == 0)
        {
            return ObjectStoreDefaults.EmptyMetadata;
        }

        var result = new Dictionary<string, string>(metadata.Count, StringComparer.OrdinalIgnoreCase);
        foreach (var name in metadata.Keys)
        {
            var bare = name.StartsWith(MetadataPrefix, StringComparison.OrdinalIgnoreCase) ? name[MetadataPrefix.Length..] : name;
            result[bare.ToLowerInvariant()] = metadata[name] ?? string.Empty;
        }

        return result.AsReadOnly();
    }

    /// <summary>Copies the port's user metadata into an SDK request (the SDK adds the <c>x-amz-meta-</c> prefix).</summary>
    public static void CopyMetadata(IReadOnlyDictionary<string, string> metadata, MetadataCollection target)
    {
        foreach (var (name, value) in metadata)
        {
            target.Add(name, value);
        }
    }

    /// <summary>Returns the SDK storage class, or <see langword="null"/> to let S3 use STANDARD.</summary>
    public static S3StorageClass? ToSdk(StorageClass? storageClass) =>
        storageClass is { } value ? S3StorageClass.FindValue(value.Name) : null;

    /// <summary>Returns the port's storage class; S3 omits it for STANDARD.</summary>
    public static StorageClass ToStorageClass(S3StorageClass? storageClass) =>
        storageClass is null || string.IsNullOrEmpty(storageClass.Value) ? StorageClass.Standard : new StorageClass(storageClass.Value);

    /// <summary>Returns the port's archive tier from <c>x-amz-archive-status</c>.</summary>
    public static ObjectStorage.IntelligentTieringAccessTier? ToArchiveStatus(ArchiveStatus? archiveStatus) => archiveStatus?.Value switch
    {
        "ARCHIVE_ACCESS" => ObjectStorage.IntelligentTieringAccessTier.ArchiveAccess,
        "DEEP_ARCHIVE_ACCESS" => ObjectStorage.IntelligentTieringAccessTier.DeepArchiveAccess,
        _ => null,
    };

    /// <summary>Returns a version id; S3 omits it (or sends <c>null</c>) for writes to an unversioned bucket.</summary>
    public static VersionId ToVersionId(string? versionId) =>
        string.IsNullOrEmpty(versionId) ? VersionId.Null : new VersionId(versionId);

    /// <summary>Returns an ETag, or <see langword="null"/> when the server sent none.</summary>
    public static ETag? ToETag(string? etag) => string.IsNullOrEmpty(etag) ? null : ETag.Parse(etag);

    /// <summary>Returns an ETag the server must have sent.</summary>
    public static ETag RequireETag(string? etag, string operation, string key) =>
        ToETag(etag) ?? throw new ObjectStoreException(S3ErrorCode.InternalError, 500, $"The server answered {operation} without an ETag.", key);

    /// <summary>Returns a UTC instant; the SDK reports times as <see cref="DateTime"/> of any kind.</summary>
    public static DateTimeOffset ToInstant(DateTime? time) => time switch
    {
        null => DateTimeOffset.UnixEpoch,
        { Kind: DateTimeKind.Unspecified } value => new DateTimeOffset(DateTime.SpecifyKind(value, DateTimeKind.Utc)),
        { } value => new DateTimeOffset(value.ToUniversalTime()),
    };

    /// <summary>Parses the textual <c>LastModified</c> of CopyObject.</summary>
    public static DateTimeOffset? ParseInstant(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value) ? value : null;

    /// <summary>Returns the first byte offset and the total object length from a <c>Content-Range</c> header (<c>bytes a-b/total</c>).</summary>
    public static (long Start, long? Total) ParseContentRange(string? contentRange)
    {
        if (string.IsNullOrEmpty(contentRange))
        {
            return (0, null);
        }

        var text = contentRange.AsSpan();
        var space = text.IndexOf(' ');
        var dash = text.IndexOf('-');
        var slash = text.IndexOf('/');
        var style = NumberStyles.None;
        var culture = CultureInfo.InvariantCulture;
        var start = space >= 0 && dash > space && long.TryParse(text[(space + 1)..dash], style, culture, out var first) ? first : 0;
        long? total = slash >= 0 && long.TryParse(text[(slash + 1)..], style, culture, out var length) ? length : null;
        return (start, total);
    }
}
