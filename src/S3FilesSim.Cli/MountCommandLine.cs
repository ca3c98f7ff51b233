using System.CommandLine;
using Spectre.Console;

namespace S3FilesSim.Cli;

/// <summary>The <c>mount</c> command's line: <c>s3files-sim mount MOUNTPOINT [MOUNTPOINT ...]</c> with the options it shares with <c>run</c>.</summary>
internal static class MountCommandLine
{
    /// <summary>Builds the command; the shared options are <c>run</c>'s own instances, so they parse and read the same.</summary>
    internal static Command Build(
        IAnsiConsole console,
        TextWriter error,
        Option<string?> source,
        Option<int> seed,
        Option<double> commitDelay,
        Option<long> sizeLessThan,
        Option<long> directReadThreshold,
        Option<string?> json,
        Option<string?> endpoint,
        Option<string?> bucket,
        Option<string> region,
        Option<string?> changes,
        Option<string?> queueUrl)
    {
        var mountPoints = new Argument<string[]>("MOUNTPOINT")
        {
            Description = "Empty directories to mount the file system on; each is one NFS client of it (close-to-open between them)",
            Arity = ArgumentArity.OneOrMore,
        };
        var timeScale = new Option<double>("--time-scale")
        {
            Description = "Virtual seconds per wall second: 1 runs in real time (the 60 s commit delay takes a minute); 60 makes it one second",
            DefaultValueFactory = _ => 1,
            HelpName = "X",
        };
        var user = new Option<string?>("--user") { Description = "Act as this POSIX user for every request, as an access point's enforced user does (default: each calling process's own uid, gid and groups)", HelpName = "UID:GID" };
        var readOnly = new Option<bool>("--read-only") { Description = "Mount read-only, as a client without s3files:ClientWrite: writes fail with EROFS" };
        var accessPoint = new Option<string?>("--access-point") { Description = "Mount through an access point rooted at this directory (created, mode 0755, when missing)", HelpName = "ROOT" };
        var command = new Command("mount", "Load a directory into a bucket (in memory, or a real one with --endpoint) and mount its S3 Files file system through FUSE, so any program can use it; the clock follows the wall clock (--time-scale). Prints each sync event; SIGINT or SIGTERM unmounts and prints the run report. Linux, root, libfuse 3.14 (apt-get install fuse3)")
        {
            mountPoints, source, seed, commitDelay, sizeLessThan, directReadThreshold, json, endpoint, bucket, region, changes, queueUrl, timeScale, user, readOnly, accessPoint,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            try
            {
                var defaults = new RunSettings();
                var settings = new MountSettings
                {
                    Run = new RunSettings
                    {
                        Source = parseResult.GetValue(source),
                        Seed = parseResult.GetValue(seed),
                        CommitDelay = CliApplication.Seconds(parseResult.GetValue(commitDelay), "--commit-delay"),
                        SizeLessThan = parseResult.GetValue(sizeLessThan),
                        DirectReadThreshold = parseResult.GetValue(directReadThreshold),
                        JsonPath = parseResult.GetValue(json),
                        Endpoint = parseResult.GetValue(endpoint),
                        Bucket = parseResult.GetValue(bucket),
                        Region = parseResult.GetValue(region) ?? defaults.Region,
                        Changes = parseResult.GetValue(changes),
                        QueueUrl = parseResult.GetValue(queueUrl),
                    },
                    MountPoints = parseResult.GetValue(mountPoints) ?? [],
                    TimeScale = parseResult.GetValue(timeScale),
                    User = parseResult.GetValue(user) is { } text ? MountCommand.ParseUser(text) : null,
                    AccessPointRoot = parseResult.GetValue(accessPoint),
                    ReadOnly = parseResult.GetValue(readOnly),
                };
                await MountCommand.ExecuteAsync(settings, console, error, cancellationToken).ConfigureAwait(false);
                return 0;
            }
            catch (CliException exception)
            {
                await error.WriteLineAsync("error: " + exception.Message).ConfigureAwait(false);
                return CliApplication.FailureExitCode;
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                await error.WriteLineAsync($"error: the mount failed unexpectedly ({exception.GetType().Name}): {exception.Message.ReplaceLineEndings(" ")}").ConfigureAwait(false);
                return CliApplication.FailureExitCode;
            }
        });
        return command;
    }
}
