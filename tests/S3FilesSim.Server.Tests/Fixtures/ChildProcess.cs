using System.Diagnostics;
using System.Text;

namespace S3FilesSim.Server.Tests.Fixtures;

/// <summary>Runs the S3 clients people use against the endpoint as child processes: the AWS CLI and a Python with boto3
/// (both come with the image's pyenv Python; see README "Run it as a service").</summary>
public static class ChildProcess
{
    /// <summary>The access key the clients sign with (what <see cref="S3Environment"/> sets).</summary>
    public const string AccessKey = "AKIAS3FILESSIMTEST01";

    /// <summary>The secret key the clients sign with.</summary>
    public const string SecretKey = "s3filessim/test/secret/key/0123456789abcdef";

    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    /// <summary>Gets the AWS CLI executable.</summary>
    /// <exception cref="InvalidOperationException">It is not installed.</exception>
    public static string AwsCli => Find("aws") ?? throw new InvalidOperationException("The AWS CLI ('aws') was not found on PATH, in ~/.pyenv/shims or ~/.local/bin; install it with pip install awscli.");

    /// <summary>Gets a Python 3 that imports boto3.</summary>
    /// <exception cref="InvalidOperationException">None is installed.</exception>
    public static string Python
    {
        get
        {
            var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            var candidates = Directory.Exists(Path.Combine(home, ".pyenv", "versions"))
                ? Directory.GetDirectories(Path.Combine(home, ".pyenv", "versions"), "3.1*").Order().Select(d => Path.Combine(d, "bin", "python3"))
                : [];
            foreach (var candidate in candidates.Append(Find("python3")).OfType<string>())
            {
                if (File.Exists(candidate) && RunAsync(candidate, ["-c", "import boto3"], new Dictionary<string, string>()).GetAwaiter().GetResult().ExitCode == 0)
                {
                    return candidate;
                }
            }

            throw new InvalidOperationException("No Python 3 with boto3 was found (pyenv versions, python3 on PATH); install boto3 with pip install boto3.");
        }
    }

    /// <summary>Returns the environment of an S3 client of <paramref name="served"/>: its keys, us-east-1, no config files.</summary>
    public static Dictionary<string, string> S3Environment() => new()
    {
        ["AWS_ACCESS_KEY_ID"] = AccessKey,
        ["AWS_SECRET_ACCESS_KEY"] = SecretKey,
        ["AWS_DEFAULT_REGION"] = "us-east-1",
        ["AWS_CONFIG_FILE"] = "/nonexistent/s3filessim-config",
        ["AWS_SHARED_CREDENTIALS_FILE"] = "/nonexistent/s3filessim-credentials",
        ["AWS_EC2_METADATA_DISABLED"] = "true",
        ["AWS_PAGER"] = string.Empty,
    };

    /// <summary>Runs the AWS CLI against <paramref name="endpoint"/>.</summary>
    public static Task<ProcessResult> AwsAsync(Uri endpoint, params string[] arguments) =>
        RunAsync(AwsCli, ["--endpoint-url", endpoint.ToString(), .. arguments], S3Environment());

    /// <summary>Runs a Python script with boto3, given the endpoint as <c>sys.argv[1]</c>.</summary>
    public static async Task<ProcessResult> PythonAsync(Uri endpoint, string script)
    {
        var file = Path.Combine(Path.GetTempPath(), $"s3filessim-{Guid.NewGuid():N}.py");
        await File.WriteAllTextAsync(file, script);
        try
        {
            return await RunAsync(Python, [file, endpoint.ToString()], S3Environment());
        }
        finally
        {
            File.Delete(file);
        }
    }

    public static async Task<ProcessResult> RunAsync(string executable, IEnumerable<string> arguments, IDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {executable}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{executable} {string.Join(' ', start.ArgumentList)} did not finish within {Timeout.TotalMinutes} minutes.");
        }

        return new ProcessResult(process.ExitCode, await output, await error);
    }

    private static string? Find(string name)
    {
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Append(Path.Combine(home, ".pyenv", "shims"))
            .Append(Path.Combine(home, ".local", "bin"))
            .Select(d => Path.Combine(d, name))
            .FirstOrDefault(File.Exists);
    }
}

/// <summary>How a child process ended.</summary>
public sealed record ProcessResult(int ExitCode, string Output, string Error)
{
    public override string ToString() => new StringBuilder().Append("exit ").Append(ExitCode).AppendLine().AppendLine(Output).Append(Error).ToString();
}
