using S3FilesSim.ObjectStorage;

namespace S3FilesSim.HotTier;

/// <summary>
/// The bytes of one file on the high-performance storage, kept in sparse 64 KiB chunks inside a single object field of
/// the inode: <see langword="null"/> (no data), a <c>byte[]</c> (only chunk 0, possibly shorter than a chunk), or a
/// <see cref="ChunkTable"/> (any chunks, with their total length kept so that <see cref="AllocatedBytes"/> is O(1)), or a
/// <see cref="SharedContent"/> (the immutable content of the bucket version the file was imported from, shared instead
/// of copied, accounted as if copied; the first write or truncation copies it into chunks). Missing chunks and bytes past a chunk array's length are holes
/// that read as zeros. Small files never allocate a whole chunk: a chunk array grows to what is written.
/// </summary>
/// <remarks>Not thread-safe: callers hold the file system's lock. Every allocation change is reported to the
/// <see cref="HotTierStorage"/> given (none for a client's unflushed writes) so <c>StorageBytes</c> stays exact.</remarks>
internal static class ChunkStore
{
    /// <summary>The chunk size, 64 KiB.</summary>
    public const int ChunkSize = 64 * 1024;

    private const int ChunkShift = 16;

    /// <summary>Reads bytes [<paramref name="offset"/>, <paramref name="offset"/> + <paramref name="destination"/>.Length) of a file of <paramref name="size"/> bytes.</summary>
    /// <returns>The number of bytes read: at most what remains before <paramref name="size"/>.</returns>
    public static int Read(object? data, long size, long offset, Span<byte> destination)
    {
        if (offset >= size)
        {
            return 0;
        }

        var count = (int)Math.Min(destination.Length, size - offset);
        if (data is SharedContent shared)
        {
            var available = (int)Math.Clamp(shared.Content.Length - offset, 0, count);
            ReadFully(shared.Content, offset, destination[..available]);
            destination[available..count].Clear();
            return count;
        }

        var target = destination[..count];
        var position = offset;
        while (!target.IsEmpty)
        {
            var index = position >> ChunkShift;
            var inChunk = (int)(position & (ChunkSize - 1));
            var take = Math.Min(target.Length, ChunkSize - inChunk);
            var chunk = GetChunk(data, index);
            var available = chunk is null ? 0 : Math.Clamp(chunk.Length - inChunk, 0, take);
            if (chunk is not null && available > 0)
            {
                chunk.AsSpan(inChunk, available).CopyTo(target);
            }

            target.Slice(available, take - available).Clear();
            target = target[take..];
            position += take;
        }

        return count;
    }

    /// <summary>Writes <paramref name="source"/> at <paramref name="offset"/>, allocating or growing chunks as needed.</summary>
    public static void Write(ref object? data, long offset, ReadOnlySpan<byte> source, HotTierStorage? storage)
    {
        Materialize(ref data);
        var before = storage?.FileBytesChanged is null ? 0 : AllocatedBytes(data);
        var position = offset;
        while (!source.IsEmpty)
        {
            var index = position >> ChunkShift;
            var inChunk = (int)(position & (ChunkSize - 1));
            var take = Math.Min(source.Length, ChunkSize - inChunk);
            var chunk = EnsureChunk(ref data, index, inChunk + take, storage);
            source[..take].CopyTo(chunk.AsSpan(inChunk));
            source = source[take..];
            position += take;
        }

        storage?.ReportFileChange(before, data);
    }

    /// <summary>Makes <paramref name="chunk"/> chunk 0 of a file without data, exactly as <see cref="Write"/> of its bytes at
    /// offset 0 would allocate and account it, but without copying: the file owns the array from now on.</summary>
    public static void Adopt(ref object? data, byte[] chunk, HotTierStorage? storage)
    {
        if (data is not null || chunk.Length > ChunkSize)
        {
            throw new InvalidOperationException($"Only a file without data can adopt a chunk, of at most {ChunkSize} bytes.");
        }

        storage?.Allocate(chunk.Length);
        data = chunk;
        storage?.ReportFileChange(0, data);
    }

    /// <summary>Makes the immutable <paramref name="content"/> the whole data of a file without data, accounted exactly as
    /// <see cref="Write"/> of its bytes at offset 0 would be, but without copying: reads go to the content (the bucket
    /// version's own bytes), and the first write or truncation copies it into chunks.</summary>
    public static void Share(ref object? data, ObjectContent content, HotTierStorage? storage)
    {
        if (data is not null || !content.IsImmutable)
        {
            throw new InvalidOperationException("Only a file without data can share content, and only immutable content.");
        }

        if (content.Length == 0)
        {
            return;
        }

        storage?.Allocate(content.Length);
        data = new SharedContent(content);
        storage?.ReportFileChange(0, data);
    }

    /// <summary>Cuts the data to <paramref name="length"/> bytes: drops whole chunks past it and zeroes the tail of the chunk it ends in.</summary>
    public static void Truncate(ref object? data, long length, HotTierStorage? storage)
    {
        Materialize(ref data);
        var before = storage?.FileBytesChanged is null ? 0 : AllocatedBytes(data);
        TruncateChunks(ref data, length, storage);
        storage?.ReportFileChange(before, data);
    }

    /// <summary>Frees all chunks.</summary>
    public static void Release(ref object? data, HotTierStorage? storage)
    {
        var before = AllocatedBytes(data);
        storage?.Release(before);
        data = null;
        storage?.ReportFileChange(before, data);
    }

    private static void TruncateChunks(ref object? data, long length, HotTierStorage? storage)
    {
        var firstDropped = (length + ChunkSize - 1) >> ChunkShift;
        var tailIndex = length >> ChunkShift;
        var tailOffset = (int)(length & (ChunkSize - 1));
        switch (data)
        {
            case byte[] single:
                if (firstDropped == 0)
                {
                    storage?.Release(single.Length);
                    data = null;
                }
                else if (tailIndex == 0 && tailOffset < single.Length)
                {
                    single.AsSpan(tailOffset).Clear();
                }

                break;
            case ChunkTable chunks:
                List<long>? dropped = null;
                foreach (var (index, chunk) in chunks)
                {
                    if (index >= firstDropped)
                    {
                        (dropped ??= []).Add(index);
                        storage?.Release(chunk.Length);
                    }
                    else if (index == tailIndex && tailOffset < chunk.Length)
                    {
                        chunk.AsSpan(tailOffset).Clear();
                    }
                }

                foreach (var index in dropped ?? [])
                {
                    chunks.Drop(index);
                }

                if (chunks.Count == 0)
                {
                    data = null;
                }

                break;
        }
    }

    /// <summary>Gets the bytes allocated to chunks (the sum of the chunk arrays' lengths).</summary>
    public static long AllocatedBytes(object? data)
    {
        switch (data)
        {
            case byte[] single:
                return single.Length;
            case ChunkTable chunks:
                return chunks.AllocatedBytes;
            case SharedContent shared:
                return shared.Content.Length;
            default:
                return 0;
        }
    }

    /// <summary>Returns whether any chunk is allocated in [<paramref name="offset"/>, <paramref name="offset"/> + <paramref name="count"/>).</summary>
    public static bool HasDataIn(object? data, long offset, long count)
    {
        if (count <= 0)
        {
            return false;
        }

        if (data is SharedContent shared)
        {
            return offset < shared.Content.Length;
        }

        for (var index = offset >> ChunkShift; index <= (offset + count - 1) >> ChunkShift; index++)
        {
            if (GetChunk(data, index) is not null)
            {
                return true;
            }
        }

        return false;
    }

    private static byte[]? GetChunk(object? data, long index) => data switch
    {
        byte[] single => index == 0 ? single : null,
        ChunkTable chunks => chunks.GetValueOrDefault(index),
        _ => null,
    };

    private static byte[] EnsureChunk(ref object? data, long index, int needed, HotTierStorage? storage)
    {
        if (data is null && index == 0)
        {
            var created = new byte[needed];
            storage?.Allocate(created.Length);
            data = created;
            return created;
        }

        if (data is byte[] single)
        {
            if (index == 0)
            {
                var grown = Grow(single, needed, storage);
                data = grown;
                return grown;
            }

            var table = new ChunkTable();
            table.Set(0, single);
            data = table;
        }

        var chunks = data as ChunkTable ?? new ChunkTable();
        data = chunks;
        if (!chunks.TryGetValue(index, out var chunk))
        {
            chunk = new byte[needed];
            storage?.Allocate(chunk.Length);
        }
        else
        {
            chunk = Grow(chunk, needed, storage);
        }

        chunks.Set(index, chunk);
        return chunk;
    }

    private static byte[] Grow(byte[] chunk, int needed, HotTierStorage? storage)
    {
        if (chunk.Length >= needed)
        {
            return chunk;
        }

        var grown = new byte[Math.Min(ChunkSize, Math.Max(needed, chunk.Length * 2))];
        chunk.CopyTo(grown, 0);
        storage?.Allocate(grown.Length - chunk.Length);
        return grown;
    }

    /// <summary>Gets the immutable content a file shares with its bucket version, or <see langword="null"/> when its data is in chunks.</summary>
    public static ObjectContent? SharedContentOf(object? data) => (data as SharedContent)?.Content;

    /// <summary>Copies shared content into chunks of the same total length (the accounting does not change), before the data changes.</summary>
    private static void Materialize(ref object? data)
    {
        if (data is not SharedContent shared)
        {
            return;
        }

        var length = shared.Content.Length;
        if (length <= ChunkSize)
        {
            data = ReadChunk(shared.Content, 0, (int)length);
            return;
        }

        var table = new ChunkTable();
        for (long position = 0; position < length; position += ChunkSize)
        {
            table.Set(position >> ChunkShift, ReadChunk(shared.Content, position, (int)Math.Min(ChunkSize, length - position)));
        }

        data = table;
    }

    private static byte[] ReadChunk(ObjectContent content, long offset, int count)
    {
        var chunk = new byte[count];
        ReadFully(content, offset, chunk);
        return chunk;
    }

    private static void ReadFully(ObjectContent content, long offset, Span<byte> destination)
    {
        for (var filled = 0; filled < destination.Length;)
        {
            var read = content.Read(offset + filled, destination[filled..]);
            if (read <= 0)
            {
                throw new InvalidOperationException($"The shared content ended at offset {offset + filled}, before its length of {content.Length} bytes.");
            }

            filled += read;
        }
    }

    /// <summary>The immutable content of the bucket version a file was imported from, shared by the high-performance storage instead of copied.</summary>
    private sealed class SharedContent(ObjectContent content)
    {
        public ObjectContent Content { get; } = content;
    }

    /// <summary>The chunks of a file that holds more than chunk 0, keyed by chunk index, with the sum of their lengths.</summary>
    private sealed class ChunkTable : Dictionary<long, byte[]>
    {
        /// <summary>Gets the sum of the chunk arrays' lengths.</summary>
        public long AllocatedBytes { get; private set; }

        /// <summary>Puts <paramref name="chunk"/> at <paramref name="index"/>, replacing any chunk there.</summary>
        public void Set(long index, byte[] chunk)
        {
            AllocatedBytes += chunk.Length - (TryGetValue(index, out var old) ? old.Length : 0);
            this[index] = chunk;
        }

        /// <summary>Removes the chunk at <paramref name="index"/>.</summary>
        public void Drop(long index)
        {
            if (Remove(index, out var old))
            {
                AllocatedBytes -= old.Length;
            }
        }
    }
}
