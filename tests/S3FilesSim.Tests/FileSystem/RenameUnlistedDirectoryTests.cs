using FluentAssertions;
using S3FilesSim.FileSystem;
using S3FilesSim.ObjectStorage;
using S3FilesSim.Tests.Export;
using Xunit;

namespace S3FilesSim.Tests.FileSystem;

// Renaming a directory renames every object under its prefix, including those of subdirectories never listed
// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-synchronization.html, rename(2)).
public sealed class RenameUnlistedDirectoryTests
{
    [Fact]
    public async Task Rename_DirectoryNeverListed_KeepsItsChildren()
    {
        await using var sim = S3FilesSimulation.Create();
        var fs = await UnlistedTreeAsync(sim);

        await fs.RenameAsync("/d", "/e");

        (await fs.ReadFileAsync("/e/sub/g.txt")).Should().Be("g");
        (await fs.ReadFileAsync("/e/f.txt")).Should().Be("f");
    }

    [Fact]
    public async Task Rename_DirectoryNeverListed_ExportsEveryChildUnderTheNewPrefix()
    {
        await using var sim = S3FilesSimulation.Create();
        var fs = await UnlistedTreeAsync(sim);

        await fs.RenameAsync("/d", "/e");
        await sim.AdvanceAsync(ExportTestKit.Quiet);

        (await sim.Bucket.KeysAsync()).Should().BeEquivalentTo("e/", "e/f.txt", "e/sub/g.txt");
    }

    [Fact]
    public async Task Rename_ListingFails_ThrowsEioAndChangesNothing()
    {
        await using var sim = S3FilesSimulation.Create();
        await sim.Bucket.PutObjectAsync("d/f.txt", "f");
        var store = new FaultInjectingObjectStore(sim.Bucket);
        var fs = sim.CreateFileSystem(null, store).Mount(new MountOptions());
        await fs.StatAsync("/d");
        store.FailNext(ObjectStoreOperation.ListObjectsV2, S3ErrorCode.InternalError);

        var act = () => fs.RenameAsync("/d", "/e").AsTask();

        await act.WithErrno(Errno.EIO);
        (await fs.ReadFileAsync("/d/f.txt")).Should().Be("f");
    }

    /// <summary>Puts <c>d/f.txt</c> and <c>d/sub/g.txt</c> in the bucket and mounts; nothing is listed yet.</summary>
    private static async Task<IFileSystem> UnlistedTreeAsync(S3FilesSimulation sim)
    {
        await sim.Bucket.PutObjectAsync("d/f.txt", "f");
        await sim.Bucket.PutObjectAsync("d/sub/g.txt", "g");
        return sim.Mount();
    }
}
