using Microsoft.AspNetCore.Http;
using S3FilesSim.Server.S3.Operations;

namespace S3FilesSim.Server.S3;

/// <summary>Maps a request (method, bucket or key, sub-resource query parameters) to its S3 operation, as S3's REST API
/// defines them; sub-resources the simulated bucket does not model map to a 501 naming the operation.</summary>
internal static class S3Router
{
    private static readonly S3Operation ListBuckets = new ListBucketsOperation();
    private static readonly S3Operation CreateBucket = new CreateBucketOperation();
    private static readonly S3Operation DeleteBucket = new DeleteBucketOperation();
    private static readonly S3Operation HeadBucket = new HeadBucketOperation();
    private static readonly S3Operation GetBucketLocation = new GetBucketLocationOperation();
    private static readonly S3Operation GetBucketVersioning = new GetBucketVersioningOperation();
    private static readonly S3Operation PutBucketVersioning = new PutBucketVersioningOperation();
    private static readonly S3Operation ListObjects = new ListObjectsOperation();
    private static readonly S3Operation ListObjectsV2 = new ListObjectsV2Operation();
    private static readonly S3Operation ListObjectVersions = new ListObjectVersionsOperation();
    private static readonly S3Operation ListMultipartUploads = new ListMultipartUploadsOperation();
    private static readonly S3Operation DeleteObjects = new DeleteObjectsOperation();
    private static readonly S3Operation PutObject = new PutObjectOperation();
    private static readonly S3Operation CopyObject = new CopyObjectOperation();
    private static readonly S3Operation GetObject = new GetObjectOperation();
    private static readonly S3Operation HeadObject = new HeadObjectOperation();
    private static readonly S3Operation DeleteObject = new DeleteObjectOperation();
    private static readonly S3Operation GetObjectAttributes = new GetObjectAttributesOperation();
    private static readonly S3Operation CreateMultipartUpload = new CreateMultipartUploadOperation();
    private static readonly S3Operation UploadPart = new UploadPartOperation();
    private static readonly S3Operation UploadPartCopy = new UploadPartCopyOperation();
    private static readonly S3Operation CompleteMultipartUpload = new CompleteMultipartUploadOperation();
    private static readonly S3Operation AbortMultipartUpload = new AbortMultipartUploadOperation();
    private static readonly S3Operation ListParts = new ListPartsOperation();
    private static readonly S3Operation RestoreObject = new RestoreObjectOperation();

    /// <summary>Bucket sub-resources the simulated bucket does not model: the parameter, the GET/PUT/DELETE operation names, and what it is.</summary>
    private static readonly (string Parameter, string? Get, string? Put, string? Delete, string What)[] UnmodelledBucketResources =
    [
        ("accelerate", "GetBucketAccelerateConfiguration", "PutBucketAccelerateConfiguration", null, "Transfer Acceleration"),
        ("acl", "GetBucketAcl", "PutBucketAcl", null, "access control lists"),
        ("analytics", "GetBucketAnalyticsConfiguration", "PutBucketAnalyticsConfiguration", "DeleteBucketAnalyticsConfiguration", "storage class analysis"),
        ("cors", "GetBucketCors", "PutBucketCors", "DeleteBucketCors", "CORS configurations"),
        ("encryption", "GetBucketEncryption", "PutBucketEncryption", "DeleteBucketEncryption", "encryption configurations"),
        ("intelligent-tiering", "GetBucketIntelligentTieringConfiguration", "PutBucketIntelligentTieringConfiguration", "DeleteBucketIntelligentTieringConfiguration", "Intelligent-Tiering configurations"),
        ("inventory", "GetBucketInventoryConfiguration", "PutBucketInventoryConfiguration", "DeleteBucketInventoryConfiguration", "inventory"),
        ("lifecycle", "GetBucketLifecycleConfiguration", "PutBucketLifecycleConfiguration", "DeleteBucketLifecycle", "lifecycle rules"),
        ("logging", "GetBucketLogging", "PutBucketLogging", null, "server access logging"),
        ("metadataTable", "GetBucketMetadataTableConfiguration", "CreateBucketMetadataTableConfiguration", "DeleteBucketMetadataTableConfiguration", "metadata tables"),
        ("metrics", "GetBucketMetricsConfiguration", "PutBucketMetricsConfiguration", "DeleteBucketMetricsConfiguration", "request metrics"),
        ("notification", "GetBucketNotificationConfiguration", "PutBucketNotificationConfiguration", null, "event notification configurations (bucket events reach the simulation's file systems on their own)"),
        ("object-lock", "GetObjectLockConfiguration", "PutObjectLockConfiguration", null, "Object Lock"),
        ("ownershipControls", "GetBucketOwnershipControls", "PutBucketOwnershipControls", "DeleteBucketOwnershipControls", "Object Ownership"),
        ("policy", "GetBucketPolicy", "PutBucketPolicy", "DeleteBucketPolicy", "bucket policies"),
        ("policyStatus", "GetBucketPolicyStatus", null, null, "bucket policies"),
        ("publicAccessBlock", "GetPublicAccessBlock", "PutPublicAccessBlock", "DeletePublicAccessBlock", "Block Public Access"),
        ("replication", "GetBucketReplication", "PutBucketReplication", "DeleteBucketReplication", "replication"),
        ("requestPayment", "GetBucketRequestPayment", "PutBucketRequestPayment", null, "Requester Pays"),
        ("session", "CreateSession", null, null, "directory-bucket sessions"),
        ("tagging", "GetBucketTagging", "PutBucketTagging", "DeleteBucketTagging", "tags"),
        ("website", "GetBucketWebsite", "PutBucketWebsite", "DeleteBucketWebsite", "static website hosting"),
    ];

    /// <summary>Object sub-resources the simulated bucket does not model.</summary>
    private static readonly (string Parameter, string? Get, string? Put, string? Delete, string? Post, string What)[] UnmodelledObjectResources =
    [
        ("acl", "GetObjectAcl", "PutObjectAcl", null, null, "access control lists"),
        ("legal-hold", "GetObjectLegalHold", "PutObjectLegalHold", null, null, "Object Lock legal holds"),
        ("retention", "GetObjectRetention", "PutObjectRetention", null, null, "Object Lock retention"),
        ("tagging", "GetObjectTagging", "PutObjectTagging", "DeleteObjectTagging", null, "object tags"),
        ("torrent", "GetObjectTorrent", null, null, null, "BitTorrent"),
        ("select", null, null, null, "SelectObjectContent", "S3 Select"),
        ("renameObject", null, "RenameObject", null, null, "RenameObject (directory buckets)"),
    ];

    /// <summary>Returns the operation <paramref name="context"/> addresses.</summary>
    /// <exception cref="S3Exception"><c>NotImplemented</c> for an operation the bucket does not model, <c>MethodNotAllowed</c>
    /// for a method the resource does not take, <c>InvalidBucketName</c> for an address that names no valid bucket.</exception>
    public static S3Operation Route(S3RequestContext context)
    {
        var method = context.Request.Method;
        var query = context.Query;
        if (HttpMethods.IsOptions(method))
        {
            return new NotImplementedOperation("OPTIONS", "CORS preflight requests");
        }

        if (context.BucketName is null)
        {
            return HttpMethods.IsGet(method) ? ListBuckets : throw NotAllowed(method, "Service");
        }

        if (context.Key is null)
        {
            foreach (var (parameter, get, put, delete, what) in UnmodelledBucketResources)
            {
                if (query.Has(parameter) && Pick(method, get, put, delete, null) is { } name)
                {
                    return new NotImplementedOperation(name, what);
                }
            }

            return method switch
            {
                _ when HttpMethods.IsGet(method) => query.Has("versioning") ? GetBucketVersioning
                    : query.Has("location") ? GetBucketLocation
                    : query.Has("versions") ? ListObjectVersions
                    : query.Has("uploads") ? ListMultipartUploads
                    : query.Get("list-type") == "2" ? ListObjectsV2
                    : ListObjects,
                _ when HttpMethods.IsHead(method) => HeadBucket,
                _ when HttpMethods.IsPut(method) => query.Has("versioning") ? PutBucketVersioning : CreateBucket,
                _ when HttpMethods.IsDelete(method) => DeleteBucket,
                _ when HttpMethods.IsPost(method) => query.Has("delete") ? DeleteObjects
                    : (context.Request.ContentType?.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase) ?? false)
                        ? new NotImplementedOperation("PostObject", "browser-based uploads with POST policies")
                        : throw NotAllowed(method, "Bucket"),
                _ => throw NotAllowed(method, "Bucket"),
            };
        }

        foreach (var (parameter, get, put, delete, post, what) in UnmodelledObjectResources)
        {
            if (query.Has(parameter) && Pick(method, get, put, delete, post) is { } name)
            {
                return new NotImplementedOperation(name, what);
            }
        }

        var copy = context.Header("x-amz-copy-source") is not null;
        return method switch
        {
            _ when HttpMethods.IsGet(method) => query.Has("uploadId") ? ListParts
                : query.Has("attributes") ? GetObjectAttributes
                : GetObject,
            _ when HttpMethods.IsHead(method) => HeadObject,
            _ when HttpMethods.IsPut(method) => query.Has("uploadId") || query.Has("partNumber")
                ? copy ? UploadPartCopy : UploadPart
                : copy ? CopyObject : PutObject,
            _ when HttpMethods.IsDelete(method) => query.Has("uploadId") ? AbortMultipartUpload : DeleteObject,
            _ when HttpMethods.IsPost(method) => query.Has("uploads") ? CreateMultipartUpload
                : query.Has("uploadId") ? CompleteMultipartUpload
                : query.Has("restore") ? RestoreObject
                : throw NotAllowed(method, "Object"),
            _ => throw NotAllowed(method, "Object"),
        };
    }

    private static string? Pick(string method, string? get, string? put, string? delete, string? post) =>
        HttpMethods.IsGet(method) || HttpMethods.IsHead(method) ? get
        : HttpMethods.IsPut(method) ? put
        : HttpMethods.IsDelete(method) ? delete
        : HttpMethods.IsPost(method) ? post
        : null;

    private static S3Exception NotAllowed(string method, string resourceType) =>
        new S3Exception(S3Error.MethodNotAllowed).With("Method", method).With("ResourceType", resourceType.ToUpperInvariant());
}
