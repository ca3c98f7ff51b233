using FluentAssertions;
using S3FilesSim.FileSystem;
using Xunit;
using static S3FilesSim.Tests.FileSystem.FileSystemTestKit;

namespace S3FilesSim.Tests.FileSystem;

/// <summary>Documented per-file-system limits: https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-quotas.html.</summary>
public sealed class LimitTests
{
    private const long MaxFileSize = 52_673_613_135_872;
    private const long ChunkBlocks = 64 * 1024 / 512;

    [Fact]
    public async Task Write_AtTheMaximumFileSize_ThrowsEFBIG()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        var handle = await fs.OpenAsync("/big", OpenFlags.ReadWrite | OpenFlags.Create);

        var act = async () => await fs.WriteAsync(handle, new byte[1], MaxFileSize);

        await act.WithErrno(Errno.EFBIG);
    }

    [Fact]
    public async Task Write_CrossingTheMaximumFileSize_IsShortAndSparse()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        var handle = await fs.OpenAsync("/big", OpenFlags.ReadWrite | OpenFlags.Create);

        var written = await fs.WriteAsync(handle, new byte[] { 1, 2, 3 }, MaxFileSize - 1);
        await fs.CloseAsync(handle);

        written.Should().Be(1);
        var status = await fs.StatAsync("/big");
        status.Size.Should().Be(MaxFileSize);
        status.Blocks.Should().BeLessOrEqualTo(ChunkBlocks);
    }

    [Fact]
    public async Task Truncate_PastTheMaximumFileSize_ThrowsEFBIG()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        await fs.WriteFileAsync("/f", "x");

        var act = async () => await fs.TruncateAsync("/f", MaxFileSize + 1);
        await fs.TruncateAsync("/f", MaxFileSize);

        await act.WithErrno(Errno.EFBIG);
        (await fs.StatAsync("/f")).Size.Should().Be(MaxFileSize);
    }

    [Fact]
    public async Task Open_BeyondMaxOpenFiles_ThrowsEMFILE()
    {
        await using var sim = NewSimulation(new FileSystemOptions { MaxOpenFilesPerMount = 4 });
        var fs = sim.Mount();
        await fs.WriteFileAsync("/f", "x");
        for (var i = 0; i < 4; i++)
        {
            await fs.OpenAsync("/f", OpenFlags.ReadOnly);
        }

        var act = async () => await fs.OpenAsync("/f", OpenFlags.ReadOnly);
        var otherMount = await sim.Mount().OpenAsync("/f", OpenFlags.ReadOnly);

        await act.WithErrno(Errno.EMFILE);
        otherMount.Value.Should().BePositive();
    }

    [Fact]
    public async Task Open_65536HandlesByDefault_ThenEMFILE()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        await fs.WriteFileAsync("/f", "x");
        for (var i = 0; i < 65_536; i++)
        {
            await fs.OpenAsync("/f", OpenFlags.ReadOnly);
        }

        var act = async () => await fs.OpenAsync("/f", OpenFlags.ReadOnly);

        await act.WithErrno(Errno.EMFILE);
    }
}
