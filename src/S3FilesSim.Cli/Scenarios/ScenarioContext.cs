using S3FilesSim.Cli.Reporting;
using S3FilesSim.FileSystem;
using S3FilesSim.ObjectStorage;

namespace S3FilesSim.Cli.Scenarios;

/// <summary>What a scenario works with: the simulation, one mount, the settings and the report. What the file system did
/// is read from its own telemetry at the end (<see cref="TelemetryReport"/>).</summary>
internal sealed class ScenarioContext
{
    private const int ReadRequestBytes = 1 << 20;
    private readonly byte[] _readBuffer = new byte[ReadRequestBytes];
    private int _listedObjects;

    internal ScenarioContext(S3FilesSimulation simulation, S3FilesFileSystem fileSystem, IObjectStore bucket, IFileSystem mount, RunSettings settings, RunReport report, RunProgress? progress = null)
    {
        Progress = progress ?? RunProgress.Silent;
        Simulation = simulation;
        FileSystem = fileSystem;
        Bucket = bucket;
        _listedObjects = report.Load.Files;
        Mount = mount;
        Settings = settings;
        Report = report;
        Start = simulation.Now;
    }

    internal S3FilesSimulation Simulation { get; }

    /// <summary>Gets the file system the scenario runs on (the simulation's default one, or one over a real bucket).</summary>
    internal S3FilesFileSystem FileSystem { get; }

    /// <summary>Gets the file system's bucket.</summary>
    internal IObjectStore Bucket { get; }

    /// <summary>Gets the number of objects in the bucket: exact for the in-memory bucket, as of the last listing for a real one.</summary>
    internal int BucketObjects => Bucket is InMemoryObjectStore memory ? memory.ObjectCount : _listedObjects;

    internal IFileSystem Mount { get; }

    internal RunSettings Settings { get; }

    internal RunReport Report { get; }

    internal DateTimeOffset Start { get; }

    internal double Elapsed => (Simulation.Now - Start).TotalSeconds;

    internal OperationCounts Counts { get; } = new();

    /// <summary>Gets where the scenario shows the progress of its long steps.</summary>
    internal RunProgress Progress { get; }

    private ProgressStep? VirtualTimeStep { get; set; }

    /// <summary>Advances virtual time to <paramref name="sinceStart"/> after the start.</summary>
    internal async Task AdvanceToAsync(TimeSpan sinceStart, CancellationToken cancellationToken)
    {
        var target = Start + sinceStart;
        if (Simulation.Now < target)
        {
            VirtualTimeStep ??= Progress.Start($"{Report.Scenario}: virtual time", Settings.Duration.TotalSeconds);
            await Simulation.AdvanceAsync(target - Simulation.Now, cancellationToken).ConfigureAwait(false);
            VirtualTimeStep.Report(Elapsed);
        }
    }

    /// <summary>Marks the virtual-time step done (the scenario reached its end).</summary>
    internal void CompleteVirtualTime() => VirtualTimeStep?.Complete();

    /// <summary>Gets the observer of the file system: what the report reads through it is not part of the scenario's job
    /// (no listing, import, metering, billing, latency or last-access change).</summary>
    internal FileSystemObserver Observer => FileSystem.Observer;

    /// <summary>Records the file-system view and the bucket view of the paths under <paramref name="prefixes"/> (all when
    /// empty), read through the observer and the bucket itself, so the views change nothing the report counts; nothing
    /// when <c>--no-views</c> is set.</summary>
    internal async Task SnapshotAsync(string label, IReadOnlyList<string> prefixes, CancellationToken cancellationToken)
    {
        if (!Settings.Views)
        {
            return;
        }

        var files = new List<string>();
        var unlisted = new List<string>();
        foreach (var directory in prefixes.Count == 0 ? ["/"] : prefixes.Select(prefix => "/" + prefix.TrimEnd('/')))
        {
            if (Observer.Stat(directory) is not { Type: FileType.Directory })
            {
                continue;
            }

            foreach (var entry in Observer.ListRecursive(directory))
            {
                if (entry.Type != FileType.Directory)
                {
                    files.Add(entry.Path);
                }
                else if (!entry.Listed)
                {
                    unlisted.Add(entry.Path + "/");
                }
            }
        }

        files.Sort(StringComparer.Ordinal);
        unlisted.Sort(StringComparer.Ordinal);
        var keys = (await ListKeysAsync(cancellationToken).ConfigureAwait(false)).Where(key => Matches(key, prefixes)).ToList();
        Report.Snapshots.Add(new ViewSnapshot(label, Elapsed, files, keys, unlisted));
    }

    /// <summary>Lists every current key of the bucket through the bucket itself (not the file system's metered view of it).</summary>
    internal async Task<List<string>> ListKeysAsync(CancellationToken cancellationToken)
    {
        var keys = new List<string>();
        string? token = null;
        do
        {
            var page = await Bucket.ListObjectsV2Async(new ListObjectsV2Request { ContinuationToken = token }, cancellationToken).ConfigureAwait(false);
            keys.AddRange(page.Contents.Select(summary => summary.Key));
            token = page.IsTruncated ? page.NextContinuationToken : null;
        }
        while (token is not null);
        _listedObjects = keys.Count;
        return keys;
    }

    /// <summary>Reads a whole file like an NFS client: requests of at most 1 MiB (the usual <c>rsize</c>), none past the
    /// end of the file, into one reused buffer, so a file of any size costs 1 MiB of memory.</summary>
    /// <param name="path">The file.</param>
    /// <param name="onChunk">Called with each chunk read, in order; <see langword="null"/> to discard the bytes.</param>
    /// <param name="cancellationToken">Stops the read.</param>
    /// <returns>The number of bytes read.</returns>
    internal async Task<long> ReadFileAsync(string path, Action<ReadOnlyMemory<byte>>? onChunk, CancellationToken cancellationToken)
    {
        var handle = await Mount.OpenAsync(path, OpenFlags.ReadOnly, cancellationToken: cancellationToken).ConfigureAwait(false);
        try
        {
            var size = (await Mount.FstatAsync(handle, cancellationToken).ConfigureAwait(false)).Size;
            var offset = 0L;
            while (offset < size)
            {
                var chunk = _readBuffer.AsMemory(0, (int)Math.Min(ReadRequestBytes, size - offset));
                var read = await Mount.ReadAsync(handle, chunk, offset, cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                onChunk?.Invoke(chunk[..read]);
                offset += read;
            }

            return offset;
        }
        finally
        {
            await Mount.CloseAsync(handle, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Appends <paramref name="data"/> to the end of an existing file through the mount.</summary>
    internal async Task AppendAsync(string path, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        var handle = await Mount.OpenAsync(path, OpenFlags.WriteOnly | OpenFlags.Append, cancellationToken: cancellationToken).ConfigureAwait(false);
        try
        {
            await Mount.WriteAsync(handle, data, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await Mount.CloseAsync(handle, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Creates or replaces a file with <paramref name="data"/> through <paramref name="mount"/> (the context's mount by default).</summary>
    internal Task WriteFileAsync(string path, ReadOnlyMemory<byte> data, CancellationToken cancellationToken, IFileSystem? mount = null) =>
        (mount ?? Mount).WriteAllBytesAsync(path, data, cancellationToken);

    /// <summary>Renames a file.</summary>
    internal Task RenameAsync(string from, string to, CancellationToken cancellationToken) =>
        Mount.RenameAsync(from, to, cancellationToken: cancellationToken).AsTask();

    /// <summary>Lists a directory.</summary>
    internal Task<IReadOnlyList<DirectoryEntry>> ReadDirectoryAsync(string path, CancellationToken cancellationToken) =>
        Mount.ReadDirectoryAsync(path, cancellationToken).AsTask();

    /// <summary>Returns the status of a path.</summary>
    internal Task<FileStatus> StatAsync(string path, CancellationToken cancellationToken) =>
        Mount.LstatAsync(path, cancellationToken).AsTask();

    private static bool Matches(string key, IReadOnlyList<string> prefixes) =>
        prefixes.Count == 0 || prefixes.Any(prefix => key.StartsWith(prefix, StringComparison.Ordinal));
}

/// <summary>What another S3 client did to the bucket during the scenario (the file system's telemetry sees only its own side).</summary>
internal sealed class OperationCounts
{
    internal long OtherClientWrites { get; set; }

    internal long OtherClientDeletes { get; set; }
}
