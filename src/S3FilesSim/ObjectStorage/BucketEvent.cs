using System.Globalization;
using System.Text;
using System.Text.Json;

namespace S3FilesSim.ObjectStorage;

/// <summary>
/// A bucket change as Amazon S3 publishes it to Amazon EventBridge: <c>Object Created</c> or <c>Object Deleted</c>,
/// with key, size, ETag, version id and a per-key sequencer.
/// </summary>
/// <remarks>
/// <para>Shape and field meanings follow https://docs.aws.amazon.com/AmazonS3/latest/userguide/ev-events.html and
/// https://docs.aws.amazon.com/AmazonS3/latest/userguide/EventBridge.html. Delivery is at least once and unordered: a
/// duplicate has the same <see cref="Id"/>, and for one key the event with the greater <see cref="Sequencer"/>
/// (compared with <see cref="CompareSequencers"/>) describes the later change.</para>
/// </remarks>
public sealed record BucketEvent
{
    /// <summary>The detail type of an object creation.</summary>
    public const string ObjectCreatedDetailType = "Object Created";

    /// <summary>The detail type of an object deletion (delete marker or permanent delete).</summary>
    public const string ObjectDeletedDetailType = "Object Deleted";

    /// <summary>The deletion type of a delete that added a delete marker.</summary>
    public const string DeleteMarkerCreated = "Delete Marker Created";

    /// <summary>The deletion type of a delete that removed a version for good.</summary>
    public const string PermanentlyDeleted = "Permanently Deleted";

    /// <summary>Gets the event id; a duplicate delivery carries the same id.</summary>
    public required string Id { get; init; }

    /// <summary>Gets the detail type: <see cref="ObjectCreatedDetailType"/> or <see cref="ObjectDeletedDetailType"/>.</summary>
    public required string DetailType { get; init; }

    /// <summary>Gets the event source, always <c>aws.s3</c>.</summary>
    public string Source => "aws.s3";

    /// <summary>Gets the Region the bucket is in.</summary>
    public required string Region { get; init; }

    /// <summary>Gets the AWS account that owns the bucket and made the request (<c>account</c>, <c>detail.requester</c>).</summary>
    public required string AccountId { get; init; }

    /// <summary>Gets when the change happened (the event's <c>time</c>), from the store's clock.</summary>
    public required DateTimeOffset Time { get; init; }

    /// <summary>Gets the bucket name (<c>detail.bucket.name</c>).</summary>
    public required string BucketName { get; init; }

    /// <summary>Gets the object key (<c>detail.object.key</c>).</summary>
    public required string Key { get; init; }

    /// <summary>Gets the object size in bytes for <c>Object Created</c>; <see langword="null"/> for deletions.</summary>
    public long? Size { get; init; }

    /// <summary>Gets the ETag for <c>Object Created</c> (S3 sends it without quotes; see <see cref="ETag.Unquoted"/>); <see langword="null"/> for deletions.</summary>
    public ETag? ETag { get; init; }

    /// <summary>Gets the version id of the version created, the delete marker created, or the version removed.</summary>
    public required VersionId VersionId { get; init; }

    /// <summary>Gets the sequencer: uppercase hex that increases with every change of a key.</summary>
    public required string Sequencer { get; init; }

    /// <summary>Gets the reason: <c>PutObject</c>, <c>CopyObject</c>, <c>CompleteMultipartUpload</c> or <c>DeleteObject</c>.</summary>
    public required string Reason { get; init; }

    /// <summary>Gets the deletion type for <c>Object Deleted</c>: <see cref="DeleteMarkerCreated"/> or <see cref="PermanentlyDeleted"/>.</summary>
    public string? DeletionType { get; init; }

    /// <summary>Gets a value indicating whether this is an <c>Object Created</c> event.</summary>
    public bool IsCreated => DetailType == ObjectCreatedDetailType;

    /// <summary>Renders the event as the JSON document EventBridge delivers to targets (a Lambda function, an SQS queue).</summary>
    /// <returns>The JSON text, e.g. <c>{"version":"0","id":"…","detail-type":"Object Created","source":"aws.s3",…}</c>.</returns>
    /// <remarks>Field names and nesting follow https://docs.aws.amazon.com/AmazonS3/latest/userguide/ev-events.html;
    /// <c>request-id</c> is derived from <see cref="Id"/> and <c>source-ip-address</c> is omitted.</remarks>
    public string ToEventBridgeJson()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("version", "0");
            json.WriteString("id", Id);
            json.WriteString("detail-type", DetailType);
            json.WriteString("source", Source);
            json.WriteString("account", AccountId);
            json.WriteString("time", Time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
            json.WriteString("region", Region);
            json.WriteStartArray("resources");
            json.WriteStringValue("arn:aws:s3:::" + BucketName);
            json.WriteEndArray();
            json.WriteStartObject("detail");
            json.WriteString("version", "0");
            json.WriteStartObject("bucket");
            json.WriteString("name", BucketName);
            json.WriteEndObject();
            json.WriteStartObject("object");
            json.WriteString("key", Key);
            if (Size is { } size)
            {
                json.WriteNumber("size", size);
            }

            if (ETag is { } etag)
            {
                json.WriteString("etag", etag.Unquoted);
            }

            json.WriteString("version-id", VersionId.Value);
            json.WriteString("sequencer", Sequencer);
            json.WriteEndObject();
            json.WriteString("request-id", Id.Replace("-", string.Empty, StringComparison.Ordinal)[..16].ToUpperInvariant());
            json.WriteString("requester", AccountId);
            json.WriteString("reason", Reason);
            if (DeletionType is not null)
            {
                json.WriteString("deletion-type", DeletionType);
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>Compares two sequencers of events for the same key as S3 prescribes: right-pad the shorter with zeros, then compare as strings.</summary>
    /// <param name="left">One sequencer.</param>
    /// <param name="right">The other sequencer.</param>
    /// <returns>Negative when <paramref name="left"/> is earlier, zero when equal, positive when later.</returns>
    public static int CompareSequencers(string left, string right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        var width = Math.Max(left.Length, right.Length);
        return string.CompareOrdinal(left.PadRight(width, '0'), right.PadRight(width, '0'));
    }
}

/// <summary>A source of bucket events (the EventBridge model): subscribers receive every change, possibly late, duplicated or out of order.</summary>
/// <remarks>See https://docs.aws.amazon.com/AmazonS3/latest/userguide/EventBridge.html and, for how S3 Files consumes
/// them, https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-synchronization.html.</remarks>
public interface IBucketEventSource
{
    /// <summary>Gets the bucket the events describe.</summary>
    string BucketName { get; }

    /// <summary>Registers <paramref name="handler"/> for the events of changes made from now on.</summary>
    /// <param name="handler">Called once per delivery; an exception it throws propagates out of the call that advanced time.</param>
    /// <returns>A handle whose disposal stops further deliveries to the handler, including those already scheduled.</returns>
    IDisposable Subscribe(Func<BucketEvent, CancellationToken, ValueTask> handler);
}
