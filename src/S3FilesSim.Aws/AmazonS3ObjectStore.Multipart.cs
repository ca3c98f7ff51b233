using System.Globalization;
using S3FilesSim.ObjectStorage;
using Sdk = Amazon.S3.Model;

namespace S3FilesSim.Aws;

/// <summary>Multipart uploads: create, upload and copy parts, complete, abort, list parts.</summary>
public sealed partial class AmazonS3ObjectStore
{
    /// <inheritdoc />
    public async ValueTask<string> CreateMultipartUploadAsync(CreateMultipartUploadRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ObjectStoreValidation.ValidateKey(request.Key, nameof(request));
        var metadata = ObjectStoreValidation.NormalizeMetadata(request.Metadata, request.Key);
        var create = new Sdk.InitiateMultipartUploadRequest
        {
            BucketName = BucketName,
            Key = request.Key,
            ContentType = request.ContentType ?? ObjectStoreDefaults.ContentType,
            StorageClass = S3Conversions.ToSdk(request.StorageClass),
        };
        S3Conversions.CopyMetadata(metadata, create.Metadata);
        var response = await S3ErrorTranslator.CallAsync(token => _client.InitiateMultipartUploadAsync(create, token), request.Key, cancellationToken).ConfigureAwait(false);
        return response.UploadId;
    }

    /// <inheritdoc />
    public async ValueTask<ETag> UploadPartAsync(UploadPartRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(request.Content, nameof(request));
        ObjectStoreValidation.ValidateKey(request.Key, nameof(request));
        ObjectStoreValidation.ValidatePartNumber(request.PartNumber, request.Key);
        if (request.Content.Length > ObjectStoreValidation.MaxSinglePutBytes)
        {
            throw ObjectStoreException.Create(S3ErrorCode.EntityTooLarge, $"The part of {request.Content.Length} bytes exceeds the maximum part size of 5 GiB.", request.Key);
        }

        var response = await S3ErrorTranslator.CallAsync(
            async token =>
            {
                using var body = request.Content.OpenRead();
                var upload = new Sdk.UploadPartRequest
                {
                    BucketName = BucketName,
                    Key = request.Key,
                    UploadId = request.UploadId,
                    PartNumber = request.PartNumber,
                    PartSize = request.Content.Length,
                    InputStream = body,
                };
                return await _client.UploadPartAsync(upload, token).ConfigureAwait(false);
            },
            request.Key,
            cancellationToken).ConfigureAwait(false);
        return S3Conversions.RequireETag(response.ETag, "UploadPart", request.Key);
    }

    /// <inheritdoc />
    public async ValueTask<ETag> UploadPartCopyAsync(UploadPartCopyRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ObjectStoreValidation.ValidateKey(request.Key, nameof(request));
        ObjectStoreValidation.ValidateKey(request.SourceKey, nameof(request));
        ObjectStoreValidation.ValidatePartNumber(request.PartNumber, request.Key);
        if (request.SourceRange is { } range && (range.First is null || range.Last is null))
        {
            throw ObjectStoreException.Create(S3ErrorCode.InvalidArgument, $"The copy source range must have the form bytes=first-last; it was {range}.", request.SourceKey);
        }

        var (sourceVersionId, sourceMatches) = await CheckCopySourceAsync(request.SourceKey, request.SourceVersionId, request.CopySourceIfMatch, cancellationToken).ConfigureAwait(false);
        if (!sourceMatches)
        {
            throw ObjectStoreException.Create(S3ErrorCode.PreconditionFailed, "At least one of the pre-conditions you specified did not hold (x-amz-copy-source-if-match).", request.SourceKey);
        }

        var copy = new Sdk.CopyPartRequest
        {
            SourceBucket = BucketName,
            SourceKey = request.SourceKey,
            SourceVersionId = sourceVersionId?.Value,
            DestinationBucket = BucketName,
            DestinationKey = request.Key,
            UploadId = request.UploadId,
            PartNumber = request.PartNumber,
            FirstByte = request.SourceRange?.First,
            LastByte = request.SourceRange?.Last,
        };
        if (request.CopySourceIfMatch is { } ifMatch && _conditions.CopySourceIfMatch)
        {
            copy.ETagToMatch = [ifMatch.Value];
        }

        var response = await S3ErrorTranslator.CallAsync(token => _client.CopyPartAsync(copy, token), request.Key, cancellationToken).ConfigureAwait(false);
        return S3Conversions.RequireETag(response.ETag, "UploadPartCopy", request.Key);
    }

    /// <inheritdoc />
    public async ValueTask<ObjectWriteResult> CompleteMultipartUploadAsync(CompleteMultipartUploadRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(request.Parts, nameof(request));
        ObjectStoreValidation.ValidateKey(request.Key, nameof(request));
        ValidateWriteConditions(request.IfNoneMatch, request.Key);
        if (request.Parts.Count == 0)
        {
            throw ObjectStoreException.Create(S3ErrorCode.MalformedXml, "The XML you provided was not well-formed: a CompleteMultipartUpload request lists at least one part.", request.Key);
        }

        for (var i = 1; i < request.Parts.Count; i++)
        {
            if (request.Parts[i].PartNumber <= request.Parts[i - 1].PartNumber)
            {
                throw ObjectStoreException.Create(S3ErrorCode.InvalidPartOrder, "The list of parts was not in ascending order: parts must be ordered by part number.", request.Key);
            }
        }

        if (await CheckConditionsByHeadAsync(_conditions.CompleteMultipartUpload, request.Key, request.IfMatch, request.IfNoneMatch, cancellationToken).ConfigureAwait(false) is { } failed)
        {
            return new ObjectWriteResult { Status = failed };
        }

        var complete = new Sdk.CompleteMultipartUploadRequest
        {
            BucketName = BucketName,
            Key = request.Key,
            UploadId = request.UploadId,
            PartETags = [.. request.Parts.Select(p => new Sdk.PartETag(p.PartNumber, p.ETag.Value))],
            IfMatch = _conditions.CompleteMultipartUpload ? request.IfMatch?.Value : null,
            IfNoneMatch = _conditions.CompleteMultipartUpload ? request.IfNoneMatch?.Value : null,
        };
        return await WriteAsync(
            async token =>
            {
                var response = await _client.CompleteMultipartUploadAsync(complete, token).ConfigureAwait(false);
                var etag = response.ETag;
                if (string.IsNullOrEmpty(etag) && !string.IsNullOrEmpty(response.VersionId))
                {
                    // Ceph RGW 16 (Pacific) answers with an empty ETag in a versioned bucket: read it from the version written.
                    etag = (await HeadAsync(request.Key, S3Conversions.ToVersionId(response.VersionId), null, null, token).ConfigureAwait(false)).ETag.Value;
                }

                return Written(etag, response.VersionId, "CompleteMultipartUpload", request.Key);
            },
            request.Key,
            request.IfMatch is not null,
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask AbortMultipartUploadAsync(string key, string uploadId, CancellationToken cancellationToken = default)
    {
        ObjectStoreValidation.ValidateKey(key);
        ArgumentException.ThrowIfNullOrEmpty(uploadId);
        await S3ErrorTranslator.CallAsync(token => _client.AbortMultipartUploadAsync(BucketName, key, uploadId, token), key, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<ListPartsResult> ListPartsAsync(ListPartsRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ObjectStoreValidation.ValidateKey(request.Key, nameof(request));
        var maxParts = ObjectStoreValidation.ClampMaxKeys(request.MaxParts, "max-parts");
        if (request.PartNumberMarker < 0)
        {
            throw ObjectStoreException.Create(S3ErrorCode.InvalidArgument, $"part-number-marker must not be negative; it was {request.PartNumberMarker}.", request.Key);
        }

        var list = new Sdk.ListPartsRequest
        {
            BucketName = BucketName,
            Key = request.Key,
            UploadId = request.UploadId,
            MaxParts = maxParts,
            PartNumberMarker = request.PartNumberMarker.ToString(CultureInfo.InvariantCulture),
        };
        var response = await S3ErrorTranslator.CallAsync(token => _client.ListPartsAsync(list, token), request.Key, cancellationToken).ConfigureAwait(false);
        var truncated = response.IsTruncated ?? false;
        return new ListPartsResult
        {
            Parts = [.. (response.Parts ?? []).Select(p => new PartInfo(
                p.PartNumber ?? 0,
                S3Conversions.RequireETag(p.ETag, "ListParts", request.Key),
                p.Size ?? 0,
                S3Conversions.ToInstant(p.LastModified)))],
            IsTruncated = truncated,
            NextPartNumberMarker = truncated ? response.NextPartNumberMarker : null,
        };
    }
}
