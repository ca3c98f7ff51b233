using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;
using S3FilesSim.Server.Control;
using S3FilesSim.Server.Hosting;
using S3FilesSim.Server.S3;
using S3FilesSim.Server.Telemetry;

namespace S3FilesSim.Server;

/// <summary>
/// Serves a simulation as a local service on one port: its in-memory buckets over the S3 REST API (any S3 client: the AWS
/// CLI, boto3, AWSSDK.S3) and a JSON control API under <c>/_s3files/</c> that drives the virtual clock and reads the
/// telemetry, so a test in any language can write through S3, let 60 virtual seconds pass and check the file system.
/// </summary>
/// <remarks>
/// <para>S3 semantics follow https://docs.aws.amazon.com/AmazonS3/latest/API/: path-style and virtual-hosted-style
/// (<c>BUCKET.localhost:PORT</c>) addressing, Signature Version 4 (verified when <see cref="S3FilesSimServerOptions.Keys"/>
/// are set), <c>aws-chunked</c> bodies with trailing checksums, Content-MD5 and <c>x-amz-checksum-*</c> verified, and S3's XML
/// errors. Writes through the endpoint raise the same bucket events as <c>sim.Bucket.PutObjectAsync</c>, so file systems over
/// the bucket import them after the event delay and conflicts go to lost+found. An operation the bucket does not model
/// (ACLs, policies, lifecycle, tagging, ...) answers <c>501 NotImplemented</c> naming it.</para>
/// <para>The simulation is not disposed with the server.</para>
/// </remarks>
public sealed class S3FilesSimServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ClockDriver _clock;
    private readonly ControlApi _control;
    private readonly MeterProvider? _meters;
    private readonly S3Service _s3;
    private int _disposed;

    private S3FilesSimServer(S3FilesSimulation simulation, WebApplication app, ClockDriver clock, ControlApi control, S3Service s3, MeterProvider? meters, MountRegistry mounts)
    {
        Simulation = simulation;
        _app = app;
        _clock = clock;
        _control = control;
        _s3 = s3;
        _meters = meters;
        Mounts = mounts;
    }

    /// <summary>Gets the simulation served.</summary>
    public S3FilesSimulation Simulation { get; }

    /// <summary>Gets the S3 endpoint, e.g. <c>http://127.0.0.1:4566/</c> (path-style; <c>http://BUCKET.localhost:4566/</c> also works).</summary>
    public Uri Endpoint { get; private set; } = null!;

    /// <summary>Gets the control API's base URL, <see cref="Endpoint"/> + <c>_s3files/</c>.</summary>
    public Uri ControlUrl => new(Endpoint, ControlApi.Prefix + "/");

    /// <summary>Gets how the virtual clock moves now (the control API may change it).</summary>
    public TimeMode TimeMode => _clock.Mode;

    /// <summary>Gets the number of S3 requests answered so far.</summary>
    public long S3RequestCount => _s3.RequestCount;

    /// <summary>Gets the number of S3 requests answered so far per operation (<c>PutObject</c>, <c>GetObject</c>, ...), failed ones included.</summary>
    public IReadOnlyDictionary<string, long> RequestsByOperation => _s3.RequestsByOperation;

    internal MountRegistry Mounts { get; }

    /// <summary>Lists <paramref name="path"/> as a mount point of <paramref name="fileSystemId"/> in the control API
    /// (<c>GET /_s3files/mounts</c> and the file system's <c>mountPoints</c>) until the returned handle is disposed. The
    /// host that mounts the file system (a FUSE mount, for instance) calls it once the mount is up.</summary>
    /// <param name="path">The mount point's absolute path.</param>
    /// <param name="fileSystemId">The file system mounted there, e.g. <c>fs-0123456789abcdef0</c>.</param>
    /// <returns>A handle that removes the mount point from the listings when disposed.</returns>
    public IDisposable AddMountPoint(string path, string fileSystemId)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentException.ThrowIfNullOrEmpty(fileSystemId);
        Mounts.Add(new MountPointInfo(path, fileSystemId));
        return new MountPointRegistration(Mounts, path);
    }

    private sealed class MountPointRegistration(MountRegistry mounts, string path) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                mounts.Remove(path);
            }
        }
    }

    /// <summary>Starts serving <paramref name="simulation"/>.</summary>
    /// <param name="simulation">The simulation; its buckets are served and its clock driven as <see cref="S3FilesSimServerOptions.TimeMode"/> says.</param>
    /// <param name="options">The options; <see langword="null"/> for the defaults (127.0.0.1:4566, real time, no keys).</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running server; dispose it to stop.</returns>
    /// <exception cref="ArgumentException">An option is invalid, or a non-loopback address without keys.</exception>
    /// <exception cref="IOException">The port is in use.</exception>
    public static async Task<S3FilesSimServer> StartAsync(S3FilesSimulation simulation, S3FilesSimServerOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(simulation);
        options ??= new S3FilesSimServerOptions();
        options.Validate();
        var address = options.Address();
        var loggerFactory = options.LoggerFactory ?? simulation.LoggerFactory;
        var keys = options.Keys.ToDictionary(k => k.AccessKey, k => k.SecretKey, StringComparer.Ordinal);
        var s3 = new S3Service(simulation, new S3ServiceOptions(options.Region, keys, options.VirtualHostSuffixes, options.VersionNewBuckets), options.WallClock, loggerFactory.CreateLogger("S3FilesSim.Server.S3"));
        var mounts = new MountRegistry();
        var clock = new ClockDriver(simulation.Scheduler, options.TimeMode, options.TimeScale, options.WallClock, options.ClockTick, loggerFactory.CreateLogger("S3FilesSim.Server.Clock"));
        S3FilesSimServer? server = null;
        var control = new ControlApi(simulation, clock, () => server!.Endpoint, mounts, options.Region, options.RequiresSignature);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = typeof(S3FilesSimServer).Assembly.GetName().Name, ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggerFactory);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(address, options.Port);
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = null;
            // Clients send non-ASCII metadata as UTF-8 and read response headers as Latin-1 (RFC 7230): values up to U+00FF
            // go back as Latin-1 bytes, anything beyond is RFC 2047-encoded as S3 does (ObjectHeaders.WriteObject).
            kestrel.RequestHeaderEncodingSelector = _ => Encoding.UTF8;
            kestrel.ResponseHeaderEncodingSelector = _ => Encoding.Latin1;
        });
        var app = builder.Build();
        app.Use((context, next) => IsControl(context, s3) ? next(context) : s3.HandleAsync(context));
        app.UseRouting();
        control.Map(app);
        MeterProvider? meters = null;
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            var port = new Uri(bound).Port;
            meters = options.OtlpEndpoint is { } otlp ? Otlp.Start(otlp, options.OtlpExportInterval, loggerFactory) : null;
            server = new S3FilesSimServer(simulation, app, clock, control, s3, meters, mounts)
            {
                Endpoint = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://{(address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString())}:{port}/")),
            };
            control.TrackAlarms();
            return server;
        }
        catch
        {
            meters?.Dispose();
            await clock.DisposeAsync().ConfigureAwait(false);
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Advances to each next due work item until nothing is pending (no export, no import in progress, no
    /// undelivered bucket event) or <paramref name="limit"/> of virtual time has passed; what <c>POST /_s3files/clock/run-until-quiet</c> does.</summary>
    /// <param name="limit">The most virtual time to let pass.</param>
    /// <param name="cancellationToken">Stops between two work items.</param>
    /// <returns>Whether it became quiet, and the clock.</returns>
    public Task<QuietResult> RunUntilQuietAsync(TimeSpan limit, CancellationToken cancellationToken = default) =>
        _control.RunUntilQuietAsync(limit, cancellationToken);

    /// <summary>Stops serving: the port closes, in-flight requests finish, the clock stops moving.</summary>
    /// <returns>A task that completes when the server has stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _control.StopTrackingAlarms();
        await _clock.DisposeAsync().ConfigureAwait(false);
        using (var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
        {
            await _app.StopAsync(stop.Token).ConfigureAwait(false);
        }

        _meters?.Dispose();
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private static bool IsControl(HttpContext context, S3Service s3) =>
        context.Request.Path.StartsWithSegments(ControlApi.Prefix, StringComparison.Ordinal) && s3.VirtualHostBucket(context.Request.Host.Host) is null;
}
