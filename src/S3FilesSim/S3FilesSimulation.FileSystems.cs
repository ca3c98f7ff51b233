using S3FilesSim.FileSystem;

namespace S3FilesSim;

/// <content>The file systems of the simulation.</content>
public sealed partial class S3FilesSimulation
{
    private readonly List<S3FilesFileSystem> _fileSystems = [];

    /// <summary>Gets the default file system, created with <see cref="SimulationOptions.FileSystem"/> when the simulation is created.</summary>
    public S3FilesFileSystem FileSystem { get; }

    /// <summary>Gets every file system created in the simulation, the default one first.</summary>
    public IReadOnlyList<S3FilesFileSystem> FileSystems
    {
        get
        {
            lock (_fileSystems)
            {
                return [.. _fileSystems];
            }
        }
    }

    /// <summary>Creates an S3 Files file system with a new <c>fs-</c> id drawn from the simulation's random source
    /// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-file-systems-creating.html).</summary>
    /// <param name="options">The options; <see langword="null"/> for the defaults.</param>
    /// <returns>The file system, empty but for its root directory.</returns>
    /// <exception cref="ArgumentException">An option is invalid; the message names it.</exception>
    public S3FilesFileSystem CreateFileSystem(FileSystemOptions? options = null) => CreateFileSystem(options, Bucket);

    /// <summary>Creates an S3 Files file system over <paramref name="bucket"/>, which it imports from and exports to.</summary>
    /// <param name="options">The options; <see langword="null"/> for the defaults.</param>
    /// <param name="bucket">The bucket (any <see cref="ObjectStorage.IObjectStore"/>); its operations run on the simulation's scheduler.</param>
    /// <param name="events">The bucket's change events the file system imports from (e.g. a polling source over a real bucket);
    /// <see langword="null"/> for the in-memory bucket's own events, or the store itself when it is an <see cref="ObjectStorage.IBucketEventSource"/>.</param>
    /// <returns>The file system, empty but for its root directory.</returns>
    /// <exception cref="ArgumentException">An option is invalid (the message names it), or the bucket is not versioned and
    /// <see cref="FileSystemOptions.RequireBucketVersioning"/> is on.</exception>
    public S3FilesFileSystem CreateFileSystem(FileSystemOptions? options, ObjectStorage.IObjectStore bucket, ObjectStorage.IBucketEventSource? events = null)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentNullException.ThrowIfNull(bucket);
        options ??= new FileSystemOptions();
        options.Validate();
        return Build(options, bucket, events);
    }

    /// <summary>Builds a file system from validated options (the default one's were validated with the simulation's).</summary>
    private S3FilesFileSystem Build(FileSystemOptions options, ObjectStorage.IObjectStore bucket, ObjectStorage.IBucketEventSource? events)
    {
        if (options.RequireBucketVersioning && !bucket.Capabilities.Versioning)
        {
            throw new ArgumentException(
                $"S3 Files requires a bucket with versioning enabled; bucket '{bucket.BucketName}' is not versioned. Enable versioning, or set {nameof(FileSystemOptions.RequireBucketVersioning)} = false to opt out.",
                nameof(bucket));
        }

        var fileSystem = FileSystemFactory.Create(
            "fs-" + Random.NextHex(17),
            options,
            bucket,
            events ?? (bucket as ObjectStorage.InMemoryObjectStore)?.Events ?? bucket as ObjectStorage.IBucketEventSource ?? new ObjectStorage.NoBucketEvents(bucket.BucketName),
            Clock,
            Random,
            Options.Telemetry,
            Options.Prices,
            LoggerFactory);
        if (fileSystem.Telemetry is { } telemetry)
        {
            Own(telemetry);
        }

        lock (_fileSystems)
        {
            _fileSystems.Add(fileSystem);
        }

        return fileSystem;
    }
}
