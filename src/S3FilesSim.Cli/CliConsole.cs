using System.Collections;
using Spectre.Console;

namespace S3FilesSim.Cli;

/// <summary>Creates the console the report is written to: ANSI styles, colours and live progress only on a terminal;
/// plain lines without escape codes when the output is redirected; no colour at all when <c>NO_COLOR</c> is set
/// (https://no-color.org).</summary>
internal static class CliConsole
{
    /// <summary>Creates a console writing to <paramref name="output"/>.</summary>
    /// <param name="output">Where the report goes.</param>
    /// <param name="isTerminal">Whether <paramref name="output"/> is a terminal (not redirected to a file or a pipe).</param>
    /// <param name="environment">The environment variables (<c>NO_COLOR</c> is read).</param>
    /// <returns>The console.</returns>
    internal static IAnsiConsole Create(TextWriter output, bool isTerminal, IDictionary environment) =>
        AnsiConsole.Create(Settings(output, isTerminal, environment["NO_COLOR"] is string { Length: > 0 }));

    /// <summary>Returns the settings of <see cref="Create"/>: on a terminal Spectre.Console detects ANSI support, colours
    /// (none with <paramref name="noColor"/>) and interactivity; elsewhere none of them.</summary>
    internal static AnsiConsoleSettings Settings(TextWriter output, bool isTerminal, bool noColor) => new()
    {
        Ansi = isTerminal ? AnsiSupport.Detect : AnsiSupport.No,
        ColorSystem = isTerminal && !noColor ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
        Interactive = isTerminal ? InteractionSupport.Detect : InteractionSupport.No,
        Out = new AnsiConsoleOutput(output),
    };
}
