using FluentAssertions;
using S3FilesSim.FileSystem;
using S3FilesSim.ObjectStorage;
using S3FilesSim.Tests.FileSystem;
using Xunit;

namespace S3FilesSim.Tests.Import;

// A failed bucket listing leaves the directory unlisted so the next access lists it again; a failed data import counts
// in ImportFailures ("objects that failed to import"). https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-monitoring-cloudwatch.html
public sealed class ImportFaultTests
{
    [Fact]
    public async Task ListingFails_AccessFailsEioAndNextAccessListsAgain()
    {
        await using var sim = S3FilesSimulation.Create();
        await sim.Bucket.PutObjectAsync("d/a.txt", "a");
        var store = new FaultInjectingObjectStore(sim.Bucket);
        var fileSystem = sim.CreateFileSystem(null, store);
        var fs = fileSystem.Mount(new MountOptions());
        store.FailNext(ObjectStoreOperation.ListObjectsV2, S3ErrorCode.InternalError);

        var first = () => fs.ReadDirectoryAsync("/d").AsTask();

        await first.WithErrno(Errno.EIO);
        (await fs.ReadDirectoryAsync("/d")).Select(e => e.Name).Should().Equal("a.txt");
    }

    [Fact]
    public async Task DataImportFails_CountsAnImportFailureAndReadStillWorks()
    {
        await using var sim = S3FilesSimulation.Create();
        await sim.Bucket.PutObjectAsync("d/a.txt", "a");
        var store = new FaultInjectingObjectStore(sim.Bucket);
        var fileSystem = sim.CreateFileSystem(null, store);
        var fs = fileSystem.Mount(new MountOptions());
        await fs.ReadDirectoryAsync("/d");
        store.FailNext(ObjectStoreOperation.GetObject, S3ErrorCode.InternalError);

        await sim.AdvanceAsync(TimeSpan.FromSeconds(1));

        fileSystem.ImportFailures.Should().Be(1);
        (await fs.ReadFileAsync("/d/a.txt")).Should().Be("a");
    }
}
