using S3FilesSim.ObjectStorage;
using Sdk = Amazon.S3.Model;

namespace S3FilesSim.Aws;

/// <summary>ListObjectsV2 and ListObjectVersions.</summary>
public sealed partial class AmazonS3ObjectStore
{
    /// <inheritdoc />
    public async ValueTask<ListObjectsV2Result> ListObjectsV2Async(ListObjectsV2Request request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var list = new Sdk.ListObjectsV2Request
        {
            BucketName = BucketName,
            Prefix = string.IsNullOrEmpty(request.Prefix) ? null : request.Prefix,
            Delimiter = string.IsNullOrEmpty(request.Delimiter) ? null : request.Delimiter,
            StartAfter = request.ContinuationToken is null ? request.StartAfter : null,
            ContinuationToken = request.ContinuationToken,
            MaxKeys = ObjectStoreValidation.ClampMaxKeys(request.MaxKeys, "max-keys"),
        };
        var response = await S3ErrorTranslator.CallAsync(token => _client.ListObjectsV2Async(list, token), null, cancellationToken).ConfigureAwait(false);
        var truncated = response.IsTruncated ?? false;
        return new ListObjectsV2Result
        {
            Contents = [.. (response.S3Objects ?? []).Select(o => new ObjectSummary(
                o.Key,
                S3Conversions.RequireETag(o.ETag, "ListObjectsV2", o.Key),
                o.Size ?? 0,
                S3Conversions.ToInstant(o.LastModified),
                S3Conversions.ToStorageClass(o.StorageClass)))],
            CommonPrefixes = [.. response.CommonPrefixes ?? []],
            IsTruncated = truncated,
            NextContinuationToken = truncated ? response.NextContinuationToken : null,
        };
    }

    /// <inheritdoc />
    public async ValueTask<ListObjectVersionsResult> ListObjectVersionsAsync(ListObjectVersionsRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var maxKeys = ObjectStoreValidation.ClampMaxKeys(request.MaxKeys, "max-keys");
        if (request.VersionIdMarker is not null && string.IsNullOrEmpty(request.KeyMarker))
        {
            throw ObjectStoreException.Create(S3ErrorCode.InvalidArgument, "A version-id marker cannot be specified without a key marker.");
        }

        var list = new Sdk.ListVersionsRequest
        {
            BucketName = BucketName,
            Prefix = string.IsNullOrEmpty(request.Prefix) ? null : request.Prefix,
            KeyMarker = request.KeyMarker,
            VersionIdMarker = request.VersionIdMarker?.Value,
            MaxKeys = maxKeys,
        };
        var response = await S3ErrorTranslator.CallAsync(token => _client.ListVersionsAsync(list, token), null, cancellationToken).ConfigureAwait(false);
        var truncated = response.IsTruncated ?? false;
        return new ListObjectVersionsResult
        {
            Versions = InKeyOrderNewestFirst([.. (response.Versions ?? []).Select(v => new ObjectVersion(
                v.Key,
                S3Conversions.ToVersionId(v.VersionId),
                v.IsLatest ?? false,
                v.IsDeleteMarker ?? false,
                v.IsDeleteMarker == true ? null : S3Conversions.ToETag(v.ETag),
                v.Size ?? 0,
                S3Conversions.ToInstant(v.LastModified),
                S3Conversions.ToStorageClass(v.StorageClass)))]),
            IsTruncated = truncated,
            NextKeyMarker = truncated ? response.NextKeyMarker : null,
            NextVersionIdMarker = truncated && !string.IsNullOrEmpty(response.NextVersionIdMarker) ? new VersionId(response.NextVersionIdMarker) : null,
        };
    }

    /// <summary>Returns a page in S3's order: keys in UTF-8 binary order, the latest version first, then newest first.</summary>
    /// <remarks>S3 already lists in this order (the sort is stable, so it keeps it). moto lists all versions, then all
    /// delete markers, with 1-second times; on a time tie a delete marker is taken to be newer than a version, which
    /// is right for the usual write-then-delete within one second.</remarks>
    private static List<ObjectVersion> InKeyOrderNewestFirst(List<ObjectVersion> versions) =>
        [.. versions
            .OrderBy(v => v.Key, KeyOrder.Instance)
            .ThenByDescending(v => v.IsLatest)
            .ThenByDescending(v => v.LastModified)
            .ThenByDescending(v => v.IsDeleteMarker)];
}
