using S3FilesSim.FileSystem;

namespace S3FilesSim.Abstractions;

/// <summary>
/// One open file of the mount as System.IO's <c>SafeFileHandle</c> opens it on Linux: open(2) without <c>O_TRUNC</c>, a
/// directory refused for reading with EACCES, the FileShare advisory lock (flock(2), <c>LOCK_NB</c>) where .NET takes it on
/// an NFS mount, then ftruncate(2) for <see cref="FileMode.Create"/> and <see cref="FileMode.Truncate"/>.
/// </summary>
/// <remarks>FileShare on Linux is advisory: <see cref="FileShare.None"/> takes <c>LOCK_EX</c>, anything else <c>LOCK_SH</c>;
/// on NFS .NET skips <c>LOCK_SH</c> for handles opened for writing (the Linux NFS client emulates flock with byte-range
/// locks, which need read access for shared locks), and <c>LOCK_EX</c> on a read-only handle fails with EBADF, which .NET
/// ignores. Only EWOULDBLOCK fails the open, as a sharing violation. Closing unlinks a
/// <see cref="FileOptions.DeleteOnClose"/> file first, then releases the lock and closes (errors ignored, as .NET does).</remarks>
internal sealed class OpenedFile
{
    private readonly MountContext _context;
    private readonly bool _deleteOnClose;
    private readonly bool _writeThrough;
    private int _closed;

    private OpenedFile(MountContext context, FileHandle handle, string path, FileAccess access, bool deleteOnClose, bool writeThrough)
    {
        _context = context;
        Handle = handle;
        Path = path;
        Access = access;
        _deleteOnClose = deleteOnClose;
        _writeThrough = writeThrough;
    }

    public FileHandle Handle { get; }

    /// <summary>Gets the full application path the file was opened with.</summary>
    public string Path { get; }

    public FileAccess Access { get; }

    public bool IsClosed => Volatile.Read(ref _closed) != 0;

    /// <summary>Opens <paramref name="fullPath"/> the way <c>SafeFileHandle.Open</c> does on Linux.</summary>
    /// <param name="context">The adapter.</param>
    /// <param name="fullPath">The full application path.</param>
    /// <param name="mode">The FileMode (validated by the caller).</param>
    /// <param name="access">The FileAccess (validated by the caller).</param>
    /// <param name="share">The FileShare.</param>
    /// <param name="options">The FileOptions: WriteThrough is <c>O_SYNC</c> (each write is fsync'd), DeleteOnClose unlinks on close.</param>
    /// <param name="createMode">The mode of a created file before the umask; <see langword="null"/> for 0666.</param>
    /// <param name="openException">Turns an open(2) errno into a caller-specific exception, or returns <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels before the open.</param>
    public static async ValueTask<OpenedFile> OpenAsync(
        MountContext context,
        string fullPath,
        FileMode mode,
        FileAccess access,
        FileShare share,
        FileOptions options,
        UnixFileMode? createMode,
        Func<Errno, string, Exception?>? openException = null,
        CancellationToken cancellationToken = default)
    {
        var mountPath = context.ToMountPath(fullPath);
        var flags = access switch
        {
            FileAccess.Read => OpenFlags.ReadOnly,
            FileAccess.Write => OpenFlags.WriteOnly,
            _ => OpenFlags.ReadWrite,
        };
        flags |= mode switch
        {
            FileMode.CreateNew => OpenFlags.Create | OpenFlags.Exclusive,
            FileMode.Create => OpenFlags.Create | (context.DisableFileLocking ? OpenFlags.Truncate : 0),
            FileMode.OpenOrCreate or FileMode.Append => OpenFlags.Create,
            FileMode.Truncate => context.DisableFileLocking ? OpenFlags.Truncate : 0,
            _ => 0,
        };

        FileHandle handle;
        try
        {
            handle = await context.Mount.OpenAsync(mountPath, flags, createMode ?? DefaultModes.File, 0, cancellationToken).ConfigureAwait(false);
        }
        catch (FileSystemException exception)
        {
            throw openException?.Invoke(exception.Errno, fullPath)
                ?? context.Error(exception.Errno == Errno.EISDIR ? Errno.EACCES : exception.Errno, fullPath);
        }

        var file = new OpenedFile(context, handle, fullPath, access, (options & FileOptions.DeleteOnClose) != 0, (options & FileOptions.WriteThrough) != 0);
        try
        {
            await file.InitializeAsync(mode, share).ConfigureAwait(false);
            return file;
        }
        catch
        {
            await file.CloseAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async ValueTask InitializeAsync(FileMode mode, FileShare share)
    {
        if ((Access & FileAccess.Write) == 0)
        {
            var status = await StatAsync().ConfigureAwait(false);
            if (status.Type == FileType.Directory)
            {
                throw _context.Error(Errno.EACCES, Path);
            }
        }

        var exclusive = share == FileShare.None;
        if (!_context.DisableFileLocking && (exclusive || (Access & FileAccess.Write) == 0))
        {
            try
            {
                await _context.Mount.FlockAsync(Handle, exclusive ? FlockOperation.Exclusive : FlockOperation.Shared).ConfigureAwait(false);
            }
            catch (FileSystemException exception) when (exception.Errno != Errno.EAGAIN)
            {
                // Advisory and best effort, as in .NET: only EWOULDBLOCK fails the open.
            }
            catch (FileSystemException exception)
            {
                throw _context.Error(exception.Errno, Path);
            }
        }

        if (mode is FileMode.Create or FileMode.Truncate && !_context.DisableFileLocking)
        {
            try
            {
                await _context.Mount.TruncateAsync(Handle, 0).ConfigureAwait(false);
            }
            catch (FileSystemException exception) when (exception.Errno is not (Errno.EBADF or Errno.EINVAL))
            {
                throw _context.Error(exception.Errno, Path);
            }
        }
    }

    /// <summary>fstat(2).</summary>
    public async ValueTask<FileStatus> StatAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            return await _context.Mount.FstatAsync(Handle, cancellationToken).ConfigureAwait(false);
        }
        catch (FileSystemException exception)
        {
            throw _context.Error(exception.Errno, Path);
        }
    }

    /// <summary>The file's length (fstat(2)), including this mount's unflushed writes.</summary>
    public async ValueTask<long> GetLengthAsync(CancellationToken cancellationToken = default) =>
        (await StatAsync(cancellationToken).ConfigureAwait(false)).Size;

    /// <summary>pread(2).</summary>
    public async ValueTask<int> ReadAsync(Memory<byte> buffer, long offset, CancellationToken cancellationToken = default)
    {
        try
        {
            return await _context.Mount.ReadAsync(Handle, buffer, offset, cancellationToken).ConfigureAwait(false);
        }
        catch (FileSystemException exception)
        {
            throw _context.Error(exception.Errno, Path);
        }
    }

    /// <summary>pwrite(2) until every byte is written (RandomAccess.Write); with WriteThrough, fsync(2) after it.</summary>
    public async ValueTask WriteAsync(ReadOnlyMemory<byte> data, long offset, CancellationToken cancellationToken = default)
    {
        try
        {
            while (!data.IsEmpty)
            {
                var written = await _context.Mount.WriteAsync(Handle, data, offset, cancellationToken).ConfigureAwait(false);
                data = data[written..];
                offset += written;
            }

            if (_writeThrough)
            {
                await _context.Mount.FsyncAsync(Handle, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (FileSystemException exception)
        {
            throw _context.Error(exception.Errno, Path);
        }
    }

    /// <summary>ftruncate(2).</summary>
    public async ValueTask SetLengthAsync(long length, CancellationToken cancellationToken = default)
    {
        try
        {
            await _context.Mount.TruncateAsync(Handle, length, cancellationToken).ConfigureAwait(false);
        }
        catch (FileSystemException exception)
        {
            throw _context.Error(exception.Errno, Path);
        }
    }

    /// <summary>fsync(2): this mount's writes of the file become visible to other mounts (never an export to the bucket).</summary>
    public async ValueTask FsyncAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await _context.Mount.FsyncAsync(Handle, cancellationToken).ConfigureAwait(false);
        }
        catch (FileSystemException exception)
        {
            throw _context.Error(exception.Errno, Path);
        }
    }

    /// <summary>close(2), once; DeleteOnClose unlinks first. Errors are ignored, as SafeFileHandle's release does.</summary>
    public async ValueTask CloseAsync()
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0)
        {
            return;
        }

        if (_deleteOnClose)
        {
            try
            {
                await _context.Mount.UnlinkAsync(_context.ToMountPath(Path)).ConfigureAwait(false);
            }
            catch (FileSystemException)
            {
                // The path may no longer exist.
            }
        }

        try
        {
            await _context.Mount.CloseAsync(Handle).ConfigureAwait(false);
        }
        catch (FileSystemException)
        {
            // SafeFileHandle.ReleaseHandle ignores close errors; the lock goes with the descriptor.
        }
    }
}
