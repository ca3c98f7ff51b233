using S3FilesSim.Cli.Reporting;
using S3FilesSim.FileSystem;
using S3FilesSim.ObjectStorage;

namespace S3FilesSim.Cli.Scenarios;

/// <summary>What a scenario works with: the simulation, one mount, the settings and the report; its helpers count the
/// operations they make so the CLI can estimate their cost.</summary>
internal sealed class ScenarioContext
{
    private const int ReadRequestBytes = 1 << 20;
    private int _listedObjects;

    internal ScenarioContext(S3FilesSimulation simulation, S3FilesFileSystem fileSystem, IObjectStore bucket, IFileSystem mount, RunSettings settings, RunReport report)
    {
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

    /// <summary>Advances virtual time to <paramref name="sinceStart"/> after the start in steps that stop at every whole second, sampling the gauges there.</summary>
    internal async Task AdvanceToAsync(TimeSpan sinceStart, CancellationToken cancellationToken)
    {
        var target = Start + sinceStart;
        while (Simulation.Now < target)
        {
            var step = TimeSpan.FromSeconds(1) - TimeSpan.FromTicks((Simulation.Now - Start).Ticks % TimeSpan.TicksPerSecond);
            await Simulation.AdvanceAsync(step < target - Simulation.Now ? step : target - Simulation.Now, cancellationToken).ConfigureAwait(false);
            if ((Simulation.Now - Start).Ticks % TimeSpan.TicksPerSecond == 0)
            {
                Sample();
            }
        }
    }

    /// <summary>Records the gauges now, replacing a sample taken earlier at the same virtual time.</summary>
    internal void Sample()
    {
        var fileSystem = FileSystem;
        if (Report.Metrics.Count > 0 && Report.Metrics[^1].VirtualSeconds == Elapsed)
        {
            Report.Metrics.RemoveAt(Report.Metrics.Count - 1);
        }

        Report.Metrics.Add(new MetricSample(
            Elapsed,
            fileSystem.PendingExports,
            fileSystem.ExportAge.TotalSeconds,
            fileSystem.ImportAge.TotalSeconds,
            fileSystem.LostAndFoundFiles,
            fileSystem.StorageBytes,
            fileSystem.Inodes,
            BucketObjects));
    }

    /// <summary>Records the file-system view and the bucket view of the paths under <paramref name="prefixes"/> (all when empty).</summary>
    internal async Task SnapshotAsync(string label, IReadOnlyList<string> prefixes, CancellationToken cancellationToken)
    {
        var files = new List<string>();
        foreach (var directory in prefixes.Count == 0 ? ["/"] : prefixes.Select(prefix => "/" + prefix.TrimEnd('/')))
        {
            if (!await Mount.ExistsAsync(directory, cancellationToken).ConfigureAwait(false))
            {
                continue;
            }

            await foreach (var (path, entry) in Mount.EnumerateEntriesAsync(directory, recursive: true, cancellationToken).ConfigureAwait(false))
            {
                if (entry.Type != FileType.Directory)
                {
                    files.Add(path);
                }
            }
        }

        files.Sort(StringComparer.Ordinal);
        var keys = (await ListKeysAsync(cancellationToken).ConfigureAwait(false)).Where(key => Matches(key, prefixes)).ToList();
        Report.Snapshots.Add(new ViewSnapshot(label, Elapsed, files, keys));
        Sample();
    }

    /// <summary>Lists every current key of the bucket.</summary>
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

    /// <summary>Reads a whole file like an NFS client: requests of at most 1 MiB (the usual <c>rsize</c>), none past the end of the file.</summary>
    internal async Task<byte[]> ReadFileAsync(string path, CancellationToken cancellationToken)
    {
        var handle = await Mount.OpenAsync(path, OpenFlags.ReadOnly, cancellationToken: cancellationToken).ConfigureAwait(false);
        Counts.MetadataReads++;
        try
        {
            var size = (await Mount.FstatAsync(handle, cancellationToken).ConfigureAwait(false)).Size;
            var content = new byte[size];
            var offset = 0;
            while (offset < size)
            {
                var read = await Mount.ReadAsync(handle, content.AsMemory(offset, (int)Math.Min(ReadRequestBytes, size - offset)), offset, cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                offset += read;
            }

            return offset == size ? content : content[..offset];
        }
        finally
        {
            await Mount.CloseAsync(handle, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Creates or replaces a file with <paramref name="data"/> through <paramref name="mount"/> (the context's mount by default).</summary>
    internal async Task WriteFileAsync(string path, ReadOnlyMemory<byte> data, CancellationToken cancellationToken, IFileSystem? mount = null)
    {
        await (mount ?? Mount).WriteAllBytesAsync(path, data, cancellationToken).ConfigureAwait(false);
        Counts.MetadataWrites++;
        Counts.DataWrites++;
        Counts.DataWriteBytes += data.Length;
    }

    /// <summary>Renames a file.</summary>
    internal async Task RenameAsync(string from, string to, CancellationToken cancellationToken)
    {
        await Mount.RenameAsync(from, to, cancellationToken: cancellationToken).ConfigureAwait(false);
        Counts.MetadataReads++;
        Counts.MetadataWrites++;
    }

    /// <summary>Lists a directory.</summary>
    internal async Task<IReadOnlyList<DirectoryEntry>> ReadDirectoryAsync(string path, CancellationToken cancellationToken)
    {
        Counts.MetadataReads++;
        return await Mount.ReadDirectoryAsync(path, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Returns the status of a path.</summary>
    internal async Task<FileStatus> StatAsync(string path, CancellationToken cancellationToken)
    {
        Counts.MetadataReads++;
        return await Mount.LstatAsync(path, cancellationToken).ConfigureAwait(false);
    }

    private static bool Matches(string key, IReadOnlyList<string> prefixes) =>
        prefixes.Count == 0 || prefixes.Any(prefix => key.StartsWith(prefix, StringComparison.Ordinal));
}

/// <summary>The file-system operations a scenario made, for the cost estimate.</summary>
internal sealed class OperationCounts
{
    internal long MetadataReads { get; set; }

    internal long MetadataWrites { get; set; }

    internal long DataWrites { get; set; }

    internal long DataWriteBytes { get; set; }

    internal long OtherClientWrites { get; set; }

    internal long OtherClientWriteBytes { get; set; }

    internal long OtherClientDeletes { get; set; }
}
