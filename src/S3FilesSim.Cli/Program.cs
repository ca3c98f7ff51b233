using S3FilesSim.Cli;
using Spectre.Console;

return await CliApplication.RunAsync(args, AnsiConsole.Console, Console.Out, Console.Error).ConfigureAwait(false);
