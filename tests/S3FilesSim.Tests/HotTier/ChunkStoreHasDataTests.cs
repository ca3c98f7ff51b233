using FluentAssertions;
using S3FilesSim.HotTier;
using Xunit;

namespace S3FilesSim.Tests.HotTier;

public sealed class ChunkStoreHasDataTests
{
    [Theory]
    [InlineData(0, 10, false)]
    [InlineData(0, ChunkStore.ChunkSize * 3, true)]
    [InlineData(ChunkStore.ChunkSize * 2, 1, true)]
    [InlineData(ChunkStore.ChunkSize * 3, ChunkStore.ChunkSize, false)]
    [InlineData(ChunkStore.ChunkSize * 2, 0, false)]
    public void HasDataIn_ReportsAllocatedChunksInTheRange(long offset, long count, bool expected)
    {
        object? data = null;
        ChunkStore.Write(ref data, ChunkStore.ChunkSize * 2L + 5, [1, 2, 3], storage: null);

        var result = ChunkStore.HasDataIn(data, offset, count);

        result.Should().Be(expected);
    }
}
