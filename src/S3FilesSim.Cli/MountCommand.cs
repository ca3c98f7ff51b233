using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using S3FilesSim.Aws;
using S3FilesSim.Cli.Reporting;
using S3FilesSim.Export;
using S3FilesSim.FileSystem;
using S3FilesSim.Fuse;
using S3FilesSim.Import;
using S3FilesSim.ObjectStorage;
using S3FilesSim.Telemetry;
using Spectre.Console;

namespace S3FilesSim.Cli;

/// <summary>
/// The <c>mount</c> command: load a tree into the bucket, mount the file system on each mount point through FUSE with
/// the virtual clock following the wall clock (scaled), print each sync event as it happens, and on SIGINT or SIGTERM
/// unmount and print the same report as <c>run</c>.
/// </summary>
internal static class MountCommand
{
    /// <summary>The real-time driver's step: virtual time, and so every file time, lags the wall clock by at most this
    /// much, about the kernel's own timestamp granularity (4 ms at HZ=250). With the driver's default 50 ms, two changes
    /// a wall second apart could get times 950 ms apart and land in the same second (pjdfstest's ctime checks).</summary>
    private static readonly TimeSpan DriverTick = TimeSpan.FromMilliseconds(5);

    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(200);

    /// <summary>The sync events printed while mounted.</summary>
    private static readonly HashSet<SyncEventKind> Printed = [SyncEventKind.Export, SyncEventKind.Import, SyncEventKind.Conflict, SyncEventKind.LostAndFoundMove, SyncEventKind.Failure];

    /// <summary>Mounts until <paramref name="cancellationToken"/> is cancelled (SIGINT, SIGTERM) or every mount point is unmounted from outside, then reports.</summary>
    /// <exception cref="CliException">An option is out of range, the source or a mount point cannot be used, FUSE is not available.</exception>
    internal static async Task<RunReport> ExecuteAsync(MountSettings settings, IAnsiConsole console, TextWriter error, CancellationToken cancellationToken)
    {
        var run = settings.Run;
        if (!OperatingSystem.IsLinux())
        {
            throw new CliException("mount needs Linux FUSE (libfuse 3.14, apt-get install fuse3); on this system use 'run', or the library's in-process IFileSystem.");
        }

        RunCommand.Validate(run);
        if (!double.IsFinite(settings.TimeScale) || settings.TimeScale <= 0 || settings.TimeScale > 1_000_000)
        {
            throw new CliException($"--time-scale must be a positive number of virtual seconds per wall second, at most 1,000,000; it was {settings.TimeScale}.");
        }

        var source = CorpusLoader.CheckDirectory(run.Source ?? CorpusLoader.BundledCorpus);
        using var json = run.JsonPath is { } jsonPath ? RunCommand.JsonReportFile.Open(jsonPath) : null;
        var wall = Stopwatch.StartNew();
        await using var remote = await RemoteBucket.ConnectAsync(run, cancellationToken).ConfigureAwait(false);
        var fileSystemOptions = new FileSystemOptions
        {
            DirectReadThreshold = run.DirectReadThreshold,
            Export = new ExportOptions { CommitDelay = run.CommitDelay },
        };
        await using var simulation = S3FilesSimulation.Create(new SimulationOptions { Seed = run.Seed, FileSystem = fileSystemOptions });
        IObjectStore bucket = remote is null ? simulation.Bucket : remote.Store;
        var load = await RunProgress.RunAsync(console, progress => CorpusLoader.LoadAsync(source, bucket, progress, cancellationToken)).ConfigureAwait(false);
        var fileSystem = remote is null ? simulation.FileSystem : await remote.CreateFileSystemAsync(simulation, fileSystemOptions, cancellationToken).ConfigureAwait(false);
        fileSystem.PutSynchronizationConfiguration(new SynchronizationConfiguration { ImportDataRules = [new ImportDataRule { SizeLessThan = run.SizeLessThan }] });
        var mountOptions = new MountOptions { ReadOnly = settings.ReadOnly, AccessPointId = CreateAccessPoint(fileSystem, settings) };

        // SIGINT and SIGTERM end the mount gracefully (unmount, then the report), whoever else listens to them.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            try
            {
                // Asynchronously: the rest of the command (unmount, report) must not run inline on the signal's thread,
                // where System.CommandLine's own handler for the same signal runs next and would find its source disposed.
                _ = stop.CancelAsync();
            }
            catch (ObjectDisposedException)
            {
                // The signal arrived while the command was already ending.
            }
        }

        cancellationToken = stop.Token;
        var start = simulation.Now;
        var mountedWall = Stopwatch.StartNew();
        using var telemetry = new TelemetryReport(fileSystem, start, () => simulation.Now);
        var printer = new EventPrinter(fileSystem, start, console);
        await using (var driver = RealTimeDriver.Start(simulation.Scheduler, new RealTimeDriverOptions { TimeScale = settings.TimeScale, Tick = DriverTick }))
        {
            var mounts = new List<FuseMount>();
            try
            {
                using var logger = new ErrorLoggerFactory(error);
                foreach (var mountPoint in settings.MountPoints)
                {
                    mounts.Add(await FuseMount.StartAsync(fileSystem, mountPoint, new FuseMountOptions { Mount = mountOptions, LoggerFactory = logger }, cancellationToken).ConfigureAwait(false));
                    console.Profile.Out.Writer.WriteLine($"Mounted {fileSystem.FileSystemId} (bucket {bucket.BucketName}) at {mounts[^1].MountPoint}");
                }

                console.Profile.Out.Writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"Virtual time runs {settings.TimeScale:G} s per wall second (commit delay {run.CommitDelay.TotalSeconds:G} s = {run.CommitDelay.TotalSeconds / settings.TimeScale:G} s of wall time). Sync events follow; Ctrl+C (SIGINT) or SIGTERM unmounts and prints the report."));
                await FollowAsync(mounts, driver, printer, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // SIGINT or SIGTERM while mounting: unmount what is mounted and report, as after a normal stop.
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
                // Leave whatever thread ended the wait (a signal's, when cancellation ran inline) before unmounting.
                await Task.Yield();
                foreach (var mount in mounts)
                {
                    await mount.DisposeAsync().ConfigureAwait(false);
                }
            }
        }

        printer.Print();
        var report = new RunReport
        {
            Scenario = "mount",
            Seed = run.Seed,
            Bucket = bucket.BucketName,
            FileSystemId = fileSystem.FileSystemId,
            Options = new RunOptionsReport(source, run.CommitDelay.TotalSeconds, run.SizeLessThan, run.DirectReadThreshold, (simulation.Now - start).TotalSeconds),
            Load = load,
            ScenarioInput = $"mounted at {string.Join(", ", settings.MountPoints.Select(Path.GetFullPath))}, {settings.TimeScale.ToString("G", CultureInfo.InvariantCulture)} virtual s per wall s",
        };
        var objects = bucket is InMemoryObjectStore memory ? memory.ObjectCount : 0;
        telemetry.Fill(report, null, 0, 0, objects);
        report.Requests = remote?.Requests(report.Sync.Exports);
        report.Timing = new TimingReport { VirtualSeconds = (simulation.Now - start).TotalSeconds, ScenarioWallMilliseconds = mountedWall.Elapsed.TotalMilliseconds, WallMilliseconds = wall.Elapsed.TotalMilliseconds };
        ReportRenderer.Render(console, report, timeline: false);
        if (json is not null)
        {
            await json.WriteAsync(report, RunCommand.JsonOptions, CancellationToken.None).ConfigureAwait(false);
            console.MarkupLineInterpolated($"Report written to [bold]{json.Path}[/].");
        }

        return report;
    }

    /// <summary>Parses <c>--user UID:GID</c>.</summary>
    internal static PosixUser ParseUser(string text)
    {
        var parts = text.Split(':');
        return parts.Length == 2
            && uint.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var uid)
            && uint.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var gid)
            ? new PosixUser(uid, gid)
            : throw new CliException($"--user must be UID:GID with two numbers, such as 1000:1000; it was '{text}'.");
    }

    /// <summary>An access point for <c>--user</c> and <c>--access-point</c>: its enforced POSIX user, and its root directory, created owned by that user (mode 0755) when missing.</summary>
    private static string? CreateAccessPoint(S3FilesFileSystem fileSystem, MountSettings settings)
    {
        if (settings.User is null && settings.AccessPointRoot is null)
        {
            return null;
        }

        try
        {
            return fileSystem.CreateAccessPoint(new AccessPointOptions
            {
                PosixUser = settings.User,
                RootDirectory = settings.AccessPointRoot ?? "/",
                CreationPermissions = new CreationPermissions { OwnerUid = settings.User?.Uid ?? 0, OwnerGid = settings.User?.Gid ?? 0, Permissions = (UnixFileMode)0x1ED },
            }).AccessPointId;
        }
        catch (ArgumentException exception)
        {
            throw new CliException("--access-point: " + exception.Message);
        }
    }

    /// <summary>Prints the sync events as they happen until cancelled, every mount point is gone, or the clock's driver fails.</summary>
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    private static async Task FollowAsync(IReadOnlyList<FuseMount> mounts, RealTimeDriver driver, EventPrinter printer, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(Poll);
        var unmounted = Task.WhenAll(mounts.Select(mount => mount.Completion));
        while (!cancellationToken.IsCancellationRequested && !unmounted.IsCompleted)
        {
            if (driver.Completion.IsFaulted)
            {
                await driver.Completion.ConfigureAwait(false);
            }

            printer.Print();
            try
            {
                await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    /// <summary>Prints the timeline's new events of the printed kinds, one line each: the virtual time, the kind, the path and the key (or why it failed).</summary>
    private sealed class EventPrinter(S3FilesFileSystem fileSystem, DateTimeOffset start, IAnsiConsole console)
    {
        private long _last = -1;
        private DateTimeOffset? _lastTime;

        public void Print()
        {
            foreach (var item in fileSystem.Timeline.Query(from: _lastTime ?? start))
            {
                if (item.Sequence <= _last)
                {
                    continue;
                }

                _last = item.Sequence;
                _lastTime = item.Timestamp;
                if (!Printed.Contains(item.Kind))
                {
                    continue;
                }

                var detail = item.Kind switch
                {
                    SyncEventKind.Failure => item.Reason,
                    SyncEventKind.LostAndFoundMove => item.Reason ?? item.Key,
                    _ => item.Key,
                };
                // One unwrapped line per event, whatever the console's width, so the lines can be followed with grep or tail -f.
                console.Profile.Out.Writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{item.Timestamp:yyyy-MM-dd HH:mm:ss.fff} +{(item.Timestamp - start).TotalSeconds:F1}s  {Describe(item),-16} {item.Path}  {detail}"));
            }
        }

        /// <summary>The event's name: an import says whether it brought metadata (a listing) or data (a read, or a small file's data after its listing), so one object can show twice.</summary>
        private static string Describe(SyncEvent item) => item.Kind switch
        {
            SyncEventKind.LostAndFoundMove => "lost+found move",
            SyncEventKind.Import when item.Reason is { } reason => "import " + reason.ToLowerInvariant(),
            _ => item.Kind.ToString().ToLowerInvariant(),
        };
    }

    /// <summary>Writes the mount's warnings and errors (a stale mount removed, a failed request) to the error output as <c>warning:</c> lines.</summary>
    /// <summary>Writes the FUSE layer's warnings and errors to the command's error stream.</summary>
    internal sealed class ErrorLoggerFactory(TextWriter error) : ILoggerFactory, ILogger
    {
        public ILogger CreateLogger(string categoryName) => this;

        public void AddProvider(ILoggerProvider provider)
        {
        }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                lock (error)
                {
                    error.WriteLine($"{(logLevel >= LogLevel.Error ? "error" : "warning")}: {formatter(state, exception)}{(exception is null ? string.Empty : $" ({exception.GetType().Name}: {exception.Message.ReplaceLineEndings(" ")})")}");
                }
            }
        }

        public void Dispose()
        {
        }
    }
}
