using System.Net;
using Amazon.S3;
using S3FilesSim.ObjectStorage;
using Sdk = Amazon.S3.Model;

namespace S3FilesSim.Aws;

/// <summary>
/// The object-store port over a real S3 bucket or any S3-compatible endpoint, through AWSSDK.S3: the same calls, results
/// and <see cref="ObjectStoreException"/> codes as <see cref="InMemoryObjectStore"/>.
/// </summary>
/// <remarks>
/// <para>Create it with <see cref="CreateAsync(AmazonS3ObjectStoreOptions, CancellationToken)"/> (the store builds and
/// owns its client) or <see cref="CreateAsync(IAmazonS3, AmazonS3ObjectStoreOptions, CancellationToken)"/> (a client you
/// configured); both detect the bucket's capabilities. The constructor takes capabilities you state yourself.</para>
/// <para>Bodies are streamed both ways: PutObject and UploadPart send <see cref="ObjectContent.OpenRead"/>, GetObject
/// returns the HTTP response stream. S3 errors are translated in one place: absence and failed preconditions become
/// result statuses, other errors an <see cref="ObjectStoreException"/> with the S3 code and HTTP status; network
/// failures and timeouts become retryable <c>ServiceUnavailable</c> (503) and <c>RequestTimeout</c> errors.</para>
/// <para>When the server does not honour conditional writes (<see cref="ObjectStoreCapabilities.ConditionalWrites"/>
/// is <see langword="false"/>), <c>If-Match</c> and <c>If-None-Match: *</c> are checked with a HEAD just before the
/// write, which is not atomic. See https://docs.aws.amazon.com/AmazonS3/latest/userguide/conditional-writes.html.</para>
/// </remarks>
public sealed partial class AmazonS3ObjectStore : IObjectStoreAdministration, IDisposable
{
    private readonly IAmazonS3 _client;
    private readonly ServerConditions _conditions;
    private readonly bool _ownsClient;

    /// <summary>Creates a store over <paramref name="client"/> with capabilities stated by the caller (nothing is detected).</summary>
    /// <param name="client">A configured client; the caller keeps ownership.</param>
    /// <param name="bucketName">The bucket.</param>
    /// <param name="capabilities">What the server supports; see <see cref="DetectCapabilitiesAsync"/>.</param>
    public AmazonS3ObjectStore(IAmazonS3 client, string bucketName, ObjectStoreCapabilities capabilities)
        : this(client, bucketName, new DetectedFeatures(capabilities ?? throw new ArgumentNullException(nameof(capabilities)), ServerConditions.Uniform(capabilities.ConditionalWrites)), ownsClient: false)
    {
    }

    /// <summary>Creates a store over <paramref name="client"/> with detected features.</summary>
    internal AmazonS3ObjectStore(IAmazonS3 client, string bucketName, DetectedFeatures features, bool ownsClient)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrEmpty(bucketName);
        _client = client;
        BucketName = bucketName;
        Capabilities = features.Capabilities;
        _conditions = features.Conditions;
        _ownsClient = ownsClient;
    }

    /// <inheritdoc />
    public string BucketName { get; }

    /// <inheritdoc />
    public ObjectStoreCapabilities Capabilities { get; }

    /// <summary>Gets the AWSSDK.S3 client the store calls.</summary>
    public IAmazonS3 Client => _client;

    /// <summary>Creates a client from <paramref name="options"/>, detects the bucket's capabilities and returns a store that owns the client.</summary>
    /// <param name="options">The endpoint, bucket, credentials and capability choices.</param>
    /// <param name="cancellationToken">Cancels detection.</param>
    /// <returns>The store.</returns>
    /// <exception cref="ArgumentException">An option is invalid; the message names it.</exception>
    /// <exception cref="InvalidOperationException">The bucket's versioning is not enabled and <see cref="AmazonS3ObjectStoreOptions.RequireVersioning"/> is set.</exception>
    /// <exception cref="ObjectStoreException"><c>NoSuchBucket</c>, <c>AccessDenied</c>, or the endpoint cannot be reached (<c>ServiceUnavailable</c>).</exception>
    public static async Task<AmazonS3ObjectStore> CreateAsync(AmazonS3ObjectStoreOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var client = AmazonS3ClientFactory.Create(options);
        try
        {
            var features = await new CapabilityProbe(client, options).DetectAsync(cancellationToken).ConfigureAwait(false);
            return new AmazonS3ObjectStore(client, options.BucketName, features, ownsClient: true);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>Detects the bucket's capabilities through <paramref name="client"/> and returns a store over it; the caller keeps ownership of the client.</summary>
    /// <param name="client">A configured client (for an S3-compatible server: path style and <c>WHEN_REQUIRED</c> checksums, see <see cref="AmazonS3ObjectStoreOptions"/>).</param>
    /// <param name="options">The bucket and capability choices; the endpoint, Region and credential options are not used.</param>
    /// <param name="cancellationToken">Cancels detection.</param>
    /// <returns>The store.</returns>
    /// <exception cref="InvalidOperationException">The bucket's versioning is not enabled and <see cref="AmazonS3ObjectStoreOptions.RequireVersioning"/> is set.</exception>
    /// <exception cref="ObjectStoreException"><c>NoSuchBucket</c>, <c>AccessDenied</c>, or the endpoint cannot be reached.</exception>
    public static async Task<AmazonS3ObjectStore> CreateAsync(IAmazonS3 client, AmazonS3ObjectStoreOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var features = await new CapabilityProbe(client, options).DetectAsync(cancellationToken).ConfigureAwait(false);
        return new AmazonS3ObjectStore(client, options.BucketName, features, ownsClient: false);
    }

    /// <summary>Detects what the bucket and server support: versioning (GetBucketVersioning), conditional writes and UploadPartCopy (by probing), unless the options state them.</summary>
    /// <param name="client">The client.</param>
    /// <param name="options">The bucket and the capabilities already known.</param>
    /// <param name="cancellationToken">Cancels detection.</param>
    /// <returns>The capabilities; <see cref="ObjectStoreCapabilities.EventNotifications"/> is <see langword="false"/> (use <see cref="SqsBucketEventSource"/>, <see cref="HttpPushBucketEventSource"/> or <see cref="PollingBucketEventSource"/>).</returns>
    /// <exception cref="InvalidOperationException">The bucket's versioning is not enabled and <see cref="AmazonS3ObjectStoreOptions.RequireVersioning"/> is set.</exception>
    /// <exception cref="ObjectStoreException"><c>NoSuchBucket</c>, <c>AccessDenied</c>, or the endpoint cannot be reached.</exception>
    public static async Task<ObjectStoreCapabilities> DetectCapabilitiesAsync(IAmazonS3 client, AmazonS3ObjectStoreOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var features = await new CapabilityProbe(client, options).DetectAsync(cancellationToken).ConfigureAwait(false);
        return features.Capabilities;
    }

    /// <inheritdoc />
    public async ValueTask<ObjectWriteResult> PutObjectAsync(PutObjectRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(request.Content, nameof(request));
        ObjectStoreValidation.ValidateKey(request.Key, nameof(request));
        ValidateWriteConditions(request.IfNoneMatch, request.Key);
        if (request.Content.Length > ObjectStoreValidation.MaxSinglePutBytes)
        {
            throw ObjectStoreException.Create(S3ErrorCode.EntityTooLarge, $"Your proposed upload of {request.Content.Length} bytes exceeds the maximum allowed size of 5 GiB.", request.Key);
        }

        var metadata = ObjectStoreValidation.NormalizeMetadata(request.Metadata, request.Key);
        if (await CheckConditionsByHeadAsync(_conditions.PutObject, request.Key, request.IfMatch, request.IfNoneMatch, cancellationToken).ConfigureAwait(false) is { } failed)
        {
            return new ObjectWriteResult { Status = failed };
        }

        return await WriteAsync(
            async token =>
            {
                using var body = request.Content.OpenRead();
                var put = new Sdk.PutObjectRequest
                {
                    BucketName = BucketName,
                    Key = request.Key,
                    InputStream = body,
                    AutoCloseStream = false,
                    ContentType = request.ContentType ?? ObjectStoreDefaults.ContentType,
                    StorageClass = S3Conversions.ToSdk(request.StorageClass),
                    IfMatch = _conditions.PutObject ? request.IfMatch?.Value : null,
                    IfNoneMatch = _conditions.PutObject ? request.IfNoneMatch?.Value : null,
                };
                put.Headers.ContentLength = request.Content.Length;
                S3Conversions.CopyMetadata(metadata, put.Metadata);
                var response = await _client.PutObjectAsync(put, token).ConfigureAwait(false);
                return Written(response.ETag, response.VersionId, "PutObject", request.Key);
            },
            request.Key,
            request.IfMatch is not null,
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<GetObjectResult> GetObjectAsync(GetObjectRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ObjectStoreValidation.ValidateKey(request.Key, nameof(request));
        var get = new Sdk.GetObjectRequest
        {
            BucketName = BucketName,
            Key = request.Key,
            VersionId = request.VersionId?.Value,
            EtagToMatch = request.IfMatch?.Value,
            EtagToNotMatch = request.IfNoneMatch?.Value,
        };
        if (request.Range is { } range)
        {
            get.ByteRange = new Sdk.ByteRange(range.ToString());
        }

        return await ReadAsync(
            async token => ToGetResult(request, await _client.GetObjectAsync(get, token).ConfigureAwait(false)),
            absent => new GetObjectResult { Status = absent.Status, IsDeleteMarker = absent.IsDeleteMarker, DeleteMarkerVersionId = absent.DeleteMarkerVersionId, Object = absent.Object },
            request.Key,
            request.VersionId,
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<HeadObjectResult> HeadObjectAsync(HeadObjectRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ObjectStoreValidation.ValidateKey(request.Key, nameof(request));
        return await ReadAsync(
            async token => new HeadObjectResult
            {
                Status = ObjectReadStatus.Found,
                Object = await HeadAsync(request.Key, request.VersionId, request.IfMatch, request.IfNoneMatch, token).ConfigureAwait(false),
            },
            absent => absent,
            request.Key,
            request.VersionId,
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<DeleteObjectResult> DeleteObjectAsync(DeleteObjectRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ObjectStoreValidation.ValidateKey(request.Key, nameof(request));
        var response = await S3ErrorTranslator.CallAsync(
            token => _client.DeleteObjectAsync(new Sdk.DeleteObjectRequest { BucketName = BucketName, Key = request.Key, VersionId = request.VersionId?.Value }, token),
            request.Key,
            cancellationToken).ConfigureAwait(false);
        return new DeleteObjectResult
        {
            VersionId = string.IsNullOrEmpty(response.VersionId) ? request.VersionId : new VersionId(response.VersionId),
            DeleteMarker = string.Equals(response.DeleteMarker, "true", StringComparison.OrdinalIgnoreCase),
        };
    }

    /// <inheritdoc />
    public async ValueTask<DeleteObjectsResult> DeleteObjectsAsync(DeleteObjectsRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(request.Objects, nameof(request));
        if (request.Objects.Count is 0 or > ObjectStoreValidation.MaxKeysPerPage)
        {
            throw ObjectStoreException.Create(S3ErrorCode.MalformedXml, $"A DeleteObjects request names 1 to {ObjectStoreValidation.MaxKeysPerPage} keys; it named {request.Objects.Count}.");
        }

        var delete = new Sdk.DeleteObjectsRequest { BucketName = BucketName, Quiet = false, Objects = [] };
        var invalid = new List<DeleteError>();
        foreach (var item in request.Objects)
        {
            var key = item.Key ?? string.Empty;
            try
            {
                ObjectStoreValidation.ValidateKey(key, nameof(request));
                delete.Objects.Add(new Sdk.KeyVersion { Key = key, VersionId = item.VersionId?.Value });
            }
            catch (ObjectStoreException e)
            {
                invalid.Add(new DeleteError(key, item.VersionId, e.ErrorCode, e.Message));
            }
            catch (ArgumentException e)
            {
                invalid.Add(new DeleteError(key, item.VersionId, S3ErrorCode.InvalidArgument, e.Message));
            }
        }

        var response = delete.Objects.Count == 0
            ? new Sdk.DeleteObjectsResponse()
            : await S3ErrorTranslator.CallAsync(token => _client.DeleteObjectsAsync(delete, token), null, cancellationToken).ConfigureAwait(false);
        var deleted = (response.DeletedObjects ?? []).Select(d => new DeletedObject(
            d.Key,
            string.IsNullOrEmpty(d.VersionId) ? null : new VersionId(d.VersionId),
            d.DeleteMarker ?? false,
            string.IsNullOrEmpty(d.DeleteMarkerVersionId) ? null : new VersionId(d.DeleteMarkerVersionId)));
        var errors = (response.DeleteErrors ?? []).Select(e => new DeleteError(
            e.Key,
            string.IsNullOrEmpty(e.VersionId) ? null : new VersionId(e.VersionId),
            e.Code,
            e.Message)).Concat(invalid);
        var order = RequestOrder(request.Objects);
        return new DeleteObjectsResult
        {
            Deleted = [.. deleted.OrderBy(d => order.GetValueOrDefault((d.Key, d.VersionId), int.MaxValue))],
            Errors = [.. errors.OrderBy(e => order.GetValueOrDefault((e.Key, e.VersionId), int.MaxValue))],
        };
    }

    /// <inheritdoc />
    public async ValueTask<ObjectWriteResult> CopyObjectAsync(CopyObjectRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ObjectStoreValidation.ValidateKey(request.SourceKey, nameof(request));
        ObjectStoreValidation.ValidateKey(request.DestinationKey, nameof(request));
        ValidateWriteConditions(request.IfNoneMatch, request.DestinationKey);
        ObjectStoreValidation.ValidateMetadataDirective(request.MetadataDirective, request.DestinationKey);
        var replace = request.MetadataDirective == MetadataDirective.Replace;
        var metadata = replace ? ObjectStoreValidation.NormalizeMetadata(request.Metadata, request.DestinationKey) : null;
        if (await CheckConditionsByHeadAsync(_conditions.CopyObject, request.DestinationKey, request.IfMatch, request.IfNoneMatch, cancellationToken).ConfigureAwait(false) is { } failed)
        {
            return new ObjectWriteResult { Status = failed };
        }

        var (sourceVersionId, sourceMatches) = await CheckCopySourceAsync(request.SourceKey, request.SourceVersionId, request.CopySourceIfMatch, cancellationToken).ConfigureAwait(false);
        if (!sourceMatches)
        {
            return new ObjectWriteResult { Status = WriteStatus.PreconditionFailed };
        }

        var copy = new Sdk.CopyObjectRequest
        {
            SourceBucket = BucketName,
            SourceKey = request.SourceKey,
            SourceVersionId = sourceVersionId?.Value,
            DestinationBucket = BucketName,
            DestinationKey = request.DestinationKey,
            MetadataDirective = replace ? S3MetadataDirective.REPLACE : S3MetadataDirective.COPY,
            StorageClass = S3Conversions.ToSdk(request.StorageClass),
            ETagToMatch = _conditions.CopySourceIfMatch ? request.CopySourceIfMatch?.Value : null,
            IfMatch = _conditions.CopyObject ? request.IfMatch?.Value : null,
            IfNoneMatch = _conditions.CopyObject ? request.IfNoneMatch?.Value : null,
        };
        if (replace)
        {
            copy.ContentType = request.ContentType ?? ObjectStoreDefaults.ContentType;
            S3Conversions.CopyMetadata(metadata!, copy.Metadata);
        }

        var result = await WriteAsync(
            async token =>
            {
                var response = await _client.CopyObjectAsync(copy, token).ConfigureAwait(false);
                return Written(
                    response.ETag,
                    response.VersionId,
                    "CopyObject",
                    request.DestinationKey,
                    S3Conversions.ParseInstant(response.LastModified),
                    string.IsNullOrEmpty(response.SourceVersionId) ? null : new VersionId(response.SourceVersionId));
            },
            request.DestinationKey,
            request.IfMatch is not null,
            cancellationToken).ConfigureAwait(false);
        if (result.Status == WriteStatus.NoSuchKey)
        {
            await RequireSourceAsync(request.SourceKey, sourceVersionId, cancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    /// <inheritdoc />
    public async ValueTask<RestoreObjectStatus> RestoreObjectAsync(RestoreObjectRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ObjectStoreValidation.ValidateKey(request.Key, nameof(request));
        var response = await S3ErrorTranslator.CallAsync(
            token => _client.RestoreObjectAsync(
                new Sdk.RestoreObjectRequest { BucketName = BucketName, Key = request.Key, VersionId = request.VersionId?.Value, Days = request.Days },
                token),
            request.Key,
            cancellationToken).ConfigureAwait(false);
        return response.HttpStatusCode == HttpStatusCode.OK ? RestoreObjectStatus.AlreadyRestored : RestoreObjectStatus.Started;
    }

    /// <summary>Disposes the client when the store created it.</summary>
    public void Dispose()
    {
        if (_ownsClient)
        {
            _client.Dispose();
        }
    }

    private static void ValidateWriteConditions(ETag? ifNoneMatch, string key)
    {
        if (ifNoneMatch is { IsAny: false })
        {
            throw ObjectStoreException.Create(S3ErrorCode.NotImplemented, "A header you provided implies functionality that is not implemented: If-None-Match supports only '*' on writes.", key);
        }
    }

    private static Dictionary<(string Key, VersionId? VersionId), int> RequestOrder(IReadOnlyList<ObjectIdentifier> objects)
    {
        var order = new Dictionary<(string, VersionId?), int>();
        for (var i = 0; i < objects.Count; i++)
        {
            order.TryAdd((objects[i].Key, objects[i].VersionId), i);
        }

        return order;
    }

    /// <summary>Calls a write and reports a failed precondition as a result, any other fault as an exception.</summary>
    private static async ValueTask<ObjectWriteResult> WriteAsync(Func<CancellationToken, Task<ObjectWriteResult>> write, string key, bool ifMatchGiven, CancellationToken cancellationToken)
    {
        try
        {
            return await write(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (S3ErrorTranslator.ToFailedWrite(e, ifMatchGiven) is { } status)
        {
            return new ObjectWriteResult { Status = status };
        }
        catch (Exception e) when (S3ErrorTranslator.IsTranslatable(e, cancellationToken))
        {
            throw S3ErrorTranslator.ToObjectStoreException(e, key);
        }
    }

    private async Task<ObjectMetadata> HeadAsync(string key, VersionId? versionId, ETag? ifMatch, ETag? ifNoneMatch, CancellationToken cancellationToken)
    {
        var response = await _client.GetObjectMetadataAsync(
            new Sdk.GetObjectMetadataRequest
            {
                BucketName = BucketName,
                Key = key,
                VersionId = versionId?.Value,
                EtagToMatch = ifMatch?.Value,
                EtagToNotMatch = ifNoneMatch?.Value,
            },
            cancellationToken).ConfigureAwait(false);
        return new ObjectMetadata
        {
            Key = key,
            VersionId = S3Conversions.ToVersionId(response.VersionId),
            ETag = S3Conversions.RequireETag(response.ETag, "HeadObject", key),
            ContentLength = response.ContentLength,
            ContentType = response.Headers.ContentType ?? ObjectStoreDefaults.ContentType,
            LastModified = S3Conversions.ToInstant(response.LastModified),
            StorageClass = S3Conversions.ToStorageClass(response.StorageClass),
            Metadata = S3Conversions.ToMetadata(response.Metadata),
            ArchiveStatus = S3Conversions.ToArchiveStatus(response.ArchiveStatus),
            RestoreInProgress = response.RestoreInProgress ?? false,
            RestoreExpiresAt = response.RestoreExpiration is { } expiry ? S3Conversions.ToInstant(expiry) : null,
        };
    }

    /// <summary>Returns the found result of a GET; the body is the response stream, released with the result.</summary>
    private static GetObjectResult ToGetResult(GetObjectRequest request, Sdk.GetObjectResponse response)
    {
        if (string.IsNullOrEmpty(response.ETag))
        {
            response.Dispose();
        }

        var (start, total) = S3Conversions.ParseContentRange(response.ContentRange);
        var metadata = new ObjectMetadata
        {
            Key = request.Key,
            VersionId = S3Conversions.ToVersionId(response.VersionId),
            ETag = S3Conversions.RequireETag(response.ETag, "GetObject", request.Key),
            ContentLength = total ?? response.ContentLength,
            ContentType = response.Headers.ContentType ?? ObjectStoreDefaults.ContentType,
            LastModified = S3Conversions.ToInstant(response.LastModified),
            StorageClass = S3Conversions.ToStorageClass(response.StorageClass),
            Metadata = S3Conversions.ToMetadata(response.Metadata),
            RestoreInProgress = response.RestoreInProgress ?? false,
            RestoreExpiresAt = response.RestoreExpiration is { } expiry ? S3Conversions.ToInstant(expiry) : null,
        };
        return new GetObjectResult
        {
            Status = ObjectReadStatus.Found,
            Object = metadata,
            Body = new ResponseBodyStream(response),
            RangeStart = start,
            ContentLength = response.ContentLength,
            IsPartial = request.Range is not null,
        };
    }

    /// <summary>Runs a GET or HEAD: absence and failed preconditions become a result built by <paramref name="absent"/>, faults an <see cref="ObjectStoreException"/>.</summary>
    private async ValueTask<T> ReadAsync<T>(Func<CancellationToken, Task<T>> read, Func<HeadObjectResult, T> absent, string key, VersionId? versionId, CancellationToken cancellationToken)
    {
        try
        {
            return await read(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (S3ErrorTranslator.ToAbsentRead(e, versionId is not null) is { } result)
        {
            if (result.Status != ObjectReadStatus.NotModified)
            {
                return absent(result);
            }

            // S3's 304 carries the metadata in headers the SDK does not surface: read it with an unconditional HEAD.
            var head = await HeadObjectAsync(new HeadObjectRequest { Key = key, VersionId = versionId }, cancellationToken).ConfigureAwait(false);
            return absent(new HeadObjectResult { Status = ObjectReadStatus.NotModified, Object = head.Object });
        }
        catch (Exception e) when (S3ErrorTranslator.IsTranslatable(e, cancellationToken))
        {
            throw S3ErrorTranslator.ToObjectStoreException(e, key);
        }
    }

    private static ObjectWriteResult Written(string? etag, string? versionId, string operation, string key, DateTimeOffset? lastModified = null, VersionId? sourceVersionId = null) => new()
    {
        Status = WriteStatus.Succeeded,
        ETag = S3Conversions.RequireETag(etag, operation, key),
        VersionId = S3Conversions.ToVersionId(versionId),
        LastModified = lastModified,
        SourceVersionId = sourceVersionId,
    };

    /// <summary>Checks write preconditions with a HEAD when the server does not honour them itself.</summary>
    private async ValueTask<WriteStatus?> CheckConditionsByHeadAsync(bool serverChecks, string key, ETag? ifMatch, ETag? ifNoneMatch, CancellationToken cancellationToken)
    {
        if (serverChecks || (ifMatch is null && ifNoneMatch is null))
        {
            return null;
        }

        var head = await HeadObjectAsync(new HeadObjectRequest { Key = key }, cancellationToken).ConfigureAwait(false);
        var current = head.Status == ObjectReadStatus.Found ? head.Object : null;
        if (ifNoneMatch is not null && current is not null)
        {
            return WriteStatus.PreconditionFailed;
        }

        if (ifMatch is { } match)
        {
            if (current is null)
            {
                return WriteStatus.NoSuchKey;
            }

            if (!match.Matches(current.ETag))
            {
                return WriteStatus.PreconditionFailed;
            }
        }

        return null;
    }

    /// <summary>Checks <c>x-amz-copy-source-if-match</c> with a HEAD when the server does not, and returns the source version to copy: pinned to the one checked, so the check stays exact.</summary>
    private async ValueTask<(VersionId? SourceVersionId, bool Matches)> CheckCopySourceAsync(string sourceKey, VersionId? sourceVersionId, ETag? sourceIfMatch, CancellationToken cancellationToken)
    {
        if (sourceIfMatch is not { } ifMatch || _conditions.CopySourceIfMatch)
        {
            return (sourceVersionId, true);
        }

        var source = await RequireSourceAsync(sourceKey, sourceVersionId, cancellationToken).ConfigureAwait(false);
        return (source.VersionId, ifMatch.Matches(source.ETag));
    }

    /// <summary>Returns the metadata of a copy source, or throws <c>NoSuchKey</c>/<c>NoSuchVersion</c>; also tells a missing source (an error) from a missing If-Match destination (a result), both 404 NoSuchKey.</summary>
    private async ValueTask<ObjectMetadata> RequireSourceAsync(string sourceKey, VersionId? sourceVersionId, CancellationToken cancellationToken)
    {
        var source = await HeadObjectAsync(new HeadObjectRequest { Key = sourceKey, VersionId = sourceVersionId }, cancellationToken).ConfigureAwait(false);
        return source.Status switch
        {
            ObjectReadStatus.Found => source.Object!,
            ObjectReadStatus.NoSuchVersion => throw ObjectStoreException.Create(S3ErrorCode.NoSuchVersion, $"The specified version {sourceVersionId} of the copy source does not exist.", sourceKey),
            _ => throw ObjectStoreException.Create(S3ErrorCode.NoSuchKey, "The specified copy source does not exist.", sourceKey),
        };
    }
}
