using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;
using S3FilesSim.Cli.Reporting;
using S3FilesSim.Cli.Scenarios;
using S3FilesSim.Export;
using S3FilesSim.FileSystem;
using S3FilesSim.Import;
using S3FilesSim.ObjectStorage;
using Spectre.Console;

namespace S3FilesSim.Cli;

/// <summary>The <c>run</c> command: load a tree into the bucket, mount, run a scenario in virtual time, report.</summary>
internal static class RunCommand
{
    /// <summary>The in-memory bucket the tree is loaded into.</summary>
    internal const string RunBucketName = "s3files-sim-bucket";

    /// <summary>The simulation's default bucket, which the run leaves empty (its default file system watches it).</summary>
    private const string UnusedBucketName = "s3files-sim-unused";

    internal static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>Runs <paramref name="settings"/> and renders the report.</summary>
    /// <exception cref="CliException">An option is out of range, the source cannot be loaded, a source file changed
    /// during the run, or the JSON file cannot be written (checked before the run).</exception>
    internal static async Task<RunReport> ExecuteAsync(RunSettings settings, IAnsiConsole console, CancellationToken cancellationToken)
    {
        Validate(settings);
        var source = CorpusLoader.CheckDirectory(settings.Source ?? CorpusLoader.BundledCorpus);
        var timeline = settings.Timeline ? new TimelineSelection(settings.TimelineKinds ?? new HashSet<Telemetry.SyncEventKind>(), settings.TimelinePath) : null;
        using var json = settings.JsonPath is { } jsonPath ? JsonReportFile.Open(jsonPath) : null;
        var wall = Stopwatch.StartNew();
        var scenario = ScenarioCatalog.Get(settings.Scenario);
        await using var remote = await RemoteBucket.ConnectAsync(settings, cancellationToken).ConfigureAwait(false);
        var fileSystemOptions = new FileSystemOptions
        {
            DirectReadThreshold = settings.DirectReadThreshold,
            Export = new ExportOptions { CommitDelay = settings.CommitDelay },
        };
        await using var simulation = S3FilesSimulation.Create(new SimulationOptions { Seed = settings.Seed, BucketName = UnusedBucketName });

        // The tree is the bucket's existing content: it is loaded into a bucket no file system watches yet, and the file
        // system is created over it afterwards, so the load raises no event the file system imports (as on a real bucket,
        // where the file system is created over data already there). The simulation's default file system watches the
        // empty default bucket and is never used.
        IObjectStore bucket = remote is null ? simulation.CreateBucket(RunBucketName, simulation.Options.Bucket) : remote.Store;
        try
        {
            var report = await RunProgress.RunAsync(console, async progress =>
            {
                var load = await CorpusLoader.LoadAsync(source, bucket, progress, cancellationToken).ConfigureAwait(false);

                // The file system (and, over a real bucket, its change source) starts after the load.
                var fileSystem = remote is null ? simulation.CreateFileSystem(fileSystemOptions, bucket) : await remote.CreateFileSystemAsync(simulation, fileSystemOptions, cancellationToken).ConfigureAwait(false);
                fileSystem.PutSynchronizationConfiguration(new SynchronizationConfiguration { ImportDataRules = [new ImportDataRule { SizeLessThan = settings.SizeLessThan }] });
                var report = new RunReport
                {
                    Scenario = scenario.Name,
                    Seed = settings.Seed,
                    Bucket = bucket.BucketName,
                    FileSystemId = fileSystem.FileSystemId,
                    Options = new RunOptionsReport(source, settings.CommitDelay.TotalSeconds, settings.SizeLessThan, settings.DirectReadThreshold, settings.Duration.TotalSeconds),
                    Load = load,
                };
                await RunScenarioAsync(simulation, fileSystem, bucket, remote is not null, scenario, settings, timeline, report, progress, cancellationToken).ConfigureAwait(false);
                report.Requests = remote?.Requests(report.Sync.Exports);
                report.Timing.WallMilliseconds = wall.Elapsed.TotalMilliseconds;
                return report;
            }).ConfigureAwait(false);
            ReportRenderer.Render(console, report, timeline is not null);
            if (json is not null)
            {
                await json.WriteAsync(report, JsonOptions, cancellationToken).ConfigureAwait(false);
                console.MarkupLineInterpolated($"Report written to [bold]{json.Path}[/].");
            }

            return report;
        }
        catch (Exception exception) when (CorpusLoader.FindSourceFileError(exception) is { } changed)
        {
            throw new CliException(changed.Message + ".");
        }
    }

    private static async Task RunScenarioAsync(
        S3FilesSimulation simulation,
        S3FilesFileSystem fileSystem,
        IObjectStore bucket,
        bool remote,
        IScenario scenario,
        RunSettings settings,
        TimelineSelection? timeline,
        RunReport report,
        RunProgress progress,
        CancellationToken cancellationToken)
    {
        await using var mount = fileSystem.Mount(new MountOptions());
        var scenarioWall = Stopwatch.StartNew();
        var context = new ScenarioContext(simulation, fileSystem, bucket, mount, settings, report, progress);
        using var telemetry = new TelemetryReport(fileSystem, context.Start, () => simulation.Now, simulation.Options.Prices);
        try
        {
            await scenario.RunAsync(context, cancellationToken).ConfigureAwait(false);
        }
        catch (FileSystemException exception) when (CorpusLoader.FindSourceFileError(exception) is null)
        {
            throw new CliException($"scenario '{scenario.Name}' failed: {exception.Message}");
        }

        context.CompleteVirtualTime();
        if (remote)
        {
            await context.ListKeysAsync(cancellationToken).ConfigureAwait(false);    // a real bucket's object count is known by listing it
        }

        scenarioWall.Stop();
        telemetry.Fill(report, timeline, context.Counts.OtherClientWrites, context.Counts.OtherClientDeletes, context.BucketObjects);
        report.Timing = new TimingReport { VirtualSeconds = context.Elapsed, ScenarioWallMilliseconds = scenarioWall.Elapsed.TotalMilliseconds };
    }

    internal static void Validate(RunSettings settings)
    {
        if (settings.CommitDelay < TimeSpan.Zero)
        {
            throw new CliException($"--commit-delay must not be negative; it was {settings.CommitDelay.TotalSeconds} s.");
        }

        if (settings.Duration <= TimeSpan.Zero || settings.Duration > TimeSpan.FromDays(400))
        {
            throw new CliException($"--duration must be between 0 and 34,560,000 seconds (400 days), exclusive of 0; it was {settings.Duration.TotalSeconds} s.");
        }

        if (settings.SizeLessThan is < 0 or > ImportDataRule.MaxSizeLessThan)
        {
            throw new CliException($"--size-less-than must be between 0 and {ImportDataRule.MaxSizeLessThan}; it was {settings.SizeLessThan}.");
        }

        if (settings.DirectReadThreshold < 1)
        {
            throw new CliException($"--direct-read-threshold must be positive; it was {settings.DirectReadThreshold}.");
        }
    }

    /// <summary>The <c>--json</c> file, opened for writing before the run so an unwritable path fails at once; removed
    /// again when the run fails and the file did not exist before.</summary>
    internal sealed class JsonReportFile : IDisposable
    {
        private readonly FileStream _stream;
        private readonly bool _created;
        private bool _written;

        private JsonReportFile(string path, FileStream stream, bool created)
        {
            Path = path;
            _stream = stream;
            _created = created;
        }

        internal string Path { get; }

        internal static JsonReportFile Open(string path)
        {
            try
            {
                var existed = File.Exists(path);
                return new JsonReportFile(path, new FileStream(path, FileMode.OpenOrCreate, FileAccess.Write, FileShare.Read), !existed);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                throw new CliException($"cannot write the JSON report to '{path}': {exception.Message}");
            }
        }

        internal async Task WriteAsync(RunReport report, JsonSerializerOptions options, CancellationToken cancellationToken)
        {
            try
            {
                _stream.SetLength(0);
                await JsonSerializer.SerializeAsync(_stream, report, options, cancellationToken).ConfigureAwait(false);
                await _stream.FlushAsync(cancellationToken).ConfigureAwait(false);
                _written = true;
            }
            catch (IOException exception)
            {
                throw new CliException($"cannot write the JSON report to '{Path}': {exception.Message}");
            }
        }

        public void Dispose()
        {
            _stream.Dispose();
            if (_created && !_written)
            {
                File.Delete(Path);
            }
        }
    }
}
