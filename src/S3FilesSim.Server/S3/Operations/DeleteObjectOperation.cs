using S3FilesSim.ObjectStorage;

namespace S3FilesSim.Server.S3.Operations;

/// <summary>DeleteObject (https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteObject.html): a delete marker on a
/// versioned (or suspended) bucket, the version itself with <c>versionId</c>, the object itself on a bucket never versioned.</summary>
internal sealed class DeleteObjectOperation : S3Operation
{
    public override string Name => "DeleteObject";

    public override async Task HandleAsync(S3RequestContext context)
    {
        var bucket = context.Bucket();
        var key = context.RequireKey();
        var request = new DeleteObjectRequest { Key = key, VersionId = DeleteTarget.VersionOf(bucket, context.VersionIdParameter()) };
        var result = await bucket.DeleteObjectAsync(request, context.Aborted).ConfigureAwait(false);
        if (result.DeleteMarker)
        {
            context.Response.Headers["x-amz-delete-marker"] = "true";
        }

        ObjectHeaders.WriteVersionId(context, bucket, result.VersionId);
        context.Response.StatusCode = 204;
    }
}

/// <summary>What a delete without a version id removes: on a bucket never versioned, the <c>null</c> version itself.</summary>
internal static class DeleteTarget
{
    public static VersionId? VersionOf(InMemoryObjectStore bucket, VersionId? requested) =>
        requested ?? (bucket.VersioningStatus == BucketVersioningStatus.Unversioned ? VersionId.Null : null);
}
