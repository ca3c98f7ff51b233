using S3FilesSim.HotTier;
using S3FilesSim.Namespace;
using S3FilesSim.ObjectStorage;
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
    public ValueTask<int> ReadAsync(FileHandle handle, Memory<byte> buffer, long offset, CancellationToken cancellationToken = default) =>
        ReadAsync(handle, buffer, offset, positional: true, cancellationToken);

    /// <inheritdoc />
    public ValueTask<int> ReadAsync(FileHandle handle, Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ReadAsync(handle, buffer, 0, positional: false, cancellationToken);

    /// <inheritdoc />
    public ValueTask<int> WriteAsync(FileHandle handle, ReadOnlyMemory<byte> data, long offset, CancellationToken cancellationToken = default) =>
        Locked((handle, data, offset, cancellationToken), static (m, s) => m.Write(s.handle, s.data.Span, s.offset, positional: true, s.cancellationToken), cancellationToken);

    /// <inheritdoc />
    public ValueTask<int> WriteAsync(FileHandle handle, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default) =>
        Locked((handle, data, cancellationToken), static (m, s) => m.Write(s.handle, s.data.Span, 0, positional: false, s.cancellationToken), cancellationToken);

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
    public ValueTask TruncateAsync(FileHandle handle, long length, CancellationToken cancellationToken = default) =>
        Locked((handle, length, cancellationToken), static (m, s) => m.Truncate(s.handle, s.length, s.cancellationToken), cancellationToken);

    /// <inheritdoc />
    public ValueTask FsyncAsync(FileHandle handle, CancellationToken cancellationToken = default) =>
        Locked((handle, cancellationToken), static (m, s) => m.Fsync(s.handle, s.cancellationToken), cancellationToken);

    /// <inheritdoc />
    public async ValueTask CloseAsync(FileHandle handle, CancellationToken cancellationToken = default)
    {
        var closed = await Locked((handle, cancellationToken), static (m, s) => m.Close(s.handle, s.cancellationToken), cancellationToken).ConfigureAwait(false);
        ReleaseLocks(closed);
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

    /// <summary>
    /// read(2) and pread(2): served under the lock when the hot tier holds the data; otherwise the bucket part is read
    /// outside the lock (into <paramref name="buffer"/>) and the read completes under the lock, planned again if the file
    /// changed meanwhile. A cold read therefore delays no call on other files.
    /// </summary>
    private ValueTask<int> ReadAsync(FileHandle handle, Memory<byte> buffer, long offset, bool positional, CancellationToken cancellationToken)
    {
        BaseRead read;
        OpenFile open;
        lock (_ns.Gate)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var op = positional ? "pread" : "read";
            open = positional ? GetHandleAt(handle, offset, op) : GetHandle(handle, op);
            offset = positional ? offset : open.Position;
            if (TryReadAt(open, buffer.Span, offset, op, out var count) is not { } pending)
            {
                return ValueTask.FromResult(Read(open, count, offset, positional));
            }

            read = pending;
        }

        return ReadFromBucketAsync(handle, open, buffer, offset, positional, read, cancellationToken);
    }

    private async ValueTask<int> ReadFromBucketAsync(FileHandle handle, OpenFile open, Memory<byte> buffer, long offset, bool positional, BaseRead read, CancellationToken cancellationToken)
    {
        var op = positional ? "pread" : "read";
        while (true)
        {
            var error = await _router.ReadBaseAsync(read, buffer, cancellationToken).ConfigureAwait(false);
            lock (_ns.Gate)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (!ReferenceEquals(GetHandle(handle, op), open))
                {
                    throw Fail(Errno.EBADF, op, null);
                }

                if (CompleteReadAt(open, buffer.Span, offset, read, error, op) is { } count)
                {
                    return Read(open, count, offset, positional);
                }

                if (TryReadAt(open, buffer.Span, offset, op, out count) is not { } again)
                {
                    return Read(open, count, offset, positional);
                }

                read = again;
            }
        }
    }

    /// <summary>Counts a finished read and, for read(2), moves the position.</summary>
    private int Read(OpenFile open, int count, long offset, bool positional)
    {
        _metrics.DataRead(count, ReadKind(_router.LastTier));
        if (!positional)
        {
            open.Position = offset + count;
        }

        return count;
    }

    private int Write(FileHandle handle, ReadOnlySpan<byte> data, long offset, bool positional, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var op = positional ? "pwrite" : "write";
        var open = positional ? GetHandleAt(handle, offset, op) : GetHandle(handle, op);
        offset = open.Append ? ViewSize(open.Inode) : positional ? offset : open.Position;
        var count = WriteAt(open, data, offset, op);
        _metrics.DataWrite(count);
        if (!positional)
        {
            open.Position = offset + count;
        }

        return count;
    }

    private void Truncate(FileHandle handle, long length, CancellationToken cancellationToken)
    {
        const string op = "ftruncate";
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
    }

    private void Fsync(FileHandle handle, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Flush(GetHandle(handle, "fsync").Inode);
        _metrics.MetadataWrite();
    }

    /// <summary>close(2): flushes a handle open for writing, then releases it; a failed flush still closes the handle (as Linux closes the descriptor) and its error is raised after.</summary>
    private Closed Close(FileHandle handle, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var open = GetHandle(handle, "close");
        FileSystemException? flushError = null;
        if (open.Writable)
        {
            try
            {
                Flush(open.Inode);
            }
            catch (FileSystemException e)
            {
                _unflushed.Remove(open.Inode);
                flushError = e;
            }

            _metrics.MetadataWrite();
        }

        _handles.Remove(handle.Value);
        ReleaseOpen(open.Inode);
        var releaseFcntl = _fcntlLockers.Remove((open.Inode.Number, open.ProcessId));
        return new Closed(open, releaseFcntl, flushError);
    }

    /// <summary>Releases the locks a closed handle held, outside the file system's lock, and raises the flush error.</summary>
    private void ReleaseLocks(Closed closed)
    {
        if (closed.ReleaseFcntl)
        {
            _fileSystem.Locks.ReleaseAll(closed.Open.Inode.Number, new Locking.LockOwner(MountId, closed.Open.ProcessId));
        }

        if (closed.Open.UsedFlock)
        {
            _fileSystem.Locks.ReleaseAll(closed.Open.Inode.Number, new Locking.LockOwner(MountId, closed.Open.FlockOwner));
        }

        if (closed.FlushError is { } error)
        {
            throw error;
        }
    }

    /// <summary>A handle closed under the lock: the locks to release after, and the error of its flush.</summary>
    private readonly record struct Closed(OpenFile Open, bool ReleaseFcntl, FileSystemException? FlushError);

    /// <summary>
    /// Reads the shared bytes of <paramref name="open"/> at <paramref name="offset"/> and lays this mount's unflushed writes
    /// over them, when the hot tier can serve the read.
    /// </summary>
    /// <returns><see langword="null"/> with <paramref name="count"/> set when done; else the bucket read to make first.</returns>
    private BaseRead? TryReadAt(OpenFile open, Span<byte> buffer, long offset, string op, out int count)
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

        var target = ReadTarget(inode, buffer, offset, out count);
        if (_router.TryRead(inode, target, offset, MayReadDirect, out var shared) is { } read)
        {
            return read;
        }

        FinishReadAt(inode, target, offset, shared);
        count = count < 0 ? shared : count;
        return null;
    }

    /// <summary>Completes a read whose base part <paramref name="read"/> was fetched; <see langword="null"/> when the file changed and the read is planned again.</summary>
    private int? CompleteReadAt(OpenFile open, Span<byte> buffer, long offset, BaseRead read, ObjectStoreException? error, string op)
    {
        var target = ReadTarget(open.Inode, buffer, offset, out var count);
        if (!_router.CompleteRead(read, target, error, op))
        {
            return null;
        }

        FinishReadAt(open.Inode, target, offset, read.Count);
        return count < 0 ? read.Count : count;
    }

    /// <summary>The part of <paramref name="buffer"/> a read fills: up to the end of the file as this mount sees it (its unflushed writes included).</summary>
    private Span<byte> ReadTarget(Inode inode, Span<byte> buffer, long offset, out int count)
    {
        if (!_unflushed.TryGetValue(inode, out var writes))
        {
            count = -1;
            return buffer;
        }

        var size = Math.Max(inode.Size, writes.End);
        count = offset >= size ? 0 : (int)Math.Min(buffer.Length, size - offset);
        return buffer[..count];
    }

    /// <summary>After the shared bytes were read: zeros past them, this mount's unflushed writes over them, and the import of data not resident.</summary>
    private void FinishReadAt(Inode inode, Span<byte> target, long offset, int shared)
    {
        if (_router.LastTier != ReadTier.HotTier && !inode.Resident)
        {
            _dataImport.OnNonResidentRead(inode);
        }

        if (_unflushed.TryGetValue(inode, out var writes))
        {
            target[shared..].Clear();
            writes.Overlay(offset, target);
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
