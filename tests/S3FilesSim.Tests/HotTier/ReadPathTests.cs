using FluentAssertions;
using S3FilesSim.FileSystem;
using S3FilesSim.Tests.FileSystem;
using Xunit;
using static S3FilesSim.Tests.FileSystem.FileSystemTestKit;

namespace S3FilesSim.Tests.HotTier;

public sealed class ReadPathTests
{
    [Fact]
    public async Task Read_HotFile4KiB_AllocatesNothingPerRead()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        var handle = await fs.OpenAsync("/f", OpenFlags.ReadWrite | OpenFlags.Create);
        await fs.WriteAsync(handle, new byte[1 << 20]);
        await fs.FsyncAsync(handle);
        var buffer = new byte[4096];
        for (var i = 0; i < 100; i++)
        {
            await fs.ReadAsync(handle, buffer, i * 4096L);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            await fs.ReadAsync(handle, buffer, (i % 256) * 4096L);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        allocated.Should().BeLessThan(1000);
    }

    [Fact]
    public async Task Write_ManyThreadsOnOneMount_KeepsEveryFileIntact()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();

        await Parallel.ForEachAsync(Enumerable.Range(0, 64), async (i, _) =>
        {
            await fs.MkdirAsync($"/d{i}");
            await fs.WriteFileAsync($"/d{i}/f", new string((char)('a' + (i % 26)), 1000 + i));
        });

        var entries = await fs.ReadDirectoryAsync("/");
        entries.Should().HaveCount(64);
        for (var i = 0; i < 64; i++)
        {
            (await fs.ReadFileAsync($"/d{i}/f")).Should().Be(new string((char)('a' + (i % 26)), 1000 + i));
        }
    }

    [Fact]
    public async Task Read_RecordsTheLastDataAccessOnTheVirtualClock()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        await fs.WriteFileAsync("/f", "x");
        await sim.AdvanceAsync(TimeSpan.FromDays(3));

        await fs.ReadFileAsync("/f");

        var inode = sim.FileSystem.Namespace.Root.Directory.Find("f")!;
        inode.LastAccessNs.Should().Be(Timespec.FromDateTimeOffset(sim.Now).TotalNanoseconds);
        (await fs.StatAsync("/f")).AccessTime.Should().Be(Timespec.FromDateTimeOffset(sim.Now.AddDays(-3)));
    }
}
