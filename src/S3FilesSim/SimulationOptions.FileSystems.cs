using S3FilesSim.FileSystem;

namespace S3FilesSim;

/// <content>Options of the default file system.</content>
public sealed partial record SimulationOptions
{
    /// <summary>Gets the options of the default file system (<see cref="S3FilesSimulation.FileSystem"/>).</summary>
    /// <value>The default value is <c>new FileSystemOptions()</c>: the whole bucket, documented limits.</value>
    public FileSystemOptions FileSystem { get; init; } = new();

    partial void ValidateFileSystems()
    {
        ArgumentNullException.ThrowIfNull(FileSystem, nameof(FileSystem));
        FileSystem.Validate();
    }
}
