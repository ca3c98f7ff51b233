using S3FilesSim.HotTier;
using S3FilesSim.ObjectStorage;

namespace S3FilesSim.Export;

/// <summary>
/// A live view of a file's bytes on the high-performance storage (its <see cref="ChunkStore"/> field), used only to take
/// the snapshot an export uploads: <see cref="Capture"/> copies it under the file system's lock, so later writes do
/// not change what is uploaded.
/// </summary>
internal sealed class HotTierContent : ObjectContent
{
    private readonly object? _data;
    private readonly long _size;

    private HotTierContent(object? data, long size)
    {
        _data = data;
        _size = size;
    }

    /// <inheritdoc />
    public override long Length => _size;

    private const int SingleArrayLimit = 1 << 20;

    /// <summary>Returns an immutable copy of the first <paramref name="size"/> bytes of a chunk field; holes read as zeros.</summary>
    /// <remarks>Up to 1 MiB the copy is one array; larger files are copied in 1 MiB chunks.</remarks>
    public static ObjectContent Capture(object? data, long size)
    {
        if (size == 0)
        {
            return Empty;
        }

        if (ChunkStore.SharedContentOf(data) is { } shared && shared.Length == size)
        {
            return shared;    // the imported version's immutable bytes: nothing to copy
        }

        if (size > SingleArrayLimit)
        {
            return ChunkedContent.CopyOf(new HotTierContent(data, size));
        }

        var bytes = GC.AllocateUninitializedArray<byte>((int)size);
        ChunkStore.Read(data, size, 0, bytes);
        return new BytesContent(bytes);
    }

    /// <inheritdoc />
    public override int Read(long offset, Span<byte> destination) => ChunkStore.Read(_data, _size, offset, destination);
}
