using FluentAssertions;
using S3FilesSim.FileSystem;
using S3FilesSim.ObjectStorage;
using S3FilesSim.Tests.FileSystem;
using Xunit;
using static S3FilesSim.Tests.Import.ImportTestKit;

namespace S3FilesSim.Tests.Import;

// Keys that do not map to a POSIX path are not imported and count in ImportFailures; archived objects are listed but
// cannot be read until restored.
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-troubleshooting.html
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-quotas.html
public sealed class UnmappableKeyTests
{
    [Theory]
    [InlineData("d//b")]
    [InlineData("d/./b")]
    [InlineData("d/../b")]
    [InlineData("d/.")]
    [InlineData("d/..")]
    [InlineData("d/nul\0here")]
    public async Task UnmappableKey_IsSkippedAndCounted(string key)
    {
        await using var sim = NewSimulation();
        await sim.Bucket.PutObjectAsync(key, "x");
        await sim.Bucket.PutObjectAsync("d/ok", "x");
        var fs = sim.Mount();

        var names = await fs.NamesAsync("/d");

        names.Should().Equal("ok");
        sim.FileSystem.ImportFailures.Should().Be(1);
    }

    [Fact]
    public async Task ComponentOver255Bytes_IsSkippedAndCounted()
    {
        await using var sim = NewSimulation();
        await sim.Bucket.PutObjectAsync("d/" + new string('é', 128), "x");
        await sim.Bucket.PutObjectAsync("d/" + new string('a', 255), "x");
        var fs = sim.Mount();

        var names = await fs.NamesAsync("/d");

        names.Should().Equal(new string('a', 255));
        sim.FileSystem.ImportFailures.Should().Be(1);
    }

    [Fact]
    public async Task ObjectAndPrefixWithSameName_DirectoryWinsAndObjectCounted()
    {
        await using var sim = NewSimulation();
        await sim.Bucket.PutObjectAsync("a", "file");
        await sim.Bucket.PutObjectAsync("a/inner", "x");
        var fs = sim.Mount();

        var status = await fs.StatAsync("/a");

        status.Type.Should().Be(FileType.Directory);
        (await fs.NamesAsync("/a")).Should().Equal("inner");
        sim.FileSystem.ImportFailures.Should().Be(1);
    }

    [Theory]
    [InlineData("GLACIER")]
    [InlineData("DEEP_ARCHIVE")]
    public async Task ArchivedObject_ListedWithSizeButReadFailsEinval(string storageClass)
    {
        await using var sim = NewSimulation();
        await sim.Bucket.PutAsync("cold.bin", 5_000, storageClass: new StorageClass(storageClass));
        var fs = sim.Mount();

        var status = await fs.StatAsync("/cold.bin");

        status.Size.Should().Be(5_000);
        await FluentActions.Awaiting(() => fs.ReadAllBytesAsync("/cold.bin")).WithErrno(Errno.EINVAL);
    }

    [Fact]
    public async Task IntelligentTieringArchiveTier_ReadFailsEinval()
    {
        await using var sim = NewSimulation();
        await sim.Bucket.PutAsync("it.bin", 5_000, storageClass: StorageClass.IntelligentTiering);
        sim.Bucket.SetIntelligentTieringAccessTier("it.bin", IntelligentTieringAccessTier.DeepArchiveAccess);
        var fs = sim.Mount();

        var act = () => fs.ReadAllBytesAsync("/it.bin");

        await act.WithErrno(Errno.EINVAL);
    }

    [Fact]
    public async Task ArchivedObject_ReadableAfterRestore()
    {
        await using var sim = NewSimulation();
        await sim.Bucket.PutAsync("cold.bin", 5_000, storageClass: StorageClass.Glacier);
        var fs = sim.Mount();
        await fs.StatAsync("/cold.bin");

        await sim.Bucket.RestoreObjectAsync(new RestoreObjectRequest { Key = "cold.bin", Days = 1 });
        await sim.AdvanceAsync(TimeSpan.FromHours(13));

        (await fs.ReadAllBytesAsync("/cold.bin")).Should().Equal(await sim.Bucket.ExpectedAsync("cold.bin"));
    }
}
