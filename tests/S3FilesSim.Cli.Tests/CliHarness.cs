using S3FilesSim.Cli.Reporting;
using Spectre.Console;

namespace S3FilesSim.Cli.Tests;

/// <summary>Runs the CLI in-process with its console, output and error captured.</summary>
internal static class CliHarness
{
    internal static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = await CliApplication.RunAsync(args, CreateConsole(output), output, error);
        return (exitCode, output.ToString(), error.ToString());
    }

    internal static Task<RunReport> ExecuteAsync(RunSettings settings) =>
        RunCommand.ExecuteAsync(settings, CreateConsole(new StringWriter()), CancellationToken.None);

    internal static IAnsiConsole CreateConsole(TextWriter writer)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = 240;
        return console;
    }
}

/// <summary>A directory tree under the temp directory, deleted on dispose.</summary>
internal sealed class TempTree : IDisposable
{
    internal TempTree()
    {
        Root = Directory.CreateTempSubdirectory("s3files-sim-cli-").FullName;
    }

    internal string Root { get; }

    internal TempTree File(string relativePath, string content) => File(relativePath, System.Text.Encoding.UTF8.GetBytes(content));

    internal TempTree File(string relativePath, byte[] content)
    {
        var path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        System.IO.File.WriteAllBytes(path, content);
        return this;
    }

    /// <summary>Deletes the tree; names that are not UTF-8 (which .NET cannot name) are removed by rm(1).</summary>
    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            using var rm = System.Diagnostics.Process.Start("rm", ["-rf", "--", Root]);
            rm.WaitForExit();
        }
    }
}
