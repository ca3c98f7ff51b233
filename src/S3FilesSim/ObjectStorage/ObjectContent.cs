using System.Security.Cryptography;
using System.Text;

namespace S3FilesSim.ObjectStorage;

/// <summary>
/// The bytes of an object or part, read by offset, so a store can hold large or generated bodies without one array.
/// </summary>
/// <remarks>
/// <para>Subclasses report their <see cref="Length"/> and copy bytes with <see cref="Read"/>. A store keeps a
/// reference to content whose <see cref="IsImmutable"/> is <see langword="true"/> and takes a private copy (a
/// snapshot, in 1 MiB chunks) of any other content when it is written, so a caller may change its source afterwards.</para>
/// <para>The factories <see cref="FromBytes"/>, <see cref="FromString"/> and <see cref="Generated"/> return immutable
/// content. <see cref="Generated"/> derives each byte from the seed and its offset, so a 5 GiB scenario costs no
/// memory for data; its MD5 (the ETag) is computed by streaming the bytes once, when a store first needs it.</para>
/// </remarks>
public abstract partial class ObjectContent
{
    private byte[]? _md5;

    /// <summary>Gets empty content (0 bytes).</summary>
    public static ObjectContent Empty { get; } = new BytesContent(ReadOnlyMemory<byte>.Empty);

    /// <summary>Gets the length in bytes.</summary>
    public abstract long Length { get; }

    /// <summary>Gets a value indicating whether the bytes never change, so a store may keep a reference instead of a copy.</summary>
    /// <value>The default value is <see langword="false"/>; override only for content that cannot change.</value>
    public virtual bool IsImmutable => false;

    /// <summary>Creates immutable content holding a copy of <paramref name="bytes"/>.</summary>
    /// <param name="bytes">The bytes; copied, so the caller may reuse the buffer.</param>
    /// <returns>The content.</returns>
    public static ObjectContent FromBytes(ReadOnlyMemory<byte> bytes) =>
        bytes.IsEmpty ? Empty : new BytesContent(bytes.ToArray());

    /// <summary>Creates immutable content holding the UTF-8 encoding of <paramref name="text"/>.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The content.</returns>
    public static ObjectContent FromString(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Length == 0 ? Empty : new BytesContent(Encoding.UTF8.GetBytes(text));
    }

    /// <summary>Creates immutable content of <paramref name="length"/> pseudo-random bytes derived from <paramref name="seed"/> and each byte's offset, without storing them.</summary>
    /// <param name="length">The length in bytes; non-negative.</param>
    /// <param name="seed">The seed; the same seed and offset always give the same byte.</param>
    /// <returns>The content.</returns>
    public static ObjectContent Generated(long length, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        return new GeneratedContent(length, seed);
    }

    /// <summary>Copies bytes starting at <paramref name="offset"/> into <paramref name="destination"/>.</summary>
    /// <param name="offset">The first byte offset to read, from 0 to <see cref="Length"/>.</param>
    /// <param name="destination">The buffer to fill.</param>
    /// <returns>The number of bytes copied: the smaller of the buffer length and the bytes left after <paramref name="offset"/>.</returns>
    public abstract int Read(long offset, Span<byte> destination);

    /// <summary>Opens a read-only, seekable stream over the content.</summary>
    /// <returns>A new stream positioned at 0.</returns>
    public Stream OpenRead() => new ObjectContentStream(this, 0, Length);

    /// <summary>Copies all bytes into a new array.</summary>
    /// <returns>The bytes.</returns>
    /// <exception cref="InvalidOperationException">The content is longer than an array can hold.</exception>
    public byte[] ToArray()
    {
        if (Length > Array.MaxLength)
        {
            throw new InvalidOperationException($"The content is {Length} bytes long, more than one array can hold.");
        }

        var bytes = GC.AllocateUninitializedArray<byte>((int)Length);
        Read(0, bytes);
        return bytes;
    }

    /// <summary>Content up to this size is hashed in one call (64 KiB).</summary>
    private const int OneShotMd5Bytes = 64 * 1024;

    /// <summary>Returns content the store may keep: this instance when immutable, otherwise a chunked copy.</summary>
    internal ObjectContent Snapshot() => IsImmutable ? this : ChunkedContent.CopyOf(this);

    /// <summary>Computes the MD5 digest of immutable content now and keeps it, so that the ETag of an object stored from
    /// it (computed by the in-memory store when first needed) or an <c>UploadPart</c> of it costs nothing then (the digest
    /// is its single-part ETag, https://docs.aws.amazon.com/AmazonS3/latest/API/API_Object.html). Thread-safe: a caller
    /// may hash many contents in parallel ahead of time. Has no effect on mutable content, whose bytes may change before it is stored.</summary>
    /// <exception cref="IOException">Reading the bytes failed (content read from a file, for example).</exception>
    public void PrecomputeMd5()
    {
        if (IsImmutable)
        {
            _ = GetMd5();
        }
    }

    /// <summary>Returns the MD5 digest of the bytes, computed once by streaming them for immutable content.</summary>
    internal byte[] GetMd5()
    {
        if (Volatile.Read(ref _md5) is { } cached)
        {
            return cached;
        }

        var md5 = ComputeMd5(this, 0, Length);
        if (IsImmutable)
        {
            Volatile.Write(ref _md5, md5);
        }

        return md5;
    }

    /// <summary>Returns a view of bytes <paramref name="offset"/> to <paramref name="offset"/> + <paramref name="count"/> of immutable content.</summary>
    internal ObjectContent Slice(long offset, long count) =>
        offset == 0 && count == Length ? this : new SliceContent(this, offset, count);

    private static byte[] ComputeMd5(ObjectContent content, long offset, long count)
    {
        if (count <= OneShotMd5Bytes)
        {
            // Small content (most objects): one read into a pooled buffer and a one-shot hash, no hasher object.
            var rented = System.Buffers.ArrayPool<byte>.Shared.Rent((int)Math.Max(count, 1));
            try
            {
                var filled = 0;
                while (filled < count)
                {
                    var read = content.Read(offset + filled, rented.AsSpan(filled, (int)count - filled));
                    if (read <= 0)
                    {
                        throw new InvalidOperationException($"The content ended at offset {offset + filled}, before its length of {content.Length} bytes.");
                    }

                    filled += read;
                }

                return MD5.HashData(rented.AsSpan(0, (int)count));
            }
            finally
            {
                System.Buffers.ArrayPool<byte>.Shared.Return(rented);
            }
        }

        // Larger content streams through a pooled 1 MiB buffer (a new one per object would be a large-object-heap
        // allocation, zeroed, for every file over 85 KB a loader hashes).
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(1 << 20);
        try
        {
            while (count > 0)
            {
                var read = content.Read(offset, buffer.AsSpan(0, (int)Math.Min(count, 1 << 20)));
                if (read <= 0)
                {
                    throw new InvalidOperationException($"The content ended at offset {offset}, before its length of {content.Length} bytes.");
                }

                hash.AppendData(buffer, 0, read);
                offset += read;
                count -= read;
            }
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }

        return hash.GetHashAndReset();
    }
}
