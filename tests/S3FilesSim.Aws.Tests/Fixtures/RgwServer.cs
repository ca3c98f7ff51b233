using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace S3FilesSim.Aws.Tests.Fixtures;

/// <summary>
/// A single-node Ceph RADOS Gateway (one monitor, one memstore OSD, radosgw) on loopback, started by the repository's
/// scripts/rgw-up.sh on free ports in a temporary directory, and stopped on dispose by scripts/rgw-down.sh (radosgw, then
/// the OSD, then the monitor).
/// </summary>
/// <remarks>Needs Ceph's ceph-mon, ceph-osd, radosgw and ceph-common packages: <c>bash scripts/install-prerequisites.sh</c>
/// installs them. Starting takes about 12 s.</remarks>
public sealed class RgwServer : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(2);
    private readonly string _directory;
    private readonly string _scripts;

    private RgwServer(string directory, string scripts, Uri serviceUrl)
    {
        _directory = directory;
        _scripts = scripts;
        ServiceUrl = serviceUrl;
    }

    /// <summary>Gets the gateway's endpoint, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri ServiceUrl { get; }

    /// <summary>Gets the access key of the gateway's user.</summary>
    public string AccessKey => "s3filessim";

    /// <summary>Gets the secret key of the gateway's user.</summary>
    public string SecretKey => "s3filessim-secret";

    /// <summary>Gets the process id of the radosgw daemon (to measure its memory).</summary>
    public int GatewayProcessId => int.Parse(File.ReadAllText(Path.Combine(_directory, "run", "client.rgw.pid")).Trim(), CultureInfo.InvariantCulture);

    /// <summary>Gets the process id of the OSD daemon, which holds the objects (memstore).</summary>
    public int OsdProcessId => int.Parse(File.ReadAllText(Path.Combine(_directory, "run", "osd.0.pid")).Trim(), CultureInfo.InvariantCulture);

    /// <summary>Starts a gateway and waits until it answers and its user exists.</summary>
    /// <returns>The running gateway.</returns>
    /// <exception cref="InvalidOperationException">Ceph is not installed, or the gateway did not start; the message has the fix or the script's output.</exception>
    public static async Task<RgwServer> StartAsync()
    {
        var scripts = Path.Combine(AppContext.BaseDirectory, "rgw");
        if (!File.Exists(Path.Combine(scripts, "rgw-up.sh")))
        {
            throw new InvalidOperationException($"scripts/rgw-up.sh was not copied to {scripts}; rebuild the test project.");
        }

        if (!OnPath("radosgw") || !OnPath("ceph-mon") || !OnPath("ceph-osd"))
        {
            throw new InvalidOperationException(
                "Ceph's radosgw, ceph-mon or ceph-osd was not found on PATH. The S3FilesSim.Aws tests run against a single-node Ceph RGW: " +
                "install the prerequisites with `bash scripts/install-prerequisites.sh` (as root or with sudo).");
        }

        var directory = Path.Combine(Path.GetTempPath(), "s3filessim-rgw-" + Guid.NewGuid().ToString("N")[..12]);
        var port = FreePort();
        var server = new RgwServer(directory, scripts, new Uri($"http://127.0.0.1:{port}/"));
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { Path.Combine(scripts, "rgw-up.sh"), directory, port.ToString(CultureInfo.InvariantCulture), server.AccessKey, server.SecretKey })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["MONPORT"] = FreePort().ToString(CultureInfo.InvariantCulture);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start bash.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(StartTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            server.Dispose();
            throw new InvalidOperationException($"scripts/rgw-up.sh did not finish within {StartTimeout.TotalSeconds} s.");
        }

        var text = await output + await error;
        if (process.ExitCode != 0 || !text.Contains("RGW_READY", StringComparison.Ordinal))
        {
            server.Dispose();
            throw new InvalidOperationException($"scripts/rgw-up.sh failed with exit code {process.ExitCode}:{Environment.NewLine}{text}");
        }

        return server;
    }

    /// <summary>Stops the gateway, the OSD and the monitor, in that order, and deletes the directory.</summary>
    public void Dispose()
    {
        var stop = new ProcessStartInfo("bash") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        stop.ArgumentList.Add(Path.Combine(_scripts, "rgw-down.sh"));
        stop.ArgumentList.Add(_directory);
        using var process = Process.Start(stop);
        if (process is not null && !process.WaitForExit(TimeSpan.FromSeconds(120)))
        {
            process.Kill(entireProcessTree: true);
        }
    }

    private static bool OnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Append("/usr/bin")
            .Append("/usr/sbin")
            .Any(d => File.Exists(Path.Combine(d, tool)));

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }
}
