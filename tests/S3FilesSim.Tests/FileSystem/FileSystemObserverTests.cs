using FluentAssertions;
using S3FilesSim.Cost;
using S3FilesSim.FileSystem;
using S3FilesSim.Import;
using S3FilesSim.ObjectStorage;
using S3FilesSim.Telemetry;
using Xunit;
using static S3FilesSim.Tests.FileSystem.FileSystemTestKit;

namespace S3FilesSim.Tests.FileSystem;

// The observer reads what the file system holds without taking part: no first listing, no import, no S3 request metered,
// no latency, metric or sync event recorded, so a report that looks does not change what it reports.
public sealed class FileSystemObserverTests
{
    [Fact]
    public async Task ListRecursive_DirectoryNotListedYet_ShowsItUnlistedAndImportsNothing()
    {
        await using var sim = NewSimulation();
        await sim.Bucket.PutObjectAsync("inbox/a.txt", "a");
        await sim.Bucket.PutObjectAsync("top.txt", "t");
        var fs = sim.Mount();
        await fs.ReadDirectoryAsync("/");
        var before = Measures(sim.FileSystem);

        var entries = sim.FileSystem.Observer.ListRecursive("/");

        entries.Select(e => (e.Path, e.Type, e.Listed)).Should().BeEquivalentTo([("/inbox", FileType.Directory, false), ("/top.txt", FileType.RegularFile, true)]);
        Measures(sim.FileSystem).Should().Be(before);
        sim.FileSystem.Observer.Stat("/inbox/a.txt").Should().BeNull();
    }

    [Fact]
    public async Task ListRecursive_AfterTheJobListedEverything_ShowsEveryEntryDepthFirst()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        await fs.MkdirAsync("/d");
        await fs.WriteFileAsync("/d/a.txt", "alpha");
        await fs.SymlinkAsync("a.txt", "/d/link");
        await fs.WriteFileAsync("/z.txt", "z");

        var entries = sim.FileSystem.Observer.ListRecursive("/");

        entries.Select(e => e.Path).Should().Equal("/d", "/d/a.txt", "/d/link", "/z.txt");
        entries[1].Should().BeEquivalentTo(new { Size = 5L, Dirty = true, Resident = true, VersionId = (string?)null });
        entries[2].LinkTarget.Should().Be("a.txt");
    }

    [Fact]
    public async Task ReadAsync_FileImportedAsMetadataOnly_ReadsTheBaseVersionWithoutMeteringOrImporting()
    {
        await using var sim = NewSimulation();
        var data = Enumerable.Range(0, 300_000).Select(i => (byte)i).ToArray();
        await sim.Bucket.PutObjectAsync("big.bin", data);
        var fs = sim.Mount();
        await fs.ReadDirectoryAsync("/");
        var before = Measures(sim.FileSystem);
        var buffer = new byte[1000];

        var read = await sim.FileSystem.Observer.ReadAsync("/big.bin", buffer, 299_500);

        read.Should().Be(500);
        buffer[..500].Should().Equal(data[299_500..]);
        Measures(sim.FileSystem).Should().Be(before);
        sim.FileSystem.Observer.Stat("/big.bin")!.Resident.Should().BeFalse();
    }

    [Fact]
    public async Task ReadAsync_FileWrittenOnTheFileSystem_ReadsTheHighPerformanceStorage()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        await fs.WriteFileAsync("/a.txt", "hello world");
        var buffer = new byte[5];

        var read = await sim.FileSystem.Observer.ReadAsync("/a.txt", buffer, 6);

        read.Should().Be(5);
        buffer.Should().Equal("world"u8.ToArray());
    }

    // https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-synchronization-customizing.html: data expires a set number of days after its last access.
    [Fact]
    public async Task ReadAsync_ResidentFileReadHalfwayToExpiration_ExpiresOnTheScheduleOfItsLastRealAccess()
    {
        await using var sim = NewSimulation();
        sim.FileSystem.PutSynchronizationConfiguration(new SynchronizationConfiguration { ExpirationDataRules = [new ExpirationDataRule { DaysAfterLastAccess = 1 }] });
        await sim.Bucket.PutObjectAsync("a.txt", "a");
        var fs = sim.Mount();
        await fs.ReadFileAsync("/a.txt");
        await sim.AdvanceAsync(TimeSpan.FromHours(12));

        await sim.FileSystem.Observer.ReadAsync("/a.txt", new byte[1], 0);
        await sim.AdvanceAsync(TimeSpan.FromHours(13));

        sim.FileSystem.Observer.Stat("/a.txt")!.Resident.Should().BeFalse();
    }

    [Fact]
    public async Task ListDirectory_RegularFile_FailsWithEnotdir()
    {
        await using var sim = NewSimulation();
        await sim.Mount().WriteFileAsync("/a.txt", "a");

        var act = () => sim.FileSystem.Observer.ListDirectory("/a.txt");

        act.Should().Throw<FileSystemException>().Which.Errno.Should().Be(Errno.ENOTDIR);
    }

    [Fact]
    public async Task ListDirectory_Missing_FailsWithEnoent()
    {
        await using var sim = NewSimulation();

        var act = () => sim.FileSystem.Observer.ListDirectory("/nowhere");

        act.Should().Throw<FileSystemException>().Which.Errno.Should().Be(Errno.ENOENT);
    }

    [Fact]
    public async Task ReadAsync_Directory_FailsWithEisdir()
    {
        await using var sim = NewSimulation();

        var act = async () => await sim.FileSystem.Observer.ReadAsync("/", new byte[1], 0);

        (await act.Should().ThrowAsync<FileSystemException>()).Which.Errno.Should().Be(Errno.EISDIR);
    }

    [Theory]
    [InlineData("relative")]
    [InlineData("/a/../b")]
    public async Task Stat_PathNotAbsoluteOrNotCanonical_FailsWithArgumentException(string path)
    {
        await using var sim = NewSimulation();

        var act = () => sim.FileSystem.Observer.Stat(path);

        act.Should().Throw<ArgumentException>().WithParameterName("path");
    }

    /// <summary>Everything a look could disturb: reads by tier, every cost line, latency counts, timeline events, the open metrics period.</summary>
    private static string Measures(S3FilesFileSystem fileSystem)
    {
        var cost = fileSystem.GetCostReport();
        var metrics = fileSystem.GetMetricsSnapshot();
        return string.Join(
            "; ",
            fileSystem.ReadStatistics with { LastTier = null },
            string.Join(",", cost.Lines.Select(l => $"{l.Kind}={l.Quantity}")),
            string.Join(",", fileSystem.Latency.GetSummaries().Select(s => $"{s.Kind}={s.Count}")),
            fileSystem.Timeline.TotalAppended,
            $"{metrics.DataReadBytes.SampleCount},{metrics.MetadataReadBytes.SampleCount},{metrics.StorageBytes},{metrics.Inodes}",
            string.Join(",", Enum.GetValues<CostLineKind>().Select(k => cost[k].Quantity)),
            string.Join(",", Enum.GetValues<SyncEventKind>().Select(fileSystem.Timeline.TotalAppendedOf)));
    }
}
