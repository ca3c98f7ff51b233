// When does a write become visible? A writer mount creates a file every 2.5 s; a reader (a second mount of the same
// file system, like a second NFS client) and the bucket (any S3 client) are polled every 100 ms of virtual time.
// The mount sees a closed file at once (close-to-open consistency); the bucket sees it once the file has been quiet
// for the 60 s commit delay and has been exported.
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-synchronization.html
using S3FilesSim;
using S3FilesSim.FileSystem;
using S3FilesSim.ObjectStorage;

const int Files = 24;
var interval = TimeSpan.FromSeconds(2.5);
var poll = TimeSpan.FromMilliseconds(100);

// 1. One file system, two mounts.
await using var sim = S3FilesSimulation.Create(new SimulationOptions { Seed = 5 });
await using var writer = sim.FileSystem.Mount(new MountOptions());
await using var reader = sim.FileSystem.Mount(new MountOptions());
await writer.CreateDirectoriesAsync("/out");

// 2. Write on a schedule and poll both views until the bucket has every file.
var start = sim.Now;
var written = new DateTimeOffset?[Files];
var mountLag = new TimeSpan?[Files];
var bucketLag = new TimeSpan?[Files];
while (bucketLag.Any(lag => lag is null))
{
    var next = Array.IndexOf(written, null);
    if (next >= 0 && sim.Now - start >= interval * next)
    {
        await writer.WriteAllTextAsync($"/out/f{next:D2}.log", $"record {next}\n");
        written[next] = sim.Now;
    }

    for (var i = 0; i < Files; i++)
    {
        if (written[i] is not { } at)
        {
            continue;
        }

        if (mountLag[i] is null && await reader.ExistsAsync($"/out/f{i:D2}.log"))
        {
            mountLag[i] = sim.Now - at;
        }

        if (bucketLag[i] is null && await sim.Bucket.HeadObjectAsync($"out/f{i:D2}.log") is not null)
        {
            bucketLag[i] = sim.Now - at;
        }
    }

    await sim.AdvanceAsync(poll);
}

// 3. Percentiles (nearest rank) of each view's lag.
static TimeSpan Percentile(IEnumerable<TimeSpan?> lags, double p)
{
    var sorted = lags.Select(l => l!.Value).Order().ToArray();
    return sorted[Math.Max(0, (int)Math.Ceiling(p / 100 * sorted.Length) - 1)];
}

Console.WriteLine($"{"view",-22}{"p50",10}{"p95",10}{"p99",10}{"max",10}");
foreach (var (name, lags) in new[] { ("second mount", mountLag), ("bucket (S3 API)", bucketLag) })
{
    Console.WriteLine($"{name,-22}{Percentile(lags, 50).TotalSeconds,9:F1}s{Percentile(lags, 95).TotalSeconds,9:F1}s{Percentile(lags, 99).TotalSeconds,9:F1}s{Percentile(lags, 100).TotalSeconds,9:F1}s");
}

// 4. A histogram of the bucket lag, one bar per poll interval.
foreach (var bin in bucketLag.GroupBy(l => (int)(l!.Value / poll)).OrderBy(g => g.Key))
{
    Console.WriteLine($"{(poll * bin.Key).TotalSeconds,6:F1}s {new string('#', bin.Count()),-Files} {bin.Count()}");
}

Console.WriteLine($"VisibilityTiming: {Files} files; second mount p50 {Percentile(mountLag, 50).TotalSeconds:F1}s, bucket p50 {Percentile(bucketLag, 50).TotalSeconds:F1}s.");
