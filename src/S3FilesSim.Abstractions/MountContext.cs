using S3FilesSim.FileSystem;
using IMount = S3FilesSim.FileSystem.IFileSystem;

namespace S3FilesSim.Abstractions;

/// <summary>
/// What every part of the adapter shares: the mount, the options, the application's current directory, the translation of
/// application paths (under <see cref="SystemIOAdapterOptions.MountPath"/>) to mount paths, the synchronous waits, and
/// the one place where an <see cref="Errno"/> becomes the exception System.IO throws for it on Linux.
/// </summary>
/// <remarks>The exception shapes follow .NET 10's <c>Interop.GetExceptionForIoErrno</c> on Unix: ENOENT is
/// <see cref="FileNotFoundException"/> when the parent directory exists, else <see cref="DirectoryNotFoundException"/>;
/// ENOTDIR is <see cref="DirectoryNotFoundException"/>; EACCES, EBADF, EPERM are <see cref="UnauthorizedAccessException"/>
/// with an inner <see cref="IOException"/>; ENAMETOOLONG is <see cref="PathTooLongException"/>; EAGAIN is a sharing
/// violation; EFBIG is <see cref="ArgumentOutOfRangeException"/>; EEXIST with a path is "The file '…' already exists.";
/// every other errno is <see cref="IOException"/> with the strerror(3) text, <c>" : '&lt;path&gt;'"</c>, and the raw errno as
/// <see cref="Exception.HResult"/>.</remarks>
internal sealed class MountContext
{
    /// <summary>The "no error" value of the syscall wrappers.</summary>
    public const Errno Ok = 0;

    private readonly Random _random;
    private string _currentDirectory;

    public MountContext(IMount mount, SystemIOAdapterOptions options)
    {
        Mount = mount;
        Options = options;
        MountPath = options.NormalizedMountPath;
        TempPath = options.NormalizedTempPath;
        _currentDirectory = MountPath;
        _random = new Random(StringComparer.Ordinal.GetHashCode(mount.FileSystemId) ^ 0x5eed);
        DisableFileLocking = AppContext.TryGetSwitch("System.IO.DisableFileLocking", out var disabled)
            ? disabled
            : Environment.GetEnvironmentVariable("DOTNET_SYSTEM_IO_DISABLEFILELOCKING") is "1" or "true";
    }

    public IMount Mount { get; }

    public SystemIOAdapterOptions Options { get; }

    /// <summary>Gets the mount path, without a trailing separator unless it is <c>/</c>.</summary>
    public string MountPath { get; }

    /// <summary>Gets the temporary directory, with a trailing separator.</summary>
    public string TempPath { get; }

    /// <summary>Gets a value indicating whether FileStream's advisory locks are off (<c>DOTNET_SYSTEM_IO_DISABLEFILELOCKING</c>), as in System.IO.</summary>
    public bool DisableFileLocking { get; }

    /// <summary>Gets or sets the application's current directory (full path); starts at the mount path.</summary>
    public string CurrentDirectory
    {
        get => Volatile.Read(ref _currentDirectory);
        set => Volatile.Write(ref _currentDirectory, value);
    }

    /// <summary>Returns the next random value of the adapter's own seeded source (file names), so runs repeat.</summary>
    public ulong NextRandom()
    {
        lock (_random)
        {
            return (ulong)_random.NextInt64();
        }
    }

    /// <summary>Path.GetFullPath with Unix rules against the adapter's current directory.</summary>
    public string GetFullPath(string path) => UnixPath.GetFullPath(path, CurrentDirectory);

    /// <summary>Returns the mount path of a full application path; a trailing separator is kept.</summary>
    /// <exception cref="PathOutsideMountException">The path is outside the mount path.</exception>
    public string ToMountPath(string fullPath)
    {
        if (MountPath.Length == 1)
        {
            return fullPath;
        }

        if (!UnixPath.IsSameOrUnder(fullPath, MountPath))
        {
            throw new PathOutsideMountException(fullPath, MountPath);
        }

        return fullPath.Length == MountPath.Length ? "/" : fullPath[MountPath.Length..];
    }

    /// <summary>Returns the application path of a mount path.</summary>
    public string ToAppPath(string mountPath) =>
        MountPath.Length == 1 ? mountPath : mountPath == "/" ? MountPath : MountPath + mountPath;

    /// <summary>Whether <paramref name="fullPath"/> is a strict ancestor of the mount path (which exists as a directory on a real host).</summary>
    public bool IsAncestorOfMount(string fullPath)
    {
        var trimmed = UnixPath.TrimEndingSeparator(fullPath);
        return trimmed.Length < MountPath.Length && UnixPath.IsSameOrUnder(MountPath, trimmed);
    }

    // ---- waiting ----

    /// <summary>Returns the result of a simulator call for a synchronous member.</summary>
    public T Wait<T>(ValueTask<T> task) => task.IsCompleted ? task.GetAwaiter().GetResult() : WaitSlow(task.AsTask());

    /// <summary>Completes a simulator call for a synchronous member.</summary>
    public void Wait(ValueTask task)
    {
        if (task.IsCompleted)
        {
            task.GetAwaiter().GetResult();
            return;
        }

        WaitSlow(WrapVoid(task));
    }

    private static async Task<bool> WrapVoid(ValueTask task)
    {
        await task.ConfigureAwait(false);
        return true;
    }

    private T WaitSlow<T>(Task<T> task)
    {
        if (Options.SynchronousCalls == SynchronousCallMode.Throw)
        {
            // Observe the eventual outcome so a failure does not surface as an unobserved task exception.
            _ = task.ContinueWith(static t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            throw new InvalidOperationException(
                "A synchronous System.IO call on the simulated S3 Files mount needs the bucket and did not complete at once "
                + "(SystemIOAdapterOptions.SynchronousCalls is Throw). Use the member's async form, or SynchronousCallMode.Block "
                + "with something driving the simulation (RealTimeDriver). The call carries on in the background.");
        }

        return task.GetAwaiter().GetResult();
    }

    // ---- errors ----

    /// <summary>The exception System.IO throws for <paramref name="errno"/> on <paramref name="path"/> (Interop.GetExceptionForIoErrno).</summary>
    public Exception Error(Errno errno, string? path = null, bool isDirError = false)
    {
        var hasPath = !string.IsNullOrEmpty(path);
        switch (errno)
        {
            case Errno.ENOENT when !isDirError && (path is null || ParentDirectoryExists(path)):
                return hasPath
                    ? new FileNotFoundException(SystemIOMessages.Format(SystemIOMessages.FileNotFound, path), path)
                    : new FileNotFoundException(SystemIOMessages.FileNotFoundNoPath);
            case Errno.ENOENT:
            case Errno.ENOTDIR:
                return hasPath
                    ? new DirectoryNotFoundException(SystemIOMessages.Format(SystemIOMessages.PathNotFound, path))
                    : new DirectoryNotFoundException(SystemIOMessages.PathNotFoundNoPath);
            case Errno.EACCES:
            case Errno.EBADF:
            case Errno.EPERM:
                return hasPath
                    ? new UnauthorizedAccessException(SystemIOMessages.Format(SystemIOMessages.AccessDenied, path), IOError(errno))
                    : new UnauthorizedAccessException(SystemIOMessages.AccessDeniedNoPath, IOError(errno));
            case Errno.ENAMETOOLONG:
                return hasPath
                    ? new PathTooLongException(SystemIOMessages.Format(SystemIOMessages.PathTooLong, path))
                    : new PathTooLongException(SystemIOMessages.PathTooLongNoPath);
            case Errno.EAGAIN:
                return hasPath
                    ? new IOException(SystemIOMessages.Format(SystemIOMessages.SharingViolation, path), (int)errno)
                    : new IOException(SystemIOMessages.SharingViolationNoPath, (int)errno);
            case Errno.EFBIG:
                return new ArgumentOutOfRangeException("value", SystemIOMessages.FileLengthTooBig);
            case Errno.EEXIST when hasPath:
                return new IOException(SystemIOMessages.Format(SystemIOMessages.FileExists, path), (int)errno);
            default:
                return IOError(errno, path);
        }
    }

    /// <summary>The plain <see cref="IOException"/> of an errno: strerror(3) text, the path, the raw errno as HResult.</summary>
    public static IOException IOError(Errno errno, string? path = null)
    {
        var text = StrError(errno);
        return new IOException(string.IsNullOrEmpty(path) ? text : text + " : '" + path + "'", (int)errno);
    }

    /// <summary>glibc's strerror(3) text.</summary>
    public static string StrError(Errno errno) =>
        errno == Errno.ENOTSUPP ? "Unknown error 524" : FileSystemException.Describe(errno);

    /// <summary>Rethrows a simulator failure as System.IO's exception (for calls whose failures are not expected).</summary>
    public Exception Error(FileSystemException exception, string? path, bool isDirError = false) => Error(exception.Errno, path, isDirError);

    private bool ParentDirectoryExists(string fullPath)
    {
        var parent = UnixPath.GetDirectoryName(UnixPath.TrimEndingSeparator(fullPath));
        return parent is not null && DirectoryExists(parent);
    }

    // ---- existence checks (FileSystem.FileExists / DirectoryExists) ----

    /// <summary>stat(2) succeeds and is a directory; ancestors of the mount path count as directories.</summary>
    public bool DirectoryExists(string fullPath) => DirectoryExists(fullPath, out _);

    public bool DirectoryExists(string fullPath, out Errno error)
    {
        error = Ok;
        if (IsAncestorOfMount(fullPath))
        {
            return true;
        }

        error = Stat(fullPath, out var status);
        return error == Ok && status!.Type == FileType.Directory;
    }

    /// <summary>lstat(2) (trailing separator trimmed) succeeds and is not a directory; a symbolic link counts unless it resolves to a directory.</summary>
    public bool FileExists(string fullPath) => FileExists(fullPath, out _);

    public bool FileExists(string fullPath, out Errno error)
    {
        error = Ok;
        var trimmed = UnixPath.TrimEndingSeparator(fullPath);
        if (IsAncestorOfMount(trimmed))
        {
            return false;
        }

        error = Lstat(trimmed, out var status);
        if (error != Ok)
        {
            return false;
        }

        if (status!.Type == FileType.SymbolicLink)
        {
            return Stat(trimmed, out var target) != Ok || target!.Type != FileType.Directory;
        }

        return status.Type != FileType.Directory;
    }

    // ---- system calls: each returns Ok or the errno; paths are full application paths ----

    public Errno Stat(string fullPath, out FileStatus? status)
    {
        var mountPath = ToMountPath(fullPath);
        try
        {
            status = Wait(Mount.StatAsync(mountPath));
            return Ok;
        }
        catch (FileSystemException exception)
        {
            status = null;
            return exception.Errno;
        }
    }

    public Errno Lstat(string fullPath, out FileStatus? status)
    {
        var mountPath = ToMountPath(fullPath);
        try
        {
            status = Wait(Mount.LstatAsync(mountPath));
            return Ok;
        }
        catch (FileSystemException exception)
        {
            status = null;
            return exception.Errno;
        }
    }

    public Errno Unlink(string fullPath) => Call(Mount.UnlinkAsync, fullPath);

    public Errno Rmdir(string fullPath) => Call(Mount.RmdirAsync, fullPath);

    public Errno Mkdir(string fullPath, UnixFileMode mode)
    {
        var mountPath = ToMountPath(fullPath);
        try
        {
            Wait(Mount.MkdirAsync(mountPath, mode));
            return Ok;
        }
        catch (FileSystemException exception)
        {
            return exception.Errno;
        }
    }

    public Errno Rename(string fullPath, string newFullPath)
    {
        var from = ToMountPath(fullPath);
        var to = ToMountPath(newFullPath);
        try
        {
            Wait(Mount.RenameAsync(from, to));
            return Ok;
        }
        catch (FileSystemException exception)
        {
            return exception.Errno;
        }
    }

    public Errno Link(string fullPath, string newFullPath)
    {
        var from = ToMountPath(fullPath);
        var to = ToMountPath(newFullPath);
        try
        {
            Wait(Mount.LinkAsync(from, to));
            return Ok;
        }
        catch (FileSystemException exception)
        {
            return exception.Errno;
        }
    }

    public Errno Symlink(string target, string linkFullPath)
    {
        var link = ToMountPath(linkFullPath);
        try
        {
            Wait(Mount.SymlinkAsync(target, link));
            return Ok;
        }
        catch (FileSystemException exception)
        {
            return exception.Errno;
        }
    }

    public Errno ReadLink(string fullPath, out string? target)
    {
        var mountPath = ToMountPath(fullPath);
        try
        {
            target = Wait(Mount.ReadLinkAsync(mountPath));
            return Ok;
        }
        catch (FileSystemException exception)
        {
            target = null;
            return exception.Errno;
        }
    }

    public Errno Chmod(string fullPath, UnixFileMode mode)
    {
        var mountPath = ToMountPath(fullPath);
        try
        {
            Wait(Mount.ChmodAsync(mountPath, mode));
            return Ok;
        }
        catch (FileSystemException exception)
        {
            return exception.Errno;
        }
    }

    public Errno SetTimes(string fullPath, TimeUpdate accessTime, TimeUpdate modificationTime)
    {
        var mountPath = ToMountPath(fullPath);
        try
        {
            Wait(Mount.SetTimesAsync(mountPath, accessTime, modificationTime));
            return Ok;
        }
        catch (FileSystemException exception)
        {
            return exception.Errno;
        }
    }

    public Errno ReadDirectory(string fullPath, out IReadOnlyList<DirectoryEntry>? entries)
    {
        var mountPath = ToMountPath(fullPath);
        try
        {
            entries = Wait(Mount.ReadDirectoryAsync(mountPath));
            return Ok;
        }
        catch (FileSystemException exception)
        {
            entries = null;
            return exception.Errno;
        }
    }

    public Errno StatFs(string fullPath, out FileSystemStatistics? statistics)
    {
        var mountPath = ToMountPath(fullPath);
        try
        {
            statistics = Wait(Mount.StatFsAsync(mountPath));
            return Ok;
        }
        catch (FileSystemException exception)
        {
            statistics = null;
            return exception.Errno;
        }
    }

    private Errno Call(Func<string, CancellationToken, ValueTask> call, string fullPath)
    {
        var mountPath = ToMountPath(fullPath);
        try
        {
            Wait(call(mountPath, CancellationToken.None));
            return Ok;
        }
        catch (FileSystemException exception)
        {
            return exception.Errno;
        }
    }
}
