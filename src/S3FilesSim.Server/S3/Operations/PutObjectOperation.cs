using S3FilesSim.ObjectStorage;
using S3FilesSim.Server.S3.Body;

namespace S3FilesSim.Server.S3.Operations;

/// <summary>PutObject (https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutObject.html): user metadata, Content-Type,
/// content headers, storage class, <c>If-None-Match: *</c> and <c>If-Match</c>; the body streamed into the bucket and
/// verified (Content-MD5, <c>x-amz-checksum-*</c>) before the version is written.</summary>
internal sealed class PutObjectOperation : S3Operation
{
    public override string Name => "PutObject";

    public override async Task HandleAsync(S3RequestContext context)
    {
        var bucket = context.Bucket();
        var key = context.RequireKey();
        ObjectHeaders.RejectUnmodelled(context, Name);
        var metadata = ObjectHeaders.UserMetadata(context.Request);
        var storageClass = ObjectHeaders.StorageClassOf(context);
        var ifMatch = ObjectHeaders.ETagHeader(context, "If-Match");
        var ifNoneMatch = ObjectHeaders.ETagHeader(context, "If-None-Match");
        if (ifNoneMatch is { IsAny: false })
        {
            throw new S3Exception(S3Error.NotImplemented, "A header you provided implies functionality that is not implemented: If-None-Match accepts only '*' on writes.").With("Header", "If-None-Match");
        }

        var body = await RequestBody.ReadObjectAsync(context).ConfigureAwait(false);
        var written = await bucket.PutObjectAsync(new PutObjectRequest
        {
            Key = key,
            Content = body.Content,
            Metadata = metadata,
            ContentType = context.Request.ContentType,
            StorageClass = storageClass,
            IfMatch = ifMatch,
            IfNoneMatch = ifNoneMatch,
        }, context.Aborted).ConfigureAwait(false);
        WriteResult.ThrowIfFailed(written, key, ifMatch is not null ? "If-Match" : "If-None-Match");
        await context.Service.Extras.AttachAsync(bucket, key, written, new ObjectExtra(body.Checksum, ObjectExtra.ContentHeadersOf(context.Request)), context.Aborted).ConfigureAwait(false);
        var headers = context.Response.Headers;
        headers.ETag = written.ETag!.Value.Value;
        headers["x-amz-server-side-encryption"] = "AES256";
        ObjectHeaders.WriteNewVersionId(context, written.VersionId);
        ObjectHeaders.WriteChecksum(context, body.Checksum);
        context.Response.ContentLength = 0;
    }
}

/// <summary>The failures of a conditional write, as S3 answers them.</summary>
internal static class WriteResult
{
    /// <exception cref="S3Exception"><c>PreconditionFailed</c> (412) naming the condition, or <c>NoSuchKey</c> for If-Match on a missing key.</exception>
    public static void ThrowIfFailed(ObjectWriteResult result, string key, string condition)
    {
        switch (result.Status)
        {
            case WriteStatus.PreconditionFailed:
                throw new S3Exception(S3Error.PreconditionFailed).With("Condition", condition);
            case WriteStatus.NoSuchKey:
                throw new S3Exception(S3Error.NoSuchKey).With("Key", key);
        }
    }
}
