using System.Diagnostics;

namespace S3FilesSim.Fuse.Tests.Fixtures;

/// <summary>The outcome of a child process.</summary>
/// <param name="ExitCode">The exit status.</param>
/// <param name="Output">Standard output.</param>
/// <param name="Error">Standard error.</param>
public sealed record ProcessResult(int ExitCode, string Output, string Error)
{
    /// <inheritdoc />
    public override string ToString() => $"exit {ExitCode}; stdout: {Output}; stderr: {Error}";
}

/// <summary>Runs programs that know nothing of this library (python3, sh, cp, getfattr, setpriv) as child processes, with a deadline.</summary>
public static class ChildProcess
{
    /// <summary>The longest a child may run unless its test gives another deadline; it is killed after that and the test fails.</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(120);

    /// <summary>Runs <paramref name="program"/> with <paramref name="arguments"/> and returns its outcome.</summary>
    public static Task<ProcessResult> RunAsync(string program, params string[] arguments) => RunAsync(Deadline, program, arguments);

    /// <summary>Runs <paramref name="program"/> with <paramref name="arguments"/>, killing it after <paramref name="limit"/>
    /// (a guard against a hang, not a speed assertion), and returns its outcome.</summary>
    public static async Task<ProcessResult> RunAsync(TimeSpan limit, string program, params string[] arguments)
    {
        using var process = Start(program, arguments);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', arguments)} did not finish within {limit.TotalSeconds} s.");
        }

        return new ProcessResult(process.ExitCode, await output, await error);
    }

    /// <summary>Runs <paramref name="script"/> with <c>sh -c</c>.</summary>
    public static Task<ProcessResult> ShellAsync(string script) => RunAsync("sh", "-c", script);

    /// <summary>Runs <paramref name="script"/> with <c>sh -c</c> as uid and gid <paramref name="uid"/>:<paramref name="gid"/>
    /// (setpriv), with the supplementary groups <paramref name="groups"/> only.</summary>
    public static Task<ProcessResult> ShellAsAsync(uint uid, uint gid, string script, params uint[] groups) =>
        RunAsync("setpriv", [$"--reuid={uid}", $"--regid={gid}", .. groups.Length == 0 ? ["--clear-groups"] : new[] { $"--groups={string.Join(',', groups)}" }, "sh", "-c", script]);

    /// <summary>Runs a Python program with <c>python3 -c</c>.</summary>
    public static Task<ProcessResult> PythonAsync(string program, params string[] arguments) => RunAsync("python3", ["-c", program, .. arguments]);

    /// <summary>Starts <paramref name="program"/> with redirected standard streams.</summary>
    public static Process Start(string program, params string[] arguments)
    {
        var info = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return Process.Start(info) ?? throw new InvalidOperationException($"{program} did not start.");
    }
}

/// <summary>Polling with a deadline, for effects that travel through the kernel or another process.</summary>
public static class Eventually
{
    /// <summary>Waits until <paramref name="condition"/> holds, checking every 20 ms for at most <paramref name="deadline"/> (default 30 s).</summary>
    /// <returns>Whether it held before the deadline.</returns>
    public static async Task<bool> TrueAsync(Func<Task<bool>> condition, TimeSpan? deadline = null)
    {
        var start = TimeProvider.System.GetTimestamp();
        var limit = deadline ?? TimeSpan.FromSeconds(30);
        while (true)
        {
            if (await condition())
            {
                return true;
            }

            if (TimeProvider.System.GetElapsedTime(start) > limit)
            {
                return false;
            }

            await Task.Delay(20);
        }
    }

    /// <summary>Waits until <paramref name="condition"/> holds, as <see cref="TrueAsync(Func{Task{bool}}, TimeSpan?)"/>.</summary>
    public static Task<bool> TrueAsync(Func<bool> condition, TimeSpan? deadline = null) => TrueAsync(() => Task.FromResult(condition()), deadline);
}
