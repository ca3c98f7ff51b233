using System.CommandLine;
using System.Globalization;
using S3FilesSim.Import;
using Spectre.Console;

namespace S3FilesSim.Cli.Planning;

/// <summary>A command line whose values make no sense (negative rates, a working set over 100 %): exit code 2.</summary>
internal sealed class PlanUsageException(string message) : Exception(message);

/// <summary>The <c>plan</c> command: what S3 Files will cost for a dataset and workload, against EFS and plain S3.</summary>
internal static class PlanCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(IAnsiConsole console, TextWriter error)
    {
        var defaults = new PlanSettings();
        var workload = defaults.Workload;
        var source = new Option<string?>("--source", "-s") { Description = "Plan for the files of a local directory tree", HelpName = "DIR" };
        var endpoint = new Option<string?>("--endpoint") { Description = "Plan for a real bucket on this S3-compatible endpoint (or 'aws'); listing only (ListObjectsV2), no object is read or written", HelpName = "URL" };
        var bucket = new Option<string?>("--bucket") { Description = "The bucket to list on --endpoint", HelpName = "NAME" };
        var region = new Option<string>("--region") { Description = "Region of --endpoint (default: AWS_REGION, else us-east-1)", DefaultValueFactory = _ => defaults.Region, HelpName = "REGION" };
        var listing = new Option<string?>("--listing") { Description = "Plan for the text output of 'aws s3 ls s3://BUCKET --recursive'", HelpName = "FILE" };
        var inventory = new Option<string?>("--inventory") { Description = "Plan for an S3 Inventory report in CSV format (uncompressed)", HelpName = "FILE" };
        var inventorySchema = new Option<string>("--inventory-schema") { Description = "The inventory's fields in order (the manifest's fileSchema)", DefaultValueFactory = _ => InventoryReader.DefaultSchema, HelpName = "FIELDS" };
        var strict = new Option<bool>("--strict") { Description = "Stop at the first unparsable listing line or inventory row (default: skip it and report it with its line number)" };
        var workingSet = new Option<string>("--working-set") { Description = "The working set: a percentage or fraction of the dataset's bytes (10%, 0.1) or a size (50GB; units are binary, 1 GB = 2^30 bytes, as AWS bills)", DefaultValueFactory = _ => "10%", HelpName = "SIZE" };
        var workingSetFiles = new Option<string>("--working-set-files") { Description = "Which files make up the working set: smallest, largest, random or prefix:PREFIX", DefaultValueFactory = _ => "random", HelpName = "WHICH" };
        var reads = new Option<double>("--reads-per-day") { Description = "Full reads of each working-set file per day (0.1 = every 10 days)", DefaultValueFactory = _ => workload.ReadsPerDay, HelpName = "N" };
        var writes = new Option<double>("--writes-per-day") { Description = "Full rewrites of each working-set file per day", DefaultValueFactory = _ => workload.WritesPerDay, HelpName = "N" };
        var newData = new Option<string>("--new-data-per-day") { Description = "New data written through the mount per day (sizes drawn from the dataset's)", DefaultValueFactory = _ => "0", HelpName = "SIZE" };
        var renames = new Option<string>("--renames-per-day") { Description = "Share of the working-set files renamed per day (5%, 0.05)", DefaultValueFactory = _ => "0%", HelpName = "SHARE" };
        var clients = new Option<int>("--clients") { Description = "Clients (mounts) the operations are spread over", DefaultValueFactory = _ => workload.Clients, HelpName = "N" };
        var fromRun = new Option<string?>("--from-run") { Description = "Take the reads, writes and clients per day measured by 's3files-sim run --json FILE' (options given explicitly still win)", HelpName = "FILE" };
        var sizeLessThan = new Option<string>("--size-less-than") { Description = "Import rule for the root: data of files smaller than this is imported on first directory access", DefaultValueFactory = _ => "131072", HelpName = "SIZE" };
        var importRules = new Option<string[]>("--import-rule") { Description = "Another import rule, PREFIX=SIZE or PREFIX=SIZE:on-file-access (repeatable, up to 9)", HelpName = "RULE", AllowMultipleArgumentsPerToken = false };
        var days = new Option<int>("--days-after-last-access") { Description = "Expiration: days without access before file data leaves high-performance storage (1 to 365)", DefaultValueFactory = _ => defaults.DaysAfterLastAccess, HelpName = "DAYS" };
        var directRead = new Option<string>("--direct-read-threshold") { Description = "Smallest read request served straight from S3", DefaultValueFactory = _ => "1048576", HelpName = "SIZE" };
        var pricesPath = new Option<string?>("--prices") { Description = "A JSON price file for another Region or a later price list (region, date, source, s3Files, s3, efs)", HelpName = "FILE" };
        var simulatedDays = new Option<int?>("--days") { Description = "Days to simulate (default: max(60, 2 x the expiration window))", HelpName = "DAYS" };
        var seed = new Option<int>("--seed") { Description = "Seed of the working-set draw, the sampling and the simulation", DefaultValueFactory = _ => defaults.Seed, HelpName = "N" };
        var sampleFiles = new Option<int>("--sample-files") { Description = "Files simulated before strata are sampled", DefaultValueFactory = _ => defaults.SampleFiles, HelpName = "N" };
        var json = new Option<string?>("--json") { Description = "Also write the plan as JSON (steadyStateMonthlyUsd and firstMonthUsd with s3Files, efsStandard, s3Standard, and everything else)", HelpName = "FILE" };
        var html = new Option<string?>("--html") { Description = "Also write a self-contained HTML report with the charts as SVG", HelpName = "FILE" };
        var command = new Command("plan", "What S3 Files will cost for a dataset and workload, against EFS and plain S3: the workload driven through the simulator on the virtual clock until steady state and metered with its cost meter")
        {
            source, endpoint, bucket, region, listing, inventory, inventorySchema, strict, workingSet, workingSetFiles, reads, writes, newData, renames, clients, fromRun,
            sizeLessThan, importRules, days, directRead, pricesPath, simulatedDays, seed, sampleFiles, json, html,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            try
            {
                var settings = Settings(parse);
                var prices = settings.PricesPath is { } path ? PlanPrices.Load(path) : PlanPrices.UsEast1;
                var dataset = await DatasetLoader.LoadAsync(settings, cancellationToken).ConfigureAwait(false);
                if (dataset.Count == 0)
                {
                    throw new CliException($"the dataset ({dataset.Source}) holds no files to plan for.");
                }

                var plan = await PlanEngine.RunAsync(dataset, settings, prices, cancellationToken).ConfigureAwait(false);
                PlanRenderer.Render(console, plan);
                if (settings.JsonPath is { } jsonPath)
                {
                    await PlanOutputs.WriteAsync(jsonPath, PlanOutputs.Json(plan), cancellationToken).ConfigureAwait(false);
                    console.MarkupLineInterpolated($"Plan written to [bold]{jsonPath}[/].");
                }

                if (settings.HtmlPath is { } htmlPath)
                {
                    await PlanOutputs.WriteAsync(htmlPath, PlanOutputs.Html(plan), cancellationToken).ConfigureAwait(false);
                    console.MarkupLineInterpolated($"Report written to [bold]{htmlPath}[/].");
                }

                return 0;
            }
            catch (PlanUsageException exception)
            {
                await error.WriteLineAsync($"error: {exception.Message} (see 's3files-sim plan --help')").ConfigureAwait(false);
                return CliApplication.UsageExitCode;
            }
            catch (CliException exception)
            {
                await error.WriteLineAsync("error: " + exception.Message).ConfigureAwait(false);
                return CliApplication.FailureExitCode;
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                await error.WriteLineAsync($"error: the plan failed unexpectedly ({exception.GetType().Name}): {exception.Message.ReplaceLineEndings(" ")}").ConfigureAwait(false);
                return CliApplication.FailureExitCode;
            }
        });
        return command;

        PlanSettings Settings(ParseResult parse)
        {
            var sources = new[] { parse.GetValue(source) is not null, parse.GetValue(endpoint) is not null || parse.GetValue(bucket) is not null, parse.GetValue(listing) is not null, parse.GetValue(inventory) is not null }.Count(given => given);
            if (sources != 1)
            {
                throw new PlanUsageException("give exactly one dataset: --source DIR, --endpoint URL --bucket NAME, --listing FILE or --inventory FILE.");
            }

            if ((parse.GetValue(endpoint) is null) != (parse.GetValue(bucket) is null))
            {
                throw new PlanUsageException("--endpoint and --bucket go together.");
            }

            var given = (Option option) => parse.GetResult(option) is { Implicit: false };
            var selection = Workload.ParseSelection(parse.GetValue(workingSetFiles)!) ?? throw new PlanUsageException($"--working-set-files must be smallest, largest, random or prefix:PREFIX; it was '{parse.GetValue(workingSetFiles)}'.");
            var load = new Workload { Selection = selection.Selection, SelectionPrefix = selection.Prefix };
            if (parse.GetValue(fromRun) is { } run)
            {
                load = Workload.FromRun(run, load);
            }

            if (given(workingSet) || parse.GetValue(fromRun) is null)
            {
                var (fraction, size) = WorkingSetSize(parse.GetValue(workingSet)!);
                if (selection.Selection == WorkingSetSelection.Prefix && !given(workingSet))
                {
                    (fraction, size) = (1, null);
                }

                load = load with { WorkingSetFraction = fraction, WorkingSetBytes = size };
            }

            load = load with
            {
                ReadsPerDay = given(reads) || parse.GetValue(fromRun) is null ? parse.GetValue(reads) : load.ReadsPerDay,
                WritesPerDay = given(writes) || parse.GetValue(fromRun) is null ? parse.GetValue(writes) : load.WritesPerDay,
                Clients = given(clients) || parse.GetValue(fromRun) is null ? parse.GetValue(clients) : load.Clients,
                NewBytesPerDay = Size(parse.GetValue(newData)!, "--new-data-per-day"),
                RenamesPerDay = Share(parse.GetValue(renames)!, "--renames-per-day"),
            };
            if (load.Problem() is { } problem)
            {
                throw new PlanUsageException(problem);
            }

            var rootSize = Size(parse.GetValue(sizeLessThan)!, "--size-less-than");
            var rules = new List<ImportDataRule> { new() { SizeLessThan = rootSize } };
            foreach (var text in parse.GetValue(importRules) ?? [])
            {
                rules.Add(ImportRule(text));
            }

            var configuration = new SynchronizationConfiguration { ImportDataRules = rules, ExpirationDataRules = [new ExpirationDataRule { DaysAfterLastAccess = parse.GetValue(days) }] };
            ValidateConfiguration(configuration);

            var threshold = Size(parse.GetValue(directRead)!, "--direct-read-threshold");
            if (threshold < 1)
            {
                throw new PlanUsageException($"--direct-read-threshold must be positive; it was {threshold}.");
            }

            var daysToSimulate = parse.GetValue(simulatedDays);
            if (daysToSimulate is { } d && (d < 30 + 30 || d > 3650 || d < 2 * parse.GetValue(days)))
            {
                throw new PlanUsageException($"--days must be at least 60 and twice the expiration window ({2 * parse.GetValue(days)}), at most 3,650; it was {d}.");
            }

            if (parse.GetValue(sampleFiles) < 100)
            {
                throw new PlanUsageException($"--sample-files must be at least 100; it was {parse.GetValue(sampleFiles)}.");
            }

            return new PlanSettings
            {
                Source = parse.GetValue(source),
                Endpoint = parse.GetValue(endpoint),
                Bucket = parse.GetValue(bucket),
                Region = parse.GetValue(region) ?? defaults.Region,
                Listing = parse.GetValue(listing),
                Inventory = parse.GetValue(inventory),
                InventorySchema = parse.GetValue(inventorySchema) ?? InventoryReader.DefaultSchema,
                Strict = parse.GetValue(strict),
                Workload = load,
                ImportRules = rules,
                DaysAfterLastAccess = parse.GetValue(days),
                DirectReadThreshold = threshold,
                PricesPath = parse.GetValue(pricesPath),
                Days = daysToSimulate,
                Seed = parse.GetValue(seed),
                SampleFiles = parse.GetValue(sampleFiles),
                JsonPath = parse.GetValue(json),
                HtmlPath = parse.GetValue(html),
            };
        }
    }

    /// <summary>Checks the rules as the service's PutSynchronizationConfiguration does, on a throwaway file system.</summary>
    private static void ValidateConfiguration(SynchronizationConfiguration configuration)
    {
        var simulation = S3FilesSimulation.Create();
        try
        {
            simulation.FileSystem.PutSynchronizationConfiguration(configuration);
        }
        catch (ArgumentException exception)
        {
            throw new PlanUsageException(exception.Message.Split(" (Parameter", StringSplitOptions.None)[0]);
        }
        finally
        {
            simulation.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    /// <summary>Parses a working-set size: 10%, 0.1 (a fraction up to 1) or a size with a unit.</summary>
    internal static (double? Fraction, long? Bytes) WorkingSetSize(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.EndsWith('%'))
        {
            return double.TryParse(trimmed[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var percent) && double.IsFinite(percent)
                ? (percent / 100, null)
                : throw new PlanUsageException($"--working-set '{text}' is not a percentage.");
        }

        if (double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && !trimmed.Any(char.IsLetter))
        {
            return number is >= 0 and <= 1 ? (number, null) : number < 0
                ? throw new PlanUsageException($"--working-set must not be negative; it was {text}.")
                : throw new PlanUsageException($"--working-set {text} is over 100 %: give a fraction up to 1, a percentage, or a size with a unit (50GB).");
        }

        return (null, Size(text, "--working-set"));
    }

    private static long Size(string text, string option)
    {
        var bytes = PlanFormat.ParseBytes(text) ?? throw new PlanUsageException($"{option} '{text}' is not a size (a byte count, or a number with KB, MB, GB, TB or PB).");
        return bytes >= 0 ? bytes : throw new PlanUsageException($"{option} must not be negative; it was {text}.");
    }

    private static double Share(string text, string option)
    {
        var trimmed = text.Trim();
        var percent = trimmed.EndsWith('%');
        if (!double.TryParse(percent ? trimmed[..^1] : trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            throw new PlanUsageException($"{option} '{text}' is not a share (5%, 0.05).");
        }

        return percent ? value / 100 : value;
    }

    private static ImportDataRule ImportRule(string text)
    {
        var equals = text.LastIndexOf('=');
        if (equals < 0)
        {
            throw new PlanUsageException($"--import-rule '{text}' must be PREFIX=SIZE or PREFIX=SIZE:on-file-access.");
        }

        var value = text[(equals + 1)..];
        var trigger = ImportTrigger.OnDirectoryFirstAccess;
        if (value.EndsWith(":on-file-access", StringComparison.OrdinalIgnoreCase))
        {
            trigger = ImportTrigger.OnFileAccess;
            value = value[..^":on-file-access".Length];
        }
        else if (value.EndsWith(":on-directory-first-access", StringComparison.OrdinalIgnoreCase))
        {
            value = value[..^":on-directory-first-access".Length];
        }

        return new ImportDataRule { Prefix = text[..equals], SizeLessThan = Size(value, "--import-rule"), Trigger = trigger };
    }
}
