namespace S3FilesSim.ObjectStorage;

/// <summary>Immutable content in 1 MiB chunks: the snapshot a store takes of content that may change.</summary>
internal sealed class ChunkedContent : ObjectContent
{
    private const int ChunkSize = 1 << 20;
    private readonly byte[][] _chunks;
    private readonly long _length;

    /// <summary>The size of every chunk but the last.</summary>
    internal const int ChunkBytes = ChunkSize;

    /// <summary>Wraps chunks of <see cref="ChunkBytes"/> bytes each (the last may be shorter) that nobody changes afterwards.</summary>
    internal ChunkedContent(byte[][] chunks, long length)
    {
        _chunks = chunks;
        _length = length;
    }

    public override long Length => _length;

    public override bool IsImmutable => true;

    public static ChunkedContent CopyOf(ObjectContent source)
    {
        var length = source.Length;
        var chunks = new byte[(int)((length + ChunkSize - 1) / ChunkSize)][];
        for (var i = 0; i < chunks.Length; i++)
        {
            long offset = (long)i * ChunkSize;
            var chunk = GC.AllocateUninitializedArray<byte>((int)Math.Min(ChunkSize, length - offset));
            var filled = 0;
            while (filled < chunk.Length)
            {
                var read = source.Read(offset + filled, chunk.AsSpan(filled));
                if (read <= 0)
                {
                    throw new InvalidOperationException($"The content ended at offset {offset + filled}, before its length of {length} bytes.");
                }

                filled += read;
            }

            chunks[i] = chunk;
        }

        return new ChunkedContent(chunks, length);
    }

    public override int Read(long offset, Span<byte> destination)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(offset, _length);
        var total = (int)Math.Min(destination.Length, _length - offset);
        var copied = 0;
        while (copied < total)
        {
            var chunk = _chunks[(int)((offset + copied) / ChunkSize)];
            var within = (int)((offset + copied) % ChunkSize);
            var n = Math.Min(chunk.Length - within, total - copied);
            chunk.AsSpan(within, n).CopyTo(destination[copied..]);
            copied += n;
        }

        return total;
    }
}
