using S3FilesSim.FileSystem;
using S3FilesSim.Time;
using IMount = S3FilesSim.FileSystem.IFileSystem;

namespace S3FilesSim.Abstractions;

/// <summary>Finds the change feed (<see cref="IFileSystemChangeFeed"/>) and scheduler (<see cref="ISimulationMount"/>) of a mount.</summary>
internal static class MountChangeSources
{
    /// <summary>Returns the change source of <paramref name="mount"/>, or <see langword="null"/> when it is not a mount of a simulated file system.</summary>
    public static IMountChangeSource? For(IMount mount) =>
        mount is IFileSystemChangeFeed feed && mount is ISimulationMount simulation ? new FeedSource(feed, simulation.Scheduler) : null;

    private sealed class FeedSource(IFileSystemChangeFeed feed, Scheduler scheduler) : IMountChangeSource
    {
        public IDisposable Subscribe(Action<MountChange> handler) => feed.SubscribeChanges(change => handler(new MountChange(
            change.Kind switch
            {
                FileSystemChangeKind.Created => MountChangeKind.Created,
                FileSystemChangeKind.DataChanged => MountChangeKind.DataChanged,
                FileSystemChangeKind.MetadataChanged => MountChangeKind.MetadataChanged,
                FileSystemChangeKind.Renamed => MountChangeKind.Renamed,
                _ => MountChangeKind.Deleted,
            },
            change.Path,
            change.OldPath,
            change.Type == FileType.Directory)));

        public IDisposable Schedule(TimeSpan delay, Action work) => new Cancellation(scheduler.Schedule(delay, work, "FileSystemWatcher"));
    }

    private sealed class Cancellation(ScheduledWork work) : IDisposable
    {
        public void Dispose() => work.Cancel();
    }
}
