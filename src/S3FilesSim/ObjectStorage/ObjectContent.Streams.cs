using System.Security.Cryptography;

namespace S3FilesSim.ObjectStorage;

/// <summary>Content read from a stream once, and the ETag of content.</summary>
public abstract partial class ObjectContent
{
    /// <summary>Reads <paramref name="length"/> bytes (or, when it is <see langword="null"/>, everything up to the end) from
    /// <paramref name="source"/> into immutable content, hashing them on the way, so a store keeps the bytes without another
    /// copy and knows their ETag without reading them again.</summary>
    /// <param name="source">The stream, read sequentially from its current position; not disposed.</param>
    /// <param name="length">The number of bytes to read, 0 to 5 TiB; <see langword="null"/> to read to the end of the stream.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The content, held in 1 MiB chunks (a body of a few bytes costs a few bytes).</returns>
    /// <exception cref="EndOfStreamException">The stream ended before <paramref name="length"/> bytes.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="length"/> is negative or over 5 TiB.</exception>
    /// <exception cref="InvalidOperationException">A stream read to its end holds more than 5 TiB.</exception>
    /// <remarks>Front doors that receive object bodies (an S3 endpoint) use it to stream a request body into a store:
    /// the only buffer is the stored copy itself.</remarks>
    public static async ValueTask<ObjectContent> FromStreamAsync(Stream source, long? length, CancellationToken cancellationToken = default)
    {
        const long MaxLength = 5L << 40;
        ArgumentNullException.ThrowIfNull(source);
        if (length is { } known)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(known);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(known, MaxLength);
        }

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        var chunks = new List<byte[]>();
        var total = 0L;
        while (length is null || total < length)
        {
            var size = (int)Math.Min(ChunkedContent.ChunkBytes, (length ?? long.MaxValue) - total);
            var chunk = GC.AllocateUninitializedArray<byte>(size);
            int filled;
            if (length is null)
            {
                filled = await source.ReadAtLeastAsync(chunk, chunk.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
                if (filled < chunk.Length)
                {
                    chunk = chunk[..filled];
                }
            }
            else
            {
                await source.ReadExactlyAsync(chunk, cancellationToken).ConfigureAwait(false);
                filled = chunk.Length;
            }

            if (filled > 0)
            {
                hash.AppendData(chunk);
                chunks.Add(chunk);
                total += filled;
            }

            if (total > MaxLength)
            {
                throw new InvalidOperationException("The stream holds more than 5 TiB.");
            }

            if (filled < size)
            {
                break;
            }
        }

        if (total == 0)
        {
            return Empty;
        }

        var content = new ChunkedContent([.. chunks], total);
        content._md5 = hash.GetHashAndReset();
        return content;
    }

    /// <summary>Returns the ETag S3 gives this content when one PutObject writes it: the quoted hex MD5 of the bytes
    /// (https://docs.aws.amazon.com/AmazonS3/latest/API/API_Object.html); computed once for immutable content.</summary>
    /// <returns>The ETag.</returns>
    public ETag ComputeETag() => ETag.FromMd5(GetMd5());
}
