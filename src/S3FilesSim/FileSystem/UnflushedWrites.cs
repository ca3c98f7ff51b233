using System.Buffers;
using S3FilesSim.HotTier;
using S3FilesSim.Namespace;

namespace S3FilesSim.FileSystem;

/// <summary>
/// One mount's unflushed writes to one file (the NFS client's dirty pages): the written extents and their bytes. The
/// writing mount reads them over the shared data; close or fsync applies them to the file system; unmount drops them.
/// </summary>
internal sealed class UnflushedWrites
{
    private readonly List<(long Start, long End)> _extents = [];
    private object? _chunks;

    /// <summary>Gets the end of the furthest written byte.</summary>
    public long End { get; private set; }

    /// <summary>Gets the time of the last write, in nanoseconds since the Unix epoch.</summary>
    public long LastWriteNs { get; private set; }

    /// <summary>Records <paramref name="data"/> written at <paramref name="offset"/>.</summary>
    public void Write(long offset, ReadOnlySpan<byte> data, long nowNs)
    {
        ChunkStore.Write(ref _chunks, offset, data, storage: null);
        AddExtent(offset, offset + data.Length);
        End = Math.Max(End, offset + data.Length);
        LastWriteNs = nowNs;
    }

    /// <summary>Copies the unflushed bytes that fall in [<paramref name="offset"/>, <paramref name="offset"/> + <paramref name="destination"/>.Length) over <paramref name="destination"/>.</summary>
    public void Overlay(long offset, Span<byte> destination)
    {
        var end = offset + destination.Length;
        foreach (var (start, stop) in _extents)
        {
            var from = Math.Max(start, offset);
            var to = Math.Min(stop, end);
            if (from < to)
            {
                ChunkStore.Read(_chunks, long.MaxValue, from, destination.Slice((int)(from - offset), (int)(to - from)));
            }
        }
    }

    /// <summary>Applies the writes to <paramref name="inode"/> on the file system; these writes must not be used afterwards.</summary>
    public void FlushTo(FileSystemNamespace ns, Inode inode)
    {
        if (inode is { Content: null, Size: 0, Resident: true } && _chunks is byte[] chunk && _extents is [(0, var end)] && end == chunk.Length)
        {
            ns.AdoptData(inode, chunk);
            return;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(ChunkStore.ChunkSize);
        try
        {
            foreach (var (start, stop) in _extents)
            {
                for (var position = start; position < stop;)
                {
                    var take = (int)Math.Min(ChunkStore.ChunkSize, stop - position);
                    ChunkStore.Read(_chunks, long.MaxValue, position, buffer.AsSpan(0, take));
                    ns.WriteData(inode, position, buffer.AsSpan(0, take));
                    position += take;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void AddExtent(long start, long end)
    {
        if (start == end)
        {
            return;
        }

        if (_extents.Count > 0 && _extents[^1].Start <= start && start <= _extents[^1].End)
        {
            _extents[^1] = (_extents[^1].Start, Math.Max(end, _extents[^1].End));
            return;
        }

        var index = 0;
        while (index < _extents.Count && _extents[index].End < start)
        {
            index++;
        }

        var mergedStart = start;
        var mergedEnd = end;
        while (index < _extents.Count && _extents[index].Start <= end)
        {
            mergedStart = Math.Min(mergedStart, _extents[index].Start);
            mergedEnd = Math.Max(mergedEnd, _extents[index].End);
            _extents.RemoveAt(index);
        }

        _extents.Insert(index, (mergedStart, mergedEnd));
    }
}
