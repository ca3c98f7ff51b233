using System.Collections.Concurrent;
using S3FilesSim.ObjectStorage;

namespace S3FilesSim.Server.S3;

/// <summary>The simulation's buckets as the endpoint serves them, with what S3 reports about a bucket that the in-memory
/// store does not keep: its creation date and location constraint.</summary>
internal sealed class BucketRegistry(S3FilesSimulation simulation, string region)
{
    private readonly ConcurrentDictionary<string, BucketInfo> _info = new(StringComparer.Ordinal);

    public string Region => region;

    /// <exception cref="S3Exception"><c>NoSuchBucket</c>.</exception>
    public InMemoryObjectStore Get(string name)
    {
        try
        {
            return simulation.GetBucket(name);
        }
        catch (ObjectStoreException exception) when (exception.ErrorCode == S3ErrorCode.NoSuchBucket)
        {
            throw new S3Exception(S3Error.NoSuchBucket).With("BucketName", name);
        }
    }

    public IReadOnlyList<(InMemoryObjectStore Bucket, BucketInfo Info)> List() =>
        [.. simulation.Buckets.OrderBy(b => b.BucketName, StringComparer.Ordinal).Select(b => (b, Info(b.BucketName)))];

    /// <summary>Creates a bucket on the simulation's clock: versioned unless <paramref name="versioned"/> is off.</summary>
    /// <exception cref="S3Exception"><c>InvalidBucketName</c>, <c>BucketAlreadyOwnedByYou</c>.</exception>
    public InMemoryObjectStore Create(string name, string? locationConstraint, bool versioned)
    {
        try
        {
            var bucket = simulation.CreateBucket(name, simulation.Options.Bucket with { Versioning = versioned, Region = locationConstraint is { Length: > 0 } l ? l : region });
            _info[name] = new BucketInfo(simulation.Now, locationConstraint ?? string.Empty);
            return bucket;
        }
        catch (ObjectStoreException exception)
        {
            throw new S3Exception(S3Error.Of(exception.ErrorCode, exception.StatusCode), exception.Message).With("BucketName", name);
        }
    }

    /// <exception cref="S3Exception"><c>NoSuchBucket</c>, <c>BucketNotEmpty</c>.</exception>
    public void Delete(string name)
    {
        try
        {
            simulation.DeleteBucket(name);
            _info.TryRemove(name, out _);
        }
        catch (ObjectStoreException exception)
        {
            throw new S3Exception(S3Error.Of(exception.ErrorCode, exception.StatusCode), exception.ErrorCode == S3ErrorCode.NoSuchBucket ? null : S3Error.BucketNotEmpty.Message).With("BucketName", name);
        }
    }

    /// <summary>Returns the creation date and location of a bucket; buckets the simulation made itself were created at its start.</summary>
    public BucketInfo Info(string name) =>
        _info.GetOrAdd(name, _ => new BucketInfo(simulation.Clock.Start, region == "us-east-1" ? string.Empty : region));
}

/// <summary>What S3 reports about a bucket besides its objects.</summary>
/// <param name="CreationDate">When it was created (virtual time).</param>
/// <param name="LocationConstraint">Its Region as GetBucketLocation reports it (empty for us-east-1).</param>
internal sealed record BucketInfo(DateTimeOffset CreationDate, string LocationConstraint);
