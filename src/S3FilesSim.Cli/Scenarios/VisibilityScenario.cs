using System.Text;
using S3FilesSim.Cli.Reporting;
using S3FilesSim.FileSystem;
using S3FilesSim.ObjectStorage;

namespace S3FilesSim.Cli.Scenarios;

/// <summary>
/// A writer mount creates a file every 2.5 s; a second mount of the same file system polls for each (NFS close-to-open)
/// and the bucket is polled for its object (the export after the commit delay), every 100 ms of virtual time
/// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-synchronization.html).
/// </summary>
internal sealed class VisibilityScenario : IScenario
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(2.5);
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);

    public string Name => "visibility";

    public string Description => "a writer mount writes files at intervals; when does a second mount see them, and when the bucket";

    public async Task RunAsync(ScenarioContext context, CancellationToken cancellationToken)
    {
        var count = Math.Clamp((int)(context.Settings.Duration / Interval), 1, 200);
        await using var reader = context.FileSystem.Mount(new MountOptions());
        await context.Mount.CreateDirectoriesAsync("/visibility", cancellationToken: cancellationToken).ConfigureAwait(false);
        var written = new double[count];
        var mountSeen = new double?[count];
        var bucketSeen = new double?[count];
        var next = 0;
        var deadline = context.Settings.Duration + context.Settings.CommitDelay + TimeSpan.FromMinutes(2);
        while (context.Simulation.Now - context.Start <= deadline && bucketSeen.Any(seen => seen is null))
        {
            if (next < count && context.Simulation.Now - context.Start >= Interval * next)
            {
                var path = Path(next);
                await context.WriteFileAsync(path, Encoding.UTF8.GetBytes($"file {next} written at {context.Simulation.Now:O}\n"), cancellationToken).ConfigureAwait(false);
                written[next++] = context.Elapsed;
            }

            for (var i = 0; i < next; i++)
            {
                if (mountSeen[i] is null && await reader.ExistsAsync(Path(i), cancellationToken).ConfigureAwait(false))
                {
                    mountSeen[i] = context.Elapsed - written[i];
                }

                if (bucketSeen[i] is null && await context.Bucket.HeadObjectAsync(Path(i).TrimStart('/'), cancellationToken).ConfigureAwait(false) is not null)
                {
                    bucketSeen[i] = context.Elapsed - written[i];
                }
            }

            await context.AdvanceToAsync(context.Simulation.Now - context.Start + Poll, cancellationToken).ConfigureAwait(false);
        }

        var bucket = bucketSeen.OfType<double>().ToArray();
        context.Report.Visibility = new VisibilityResult(
            count,
            Interval.TotalSeconds,
            Statistics.Summarize(mountSeen.OfType<double>().ToArray()),
            Statistics.Summarize(bucket),
            Statistics.Histogram(bucket, maxBins: 12));
    }

    private static string Path(int index) => $"/visibility/file-{index:D3}.txt";
}
