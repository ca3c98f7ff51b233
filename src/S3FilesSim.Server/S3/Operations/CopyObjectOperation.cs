using S3FilesSim.ObjectStorage;

namespace S3FilesSim.Server.S3.Operations;

/// <summary>CopyObject (https://docs.aws.amazon.com/AmazonS3/latest/API/API_CopyObject.html): a version (at most 5 GiB)
/// copied server-side within a bucket or across buckets, metadata copied or replaced (<c>x-amz-metadata-directive</c>),
/// <c>x-amz-copy-source-if-*</c> on the source and <c>If-Match</c>/<c>If-None-Match</c> on the destination.</summary>
internal sealed class CopyObjectOperation : S3Operation
{
    public override string Name => "CopyObject";

    public override async Task HandleAsync(S3RequestContext context)
    {
        var bucket = context.Bucket();
        var key = context.RequireKey();
        ObjectHeaders.RejectUnmodelled(context, Name);
        var source = CopySource.Parse(context);
        var directive = context.Header("x-amz-metadata-directive") switch
        {
            null or "COPY" => MetadataDirective.Copy,
            "REPLACE" => MetadataDirective.Replace,
            var other => throw new S3Exception(S3Error.InvalidArgument, "Unknown metadata directive.").With("ArgumentName", "x-amz-metadata-directive").With("ArgumentValue", other),
        };
        if (context.Header("x-amz-tagging-directive") is "REPLACE")
        {
            throw new S3Exception(S3Error.NotImplemented, "CopyObject with x-amz-tagging-directive: REPLACE is not implemented: S3FilesSim's buckets do not model object tags.").With("Operation", Name);
        }

        var metadata = directive == MetadataDirective.Replace ? ObjectHeaders.UserMetadata(context.Request) : null;
        var storageClass = ObjectHeaders.StorageClassOf(context);
        var ifMatch = ObjectHeaders.ETagHeader(context, "If-Match");
        var ifNoneMatch = ObjectHeaders.ETagHeader(context, "If-None-Match");
        var (sourceBucket, sourceMetadata) = await source.ResolveAsync(context).ConfigureAwait(false);
        if (sourceMetadata.IsArchived)
        {
            throw new S3Exception(S3Error.InvalidObjectState, "The source object of the COPY action is not in the active tier and is only stored in Amazon S3 Glacier.").With("StorageClass", sourceMetadata.StorageClass.Name);
        }

        S3Limits.CheckUploadSize(sourceMetadata.ContentLength);
        var sourceExtra = context.Service.Extras.Get(sourceMetadata);
        ObjectWriteResult written;
        if (ReferenceEquals(sourceBucket, bucket))
        {
            written = await bucket.CopyObjectAsync(new CopyObjectRequest
            {
                SourceKey = source.Key,
                SourceVersionId = sourceMetadata.VersionId,
                DestinationKey = key,
                MetadataDirective = directive,
                Metadata = metadata,
                ContentType = directive == MetadataDirective.Replace ? context.Request.ContentType : null,
                StorageClass = storageClass,
                IfMatch = ifMatch,
                IfNoneMatch = ifNoneMatch,
            }, context.Aborted).ConfigureAwait(false);
        }
        else
        {
            var content = await source.ReadAsync(sourceBucket, sourceMetadata, 0, sourceMetadata.ContentLength, context.Aborted).ConfigureAwait(false);
            written = await bucket.PutObjectAsync(new PutObjectRequest
            {
                Key = key,
                Content = content,
                Metadata = metadata ?? sourceMetadata.Metadata,
                ContentType = directive == MetadataDirective.Replace ? context.Request.ContentType : sourceMetadata.ContentType,
                StorageClass = storageClass,
                IfMatch = ifMatch,
                IfNoneMatch = ifNoneMatch,
            }, context.Aborted).ConfigureAwait(false);
        }

        WriteResult.ThrowIfFailed(written, key, ifMatch is not null ? "If-Match" : "If-None-Match");
        var extra = directive == MetadataDirective.Replace ? new ObjectExtra(sourceExtra.Checksum, ObjectExtra.ContentHeadersOf(context.Request)) : sourceExtra;
        await context.Service.Extras.AttachAsync(bucket, key, written, extra, context.Aborted).ConfigureAwait(false);
        ObjectHeaders.WriteNewVersionId(context, written.VersionId);
        if (sourceBucket.VersioningStatus != BucketVersioningStatus.Unversioned)
        {
            context.Response.Headers["x-amz-copy-source-version-id"] = sourceMetadata.VersionId.Value;
        }

        context.Response.Headers["x-amz-server-side-encryption"] = "AES256";
        await S3Xml.WriteAsync(context.Response, "CopyObjectResult", writer =>
        {
            writer.Element("ETag", written.ETag!.Value.Value);
            writer.Element("LastModified", written.LastModified!.Value);
            if (extra.Checksum is { } checksum)
            {
                writer.Element(checksum.ElementName, checksum.Base64);
            }
        }).ConfigureAwait(false);
    }
}
