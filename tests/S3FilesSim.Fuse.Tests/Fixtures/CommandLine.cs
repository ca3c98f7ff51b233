using System.Diagnostics;

namespace S3FilesSim.Fuse.Tests.Fixtures;

/// <summary>The <c>s3files-sim</c> binary built next to the tests, started as a child process.</summary>
public static class CommandLine
{
    /// <summary>Gets the path of s3files-sim.dll.</summary>
    public static string Path => System.IO.Path.Combine(AppContext.BaseDirectory, "s3files-sim.dll");

    /// <summary>Starts <c>dotnet s3files-sim.dll</c> with <paramref name="arguments"/>; stdout and stderr are collected as they come.</summary>
    public static RunningCommand Start(params string[] arguments) => new(ChildProcess.Start("dotnet", [Path, .. arguments]));

    /// <summary>Waits until the command reports <paramref name="directory"/> mounted (the kernel has initialised it) and
    /// /proc/self/mountinfo lists it, or the process exits.</summary>
    public static async Task<bool> MountedAsync(string directory, RunningCommand command)
    {
        bool Ready() => command.Output.Contains($" at {directory}", StringComparison.Ordinal) && Fuse.MountPoint.MountedType(directory) is not null;
        await Eventually.TrueAsync(() => command.Process.HasExited || Ready(), TimeSpan.FromSeconds(60));
        return Ready();
    }
}

/// <summary>A running s3files-sim process with its output collected.</summary>
public sealed class RunningCommand : IDisposable
{
    private readonly System.Text.StringBuilder _output = new();
    private readonly System.Text.StringBuilder _error = new();

    public RunningCommand(Process process)
    {
        Process = process;
        process.OutputDataReceived += (_, e) =>
        {
            lock (_output)
            {
                _output.AppendLine(e.Data);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            lock (_error)
            {
                _error.AppendLine(e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Process Process { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public string Error
    {
        get
        {
            lock (_error)
            {
                return _error.ToString();
            }
        }
    }

    /// <summary>Sends <paramref name="signal"/> (INT, TERM, KILL) to the process.</summary>
    public Task<ProcessResult> SignalAsync(string signal) => ChildProcess.RunAsync("kill", $"-{signal}", Process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Waits for the process to exit within <see cref="ChildProcess.Deadline"/> and returns its exit code.</summary>
    public async Task<int> ExitAsync()
    {
        using var deadline = new CancellationTokenSource(ChildProcess.Deadline);
        await Process.WaitForExitAsync(deadline.Token);
        return Process.ExitCode;
    }

    /// <summary>Kills the process if it still runs.</summary>
    public void Dispose()
    {
        if (!Process.HasExited)
        {
            Process.Kill(entireProcessTree: true);
            Process.WaitForExit();
        }

        Process.Dispose();
    }
}
