using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using S3FilesSim.ObjectStorage;

namespace S3FilesSim.Aws.Notifications;

/// <summary>
/// Reads the object changes out of one notification message body, in any of the shapes a bucket's changes reach a
/// queue or an HTTP endpoint: an S3 event notification (<c>{"Records":[…]}</c>, from S3, moto or Ceph RGW), the same
/// wrapped in an SNS notification (<c>{"Type":"Notification","Message":"…"}</c>), or an EventBridge event
/// (<c>{"detail-type":"Object Created",…}</c>).
/// </summary>
/// <remarks>
/// Shapes: https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-content-structure.html (keys URL-encoded,
/// <c>s3:TestEvent</c> messages), https://docs.aws.amazon.com/AmazonS3/latest/userguide/ev-events.html (keys as they
/// are), https://docs.ceph.com/en/latest/radosgw/notifications/ (<c>eventSource</c> <c>ceph:s3</c>, keys as they are).
/// Records of other event types (tagging, ACL, restore, replication) change no object data and are left out.
/// </remarks>
internal static class NotificationParser
{
    /// <summary>Parses <paramref name="body"/>.</summary>
    /// <param name="body">The message body.</param>
    /// <returns>The object changes, in the order the message lists them; empty for test events and other event types.</returns>
    /// <exception cref="FormatException">The body is not JSON, or not one of the shapes above.</exception>
    public static IReadOnlyList<NotificationRecord> Parse(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        try
        {
            using var document = JsonDocument.Parse(body);
            var records = new List<NotificationRecord>();
            ParseInto(document.RootElement, records, depth: 0);
            return records;
        }
        catch (JsonException e)
        {
            throw new FormatException($"The notification is not JSON: {e.Message}", e);
        }
        catch (InvalidOperationException e)
        {
            throw new FormatException($"The notification has a field of the wrong type: {e.Message}", e);
        }
    }

    private static void ParseInto(JsonElement root, List<NotificationRecord> records, int depth)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("The notification is not a JSON object.");
        }

        if (root.TryGetProperty("Records", out var list))
        {
            foreach (var record in list.EnumerateArray())
            {
                if (FromS3Record(record) is { } parsed)
                {
                    records.Add(parsed);
                }
            }
        }
        else if (root.TryGetProperty("Type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() == "Notification"
            && root.TryGetProperty("Message", out var message) && message.ValueKind == JsonValueKind.String && depth == 0)
        {
            using var inner = JsonDocument.Parse(message.GetString()!);
            ParseInto(inner.RootElement, records, depth + 1);
        }
        else if (root.TryGetProperty("detail-type", out var detailType) && root.TryGetProperty("detail", out var detail))
        {
            if (FromEventBridge(root, detailType.GetString(), detail) is { } parsed)
            {
                records.Add(parsed);
            }
        }
        else if (!(root.TryGetProperty("Event", out var testEvent) && testEvent.GetString() == "s3:TestEvent"))
        {
            throw new FormatException("The notification is neither an S3 event notification, an SNS notification nor an EventBridge event.");
        }
    }

    private static NotificationRecord? FromS3Record(JsonElement record)
    {
        var eventName = Required(record, "eventName");
        var (created, reason, deletionType) = eventName switch
        {
            "ObjectCreated:Put" => (true, "PutObject", null),
            "ObjectCreated:Post" => (true, "PostObject", null),
            "ObjectCreated:Copy" => (true, "CopyObject", null),
            "ObjectCreated:CompleteMultipartUpload" => (true, "CompleteMultipartUpload", null),
            "ObjectRemoved:Delete" or "LifecycleExpiration:Delete" => (false, "DeleteObject", BucketEvent.PermanentlyDeleted),
            "ObjectRemoved:DeleteMarkerCreated" or "LifecycleExpiration:DeleteMarkerCreated" => (false, "DeleteObject", BucketEvent.DeleteMarkerCreated),
            _ => (false, string.Empty, (string?)null),
        };
        if (reason.Length == 0)
        {
            return null;
        }

        var s3 = Member(record, "s3");
        var bucket = Required(Member(s3, "bucket"), "name");
        var obj = Member(s3, "object");
        var rawKey = Required(obj, "key");

        // S3 (and moto, which copies it) URL-encodes the key in event notifications; Ceph RGW sends it as it is.
        var eventSource = Optional(record, "eventSource");
        var key = eventSource == "aws:s3" ? WebUtility.UrlDecode(rawKey) : rawKey;
        var etag = Optional(obj, "eTag");
        var versionId = Optional(obj, "versionId");
        var sequencer = eventSource == "ceph:s3" ? CephSequencer(Optional(obj, "sequencer")) : Optional(obj, "sequencer");
        long? size = obj.TryGetProperty("size", out var sizeElement) && sizeElement.ValueKind == JsonValueKind.Number ? sizeElement.GetInt64() : null;
        var id = Optional(record, "eventId") is { Length: > 0 } eventId ? eventId : DerivedId(bucket, key, eventName, versionId, sequencer, etag);
        return new NotificationRecord(
            id, bucket, key, created, reason, deletionType, created ? size : null, ToETag(created ? etag : null), ToVersionId(versionId), NullIfEmpty(sequencer),
            ParseTime(record.TryGetProperty("eventTime", out var time) ? time : default), NullIfEmpty(Optional(record, "awsRegion")));
    }

    private static NotificationRecord? FromEventBridge(JsonElement root, string? detailType, JsonElement detail)
    {
        if (detailType is not (BucketEvent.ObjectCreatedDetailType or BucketEvent.ObjectDeletedDetailType))
        {
            return null;
        }

        var created = detailType == BucketEvent.ObjectCreatedDetailType;
        var bucket = Required(Member(detail, "bucket"), "name");
        var obj = Member(detail, "object");
        var key = Required(obj, "key");
        var etag = Optional(obj, "etag") ?? Optional(obj, "eTag");
        var versionId = Optional(obj, "version-id");
        var sequencer = Optional(obj, "sequencer");
        long? size = obj.TryGetProperty("size", out var sizeElement) && sizeElement.ValueKind == JsonValueKind.Number ? sizeElement.GetInt64() : null;
        var deletionType = created ? null : Optional(detail, "deletion-type") ?? BucketEvent.DeleteMarkerCreated;
        var reason = Optional(detail, "reason") ?? (created ? "PutObject" : "DeleteObject");
        var id = Optional(root, "id") is { Length: > 0 } eventId ? eventId : DerivedId(bucket, key, detailType, versionId, sequencer, etag);
        return new NotificationRecord(
            id, bucket, key, created, reason, deletionType, created ? size : null, ToETag(created ? etag : null), ToVersionId(versionId), NullIfEmpty(sequencer),
            ParseTime(root.TryGetProperty("time", out var time) ? time : default), NullIfEmpty(Optional(root, "region")));
    }

    /// <summary>
    /// Ceph RGW's sequencer is the hex of the bytes of its event time as stored in memory (<c>utime_t</c>: seconds, then
    /// nanoseconds, each a little-endian 32-bit integer), which does not sort in time order; this rewrites it as the
    /// big-endian hex of the same two numbers, which does. Other values are returned as they are.
    /// </summary>
    private static string? CephSequencer(string? sequencer)
    {
        if (sequencer is not { Length: 16 } || !sequencer.All(char.IsAsciiHexDigit))
        {
            return sequencer;
        }

        var bytes = Convert.FromHexString(sequencer);
        Array.Reverse(bytes, 0, 4);
        Array.Reverse(bytes, 4, 4);
        return Convert.ToHexString(bytes);
    }

    private static JsonElement Member(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object
            ? value
            : throw new FormatException($"The notification record has no '{name}' object.");

    private static string Required(JsonElement element, string name) =>
        Optional(element, name) ?? throw new FormatException($"The notification record has no '{name}' string.");

    private static string? Optional(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static ETag? ToETag(string? etag) =>
        string.IsNullOrEmpty(etag) ? null : ETag.Parse(etag.StartsWith('"') ? etag : "\"" + etag + "\"");

    private static VersionId? ToVersionId(string? versionId) => string.IsNullOrEmpty(versionId) ? null : new VersionId(versionId);

    /// <summary>Reads an ISO 8601 time (with or without a zone; S3 and RGW send UTC) or seconds since the Unix epoch (moto's EventBridge events).</summary>
    private static DateTimeOffset ParseTime(JsonElement time) => time.ValueKind switch
    {
        JsonValueKind.String when DateTimeOffset.TryParse(time.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed) => parsed,
        JsonValueKind.Number => DateTimeOffset.UnixEpoch.AddSeconds(time.GetDouble()),
        _ => throw new FormatException("The notification has no valid event time."),
    };

    private static string DerivedId(string bucket, string key, string eventName, string? versionId, string? sequencer, string? etag)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{bucket}\n{key}\n{eventName}\n{versionId}\n{sequencer}\n{etag}"));
        return new Guid(hash.AsSpan(0, 16)).ToString();
    }
}
