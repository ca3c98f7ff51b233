using S3FilesSim.ObjectStorage;

namespace S3FilesSim.Aws.Notifications;

/// <summary>One object change read from a bucket notification, before it is sequenced into a <see cref="BucketEvent"/>.</summary>
/// <param name="Id">The notification's own id (EventBridge <c>id</c>, RGW <c>eventId</c>), or one derived from its fields so a redelivery has the same id.</param>
/// <param name="BucketName">The bucket.</param>
/// <param name="Key">The object key, decoded.</param>
/// <param name="Created">Whether this is an <c>ObjectCreated</c> change (else <c>ObjectRemoved</c>).</param>
/// <param name="Reason">The S3 API call: <c>PutObject</c>, <c>PostObject</c>, <c>CopyObject</c>, <c>CompleteMultipartUpload</c> or <c>DeleteObject</c>.</param>
/// <param name="DeletionType">For removals, <see cref="BucketEvent.DeleteMarkerCreated"/> or <see cref="BucketEvent.PermanentlyDeleted"/>.</param>
/// <param name="Size">The object size in bytes, when reported.</param>
/// <param name="ETag">The object's ETag, when reported.</param>
/// <param name="VersionId">The version id, when reported (moto reports none; RGW none for delete markers and copies).</param>
/// <param name="Sequencer">The per-key sequencer, when reported (moto reports none).</param>
/// <param name="Time">When the change happened.</param>
/// <param name="Region">The bucket's Region, when reported.</param>
internal sealed record NotificationRecord(
    string Id,
    string BucketName,
    string Key,
    bool Created,
    string Reason,
    string? DeletionType,
    long? Size,
    ETag? ETag,
    VersionId? VersionId,
    string? Sequencer,
    DateTimeOffset Time,
    string? Region);
