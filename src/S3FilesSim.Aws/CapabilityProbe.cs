using System.Globalization;
using Amazon.S3;
using S3FilesSim.ObjectStorage;
using Sdk = Amazon.S3.Model;

namespace S3FilesSim.Aws;

/// <summary>Finds out what a bucket and its server support: versioning from GetBucketVersioning, conditional writes and UploadPartCopy by trying them on a probe key.</summary>
/// <remarks>The probe key is new (a GUID under <see cref="AmazonS3ObjectStoreOptions.ProbeKeyPrefix"/>); all its
/// versions are deleted afterwards, and the probe multipart upload is aborted.</remarks>
internal sealed class CapabilityProbe(IAmazonS3 client, AmazonS3ObjectStoreOptions options)
{
    private const string PrereqUrl = "https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-prereq-policies.html";

    private const string WrongETag = "\"00000000000000000000000000000000\"";
    private static readonly byte[] ProbeBody = "s3filessim capability probe"u8.ToArray();

    private string Bucket => options.BucketName;

    public async Task<DetectedFeatures> DetectAsync(CancellationToken cancellationToken)
    {
        var versioning = await IsVersioningEnabledAsync(cancellationToken).ConfigureAwait(false);
        var conditions = options.ConditionalWrites is { } stated ? ServerConditions.Uniform(stated) : null;
        var uploadPartCopy = options.UploadPartCopy;
        if (conditions is null || uploadPartCopy is null)
        {
            var probeKey = options.ProbeKeyPrefix + Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture);
            try
            {
                await S3ErrorTranslator.CallAsync(token => client.PutObjectAsync(Put(probeKey, ifNoneMatch: null, ifMatch: null), token), null, cancellationToken).ConfigureAwait(false);
                conditions ??= await ProbeConditionsAsync(probeKey, cancellationToken).ConfigureAwait(false);
                uploadPartCopy ??= await ProbeUploadPartCopyAsync(probeKey, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                await DeleteAllVersionsAsync(probeKey, cancellationToken).ConfigureAwait(false);
            }
        }

        var capabilities = new ObjectStoreCapabilities
        {
            Versioning = versioning,
            ConditionalWrites = conditions.All,
            Multipart = true,
            UploadPartCopy = uploadPartCopy.Value,
            ArchiveRestore = options.ArchiveRestore ?? options.TargetsAmazonS3,
            EventNotifications = false,
        };
        return new DetectedFeatures(capabilities, conditions);
    }

    private async Task<bool> IsVersioningEnabledAsync(CancellationToken cancellationToken)
    {
        var response = await S3ErrorTranslator.CallAsync(token => client.GetBucketVersioningAsync(Bucket, token), null, cancellationToken).ConfigureAwait(false);
        var status = response.VersioningConfig?.Status?.Value;
        var enabled = status == VersionStatus.Enabled.Value;
        if (!enabled && options.RequireVersioning)
        {
            throw new InvalidOperationException(
                $"The bucket '{Bucket}' does not have versioning enabled (its status is {(string.IsNullOrEmpty(status) ? "never enabled" : status)}). " +
                $"S3 Files requires a versioned bucket ({PrereqUrl}): enable versioning on the bucket, " +
                $"or set {nameof(AmazonS3ObjectStoreOptions)}.{nameof(AmazonS3ObjectStoreOptions.RequireVersioning)} to false to run without it.");
        }

        return enabled;
    }

    /// <summary>Tries each precondition on the existing probe key in a way that must fail with 412 on a server that evaluates it.</summary>
    private async Task<ServerConditions> ProbeConditionsAsync(string probeKey, CancellationToken cancellationToken)
    {
        var putObject = await FailsWithPreconditionAsync(token => client.PutObjectAsync(Put(probeKey, "*", null), token), cancellationToken).ConfigureAwait(false)
            && await FailsWithPreconditionAsync(token => client.PutObjectAsync(Put(probeKey, null, WrongETag), token), cancellationToken).ConfigureAwait(false);
        var copyObject = await FailsWithPreconditionAsync(token => client.CopyObjectAsync(Copy(probeKey, probeKey, ifNoneMatch: "*", ifMatch: null, sourceIfMatch: null), token), cancellationToken).ConfigureAwait(false)
            && await FailsWithPreconditionAsync(token => client.CopyObjectAsync(Copy(probeKey, probeKey, ifNoneMatch: null, ifMatch: WrongETag, sourceIfMatch: null), token), cancellationToken).ConfigureAwait(false);
        var copySource = await FailsWithPreconditionAsync(token => client.CopyObjectAsync(Copy(probeKey, probeKey + "-copy", ifNoneMatch: null, ifMatch: null, sourceIfMatch: WrongETag), token), cancellationToken).ConfigureAwait(false);
        var complete = await ProbeCompleteMultipartUploadAsync(probeKey, cancellationToken).ConfigureAwait(false);
        return new ServerConditions(putObject, copyObject, copySource, complete);
    }

    /// <summary>Completes a one-part upload onto the existing probe key with If-None-Match: *, which must fail with 412.</summary>
    private async Task<bool> ProbeCompleteMultipartUploadAsync(string probeKey, CancellationToken cancellationToken)
    {
        var upload = await S3ErrorTranslator.CallAsync(token => client.InitiateMultipartUploadAsync(Bucket, probeKey, token), null, cancellationToken).ConfigureAwait(false);
        var part = await S3ErrorTranslator.CallAsync(
            token => client.UploadPartAsync(
                new Sdk.UploadPartRequest { BucketName = Bucket, Key = probeKey, UploadId = upload.UploadId, PartNumber = 1, InputStream = new MemoryStream(ProbeBody) },
                token),
            null,
            cancellationToken).ConfigureAwait(false);
        var complete = new Sdk.CompleteMultipartUploadRequest
        {
            BucketName = Bucket,
            Key = probeKey,
            UploadId = upload.UploadId,
            PartETags = [new Sdk.PartETag(1, part.ETag)],
            IfNoneMatch = "*",
        };
        var honoured = await FailsWithPreconditionAsync(token => client.CompleteMultipartUploadAsync(complete, token), cancellationToken).ConfigureAwait(false);
        if (honoured)
        {
            await S3ErrorTranslator.CallAsync(token => client.AbortMultipartUploadAsync(Bucket, probeKey, upload.UploadId, token), null, cancellationToken).ConfigureAwait(false);
        }

        return honoured;
    }

    /// <summary>Copies the probe object into part 1 of a new upload, then aborts it.</summary>
    private async Task<bool> ProbeUploadPartCopyAsync(string probeKey, CancellationToken cancellationToken)
    {
        var uploadKey = probeKey + "-upload";
        var upload = await S3ErrorTranslator.CallAsync(token => client.InitiateMultipartUploadAsync(Bucket, uploadKey, token), null, cancellationToken).ConfigureAwait(false);
        try
        {
            var part = await client.CopyPartAsync(
                new Sdk.CopyPartRequest
                {
                    SourceBucket = Bucket,
                    SourceKey = probeKey,
                    DestinationBucket = Bucket,
                    DestinationKey = uploadKey,
                    UploadId = upload.UploadId,
                    PartNumber = 1,
                },
                cancellationToken).ConfigureAwait(false);
            return !string.IsNullOrEmpty(part.ETag);
        }
        catch (AmazonS3Exception)
        {
            return false;
        }
        catch (Exception e) when (S3ErrorTranslator.IsTranslatable(e, cancellationToken))
        {
            throw S3ErrorTranslator.ToObjectStoreException(e, key: null);
        }
        finally
        {
            await S3ErrorTranslator.CallAsync(token => client.AbortMultipartUploadAsync(Bucket, uploadKey, upload.UploadId, token), null, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<bool> FailsWithPreconditionAsync<T>(Func<CancellationToken, Task<T>> write, CancellationToken cancellationToken)
    {
        try
        {
            await write(cancellationToken).ConfigureAwait(false);
            return false;
        }
        catch (Exception e) when (S3ErrorTranslator.ToFailedWrite(e, ifMatchGiven: false) is WriteStatus.PreconditionFailed)
        {
            return true;
        }
        catch (AmazonS3Exception e) when ((int)e.StatusCode is 400 or 501)
        {
            return false;
        }
        catch (Exception e) when (S3ErrorTranslator.IsTranslatable(e, cancellationToken))
        {
            throw S3ErrorTranslator.ToObjectStoreException(e, key: null);
        }
    }

    private async Task DeleteAllVersionsAsync(string probeKey, CancellationToken cancellationToken)
    {
        var versions = await S3ErrorTranslator.CallAsync(token => client.ListVersionsAsync(new Sdk.ListVersionsRequest { BucketName = Bucket, Prefix = probeKey }, token), null, cancellationToken).ConfigureAwait(false);
        foreach (var version in versions.Versions ?? [])
        {
            await S3ErrorTranslator.CallAsync(token => client.DeleteObjectAsync(Bucket, version.Key, version.VersionId, token), null, cancellationToken).ConfigureAwait(false);
        }
    }

    private Sdk.PutObjectRequest Put(string key, string? ifNoneMatch, string? ifMatch) => new()
    {
        BucketName = Bucket,
        Key = key,
        InputStream = new MemoryStream(ProbeBody),
        ContentType = ObjectStoreDefaults.ContentType,
        IfNoneMatch = ifNoneMatch,
        IfMatch = ifMatch,
    };

    private Sdk.CopyObjectRequest Copy(string sourceKey, string destinationKey, string? ifNoneMatch, string? ifMatch, string? sourceIfMatch) => new()
    {
        SourceBucket = Bucket,
        SourceKey = sourceKey,
        DestinationBucket = Bucket,
        DestinationKey = destinationKey,
        MetadataDirective = S3MetadataDirective.REPLACE,
        ContentType = ObjectStoreDefaults.ContentType,
        IfNoneMatch = ifNoneMatch,
        IfMatch = ifMatch,
        ETagToMatch = sourceIfMatch,
    };
}
