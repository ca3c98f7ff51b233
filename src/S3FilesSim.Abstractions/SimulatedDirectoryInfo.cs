using System.IO.Abstractions;

namespace S3FilesSim.Abstractions;

/// <summary><see cref="DirectoryInfo"/> over the mount.</summary>
internal sealed class SimulatedDirectoryInfo : SimulatedFileSystemInfo, IDirectoryInfo
{
    private string? _name;

    public SimulatedDirectoryInfo(SimulatedFileSystem fileSystem, string originalPath, string fullPath, EntryStatus? status = null, string? name = null)
        : base(fileSystem, originalPath, fullPath, status)
    {
        _name = name;
    }

    protected override bool AsDirectory => true;

    public override string Name => _name ??= FullPath == "/" ? "/" : UnixPath.GetFileName(UnixPath.TrimEndingSeparator(FullPath))!;

    public override bool Exists
    {
        get
        {
            try
            {
                return ExistsCore;
            }
            catch (Exception exception) when (exception is not PathOutsideMountException)
            {
                return false;
            }
        }
    }

    public IDirectoryInfo? Parent
    {
        get
        {
            var parent = UnixPath.GetDirectoryName(FullPath == "/" ? FullPath : UnixPath.TrimEndingSeparator(FullPath));
            return parent is null ? null : new SimulatedDirectoryInfo(Owner, parent, parent);
        }
    }

    public IDirectoryInfo Root => new SimulatedDirectoryInfo(Owner, "/", "/");

    public void Create()
    {
        Owner.Operations.CreateDirectory(FullPath);
        Invalidate();
    }

    public IDirectoryInfo CreateSubdirectory(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Length == 0)
        {
            throw new ArgumentException(SystemIOMessages.PathEmpty, nameof(path));
        }

        if (UnixPath.IsRooted(path))
        {
            throw new ArgumentException(SystemIOMessages.Path2IsRooted, nameof(path));
        }

        var fullPath = Context.GetFullPath(UnixPath.Combine(FullPath, path));
        var child = UnixPath.TrimEndingSeparator(fullPath);
        var self = UnixPath.TrimEndingSeparator(FullPath);
        if (!UnixPath.IsSameOrUnder(child, self))
        {
            throw new ArgumentException(SystemIOMessages.Format(SystemIOMessages.InvalidSubPath, path, FullPath), nameof(path));
        }

        Owner.Operations.CreateDirectory(fullPath);
        return new SimulatedDirectoryInfo(Owner, fullPath, fullPath);
    }

    public override void Delete() => Delete(recursive: false);

    public void Delete(bool recursive)
    {
        Owner.Operations.RemoveDirectory(FullPath, recursive);
        Invalidate();
    }

    public void MoveTo(string destDirName)
    {
        ArgumentException.ThrowIfNullOrEmpty(destDirName);
        var destination = Context.GetFullPath(destDirName);
        Owner.Operations.MoveDirectory(FullPath, destination);
        OriginalPath = destDirName;
        FullPath = UnixPath.EndsInSeparator(destination) ? destination : destination + "/";
        _name = null;
        Invalidate();
    }

    public IEnumerable<IDirectoryInfo> EnumerateDirectories() => EnumerateDirectories("*", Enumerations.Compatible);

    public IEnumerable<IDirectoryInfo> EnumerateDirectories(string searchPattern) => EnumerateDirectories(searchPattern, Enumerations.Compatible);

    public IEnumerable<IDirectoryInfo> EnumerateDirectories(string searchPattern, SearchOption searchOption) =>
        EnumerateDirectories(searchPattern, Enumerations.FromSearchOption(searchOption));

    public IEnumerable<IDirectoryInfo> EnumerateDirectories(string searchPattern, EnumerationOptions enumerationOptions) =>
        Infos(searchPattern, enumerationOptions, SearchTarget.Directories).Cast<IDirectoryInfo>();

    public IEnumerable<IFileInfo> EnumerateFiles() => EnumerateFiles("*", Enumerations.Compatible);

    public IEnumerable<IFileInfo> EnumerateFiles(string searchPattern) => EnumerateFiles(searchPattern, Enumerations.Compatible);

    public IEnumerable<IFileInfo> EnumerateFiles(string searchPattern, SearchOption searchOption) =>
        EnumerateFiles(searchPattern, Enumerations.FromSearchOption(searchOption));

    public IEnumerable<IFileInfo> EnumerateFiles(string searchPattern, EnumerationOptions enumerationOptions) =>
        Infos(searchPattern, enumerationOptions, SearchTarget.Files).Cast<IFileInfo>();

    public IEnumerable<IFileSystemInfo> EnumerateFileSystemInfos() => EnumerateFileSystemInfos("*", Enumerations.Compatible);

    public IEnumerable<IFileSystemInfo> EnumerateFileSystemInfos(string searchPattern) => EnumerateFileSystemInfos(searchPattern, Enumerations.Compatible);

    public IEnumerable<IFileSystemInfo> EnumerateFileSystemInfos(string searchPattern, SearchOption searchOption) =>
        EnumerateFileSystemInfos(searchPattern, Enumerations.FromSearchOption(searchOption));

    public IEnumerable<IFileSystemInfo> EnumerateFileSystemInfos(string searchPattern, EnumerationOptions enumerationOptions) =>
        Infos(searchPattern, enumerationOptions, SearchTarget.Both);

    public IDirectoryInfo[] GetDirectories() => [.. EnumerateDirectories()];

    public IDirectoryInfo[] GetDirectories(string searchPattern) => [.. EnumerateDirectories(searchPattern)];

    public IDirectoryInfo[] GetDirectories(string searchPattern, SearchOption searchOption) => [.. EnumerateDirectories(searchPattern, searchOption)];

    public IDirectoryInfo[] GetDirectories(string searchPattern, EnumerationOptions enumerationOptions) => [.. EnumerateDirectories(searchPattern, enumerationOptions)];

    public IFileInfo[] GetFiles() => [.. EnumerateFiles()];

    public IFileInfo[] GetFiles(string searchPattern) => [.. EnumerateFiles(searchPattern)];

    public IFileInfo[] GetFiles(string searchPattern, SearchOption searchOption) => [.. EnumerateFiles(searchPattern, searchOption)];

    public IFileInfo[] GetFiles(string searchPattern, EnumerationOptions enumerationOptions) => [.. EnumerateFiles(searchPattern, enumerationOptions)];

    public IFileSystemInfo[] GetFileSystemInfos() => [.. EnumerateFileSystemInfos()];

    public IFileSystemInfo[] GetFileSystemInfos(string searchPattern) => [.. EnumerateFileSystemInfos(searchPattern)];

    public IFileSystemInfo[] GetFileSystemInfos(string searchPattern, SearchOption searchOption) => [.. EnumerateFileSystemInfos(searchPattern, searchOption)];

    public IFileSystemInfo[] GetFileSystemInfos(string searchPattern, EnumerationOptions enumerationOptions) => [.. EnumerateFileSystemInfos(searchPattern, enumerationOptions)];

    private IEnumerable<IFileSystemInfo> Infos(string searchPattern, EnumerationOptions options, SearchTarget target)
    {
        ArgumentNullException.ThrowIfNull(searchPattern);
        ArgumentNullException.ThrowIfNull(options);
        var directory = FullPath;
        MountEnumerable<IFileSystemInfo>.NormalizeInputs(ref directory, ref searchPattern, options);
        return new MountEnumerable<IFileSystemInfo>(Owner, directory, searchPattern, options, target, (entry, _) => Enumerations.ToInfo(Owner, entry));
    }
}

/// <summary><c>new DirectoryInfo(path)</c> over the mount.</summary>
internal sealed class SimulatedDirectoryInfoFactory(SimulatedFileSystem fileSystem) : IDirectoryInfoFactory
{
    public System.IO.Abstractions.IFileSystem FileSystem => fileSystem;

    public IDirectoryInfo New(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return new SimulatedDirectoryInfo(fileSystem, path, fileSystem.Context.GetFullPath(path));
    }

    /// <summary>A real <see cref="DirectoryInfo"/> is taken by its full name, which must be inside the mount.</summary>
    public IDirectoryInfo? Wrap(DirectoryInfo? directoryInfo) => directoryInfo is null ? null : New(directoryInfo.FullName);
}

/// <summary>The EnumerationOptions System.IO uses for the overloads without one, and entry-to-info conversion.</summary>
internal static class Enumerations
{
    /// <summary>Gets the options of the pattern overloads: Win32 matching, nothing skipped, errors not ignored.</summary>
    public static EnumerationOptions Compatible { get; } = new() { MatchType = MatchType.Win32, AttributesToSkip = 0, IgnoreInaccessible = false };

    private static EnumerationOptions CompatibleRecursive { get; } = new() { RecurseSubdirectories = true, MatchType = MatchType.Win32, AttributesToSkip = 0, IgnoreInaccessible = false };

    public static EnumerationOptions FromSearchOption(SearchOption searchOption) => searchOption switch
    {
        SearchOption.TopDirectoryOnly => Compatible,
        SearchOption.AllDirectories => CompatibleRecursive,
        _ => throw new ArgumentOutOfRangeException(nameof(searchOption), SystemIOMessages.EnumOutOfRange),
    };

    /// <summary>FileSystemEntry.ToFileSystemInfo: an info named by the entry's full path, its status loaded now.</summary>
    public static IFileSystemInfo ToInfo(SimulatedFileSystem fileSystem, MountEntry entry)
    {
        var fullPath = entry.FullPath;
        SimulatedFileSystemInfo info = entry.IsDirectory
            ? new SimulatedDirectoryInfo(fileSystem, fullPath, fullPath, entry.Status, entry.Name)
            : new SimulatedFileInfo(fileSystem, fullPath, fullPath, entry.Status, entry.Name);
        info.Initialize();
        return info;
    }
}
