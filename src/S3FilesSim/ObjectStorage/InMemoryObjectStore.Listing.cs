using System.Buffers.Text;
using System.Text;
using System.Text.Unicode;

namespace S3FilesSim.ObjectStorage;

/// <summary>ListObjectsV2 and ListObjectVersions over the sorted key sets.</summary>
public sealed partial class InMemoryObjectStore
{
    private const char KeyTokenTag = 'K';
    private const char PrefixTokenTag = 'P';

    /// <inheritdoc />
    public ValueTask<ListObjectsV2Result> ListObjectsV2Async(ListObjectsV2Request request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        BeginCall(cancellationToken);
        var maxKeys = ObjectStoreValidation.ClampMaxKeys(request.MaxKeys, "max-keys");
        var prefix = request.Prefix ?? string.Empty;
        var delimiter = string.IsNullOrEmpty(request.Delimiter) ? null : request.Delimiter;
        var (marker, markerIsPrefix) = request.ContinuationToken is { } token ? DecodeToken(token) : StartAfterMarker(request.StartAfter, prefix, delimiter);
        var contents = new List<ObjectSummary>();
        var commonPrefixes = new List<string>();
        if (maxKeys == 0)
        {
            return ValueTask.FromResult(new ListObjectsV2Result { Contents = contents, CommonPrefixes = commonPrefixes, IsTruncated = false });
        }

        string? last = null;
        var lastIsPrefix = false;
        var truncated = false;
        lock (_gate)
        {
            var position = _currentKeys.Seek(key =>
                KeyOrder.CompareKeys(key, prefix) < 0
                || (marker is not null && (KeyOrder.CompareKeys(key, marker) <= 0 || (markerIsPrefix && key.StartsWith(marker, StringComparison.Ordinal)))));
            while (_currentKeys.TryGet(position, out var key) && key.StartsWith(prefix, StringComparison.Ordinal))
            {
                if (contents.Count + commonPrefixes.Count == maxKeys)
                {
                    truncated = true;
                    break;
                }

                var cut = delimiter is null ? -1 : key.IndexOf(delimiter, prefix.Length, StringComparison.Ordinal);
                if (cut >= 0)
                {
                    last = key[..(cut + delimiter!.Length)];
                    lastIsPrefix = true;
                    commonPrefixes.Add(last);
                    position = _currentKeys.SeekPast(last);
                    continue;
                }

                var metadata = _keys[key][^1].Metadata!;
                contents.Add(new ObjectSummary(key, metadata.ETag, metadata.ContentLength, metadata.LastModified, metadata.StorageClass));
                last = key;
                lastIsPrefix = false;
                position = _currentKeys.Next(position);
            }
        }

        return ValueTask.FromResult(new ListObjectsV2Result
        {
            Contents = contents,
            CommonPrefixes = commonPrefixes,
            IsTruncated = truncated,
            NextContinuationToken = truncated ? EncodeToken(last!, lastIsPrefix) : null,
        });
    }

    /// <inheritdoc />
    public ValueTask<ListObjectVersionsResult> ListObjectVersionsAsync(ListObjectVersionsRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        BeginCall(cancellationToken);
        var maxKeys = ObjectStoreValidation.ClampMaxKeys(request.MaxKeys, "max-keys");
        var prefix = request.Prefix ?? string.Empty;
        if (request.VersionIdMarker is not null && request.KeyMarker is null)
        {
            throw ObjectStoreException.Create(S3ErrorCode.InvalidArgument, "A version-id marker cannot be specified without a key marker.");
        }

        var entries = new List<ObjectVersion>();
        var truncated = false;
        lock (_gate)
        {
            // A version-id marker resumes within the key marker after that version. When the version is gone (deleted
            // between two pages, as a client emptying a bucket page by page does), the key's remaining versions are listed
            // from its newest: listing goes on without losing a version. A marker this store cannot have issued is refused.
            var resumeIndex = -1;
            if (request.VersionIdMarker is { } versionMarker && !IsVersionIdOfThisStore(versionMarker))
            {
                throw ObjectStoreException.Create(S3ErrorCode.InvalidArgument, $"Invalid version id specified: {versionMarker}.", request.KeyMarker);
            }

            if (request.VersionIdMarker is { } marker && _keys.TryGetValue(request.KeyMarker!, out var markerVersions))
            {
                resumeIndex = Array.FindIndex(markerVersions, v => v.VersionId == marker);
                resumeIndex = resumeIndex < 0 ? markerVersions.Length : resumeIndex;
            }

            var position = request.KeyMarker is { } keyMarker
                ? _allKeys.Seek(key => KeyOrder.CompareKeys(key, prefix) < 0 || KeyOrder.CompareKeys(key, keyMarker) < (resumeIndex >= 0 ? 0 : 1))
                : _allKeys.SeekFrom(prefix, exclusive: false);
            while (!truncated && _allKeys.TryGet(position, out var key) && key.StartsWith(prefix, StringComparison.Ordinal))
            {
                var versions = _keys[key];
                var start = key == request.KeyMarker && resumeIndex >= 0 ? resumeIndex - 1 : versions.Length - 1;
                for (var i = start; i >= 0; i--)
                {
                    if (entries.Count == maxKeys)
                    {
                        truncated = true;
                        break;
                    }

                    entries.Add(versions[i].ToListEntry(key, i == versions.Length - 1));
                }

                position = _allKeys.Next(position);
            }

            truncated = truncated && maxKeys > 0;
        }

        return ValueTask.FromResult(new ListObjectVersionsResult
        {
            Versions = entries,
            IsTruncated = truncated,
            NextKeyMarker = truncated ? entries[^1].Key : null,
            NextVersionIdMarker = truncated ? entries[^1].VersionId : null,
        });
    }

    private static string EncodeToken(string last, bool isPrefix)
    {
        var bytes = Encoding.UTF8.GetBytes((isPrefix ? PrefixTokenTag : KeyTokenTag) + last);
        return Base64Url.EncodeToString(bytes);
    }

    private static (string Marker, bool IsPrefix) DecodeToken(string token)
    {
        var bytes = new byte[Base64Url.GetMaxDecodedLength(token.Length)];
        if (Base64Url.IsValid(token) && Base64Url.TryDecodeFromChars(token, bytes, out var written) && Utf8.IsValid(bytes.AsSpan(0, written)))
        {
            var text = Encoding.UTF8.GetString(bytes, 0, written);
            if (text.Length >= 2 && text[0] is KeyTokenTag or PrefixTokenTag)
            {
                return (text[1..], text[0] == PrefixTokenTag);
            }
        }

        throw ObjectStoreException.Create(S3ErrorCode.InvalidArgument, "The continuation token provided is incorrect.");
    }
}
