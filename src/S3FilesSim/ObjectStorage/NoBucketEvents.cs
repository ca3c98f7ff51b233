namespace S3FilesSim.ObjectStorage;

/// <summary>The event source of a bucket that sends no change events: a subscription is accepted and never called
/// (the file system then learns of bucket-side changes by revalidation only).</summary>
/// <param name="bucketName">The bucket's name.</param>
internal sealed class NoBucketEvents(string bucketName) : IBucketEventSource
{
    /// <inheritdoc />
    public string BucketName { get; } = bucketName;

    /// <inheritdoc />
    public IDisposable Subscribe(Func<BucketEvent, CancellationToken, ValueTask> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return Subscription.Instance;
    }

    private sealed class Subscription : IDisposable
    {
        public static readonly Subscription Instance = new();

        public void Dispose()
        {
        }
    }
}
