using FluentAssertions;
using S3FilesSim.FileSystem;
using S3FilesSim.ObjectStorage;
using S3FilesSim.ReadPath;
using S3FilesSim.Tests.FileSystem;
using S3FilesSim.Tests.Import;
using Xunit;
using static S3FilesSim.Tests.Import.ImportTestKit;

namespace S3FilesSim.Tests.ReadPath;

// Read tiers: data not yet synchronized is always served from the file system; large reads (>= 1 MiB) of synchronized
// data stream from S3, version-pinned; small files are imported and then read from the high-performance storage.
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-performance.html
public sealed class ReadTierTests
{
    private const int KiB128 = 128 * 1024;
    private const int MiB = 1024 * 1024;
    private static readonly TimeSpan Exported = TimeSpan.FromSeconds(61);

    [Theory]
    [InlineData(KiB128 - 1, ReadTier.HotTier)]
    [InlineData(KiB128, ReadTier.HotTier)]
    [InlineData(MiB - 1, ReadTier.HotTier)]
    [InlineData(MiB, ReadTier.BucketDirect)]
    public async Task ExportedResidentFile_ReadSizeChoosesTheTier(int readSize, ReadTier expected)
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        await fs.WriteAllBytesAsync("/big.bin", Pattern(2 * MiB));
        await sim.AdvanceAsync(Exported);

        var (tier, data) = await ReadOnceAsync(sim, fs, "/big.bin", readSize);

        tier.Should().Be(expected);
        data.Should().Equal(Pattern(2 * MiB).AsSpan(0, readSize).ToArray());
    }

    [Theory]
    [InlineData(KiB128 - 1, ReadTier.HotTier)]
    [InlineData(KiB128, ReadTier.BucketThenImport)]
    [InlineData(MiB - 1, ReadTier.BucketThenImport)]
    [InlineData(MiB, ReadTier.BucketThenImport)]
    public async Task BucketFileReadWhole_FileSizeDecidesImportAndReadSizeDecidesDirect(int fileSize, ReadTier expected)
    {
        await using var sim = NewSimulation(directReadThreshold: 2 * MiB);
        await sim.Bucket.PutAsync("d/f", fileSize);
        var fs = sim.Mount();
        await fs.ReadDirectoryAsync("/d");
        await sim.AdvanceAsync(TimeSpan.FromSeconds(1));

        var (tier, data) = await ReadOnceAsync(sim, fs, "/d/f", fileSize);

        tier.Should().Be(expected);
        data.Should().Equal(await sim.Bucket.ExpectedAsync("d/f"));
    }

    [Fact]
    public async Task NonResidentFile_ReadOf1MiB_GoesDirect()
    {
        await using var sim = NewSimulation();
        await sim.Bucket.PutAsync("big", 3 * MiB);
        var fs = sim.Mount();

        var (tier, data) = await ReadOnceAsync(sim, fs, "/big", MiB);

        tier.Should().Be(ReadTier.BucketDirect);
        data.Should().Equal((await sim.Bucket.ExpectedAsync("big")).AsSpan(0, MiB).ToArray());
    }

    [Fact]
    public async Task DataNotYetExported_AlwaysFromHotTier()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        await fs.WriteAllBytesAsync("/dirty.bin", Pattern(2 * MiB));

        var (tier, _) = await ReadOnceAsync(sim, fs, "/dirty.bin", MiB);

        tier.Should().Be(ReadTier.HotTier);
    }

    [Theory]
    [InlineData(DirectS3ReadMode.Disabled, true)]
    [InlineData(DirectS3ReadMode.Auto, false)]
    [InlineData(DirectS3ReadMode.Enabled, false)]
    public async Task WithoutDirectReads_LargeReadsGoThroughTheFileSystem(DirectS3ReadMode mode, bool permission)
    {
        await using var sim = NewSimulation();
        var writer = sim.Mount();
        await writer.WriteAllBytesAsync("/big.bin", Pattern(2 * MiB));
        await sim.AdvanceAsync(Exported);
        var fs = sim.FileSystem.Mount(new MountOptions { DirectS3Read = mode, HasS3ReadPermission = permission });

        var (tier, _) = await ReadOnceAsync(sim, fs, "/big.bin", MiB);

        tier.Should().Be(ReadTier.HotTier);
    }

    [Fact]
    public async Task EnabledMode_LargeReadGoesDirect()
    {
        await using var sim = NewSimulation();
        var writer = sim.Mount();
        await writer.WriteAllBytesAsync("/big.bin", Pattern(2 * MiB));
        await sim.AdvanceAsync(Exported);
        var fs = sim.FileSystem.Mount(new MountOptions { DirectS3Read = DirectS3ReadMode.Enabled });

        var (tier, _) = await ReadOnceAsync(sim, fs, "/big.bin", MiB);

        tier.Should().Be(ReadTier.BucketDirect);
    }

    [Fact]
    public async Task NoDirectReadPermission_NonResidentReadFetchedByTheFileSystem()
    {
        await using var sim = NewSimulation();
        await sim.Bucket.PutAsync("big", 2 * MiB);
        var fs = sim.FileSystem.Mount(new MountOptions { HasS3ReadPermission = false });

        var (tier, _) = await ReadOnceAsync(sim, fs, "/big", MiB);

        tier.Should().Be(ReadTier.BucketThenImport);
    }

    [Fact]
    public async Task ThresholdOption_128KiB_MakesA128KiBReadDirect()
    {
        await using var sim = NewSimulation(directReadThreshold: KiB128);
        var fs = sim.Mount();
        await fs.WriteAllBytesAsync("/f.bin", Pattern(MiB));
        await sim.AdvanceAsync(Exported);

        var (tier, _) = await ReadOnceAsync(sim, fs, "/f.bin", KiB128);

        tier.Should().Be(ReadTier.BucketDirect);
    }

    [Fact]
    public async Task DirectRead_StaysOnThePinnedVersionWhileTheBucketGetsANewerOne()
    {
        await using var sim = NewSimulation();
        await sim.Bucket.PutAsync("v.bin", 2 * MiB);
        var original = await sim.Bucket.ExpectedAsync("v.bin");
        var fs = sim.Mount();
        await fs.StatAsync("/v.bin");

        await sim.Bucket.PutObjectAsync("v.bin", new byte[2 * MiB]);
        var (tier, data) = await ReadOnceAsync(sim, fs, "/v.bin", MiB);

        tier.Should().Be(ReadTier.BucketDirect);
        data.Should().Equal(original.AsSpan(0, MiB).ToArray());
    }

    [Fact]
    public async Task Statistics_CountReadsAndBytesPerTier()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        await fs.WriteAllBytesAsync("/f.bin", Pattern(2 * MiB));
        await sim.AdvanceAsync(Exported);
        var handle = await fs.OpenAsync("/f.bin", OpenFlags.ReadOnly);

        await fs.ReadAsync(handle, new byte[4096], 0);
        await fs.ReadAsync(handle, new byte[MiB], 0);
        await fs.ReadAsync(handle, new byte[MiB], MiB);

        sim.FileSystem.ReadStatistics.Should().Be(new ReadTierStatistics
        {
            HotTierReads = 1,
            HotTierBytes = 4096,
            BucketDirectReads = 2,
            BucketDirectBytes = 2 * MiB,
            LastTier = ReadTier.BucketDirect,
        });
    }

    private static byte[] Pattern(int length)
    {
        var bytes = new byte[length];
        for (var i = 0; i < length; i++)
        {
            bytes[i] = (byte)(i * 7 + (i >> 11));
        }

        return bytes;
    }

    private static async Task<(ReadTier Tier, byte[] Data)> ReadOnceAsync(S3FilesSimulation sim, IFileSystem fs, string path, int readSize)
    {
        var handle = await fs.OpenAsync(path, OpenFlags.ReadOnly);
        var buffer = new byte[readSize];
        var count = await fs.ReadAsync(handle, buffer, 0);
        await fs.CloseAsync(handle);
        return (sim.FileSystem.ReadStatistics.LastTier!.Value, buffer[..count]);
    }
}
