namespace S3FilesSim.Server.S3;

/// <summary>One S3 operation (https://docs.aws.amazon.com/AmazonS3/latest/API/API_Operations_Amazon_Simple_Storage_Service.html):
/// reads its request from the context, calls the bucket, writes S3's response; failures are thrown as <see cref="S3Exception"/>
/// (or the store's <see cref="ObjectStorage.ObjectStoreException"/>) and answered by <see cref="S3ErrorResponse"/>.</summary>
internal abstract class S3Operation
{
    /// <summary>Gets the operation's name in the S3 API reference, e.g. <c>PutObject</c>.</summary>
    public abstract string Name { get; }

    public abstract Task HandleAsync(S3RequestContext context);
}

/// <summary>An S3 operation the simulated bucket does not model: always <c>501 NotImplemented</c> naming it, never a
/// silent success.</summary>
internal sealed class NotImplementedOperation(string name, string what) : S3Operation
{
    public override string Name => name;

    public override Task HandleAsync(S3RequestContext context) =>
        throw new S3Exception(S3Error.NotImplemented, $"{name} is not implemented: S3FilesSim's buckets do not model {what}.").With("Operation", name);
}
