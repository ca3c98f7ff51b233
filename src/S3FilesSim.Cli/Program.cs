using S3FilesSim.Cli;
using Spectre.Console;

return await CliApplication.RunAsync(args, AnsiConsole.Console, Console.Out, Console.Error).ConfigureAwait(false);

/// <summary>The entry point; internal, so the ASP.NET Core shared framework (referenced through S3FilesSim.Server) does not make it public.</summary>
internal sealed partial class Program;
