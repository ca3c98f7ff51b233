using S3FilesSim.ObjectStorage;

namespace S3FilesSim.Server.S3.Operations;

/// <summary>What GetObject and HeadObject share before they answer: the object (a version or the latest) that passed the
/// <c>If-*</c> preconditions, and the range or part asked for.
/// https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObject.html</summary>
/// <param name="Bucket">The request's bucket.</param>
/// <param name="Key">The object key.</param>
/// <param name="Metadata">The object's metadata.</param>
/// <param name="Range">The byte range or part of the request.</param>
internal readonly record struct ObjectRead(InMemoryObjectStore Bucket, string Key, ObjectMetadata Metadata, ObjectRange Range)
{
    /// <summary>Finds the object and checks the preconditions.</summary>
    /// <exception cref="S3Exception"><c>NoSuchKey</c>, <c>NoSuchVersion</c> (or a delete marker's 404/405), 412
    /// <c>PreconditionFailed</c>, 304 NotModified, 416 <c>InvalidRange</c>, <c>InvalidPartNumber</c>.</exception>
    public static async Task<ObjectRead> StartAsync(S3RequestContext context)
    {
        var bucket = context.Bucket();
        var key = context.RequireKey();
        var versionId = context.VersionIdParameter();
        var head = await bucket.HeadObjectAsync(new HeadObjectRequest { Key = key, VersionId = versionId }, context.Aborted).ConfigureAwait(false);
        if (head.Object is not { } metadata)
        {
            throw ObjectHeaders.NotFound(context, head, versionId);
        }

        if (ObjectHeaders.CheckReadConditions(context, metadata) is { } failed)
        {
            throw failed;
        }

        return new ObjectRead(bucket, key, metadata, ObjectRange.Of(context, bucket, metadata));
    }
}
