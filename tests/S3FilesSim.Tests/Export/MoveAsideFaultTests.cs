using FluentAssertions;
using S3FilesSim.FileSystem;
using S3FilesSim.ObjectStorage;
using S3FilesSim.Tests.FileSystem;
using Xunit;
using static S3FilesSim.Tests.Export.ExportTestKit;

namespace S3FilesSim.Tests.Export;

// A rename cycle (swap) moves the base of the key's owner to a temporary key: CopyObject, then DeleteObject of the key
// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-synchronization.html). Found by the fault runs at ten
// times their CI size: a failure at either step must end, after retries, in the swapped state with nothing lost.
public sealed class MoveAsideFaultTests
{
    [Theory]
    [InlineData(ObjectStoreOperation.CopyObject)]
    [InlineData(ObjectStoreOperation.DeleteObject)]
    public async Task SwapTwoNames_FirstStepOfTheMoveAsideTimesOut_EndsSwappedWithoutLostFiles(ObjectStoreOperation failing)
    {
        await using var sim = S3FilesSimulation.Create();
        var store = new FaultInjectingObjectStore(sim.Bucket);
        var fileSystem = sim.CreateFileSystem(null, store);
        var fs = fileSystem.Mount(new MountOptions());
        await fs.WriteFileAsync("/a", "A");
        await fs.WriteFileAsync("/b", "B");
        await sim.AdvanceAsync(Quiet);
        store.Add(new ObjectStoreFaultRule { Operation = failing, MaxFaults = 1, ErrorCode = S3ErrorCode.RequestTimeout });

        await fs.RenameAsync("/a", "/t");
        await fs.RenameAsync("/b", "/a");
        await fs.RenameAsync("/t", "/b");
        await sim.AdvanceAsync(Quiet + Quiet);

        store.InjectedFaultCount.Should().Be(1);
        (await sim.Bucket.TextAsync("a")).Should().Be("B");
        (await sim.Bucket.TextAsync("b")).Should().Be("A");
        (await sim.Bucket.KeysAsync()).Should().Equal("a", "b");
        (await fs.ReadFileAsync("/a")).Should().Be("B");
        fileSystem.LostAndFoundFiles.Should().Be(0);
    }
}
