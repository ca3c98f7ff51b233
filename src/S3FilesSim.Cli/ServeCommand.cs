using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Runtime.Versioning;
using System.Text.Json;
using S3FilesSim.Cli.Reporting;
using Microsoft.Extensions.Logging;
using S3FilesSim.FileSystem;
using S3FilesSim.Fuse;
using S3FilesSim.Server;
using S3FilesSim.Time;
using Spectre.Console;

namespace S3FilesSim.Cli;

/// <summary>The options of <c>serve</c>.</summary>
internal sealed record ServeSettings
{
    public string Host { get; init; } = "127.0.0.1";

    public int Port { get; init; } = S3FilesSimServerOptions.DefaultPort;

    public string? Source { get; init; }

    public TimeMode TimeMode { get; init; } = TimeMode.Real;

    public double TimeScale { get; init; } = 1;

    public int Seed { get; init; } = 1;

    public IReadOnlyList<S3AccessKey> Keys { get; init; } = [];

    public Uri? OtlpEndpoint { get; init; }

    public bool UnversionedBuckets { get; init; }

    public IReadOnlyList<string> MountPoints { get; init; } = [];
}

/// <summary>The <c>serve</c> command: one process hosting the simulation, its S3 endpoint and its control API until SIGINT or
/// SIGTERM, then the same report as <c>run</c>.</summary>
internal static class ServeCommand
{
    internal static Command Build(IAnsiConsole console, TextWriter error)
    {
        var s3 = new Option<string>("--s3")
        {
            Description = "Address of the S3 endpoint and control API, HOST:PORT; port 0 picks a free port (printed). A host other than 127.0.0.1, ::1 or localhost needs --access-key and --secret-key",
            DefaultValueFactory = _ => "127.0.0.1:" + S3FilesSimServerOptions.DefaultPort.ToString(CultureInfo.InvariantCulture),
            HelpName = "HOST:PORT",
        };
        var source = new Option<string?>("--source", "-s") { Description = "Directory whose files are loaded into the bucket before serving (keys = relative paths); default: an empty bucket", HelpName = "DIR" };
        var timeScale = new Option<double?>("--time-scale") { Description = "Virtual seconds per wall second (60 makes the 60 s commit delay one second); default: real time", HelpName = "X" };
        var manualTime = new Option<bool>("--manual-time") { Description = "Virtual time moves only through the control API (POST /_s3files/clock/advance or run-until-quiet)" };
        var seed = new Option<int>("--seed") { Description = "Seed of the simulation's random source (event delays, ids)", DefaultValueFactory = _ => 1, HelpName = "N" };
        var accessKey = new Option<string[]>("--access-key") { Description = "Access key S3 requests must be signed with (Signature Version 4); repeat --access-key K --secret-key S for more users; default: accept any request", HelpName = "K", AllowMultipleArgumentsPerToken = false };
        var secretKey = new Option<string[]>("--secret-key") { Description = "Secret key of the --access-key in the same position", HelpName = "S", AllowMultipleArgumentsPerToken = false };
        var otlp = new Option<string?>("--otlp-endpoint") { Description = "Export the CloudWatch-named metrics over OpenTelemetry: gRPC (http://127.0.0.1:4317) or HTTP/protobuf (http://127.0.0.1:4318/v1/metrics)", HelpName = "URL" };
        var unversioned = new Option<bool>("--unversioned-buckets") { Description = "CreateBucket makes unversioned buckets, as Amazon S3 does; by default they are versioned, as S3 Files requires (the simulation's own bucket is always versioned)" };
        var mount = new Option<string[]>("--mount") { Description = "Also mount the simulation's file system at DIR through FUSE (an existing empty directory; repeat for more mount points); unmounted at exit", HelpName = "DIR", AllowMultipleArgumentsPerToken = false };
        var command = new Command("serve", "Serve the simulation until SIGINT or SIGTERM: its buckets over the S3 REST API (AWS CLI, boto3, any SDK), a JSON control API under /_s3files/ for virtual time and telemetry, and FUSE mounts of its file system (--mount); prints one JSON line with the endpoints and mount points, then the run report at the end")
        {
            s3, source, timeScale, manualTime, seed, accessKey, secretKey, otlp, unversioned, mount,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            try
            {
                var (host, port) = HostAndPort(parseResult.GetValue(s3)!);
                var scale = parseResult.GetValue(timeScale);
                var manual = parseResult.GetValue(manualTime);
                if (scale is not null && manual)
                {
                    throw new CliException("--time-scale and --manual-time exclude each other: choose scaled time or manual time.");
                }

                var settings = new ServeSettings
                {
                    Host = host,
                    Port = port,
                    Source = parseResult.GetValue(source),
                    TimeMode = manual ? TimeMode.Manual : scale is null ? TimeMode.Real : TimeMode.Scaled,
                    TimeScale = scale ?? 1,
                    Seed = parseResult.GetValue(seed),
                    Keys = Keys(parseResult.GetValue(accessKey) ?? [], parseResult.GetValue(secretKey) ?? []),
                    UnversionedBuckets = parseResult.GetValue(unversioned),
                    MountPoints = parseResult.GetValue(mount) ?? [],
                    OtlpEndpoint = parseResult.GetValue(otlp) is { } url
                        ? Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri : throw new CliException($"--otlp-endpoint must be an absolute URL; it was '{url}'.")
                        : null,
                };
                await ExecuteAsync(settings, console, parseResult.InvocationConfiguration.Output, cancellationToken, error).ConfigureAwait(false);
                return 0;
            }
            catch (CliException exception)
            {
                await error.WriteLineAsync("error: " + exception.Message).ConfigureAwait(false);
                return CliApplication.FailureExitCode;
            }
        });
        return command;
    }

    /// <summary>Serves until <paramref name="cancellationToken"/> is cancelled (SIGINT, SIGTERM), then renders the report.</summary>
    /// <exception cref="CliException">An option is invalid, the port is in use, or the source cannot be loaded.</exception>
    internal static async Task<RunReport> ExecuteAsync(ServeSettings settings, IAnsiConsole console, TextWriter output, CancellationToken cancellationToken, TextWriter? error = null)
    {
        var wall = Stopwatch.StartNew();
        // In real and scaled time the virtual clock starts at the wall-clock time, so LastModified dates read true to S3
        // clients (aws s3 sync compares them with local files); manual time starts at the simulation's fixed instant.
        var startTime = settings.TimeMode == TimeMode.Manual ? VirtualClock.DefaultStart : TruncateToSeconds(DateTimeOffset.UtcNow);
        await using var simulation = S3FilesSimulation.Create(new SimulationOptions { Seed = settings.Seed, StartTime = startTime });
        var fileSystem = simulation.FileSystem;
        var report = new RunReport
        {
            Scenario = "serve",
            Seed = settings.Seed,
            Bucket = simulation.Bucket.BucketName,
            FileSystemId = fileSystem.FileSystemId,
            Options = new RunOptionsReport(settings.Source ?? "(empty bucket)", fileSystem.Options.Export.CommitDelay.TotalSeconds, new Import.ImportDataRule().SizeLessThan, fileSystem.Options.DirectReadThreshold, 0),
        };
        if (settings.Source is { } sourceDirectory)
        {
            report.Load = await RunProgress.RunAsync(console, progress => CorpusLoader.LoadAsync(sourceDirectory, simulation.Bucket, progress, cancellationToken)).ConfigureAwait(false);
        }

        var start = simulation.Now;
        using var telemetry = new TelemetryReport(fileSystem, start, () => simulation.Now);
        S3FilesSimServer server;
        try
        {
            server = await S3FilesSimServer.StartAsync(simulation, new S3FilesSimServerOptions
            {
                Host = settings.Host,
                Port = settings.Port,
                Keys = settings.Keys,
                TimeMode = settings.TimeMode,
                TimeScale = settings.TimeScale,
                OtlpEndpoint = settings.OtlpEndpoint,
                VersionNewBuckets = !settings.UnversionedBuckets,
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (ArgumentException exception)
        {
            throw new CliException(exception.Message);
        }
        catch (IOException exception)
        {
            throw new CliException($"cannot listen on {settings.Host}:{settings.Port}: {exception.Message}");
        }

        var serveWall = Stopwatch.StartNew();
        await using (server.ConfigureAwait(false))
        {
            var mounts = new List<(string Path, IAsyncDisposable Mount)>();
            try
            {
                using var logger = new MountCommand.ErrorLoggerFactory(error ?? TextWriter.Null);
                foreach (var mountPoint in settings.MountPoints)
                {
                    mounts.Add(OperatingSystem.IsLinux()
                        ? await MountAsync(server, fileSystem, mountPoint, logger, cancellationToken).ConfigureAwait(false)
                        : throw new CliException("--mount needs Linux with FUSE (/dev/fuse and libfuse3)."));
                }

                var ready = new ServeReady(server.Endpoint.ToString(), server.ControlUrl.ToString(), simulation.Bucket.BucketName, fileSystem.FileSystemId, [.. mounts.Select(m => m.Path)], settings.TimeMode.ToString().ToLowerInvariant(), settings.TimeMode == TimeMode.Manual ? 0 : settings.TimeScale, settings.Keys.Count > 0);
                await output.WriteLineAsync(JsonSerializer.Serialize(ready, ReadyJson)).ConfigureAwait(false);
                await output.FlushAsync(CancellationToken.None).ConfigureAwait(false);
                await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // SIGINT or SIGTERM: unmount, stop serving, then report.
            }
            catch (FuseMountException exception)
            {
                throw new CliException(exception.Message);
            }
            catch (PlatformNotSupportedException exception)
            {
                throw new CliException(exception.Message);
            }
            finally
            {
                foreach (var (_, mount) in mounts)
                {
                    await mount.DisposeAsync().ConfigureAwait(false);
                }
            }

            report.Notes.Add(string.Create(CultureInfo.InvariantCulture, $"Served {server.S3RequestCount:N0} S3 requests at {server.Endpoint}."));
        }

        serveWall.Stop();
        var requests = server.RequestsByOperation;
        long Count(params string[] operations) => operations.Sum(o => requests.TryGetValue(o, out var n) ? n : 0);
        telemetry.Fill(report, timeline: null, Count("PutObject", "CopyObject", "CompleteMultipartUpload"), Count("DeleteObject", "DeleteObjects"), simulation.Bucket.ObjectCount);
        report.Timing = new TimingReport { VirtualSeconds = (simulation.Now - start).TotalSeconds, WallMilliseconds = wall.Elapsed.TotalMilliseconds, ScenarioWallMilliseconds = serveWall.Elapsed.TotalMilliseconds };
        ReportRenderer.Render(console, report, timeline: false);
        return report;
    }

    /// <summary>Mounts <paramref name="fileSystem"/> at <paramref name="mountPoint"/> through FUSE and lists it in the control API.</summary>
    [SupportedOSPlatform("linux")]
    private static async Task<(string Path, IAsyncDisposable Mount)> MountAsync(S3FilesSimServer server, S3FilesFileSystem fileSystem, string mountPoint, ILoggerFactory logger, CancellationToken cancellationToken)
    {
        var mount = await FuseMount.StartAsync(fileSystem, mountPoint, new FuseMountOptions { LoggerFactory = logger }, cancellationToken).ConfigureAwait(false);
        return (mount.MountPoint, new ServedMount(mount, server.AddMountPoint(mount.MountPoint, fileSystem.FileSystemId)));
    }

    private static DateTimeOffset TruncateToSeconds(DateTimeOffset value) => new(value.Ticks - (value.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);

    private static readonly JsonSerializerOptions ReadyJson = new(JsonSerializerDefaults.Web) { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static IReadOnlyList<S3AccessKey> Keys(string[] accessKeys, string[] secretKeys) =>
        accessKeys.Length == secretKeys.Length
            ? [.. accessKeys.Zip(secretKeys, (a, s) => new S3AccessKey(a, s))]
            : throw new CliException($"every --access-key needs a --secret-key: {accessKeys.Length} access keys and {secretKeys.Length} secret keys were given.");

    private static (string Host, int Port) HostAndPort(string value)
    {
        var colon = value.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(value.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
        {
            throw new CliException($"--s3 must be HOST:PORT with a port from 0 to 65535; it was '{value}'.");
        }

        var host = value[..colon].Trim('[', ']');
        return host == "localhost" || IPAddress.TryParse(host, out _)
            ? (host, port)
            : throw new CliException($"--s3 must name an IP address or localhost; it was '{host}'.");
    }

    /// <summary>A FUSE mount of serve and its listing in the control API; disposing unlists, then unmounts.</summary>
    [SupportedOSPlatform("linux")]
    private sealed class ServedMount(FuseMount mount, IDisposable listing) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            listing.Dispose();
            await mount.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>The machine-readable line printed once the server is listening.</summary>
    private sealed record ServeReady(string Endpoint, string Control, string Bucket, string FileSystemId, IReadOnlyList<string> Mounts, string TimeMode, double TimeScale, bool RequiresSignature);
}
