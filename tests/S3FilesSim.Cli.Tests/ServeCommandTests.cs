using System.Diagnostics;
using System.Text;
using System.Text.Json;
using FluentAssertions;
using Xunit;

namespace S3FilesSim.Cli.Tests;

/// <summary><c>s3files-sim serve</c>: the one JSON line with the endpoints, a server that answers S3 and the control API,
/// a clean stop on cancellation and on SIGTERM with the run report, and the refusals of options that cannot work.</summary>
public sealed class ServeCommandTests
{
    [Fact]
    public async Task Serve_UntilCancelled_PrintsTheEndpointsServesAndPrintsTheReport()
    {
        var output = new ServeHarness.LockedStringWriter();
        var error = new StringWriter();
        using var stop = new CancellationTokenSource();
        var run = CliApplication.RunAsync(["serve", "--s3", "127.0.0.1:0", "--manual-time", "--seed", "7"], CliHarness.CreateConsole(output), output, error, stop.Token);

        var ready = await ServeHarness.ReadyLineAsync(output, run);
        using var http = new HttpClient();
        using var put = await http.PutAsync(new Uri(new Uri(ready.GetProperty("endpoint").GetString()!), "s3files-sim-bucket/hello.txt"), new StringContent("hello"));
        var clock = await http.GetStringAsync(ready.GetProperty("control").GetString() + "clock");
        await stop.CancelAsync();
        var exitCode = await run;

        put.StatusCode.Should().Be(System.Net.HttpStatusCode.OK);
        clock.Should().Contain("\"mode\":\"manual\"");
        ready.GetProperty("timeMode").GetString().Should().Be("manual");
        ready.GetProperty("fileSystemId").GetString().Should().StartWith("fs-");
        exitCode.Should().Be(0, error.ToString());
        output.ToString().Should().Contain("scenario serve").And.Contain("Served 1 S3 requests");
    }

    [Fact]
    public async Task Serve_TimeScaleWithManualTime_FailsWithOneLine()
    {
        var (exitCode, _, error) = await CliHarness.RunAsync("serve", "--s3", "127.0.0.1:0", "--time-scale", "60", "--manual-time");

        exitCode.Should().Be(CliApplication.FailureExitCode);
        error.Trim().Should().Be("error: --time-scale and --manual-time exclude each other: choose scaled time or manual time.");
    }

    [Fact]
    public async Task Serve_NonLoopbackAddressWithoutKeys_IsRefused()
    {
        var (exitCode, output, error) = await CliHarness.RunAsync("serve", "--s3", "0.0.0.0:0");

        exitCode.Should().Be(CliApplication.FailureExitCode);
        error.Should().StartWith("error: ").And.Contain("not a loopback address");
        output.Should().NotContain("\"endpoint\"");
    }

    [Fact]
    public async Task Serve_AccessKeyWithoutSecretKey_IsRefused()
    {
        var (exitCode, _, error) = await CliHarness.RunAsync("serve", "--s3", "127.0.0.1:0", "--access-key", "K");

        exitCode.Should().Be(CliApplication.FailureExitCode);
        error.Should().Contain("every --access-key needs a --secret-key");
    }

    [Fact]
    public async Task Serve_SigTerm_StopsCleanlyAndPrintsTheReport()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "s3files-sim.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { dll, "serve", "--s3", "127.0.0.1:0", "--manual-time" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            var ready = JsonDocument.Parse(await process.StandardOutput.ReadLineAsync() ?? "{}").RootElement;
            using (var http = new HttpClient())
            {
                (await http.GetStringAsync(ready.GetProperty("control").GetString())).Should().Contain("\"mode\":\"manual\"");
            }

            using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }

            var rest = await process.StandardOutput.ReadToEndAsync();
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await process.WaitForExitAsync(deadline.Token);

            process.ExitCode.Should().Be(0, await stderr);
            rest.Should().Contain("scenario serve");
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }
}
