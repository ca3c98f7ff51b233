using FluentAssertions;
using S3FilesSim.HotTier;
using Xunit;

namespace S3FilesSim.Tests.HotTier;

public sealed class ChunkStoreTests
{
    private const int Chunk = ChunkStore.ChunkSize;

    [Fact]
    public void Write_SmallFile_AllocatesOnlyWhatIsWritten()
    {
        var storage = new HotTierStorage(0);
        object? data = null;

        ChunkStore.Write(ref data, 0, new byte[100], storage);

        ChunkStore.AllocatedBytes(data).Should().Be(100);
        storage.DataBytes.Should().Be(100);
    }

    [Fact]
    public void Write_GrowingFile_AllocatesAtMostTheChunksItSpans()
    {
        var storage = new HotTierStorage(0);
        object? data = null;

        for (var i = 0; i < 100; i++)
        {
            ChunkStore.Write(ref data, i * 1000L, new byte[1000], storage);
        }

        ChunkStore.AllocatedBytes(data).Should().BeInRange(100_000, 2 * Chunk);
        storage.DataBytes.Should().Be(ChunkStore.AllocatedBytes(data));
    }

    [Fact]
    public void AllocatedBytes_AfterChunksGrowAndAreDropped_MatchesTheStorageAndTheLastReportedChange()
    {
        long? reported = null;
        var storage = new HotTierStorage(0, (_, after) => reported = after);
        object? data = null;
        ChunkStore.Write(ref data, 0, new byte[10], storage);
        ChunkStore.Write(ref data, 5L * Chunk, new byte[100], storage);
        ChunkStore.Write(ref data, (5L * Chunk) + 100, new byte[200], storage);
        ChunkStore.Write(ref data, 9L * Chunk, new byte[Chunk], storage);

        ChunkStore.Truncate(ref data, 6L * Chunk, storage);

        ChunkStore.AllocatedBytes(data).Should().Be(310);
        storage.DataBytes.Should().Be(310);
        reported.Should().Be(310);
    }

    [Fact]
    public void Adopt_EmptyFile_StoresTheArrayAndAccountsItLikeAWrite()
    {
        long? reported = null;
        var storage = new HotTierStorage(0, (_, after) => reported = after);
        object? data = null;
        var chunk = new byte[] { 1, 2, 3 };

        ChunkStore.Adopt(ref data, chunk, storage);

        data.Should().BeSameAs(chunk);
        storage.DataBytes.Should().Be(3);
        reported.Should().Be(3);
    }

    [Fact]
    public void Adopt_FileWithData_Throws()
    {
        object? data = new byte[10];

        var adopt = () => ChunkStore.Adopt(ref data, new byte[3], storage: null);

        adopt.Should().Throw<InvalidOperationException>();
    }

    [Fact]
    public void Read_Hole_ReturnsZerosWithoutAllocating()
    {
        var storage = new HotTierStorage(0);
        object? data = null;
        ChunkStore.Write(ref data, 10L * Chunk, new byte[] { 7 }, storage);
        var buffer = Enumerable.Repeat((byte)0xFF, 3 * Chunk).ToArray();

        var read = ChunkStore.Read(data, (10L * Chunk) + 1, 8L * Chunk, buffer);

        read.Should().Be((2 * Chunk) + 1);
        buffer.Take(2 * Chunk).Should().OnlyContain(b => b == 0);
        buffer[2 * Chunk].Should().Be(7);
        storage.DataBytes.Should().Be(1);
    }

    [Fact]
    public void Read_SpanningChunks_CopiesEveryByte()
    {
        var storage = new HotTierStorage(0);
        object? data = null;
        var bytes = Enumerable.Range(0, 3 * Chunk).Select(i => (byte)(i % 251)).ToArray();
        ChunkStore.Write(ref data, 0, bytes, storage);
        var buffer = new byte[Chunk + 10];

        var read = ChunkStore.Read(data, bytes.Length, Chunk - 5, buffer);

        read.Should().Be(buffer.Length);
        buffer.Should().Equal(bytes.Skip(Chunk - 5).Take(buffer.Length));
    }

    [Fact]
    public void Truncate_InsideAChunk_ZeroesTheTailAndDropsLaterChunks()
    {
        var storage = new HotTierStorage(0);
        object? data = null;
        ChunkStore.Write(ref data, 0, Enumerable.Repeat((byte)1, 3 * Chunk).ToArray(), storage);

        ChunkStore.Truncate(ref data, Chunk + 10, storage);

        storage.DataBytes.Should().Be(2 * Chunk);
        var buffer = new byte[20];
        ChunkStore.Read(data, 2 * Chunk, Chunk, buffer);
        buffer.Should().Equal(Enumerable.Repeat((byte)1, 10).Concat(new byte[10]));
    }

    [Fact]
    public void Release_FreesEverything()
    {
        var storage = new HotTierStorage(0);
        object? data = null;
        ChunkStore.Write(ref data, 5L * Chunk, new byte[Chunk], storage);
        ChunkStore.Write(ref data, 0, new byte[10], storage);

        ChunkStore.Release(ref data, storage);

        data.Should().BeNull();
        storage.DataBytes.Should().Be(0);
    }
}
