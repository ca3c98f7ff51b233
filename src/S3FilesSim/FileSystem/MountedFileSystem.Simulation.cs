namespace S3FilesSim.FileSystem;

/// <content>The simulation the mount belongs to.</content>
internal sealed partial class MountedFileSystem : ISimulationMount
{
    /// <inheritdoc />
    public Time.Scheduler Scheduler => _fileSystem.Scheduler;
}
