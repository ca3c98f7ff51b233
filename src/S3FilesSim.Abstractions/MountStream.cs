using System.Buffers;

namespace S3FilesSim.Abstractions;

/// <summary>
/// <see cref="FileStream"/>'s behaviour over one <see cref="OpenedFile"/>: positioned reads and writes (pread/pwrite at
/// the stream's own position, also in Append mode, as .NET does on Unix), a read/write buffer of <c>bufferSize</c> bytes
/// (4,096 by default; 0 or 1 for none), <see cref="Flush()"/> hands the buffered bytes to the mount like write(2),
/// <see cref="Flush(bool)"/> with <see langword="true"/> is fsync(2), disposal is close(2).
/// </summary>
/// <remarks>On an S3 Files mount, bytes handed to the mount are visible to this mount at once and to other mounts (NFS
/// clients) after fsync(2) or close(2) (close-to-open); they reach the bucket about 60 s after the last change.</remarks>
internal sealed class MountStream : Stream
{
    private readonly MountContext _context;
    private readonly OpenedFile _file;
    private readonly int _bufferSize;
    private readonly long _appendStart;
    private byte[]? _buffer;
    private int _readPos;
    private int _readLen;
    private int _writePos;
    private long _filePosition;

    public MountStream(MountContext context, OpenedFile file, int bufferSize, long position, bool append)
    {
        _context = context;
        _file = file;
        _bufferSize = bufferSize <= 1 ? 0 : bufferSize;
        _filePosition = position;
        _appendStart = append ? position : -1;
    }

    public string Path => _file.Path;

    public override bool CanRead => !_file.IsClosed && (_file.Access & FileAccess.Read) != 0;

    public override bool CanWrite => !_file.IsClosed && (_file.Access & FileAccess.Write) != 0;

    public override bool CanSeek => !_file.IsClosed;

    public override long Length
    {
        get
        {
            EnsureOpen();
            var length = _context.Wait(_file.GetLengthAsync());
            return _writePos > 0 && _filePosition + _writePos > length ? _filePosition + _writePos : length;
        }
    }

    public override long Position
    {
        get
        {
            EnsureOpen();
            return _filePosition + _readPos - _readLen + _writePos;
        }

        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            Seek(value, SeekOrigin.Begin);
        }
    }

    public override long Seek(long offset, SeekOrigin origin)
    {
        if (origin is < SeekOrigin.Begin or > SeekOrigin.End)
        {
            throw new ArgumentException("Invalid seek origin.", nameof(origin));
        }

        EnsureOpen();
        if (_writePos > 0)
        {
            _context.Wait(FlushWriteAsync(CancellationToken.None));
        }

        var logical = _filePosition - _readLen + _readPos;
        var target = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => logical + offset,
            _ => _context.Wait(_file.GetLengthAsync()) + offset,
        };
        if (target < 0)
        {
            throw _context.Error(FileSystem.Errno.EINVAL, _file.Path);
        }

        if (_appendStart != -1 && target < _appendStart)
        {
            throw new IOException(SystemIOMessages.SeekAppendOverwrite);
        }

        var bufferStart = _filePosition - _readLen;
        if (_readLen > 0 && target >= bufferStart && target < _filePosition)
        {
            _readPos = (int)(target - bufferStart);
        }
        else
        {
            _readPos = _readLen = 0;
            _filePosition = target;
        }

        return target;
    }

    public override void SetLength(long value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        EnsureOpen();
        EnsureWritable();
        if (_appendStart != -1 && value < _appendStart)
        {
            throw new IOException(SystemIOMessages.SetLengthAppendTruncate);
        }

        _context.Wait(FlushAsyncCore(CancellationToken.None));
        _context.Wait(_file.SetLengthAsync(value));
        if (_filePosition > value)
        {
            _filePosition = value;
        }
    }

    // ---- reading ----

    public override int Read(byte[] buffer, int offset, int count)
    {
        ValidateBufferArguments(buffer, offset, count);
        return _context.Wait(ReadCoreAsync(buffer.AsMemory(offset, count), CancellationToken.None));
    }

    public override int Read(Span<byte> buffer)
    {
        EnsureOpen();
        EnsureReadable();
        if (_readPos < _readLen)
        {
            return CopyFromReadBuffer(buffer);
        }

        var rented = ArrayPool<byte>.Shared.Rent(buffer.Length);
        try
        {
            var read = _context.Wait(ReadCoreAsync(rented.AsMemory(0, buffer.Length), CancellationToken.None));
            rented.AsSpan(0, read).CopyTo(buffer);
            return read;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    public override int ReadByte()
    {
        if (_readPos < _readLen)
        {
            return _buffer![_readPos++];
        }

        var one = new byte[1];
        return Read(one, 0, 1) == 0 ? -1 : one[0];
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        ValidateBufferArguments(buffer, offset, count);
        return ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        cancellationToken.IsCancellationRequested ? ValueTask.FromCanceled<int>(cancellationToken) : ReadCoreAsync(buffer, cancellationToken);

    private async ValueTask<int> ReadCoreAsync(Memory<byte> destination, CancellationToken cancellationToken)
    {
        EnsureOpen();
        EnsureReadable();
        if (_writePos > 0)
        {
            await FlushWriteAsync(cancellationToken).ConfigureAwait(false);
        }

        if (_readPos < _readLen)
        {
            return CopyFromReadBuffer(destination.Span);
        }

        if (destination.IsEmpty)
        {
            return 0;
        }

        if (_bufferSize == 0 || destination.Length >= _bufferSize)
        {
            _readPos = _readLen = 0;
            var direct = await _file.ReadAsync(destination, _filePosition, cancellationToken).ConfigureAwait(false);
            _filePosition += direct;
            return direct;
        }

        _buffer ??= new byte[_bufferSize];
        var filled = await _file.ReadAsync(_buffer.AsMemory(0, _bufferSize), _filePosition, cancellationToken).ConfigureAwait(false);
        _filePosition += filled;
        _readPos = 0;
        _readLen = filled;
        return CopyFromReadBuffer(destination.Span);
    }

    private int CopyFromReadBuffer(Span<byte> destination)
    {
        var count = Math.Min(destination.Length, _readLen - _readPos);
        _buffer.AsSpan(_readPos, count).CopyTo(destination);
        _readPos += count;
        return count;
    }

    // ---- writing ----

    public override void Write(byte[] buffer, int offset, int count)
    {
        ValidateBufferArguments(buffer, offset, count);
        _context.Wait(WriteCoreAsync(buffer.AsMemory(offset, count), CancellationToken.None));
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        EnsureOpen();
        EnsureWritable();
        if (_bufferSize > 0 && _readLen == 0 && _writePos + buffer.Length <= _bufferSize)
        {
            _buffer ??= new byte[_bufferSize];
            buffer.CopyTo(_buffer.AsSpan(_writePos));
            _writePos += buffer.Length;
            return;
        }

        var rented = ArrayPool<byte>.Shared.Rent(buffer.Length);
        try
        {
            buffer.CopyTo(rented);
            _context.Wait(WriteCoreAsync(rented.AsMemory(0, buffer.Length), CancellationToken.None));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    public override void WriteByte(byte value) => Write([value]);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        ValidateBufferArguments(buffer, offset, count);
        return WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
        cancellationToken.IsCancellationRequested ? ValueTask.FromCanceled(cancellationToken) : WriteCoreAsync(buffer, cancellationToken);

    private async ValueTask WriteCoreAsync(ReadOnlyMemory<byte> source, CancellationToken cancellationToken)
    {
        EnsureOpen();
        EnsureWritable();
        if (_readLen > 0)
        {
            // Writing after reading: the position is the logical one, the read-ahead is dropped.
            _filePosition = _filePosition - _readLen + _readPos;
            _readPos = _readLen = 0;
        }

        if (_bufferSize > 0 && _writePos + source.Length <= _bufferSize)
        {
            _buffer ??= new byte[_bufferSize];
            source.Span.CopyTo(_buffer.AsSpan(_writePos));
            _writePos += source.Length;
            return;
        }

        if (_writePos > 0)
        {
            await FlushWriteAsync(cancellationToken).ConfigureAwait(false);
        }

        if (_bufferSize > 0 && source.Length < _bufferSize)
        {
            _buffer ??= new byte[_bufferSize];
            source.Span.CopyTo(_buffer);
            _writePos = source.Length;
            return;
        }

        await _file.WriteAsync(source, _filePosition, cancellationToken).ConfigureAwait(false);
        _filePosition += source.Length;
    }

    private async ValueTask FlushWriteAsync(CancellationToken cancellationToken)
    {
        var count = _writePos;
        _writePos = 0;
        await _file.WriteAsync(_buffer.AsMemory(0, count), _filePosition, cancellationToken).ConfigureAwait(false);
        _filePosition += count;
    }

    // ---- flushing and closing ----

    /// <summary>FileStream.Flush(): the buffered bytes go to the mount (write(2)); a read-ahead is dropped.</summary>
    public override void Flush()
    {
        EnsureOpen();
        _context.Wait(FlushAsyncCore(CancellationToken.None));
    }

    /// <summary>FileStream.Flush(flushToDisk): with <see langword="true"/>, fsync(2) after handing over the buffer.</summary>
    public void Flush(bool flushToDisk)
    {
        Flush();
        if (flushToDisk && CanWrite)
        {
            _context.Wait(_file.FsyncAsync());
        }
    }

    public override Task FlushAsync(CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled(cancellationToken);
        }

        EnsureOpen();
        return FlushAsyncCore(cancellationToken).AsTask();
    }

    private ValueTask FlushAsyncCore(CancellationToken cancellationToken)
    {
        if (_writePos > 0)
        {
            return FlushWriteAsync(cancellationToken);
        }

        if (_readLen > 0)
        {
            _filePosition = _filePosition - _readLen + _readPos;
            _readPos = _readLen = 0;
        }

        return ValueTask.CompletedTask;
    }

    public override async ValueTask DisposeAsync()
    {
        if (!_file.IsClosed)
        {
            try
            {
                if (_writePos > 0)
                {
                    await FlushWriteAsync(CancellationToken.None).ConfigureAwait(false);
                }
            }
            finally
            {
                await _file.CloseAsync().ConfigureAwait(false);
            }
        }

        GC.SuppressFinalize(this);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_file.IsClosed)
        {
            _context.Wait(DisposeAsync());
        }

        base.Dispose(disposing);
    }

    private void EnsureOpen()
    {
        if (_file.IsClosed)
        {
            throw new ObjectDisposedException(null, SystemIOMessages.FileClosed);
        }
    }

    private void EnsureReadable()
    {
        if ((_file.Access & FileAccess.Read) == 0)
        {
            throw new NotSupportedException(SystemIOMessages.UnreadableStream);
        }
    }

    private void EnsureWritable()
    {
        if ((_file.Access & FileAccess.Write) == 0)
        {
            throw new NotSupportedException(SystemIOMessages.UnwritableStream);
        }
    }
}
