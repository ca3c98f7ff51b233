namespace S3FilesSim.FileSystem;

/// <content>The simulation's scheduler, for front doors over the file system's mounts (<see cref="ISimulationMount"/>).</content>
public sealed partial class S3FilesFileSystem
{
    /// <summary>Gets the simulation's scheduler.</summary>
    internal Time.Scheduler Scheduler => Components.Scheduler;
}
