using System.IO.Abstractions;
using S3FilesSim.FileSystem;

namespace S3FilesSim.Abstractions;

/// <summary><see cref="Directory"/> over the mount, call for call as System.IO does it on Linux.</summary>
internal sealed class SimulatedDirectory(SimulatedFileSystem fileSystem) : IDirectory
{
    private readonly MountContext _context = fileSystem.Context;
    private readonly UnixFileSystem _operations = fileSystem.Operations;

    public System.IO.Abstractions.IFileSystem FileSystem => fileSystem;

    public IDirectoryInfo CreateDirectory(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var fullPath = _context.GetFullPath(path);
        _operations.CreateDirectory(fullPath);
        return new SimulatedDirectoryInfo(fileSystem, path, fullPath);
    }

    public IDirectoryInfo CreateDirectory(string path, UnixFileMode unixCreateMode)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if ((unixCreateMode & ~(UnixFileMode)0xFFF) != 0)
        {
            throw new ArgumentException(SystemIOMessages.InvalidUnixFileMode, nameof(unixCreateMode));
        }

        var fullPath = _context.GetFullPath(path);
        _operations.CreateDirectory(fullPath, unixCreateMode);
        return new SimulatedDirectoryInfo(fileSystem, path, fullPath);
    }

    /// <summary>mkdtemp(3) in the temporary directory (created when missing): <c>prefix</c> plus six random characters, mode 0700.</summary>
    public IDirectoryInfo CreateTempSubdirectory(string? prefix = null)
    {
        if (prefix is not null && prefix.Contains('/', StringComparison.Ordinal))
        {
            throw new ArgumentException("The directory separator character is not valid in the value.", nameof(prefix));
        }

        var temp = _context.TempPath;
        _operations.CreateDirectory(temp);
        for (var attempt = 0; ; attempt++)
        {
            var name = fileSystem.Path.GetRandomFileName().Replace(".", string.Empty, StringComparison.Ordinal)[..6];
            var path = temp + prefix + name;
            var errno = _context.Mkdir(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            if (errno == MountContext.Ok)
            {
                return new SimulatedDirectoryInfo(fileSystem, path, path);
            }

            if (errno != Errno.EEXIST || attempt >= 100)
            {
                throw MountContext.IOError(errno);
            }
        }
    }

    public IFileSystemInfo CreateSymbolicLink(string path, string pathToTarget)
    {
        var fullPath = _context.GetFullPath(path);
        SimulatedFile.VerifyValidPath(pathToTarget, nameof(pathToTarget));
        _operations.CreateSymbolicLink(fullPath, pathToTarget);
        return new SimulatedDirectoryInfo(fileSystem, path, fullPath);
    }

    public IFileSystemInfo? ResolveLinkTarget(string linkPath, bool returnFinalTarget)
    {
        SimulatedFile.VerifyValidPath(linkPath, nameof(linkPath));
        var target = _operations.ResolveLinkTarget(_context.GetFullPath(linkPath), returnFinalTarget, isDirectory: true);
        return target is null ? null : new SimulatedDirectoryInfo(fileSystem, target, _context.GetFullPath(target));
    }

    public void Delete(string path) => _operations.RemoveDirectory(_context.GetFullPath(path), recursive: false);

    public void Delete(string path, bool recursive) => _operations.RemoveDirectory(_context.GetFullPath(path), recursive);

    public bool Exists(string? path)
    {
        try
        {
            return !string.IsNullOrEmpty(path) && _context.DirectoryExists(_context.GetFullPath(path));
        }
        catch (Exception exception) when (exception is ArgumentException or IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    public void Move(string sourceDirName, string destDirName)
    {
        ArgumentException.ThrowIfNullOrEmpty(sourceDirName);
        ArgumentException.ThrowIfNullOrEmpty(destDirName);
        _operations.MoveDirectory(_context.GetFullPath(sourceDirName), _context.GetFullPath(destDirName));
    }

    public IDirectoryInfo? GetParent(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var parent = UnixPath.GetDirectoryName(_context.GetFullPath(path));
        return parent is null ? null : new SimulatedDirectoryInfo(fileSystem, parent, parent);
    }

    public string GetDirectoryRoot(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return UnixPath.GetPathRoot(_context.GetFullPath(path)).ToString();
    }

    /// <summary>The adapter's own current directory (never the process's): it starts at the mount path.</summary>
    public string GetCurrentDirectory() => _context.CurrentDirectory;

    /// <summary>chdir(2) for the adapter: the directory must exist on the mount.</summary>
    public void SetCurrentDirectory(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var fullPath = _context.GetFullPath(path);
        if (!_context.IsAncestorOfMount(fullPath))
        {
            var errno = _context.Stat(fullPath, out var status);
            if (errno == MountContext.Ok && status!.Type != FileType.Directory)
            {
                errno = Errno.ENOTDIR;
            }

            if (errno != MountContext.Ok)
            {
                throw _context.Error(errno, fullPath, isDirError: true);
            }
        }

        _context.CurrentDirectory = UnixPath.TrimEndingSeparator(fullPath);
    }

    /// <summary>The one drive the adapter has: the mount.</summary>
    public string[] GetLogicalDrives() => [_context.MountPath];

    // ---- times (Directory's setters act on directories; getters are File's) ----

    public DateTime GetCreationTime(string path) => fileSystem.File.GetCreationTime(path);

    public DateTime GetCreationTimeUtc(string path) => fileSystem.File.GetCreationTimeUtc(path);

    public DateTime GetLastAccessTime(string path) => fileSystem.File.GetLastAccessTime(path);

    public DateTime GetLastAccessTimeUtc(string path) => fileSystem.File.GetLastAccessTimeUtc(path);

    public DateTime GetLastWriteTime(string path) => fileSystem.File.GetLastWriteTime(path);

    public DateTime GetLastWriteTimeUtc(string path) => fileSystem.File.GetLastWriteTimeUtc(path);

    public void SetCreationTime(string path, DateTime creationTime) => SetTime(path, creationTime, isAccessTime: false);

    public void SetCreationTimeUtc(string path, DateTime creationTimeUtc) => SetTime(path, SimulatedFile.ToUtc(creationTimeUtc), isAccessTime: false);

    public void SetLastAccessTime(string path, DateTime lastAccessTime) => SetTime(path, lastAccessTime, isAccessTime: true);

    public void SetLastAccessTimeUtc(string path, DateTime lastAccessTimeUtc) => SetTime(path, SimulatedFile.ToUtc(lastAccessTimeUtc), isAccessTime: true);

    public void SetLastWriteTime(string path, DateTime lastWriteTime) => SetTime(path, lastWriteTime, isAccessTime: false);

    public void SetLastWriteTimeUtc(string path, DateTime lastWriteTimeUtc) => SetTime(path, SimulatedFile.ToUtc(lastWriteTimeUtc), isAccessTime: false);

    private void SetTime(string path, DateTimeOffset time, bool isAccessTime) =>
        new EntryStatus().SetTime(_context, _context.GetFullPath(path), time, isAccessTime, asDirectory: true);

    // ---- enumeration ----

    public IEnumerable<string> EnumerateDirectories(string path) => EnumerateDirectories(path, "*", Enumerations.Compatible);

    public IEnumerable<string> EnumerateDirectories(string path, string searchPattern) => EnumerateDirectories(path, searchPattern, Enumerations.Compatible);

    public IEnumerable<string> EnumerateDirectories(string path, string searchPattern, SearchOption searchOption) =>
        EnumerateDirectories(path, searchPattern, Enumerations.FromSearchOption(searchOption));

    public IEnumerable<string> EnumerateDirectories(string path, string searchPattern, EnumerationOptions enumerationOptions) =>
        Paths(path, searchPattern, enumerationOptions, SearchTarget.Directories);

    public IEnumerable<string> EnumerateFiles(string path) => EnumerateFiles(path, "*", Enumerations.Compatible);

    public IEnumerable<string> EnumerateFiles(string path, string searchPattern) => EnumerateFiles(path, searchPattern, Enumerations.Compatible);

    public IEnumerable<string> EnumerateFiles(string path, string searchPattern, SearchOption searchOption) =>
        EnumerateFiles(path, searchPattern, Enumerations.FromSearchOption(searchOption));

    public IEnumerable<string> EnumerateFiles(string path, string searchPattern, EnumerationOptions enumerationOptions) =>
        Paths(path, searchPattern, enumerationOptions, SearchTarget.Files);

    public IEnumerable<string> EnumerateFileSystemEntries(string path) => EnumerateFileSystemEntries(path, "*", Enumerations.Compatible);

    public IEnumerable<string> EnumerateFileSystemEntries(string path, string searchPattern) =>
        EnumerateFileSystemEntries(path, searchPattern, Enumerations.Compatible);

    public IEnumerable<string> EnumerateFileSystemEntries(string path, string searchPattern, SearchOption searchOption) =>
        EnumerateFileSystemEntries(path, searchPattern, Enumerations.FromSearchOption(searchOption));

    public IEnumerable<string> EnumerateFileSystemEntries(string path, string searchPattern, EnumerationOptions enumerationOptions) =>
        Paths(path, searchPattern, enumerationOptions, SearchTarget.Both);

    public string[] GetDirectories(string path) => [.. EnumerateDirectories(path)];

    public string[] GetDirectories(string path, string searchPattern) => [.. EnumerateDirectories(path, searchPattern)];

    public string[] GetDirectories(string path, string searchPattern, SearchOption searchOption) => [.. EnumerateDirectories(path, searchPattern, searchOption)];

    public string[] GetDirectories(string path, string searchPattern, EnumerationOptions enumerationOptions) => [.. EnumerateDirectories(path, searchPattern, enumerationOptions)];

    public string[] GetFiles(string path) => [.. EnumerateFiles(path)];

    public string[] GetFiles(string path, string searchPattern) => [.. EnumerateFiles(path, searchPattern)];

    public string[] GetFiles(string path, string searchPattern, SearchOption searchOption) => [.. EnumerateFiles(path, searchPattern, searchOption)];

    public string[] GetFiles(string path, string searchPattern, EnumerationOptions enumerationOptions) => [.. EnumerateFiles(path, searchPattern, enumerationOptions)];

    public string[] GetFileSystemEntries(string path) => [.. EnumerateFileSystemEntries(path)];

    public string[] GetFileSystemEntries(string path, string searchPattern) => [.. EnumerateFileSystemEntries(path, searchPattern)];

    public string[] GetFileSystemEntries(string path, string searchPattern, SearchOption searchOption) =>
        [.. EnumerateFileSystemEntries(path, searchPattern, searchOption)];

    public string[] GetFileSystemEntries(string path, string searchPattern, EnumerationOptions enumerationOptions) =>
        [.. EnumerateFileSystemEntries(path, searchPattern, enumerationOptions)];

    private MountEnumerable<string> Paths(string path, string searchPattern, EnumerationOptions options, SearchTarget target)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(searchPattern);
        ArgumentNullException.ThrowIfNull(options);
        MountEnumerable<string>.NormalizeInputs(ref path, ref searchPattern, options);
        return new MountEnumerable<string>(fileSystem, path, searchPattern, options, target, static (_, specified) => specified);
    }
}
