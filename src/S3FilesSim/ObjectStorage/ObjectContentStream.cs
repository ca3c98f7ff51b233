namespace S3FilesSim.ObjectStorage;

/// <summary>A read-only seekable stream over a byte range of <see cref="ObjectContent"/>.</summary>
internal sealed class ObjectContentStream(ObjectContent content, long start, long length) : Stream
{
    private long _position;

    /// <summary>Gets the content the stream reads when it reads all of it (a whole-object GET of the in-memory bucket), else <see langword="null"/>.</summary>
    internal ObjectContent? WholeContent => start == 0 && length == content.Length ? content : null;

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => length;

    public override long Position
    {
        get => _position;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            _position = value;
        }
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        ValidateBufferArguments(buffer, offset, count);
        return Read(buffer.AsSpan(offset, count));
    }

    public override int Read(Span<byte> buffer)
    {
        if (_position >= length)
        {
            return 0;
        }

        var n = (int)Math.Min(buffer.Length, length - _position);
        var read = content.Read(start + _position, buffer[..n]);
        _position += read;
        return read;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Read(buffer.Span));
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override long Seek(long offset, SeekOrigin origin)
    {
        Position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            SeekOrigin.End => length + offset,
            _ => throw new ArgumentOutOfRangeException(nameof(origin), origin, "Unknown seek origin."),
        };
        return _position;
    }

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException("The object body stream is read-only.");

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("The object body stream is read-only.");
}
