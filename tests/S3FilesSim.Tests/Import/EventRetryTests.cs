using FluentAssertions;
using S3FilesSim.FileSystem;
using S3FilesSim.ObjectStorage;
using S3FilesSim.Tests.FileSystem;
using Xunit;

namespace S3FilesSim.Tests.Import;

// Bucket changes reach resident files automatically (https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-synchronization.html);
// a transient bucket error (500, 503, RequestTimeout: https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html)
// while applying an event delays the change, it does not lose it or half-apply it.
public sealed class EventRetryTests
{
    [Theory]
    [InlineData(ObjectStoreOperation.HeadObject)]
    [InlineData(ObjectStoreOperation.GetObject)]
    public async Task Event_BucketReadFailsOnce_ChangeArrivesAfterTheRetry(ObjectStoreOperation failing)
    {
        var (sim, store, fs) = await ResidentFileAsync();
        await using var _ = sim;
        store.FailNext(failing, S3ErrorCode.SlowDown);

        await sim.Bucket.PutObjectAsync("r.txt", "version two");
        await sim.AdvanceAsync(TimeSpan.FromSeconds(10));

        (await fs.ReadFileAsync("/r.txt")).Should().Be("version two");
    }

    [Fact]
    public async Task Event_DataReadFails_EntryKeepsItsOldVersionUntilTheRetry()
    {
        var (sim, store, fs) = await ResidentFileAsync();
        await using var _ = sim;
        var fileSystem = sim.FileSystems[^1];
        VersionId? before;
        lock (fileSystem.Namespace.Gate)
        {
            before = fileSystem.Namespace.Root.DirectoryAsIs.Find("r.txt")!.VersionId;
        }

        store.Add(new ObjectStoreFaultRule { Operation = ObjectStoreOperation.GetObject, ErrorCode = S3ErrorCode.InternalError });
        await sim.Bucket.PutObjectAsync("r.txt", "version two");
        await sim.AdvanceAsync(TimeSpan.FromSeconds(5));

        lock (fileSystem.Namespace.Gate)
        {
            fileSystem.Namespace.Root.DirectoryAsIs.Find("r.txt")!.VersionId.Should().Be(before, "a failed read must not leave the new version id over the old data");
        }
    }

    [Fact]
    public async Task Event_AccessDenied_IsNotRetriedAndCountsAnImportFailure()
    {
        var (sim, store, _) = await ResidentFileAsync();
        await using var __ = sim;
        var rule = store.Add(new ObjectStoreFaultRule { Operation = ObjectStoreOperation.HeadObject, ErrorCode = S3ErrorCode.AccessDenied });

        await sim.Bucket.PutObjectAsync("r.txt", "version two");
        await sim.AdvanceAsync(TimeSpan.FromMinutes(30));

        rule.InjectedCount.Should().Be(1);
        sim.FileSystems[^1].ImportFailures.Should().Be(1);
    }

    private static async Task<(S3FilesSimulation Sim, FaultInjectingObjectStore Store, IFileSystem Fs)> ResidentFileAsync()
    {
        var sim = S3FilesSimulation.Create();
        await sim.Bucket.PutObjectAsync("r.txt", "v1");
        var store = new FaultInjectingObjectStore(sim.Bucket);
        var fs = sim.CreateFileSystem(null, store).Mount(new MountOptions());
        await fs.ReadFileAsync("/r.txt");
        await sim.AdvanceAsync(TimeSpan.FromSeconds(6));
        return (sim, store, fs);
    }
}
