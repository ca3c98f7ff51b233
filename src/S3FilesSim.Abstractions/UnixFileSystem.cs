using S3FilesSim.FileSystem;

namespace S3FilesSim.Abstractions;

/// <summary>
/// The file and directory operations of System.IO on Linux (.NET 10's <c>FileSystem.Unix</c>) over the mount: the same
/// system calls in the same order, so each failure surfaces as the same exception. Where S3 Files differs from a local
/// file system, the difference comes from the mount's errno (link(2) is EPERM: no hard links), not from this class.
/// </summary>
internal sealed class UnixFileSystem
{
    private const int CopyChunkBytes = 1 << 20;

    private readonly MountContext _context;

    public UnixFileSystem(MountContext context)
    {
        _context = context;
    }

    /// <summary>File.Copy: the source opened for reading (shared lock), the destination created with the source's
    /// permission bits (exclusive lock), then the bytes copied.</summary>
    public void CopyFile(string source, string destination, bool overwrite)
    {
        var from = _context.Wait(OpenedFile.OpenAsync(_context, source, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.None, null));
        try
        {
            var mode = _context.Wait(from.StatAsync()).Mode & (UnixFileMode)0x1FF;
            var to = _context.Wait(OpenedFile.OpenAsync(
                _context,
                destination,
                overwrite ? FileMode.Create : FileMode.CreateNew,
                FileAccess.ReadWrite,
                FileShare.None,
                FileOptions.None,
                mode,
                (errno, path) => errno == Errno.EEXIST && _context.DirectoryExists(path)
                    ? new IOException(SystemIOMessages.Format(SystemIOMessages.FileIsDirectory, path))
                    : null));
            try
            {
                CopyBytes(from, to);
            }
            finally
            {
                _context.Wait(to.CloseAsync());
            }
        }
        finally
        {
            _context.Wait(from.CloseAsync());
        }
    }

    private void CopyBytes(OpenedFile from, OpenedFile to)
    {
        var chunk = new byte[CopyChunkBytes];
        long offset = 0;
        int read;
        while ((read = _context.Wait(from.ReadAsync(chunk, offset))) > 0)
        {
            _context.Wait(to.WriteAsync(chunk.AsMemory(0, read), offset));
            offset += read;
        }
    }

    /// <summary>File.Move: rename(2) when allowed to overwrite; otherwise rename only when the destination is absent (or
    /// the same file), else link-or-copy then unlink, exactly as .NET does (link(2) is EPERM on S3 Files, so it copies).</summary>
    public void MoveFile(string source, string destination, bool overwrite)
    {
        if (overwrite)
        {
            var errno = _context.Rename(source, destination);
            if (errno != MountContext.Ok)
            {
                throw _context.Error(errno, destination);
            }

            return;
        }

        if (_context.Lstat(source, out var sourceStatus) == MountContext.Ok
            && (_context.Lstat(destination, out var destinationStatus) != MountContext.Ok || sourceStatus!.InodeNumber == destinationStatus!.InodeNumber)
            && _context.Rename(source, destination) == MountContext.Ok)
        {
            return;
        }

        LinkOrCopyFile(source, destination);
        DeleteFile(source);
    }

    private void LinkOrCopyFile(string source, string destination)
    {
        var errno = _context.Link(source, destination);
        if (errno == MountContext.Ok)
        {
            return;
        }

        if (errno is Errno.EXDEV or Errno.EACCES or Errno.EPERM or Errno.EOPNOTSUPP or Errno.ENOTSUPP or Errno.EMLINK or Errno.ENOSYS)
        {
            CopyFile(source, destination, overwrite: false);
            return;
        }

        if (errno == Errno.ENOENT)
        {
            var parent = UnixPath.GetDirectoryName(destination);
            throw parent is not null && !_context.DirectoryExists(parent)
                ? _context.Error(errno, destination, isDirError: true)
                : _context.Error(errno, source);
        }

        throw errno == Errno.EEXIST ? _context.Error(errno, destination) : _context.Error(errno);
    }

    /// <summary>File.Replace: checks, an optional backup (link, else copy), then rename(2) over the destination.</summary>
    public void ReplaceFile(string source, string destination, string? backup)
    {
        var errno = _context.Lstat(source, out var sourceStatus);
        if (errno != MountContext.Ok)
        {
            throw _context.Error(errno, source);
        }

        if (sourceStatus!.Type == FileType.Directory)
        {
            throw new UnauthorizedAccessException(SystemIOMessages.Format(SystemIOMessages.NotAFile, source));
        }

        if (_context.Lstat(destination, out var destinationStatus) == MountContext.Ok)
        {
            if (destinationStatus!.Type == FileType.Directory)
            {
                throw new UnauthorizedAccessException(SystemIOMessages.Format(SystemIOMessages.NotAFile, destination));
            }

            if (destinationStatus.InodeNumber == sourceStatus.InodeNumber)
            {
                throw new IOException(SystemIOMessages.Format(SystemIOMessages.CannotReplaceSameFile, source, destination));
            }
        }

        if (backup is not null)
        {
            errno = _context.Unlink(backup);
            if (errno is not (MountContext.Ok or Errno.ENOENT))
            {
                throw _context.Error(errno, backup);
            }

            LinkOrCopyFile(destination, backup);
        }
        else
        {
            errno = _context.Stat(destination, out _);
            if (errno == Errno.ENOENT)
            {
                throw _context.Error(errno, backup);
            }
        }

        errno = _context.Rename(source, destination);
        if (errno != MountContext.Ok)
        {
            throw _context.Error(errno);
        }
    }

    /// <summary>File.Delete: unlink(2); a missing file is fine when its directory exists; a directory is access denied.</summary>
    public void DeleteFile(string path)
    {
        var errno = _context.Unlink(path);
        switch (errno)
        {
            case MountContext.Ok:
                return;
            case Errno.ENOENT:
                var directory = UnixPath.GetDirectoryName(path);
                if (!string.IsNullOrEmpty(directory) && !_context.DirectoryExists(directory))
                {
                    throw _context.Error(errno, path, isDirError: true);
                }

                return;
            case Errno.EROFS:
                if (!_context.FileExists(path, out var existsError) && existsError == Errno.ENOENT)
                {
                    return;
                }

                break;
            case Errno.EISDIR:
                errno = Errno.EACCES;
                break;
        }

        throw _context.Error(errno, path);
    }

    /// <summary>Directory.CreateDirectory: mkdir(2), then the missing parents top-down (0777 before the umask), an existing directory being fine.</summary>
    public void CreateDirectory(string path, UnixFileMode mode = DefaultModes.Directory)
    {
        if (path.Length == 1)
        {
            return;
        }

        var trimmed = UnixPath.TrimEndingSeparator(path);
        if (_context.IsAncestorOfMount(trimmed))
        {
            return;
        }

        var errno = _context.Mkdir(trimmed, mode);
        if (errno == MountContext.Ok || (errno == Errno.EEXIST && _context.DirectoryExists(path)))
        {
            return;
        }

        if (errno != Errno.ENOENT)
        {
            throw _context.Error(errno, path);
        }

        CreateParentsAndDirectory(trimmed, mode);
    }

    private void CreateParentsAndDirectory(string path, UnixFileMode mode)
    {
        var missing = new Stack<string>();
        missing.Push(path);
        var current = UnixPath.GetDirectoryName(path);
        while (current is not null && current.Length > 1 && !_context.IsAncestorOfMount(current))
        {
            var errno = _context.Mkdir(current, DefaultModes.Directory);
            if (errno == MountContext.Ok || errno == Errno.EEXIST)
            {
                break;
            }

            if (errno != Errno.ENOENT)
            {
                throw _context.Error(errno, current);
            }

            missing.Push(current);
            current = UnixPath.GetDirectoryName(current);
        }

        while (missing.Count > 0)
        {
            var directory = missing.Pop();
            var last = missing.Count == 0;
            var errno = _context.Mkdir(directory, last ? mode : DefaultModes.Directory);
            if (errno == MountContext.Ok || (errno == Errno.EEXIST && (!last || _context.DirectoryExists(directory))))
            {
                continue;
            }

            throw _context.Error(errno, directory);
        }
    }

    /// <summary>Directory.Move: the destination must not exist (unless it is the source itself), then rename(2).</summary>
    public void MoveDirectory(string source, string destination)
    {
        var from = UnixPath.TrimEndingSeparator(source);
        var to = UnixPath.TrimEndingSeparator(destination);
        if (from == to)
        {
            throw new IOException(SystemIOMessages.SourceDestMustBeDifferent);
        }

        if (_context.Lstat(to, out var destinationStatus) == MountContext.Ok)
        {
            if (_context.Lstat(from, out var sourceStatus) != MountContext.Ok)
            {
                throw new DirectoryNotFoundException(SystemIOMessages.Format(SystemIOMessages.PathNotFound, source));
            }

            if (sourceStatus!.InodeNumber != destinationStatus!.InodeNumber)
            {
                if (sourceStatus.Type != FileType.Directory && UnixPath.EndsInSeparator(source))
                {
                    throw new IOException(SystemIOMessages.Format(SystemIOMessages.PathNotFound, source));
                }

                throw new IOException(SystemIOMessages.Format(SystemIOMessages.AlreadyExists, destination));
            }

            if (UnixPath.GetFileName(from.AsSpan()).SequenceEqual(UnixPath.GetFileName(to.AsSpan())))
            {
                throw new IOException(SystemIOMessages.SourceDestMustBeDifferent);
            }
        }

        var errno = _context.Rename(source, to);
        switch (errno)
        {
            case MountContext.Ok:
                return;
            case Errno.EACCES:
                throw new IOException(SystemIOMessages.Format(SystemIOMessages.AccessDenied, source), (int)errno);
            case Errno.ENOENT:
                throw new DirectoryNotFoundException(SystemIOMessages.Format(SystemIOMessages.PathNotFound, source));
            case Errno.ENOTDIR:
                throw new IOException(SystemIOMessages.Format(SystemIOMessages.PathNotFound, source));
            default:
                throw _context.Error(errno);
        }
    }

    /// <summary>Directory.Delete: rmdir(2); with <paramref name="recursive"/>, the children first (symbolic links unlinked,
    /// never followed), the first failure rethrown after trying the rest.</summary>
    public void RemoveDirectory(string path, bool recursive)
    {
        if (!RemoveEmptyDirectory(path, topLevel: true, throwWhenNotEmpty: !recursive))
        {
            RemoveDirectoryRecursive(path);
        }
    }

    private void RemoveDirectoryRecursive(string path)
    {
        Exception? first = null;
        try
        {
            var errno = _context.ReadDirectory(path, out var entries);
            if (errno != MountContext.Ok)
            {
                throw _context.Error(errno, path, isDirError: true);
            }

            foreach (var entry in entries!)
            {
                var child = UnixPath.Join(path, entry.Name);
                try
                {
                    if (entry.Type == FileType.Directory)
                    {
                        RemoveDirectoryRecursive(child);
                    }
                    else
                    {
                        DeleteFile(child);
                    }
                }
                catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
                {
                    first ??= exception;
                }
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            first ??= exception;
        }

        if (first is not null)
        {
            throw first;
        }

        RemoveEmptyDirectory(path);
    }

    private bool RemoveEmptyDirectory(string path, bool topLevel = false, bool throwWhenNotEmpty = true)
    {
        var errno = _context.Rmdir(path);
        if (errno == MountContext.Ok)
        {
            return true;
        }

        if (errno == Errno.ENOTEMPTY)
        {
            if (!throwWhenNotEmpty)
            {
                return false;
            }
        }
        else if (errno == Errno.ENOENT)
        {
            if (!topLevel)
            {
                return true;
            }
        }
        else if (_context.DirectoryExists(path, out var existsError))
        {
            if (topLevel && errno == Errno.ENOTDIR)
            {
                DeleteFile(path);
                return true;
            }
        }
        else if (existsError == Errno.ENOENT)
        {
            errno = existsError;
        }

        if (errno is Errno.EACCES or Errno.EPERM or Errno.EROFS)
        {
            throw new IOException(SystemIOMessages.Format(SystemIOMessages.AccessDenied, path));
        }

        throw _context.Error(errno, path, isDirError: true);
    }

    /// <summary>File/Directory.CreateSymbolicLink: symlink(2) with the target text as given.</summary>
    public void CreateSymbolicLink(string fullPath, string pathToTarget)
    {
        var errno = _context.Symlink(pathToTarget, fullPath);
        if (errno != MountContext.Ok)
        {
            throw _context.Error(errno, fullPath);
        }
    }

    /// <summary>readlink(2), or <see langword="null"/> when the entry is not a symbolic link or is missing.</summary>
    public string? GetLinkTarget(string fullPath) => _context.ReadLink(fullPath, out var target) == MountContext.Ok ? target : null;

    /// <summary>ResolveLinkTarget: the link's target as a full path (relative targets against the link's directory),
    /// following up to 40 links with <paramref name="returnFinalTarget"/>; <see langword="null"/> for a non-link.</summary>
    public string? ResolveLinkTarget(string linkPath, bool returnFinalTarget, bool isDirectory)
    {
        var errno = _context.ReadLink(linkPath, out var target);
        if (errno != MountContext.Ok)
        {
            if (errno == Errno.EINVAL)
            {
                return null;
            }

            throw _context.Error(errno, linkPath, isDirectory);
        }

        var current = Resolve(linkPath, target!);
        if (!returnFinalTarget)
        {
            return current;
        }

        for (var visits = 1; ; visits++)
        {
            if (visits > 40)
            {
                throw new IOException(SystemIOMessages.Format(SystemIOMessages.TooManySymbolicLinkLevels, linkPath));
            }

            var normalized = UnixPath.Normalize(current);
            if (!UnixPath.IsSameOrUnder(normalized, _context.MountPath) || _context.ReadLink(normalized, out var next) != MountContext.Ok)
            {
                return current;
            }

            current = Resolve(current, next!);
        }

        static string Resolve(string link, string target) =>
            UnixPath.IsRooted(target) ? target : UnixPath.Join(UnixPath.GetDirectoryName(link.AsSpan()), target);
    }
}
