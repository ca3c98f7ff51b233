using FluentAssertions;
using S3FilesSim.Export;
using S3FilesSim.FileSystem;
using S3FilesSim.ObjectStorage;
using S3FilesSim.Tests.FileSystem;
using Xunit;
using static S3FilesSim.Tests.Export.ExportTestKit;

namespace S3FilesSim.Tests.Export;

// Regressions found by the fault runs (tests/S3FilesSim.Tests/Reliability/Faults): retryable errors are retried, the
// bucket wins on conflicts, and nothing escapes the background work
// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-synchronization.html).
public sealed class ExportFaultRegressionTests
{
    [Fact]
    public async Task MultipartExport_PartFailsAndAbortIsDenied_RetriesInsteadOfFailingForGood()
    {
        await using var sim = S3FilesSimulation.Create(new SimulationOptions
        {
            FileSystem = new FileSystemOptions { Export = new ExportOptions { MultipartThresholdBytes = 5L << 20, MultipartPartSizeBytes = 5L << 20 } },
        });
        var store = new FaultInjectingObjectStore(sim.Bucket);
        var fileSystem = sim.CreateFileSystem(sim.Options.FileSystem, store);
        var fs = fileSystem.Mount(new MountOptions());
        var data = new byte[(5 << 20) + 10];
        store.Add(new ObjectStoreFaultRule { Operation = ObjectStoreOperation.UploadPart, SkipFirst = 1, MaxFaults = 1, ErrorCode = S3ErrorCode.SlowDown });
        store.Add(new ObjectStoreFaultRule { Operation = ObjectStoreOperation.AbortMultipartUpload, MaxFaults = 1, ErrorCode = S3ErrorCode.AccessDenied });

        await fs.WriteAllBytesAsync("/big.bin", data);
        await sim.AdvanceAsync(Quiet + TimeSpan.FromSeconds(5));

        fileSystem.ExportFailures.Should().Be(0, "the SlowDown of the part decides: retry");
        (await sim.Bucket.HeadObjectAsync("big.bin"))!.ContentLength.Should().Be(data.Length);
    }

    [Fact]
    public async Task RenamedDirectory_DeleteEventForNewKeyBeforeExport_KeepsTheChild()
    {
        await using var sim = S3FilesSimulation.Create();
        var fs = sim.Mount();
        await fs.MkdirAsync("/d");
        await sim.ExportFileAsync(fs, "/d/f.txt", "data");
        await fs.RenameAsync("/d", "/e");

        await sim.Bucket.DeleteObjectAsync(new DeleteObjectRequest { Key = "e/f.txt" });
        await sim.AdvanceAsync(TimeSpan.FromSeconds(6));

        (await fs.ReadFileAsync("/e/f.txt")).Should().Be("data", "the child's key changed with its directory: it is not a clean entry of e/f.txt");
        await sim.AdvanceAsync(Quiet);
        (await sim.Bucket.TextAsync("e/f.txt")).Should().Be("data");
    }

    [Fact]
    public async Task RemovedFileChangedInBucket_ParentRecreatedAndNotYetListed_ConflictDoesNotListTheBucket()
    {
        await using var sim = S3FilesSimulation.Create();
        var store = new FaultInjectingObjectStore(sim.Bucket);
        var fileSystem = sim.CreateFileSystem(null, store);
        var fs = fileSystem.Mount(new MountOptions());
        await fs.MkdirAsync("/d");
        await sim.ExportFileAsync(fs, "/d/f.txt", "mine");
        await fs.UnlinkAsync("/d/f.txt");
        await fs.RmdirAsync("/d");
        await sim.Bucket.PutObjectAsync("d/g.txt", "other");
        await sim.Bucket.PutObjectAsync("d/f.txt", "theirs");
        await sim.AdvanceAsync(TimeSpan.FromSeconds(6));
        store.Add(new ObjectStoreFaultRule { Operation = ObjectStoreOperation.ListObjectsV2, ErrorCode = S3ErrorCode.InternalError });

        var act = () => sim.AdvanceAsync(Quiet).AsTask();

        await act.Should().NotThrowAsync("a background conflict must not list a directory nobody accessed");
        store.Reset();
        (await fs.ReadFileAsync("/d/f.txt")).Should().Be("theirs");
    }

    [Fact]
    public async Task RecreatedDirectory_MarkerOfTheRemovedOneIsNotAdopted()
    {
        await using var sim = S3FilesSimulation.Create();
        var fs = sim.Mount();
        await fs.MkdirAsync("/d");
        await sim.AdvanceAsync(Quiet);
        await fs.RmdirAsync("/d");

        await sim.Bucket.PutObjectAsync("d/x.txt", "x");
        await sim.AdvanceAsync(Quiet);

        (await sim.Bucket.HeadObjectAsync("d/")).Should().BeNull("rmdir exported the delete of the marker");
        (await fs.StatusAsync("/d")).Should().Be("S3Key: \n", "the directory is implicit now: no marker object backs it");
    }

    [Fact]
    public async Task PathTooLong_CountedInExportFailures_IsAlsoOnTheTimeline()
    {
        await using var sim = S3FilesSimulation.Create();
        var fs = sim.Mount();
        var path = "";
        for (var i = 0; i < 5; i++)
        {
            path += "/" + new string((char)('a' + i), 250);
            await fs.MkdirAsync(path);
        }

        await fs.WriteFileAsync(path + "/f", "x");
        await sim.AdvanceAsync(Quiet);

        sim.FileSystem.ExportFailures.Should().BePositive();
        sim.FileSystem.Timeline.Query(S3FilesSim.Telemetry.SyncEventKind.Failure).Count(e => e.Path is not null)
            .Should().Be((int)sim.FileSystem.ExportFailures, "every failure counted in ExportFailures is reported");
    }

    [Fact]
    public async Task RenamedDirectoryNotYetExported_OldPathListedAgain_DoesNotImportTheMovedObjects()
    {
        await using var sim = S3FilesSimulation.Create();
        var fs = sim.Mount();
        await fs.MkdirAsync("/a");
        await sim.ExportFileAsync(fs, "/a/f.txt", "data");
        await fs.RenameAsync("/a", "/b");
        await sim.Bucket.PutObjectAsync("a/other.txt", "other");
        await sim.AdvanceAsync(TimeSpan.FromSeconds(6));

        var names = (await fs.ReadDirectoryAsync("/a")).Select(e => e.Name);

        names.Should().Equal(["other.txt"], "a/f.txt is the base of /b/f.txt until the rename is exported");
        await sim.AdvanceAsync(Quiet);
        (await sim.Bucket.KeysAsync()).Should().BeEquivalentTo("a/other.txt", "b/", "b/f.txt");
    }

    [Fact]
    public async Task ConflictOnFileNotResident_BaseReadFails_RetriedAndTheLostFileKeepsItsBytes()
    {
        await using var sim = S3FilesSimulation.Create();
        var original = Enumerable.Range(0, 200_000).Select(i => (byte)(i % 251)).ToArray();
        await sim.Bucket.PutObjectAsync(new PutObjectRequest { Key = "big.bin", Content = ObjectContent.FromBytes(original) });
        var store = new FaultInjectingObjectStore(sim.Bucket);
        var fileSystem = sim.CreateFileSystem(null, store);
        var fs = fileSystem.Mount(new MountOptions());
        await fs.ChmodAsync("/big.bin", FileSystemTestKit.Octal("600"));
        await sim.Bucket.PutObjectAsync("big.bin", "theirs");
        store.Add(new ObjectStoreFaultRule { Operation = ObjectStoreOperation.GetObject, SkipFirst = 1, MaxFaults = 1, ErrorCode = S3ErrorCode.InternalError });

        var act = () => sim.AdvanceAsync(Quiet).AsTask();

        await act.Should().NotThrowAsync("a failed read of the losing file's bytes is retried, not thrown out of the background work");
        var lostDirectory = "/.s3files-lost+found-" + fileSystem.FileSystemId;
        var lost = (await fs.ReadDirectoryAsync(lostDirectory)).Should().ContainSingle().Subject;
        (await fs.ReadAllBytesAsync(lostDirectory + "/" + lost.Name)).Should().Equal(original);
        (await fs.ReadFileAsync("/big.bin")).Should().Be("theirs");
    }
}
