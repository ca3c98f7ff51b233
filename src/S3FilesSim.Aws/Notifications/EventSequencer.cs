using System.Globalization;
using S3FilesSim.ObjectStorage;

namespace S3FilesSim.Aws.Notifications;

/// <summary>
/// Turns notification records into <see cref="BucketEvent"/>s in the order S3's sequencers give, per key: a record whose
/// sequencer is not greater than the last one delivered for its key is a duplicate (a redelivery) or arrived out of
/// order after a later change, and is dropped; the later change's delivery already brought the key up to date, since
/// the file system reads the key's latest version when it applies an event.
/// </summary>
/// <remarks>
/// <para>Sequencers are compared as S3 prescribes (https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-content-structure.html):
/// right-padded with zeros to the same length, then as strings (<see cref="BucketEvent.CompareSequencers"/>).</para>
/// <para>A record without a sequencer (moto sends none) cannot be ordered: it is always delivered, with a sequencer made
/// greater than the key's last one (the last real sequencer followed by 16 hex digits of a counter), so the file system
/// applies it and reads the key's latest version.</para>
/// <para>Not thread-safe: callers serialise. Remembers one sequencer per key seen.</para>
/// </remarks>
internal sealed class EventSequencer(string defaultRegion, string accountId)
{
    private readonly Dictionary<string, (string Real, long Synthesized)> _last = new(StringComparer.Ordinal);

    /// <summary>Returns the event to deliver for <paramref name="record"/>, or <see langword="null"/> when it is a duplicate or stale.</summary>
    /// <param name="record">The record.</param>
    /// <returns>The event, its sequencer recorded as the key's last.</returns>
    public BucketEvent? Admit(NotificationRecord record)
    {
        string sequencer;
        _last.TryGetValue(record.Key, out var last);
        if (record.Sequencer is { } real)
        {
            var previous = last.Synthesized != 0 ? Synthesize(last.Real, last.Synthesized) : last.Real;
            if (previous is not null && BucketEvent.CompareSequencers(real, previous) <= 0)
            {
                return null;
            }

            _last[record.Key] = (real, 0);
            sequencer = real;
        }
        else
        {
            var next = (last.Real ?? string.Empty, last.Synthesized + 1);
            _last[record.Key] = next;
            sequencer = Synthesize(next.Item1, next.Item2);
        }

        return new BucketEvent
        {
            Id = record.Id,
            DetailType = record.Created ? BucketEvent.ObjectCreatedDetailType : BucketEvent.ObjectDeletedDetailType,
            Region = record.Region ?? defaultRegion,
            AccountId = accountId,
            Time = record.Time,
            BucketName = record.BucketName,
            Key = record.Key,
            Size = record.Size,
            ETag = record.ETag,
            VersionId = record.VersionId ?? VersionId.Null,
            Sequencer = sequencer,
            Reason = record.Reason,
            DeletionType = record.DeletionType,
        };
    }

    /// <summary>Forgets that <paramref name="bucketEvent"/> was delivered (its handler failed), so a redelivery is applied.</summary>
    /// <param name="bucketEvent">An event <see cref="Admit"/> returned.</param>
    /// <param name="previous">The key's state before, from <see cref="Checkpoint"/>.</param>
    public void Restore(BucketEvent bucketEvent, (string? Real, long Synthesized) previous)
    {
        if (previous.Real is null && previous.Synthesized == 0)
        {
            _last.Remove(bucketEvent.Key);
        }
        else
        {
            _last[bucketEvent.Key] = (previous.Real ?? string.Empty, previous.Synthesized);
        }
    }

    /// <summary>Returns the key's current state, to <see cref="Restore"/> it if a delivery fails.</summary>
    /// <param name="key">The key.</param>
    /// <returns>The last real sequencer and the count of synthesized ones after it.</returns>
    public (string? Real, long Synthesized) Checkpoint(string key) =>
        _last.TryGetValue(key, out var last) ? (last.Real, last.Synthesized) : (null, 0);

    private static string Synthesize(string real, long counter) =>
        real + counter.ToString("X16", CultureInfo.InvariantCulture);
}
