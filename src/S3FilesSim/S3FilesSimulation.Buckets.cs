using S3FilesSim.ObjectStorage;

namespace S3FilesSim;

/// <summary>The bucket part of the composition root: the default bucket and any others, all on the simulation's clock, scheduler and random source.</summary>
public sealed partial class S3FilesSimulation
{
    private readonly Dictionary<string, InMemoryObjectStore> _buckets = new(StringComparer.Ordinal);

    /// <summary>Gets the default bucket (named <see cref="SimulationOptions.BucketName"/>), an in-memory versioned S3 bucket.</summary>
    public InMemoryObjectStore Bucket { get; }

    /// <summary>Gets the buckets of this simulation, the default bucket included.</summary>
    public IReadOnlyCollection<InMemoryObjectStore> Buckets
    {
        get
        {
            lock (_buckets)
            {
                return [.. _buckets.Values];
            }
        }
    }

    /// <summary>Creates another in-memory bucket on the simulation's clock, scheduler and random source.</summary>
    /// <param name="name">The bucket name: 3 to 63 lowercase letters, digits, dots and hyphens, beginning and ending with a letter or digit (https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html).</param>
    /// <param name="options">The bucket's options; <see langword="null"/> for the defaults.</param>
    /// <returns>The new bucket.</returns>
    /// <exception cref="ObjectStoreException"><c>InvalidBucketName</c> (400) or <c>BucketAlreadyOwnedByYou</c> (409).</exception>
    /// <exception cref="ArgumentException">An option is invalid; the message names it.</exception>
    public InMemoryObjectStore CreateBucket(string name, InMemoryObjectStoreOptions? options = null)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (BucketNames.Problem(name) is { } problem)
        {
            throw new ObjectStoreException(S3ErrorCode.InvalidBucketName, 400, $"The specified bucket '{name}' is not valid: it {problem}.");
        }

        lock (_buckets)
        {
            if (_buckets.ContainsKey(name))
            {
                throw new ObjectStoreException(S3ErrorCode.BucketAlreadyOwnedByYou, 409, $"The bucket '{name}' already exists.");
            }

            var bucket = new InMemoryObjectStore(name, Scheduler, Random, options);
            _buckets.Add(name, bucket);
            return bucket;
        }
    }

    /// <summary>Returns the bucket called <paramref name="name"/>.</summary>
    /// <param name="name">The bucket name.</param>
    /// <returns>The bucket.</returns>
    /// <exception cref="ObjectStoreException"><c>NoSuchBucket</c> (404).</exception>
    public InMemoryObjectStore GetBucket(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        lock (_buckets)
        {
            return _buckets.TryGetValue(name, out var bucket)
                ? bucket
                : throw new ObjectStoreException(S3ErrorCode.NoSuchBucket, 404, $"The specified bucket '{name}' does not exist.");
        }
    }

    /// <summary>Deletes an empty bucket; later calls on it fail with <c>NoSuchBucket</c>.</summary>
    /// <param name="name">The bucket name.</param>
    /// <exception cref="ObjectStoreException"><c>NoSuchBucket</c> (404), or <c>BucketNotEmpty</c> (409) while it holds versions, delete markers or multipart uploads.</exception>
    /// <remarks>See https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteBucket.html.</remarks>
    public void DeleteBucket(string name)
    {
        lock (_buckets)
        {
            GetBucket(name).MarkDeleted();
            _buckets.Remove(name);
        }
    }
}
