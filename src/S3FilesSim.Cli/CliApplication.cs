using System.CommandLine;
using S3FilesSim.Cli.Planning;
using S3FilesSim.Cli.Reporting;
using S3FilesSim.Cli.Scenarios;
using Spectre.Console;

namespace S3FilesSim.Cli;

/// <summary>The <c>s3files-sim</c> command line: parsing, help, and one-line errors with non-zero exit codes.</summary>
internal static class CliApplication
{
    /// <summary>The exit code of a failed run (missing directory, unreadable file, option out of range).</summary>
    internal const int FailureExitCode = 1;

    /// <summary>The exit code of a command line that does not parse.</summary>
    internal const int UsageExitCode = 2;

    /// <summary>Parses <paramref name="args"/> and runs the command.</summary>
    /// <param name="args">The command-line arguments.</param>
    /// <param name="console">Where reports are rendered.</param>
    /// <param name="output">Where help is written.</param>
    /// <param name="error">Where the one-line errors are written.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    /// <returns>0 on success, <see cref="FailureExitCode"/> or <see cref="UsageExitCode"/> otherwise.</returns>
    internal static async Task<int> RunAsync(string[] args, IAnsiConsole console, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        var root = BuildRootCommand(console, error);
        var parseResult = root.Parse(args);
        if (parseResult.Errors.Count > 0)
        {
            var commands = root.Subcommands.Select(command => command.Name).ToList();
            var message = args is [var first, ..] && !first.StartsWith('-') && !commands.Contains(first)
                ? $"unknown command '{first}'; the commands are: {string.Join(", ", commands)}."
                : string.Join(' ', parseResult.Errors[0].Message.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
            await error.WriteLineAsync($"error: {message} (see 's3files-sim --help')").ConfigureAwait(false);
            return UsageExitCode;
        }

        // SIGINT and SIGTERM cancel the command's token; 30 s lets serve and mount stop, unmount and print their report before the process is ended.
        var configuration = new InvocationConfiguration { Output = output, Error = error, ProcessTerminationTimeout = TimeSpan.FromSeconds(30) };
        return await parseResult.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
    }

    private static RootCommand BuildRootCommand(IAnsiConsole console, TextWriter error)
    {
        var defaults = new RunSettings();
        var source = new Option<string?>("--source", "-s") { Description = "Directory whose files are loaded into the bucket as objects (keys = relative paths); default: the bundled corpus of licence texts", HelpName = "DIR" };
        source.Validators.Add(result =>
        {
            if (result.Tokens is [{ Value: var value }] && string.IsNullOrWhiteSpace(value))
            {
                result.AddError("--source must name a directory; it was empty.");
            }
        });
        var scenario = new Option<string>("--scenario") { Description = "Scenario to run: " + string.Join(", ", ScenarioCatalog.All.Select(item => item.Name)), DefaultValueFactory = _ => defaults.Scenario, HelpName = "NAME" };
        scenario.AcceptOnlyFromAmong([.. ScenarioCatalog.All.Select(item => item.Name)]);
        var seed = new Option<int>("--seed") { Description = "Seed of the simulation's random source (event delays, ids)", DefaultValueFactory = _ => defaults.Seed, HelpName = "N" };
        var commitDelay = new Option<double>("--commit-delay") { Description = "Seconds without change before a file is exported to the bucket", DefaultValueFactory = _ => defaults.CommitDelay.TotalSeconds, HelpName = "SECONDS" };
        var sizeLessThan = new Option<long>("--size-less-than") { Description = "Import rule: file data is copied to high-performance storage on first directory access only for objects smaller than this", DefaultValueFactory = _ => defaults.SizeLessThan, HelpName = "BYTES" };
        var directReadThreshold = new Option<long>("--direct-read-threshold") { Description = "Smallest read of exported data served straight from the bucket", DefaultValueFactory = _ => defaults.DirectReadThreshold, HelpName = "BYTES" };
        var duration = new Option<double>("--duration") { Description = "Virtual seconds the scenario observes after its job", DefaultValueFactory = _ => defaults.Duration.TotalSeconds, HelpName = "SECONDS" };
        var timeline = new Option<string?>("--timeline")
        {
            Description = "Print the sync timeline: conflicts, lost+found moves and failures first, then retries, expirations and the routine exports, event deliveries and imports; "
                + "or only the kinds listed, comma-separated, in time order: " + TimelineSelection.AcceptedNames,
            HelpName = "KINDS",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var timelinePath = new Option<string?>("--timeline-path") { Description = "Print only the timeline events of this path and everything under it (implies --timeline)", HelpName = "PATH" };
        var noViews = new Option<bool>("--no-views") { Description = "Leave out the tables of the file-system view and the bucket view (they are read without touching the simulation, so no other figure changes)" };
        var json = new Option<string?>("--json") { Description = "Also write the whole report as JSON to this file", HelpName = "FILE" };
        var endpoint = new Option<string?>("--endpoint")
        {
            Description = "Run over a real bucket on this S3-compatible endpoint (or 'aws' for Amazon S3) through the AWS adapter instead of the in-memory bucket. "
                + "The source tree is uploaded by PutObject and every bucket call is a real request; bucket changes arrive through --changes; "
                + "the scenario still runs on the virtual clock (commit delay, polling and metrics advance in virtual time, so the run does not wait 60 s of wall time). "
                + "Credentials come from the AWS SDK's default chain (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_PROFILE, ...). Use an empty bucket: its existing versions count in the report",
            HelpName = "URL",
        };
        var bucket = new Option<string?>("--bucket") { Description = "Name of the versioned bucket on --endpoint", HelpName = "NAME" };
        var region = new Option<string>("--region") { Description = "Region of --endpoint (default: AWS_REGION, else us-east-1)", DefaultValueFactory = _ => defaults.Region, HelpName = "REGION" };
        var changes = new Option<string?>("--changes")
        {
            Description = "How bucket changes reach the file system over --endpoint: 'poll' (bounded polling of the directories the file system has listed: at most 20 ListObjectsV2 a 5 s), "
                + "'sqs' (the bucket's S3 event notifications through an SQS queue: --queue-url, or a queue s3files-sim-BUCKET the run creates and points the bucket at), "
                + "'push' (a Ceph RGW topic pushing notifications to a listener on 127.0.0.1). Default: sqs with --queue-url, else poll",
            HelpName = "SOURCE",
        };
        var queueUrl = new Option<string?>("--queue-url") { Description = "URL of an SQS queue the bucket's notifications already go to (implies --changes sqs)", HelpName = "URL" };
        var run = new Command("run", "Load a directory into a bucket (in memory, or a real one with --endpoint), mount it through S3 Files, run a scenario in virtual time and report what synced, which read tier served what, and the cost")
        {
            source, scenario, seed, commitDelay, sizeLessThan, directReadThreshold, duration, timeline, timelinePath, noViews, json, endpoint, bucket, region, changes, queueUrl,
        };
        run.SetAction(async (parseResult, cancellationToken) =>
        {
            try
            {
                var settings = new RunSettings
                {
                    Source = parseResult.GetValue(source),
                    Scenario = parseResult.GetValue(scenario) ?? defaults.Scenario,
                    Seed = parseResult.GetValue(seed),
                    CommitDelay = Seconds(parseResult.GetValue(commitDelay), "--commit-delay"),
                    SizeLessThan = parseResult.GetValue(sizeLessThan),
                    DirectReadThreshold = parseResult.GetValue(directReadThreshold),
                    Duration = Seconds(parseResult.GetValue(duration), "--duration"),
                    TimelineKinds = parseResult.GetResult(timeline) is null ? null : TimelineSelection.ParseKinds(parseResult.GetValue(timeline)),
                    TimelinePath = parseResult.GetValue(timelinePath) is { } path ? "/" + path.Trim('/') : null,
                    Views = !parseResult.GetValue(noViews),
                    JsonPath = parseResult.GetValue(json),
                    Endpoint = parseResult.GetValue(endpoint),
                    Bucket = parseResult.GetValue(bucket),
                    Region = parseResult.GetValue(region) ?? defaults.Region,
                    Changes = parseResult.GetValue(changes),
                    QueueUrl = parseResult.GetValue(queueUrl),
                };
                await RunCommand.ExecuteAsync(settings, console, cancellationToken).ConfigureAwait(false);
                return 0;
            }
            catch (CliException exception)
            {
                await error.WriteLineAsync("error: " + exception.Message).ConfigureAwait(false);
                return FailureExitCode;
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // A defect in the simulator, not in the user's input: still one line, with the exception type to report it by.
                await error.WriteLineAsync($"error: the simulation failed unexpectedly ({exception.GetType().Name}): {exception.Message.ReplaceLineEndings(" ")}").ConfigureAwait(false);
                return FailureExitCode;
            }
        });
        var scenarios = string.Join("; ", ScenarioCatalog.All.Select(item => $"{item.Name}: {item.Description}"));
        var mount = MountCommandLine.Build(console, error, source, seed, commitDelay, sizeLessThan, directReadThreshold, json, endpoint, bucket, region, changes, queueUrl);
        return new RootCommand($"S3FilesSim: Amazon S3 Files on one machine, on a virtual clock. Scenarios: {scenarios}.") { run, mount, PlanCommand.Create(console, error), ServeCommand.Build(console, error) };
    }

    internal static TimeSpan Seconds(double seconds, string option) =>
        double.IsFinite(seconds) && Math.Abs(seconds) <= TimeSpan.MaxValue.TotalSeconds / 2
            ? TimeSpan.FromSeconds(seconds)
            : throw new CliException($"{option} must be a finite number of seconds; it was {seconds}.");
}
