using System.Buffers.Binary;

namespace S3FilesSim.ObjectStorage;

/// <summary>Immutable pseudo-random content: byte i is byte (i mod 8) of SplitMix64(seed, i / 8); nothing is stored.</summary>
internal sealed class GeneratedContent(long length, int seed) : ObjectContent
{
    public override long Length => length;

    public override bool IsImmutable => true;

    public override int Read(long offset, Span<byte> destination)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(offset, length);
        var total = (int)Math.Min(destination.Length, length - offset);
        Span<byte> word = stackalloc byte[8];
        var written = 0;
        while (written < total)
        {
            var position = offset + written;
            var block = position >> 3;
            var within = (int)(position & 7);
            if (within == 0 && total - written >= 8)
            {
                BinaryPrimitives.WriteUInt64LittleEndian(destination[written..], Mix(block));
                written += 8;
                continue;
            }

            BinaryPrimitives.WriteUInt64LittleEndian(word, Mix(block));
            var n = Math.Min(8 - within, total - written);
            word.Slice(within, n).CopyTo(destination[written..]);
            written += n;
        }

        return total;
    }

    private ulong Mix(long block)
    {
        var z = unchecked(((ulong)block * 0x9E3779B97F4A7C15UL) + ((ulong)(uint)seed << 32) + 0xD1B54A32D192ED03UL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return z ^ (z >> 31);
    }
}
