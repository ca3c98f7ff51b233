using FluentAssertions;
using Xunit;

namespace S3FilesSim.Cli.Tests.Scenarios;

public sealed class ScenarioTests : IDisposable
{
    private readonly TempTree _tree = new TempTree()
        .File("inbox/a.txt", "one two three\nfour\n")
        .File("inbox/b.txt", "five six")
        .File("notes/c.txt", "seven")
        .File("notes/big/d.bin", new byte[200_000]);

    public void Dispose() => _tree.Dispose();

    // https://docs.aws.amazon.com/lambda/latest/dg/configuration-filesystem-s3files.html: the rename lands in the bucket as copy + delete after the commit delay.
    [Fact]
    public async Task DocumentPipeline_SmallTree_CountsWordsAndMovesEveryInboxDocument()
    {
        var report = await CliHarness.ExecuteAsync(new RunSettings { Source = _tree.Root });

        report.Documents.Should().BeEquivalentTo([
            new { Name = "a.txt", Lines = 2, Words = 4, MovedTo = "/processed/a.txt" },
            new { Name = "b.txt", Lines = 1, Words = 2, MovedTo = "/processed/b.txt" },
        ]);
        report.Snapshots[^1].Bucket.Should().Contain(["processed/a.txt", "processed/a.txt.meta.json", "processed/b.txt"]).And.NotContain("inbox/a.txt");
        report.Sync.ExportedDeletes.Should().Be(2);
    }

    [Fact]
    public async Task DocumentPipeline_NoInbox_ProcessesEveryRegularFileRecursivelyAndSaysSo()
    {
        using var tree = new TempTree().File("deep/er/only.txt", "x y").File("top.txt", "z");

        var report = await CliHarness.ExecuteAsync(new RunSettings { Source = tree.Root });

        report.Documents!.Select(d => (d.Name, d.MovedTo, d.Words)).Should().Equal(("deep/er/only.txt", "/processed/deep/er/only.txt", 2L), ("top.txt", "/processed/top.txt", 1L));
        report.ScenarioInput.Should().Be("the whole tree (it has no inbox/): 2 regular files, recursively");
        report.Snapshots[^1].Bucket.Should().Contain(["processed/deep/er/only.txt", "processed/deep/er/only.txt.meta.json"]);
    }

    [Fact]
    public async Task DocumentPipeline_WithInbox_SaysItTookInbox()
    {
        var report = await CliHarness.ExecuteAsync(new RunSettings { Source = _tree.Root });

        report.ScenarioInput.Should().Be("inbox/: 2 regular files under it, recursively");
    }

    [Fact]
    public async Task DocumentPipeline_ShorterCommitDelay_ExportsBeforeTheDefaultWindow()
    {
        var report = await CliHarness.ExecuteAsync(new RunSettings { Source = _tree.Root, CommitDelay = TimeSpan.FromSeconds(10), Duration = TimeSpan.FromSeconds(20) });

        report.Snapshots.Select(snapshot => snapshot.VirtualSeconds).Should().Equal(0, 5, 11, 20);
        report.Snapshots[2].Bucket.Should().Contain("processed/a.txt");
    }

    [Fact]
    public async Task Walk_SmallTree_CountsEveryDirectoryAndFile()
    {
        var report = await CliHarness.ExecuteAsync(new RunSettings { Source = _tree.Root, Scenario = "walk" });

        report.Walk.Should().BeEquivalentTo(new { Directories = 4, Files = 4, Symlinks = 0, Bytes = 200_032L, ReadDirectoryCalls = 4L });
    }

    [Fact]
    public async Task Walk_TreeWithSymbolicLinks_CountsThemDanglingOnesIncluded()
    {
        File.CreateSymbolicLink(Path.Combine(_tree.Root, "notes/link"), "c.txt");
        File.CreateSymbolicLink(Path.Combine(_tree.Root, "dangling"), "nowhere");

        var report = await CliHarness.ExecuteAsync(new RunSettings { Source = _tree.Root, Scenario = "walk" });

        report.Walk.Should().BeEquivalentTo(new { Files = 4, Symlinks = 2 });
    }

    // https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-performance.html: small files are imported on first directory access; larger ones are read from the bucket.
    [Fact]
    public async Task ReadAll_SmallTree_ServesSmallFilesFromHighPerformanceStorageOnceImported()
    {
        var report = await CliHarness.ExecuteAsync(new RunSettings { Source = _tree.Root, Scenario = "read-all" });

        var warmSmall = report.ReadAll!.Single(row => row.Pass.StartsWith("warm", StringComparison.Ordinal) && row.SizeClass.StartsWith('<'));
        warmSmall.Files.Should().Be(3);
        warmSmall.HotTierReads.Should().Be(3);
        var warmLarge = report.ReadAll!.Single(row => row.Pass.StartsWith("warm", StringComparison.Ordinal) && row.SizeClass == "128 KiB to < 1 MiB");
        warmLarge.Files.Should().Be(1);
        warmLarge.HotTierReads.Should().Be(0);
        report.ReadTiers.HotTierReads.Should().BeGreaterThanOrEqualTo(3);
    }

    // https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-synchronization.html: on a conflict the bucket wins and the file-system version moves to lost+found.
    [Fact]
    public async Task Conflicts_SmallTree_FillsLostAndFoundWithTheOverwrittenFiles()
    {
        var report = await CliHarness.ExecuteAsync(new RunSettings { Source = _tree.Root, Scenario = "conflicts" });

        var conflicts = report.Conflicts!;
        conflicts.OverwrittenKeys.Should().Equal("inbox/a.txt", "notes/c.txt");
        conflicts.DeletedKeys.Should().Equal("inbox/b.txt");
        conflicts.LostAndFoundFiles.Should().BeGreaterThanOrEqualTo(2);
        conflicts.LostAndFoundEntries.Should().HaveCount(conflicts.LostAndFoundFiles);
        report.Sync.LostAndFoundFiles.Should().Be(conflicts.LostAndFoundFiles);
    }

    // https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-synchronization.html: another client sees a closed file at once (close-to-open); the bucket after 60 s.
    [Fact]
    public async Task Visibility_DefaultDelay_SecondMountSeesAtOnceAndTheBucketAfterSixtySeconds()
    {
        var report = await CliHarness.ExecuteAsync(new RunSettings { Source = _tree.Root, Scenario = "visibility", Duration = TimeSpan.FromSeconds(20) });

        var visibility = report.Visibility!;
        visibility.Files.Should().Be(8);
        visibility.SecondMount.Max.Should().Be(0);
        visibility.Bucket.Count.Should().Be(8);
        visibility.Bucket.P50.Should().BeInRange(60, 61);
        visibility.BucketHistogram.Sum(bin => bin.Count).Should().Be(8);
    }
}
