namespace S3FilesSim.ObjectStorage;

/// <summary>A view of a byte range of immutable content (UploadPartCopy with a source range).</summary>
internal sealed class SliceContent(ObjectContent source, long start, long length) : ObjectContent
{
    public override long Length => length;

    public override bool IsImmutable => true;

    public override int Read(long offset, Span<byte> destination)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(offset, length);
        var count = (int)Math.Min(destination.Length, length - offset);
        return source.Read(start + offset, destination[..count]);
    }
}
