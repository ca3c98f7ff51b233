using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace S3FilesSim.Aws.Tests.Fixtures;

/// <summary>A <c>moto_server</c> process bound to 127.0.0.1 on a free port, killed (with its process tree) on dispose.</summary>
/// <remarks>moto (https://docs.getmoto.org/en/latest/docs/server_mode.html) is an S3-compatible server for tests. Install it
/// with <c>pip install "moto[server]"</c>.</remarks>
public sealed class MotoServer : IDisposable
{
    private const int MaxOutputLines = 50;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private readonly Process _process;
    private readonly Queue<string> _output = new();

    private MotoServer(Process process, Uri serviceUrl)
    {
        _process = process;
        ServiceUrl = serviceUrl;
    }

    /// <summary>Gets the server's endpoint, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri ServiceUrl { get; }

    /// <summary>Starts moto_server on a free loopback port and waits until it answers HTTP.</summary>
    /// <returns>The running server.</returns>
    /// <exception cref="InvalidOperationException">moto_server is not installed, exits early, or does not answer in time.</exception>
    public static async Task<MotoServer> StartAsync()
    {
        var executable = FindExecutable() ?? throw new InvalidOperationException(
            "moto_server was not found (looked at $S3FILESSIM_MOTO_SERVER, on PATH and in ~/.pyenv/shims and ~/.local/bin). " +
            "The S3FilesSim.Aws tests need an S3-compatible server: install moto with `pip install \"moto[server]\"`, " +
            "or point the tests at another endpoint with S3FILESSIM_S3_ENDPOINT (see README.md, \"Running against a real S3 endpoint\").");
        var port = FreePort();
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-H");
        start.ArgumentList.Add("127.0.0.1");
        start.ArgumentList.Add("-p");
        start.ArgumentList.Add(port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {executable}.");
        var server = new MotoServer(process, new Uri($"http://127.0.0.1:{port}/"));
        process.OutputDataReceived += (_, e) => server.Record(e.Data);
        process.ErrorDataReceived += (_, e) => server.Record(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await server.WaitUntilAnsweringAsync().ConfigureAwait(false);
            return server;
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    /// <summary>Kills the server and its child processes.</summary>
    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // The process has already exited.
        }

        _process.Dispose();
    }

    private static string? FindExecutable()
    {
        var configured = Environment.GetEnvironmentVariable("S3FILESSIM_MOTO_SERVER");
        if (!string.IsNullOrEmpty(configured))
        {
            return File.Exists(configured) ? configured : null;
        }

        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var directories = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Append(Path.Combine(home, ".pyenv", "shims"))
            .Append(Path.Combine(home, ".local", "bin"));
        return directories.Select(d => Path.Combine(d, "moto_server")).FirstOrDefault(File.Exists);
    }

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

    private void Record(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.Enqueue(line);
            if (_output.Count > MaxOutputLines)
            {
                _output.Dequeue();
            }
        }
    }

    private string RecentOutput()
    {
        lock (_output)
        {
            return new StringBuilder().AppendJoin(Environment.NewLine, _output).ToString();
        }
    }

    private async Task WaitUntilAnsweringAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"moto_server exited with code {_process.ExitCode} before answering:{Environment.NewLine}{RecentOutput()}");
            }

            try
            {
                using var response = await http.GetAsync(ServiceUrl).ConfigureAwait(false);
                return;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(100).ConfigureAwait(false);
            }
            catch (TaskCanceledException)
            {
                await Task.Delay(100).ConfigureAwait(false);
            }
        }

        throw new InvalidOperationException($"moto_server did not answer at {ServiceUrl} within {StartTimeout.TotalSeconds} s:{Environment.NewLine}{RecentOutput()}");
    }
}
