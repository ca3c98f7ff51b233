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
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>Runs <paramref name="settings"/> and renders the report.</summary>
    /// <exception cref="CliException">An option is out of range, the source cannot be loaded, or the JSON file cannot be written.</exception>
    internal static async Task<RunReport> ExecuteAsync(RunSettings settings, IAnsiConsole console, CancellationToken cancellationToken)
    {
        Validate(settings);
        var wall = Stopwatch.StartNew();
        var scenario = ScenarioCatalog.Get(settings.Scenario);
        using var remote = await RemoteBucket.ConnectAsync(settings, cancellationToken).ConfigureAwait(false);
        var fileSystemOptions = new FileSystemOptions
        {
            DirectReadThreshold = settings.DirectReadThreshold,
            Export = new ExportOptions { CommitDelay = settings.CommitDelay },
        };
        await using var simulation = S3FilesSimulation.Create(new SimulationOptions { Seed = settings.Seed, FileSystem = fileSystemOptions });
        var fileSystem = remote?.CreateFileSystem(simulation, fileSystemOptions) ?? simulation.FileSystem;
        IObjectStore bucket = remote is null ? simulation.Bucket : remote.Store;
        fileSystem.PutSynchronizationConfiguration(new SynchronizationConfiguration { ImportDataRules = [new ImportDataRule { SizeLessThan = settings.SizeLessThan }] });
        var source = settings.Source ?? CorpusLoader.BundledCorpus;
        var report = new RunReport
        {
            Scenario = scenario.Name,
            Seed = settings.Seed,
            Bucket = bucket.BucketName,
            FileSystemId = fileSystem.FileSystemId,
            Options = new RunOptionsReport(source, settings.CommitDelay.TotalSeconds, settings.SizeLessThan, settings.DirectReadThreshold, settings.Duration.TotalSeconds),
        };
        report.Load = await CorpusLoader.LoadAsync(source, bucket, console, cancellationToken).ConfigureAwait(false);
        await using var mount = fileSystem.Mount(new MountOptions());
        var scenarioWall = Stopwatch.StartNew();
        var context = new ScenarioContext(simulation, fileSystem, bucket, mount, settings, report);
        context.Sample();
        try
        {
            await scenario.RunAsync(context, cancellationToken).ConfigureAwait(false);
        }
        catch (FileSystemException exception)
        {
            throw new CliException($"scenario '{scenario.Name}' failed: {exception.Message}");
        }

        if (remote is not null)
        {
            await context.ListKeysAsync(cancellationToken).ConfigureAwait(false);    // a real bucket's object count is known by listing it
        }

        context.Sample();
        scenarioWall.Stop();
        var (exportedVersions, exportedBytes, exportedDeletes) = await CountBucketWritesAsync(bucket, context.Counts, report.Load, cancellationToken).ConfigureAwait(false);
        report.ReadTiers = fileSystem.ReadStatistics;
        report.Sync = new SyncReport(
            exportedVersions,
            exportedDeletes,
            context.Counts.OtherClientWrites,
            context.Counts.OtherClientDeletes,
            fileSystem.PendingExports,
            fileSystem.ExportFailures,
            fileSystem.ImportFailures,
            fileSystem.LostAndFoundFiles,
            fileSystem.StorageBytes,
            fileSystem.Inodes,
            context.BucketObjects);
        report.Cost = CostEstimator.Estimate(report, context.Counts, exportedBytes, context.Elapsed);
        report.Notes.Add("Import counts are not exposed by the engine (only ImportFailures and ImportAge).");
        report.Timing = new TimingReport { VirtualSeconds = context.Elapsed, WallMilliseconds = wall.Elapsed.TotalMilliseconds, ScenarioWallMilliseconds = scenarioWall.Elapsed.TotalMilliseconds };
        ReportRenderer.Render(console, report, settings.Timeline);
        if (settings.JsonPath is { } jsonPath)
        {
            await WriteJsonAsync(jsonPath, report, cancellationToken).ConfigureAwait(false);
            console.MarkupLineInterpolated($"Report written to [bold]{jsonPath}[/].");
        }

        return report;
    }

    private static async Task WriteJsonAsync(string path, RunReport report, CancellationToken cancellationToken)
    {
        try
        {
            var stream = File.Create(path);
            await using (stream.ConfigureAwait(false))
            {
                await JsonSerializer.SerializeAsync(stream, report, JsonOptions, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"cannot write the JSON report to '{path}': {exception.Message}");
        }
    }

    private static void Validate(RunSettings settings)
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

    private static async Task<(long Versions, long Bytes, long Deletes)> CountBucketWritesAsync(IObjectStore bucket, OperationCounts counts, LoadReport loaded, CancellationToken cancellationToken)
    {
        long versions = 0, bytes = 0, deletes = 0;
        string? keyMarker = null;
        VersionId? versionMarker = null;
        while (true)
        {
            var page = await bucket.ListObjectVersionsAsync(new ListObjectVersionsRequest { KeyMarker = keyMarker, VersionIdMarker = versionMarker }, cancellationToken).ConfigureAwait(false);
            foreach (var version in page.Versions)
            {
                if (version.IsDeleteMarker)
                {
                    deletes++;
                }
                else
                {
                    versions++;
                    bytes += version.Size;
                }
            }

            if (!page.IsTruncated)
            {
                break;
            }

            (keyMarker, versionMarker) = (page.NextKeyMarker, page.NextVersionIdMarker);
        }

        return (versions - loaded.Files - counts.OtherClientWrites, bytes - loaded.Bytes - counts.OtherClientWriteBytes, deletes - counts.OtherClientDeletes);
    }
}
