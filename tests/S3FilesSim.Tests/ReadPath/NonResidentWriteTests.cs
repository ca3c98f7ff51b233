using FluentAssertions;
using S3FilesSim.FileSystem;
using S3FilesSim.Tests.FileSystem;
using S3FilesSim.Tests.Import;
using Xunit;
using static S3FilesSim.Tests.Import.ImportTestKit;

namespace S3FilesSim.Tests.ReadPath;

// Writes to a file whose data is not on the high-performance storage: the result reads back as the base version plus
// the change, before and after export. https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-synchronization.html
public sealed class NonResidentWriteTests
{
    [Fact]
    public async Task AppendToLargeMetadataOnlyFile_StaysMetadataOnlyAndReadsBaseThenAppended()
    {
        await using var sim = NewSimulation();
        await sim.Bucket.PutAsync("big", 16 << 20);
        var expected = (await sim.Bucket.ExpectedAsync("big")).Concat("tail"u8.ToArray()).ToArray();
        var fs = sim.Mount();
        var handle = await fs.OpenAsync("/big", OpenFlags.WriteOnly | OpenFlags.Append);

        await fs.WriteAsync(handle, "tail"u8.ToArray());
        await fs.CloseAsync(handle);

        (await fs.StatAsync("/big")).Blocks.Should().BeLessThan(1 << 20, "only the appended bytes are on the hot tier");
        (await fs.ReadAllBytesAsync("/big")).Should().Equal(expected);
        await sim.AdvanceAsync(TimeSpan.FromSeconds(61));
        (await sim.Bucket.ExpectedAsync("big")).Should().Equal(expected);
        (await fs.ReadAllBytesAsync("/big")).Should().Equal(expected);
    }

    [Fact]
    public async Task AppendToSmallMetadataOnlyFile_ExportsTheWholeContent()
    {
        await using var sim = NewSimulation();
        await sim.Bucket.PutAsync("mid", 300_000);
        var expected = (await sim.Bucket.ExpectedAsync("mid")).Concat("tail"u8.ToArray()).ToArray();
        var fs = sim.Mount();
        var handle = await fs.OpenAsync("/mid", OpenFlags.WriteOnly | OpenFlags.Append);

        await fs.WriteAsync(handle, "tail"u8.ToArray());
        await fs.CloseAsync(handle);
        await sim.AdvanceAsync(TimeSpan.FromSeconds(61));

        (await sim.Bucket.ExpectedAsync("mid")).Should().Equal(expected);
        (await fs.ReadAllBytesAsync("/mid")).Should().Equal(expected);
    }

    [Fact]
    public async Task AppendToLargeMetadataOnlyFile_ReadBeforeCloseSeesBaseAndUnflushedBytes()
    {
        await using var sim = NewSimulation();
        await sim.Bucket.PutAsync("big", 16 << 20);
        var original = await sim.Bucket.ExpectedAsync("big");
        var fs = sim.Mount();
        var handle = await fs.OpenAsync("/big", OpenFlags.ReadWrite | OpenFlags.Append);
        await fs.WriteAsync(handle, "tail"u8.ToArray());
        var buffer = new byte[8];

        var read = await fs.ReadAsync(handle, buffer, (16 << 20) - 4);

        read.Should().Be(8);
        buffer.Should().Equal([.. original.AsSpan((16 << 20) - 4).ToArray(), .. "tail"u8.ToArray()]);
    }

    [Fact]
    public async Task RenamedMetadataOnlyFile_ReadsFromItsBaseKeyBeforeExport()
    {
        await using var sim = NewSimulation();
        await sim.Bucket.PutAsync("old.bin", 300_000);
        var expected = await sim.Bucket.ExpectedAsync("old.bin");
        var fs = sim.Mount();

        await fs.RenameAsync("/old.bin", "/new.bin");
        var data = await fs.ReadAllBytesAsync("/new.bin");
        await sim.AdvanceAsync(TimeSpan.FromSeconds(61));

        data.Should().Equal(expected);
        (await fs.ReadAllBytesAsync("/new.bin")).Should().Equal(expected);
        (await sim.Bucket.ExpectedAsync("new.bin")).Should().Equal(expected);
    }

    [Fact]
    public async Task UnlinkedWhileOpenMetadataOnlyFile_ReadsItsBaseAfterTheDeleteIsExported()
    {
        await using var sim = NewSimulation();
        await sim.Bucket.PutAsync("big", 16 << 20);
        var expected = await sim.Bucket.ExpectedAsync("big");
        var fs = sim.Mount();
        var handle = await fs.OpenAsync("/big", OpenFlags.ReadOnly);
        await fs.UnlinkAsync("/big");
        await sim.AdvanceAsync(TimeSpan.FromSeconds(61));
        var buffer = new byte[1 << 20];

        var read = await fs.ReadAsync(handle, buffer, (16 << 20) - (1 << 20));
        await fs.CloseAsync(handle);

        (await sim.Bucket.HeadObjectAsync("big")).Should().BeNull("the delete was exported");
        read.Should().Be(1 << 20);
        buffer.Should().Equal(expected.AsSpan((16 << 20) - (1 << 20)).ToArray());
    }

    [Fact]
    public async Task ReplacedByRenameWhileOpenMetadataOnlyFile_ReadsItsBaseAfterTheReplacementIsExported()
    {
        await using var sim = NewSimulation();
        await sim.Bucket.PutAsync("big", 16 << 20);
        var expected = await sim.Bucket.ExpectedAsync("big");
        var fs = sim.Mount();
        var handle = await fs.OpenAsync("/big", OpenFlags.ReadOnly);
        await fs.WriteAllBytesAsync("/new", "replacement"u8.ToArray());
        await fs.RenameAsync("/new", "/big");
        await sim.AdvanceAsync(TimeSpan.FromSeconds(61));
        var buffer = new byte[1 << 20];

        var read = await fs.ReadAsync(handle, buffer, 0);
        await fs.CloseAsync(handle);

        (await sim.Bucket.ExpectedAsync("big")).Should().Equal("replacement"u8.ToArray(), "the replacement was exported");
        read.Should().Be(1 << 20);
        buffer.Should().Equal(expected.AsSpan(0, 1 << 20).ToArray());
    }

    [Fact]
    public async Task ShrinkThenGrowMetadataOnlyFile_ReadsZerosPastTheShrink()
    {
        await using var sim = NewSimulation();
        await sim.Bucket.PutAsync("big", 300_000);
        var original = await sim.Bucket.ExpectedAsync("big");
        var fs = sim.Mount();

        await fs.TruncateAsync("/big", 1_000);
        await fs.TruncateAsync("/big", 2_000);

        var data = await fs.ReadAllBytesAsync("/big");
        data.Should().Equal([.. original.AsSpan(0, 1_000).ToArray(), .. new byte[1_000]]);
    }
}
