namespace S3FilesSim.ObjectStorage;

/// <summary>Immutable content over one private buffer.</summary>
internal sealed class BytesContent(ReadOnlyMemory<byte> bytes) : ObjectContent
{
    public override long Length => bytes.Length;

    public override bool IsImmutable => true;

    public override int Read(long offset, Span<byte> destination)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(offset, Length);
        var count = (int)Math.Min(destination.Length, Length - offset);
        bytes.Span.Slice((int)offset, count).CopyTo(destination);
        return count;
    }
}
