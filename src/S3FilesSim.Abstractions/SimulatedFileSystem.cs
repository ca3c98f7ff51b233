using System.IO.Abstractions;
using IMount = S3FilesSim.FileSystem.IFileSystem;

namespace S3FilesSim.Abstractions;

/// <summary>The <see cref="System.IO.Abstractions.IFileSystem"/> over one simulated mount; see <see cref="SystemIOAdapterExtensions"/>.</summary>
internal sealed class SimulatedFileSystem : System.IO.Abstractions.IFileSystem
{
    public SimulatedFileSystem(IMount mount, SystemIOAdapterOptions options, IMountChangeSource? changes)
    {
        Context = new MountContext(mount, options);
        Changes = new WatcherChangeDispatcher(changes);
        Operations = new UnixFileSystem(Context);
        Path = new SimulatedPath(this);
        FileStream = new SimulatedFileStreamFactory(this);
        File = new SimulatedFile(this);
        Directory = new SimulatedDirectory(this);
        FileInfo = new SimulatedFileInfoFactory(this);
        DirectoryInfo = new SimulatedDirectoryInfoFactory(this);
        DriveInfo = new SimulatedDriveInfoFactory(this);
        FileVersionInfo = new SimulatedFileVersionInfoFactory(this);
        FileSystemWatcher = new SimulatedFileSystemWatcherFactory(this);
        RandomAccess = new SimulatedRandomAccess(this);
    }

    public MountContext Context { get; }

    public UnixFileSystem Operations { get; }

    /// <summary>Gets the dispatcher of the mount's changes to the watchers.</summary>
    public WatcherChangeDispatcher Changes { get; }

    public IDirectory Directory { get; }

    public IDirectoryInfoFactory DirectoryInfo { get; }

    public IDriveInfoFactory DriveInfo { get; }

    public IFile File { get; }

    public IFileInfoFactory FileInfo { get; }

    public IFileStreamFactory FileStream { get; }

    public IFileSystemWatcherFactory FileSystemWatcher { get; }

    public IFileVersionInfoFactory FileVersionInfo { get; }

    public IPath Path { get; }

    public IRandomAccess RandomAccess { get; }

    /// <summary>The exception for members that take or return an operating-system <see cref="Microsoft.Win32.SafeHandles.SafeFileHandle"/>.</summary>
    public static NotSupportedException NoSafeFileHandle() => new(
        "A SafeFileHandle is an operating-system file descriptor, and the simulated S3 Files mount has none. "
        + "Open the file with File.Open, FileInfo.Open or FileStream.New and use the returned FileSystemStream instead.");
}
