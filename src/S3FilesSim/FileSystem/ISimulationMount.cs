namespace S3FilesSim.FileSystem;

/// <summary>A mount of a file system of an <see cref="S3FilesSimulation"/>: what front doors over a mount need to run their own
/// work on the simulation's virtual clock.</summary>
/// <remarks>Every mount returned by <see cref="S3FilesFileSystem.Mount"/> implements it (next to <see cref="IFileSystemChangeFeed"/>).</remarks>
public interface ISimulationMount
{
    /// <summary>Gets the scheduler of the simulation the mount's file system belongs to. A front door queues there the work
    /// that must not run under the file system's lock, such as raising the notifications of <see cref="IFileSystemChangeFeed"/>;
    /// it runs, in order, when the simulation runs due work (<see cref="S3FilesSimulation.AdvanceAsync"/>,
    /// <see cref="S3FilesSimulation.RunUntilIdleAsync"/>, or a real-time driver).</summary>
    Time.Scheduler Scheduler { get; }
}
