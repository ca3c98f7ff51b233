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

    private string Bucket => options.BucketName;

    public async Task<ObjectStoreCapabilities> DetectAsync(CancellationToken cancellationToken)
    {
        var versioning = await IsVersioningEnabledAsync(cancellationToken).ConfigureAwait(false);
        var conditionalWrites = options.ConditionalWrites;
        var uploadPartCopy = options.UploadPartCopy;
        if (conditionalWrites is null || uploadPartCopy is null)
        {
            var probeKey = options.ProbeKeyPrefix + Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture);
            try
            {
                conditionalWrites ??= await ProbeConditionalWritesAsync(probeKey, cancellationToken).ConfigureAwait(false);
                uploadPartCopy ??= await ProbeUploadPartCopyAsync(probeKey, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                await DeleteAllVersionsAsync(probeKey, cancellationToken).ConfigureAwait(false);
            }
        }

        return new ObjectStoreCapabilities
        {
            Versioning = versioning,
            ConditionalWrites = conditionalWrites.Value,
            Multipart = true,
            UploadPartCopy = uploadPartCopy.Value,
            ArchiveRestore = options.ArchiveRestore ?? options.TargetsAmazonS3,
            EventNotifications = false,
        };
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

    /// <summary>Writes the probe key with If-None-Match: *, then tries a second If-None-Match: * and an If-Match with a wrong ETag: both must fail with 412.</summary>
    private async Task<bool> ProbeConditionalWritesAsync(string probeKey, CancellationToken cancellationToken)
    {
        await S3ErrorTranslator.CallAsync(token => client.PutObjectAsync(Put(probeKey, ifNoneMatch: "*", ifMatch: null), token), null, cancellationToken).ConfigureAwait(false);
        return await FailsWithPreconditionAsync(Put(probeKey, ifNoneMatch: "*", ifMatch: null), cancellationToken).ConfigureAwait(false)
            && await FailsWithPreconditionAsync(Put(probeKey, ifNoneMatch: null, ifMatch: "\"00000000000000000000000000000000\""), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Copies the probe object into part 1 of a new upload, then aborts it.</summary>
    private async Task<bool> ProbeUploadPartCopyAsync(string probeKey, CancellationToken cancellationToken)
    {
        var exists = await S3ErrorTranslator.CallAsync(token => client.ListVersionsAsync(new Sdk.ListVersionsRequest { BucketName = Bucket, Prefix = probeKey, MaxKeys = 1 }, token), null, cancellationToken).ConfigureAwait(false);
        if (exists.Versions is not { Count: > 0 })
        {
            await S3ErrorTranslator.CallAsync(token => client.PutObjectAsync(Put(probeKey, ifNoneMatch: null, ifMatch: null), token), null, cancellationToken).ConfigureAwait(false);
        }

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
        finally
        {
            await S3ErrorTranslator.CallAsync(token => client.AbortMultipartUploadAsync(Bucket, uploadKey, upload.UploadId, token), null, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<bool> FailsWithPreconditionAsync(Sdk.PutObjectRequest put, CancellationToken cancellationToken)
    {
        try
        {
            await client.PutObjectAsync(put, cancellationToken).ConfigureAwait(false);
            return false;
        }
        catch (Exception e) when (S3ErrorTranslator.ToFailedWrite(e, ifMatchGiven: put.IfMatch is not null) is WriteStatus.PreconditionFailed)
        {
            return true;
        }
        catch (AmazonS3Exception e) when ((int)e.StatusCode is 400 or 501)
        {
            return false;
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
        ContentBody = "s3filessim capability probe",
        ContentType = ObjectStoreDefaults.ContentType,
        IfNoneMatch = ifNoneMatch,
        IfMatch = ifMatch,
    };
}
