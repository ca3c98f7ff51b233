using System.IO.Abstractions;
using System.Runtime.Versioning;
using S3FilesSim.FileSystem;

namespace S3FilesSim.Abstractions;

/// <summary>
/// <see cref="DriveInfo"/> for the one drive the adapter has, the mount: an NFS file system (<see cref="DriveFormat"/>
/// <c>nfs</c>, <see cref="DriveType.Network"/>, as .NET reports an NFS v4 mount on Linux) whose sizes come from statfs(2)
/// of the mount (S3 Files reports an 8 EiB file system with the high-performance storage in use subtracted).
/// </summary>
internal sealed class SimulatedDriveInfo : IDriveInfo
{
    private readonly SimulatedFileSystem _fileSystem;

    public SimulatedDriveInfo(SimulatedFileSystem fileSystem, string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException($"Illegal characters in drive name '{name}'.", "driveName");
        }

        if (name.Length == 0)
        {
            throw new ArgumentException("Drive name must not be empty.", "driveName");
        }

        fileSystem.Context.ToMountPath(fileSystem.Context.GetFullPath(name));
        _fileSystem = fileSystem;
        Name = name;
    }

    public System.IO.Abstractions.IFileSystem FileSystem => _fileSystem;

    public string Name { get; }

    public bool IsReady => _fileSystem.Directory.Exists(Name);

    public IDirectoryInfo RootDirectory => _fileSystem.DirectoryInfo.New(Name);

    [System.Diagnostics.CodeAnalysis.AllowNull]
    public string VolumeLabel
    {
        get => Name;

        [SupportedOSPlatform("windows")]
        set => throw new PlatformNotSupportedException();
    }

    public DriveType DriveType => Statistics(out _) switch
    {
        MountContext.Ok => DriveType.Network,
        Errno.ELOOP or Errno.ENAMETOOLONG or Errno.ENOENT or Errno.ENOTDIR => DriveType.NoRootDirectory,
        _ => DriveType.Unknown,
    };

    public string DriveFormat
    {
        get
        {
            ThrowIfFailed(Statistics(out _));
            return "nfs";
        }
    }

    public long AvailableFreeSpace => Bytes(s => s.AvailableBlocks);

    public long TotalFreeSpace => Bytes(s => s.FreeBlocks);

    public long TotalSize => Bytes(s => s.TotalBlocks);

    public override string ToString() => Name;

    private long Bytes(Func<FileSystemStatistics, long> blocks)
    {
        ThrowIfFailed(Statistics(out var statistics));
        return checked((long)((ulong)blocks(statistics!) * (ulong)statistics!.BlockSize));
    }

    private Errno Statistics(out FileSystemStatistics? statistics) =>
        _fileSystem.Context.StatFs(_fileSystem.Context.GetFullPath(Name), out statistics);

    private void ThrowIfFailed(Errno errno)
    {
        if (errno == Errno.ENOENT)
        {
            throw new DriveNotFoundException($"Could not find the drive '{Name}'. The drive might not be ready or might not be mapped.");
        }

        if (errno != MountContext.Ok)
        {
            throw _fileSystem.Context.Error(errno);
        }
    }
}

/// <summary><c>DriveInfo.GetDrives()</c> and <c>new DriveInfo(name)</c>: the mount is the only drive.</summary>
internal sealed class SimulatedDriveInfoFactory(SimulatedFileSystem fileSystem) : IDriveInfoFactory
{
    public System.IO.Abstractions.IFileSystem FileSystem => fileSystem;

    public IDriveInfo[] GetDrives() => [new SimulatedDriveInfo(fileSystem, fileSystem.Context.MountPath)];

    public IDriveInfo New(string driveName) => new SimulatedDriveInfo(fileSystem, driveName);

    /// <summary>A real <see cref="DriveInfo"/> is taken by its name, which must be inside the mount.</summary>
    public IDriveInfo? Wrap(DriveInfo? driveInfo) => driveInfo is null ? null : New(driveInfo.Name);
}
