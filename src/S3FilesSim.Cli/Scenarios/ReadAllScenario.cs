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

    /// <summary>Returns the size classes the options define: the import limit (<c>--size-less-than</c>) and the direct-read
    /// threshold (<c>--direct-read-threshold</c>) as ascending boundaries, a boundary of 0 or one given twice left out.</summary>
    /// <returns>Each class's label and its smallest size in bytes.</returns>
    internal static IReadOnlyList<(string Label, long From)> SizeClasses(long sizeLessThan, long directReadThreshold)
    {
        var boundaries = new[] { sizeLessThan, directReadThreshold }.Where(boundary => boundary > 0).Distinct().Order().ToArray();
        var classes = new List<(string, long)>();
        for (var i = 0; i <= boundaries.Length; i++)
        {
            var from = i == 0 ? 0 : boundaries[i - 1];
            var label = i == 0 ? $"< {Format.Bytes(boundaries[0])}"
                : i == boundaries.Length ? $">= {Format.Bytes(from)}"
                : $"{Format.Bytes(from)} to < {Format.Bytes(boundaries[i])}";
            classes.Add((label, from));
        }

        return classes;
    }

    public async Task RunAsync(ScenarioContext context, CancellationToken cancellationToken)
    {
        var files = new List<(string Path, long Size)>();
        await foreach (var (path, entry) in context.Mount.EnumerateEntriesAsync("/", recursive: true, cancellationToken).ConfigureAwait(false))
        {
            if (entry.Type == FileType.RegularFile)
            {
                files.Add((path, context.Observer.Stat(path)!.Size));    // the size class is the report's, not a stat of the job
            }
        }

        var classes = SizeClasses(context.Settings.SizeLessThan, context.Settings.DirectReadThreshold);
        var results = new List<TierBySize>();
        results.AddRange(await ReadPassAsync(context, "cold", files, classes, cancellationToken).ConfigureAwait(false));
        await context.AdvanceToAsync(WarmUp, cancellationToken).ConfigureAwait(false);
        results.AddRange(await ReadPassAsync(context, $"warm (+{WarmUp.TotalSeconds:0} s)", files, classes, cancellationToken).ConfigureAwait(false));
        context.Report.ReadAll = results;
        await context.AdvanceToAsync(context.Settings.Duration, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads every file once; the rows attribute each request to its tier by the file's size class.</summary>
    private static async Task<IEnumerable<TierBySize>> ReadPassAsync(ScenarioContext context, string pass, List<(string Path, long Size)> files, IReadOnlyList<(string Label, long From)> classes, CancellationToken cancellationToken)
    {
        var rows = classes.Select(_ => new long[5]).ToArray();
        var step = context.Progress.Start($"read-all: {pass} pass over {Format.Count(files.Count, "file")}", files.Count);
        var done = 0;
        foreach (var (path, size) in files)
        {
            var before = context.FileSystem.ReadStatistics;
            await context.ReadFileAsync(path, onChunk: null, cancellationToken).ConfigureAwait(false);
            var after = context.FileSystem.ReadStatistics;
            var row = rows[LastIndex(classes, size)];
            row[0]++;
            row[1] += size;
            row[2] += after.HotTierReads - before.HotTierReads;
            row[3] += after.BucketDirectReads - before.BucketDirectReads;
            row[4] += after.BucketThenImportReads - before.BucketThenImportReads;
            step.Report(++done);
        }

        step.Complete();
        return classes.Select((sizeClass, i) => new TierBySize(pass, sizeClass.Label, (int)rows[i][0], rows[i][1], rows[i][2], rows[i][3], rows[i][4]));
    }

    private static int LastIndex(IReadOnlyList<(string Label, long From)> classes, long size)
    {
        var index = 0;
        while (index + 1 < classes.Count && size >= classes[index + 1].From)
        {
            index++;
        }

        return index;
    }
}
