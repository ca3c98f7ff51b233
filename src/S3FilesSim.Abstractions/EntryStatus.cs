using S3FilesSim.FileSystem;

namespace S3FilesSim.Abstractions;

/// <summary>
/// The cached status of one path, as System.IO's <c>FileStatus</c> keeps it for <c>FileSystemInfo</c>: lstat(2) of the
/// path, and for a symbolic link stat(2) of its target (type and permission bits from the target; a dangling link is
/// "broken"). Loaded on first use, kept until <see cref="Invalidate"/>.
/// </summary>
internal sealed class EntryStatus
{
    private const int NotLoaded = 0;
    private const int Missing = -1;
    private const int MissingNotDirectory = -2;
    private const int IsFile = -3;
    private const int IsDirectoryState = -4;
    private const int BrokenLink = -5;

    private static readonly DateTimeOffset MissingTime = new(DateTime.FromFileTimeUtc(0));

    private int _state;
    private FileStatus? _status;
    private bool _isSymbolicLink;
    private UnixFileMode _mode;

    private bool Exists => _state <= IsFile;

    public void Invalidate() => _state = NotLoaded;

    /// <summary>Loads the status now (FileSystemInfo.Refresh).</summary>
    public void Refresh(MountContext context, string fullPath)
    {
        if (context.IsAncestorOfMount(fullPath))
        {
            _status = null;
            _state = IsDirectoryState;
            _isSymbolicLink = false;
            _mode = DefaultModes.Directory;
            return;
        }

        var errno = context.Lstat(UnixPath.TrimEndingSeparator(fullPath), out _status);
        if (errno != MountContext.Ok)
        {
            _state = errno switch
            {
                Errno.ENOENT => Missing,
                Errno.ENOTDIR => MissingNotDirectory,
                _ => (int)errno,
            };
            return;
        }

        _isSymbolicLink = _status!.Type == FileType.SymbolicLink;
        _mode = _status.Mode;
        var isDirectory = _status.Type == FileType.Directory;
        if (_isSymbolicLink)
        {
            if (context.Stat(fullPath, out var target) != MountContext.Ok)
            {
                _state = BrokenLink;
                return;
            }

            isDirectory = target!.Type == FileType.Directory;
            _mode = target.Mode;
        }

        _state = isDirectory ? IsDirectoryState : IsFile;
    }

    /// <summary>Loads the status if needed; unless <paramref name="continueOnError"/>, an errno other than ENOENT/ENOTDIR throws.</summary>
    public void EnsureInitialized(MountContext context, string fullPath, bool continueOnError = false)
    {
        if (_state == NotLoaded)
        {
            Refresh(context, fullPath);
        }

        if (!continueOnError && _state > 0)
        {
            var errno = (Errno)_state;
            Invalidate();
            throw context.Error(errno, fullPath);
        }
    }

    public bool GetExists(MountContext context, string fullPath, bool asDirectory)
    {
        EnsureInitialized(context, fullPath, continueOnError: true);
        return Exists && asDirectory == (_state == IsDirectoryState);
    }

    public bool IsDirectory(MountContext context, string fullPath)
    {
        EnsureInitialized(context, fullPath, continueOnError: true);
        return _state == IsDirectoryState;
    }

    public bool IsSymbolicLink(MountContext context, string fullPath)
    {
        EnsureInitialized(context, fullPath, continueOnError: true);
        return Exists && _isSymbolicLink;
    }

    /// <summary>The attributes, or -1 when the entry does not exist: ReadOnly (no write bit for the mount's user),
    /// ReparsePoint (symbolic link), Directory, Hidden (a name starting with '.'), else Normal.</summary>
    public FileAttributes GetAttributes(MountContext context, string fullPath, ReadOnlySpan<char> name, bool continueOnError = false)
    {
        EnsureInitialized(context, fullPath, continueOnError);
        if (!Exists)
        {
            return (FileAttributes)(-1);
        }

        var attributes = FileAttributes.None;
        if (_state != BrokenLink && IsModeReadOnly(context))
        {
            attributes |= FileAttributes.ReadOnly;
        }

        if (_isSymbolicLink)
        {
            attributes |= FileAttributes.ReparsePoint;
        }

        if (_state == IsDirectoryState)
        {
            attributes |= FileAttributes.Directory;
        }

        if (name.StartsWith('.'))
        {
            attributes |= FileAttributes.Hidden;
        }

        return attributes == FileAttributes.None ? FileAttributes.Normal : attributes;
    }

    public bool IsReadOnly(MountContext context, string fullPath, bool continueOnError = false)
    {
        EnsureInitialized(context, fullPath, continueOnError);
        return Exists && _state != BrokenLink && IsModeReadOnly(context);
    }

    private bool IsModeReadOnly(MountContext context)
    {
        var user = (_mode & UnixFileMode.UserRead) != 0 && (_mode & UnixFileMode.UserWrite) == 0;
        var group = (_mode & UnixFileMode.GroupRead) != 0 && (_mode & UnixFileMode.GroupWrite) == 0;
        var other = (_mode & UnixFileMode.OtherRead) != 0 && (_mode & UnixFileMode.OtherWrite) == 0;
        if (user == group && group == other)
        {
            return user;
        }

        var status = _status;
        if (status is null || status.Uid == context.Mount.User.Uid)
        {
            return user;
        }

        if (group == user)
        {
            return group;
        }

        return context.Mount.User.IsInGroup(status.Gid) ? group : other;
    }

    public void SetAttributes(MountContext context, string fullPath, FileAttributes attributes, bool asDirectory)
    {
        const FileAttributes valid = FileAttributes.ReadOnly | FileAttributes.Hidden | FileAttributes.System | FileAttributes.Directory
            | FileAttributes.Archive | FileAttributes.Device | FileAttributes.Normal | FileAttributes.Temporary | FileAttributes.SparseFile
            | FileAttributes.ReparsePoint | FileAttributes.Compressed | FileAttributes.Offline | FileAttributes.NotContentIndexed
            | FileAttributes.Encrypted | FileAttributes.IntegrityStream | FileAttributes.NoScrubData;
        if ((attributes & ~valid) != 0)
        {
            throw new ArgumentException(SystemIOMessages.InvalidFileAttributes, "Attributes");
        }

        EnsureInitialized(context, fullPath);
        if (!Exists)
        {
            ThrowNotFound(context, fullPath);
        }

        var mode = _mode & (UnixFileMode)0xFFF;
        var newMode = mode;
        if ((attributes & FileAttributes.ReadOnly) != 0)
        {
            newMode &= ~(UnixFileMode.UserWrite | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite);
        }
        else if ((newMode & UnixFileMode.UserRead) != 0)
        {
            newMode |= UnixFileMode.UserWrite;
        }

        if (newMode != mode)
        {
            var errno = context.Chmod(fullPath, newMode);
            if (errno != MountContext.Ok)
            {
                throw context.Error(errno, fullPath, asDirectory);
            }
        }

        Invalidate();
    }

    public DateTimeOffset GetCreationTime(MountContext context, string fullPath, bool continueOnError = false)
    {
        EnsureInitialized(context, fullPath, continueOnError);
        return Exists && _status is not null ? _status.BirthTime.ToDateTimeOffset() : MissingTime;
    }

    public DateTimeOffset GetLastAccessTime(MountContext context, string fullPath, bool continueOnError = false)
    {
        EnsureInitialized(context, fullPath, continueOnError);
        return Exists && _status is not null ? _status.AccessTime.ToDateTimeOffset() : MissingTime;
    }

    public DateTimeOffset GetLastWriteTime(MountContext context, string fullPath, bool continueOnError = false)
    {
        EnsureInitialized(context, fullPath, continueOnError);
        return Exists && _status is not null ? _status.ModificationTime.ToDateTimeOffset() : MissingTime;
    }

    public long GetLength(MountContext context, string fullPath, bool continueOnError = false)
    {
        EnsureInitialized(context, fullPath, continueOnError);
        return Exists && _status is not null ? _status.Size : 0;
    }

    /// <summary>The permission bits, or -1 for a missing entry or a dangling link.</summary>
    public UnixFileMode GetUnixFileMode(MountContext context, string fullPath, bool continueOnError = false)
    {
        EnsureInitialized(context, fullPath, continueOnError);
        return !Exists || _state == BrokenLink ? (UnixFileMode)(-1) : _mode & (UnixFileMode)0xFFF;
    }

    public void SetUnixFileMode(MountContext context, string fullPath, UnixFileMode mode)
    {
        if ((mode & ~(UnixFileMode)0xFFF) != 0)
        {
            throw new ArgumentException(SystemIOMessages.InvalidUnixFileMode, "UnixFileMode");
        }

        var errno = context.Chmod(fullPath, mode);
        if (errno != MountContext.Ok)
        {
            throw context.Error(errno, fullPath);
        }

        Invalidate();
    }

    /// <summary>utimensat(2) with the access or the modification time replaced and the other kept, as .NET sets times.</summary>
    public void SetTime(MountContext context, string fullPath, DateTimeOffset time, bool isAccessTime, bool asDirectory)
    {
        Invalidate();
        EnsureInitialized(context, fullPath);
        if (!Exists)
        {
            ThrowNotFound(context, fullPath);
        }

        var value = TimeUpdate.To(ToTimespec(time));
        var status = _status!;
        var errno = isAccessTime
            ? context.SetTimes(fullPath, value, TimeUpdate.To(status.ModificationTime))
            : context.SetTimes(fullPath, TimeUpdate.To(status.AccessTime), value);
        Invalidate();
        if (errno != MountContext.Ok)
        {
            throw context.Error(errno, fullPath, asDirectory);
        }
    }

    private static Timespec ToTimespec(DateTimeOffset time)
    {
        var seconds = time.ToUnixTimeSeconds();
        var nanoseconds = (time.UtcTicks - DateTimeOffset.UnixEpoch.Ticks - (seconds * TimeSpan.TicksPerSecond)) * 100;
        return new Timespec(seconds, nanoseconds);
    }

    private void ThrowNotFound(MountContext context, string fullPath) =>
        throw context.Error(_state == MissingNotDirectory ? Errno.ENOTDIR : Errno.ENOENT, fullPath);
}
