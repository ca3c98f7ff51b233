using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using S3FilesSim.FileSystem;

namespace S3FilesSim.TestSupport.Posix;

/// <summary>
/// An <see cref="IFileSystem"/> over the real Linux file system below a root directory, through libc, so every errno
/// is the kernel's own. Mount paths (<c>/a/b</c>) map to <c>&lt;root&gt;/a/b</c>; failures throw
/// <see cref="FileSystemException"/> with the mount path, like the simulator.
/// </summary>
/// <remarks>
/// <para>Checks done here, before the kernel sees the path: an empty, relative or NUL-containing path fails with
/// <see cref="Errno.EINVAL"/> (a NUL would silently cut the C string); <c>..</c> components that would climb above the
/// root are dropped, as <c>/..</c> is <c>/</c>; rmdir(2) and rename(2) of the root fail with <see cref="Errno.EBUSY"/>
/// as on a mount point. Symbolic links are resolved by the kernel, so absolute link targets refer to the host.</para>
/// <para>The <c>processId</c> of <see cref="OpenAsync"/> is ignored: every handle belongs to this one process, so its
/// fcntl(2) locks never conflict with each other, as POSIX specifies for one owner.</para>
/// </remarks>
public sealed unsafe class LinuxFileSystem : IFileSystem
{
    private const int MaxSymlinkBytes = 4096;

    private readonly string _root;
    private readonly ConcurrentDictionary<long, OpenFile> _handles = new();
    private long _lastHandle;

    /// <summary>Creates a file system rooted at <paramref name="root"/>, an existing directory.</summary>
    /// <param name="root">The absolute host path of the root directory.</param>
    public LinuxFileSystem(string root)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("LinuxFileSystem calls Linux libc.");
        }

        if (!Directory.Exists(root))
        {
            throw new DirectoryNotFoundException(root);
        }

        _root = Path.GetFullPath(root).TrimEnd('/');
        User = CurrentUser();
        var statistics = StatFsCore("/");
        FileSystemId = statistics.FileSystemId;
        IsReadOnly = statistics.ReadOnly;
    }

    /// <summary>Gets the host path of the root directory.</summary>
    public string Root => _root;

    /// <inheritdoc />
    public string FileSystemId { get; }

    /// <inheritdoc />
    public PosixUser User { get; }

    /// <inheritdoc />
    public bool IsReadOnly { get; }

    /// <summary>Gets the number of handles open on this file system.</summary>
    public int OpenHandleCount => _handles.Count;

    /// <inheritdoc />
    public ValueTask<FileHandle> OpenAsync(string path, OpenFlags flags, UnixFileMode mode = DefaultModes.File, int processId = 0, CancellationToken cancellationToken = default) =>
        Run(() =>
        {
            var native = Native(path, "open");
            int fd;
            fixed (byte* p = native)
            {
                fd = LibC.Open(p, (int)flags | LibC.OCloexec, (uint)mode);
            }

            Check(fd, "open", path);
            var handle = new FileHandle(Interlocked.Increment(ref _lastHandle));
            _handles[handle.Value] = new OpenFile(fd, path);
            return handle;
        }, cancellationToken);

    /// <inheritdoc />
    public ValueTask<int> ReadAsync(FileHandle handle, Memory<byte> buffer, long offset, CancellationToken cancellationToken = default) =>
        Run(() =>
        {
            var file = Get(handle, "pread");
            fixed (byte* p = buffer.Span)
            {
                return (int)CheckSize(LibC.PRead(file.Fd, p, (nuint)buffer.Length, offset), "pread", file.Path);
            }
        }, cancellationToken);

    /// <inheritdoc />
    public ValueTask<int> ReadAsync(FileHandle handle, Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Run(() =>
        {
            var file = Get(handle, "read");
            fixed (byte* p = buffer.Span)
            {
                return (int)CheckSize(LibC.Read(file.Fd, p, (nuint)buffer.Length), "read", file.Path);
            }
        }, cancellationToken);

    /// <inheritdoc />
    public ValueTask<int> WriteAsync(FileHandle handle, ReadOnlyMemory<byte> data, long offset, CancellationToken cancellationToken = default) =>
        Run(() =>
        {
            var file = Get(handle, "pwrite");
            fixed (byte* p = data.Span)
            {
                var written = 0;
                do
                {
                    written += (int)CheckSize(LibC.PWrite(file.Fd, p + written, (nuint)(data.Length - written), offset + written), "pwrite", file.Path);
                }
                while (written < data.Length);
                return written;
            }
        }, cancellationToken);

    /// <inheritdoc />
    public ValueTask<int> WriteAsync(FileHandle handle, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default) =>
        Run(() =>
        {
            var file = Get(handle, "write");
            fixed (byte* p = data.Span)
            {
                var written = 0;
                do
                {
                    written += (int)CheckSize(LibC.Write(file.Fd, p + written, (nuint)(data.Length - written)), "write", file.Path);
                }
                while (written < data.Length);
                return written;
            }
        }, cancellationToken);

    /// <inheritdoc />
    public ValueTask<long> SeekAsync(FileHandle handle, long offset, SeekOrigin origin, CancellationToken cancellationToken = default) =>
        Run(() =>
        {
            var file = Get(handle, "lseek");
            return CheckSize(LibC.LSeek(file.Fd, offset, (int)origin), "lseek", file.Path);
        }, cancellationToken);

    /// <inheritdoc />
    public ValueTask TruncateAsync(string path, long length, CancellationToken cancellationToken = default) =>
        RunPath("truncate", path, p => LibC.Truncate(p, length), cancellationToken);

    /// <inheritdoc />
    public ValueTask TruncateAsync(FileHandle handle, long length, CancellationToken cancellationToken = default) =>
        RunHandle("ftruncate", handle, fd => LibC.FTruncate(fd, length), cancellationToken);

    /// <inheritdoc />
    public ValueTask FsyncAsync(FileHandle handle, CancellationToken cancellationToken = default) =>
        RunHandle("fsync", handle, LibC.FSync, cancellationToken);

    /// <inheritdoc />
    public ValueTask CloseAsync(FileHandle handle, CancellationToken cancellationToken = default) =>
        Run(() =>
        {
            if (!_handles.TryRemove(handle.Value, out var file))
            {
                throw FileSystemException.Create(Errno.EBADF, "close");
            }

            Check(LibC.Close(file.Fd), "close", file.Path);
        }, cancellationToken);

    /// <inheritdoc />
    public ValueTask<FileStatus> StatAsync(string path, CancellationToken cancellationToken = default) =>
        Run(() => StatCore("stat", path, 0), cancellationToken);

    /// <inheritdoc />
    public ValueTask<FileStatus> LstatAsync(string path, CancellationToken cancellationToken = default) =>
        Run(() => StatCore("lstat", path, LibC.AtSymlinkNoFollow), cancellationToken);

    /// <inheritdoc />
    public ValueTask<FileStatus> FstatAsync(FileHandle handle, CancellationToken cancellationToken = default) =>
        Run(() =>
        {
            var file = Get(handle, "fstat");
            var buffer = stackalloc byte[LibC.StatxSize];
            byte empty = 0;
            Check(LibC.Statx(file.Fd, &empty, LibC.AtEmptyPath, LibC.StatxBasicStatsAndBirthTime, buffer), "fstat", file.Path);
            return ParseStatx(new ReadOnlySpan<byte>(buffer, LibC.StatxSize), file.Path);
        }, cancellationToken);

    /// <inheritdoc />
    public ValueTask ChmodAsync(string path, UnixFileMode mode, CancellationToken cancellationToken = default) =>
        RunPath("chmod", path, p => LibC.Chmod(p, (uint)mode), cancellationToken);

    /// <inheritdoc />
    public ValueTask ChownAsync(string path, uint? uid, uint? gid, bool followSymlinks = true, CancellationToken cancellationToken = default) =>
        RunPath(followSymlinks ? "chown" : "lchown", path, p => followSymlinks
            ? LibC.Chown(p, uid ?? uint.MaxValue, gid ?? uint.MaxValue)
            : LibC.LChown(p, uid ?? uint.MaxValue, gid ?? uint.MaxValue), cancellationToken);

    /// <inheritdoc />
    public ValueTask SetTimesAsync(string path, TimeUpdate accessTime, TimeUpdate modificationTime, bool followSymlinks = true, CancellationToken cancellationToken = default) =>
        RunPath("utimensat", path, p =>
        {
            var times = stackalloc long[4];
            (times[0], times[1]) = ToNative(accessTime);
            (times[2], times[3]) = ToNative(modificationTime);
            return LibC.UtimensAt(LibC.AtFdCwd, p, times, followSymlinks ? 0 : LibC.AtSymlinkNoFollow);
        }, cancellationToken);

    /// <inheritdoc />
    public ValueTask AccessAsync(string path, AccessMode mode, CancellationToken cancellationToken = default) =>
        RunPath("access", path, p => LibC.Access(p, (int)mode), cancellationToken);

    /// <inheritdoc />
    public ValueTask MkdirAsync(string path, UnixFileMode mode = DefaultModes.Directory, CancellationToken cancellationToken = default) =>
        RunPath("mkdir", path, p => LibC.Mkdir(p, (uint)mode), cancellationToken);

    /// <inheritdoc />
    /// <remarks>Devices are created with device number 0 (root only, as on Linux).</remarks>
    public ValueTask MknodAsync(string path, FileType type, UnixFileMode mode = DefaultModes.File, CancellationToken cancellationToken = default) =>
        RunPath("mknod", path, p => LibC.Mknod(p, FileStatus.TypeBits(type) | (uint)mode, 0), cancellationToken);

    /// <inheritdoc />
    public ValueTask RmdirAsync(string path, CancellationToken cancellationToken = default) =>
        Run(() =>
        {
            ThrowIfRoot("rmdir", path);
            CallPath("rmdir", path, LibC.Rmdir);
        }, cancellationToken);

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<DirectoryEntry>> ReadDirectoryAsync(string path, CancellationToken cancellationToken = default) =>
        Run<IReadOnlyList<DirectoryEntry>>(() => ReadDirectoryCore(path), cancellationToken);

    /// <inheritdoc />
    public ValueTask UnlinkAsync(string path, CancellationToken cancellationToken = default) =>
        RunPath("unlink", path, LibC.Unlink, cancellationToken);

    /// <inheritdoc />
    public ValueTask RenameAsync(string oldPath, string newPath, RenameFlags flags = RenameFlags.None, CancellationToken cancellationToken = default) =>
        Run(() =>
        {
            var from = Native(oldPath, "rename", newPath);
            var to = Native(newPath, "rename", oldPath);
            ThrowIfRoot("rename", oldPath, newPath);
            ThrowIfRoot("rename", newPath, oldPath);
            fixed (byte* f = from)
            fixed (byte* t = to)
            {
                Check(LibC.RenameAt2(LibC.AtFdCwd, f, LibC.AtFdCwd, t, (uint)flags), "rename", oldPath, newPath);
            }

        }, cancellationToken);

    /// <inheritdoc />
    public ValueTask SymlinkAsync(string target, string linkPath, CancellationToken cancellationToken = default) =>
        Run(() =>
        {
            ArgumentNullException.ThrowIfNull(target);
            if (target.Contains('\0', StringComparison.Ordinal))
            {
                throw FileSystemException.Create(Errno.EINVAL, "symlink", target, linkPath);
            }

            var link = Native(linkPath, "symlink", target);
            var text = Encoding.UTF8.GetBytes(target + "\0");
            fixed (byte* t = text)
            fixed (byte* l = link)
            {
                Check(LibC.Symlink(t, l), "symlink", target, linkPath);
            }

        }, cancellationToken);

    /// <inheritdoc />
    public ValueTask<string> ReadLinkAsync(string path, CancellationToken cancellationToken = default) =>
        Run(() =>
        {
            var native = Native(path, "readlink");
            var buffer = new byte[MaxSymlinkBytes + 1];
            fixed (byte* p = native)
            fixed (byte* b = buffer)
            {
                var length = CheckSize(LibC.ReadLink(p, b, (nuint)buffer.Length), "readlink", path);
                return Encoding.UTF8.GetString(buffer, 0, (int)length);
            }
        }, cancellationToken);

    /// <inheritdoc />
    public ValueTask LinkAsync(string existingPath, string newPath, CancellationToken cancellationToken = default) =>
        Run(() =>
        {
            var from = Native(existingPath, "link", newPath);
            var to = Native(newPath, "link", existingPath);
            fixed (byte* f = from)
            fixed (byte* t = to)
            {
                Check(LibC.Link(f, t), "link", existingPath, newPath);
            }

        }, cancellationToken);

    /// <inheritdoc />
    public ValueTask<FileSystemStatistics> StatFsAsync(string path, CancellationToken cancellationToken = default) =>
        Run(() => StatFsCore(path).Statistics, cancellationToken);

    /// <inheritdoc />
    public ValueTask<byte[]> GetExtendedAttributeAsync(string path, string name, CancellationToken cancellationToken = default) =>
        Run(() =>
        {
            var native = Native(path, "getxattr");
            var attribute = AttributeName(name, "getxattr", path);
            fixed (byte* p = native)
            fixed (byte* n = attribute)
            {
                var size = CheckSize(LibC.GetXattr(p, n, null, 0), "getxattr", path);
                var value = new byte[size];
                fixed (byte* v = value)
                {
                    var read = CheckSize(LibC.GetXattr(p, n, v, (nuint)value.Length), "getxattr", path);
                    return value.AsSpan(0, (int)read).ToArray();
                }
            }
        }, cancellationToken);

    /// <inheritdoc />
    public ValueTask SetExtendedAttributeAsync(string path, string name, ReadOnlyMemory<byte> value, CancellationToken cancellationToken = default) =>
        Run(() =>
        {
            var native = Native(path, "setxattr");
            var attribute = AttributeName(name, "setxattr", path);
            fixed (byte* p = native)
            fixed (byte* n = attribute)
            fixed (byte* v = value.Span)
            {
                Check(LibC.SetXattr(p, n, v, (nuint)value.Length, 0), "setxattr", path);
            }

        }, cancellationToken);

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<string>> ListExtendedAttributesAsync(string path, CancellationToken cancellationToken = default) =>
        Run<IReadOnlyList<string>>(() =>
        {
            var native = Native(path, "listxattr");
            fixed (byte* p = native)
            {
                var size = CheckSize(LibC.ListXattr(p, null, 0), "listxattr", path);
                var list = new byte[size];
                fixed (byte* l = list)
                {
                    var read = CheckSize(LibC.ListXattr(p, l, (nuint)list.Length), "listxattr", path);
                    return Encoding.UTF8.GetString(list, 0, (int)read).Split('\0', StringSplitOptions.RemoveEmptyEntries);
                }
            }
        }, cancellationToken);

    /// <inheritdoc />
    public ValueTask SetLockAsync(FileHandle handle, FileLock request, bool wait = false, CancellationToken cancellationToken = default) =>
        RunHandle("fcntl", handle, fd =>
        {
            var info = ToNative(request);
            return LibC.Fcntl(fd, wait ? LibC.FSetLkW : LibC.FSetLk, &info);
        }, cancellationToken);

    /// <inheritdoc />
    public ValueTask<FileLock?> GetLockAsync(FileHandle handle, FileLock request, CancellationToken cancellationToken = default) =>
        Run<FileLock?>(() =>
        {
            var file = Get(handle, "fcntl");
            var info = ToNative(request);
            Check(LibC.Fcntl(file.Fd, LibC.FGetLk, &info), "fcntl", file.Path);
            return info.Type == LibC.FUnLck
                ? null
                : new FileLock(info.Type == LibC.FRdLck ? LockType.Read : LockType.Write, info.Start, info.Length, info.ProcessId);
        }, cancellationToken);

    /// <inheritdoc />
    public ValueTask FlockAsync(FileHandle handle, FlockOperation operation, bool wait = false, CancellationToken cancellationToken = default) =>
        RunHandle("flock", handle, fd => LibC.Flock(fd, operation switch
        {
            FlockOperation.Shared => LibC.LockSh,
            FlockOperation.Exclusive => LibC.LockEx,
            FlockOperation.Unlock => LibC.LockUn,
            _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, null),
        } | (wait ? 0 : LibC.LockNb)), cancellationToken);

    /// <summary>Closes every handle still open; the root directory and its contents stay.</summary>
    /// <returns>A completed task.</returns>
    public ValueTask DisposeAsync()
    {
        foreach (var key in _handles.Keys)
        {
            if (_handles.TryRemove(key, out var file))
            {
                _ = LibC.Close(file.Fd);
            }
        }

        return ValueTask.CompletedTask;
    }

    private static ValueTask<T> Run<T>(Func<T> call, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<T>(cancellationToken);
        }

        try
        {
            return ValueTask.FromResult(call());
        }
        catch (FileSystemException exception)
        {
            return ValueTask.FromException<T>(exception);
        }
    }

    private static ValueTask Run(Action call, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled(cancellationToken);
        }

        try
        {
            call();
            return ValueTask.CompletedTask;
        }
        catch (FileSystemException exception)
        {
            return ValueTask.FromException(exception);
        }
    }

    private static FileSystemException LastError(string operation, string? path, string? otherPath = null) =>
        FileSystemException.Create((Errno)Marshal.GetLastPInvokeError(), operation, path, otherPath);

    private static void Check(int result, string operation, string? path, string? otherPath = null)
    {
        if (result < 0)
        {
            throw LastError(operation, path, otherPath);
        }
    }

    private static long CheckSize(long result, string operation, string? path)
    {
        if (result < 0)
        {
            throw LastError(operation, path);
        }

        return result;
    }

    private static byte[] AttributeName(string name, string operation, string path)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Contains('\0', StringComparison.Ordinal))
        {
            throw FileSystemException.Create(Errno.EINVAL, operation, path);
        }

        return Encoding.UTF8.GetBytes(name + "\0");
    }

    private static (long Seconds, long Nanoseconds) ToNative(TimeUpdate update) =>
        update.IsNow ? (0, LibC.UtimeNow) : update.IsOmit ? (0, LibC.UtimeOmit) : (update.Value.Seconds, update.Value.Nanoseconds);

    private static LibC.FlockInfo ToNative(FileLock request) => new()
    {
        Type = request.Type switch
        {
            LockType.Read => LibC.FRdLck,
            LockType.Write => LibC.FWrLck,
            LockType.Unlock => LibC.FUnLck,
            _ => throw new ArgumentOutOfRangeException(nameof(request), request.Type, null),
        },
        Whence = (short)SeekOrigin.Begin,
        Start = request.Start,
        Length = request.Length,
    };

    private static FileType ToFileType(uint rawMode, string path) => (rawMode & 0xF000) switch
    {
        0x8000 => FileType.RegularFile,
        0x4000 => FileType.Directory,
        0xA000 => FileType.SymbolicLink,
        0x1000 => FileType.Fifo,
        0xC000 => FileType.Socket,
        0x2000 => FileType.CharacterDevice,
        0x6000 => FileType.BlockDevice,
        _ => throw new NotSupportedException(string.Create(CultureInfo.InvariantCulture, $"'{path}' has an unknown file type (mode {rawMode:x})")),
    };

    private static Timespec ReadTimespec(ReadOnlySpan<byte> buffer, int offset) =>
        new(BinaryPrimitives.ReadInt64LittleEndian(buffer[offset..]), BinaryPrimitives.ReadUInt32LittleEndian(buffer[(offset + 8)..]));

    private static FileStatus ParseStatx(ReadOnlySpan<byte> buffer, string path)
    {
        var mask = BinaryPrimitives.ReadUInt32LittleEndian(buffer);
        var rawMode = BinaryPrimitives.ReadUInt16LittleEndian(buffer[28..]);
        var changeTime = ReadTimespec(buffer, 96);
        return new FileStatus
        {
            InodeNumber = BinaryPrimitives.ReadUInt64LittleEndian(buffer[32..]),
            Type = ToFileType(rawMode, path),
            Mode = (UnixFileMode)(rawMode & 0xFFF),
            Uid = BinaryPrimitives.ReadUInt32LittleEndian(buffer[20..]),
            Gid = BinaryPrimitives.ReadUInt32LittleEndian(buffer[24..]),
            Size = BinaryPrimitives.ReadInt64LittleEndian(buffer[40..]),
            LinkCount = (int)BinaryPrimitives.ReadUInt32LittleEndian(buffer[16..]),
            AccessTime = ReadTimespec(buffer, 64),
            BirthTime = (mask & LibC.StatxBirthTimeMask) != 0 ? ReadTimespec(buffer, 80) : changeTime,
            ChangeTime = changeTime,
            ModificationTime = ReadTimespec(buffer, 112),
            Blocks = BinaryPrimitives.ReadInt64LittleEndian(buffer[48..]),
            BlockSize = (int)BinaryPrimitives.ReadUInt32LittleEndian(buffer[4..]),
        };
    }

    /// <summary>Returns the user this process runs as: effective uid and gid plus supplementary groups.</summary>
    /// <returns>The user.</returns>
    public static PosixUser CurrentUser()
    {
        var uid = LibC.GetEuid();
        var gid = LibC.GetEgid();
        var count = LibC.GetGroups(0, null);
        var groups = new uint[Math.Max(count, 0)];
        fixed (uint* g = groups)
        {
            count = LibC.GetGroups(groups.Length, g);
        }

        return new PosixUser(uid, gid, groups.Take(Math.Max(count, 0)).Where(group => group != gid));
    }

    private ValueTask RunPath(string operation, string path, PathCall call, CancellationToken cancellationToken) =>
        Run(() => CallPath(operation, path, call), cancellationToken);

    private ValueTask RunHandle(string operation, FileHandle handle, Func<int, int> call, CancellationToken cancellationToken) =>
        Run(() =>
        {
            var file = Get(handle, operation);
            Check(call(file.Fd), operation, file.Path);
        }, cancellationToken);

    private void CallPath(string operation, string path, PathCall call)
    {
        var native = Native(path, operation);
        fixed (byte* p = native)
        {
            Check(call(p), operation, path);
        }
    }

    private OpenFile Get(FileHandle handle, string operation) =>
        _handles.TryGetValue(handle.Value, out var file) ? file : throw FileSystemException.Create(Errno.EBADF, operation);

    private FileStatus StatCore(string operation, string path, int flags)
    {
        var native = Native(path, operation);
        var buffer = stackalloc byte[LibC.StatxSize];
        fixed (byte* p = native)
        {
            Check(LibC.Statx(LibC.AtFdCwd, p, flags, LibC.StatxBasicStatsAndBirthTime, buffer), operation, path);
        }

        return ParseStatx(new ReadOnlySpan<byte>(buffer, LibC.StatxSize), path);
    }

    private (FileSystemStatistics Statistics, string FileSystemId, bool ReadOnly) StatFsCore(string path)
    {
        var native = Native(path, "statfs");
        var buffer = stackalloc byte[LibC.StatfsSize];
        fixed (byte* p = native)
        {
            Check(LibC.StatFs(p, buffer), "statfs", path);
        }

        var span = new ReadOnlySpan<byte>(buffer, LibC.StatfsSize);
        var id = string.Create(CultureInfo.InvariantCulture, $"fs-{BinaryPrimitives.ReadUInt64LittleEndian(span[56..]):x17}");
        var files = BinaryPrimitives.ReadInt64LittleEndian(span[40..]);
        var statistics = new FileSystemStatistics
        {
            FileSystemId = id,
            BlockSize = BinaryPrimitives.ReadInt64LittleEndian(span[8..]),
            TotalBlocks = BinaryPrimitives.ReadInt64LittleEndian(span[16..]),
            FreeBlocks = BinaryPrimitives.ReadInt64LittleEndian(span[24..]),
            AvailableBlocks = BinaryPrimitives.ReadInt64LittleEndian(span[32..]),
            UsedInodes = files - BinaryPrimitives.ReadInt64LittleEndian(span[48..]),
            MaxNameLength = (int)BinaryPrimitives.ReadInt64LittleEndian(span[64..]),
        };
        return (statistics, id, (BinaryPrimitives.ReadInt64LittleEndian(span[80..]) & LibC.StRdonly) != 0);
    }

    private List<DirectoryEntry> ReadDirectoryCore(string path)
    {
        var native = Native(path, "readdir");
        int fd;
        fixed (byte* p = native)
        {
            fd = LibC.Open(p, (int)(OpenFlags.ReadOnly | OpenFlags.Directory) | LibC.OCloexec, 0);
        }

        Check(fd, "readdir", path);
        var directory = LibC.FdOpenDir(fd);
        if (directory == IntPtr.Zero)
        {
            var error = LastError("readdir", path);
            _ = LibC.Close(fd);
            throw error;
        }

        try
        {
            var entries = new List<DirectoryEntry>();
            while (true)
            {
                var entry = LibC.ReadDir(directory);
                if (entry == null)
                {
                    if (Marshal.GetLastPInvokeError() != 0)
                    {
                        throw LastError("readdir", path);
                    }

                    return entries;
                }

                var name = Marshal.PtrToStringUTF8((IntPtr)(entry + 19))!;
                if (name is "." or "..")
                {
                    continue;
                }

                var type = entry[18] switch
                {
                    LibC.DtDir => FileType.Directory,
                    LibC.DtReg => FileType.RegularFile,
                    LibC.DtLnk => FileType.SymbolicLink,
                    _ => StatCore("lstat", path.TrimEnd('/') + "/" + name, LibC.AtSymlinkNoFollow).Type,
                };
                entries.Add(new DirectoryEntry(name, *(ulong*)entry, type));
            }
        }
        finally
        {
            _ = LibC.CloseDir(directory);
        }
    }

    private void ThrowIfRoot(string operation, string path, string? otherPath = null)
    {
        if (Relative(path, operation).All(part => part is "" or "."))
        {
            throw FileSystemException.Create(Errno.EBUSY, operation, path, otherPath);
        }
    }

    private List<string> Relative(string path, string operation, string? otherPath = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Length == 0 || path[0] != '/' || path.Contains('\0', StringComparison.Ordinal))
        {
            throw FileSystemException.Create(Errno.EINVAL, operation, path, otherPath);
        }

        var kept = new List<string>();
        var depth = 0;
        foreach (var part in path.Split('/'))
        {
            switch (part)
            {
                case "" or ".":
                    kept.Add(part);
                    break;
                case "..":
                    if (depth > 0)
                    {
                        depth--;
                        kept.Add(part);
                    }

                    break;
                default:
                    depth++;
                    kept.Add(part);
                    break;
            }
        }

        return kept;
    }

    private byte[] Native(string path, string operation, string? otherPath = null) =>
        Encoding.UTF8.GetBytes(_root + string.Join('/', Relative(path, operation, otherPath)) + "\0");

    private delegate int PathCall(byte* path);

    private sealed record OpenFile(int Fd, string Path);
}
