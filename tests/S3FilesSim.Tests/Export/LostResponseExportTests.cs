using FluentAssertions;
using S3FilesSim.FileSystem;
using S3FilesSim.ObjectStorage;
using Xunit;
using static S3FilesSim.Tests.Export.ExportTestKit;
using static S3FilesSim.Tests.FileSystem.FileSystemTestKit;

namespace S3FilesSim.Tests.Export;

// A write whose answer is lost (a timeout after the bucket stored it) is retried; the retry's precondition then finds
// the export's own write. The export recognises it (same POSIX metadata, same bytes) and is done: no conflict, nothing
// in lost+found (https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-synchronization.html).
public sealed class LostResponseExportTests
{
    [Theory]
    [InlineData(ObjectStoreOperation.PutObject, false)]
    [InlineData(ObjectStoreOperation.PutObject, true)]
    [InlineData(ObjectStoreOperation.CopyObject, true)]
    public async Task Export_WriteLandsButItsAnswerIsLost_TheRetryFindsItsOwnWrite(ObjectStoreOperation operation, bool exportedBefore)
    {
        await using var sim = S3FilesSimulation.Create();
        var store = new FaultInjectingObjectStore(sim.Bucket, sim.Random, sim.Scheduler);
        var fileSystem = sim.CreateFileSystem(new FileSystemOptions(), store);
        var fs = fileSystem.Mount(new MountOptions());
        if (exportedBefore)
        {
            await fs.WriteFileAsync("/a.txt", "v1");
            await sim.AdvanceAsync(Quiet);
        }

        store.Add(new ObjectStoreFaultRule { Operation = operation, LoseResponse = true, ErrorCode = S3ErrorCode.RequestTimeout, MaxFaults = 1 });
        var (path, expected) = operation == ObjectStoreOperation.CopyObject ? ("/b.txt", "v1") : ("/a.txt", "v2");
        if (operation == ObjectStoreOperation.CopyObject)
        {
            await fs.RenameAsync("/a.txt", path);
        }
        else
        {
            await fs.WriteFileAsync(path, expected);
        }

        await sim.AdvanceAsync(TimeSpan.FromMinutes(10));

        (fileSystem.LostAndFoundFiles, fileSystem.PendingExports, store.InjectedFaultCount).Should().Be((0, 0, 1));
        ((await fs.ReadFileAsync(path)), await sim.Bucket.TextAsync(path[1..])).Should().Be((expected, expected));
    }
}
