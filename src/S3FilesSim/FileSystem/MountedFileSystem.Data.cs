using S3FilesSim.HotTier;
using S3FilesSim.Namespace;
using S3FilesSim.ReadPath;
using S3FilesSim.Security;

namespace S3FilesSim.FileSystem;

/// <content>open(2), read(2), write(2), lseek(2), truncate(2), fsync(2), close(2) (which flushes only from a handle open for writing, as nfs_file_flush does) and fstat(2).</content>
internal sealed partial class MountedFileSystem
{
    private const OpenFlags AccessModeMask = OpenFlags.WriteOnly | OpenFlags.ReadWrite;

    /// <inheritdoc />
    public ValueTask<FileHandle> OpenAsync(string path, OpenFlags flags, UnixFileMode mode = DefaultModes.File, int processId = 0, CancellationToken cancellationToken = default) =>
        Locked((path, flags, mode, processId, cancellationToken), static (m, s) => m.Open(s.path, s.flags, s.mode, s.processId, s.cancellationToken), cancellationToken);

    private FileHandle Open(string path, OpenFlags flags, UnixFileMode mode, int processId, CancellationToken cancellationToken)
    {
        const string op = "open";
        Begin(cancellationToken);
        var access = flags & AccessModeMask;
        if (access == AccessModeMask || (flags & (OpenFlags.Create | OpenFlags.Directory)) == (OpenFlags.Create | OpenFlags.Directory))
        {
            throw Fail(Errno.EINVAL, op, path);
        }

        if (_handles.Count >= _fileSystem.Options.MaxOpenFilesPerMount)
        {
            throw Fail(Errno.EMFILE, op, path);
        }

        var create = (flags & OpenFlags.Create) != 0;
        var exclusive = create && (flags & OpenFlags.Exclusive) != 0;
        var readable = access != OpenFlags.WriteOnly;
        var writable = access != OpenFlags.ReadOnly;
        var truncate = (flags & OpenFlags.Truncate) != 0;
        if (create && path.Length > 1 && path[^1] == '/')
        {
            var error = ResolveNew(path, Errno.EISDIR, out _);
            throw Fail(error == 0 ? Errno.EISDIR : error, op, path);
        }

        var resolved = Resolve(path, followLast: (flags & OpenFlags.NoFollow) == 0 && !exclusive, op);
        var inode = resolved.Target;
        if (inode is null)
        {
            if (!create)
            {
                throw Fail(Errno.ENOENT, op, path);
            }

            ThrowIfReadOnly(op, path);
            CheckCreate(resolved.Parent, op, path);
            var (newMode, gid) = NewEntryAttributes(resolved.Parent, mode, directory: false);
            inode = _ns.Create(_changes, resolved.Parent, resolved.Name, FileType.RegularFile, newMode, User.Uid, gid);
        }
        else
        {
            CheckOpenExisting(inode, flags, exclusive, writable || truncate, readable, op, path);
            if (truncate && inode.Type == FileType.RegularFile)
            {
                SetLengthOnServer(inode, 0);
            }
        }

        var handle = _fileSystem.NextHandle();
        _handles.Add(handle, new OpenFile(inode, readable, writable, (flags & OpenFlags.Append) != 0, processId, _fileSystem.NextFlockOwner()));
        inode.OpenCount++;
        _metrics.OpenRecorded(created: resolved.Target is null);
        return new FileHandle(handle) { Issuer = this };
    }

    /// <inheritdoc />
    public ValueTask<int> ReadAsync(FileHandle handle, Memory<byte> buffer, long offset, CancellationToken cancellationToken = default)
    {
        lock (_ns.Gate)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var open = GetHandleAt(handle, offset, "pread");
            var count = ReadAt(open, buffer.Span, offset, "pread");
            _metrics.DataRead(count, ReadKind(_router.LastTier));
            return ValueTask.FromResult(count);
        }
    }

    /// <inheritdoc />
    public ValueTask<int> ReadAsync(FileHandle handle, Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        lock (_ns.Gate)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var open = GetHandle(handle, "read");
            var count = ReadAt(open, buffer.Span, open.Position, "read");
            _metrics.DataRead(count, ReadKind(_router.LastTier));
            open.Position += count;
            return ValueTask.FromResult(count);
        }
    }

    /// <inheritdoc />
    public ValueTask<int> WriteAsync(FileHandle handle, ReadOnlyMemory<byte> data, long offset, CancellationToken cancellationToken = default)
    {
        lock (_ns.Gate)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var open = GetHandleAt(handle, offset, "pwrite");
            var count = WriteAt(open, data.Span, open.Append ? ViewSize(open.Inode) : offset, "pwrite");
            _metrics.DataWrite(count);
            return ValueTask.FromResult(count);
        }
    }

    /// <inheritdoc />
    public ValueTask<int> WriteAsync(FileHandle handle, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        lock (_ns.Gate)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var open = GetHandle(handle, "write");
            var offset = open.Append ? ViewSize(open.Inode) : open.Position;
            var count = WriteAt(open, data.Span, offset, "write");
            _metrics.DataWrite(count);
            open.Position = offset + count;
            return ValueTask.FromResult(count);
        }
    }

    /// <inheritdoc />
    public ValueTask<long> SeekAsync(FileHandle handle, long offset, SeekOrigin origin, CancellationToken cancellationToken = default)
    {
        lock (_ns.Gate)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var open = GetHandle(handle, "lseek");
            var basis = origin switch
            {
                SeekOrigin.Begin => 0,
                SeekOrigin.Current => open.Position,
                SeekOrigin.End => ViewSize(open.Inode),
                _ => throw Fail(Errno.EINVAL, "lseek", null),
            };
            var position = basis + offset;
            if (position < 0 || (offset > 0 && position < basis) || position > _fileSystem.Options.MaxFileSizeBytes)
            {
                throw Fail(Errno.EINVAL, "lseek", null);
            }

            open.Position = position;
            return ValueTask.FromResult(position);
        }
    }

    /// <inheritdoc />
    public ValueTask TruncateAsync(string path, long length, CancellationToken cancellationToken = default) =>
        Locked((path, length, cancellationToken), static (m, s) => m.Truncate(s.path, s.length, s.cancellationToken), cancellationToken);

    private void Truncate(string path, long length, CancellationToken cancellationToken)
    {
        const string op = "truncate";
        Begin(cancellationToken);
        if (length < 0)
        {
            throw Fail(Errno.EINVAL, op, path);
        }

        var inode = ResolveExisting(path, followLast: true, op);
        if (inode.IsDirectory)
        {
            throw Fail(Errno.EISDIR, op, path);
        }

        if (inode.Type != FileType.RegularFile)
        {
            throw Fail(Errno.EINVAL, op, path);
        }

        ThrowIfReadOnly(op, path);
        if (!Permissions.Allows(inode, User, AccessMode.Write))
        {
            throw Fail(Errno.EACCES, op, path);
        }

        if (length > _fileSystem.Options.MaxFileSizeBytes)
        {
            throw Fail(Errno.EFBIG, op, path);
        }

        SetLengthOnServer(inode, length);
        _metrics.MetadataWrite();
    }

    /// <inheritdoc />
    public ValueTask TruncateAsync(FileHandle handle, long length, CancellationToken cancellationToken = default)
    {
        const string op = "ftruncate";
        lock (_ns.Gate)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var open = length >= 0 ? GetHandle(handle, op) : throw Fail(Errno.EINVAL, op, null);
            if (!open.Writable || open.Inode.Type != FileType.RegularFile)
            {
                throw Fail(Errno.EINVAL, op, null);
            }

            if (length > _fileSystem.Options.MaxFileSizeBytes)
            {
                throw Fail(Errno.EFBIG, op, null);
            }

            SetLengthOnServer(open.Inode, length);
            _metrics.MetadataWrite();
            return ValueTask.CompletedTask;
        }
    }

    /// <inheritdoc />
    public ValueTask FsyncAsync(FileHandle handle, CancellationToken cancellationToken = default)
    {
        lock (_ns.Gate)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Flush(GetHandle(handle, "fsync").Inode);
            _metrics.MetadataWrite();
            return ValueTask.CompletedTask;
        }
    }

    /// <inheritdoc />
    public ValueTask CloseAsync(FileHandle handle, CancellationToken cancellationToken = default)
    {
        (ulong Inode, int ProcessId)? releaseFcntl = null;
        OpenFile open;
        lock (_ns.Gate)
        {
            cancellationToken.ThrowIfCancellationRequested();
            open = GetHandle(handle, "close");
            _handles.Remove(handle.Value);
            if (open.Writable)
            {
                Flush(open.Inode);
                _metrics.MetadataWrite();
            }

            ReleaseOpen(open.Inode);
            if (_fcntlLockers.Remove((open.Inode.Number, open.ProcessId)))
            {
                releaseFcntl = (open.Inode.Number, open.ProcessId);
            }
        }

        if (releaseFcntl is { } owner)
        {
            _fileSystem.Locks.ReleaseAll(owner.Inode, new Locking.LockOwner(MountId, owner.ProcessId));
        }

        if (open.UsedFlock)
        {
            _fileSystem.Locks.ReleaseAll(open.Inode.Number, new Locking.LockOwner(MountId, open.FlockOwner));
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<FileStatus> FstatAsync(FileHandle handle, CancellationToken cancellationToken = default)
    {
        lock (_ns.Gate)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var status = StatusOf(GetHandle(handle, "fstat").Inode);
            _metrics.MetadataRead();
            return ValueTask.FromResult(status);
        }
    }

    /// <summary>pread/pwrite check the offset before the descriptor, as Linux does.</summary>
    private OpenFile GetHandleAt(FileHandle handle, long offset, string op) =>
        offset >= 0 ? GetHandle(handle, op) : throw Fail(Errno.EINVAL, op, null);

    private void CheckOpenExisting(Inode inode, OpenFlags flags, bool exclusive, bool wantsWrite, bool readable, string op, string path)
    {
        if (exclusive)
        {
            throw Fail(Errno.EEXIST, op, path);
        }

        if (inode.Type == FileType.SymbolicLink)
        {
            throw Fail(Errno.ELOOP, op, path);
        }

        if ((flags & OpenFlags.Directory) != 0 && !inode.IsDirectory)
        {
            throw Fail(Errno.ENOTDIR, op, path);
        }

        if (inode.IsDirectory && (wantsWrite || (flags & OpenFlags.Create) != 0))
        {
            throw Fail(Errno.EISDIR, op, path);
        }

        if (wantsWrite)
        {
            ThrowIfReadOnly(op, path);
        }

        var wanted = (readable ? AccessMode.Read : 0) | (wantsWrite ? AccessMode.Write : 0);
        if (!Permissions.Allows(inode, User, wanted))
        {
            throw Fail(Errno.EACCES, op, path);
        }

        if (inode.Type is FileType.Fifo or FileType.Socket)
        {
            // A socket has no open(2) (ENXIO on Linux too); FIFO I/O needs a kernel pipe, which a FUSE mount provides.
            throw Fail(Errno.ENXIO, op, path);
        }
    }

    private int ReadAt(OpenFile open, Span<byte> buffer, long offset, string op)
    {
        var inode = open.Inode;
        if (!open.Readable)
        {
            throw Fail(Errno.EBADF, op, null);
        }

        ThrowIfRangeOverflows(offset, buffer.Length, op);
        if (inode.IsDirectory)
        {
            throw Fail(Errno.EISDIR, op, null);
        }

        if (!_unflushed.TryGetValue(inode, out var writes))
        {
            return ReadShared(inode, buffer, offset, op);
        }

        var size = Math.Max(inode.Size, writes.End);
        var count = offset >= size ? 0 : (int)Math.Min(buffer.Length, size - offset);
        var target = buffer[..count];
        var shared = ReadShared(inode, target, offset, op);
        target[shared..].Clear();
        writes.Overlay(offset, target);
        return count;
    }

    /// <summary>Reads the file system's bytes of <paramref name="inode"/>; a read of data not resident has the data imported when the import rules select it.</summary>
    private int ReadShared(Inode inode, Span<byte> buffer, long offset, string op)
    {
        var count = _router.Read(inode, buffer, offset, MayReadDirect, op);
        if (_router.LastTier != ReadTier.HotTier && !inode.Resident)
        {
            _dataImport.OnNonResidentRead(inode);
        }

        return count;
    }

    private int WriteAt(OpenFile open, ReadOnlySpan<byte> data, long offset, string op)
    {
        if (!open.Writable)
        {
            throw Fail(Errno.EBADF, op, null);
        }

        ThrowIfRangeOverflows(offset, data.Length, op);
        var limit = _fileSystem.Options.MaxFileSizeBytes;
        if (data.Length > 0 && offset >= limit)
        {
            throw Fail(Errno.EFBIG, op, null);
        }

        var count = (int)Math.Min(data.Length, limit - offset);
        if (count == 0)
        {
            return 0;
        }

        if (!_unflushed.TryGetValue(open.Inode, out var writes))
        {
            _router.BeforeWrite(open.Inode, offset, op);
            writes = new UnflushedWrites();
            _unflushed.Add(open.Inode, writes);
        }

        writes.Write(offset, data[..count], _ns.NowNs);
        RemovePrivileges(open.Inode);
        return count;
    }

    /// <summary>Linux rw_verify_area(): a transfer whose end would pass the largest offset is <see cref="Errno.EINVAL"/>.</summary>
    private static void ThrowIfRangeOverflows(long offset, int count, string op)
    {
        if (offset > long.MaxValue - count)
        {
            throw Fail(Errno.EINVAL, op, null);
        }
    }

    /// <summary>Linux file_remove_privs(): a write or truncate by a non-root caller clears set-user-id, and set-group-id when group-execute is set.</summary>
    private void RemovePrivileges(Inode inode)
    {
        var kill = UnixFileMode.SetUser | ((inode.Mode & UnixFileMode.GroupExecute) != 0 ? UnixFileMode.SetGroup : 0);
        if (User.IsRoot || (inode.Mode & kill) == 0)
        {
            return;
        }

        inode.Mode &= ~kill;
        inode.ChangeTimeNs = _ns.NowNs;
        _ns.MetadataChanged(_changes, inode);
    }

    /// <summary>A size change through SETATTR: the NFS client flushes its dirty data of the file first, then the new length is visible to every mount.</summary>
    private void SetLengthOnServer(Inode inode, long length)
    {
        Flush(inode);
        _router.BeforeSetLength(inode, length, "truncate");
        _ns.SetLength(inode, length);
        _ns.DataChanged(_changes, inode);
        RemovePrivileges(inode);
    }
}
