using System.Text;
using S3FilesSim.Cli.Reporting;
using S3FilesSim.FileSystem;
using S3FilesSim.ObjectStorage;

namespace S3FilesSim.Cli.Scenarios;

/// <summary>
/// Appends a line to up to 12 files through the mount, then, while they are still dirty, another S3 client overwrites a third of their
/// objects and deletes another third: the bucket wins and the file-system versions move to lost+found
/// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-synchronization.html).
/// </summary>
internal sealed class ConflictsScenario : IScenario
{
    private const int MaxFiles = LoadReport.FirstFileKeyCount;

    private static readonly byte[] Edit = "\nedited through the S3 Files mount\n"u8.ToArray();

    public string Name => "conflicts";

    public string Description => "append to up to 12 files, then overwrite or delete some of their objects from another S3 client while they are dirty: lost+found fills";

    public async Task RunAsync(ScenarioContext context, CancellationToken cancellationToken)
    {
        // The files to edit are taken from what was loaded, as a user who knows the tree names them; the job does not list the tree.
        var paths = context.Report.Load.FirstFileKeys.Take(MaxFiles).Select(key => "/" + key).ToList();
        foreach (var path in paths)
        {
            await context.AppendAsync(path, Edit, cancellationToken).ConfigureAwait(false);
        }

        await context.SnapshotAsync("files changed on the mount", [], cancellationToken).ConfigureAwait(false);
        var halfway = context.Settings.CommitDelay / 2;
        await context.AdvanceToAsync(halfway, cancellationToken).ConfigureAwait(false);
        var overwritten = new List<string>();
        var deleted = new List<string>();
        for (var i = 0; i < paths.Count; i++)
        {
            var key = paths[i].TrimStart('/');
            if (i % 3 == 0)
            {
                var body = Encoding.UTF8.GetBytes($"written by another S3 client at {context.Simulation.Now:O}\n");
                await context.Bucket.PutObjectAsync(key, body, cancellationToken: cancellationToken).ConfigureAwait(false);
                context.Counts.OtherClientWrites++;
                overwritten.Add(key);
            }
            else if (i % 3 == 1)
            {
                await context.Bucket.DeleteObjectAsync(key, cancellationToken).ConfigureAwait(false);
                context.Counts.OtherClientDeletes++;
                deleted.Add(key);
            }
        }

        await context.AdvanceToAsync(context.Settings.Duration, cancellationToken).ConfigureAwait(false);
        await context.SnapshotAsync("end of run", [], cancellationToken).ConfigureAwait(false);
        var lostAndFound = "/.s3files-lost+found-" + context.FileSystem.FileSystemId;
        var entries = context.Observer.Stat(lostAndFound) is { Type: FileType.Directory }
            ? context.Observer.ListRecursive(lostAndFound).Where(entry => entry.Type != FileType.Directory).Select(entry => entry.Path).ToList()
            : [];
        context.Report.Conflicts = new ConflictResult(overwritten, deleted, context.FileSystem.LostAndFoundFiles, lostAndFound, entries);
    }
}
