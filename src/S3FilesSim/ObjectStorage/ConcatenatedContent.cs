namespace S3FilesSim.ObjectStorage;

/// <summary>Immutable parts read as one object: the body of a completed multipart upload.</summary>
internal sealed class ConcatenatedContent : ObjectContent
{
    private readonly ObjectContent[] _parts;
    private readonly long[] _starts;
    private readonly long _length;

    public ConcatenatedContent(IReadOnlyList<ObjectContent> parts)
    {
        _parts = [.. parts];
        _starts = new long[_parts.Length];
        for (var i = 0; i < _parts.Length; i++)
        {
            _starts[i] = _length;
            _length += _parts[i].Length;
        }
    }

    public override long Length => _length;

    /// <summary>Gets the parts, in order.</summary>
    internal IReadOnlyList<ObjectContent> Parts => _parts;

    public override bool IsImmutable => true;

    public override int Read(long offset, Span<byte> destination)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(offset, _length);
        var total = (int)Math.Min(destination.Length, _length - offset);
        var index = Array.BinarySearch(_starts, offset);
        if (index < 0)
        {
            index = ~index - 1;
        }

        var copied = 0;
        while (copied < total)
        {
            while (_parts[index].Length == 0 || offset + copied >= _starts[index] + _parts[index].Length)
            {
                index++;
            }

            var within = offset + copied - _starts[index];
            var n = (int)Math.Min(_parts[index].Length - within, total - copied);
            copied += _parts[index].Read(within, destination.Slice(copied, n));
        }

        return total;
    }
}
