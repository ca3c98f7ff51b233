using System.Buffers;

namespace S3FilesSim.FileSystem;

/// <summary>
/// A <see cref="Stream"/> over one open handle of an <see cref="IFileSystem"/>, returned by
/// <see cref="FileSystemExtensions.OpenStream"/>: positioned reads and writes (pread/pwrite at its own position),
/// <see cref="Flush"/> is fsync(2), disposal is close(2).
/// </summary>
/// <remarks>Like <see cref="FileStream"/>, a stream opened with <see cref="FileMode.Append"/> starts at the end and
/// cannot seek before that point. A write continues after short writes until every byte is written, so a write
/// crossing the maximum file size writes what fits and then throws <see cref="Errno.EFBIG"/>. File-system failures
/// surface as <see cref="FileSystemException"/>.</remarks>
internal sealed class FileSystemStream : Stream
{
    private readonly IFileSystem _fileSystem;
    private readonly FileHandle _handle;
    private readonly FileAccess _access;
    private readonly bool _append;
    private readonly long _appendStart;
    private long _position;
    private bool _disposed;

    private FileSystemStream(IFileSystem fileSystem, FileHandle handle, FileAccess access, bool append, long position)
    {
        _fileSystem = fileSystem;
        _handle = handle;
        _access = access;
        _append = append;
        _appendStart = append ? position : 0;
        _position = position;
    }

    /// <summary>Opens <paramref name="path"/> synchronously (open(2), then fstat(2) for an appending stream's start),
    /// blocking as <see cref="FileStream"/>'s constructor does; the handle is closed again if the stream cannot be made.</summary>
    internal static FileSystemStream Open(IFileSystem fileSystem, string path, OpenFlags flags, FileAccess access, bool append)
    {
        var handle = Wait(fileSystem.OpenAsync(path, flags));
        try
        {
            var position = append ? Wait(fileSystem.FstatAsync(handle)).Size : 0;
            return new FileSystemStream(fileSystem, handle, access, append, position);
        }
        catch
        {
            Wait(fileSystem.CloseAsync(handle));
            throw;
        }
    }

    public override bool CanRead => !_disposed && (_access & FileAccess.Read) != 0;

    public override bool CanWrite => !_disposed && (_access & FileAccess.Write) != 0;

    public override bool CanSeek => !_disposed;

    public override long Length
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return Wait(_fileSystem.FstatAsync(_handle)).Size;
        }
    }

    public override long Position
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _position;
        }

        set => Seek(value, SeekOrigin.Begin);
    }

    public override long Seek(long offset, SeekOrigin origin)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            SeekOrigin.End => Length + offset,
            _ => throw new ArgumentOutOfRangeException(nameof(origin), origin, null),
        };
        if (position < 0)
        {
            throw new IOException("An attempt was made to move the position before the beginning of the stream.");
        }

        if (_append && position < _appendStart)
        {
            throw new IOException("Unable to seek backward to overwrite data that previously existed in a file opened in Append mode.");
        }

        _position = position;
        return position;
    }

    public override void SetLength(long value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!CanWrite)
        {
            throw new NotSupportedException("The stream does not support writing.");
        }

        if (_append && value < _appendStart)
        {
            throw new IOException("Unable to truncate data that previously existed in a file opened in Append mode.");
        }

        Wait(_fileSystem.TruncateAsync(_handle, value));
        _position = Math.Min(_position, value);
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        ValidateBufferArguments(buffer, offset, count);
        return Wait(ReadAsync(buffer.AsMemory(offset, count)));
    }

    public override int Read(Span<byte> buffer)
    {
        var rented = ArrayPool<byte>.Shared.Rent(buffer.Length);
        try
        {
            var read = Wait(ReadAsync(rented.AsMemory(0, buffer.Length)));
            rented.AsSpan(0, read).CopyTo(buffer);
            return read;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        ValidateBufferArguments(buffer, offset, count);
        return ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!CanRead)
        {
            throw new NotSupportedException("The stream does not support reading.");
        }

        var read = await _fileSystem.ReadAsync(_handle, buffer, _position, cancellationToken).ConfigureAwait(false);
        _position += read;
        return read;
    }

    public override void Write(byte[] buffer, int offset, int count)
    {
        ValidateBufferArguments(buffer, offset, count);
        Wait(WriteAsync(buffer.AsMemory(offset, count)));
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        var rented = ArrayPool<byte>.Shared.Rent(buffer.Length);
        try
        {
            buffer.CopyTo(rented);
            Wait(WriteAsync(rented.AsMemory(0, buffer.Length)));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        ValidateBufferArguments(buffer, offset, count);
        return WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!CanWrite)
        {
            throw new NotSupportedException("The stream does not support writing.");
        }

        if (_append)
        {
            await _fileSystem.WriteAllAsync(_handle, buffer, cancellationToken).ConfigureAwait(false);
            _position = await _fileSystem.SeekAsync(_handle, 0, SeekOrigin.Current, cancellationToken).ConfigureAwait(false);
            return;
        }

        while (!buffer.IsEmpty)
        {
            var written = await _fileSystem.WriteAsync(_handle, buffer, _position, cancellationToken).ConfigureAwait(false);
            _position += written;
            buffer = buffer[written..];
        }
    }

    public override void Flush()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        Wait(_fileSystem.FsyncAsync(_handle));
    }

    public override Task FlushAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _fileSystem.FsyncAsync(_handle, cancellationToken).AsTask();
    }

    public override async ValueTask DisposeAsync()
    {
        if (!_disposed)
        {
            _disposed = true;
            await _fileSystem.CloseAsync(_handle).ConfigureAwait(false);
        }

        await base.DisposeAsync().ConfigureAwait(false);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _disposed = true;
            Wait(_fileSystem.CloseAsync(_handle));
        }

        base.Dispose(disposing);
    }

    /// <summary>Blocks on <paramref name="task"/> for synchronous callers.</summary>
    private static T Wait<T>(ValueTask<T> task) => task.IsCompletedSuccessfully ? task.Result : task.AsTask().GetAwaiter().GetResult();

    /// <summary>Blocks on <paramref name="task"/> for synchronous callers.</summary>
    private static void Wait(ValueTask task)
    {
        if (task.IsCompletedSuccessfully)
        {
            return;
        }

        task.AsTask().GetAwaiter().GetResult();
    }
}
