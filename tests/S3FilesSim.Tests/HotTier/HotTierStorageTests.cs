using FluentAssertions;
using S3FilesSim.FileSystem;
using S3FilesSim.Tests.FileSystem;
using Xunit;
using static S3FilesSim.Tests.FileSystem.FileSystemTestKit;

namespace S3FilesSim.Tests.HotTier;

/// <summary>StorageBytes: https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-monitoring-cloudwatch.html.</summary>
public sealed class HotTierStorageTests
{
    [Fact]
    public async Task StorageBytes_NewFileSystem_IsTheRootsMetadataCharge()
    {
        await using var sim = NewSimulation();

        sim.FileSystem.StorageBytes.Should().Be(4096);
        sim.FileSystem.Inodes.Should().Be(1);
    }

    [Fact]
    public async Task StorageBytes_AfterClose_CountsDataAndMetadata()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();

        await fs.WriteFileAsync("/f", "hello");

        sim.FileSystem.StorageBytes.Should().Be((2 * 4096) + 5);
    }

    [Fact]
    public async Task StorageBytes_TruncatedFileRewrittenInOneWrite_CountsTheNewBytesOnce()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        await fs.WriteFileAsync("/f", new string('x', 10_000));

        await fs.WriteFileAsync("/f", "hello");

        sim.FileSystem.StorageBytes.Should().Be((2 * 4096) + 5);
    }

    [Fact]
    public async Task StorageBytes_UnflushedWrites_AreNotOnTheFileSystemYet()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        var handle = await fs.OpenAsync("/f", OpenFlags.WriteOnly | OpenFlags.Create);

        await fs.WriteAsync(handle, new byte[1000]);

        sim.FileSystem.StorageBytes.Should().Be(2 * 4096);
    }

    [Fact]
    public async Task StorageBytes_AfterUnlink_ReturnsToTheRootCharge()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        await fs.WriteFileAsync("/f", new string('x', 200_000));

        await fs.UnlinkAsync("/f");

        sim.FileSystem.StorageBytes.Should().Be(4096);
    }

    [Fact]
    public async Task StorageBytes_UnlinkedWhileOpen_FreesDataAtLastClose()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        await fs.WriteFileAsync("/f", "12345");
        var handle = await fs.OpenAsync("/f", OpenFlags.ReadOnly);
        await fs.UnlinkAsync("/f");
        var whileOpen = sim.FileSystem.StorageBytes;

        await fs.CloseAsync(handle);

        (whileOpen, sim.FileSystem.StorageBytes).Should().Be((4096 + 5, 4096));
    }

    [Fact]
    public async Task StorageBytes_SparseFile_CountsOnlyWrittenChunks()
    {
        await using var sim = NewSimulation(new FileSystemOptions { MetadataBytesPerInode = 0 });
        var fs = sim.Mount();
        var handle = await fs.OpenAsync("/sparse", OpenFlags.WriteOnly | OpenFlags.Create);
        await fs.WriteAsync(handle, new byte[65_536], 1L << 30);

        await fs.CloseAsync(handle);

        (await fs.StatAsync("/sparse")).Size.Should().Be((1L << 30) + 65_536);
        sim.FileSystem.StorageBytes.Should().Be(65_536);
        (await fs.StatAsync("/sparse")).Blocks.Should().Be(128);
    }

    [Fact]
    public async Task Read_SequentialOneMebibyteReads_ReturnTheWrittenPattern()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        var pattern = Enumerable.Range(0, 4 << 20).Select(i => (byte)(i * 31)).ToArray();
        var handle = await fs.OpenAsync("/f", OpenFlags.ReadWrite | OpenFlags.Create);
        await fs.WriteAsync(handle, pattern);
        await fs.CloseAsync(handle);
        var reader = await fs.OpenAsync("/f", OpenFlags.ReadOnly);
        var buffer = new byte[1 << 20];
        var all = new List<byte>();

        int read;
        while ((read = await fs.ReadAsync(reader, buffer)) > 0)
        {
            all.AddRange(buffer.Take(read));
        }

        all.Should().Equal(pattern);
    }
}
