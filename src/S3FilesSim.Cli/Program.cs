using S3FilesSim.Cli;

var console = CliConsole.Create(Console.Out, !Console.IsOutputRedirected, Environment.GetEnvironmentVariables());
return await CliApplication.RunAsync(args, console, Console.Out, Console.Error).ConfigureAwait(false);

/// <summary>The entry point; internal, so the ASP.NET Core shared framework (referenced through S3FilesSim.Server) does not make it public.</summary>
internal sealed partial class Program;
