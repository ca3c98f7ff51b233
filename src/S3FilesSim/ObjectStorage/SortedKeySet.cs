namespace S3FilesSim.ObjectStorage;

/// <summary>
/// The keys of a bucket in UTF-8 binary order, in chunks of at most 256, so inserts cost O(log n + 256) and a listing
/// can seek past a whole common prefix in O(log n) instead of walking the keys under it.
/// </summary>
/// <remarks>Not thread-safe; the store guards it with its lock.</remarks>
internal sealed class SortedKeySet
{
    private const int MaxChunkSize = 256;
    private readonly List<List<string>> _chunks = [];

    public int Count { get; private set; }

    /// <summary>Gets the number of chunks the keys are kept in.</summary>
    public int ChunkCount => _chunks.Count;

    public bool Add(string key)
    {
        if (_chunks.Count == 0)
        {
            _chunks.Add([key]);
            Count = 1;
            return true;
        }

        var chunkIndex = ChunkFor(key);
        var chunk = _chunks[chunkIndex];
        var index = chunk.BinarySearch(key, KeyOrder.Instance);
        if (index >= 0)
        {
            return false;
        }

        chunk.Insert(~index, key);
        Count++;
        if (chunk.Count > MaxChunkSize)
        {
            // Keys added in order (a loaded tree) only ever append to the last chunk: it is left full and the new key
            // starts the next one, so the chunks of such a set are full instead of half empty. Any other split halves
            // the chunk. The lower part gives back the room the insert grew it by.
            var split = chunkIndex == _chunks.Count - 1 && ~index == chunk.Count - 1 ? chunk.Count - 1 : chunk.Count / 2;
            var upper = chunk.GetRange(split, chunk.Count - split);
            chunk.RemoveRange(split, chunk.Count - split);
            chunk.Capacity = MaxChunkSize;
            _chunks.Insert(chunkIndex + 1, upper);
        }

        return true;
    }

    public bool Remove(string key)
    {
        if (_chunks.Count == 0)
        {
            return false;
        }

        var chunkIndex = ChunkFor(key);
        var chunk = _chunks[chunkIndex];
        var index = chunk.BinarySearch(key, KeyOrder.Instance);
        if (index < 0)
        {
            return false;
        }

        chunk.RemoveAt(index);
        Count--;
        if (chunk.Count == 0)
        {
            _chunks.RemoveAt(chunkIndex);
        }

        return true;
    }

    /// <summary>Returns the position of the first key for which <paramref name="isBefore"/> is false.</summary>
    /// <param name="isBefore">A predicate that holds for a (possibly empty) leading run of the keys and for no key after it.</param>
    public Position Seek(Func<string, bool> isBefore)
    {
        var low = 0;
        var high = _chunks.Count;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (isBefore(_chunks[mid][^1]))
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        if (low == _chunks.Count)
        {
            return new Position(low, 0);
        }

        var chunk = _chunks[low];
        var first = 0;
        var last = chunk.Count;
        while (first < last)
        {
            var mid = (first + last) >>> 1;
            if (isBefore(chunk[mid]))
            {
                first = mid + 1;
            }
            else
            {
                last = mid;
            }
        }

        return new Position(low, first);
    }

    /// <summary>Returns the first key strictly after all keys that start with <paramref name="prefix"/> and all keys ordered before it.</summary>
    public Position SeekPast(string prefix) =>
        Seek(key => KeyOrder.CompareKeys(key, prefix) < 0 || key.StartsWith(prefix, StringComparison.Ordinal));

    /// <summary>Returns the first key at or after <paramref name="key"/> (or strictly after it when <paramref name="exclusive"/>).</summary>
    public Position SeekFrom(string key, bool exclusive) => exclusive
        ? Seek(k => KeyOrder.CompareKeys(k, key) <= 0)
        : Seek(k => KeyOrder.CompareKeys(k, key) < 0);

    public bool TryGet(Position position, out string key)
    {
        if (position.Chunk < _chunks.Count)
        {
            key = _chunks[position.Chunk][position.Index];
            return true;
        }

        key = string.Empty;
        return false;
    }

    public Position Next(Position position) =>
        position.Index + 1 < _chunks[position.Chunk].Count
            ? new Position(position.Chunk, position.Index + 1)
            : new Position(position.Chunk + 1, 0);

    /// <summary>Returns the chunk a key belongs in: the first whose last key is not below it, or the last chunk.</summary>
    private int ChunkFor(string key)
    {
        var low = 0;
        var high = _chunks.Count - 1;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (KeyOrder.CompareKeys(_chunks[mid][^1], key) < 0)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        return low;
    }

    /// <summary>A position in the set: a chunk and an index within it; past the end when the chunk index equals the chunk count.</summary>
    public readonly record struct Position(int Chunk, int Index);
}
