using S3FilesSim.Cost;
using S3FilesSim.Export;
using S3FilesSim.FileSystem;
using S3FilesSim.Import;
using S3FilesSim.ObjectStorage;
using S3FilesSim.Telemetry;

namespace S3FilesSim.Cli.Planning;

/// <summary>One simulated group of files: its own bucket, file system (so its own cost meter) and mounts.</summary>
internal sealed class PlanCell
{
    /// <summary>Gets or sets the stratum (size class × 2 + working set), <see cref="PlanSimulation.NewDataStratum"/>, or a calibration stratum.</summary>
    public required int Stratum { get; init; }

    /// <summary>Gets the group (for the sampling error).</summary>
    public required int Group { get; init; }

    /// <summary>Gets the dataset files simulated (empty for new data).</summary>
    public required int[] Files { get; init; }

    /// <summary>Gets the weight: how many real files (or bytes) one simulated one stands for.</summary>
    public required decimal Weight { get; set; }

    /// <summary>Gets whether the files take the working-set operations.</summary>
    public required bool Active { get; init; }

    /// <summary>Gets the new files written per day by hour, as (hour, size) pairs.</summary>
    public List<(int Hour, long Size)> NewFiles { get; } = [];

    /// <summary>Gets the bytes of the new files.</summary>
    public long NewBytes { get; set; }

    /// <summary>Gets the file system.</summary>
    public S3FilesFileSystem? FileSystem { get; set; }

    /// <summary>Gets the bucket counter.</summary>
    public PlanBucket? Bucket { get; set; }

    /// <summary>Gets the mounts, one per client.</summary>
    public IFileSystem[] Mounts { get; set; } = [];

    /// <summary>Gets each file's current name.</summary>
    public string[] Names { get; set; } = [];

    /// <summary>Gets the line amounts (by <see cref="CostLineKind"/>) of the first month and of the steady-state month.</summary>
    public decimal[][] Amounts { get; } = [new decimal[11], new decimal[11]];

    /// <summary>Gets the ListObjectsV2 pages and common prefixes of the first and the steady-state month.</summary>
    public long[][] Listings { get; } = [new long[2], new long[2]];
}

/// <summary>
/// Drives the workload over the cells on one simulation's virtual clock, hour by hour, and reads each cell's cost meter
/// at the window boundaries: the first month [0, 30 days) and the steady-state month [D - 30, D) days.
/// </summary>
internal sealed class PlanSimulation
{
    /// <summary>The stratum of the new files.</summary>
    public const int NewDataStratum = 6;

    private const int ReadRequestBytes = 1 << 20;
    private readonly PlanSettings _settings;
    private readonly Dataset _dataset;
    private readonly DirectoryTree _tree;
    private readonly WorkloadSchedule _schedule;
    private readonly double[] _directoryFirstAccess;
    private readonly Dictionary<long, ObjectContent> _parts = [];
    private readonly byte[] _buffer = new byte[ReadRequestBytes];

    /// <summary>Creates the simulation driver.</summary>
    public PlanSimulation(PlanSettings settings, Dataset dataset, DirectoryTree tree, WorkloadSchedule schedule, double[] directoryFirstAccess)
    {
        _settings = settings;
        _dataset = dataset;
        _tree = tree;
        _schedule = schedule;
        _directoryFirstAccess = directoryFirstAccess;
    }

    /// <summary>Runs the cells and fills their amounts.</summary>
    public async Task RunAsync(IReadOnlyList<PlanCell> cells, PlanPrices prices, CancellationToken cancellationToken)
    {
        var days = _schedule.Days;
        var fileSystemOptions = new FileSystemOptions
        {
            DirectReadThreshold = _settings.DirectReadThreshold,
            Import = new ImportOptions(),
            Export = new ExportOptions(),
        };
        var telemetry = new TelemetryOptions { MetricsPeriod = TimeSpan.FromHours(1), StorageMetricsPeriod = TimeSpan.FromHours(1), Alarms = [], TimelineCapacity = 1, MetricsHistoryCapacity = 1 };
        await using var simulation = S3FilesSimulation.Create(new SimulationOptions { Seed = _settings.Seed, FileSystem = fileSystemOptions, Telemetry = telemetry, Prices = prices.Table });
        var configuration = new SynchronizationConfiguration
        {
            ImportDataRules = _settings.ImportRules,
            ExpirationDataRules = [new ExpirationDataRule { DaysAfterLastAccess = _settings.DaysAfterLastAccess }],
        };
        for (var index = 0; index < cells.Count; index++)
        {
            var cell = cells[index];
            var store = simulation.CreateBucket($"plan-cell-{index}");
            cell.Names = new string[cell.Files.Length];
            for (var i = 0; i < cell.Files.Length; i++)
            {
                var file = cell.Files[i];
                cell.Names[i] = $"f{file}";
                await LoadAsync(store, _tree.Paths[_tree.DatasetDirectoryNode[_dataset.DirectoryOf(file)]] + cell.Names[i], _dataset.SizeOf(file), cancellationToken).ConfigureAwait(false);
            }

            cell.Bucket = new PlanBucket(store);
            cell.FileSystem = simulation.CreateFileSystem(fileSystemOptions, cell.Bucket);
            cell.FileSystem.PutSynchronizationConfiguration(configuration);
            cell.Mounts = [.. Enumerable.Range(0, _settings.Workload.Clients).Select(_ => (IFileSystem)cell.FileSystem.Mount(new MountOptions()))];
        }

        var hours = days * 24;
        var buckets = Schedule(cells, hours);
        var firstEnd = 30 * 24;
        var steadyStart = (days - 30) * 24;
        var steadyStartAmounts = new decimal[cells.Count][];
        var steadyStartListings = new long[cells.Count][];
        var newFileNumber = 0L;
        for (var hour = 0; hour <= hours; hour++)
        {
            if (hour > 0)
            {
                await simulation.AdvanceAsync(TimeSpan.FromHours(1), cancellationToken).ConfigureAwait(false);
            }

            if (hour == firstEnd || hour == steadyStart || hour == hours)
            {
                for (var c = 0; c < cells.Count; c++)
                {
                    var amounts = Read(cells[c]);
                    long[] listing = [cells[c].Bucket!.ListPages, cells[c].Bucket!.CommonPrefixes];
                    if (hour == firstEnd)
                    {
                        amounts.CopyTo(cells[c].Amounts[0], 0);
                        listing.CopyTo(cells[c].Listings[0], 0);
                    }

                    if (hour == steadyStart)
                    {
                        steadyStartAmounts[c] = amounts;
                        steadyStartListings[c] = listing;
                    }

                    if (hour == hours)
                    {
                        for (var k = 0; k < amounts.Length; k++)
                        {
                            cells[c].Amounts[1][k] = amounts[k] - steadyStartAmounts[c][k];
                        }

                        cells[c].Listings[1][0] = listing[0] - steadyStartListings[c][0];
                        cells[c].Listings[1][1] = listing[1] - steadyStartListings[c][1];
                    }
                }
            }

            if (hour == hours)
            {
                break;
            }

            if (buckets[hour] is not { } operations)
            {
                continue;
            }

            // Directory first accesses (probes) sort first: a directory is listed before any file in it is used.
            operations.Sort((a, b) => a.Kind.CompareTo(b.Kind));
            foreach (var (cellIndex, kind, index) in operations)
            {
                var cell = cells[cellIndex];
                switch (kind)
                {
                    case OperationKind.Probe:
                        await ProbeAsync(cell, index, cancellationToken).ConfigureAwait(false);
                        break;
                    case OperationKind.Read:
                        await ReadAsync(cell, index, cancellationToken).ConfigureAwait(false);
                        break;
                    case OperationKind.Write:
                        await WriteAsync(cell.Mounts[index % cell.Mounts.Length], PathOf(cell, index), _dataset.SizeOf(cell.Files[index]), OpenFlags.WriteOnly | OpenFlags.Truncate, cancellationToken).ConfigureAwait(false);
                        break;
                    case OperationKind.Rename:
                        var old = PathOf(cell, index);
                        cell.Names[index] = cell.Names[index].EndsWith("-r", StringComparison.Ordinal) ? cell.Names[index][..^2] : cell.Names[index] + "-r";
                        await cell.Mounts[index % cell.Mounts.Length].RenameAsync(old, PathOf(cell, index), cancellationToken: cancellationToken).ConfigureAwait(false);
                        break;
                    case OperationKind.NewFile:
                        var number = newFileNumber++;
                        await WriteAsync(cell.Mounts[(int)(number % cell.Mounts.Length)], $"/n{number}", cell.NewFiles[index].Size, OpenFlags.WriteOnly | OpenFlags.Create | OpenFlags.Exclusive, cancellationToken).ConfigureAwait(false);
                        break;
                }
            }
        }

        foreach (var cell in cells)
        {
            foreach (var mount in cell.Mounts)
            {
                if (mount is IAsyncDisposable disposable)
                {
                    await disposable.DisposeAsync().ConfigureAwait(false);
                }
            }
        }
    }

    private enum OperationKind
    {
        Probe,
        Read,
        Write,
        Rename,
        NewFile,
    }

    private static decimal[] Read(PlanCell cell)
    {
        var report = cell.FileSystem!.GetCostReport();
        var amounts = new decimal[11];
        foreach (var line in report.Lines)
        {
            amounts[(int)line.Kind] = line.Amount;
        }

        return amounts;
    }

    private List<(int Cell, OperationKind Kind, int Index)>?[] Schedule(IReadOnlyList<PlanCell> cells, int hours)
    {
        var buckets = new List<(int, OperationKind, int)>?[hours];
        void Add(double days, int cell, OperationKind kind, int index)
        {
            var hour = (int)Math.Floor(days * 24);
            if (hour >= 0 && hour < hours)
            {
                (buckets[hour] ??= []).Add((cell, kind, index));
            }
        }

        for (var c = 0; c < cells.Count; c++)
        {
            var cell = cells[c];
            var probed = new HashSet<int>();
            for (var i = 0; i < cell.Files.Length; i++)
            {
                var file = cell.Files[i];
                for (var node = _tree.DatasetDirectoryNode[_dataset.DirectoryOf(file)]; node > 0; node = _tree.Parents[node])
                {
                    if (!probed.Add(node))
                    {
                        break;
                    }

                    if (double.IsFinite(_directoryFirstAccess[node]))
                    {
                        Add(_directoryFirstAccess[node], c, OperationKind.Probe, node);
                    }
                }

                if (!cell.Active)
                {
                    continue;
                }

                foreach (var time in _schedule.Times(WorkloadSchedule.Read, file))
                {
                    Add(time, c, OperationKind.Read, i);
                }

                foreach (var time in _schedule.Times(WorkloadSchedule.Write, file))
                {
                    Add(time, c, OperationKind.Write, i);
                }

                foreach (var time in _schedule.Times(WorkloadSchedule.Rename, file))
                {
                    Add(time, c, OperationKind.Rename, i);
                }
            }

            for (var i = 0; i < cell.NewFiles.Count; i++)
            {
                Add(cell.NewFiles[i].Hour / 24.0, c, OperationKind.NewFile, i);
            }
        }

        return buckets;
    }

    private string PathOf(PlanCell cell, int index) => "/" + _tree.Paths[_tree.DatasetDirectoryNode[_dataset.DirectoryOf(cell.Files[index])]] + cell.Names[index];

    /// <summary>The directory's first access: a lookup of a name that does not exist in it (failed calls are not metered).</summary>
    private async Task ProbeAsync(PlanCell cell, int node, CancellationToken cancellationToken)
    {
        try
        {
            await cell.Mounts[0].StatAsync("/" + _tree.Paths[node] + ".s3files-plan-probe", cancellationToken).ConfigureAwait(false);
        }
        catch (FileSystemException exception) when (exception.Errno == Errno.ENOENT)
        {
        }
    }

    /// <summary>Reads the file whole as the Linux NFS client does: requests of rsize (1 MiB), the last one rounded up to the page.</summary>
    private async Task ReadAsync(PlanCell cell, int index, CancellationToken cancellationToken)
    {
        var mount = cell.Mounts[index % cell.Mounts.Length];
        var size = _dataset.SizeOf(cell.Files[index]);
        var handle = await mount.OpenAsync(PathOf(cell, index), OpenFlags.ReadOnly, cancellationToken: cancellationToken).ConfigureAwait(false);
        long offset = 0;
        while (offset < size)
        {
            var request = (int)Math.Min(ReadRequestBytes, (size - offset + 4095) / 4096 * 4096);
            var read = await mount.ReadAsync(handle, _buffer.AsMemory(0, request), offset, cancellationToken).ConfigureAwait(false);
            if (read <= 0)
            {
                break;
            }

            offset += read;
        }

        await mount.CloseAsync(handle, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes <paramref name="size"/> bytes in wsize (1 MiB) requests and closes (the commit).</summary>
    private async Task WriteAsync(IFileSystem mount, string path, long size, OpenFlags flags, CancellationToken cancellationToken)
    {
        var handle = await mount.OpenAsync(path, flags, cancellationToken: cancellationToken).ConfigureAwait(false);
        long offset = 0;
        while (offset < size)
        {
            var count = (int)Math.Min(ReadRequestBytes, size - offset);
            offset += await mount.WriteAsync(handle, _buffer.AsMemory(0, count), offset, cancellationToken).ConfigureAwait(false);
        }

        await mount.CloseAsync(handle, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Puts one object of <paramref name="size"/> bytes: one PUT up to 16 MiB, else a multipart upload whose
    /// equal parts share one content (so its ETag is computed once).</summary>
    private async Task LoadAsync(InMemoryObjectStore store, string key, long size, CancellationToken cancellationToken)
    {
        if (size <= 16L << 20)
        {
            await store.PutObjectAsync(new PutObjectRequest { Key = key, Content = new SizeOnlyContent(size) }, cancellationToken).ConfigureAwait(false);
            return;
        }

        var partSize = Math.Max(8L << 20, (size + 9_999) / 10_000 + (1 << 20) - 1) / (1 << 20) * (1 << 20);
        var upload = await store.CreateMultipartUploadAsync(new CreateMultipartUploadRequest { Key = key }, cancellationToken).ConfigureAwait(false);
        var parts = new List<CompletedPart>();
        for (long offset = 0; offset < size; offset += partSize)
        {
            var length = Math.Min(partSize, size - offset);
            if (!_parts.TryGetValue(length, out var content))
            {
                content = new SizeOnlyContent(length);
                _parts.Add(length, content);
            }

            var number = parts.Count + 1;
            var etag = await store.UploadPartAsync(new UploadPartRequest { Key = key, UploadId = upload, PartNumber = number, Content = content }, cancellationToken).ConfigureAwait(false);
            parts.Add(new CompletedPart(number, etag));
        }

        await store.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest { Key = key, UploadId = upload, Parts = parts }, cancellationToken).ConfigureAwait(false);
    }
}
