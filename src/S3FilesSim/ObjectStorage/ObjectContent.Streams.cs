using System.Security.Cryptography;

namespace S3FilesSim.ObjectStorage;

/// <summary>Content read from a stream once, and the ETag of content.</summary>
public abstract partial class ObjectContent
{
    /// <summary>Reads exactly <paramref name="length"/> bytes from <paramref name="source"/> into immutable content, hashing
    /// them on the way, so a store keeps the bytes without another copy and knows their ETag without reading them again.</summary>
    /// <param name="source">The stream, read sequentially from its current position; not disposed.</param>
    /// <param name="length">The number of bytes to read; 0 to 5 TiB.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The content, held in 1 MiB chunks (a body of a few bytes costs a few bytes).</returns>
    /// <exception cref="EndOfStreamException">The stream ended before <paramref name="length"/> bytes.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="length"/> is negative or over 5 TiB.</exception>
    /// <remarks>Front doors that receive object bodies (an S3 endpoint) use it to stream a request body into a store:
    /// the only buffer is the stored copy itself.</remarks>
    public static async ValueTask<ObjectContent> FromStreamAsync(Stream source, long length, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, 5L << 40);
        if (length == 0)
        {
            return Empty;
        }

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        var chunks = new byte[(int)((length + ChunkedContent.ChunkBytes - 1) / ChunkedContent.ChunkBytes)][];
        for (var i = 0; i < chunks.Length; i++)
        {
            var chunk = GC.AllocateUninitializedArray<byte>((int)Math.Min(ChunkedContent.ChunkBytes, length - ((long)i * ChunkedContent.ChunkBytes)));
            await source.ReadExactlyAsync(chunk, cancellationToken).ConfigureAwait(false);
            hash.AppendData(chunk);
            chunks[i] = chunk;
        }

        var content = new ChunkedContent(chunks, length);
        content._md5 = hash.GetHashAndReset();
        return content;
    }

    /// <summary>Returns the ETag S3 gives this content when one PutObject writes it: the quoted hex MD5 of the bytes
    /// (https://docs.aws.amazon.com/AmazonS3/latest/API/API_Object.html); computed once for immutable content.</summary>
    /// <returns>The ETag.</returns>
    public ETag ComputeETag() => ETag.FromMd5(GetMd5());
}
