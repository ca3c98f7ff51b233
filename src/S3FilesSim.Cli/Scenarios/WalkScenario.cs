using S3FilesSim.Cli.Reporting;
using S3FilesSim.FileSystem;

namespace S3FilesSim.Cli.Scenarios;

/// <summary>Lists every directory and stats every entry of the tree (<c>find / -ls</c>): each first listing lazily imports one directory level.</summary>
internal sealed class WalkScenario : IScenario
{
    public string Name => "walk";

    public string Description => "readdir + stat of the whole tree (lazy import of every directory)";

    public async Task RunAsync(ScenarioContext context, CancellationToken cancellationToken)
    {
        int directories = 1, files = 0, symlinks = 0;
        long bytes = 0, readDirectoryCalls = 0, statCalls = 0;
        var pending = new Stack<string>();
        pending.Push("/");
        while (pending.TryPop(out var directory))
        {
            readDirectoryCalls++;
            foreach (var entry in await context.ReadDirectoryAsync(directory, cancellationToken).ConfigureAwait(false))
            {
                var path = ScenarioCatalog.Combine(directory, entry.Name);
                var status = await context.StatAsync(path, cancellationToken).ConfigureAwait(false);
                statCalls++;
                switch (status.Type)
                {
                    case FileType.Directory:
                        directories++;
                        pending.Push(path);
                        break;
                    case FileType.SymbolicLink:
                        symlinks++;
                        break;
                    default:
                        files++;
                        bytes += status.Size;
                        break;
                }
            }
        }

        context.Report.Walk = new WalkResult(directories, files, symlinks, bytes, readDirectoryCalls, statCalls);
        await context.AdvanceToAsync(context.Settings.Duration, cancellationToken).ConfigureAwait(false);
    }
}
