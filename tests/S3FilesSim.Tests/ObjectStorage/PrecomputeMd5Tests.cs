using FluentAssertions;
using S3FilesSim.ObjectStorage;
using Xunit;

namespace S3FilesSim.Tests.ObjectStorage;

// A caller may hash contents ahead (in parallel) and store them afterwards: the ETag is the same, computed once, and
// reading it later costs no read of the bytes.
public sealed class PrecomputeMd5Tests
{
    [Fact]
    public async Task PrecomputeMd5_ThenPut_StoresTheMd5OfTheBytesAsETag()
    {
        var content = new CountingContent(Enumerable.Range(0, 100_000).Select(i => (byte)i).ToArray());
        await using var sim = S3FilesSimulation.Create();

        content.PrecomputeMd5();
        var reads = content.Reads;
        var written = await sim.Bucket.PutObjectAsync(new PutObjectRequest { Key = "k", Content = content });

        written.ETag.Should().Be(ETag.FromMd5(System.Security.Cryptography.MD5.HashData(content.Bytes)));
        content.Reads.Should().Be(reads, "the tag uses the digest computed ahead");
    }

    [Fact]
    public void PrecomputeMd5_MutableContent_ReadsNothing()
    {
        var content = new CountingContent([1, 2, 3], immutable: false);

        content.PrecomputeMd5();

        content.Reads.Should().Be(0);
    }

    private sealed class CountingContent(byte[] bytes, bool immutable = true) : ObjectContent
    {
        public byte[] Bytes => bytes;

        public int Reads { get; private set; }

        public override long Length => bytes.Length;

        public override bool IsImmutable => immutable;

        public override int Read(long offset, Span<byte> destination)
        {
            Reads++;
            var count = (int)Math.Min(destination.Length, bytes.Length - offset);
            bytes.AsSpan((int)offset, count).CopyTo(destination);
            return count;
        }
    }
}
