using S3FilesSim.ObjectStorage;

namespace S3FilesSim;

/// <summary>The bucket part of the simulation options.</summary>
public sealed partial record SimulationOptions
{
    /// <summary>Gets the name of the default bucket, created with the simulation (S3 general purpose naming rules apply).</summary>
    /// <value>The default value is <c>s3files-sim-bucket</c>.</value>
    public string BucketName { get; init; } = "s3files-sim-bucket";

    /// <summary>Gets the options of the default bucket: versioning, event delivery, restore delays.</summary>
    /// <value>The default value is <see cref="InMemoryObjectStoreOptions"/> with its defaults (versioned, events after 1 to 5 s).</value>
    public InMemoryObjectStoreOptions Bucket { get; init; } = new();

    partial void ValidateBuckets()
    {
        if (BucketNames.Problem(BucketName) is { } problem)
        {
            throw new ArgumentException($"{nameof(BucketName)} '{BucketName}' is not a valid bucket name: it {problem}.", nameof(BucketName));
        }

        if (Bucket is null)
        {
            throw new ArgumentException($"{nameof(Bucket)} must not be null.", nameof(Bucket));
        }

        Bucket.Validate($"{nameof(Bucket)}.");
    }
}
