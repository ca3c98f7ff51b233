using S3FilesSim.Cli.Reporting;
using S3FilesSim.FileSystem;

namespace S3FilesSim.Cli.Scenarios;

/// <summary>Reads every file of the tree twice (cold, then 30 s later) with requests of at most 1 MiB and attributes each read to the tier that served it, per size class
/// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-performance.html).</summary>
internal sealed class ReadAllScenario : IScenario
{
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(30);

    public string Name => "read-all";

    public string Description => "read every file; which read tier served what, by file size class";

    /// <summary>Reads every file once; the rows attribute each request to its tier by the file's size class.</summary>
    private static async Task<IEnumerable<TierBySize>> ReadPassAsync(ScenarioContext context, string pass, List<(string Path, long Size)> files, string[] classes, CancellationToken cancellationToken)
    {
        var rows = classes.Select(_ => new long[5]).ToArray();
        foreach (var (path, size) in files)
        {
            var before = context.FileSystem.ReadStatistics;
            await context.ReadFileAsync(path, cancellationToken).ConfigureAwait(false);
            var after = context.FileSystem.ReadStatistics;
            var row = rows[size < context.Settings.SizeLessThan ? 0 : size < context.Settings.DirectReadThreshold ? 1 : 2];
            row[0]++;
            row[1] += size;
            row[2] += after.HotTierReads - before.HotTierReads;
            row[3] += after.BucketDirectReads - before.BucketDirectReads;
            row[4] += after.BucketThenImportReads - before.BucketThenImportReads;
        }

        return classes.Select((name, i) => new TierBySize(pass, name, (int)rows[i][0], rows[i][1], rows[i][2], rows[i][3], rows[i][4]));
    }

    public async Task RunAsync(ScenarioContext context, CancellationToken cancellationToken)
    {
        var files = new List<(string Path, long Size)>();
        await foreach (var (path, entry) in context.Mount.EnumerateEntriesAsync("/", recursive: true, cancellationToken).ConfigureAwait(false))
        {
            context.Counts.MetadataReads++;
            if (entry.Type == FileType.RegularFile)
            {
                files.Add((path, (await context.StatAsync(path, cancellationToken).ConfigureAwait(false)).Size));
            }
        }

        var importLimit = context.Settings.SizeLessThan;
        var directLimit = context.Settings.DirectReadThreshold;
        string[] classes = [$"< {Format.Bytes(importLimit)}", $"{Format.Bytes(importLimit)} to {Format.Bytes(directLimit)}", $">= {Format.Bytes(directLimit)}"];
        var results = new List<TierBySize>();
        results.AddRange(await ReadPassAsync(context, "cold", files, classes, cancellationToken).ConfigureAwait(false));
        await context.AdvanceToAsync(WarmUp, cancellationToken).ConfigureAwait(false);
        results.AddRange(await ReadPassAsync(context, $"warm (+{WarmUp.TotalSeconds:0} s)", files, classes, cancellationToken).ConfigureAwait(false));
        context.Report.ReadAll = results;
        await context.AdvanceToAsync(context.Settings.Duration, cancellationToken).ConfigureAwait(false);
    }
}
