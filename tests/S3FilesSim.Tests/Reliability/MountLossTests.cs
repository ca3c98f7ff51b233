using System.Text;
using FluentAssertions;
using S3FilesSim.FileSystem;
using S3FilesSim.Tests.Export;
using S3FilesSim.Tests.FileSystem;
using Xunit;

namespace S3FilesSim.Tests.Reliability;

// Losing a mount is an NFS client crash: close-to-open consistency means data written but neither closed nor fsynced
// lives only in that client's dirty pages and is lost; everything flushed is on the high-performance storage and
// survives (https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files.html; docs/SEMANTICS.md, Multiple mounts).
public sealed class MountLossTests
{
    [Fact]
    public async Task DisposeMount_UnflushedWrite_IsLostAndTheFileKeepsItsFlushedContent()
    {
        await using var sim = S3FilesSimulation.Create();
        var crashing = sim.Mount();
        var survivor = sim.Mount();
        await crashing.WriteFileAsync("/f.txt", "flushed");
        var handle = await crashing.OpenAsync("/f.txt", OpenFlags.WriteOnly);
        await crashing.WriteAsync(handle, Encoding.UTF8.GetBytes("UNFLUSH"), 0);

        await crashing.DisposeAsync();
        await sim.AdvanceAsync(ExportTestKit.Quiet);

        (await survivor.ReadFileAsync("/f.txt")).Should().Be("flushed");
        (await sim.Bucket.TextAsync("f.txt")).Should().Be("flushed");
    }

    [Fact]
    public async Task DisposeMount_FsyncedButNotClosed_Survives()
    {
        await using var sim = S3FilesSimulation.Create();
        var crashing = sim.Mount();
        var handle = await crashing.OpenAsync("/f.txt", OpenFlags.WriteOnly | OpenFlags.Create);
        await crashing.WriteAsync(handle, Encoding.UTF8.GetBytes("synced"), 0);
        await crashing.FsyncAsync(handle);

        await crashing.DisposeAsync();
        await sim.AdvanceAsync(ExportTestKit.Quiet);

        (await sim.Mount().ReadFileAsync("/f.txt")).Should().Be("synced");
        (await sim.Bucket.TextAsync("f.txt")).Should().Be("synced");
    }

    [Fact]
    public async Task DisposeMount_OtherMountsWrites_AreExportedAndInvariantsHold()
    {
        await using var sim = S3FilesSimulation.Create();
        var crashing = sim.Mount();
        var survivor = sim.Mount();
        var checker = new InvariantChecker(sim.FileSystem, sim.Bucket);
        await crashing.WriteFileAsync("/mine.txt", "from the crashing mount, closed");
        checker.Acknowledge("/mine.txt", Encoding.UTF8.GetBytes("from the crashing mount, closed"));
        await survivor.WriteFileAsync("/theirs.txt", "from the survivor");
        checker.Acknowledge("/theirs.txt", Encoding.UTF8.GetBytes("from the survivor"));
        var open = await survivor.OpenAsync("/open.txt", OpenFlags.WriteOnly | OpenFlags.Create);
        await survivor.WriteAsync(open, Encoding.UTF8.GetBytes("still open in the survivor"), 0);
        var lost = await crashing.OpenAsync("/lost.txt", OpenFlags.WriteOnly | OpenFlags.Create);
        await crashing.WriteAsync(lost, Encoding.UTF8.GetBytes("never flushed"), 0);

        await crashing.DisposeAsync();
        await survivor.CloseAsync(open);
        checker.Acknowledge("/open.txt", Encoding.UTF8.GetBytes("still open in the survivor"));
        await sim.AdvanceAsync(ExportTestKit.Quiet);

        (await checker.CheckAsync(survivor)).Should().BeEmpty();
        (await sim.Bucket.TextAsync("open.txt")).Should().Be("still open in the survivor");
        (await sim.Bucket.TextAsync("lost.txt")).Should().BeEmpty("the create reached the server; the write stayed in the crashed client");
    }

    [Fact]
    public async Task DisposeMount_HandleUsedAfterwards_FailsEBADF()
    {
        await using var sim = S3FilesSimulation.Create();
        var crashing = sim.Mount();
        var handle = await crashing.OpenAsync("/f.txt", OpenFlags.WriteOnly | OpenFlags.Create);

        await crashing.DisposeAsync();
        var write = () => crashing.WriteAsync(handle, new byte[1], 0).AsTask();

        await write.WithErrno(Errno.EBADF);
    }
}
