using S3FilesSim.Cli;

var console = CliConsole.Create(Console.Out, !Console.IsOutputRedirected, Environment.GetEnvironmentVariables());
return await CliApplication.RunAsync(args, console, Console.Out, Console.Error).ConfigureAwait(false);
