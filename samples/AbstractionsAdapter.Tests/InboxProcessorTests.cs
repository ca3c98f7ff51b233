using FluentAssertions;
using S3FilesSim;
using S3FilesSim.Abstractions;
using S3FilesSim.FileSystem;
using S3FilesSim.ObjectStorage;
using Xunit;

namespace AbstractionsAdapter.Tests;

/// <summary>
/// The application's class, unchanged, on a simulated S3 Files mount: what its output looks like in the bucket, and what
/// happens when another S3 client writes the same key inside the 60 s window
/// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-synchronization.html).
/// </summary>
public sealed class InboxProcessorTests : IAsyncLifetime
{
    private const string MountPath = "/mnt/s3files";
    private readonly S3FilesSimulation _sim = S3FilesSimulation.Create(new SimulationOptions { Seed = 20 });
    private readonly S3FilesSim.FileSystem.IFileSystem _mount;
    private readonly InboxProcessor _processor;

    public InboxProcessorTests()
    {
        _mount = _sim.FileSystem.Mount(new MountOptions());
        _processor = new InboxProcessor(_mount.AsSystemIOAbstractions(new SystemIOAdapterOptions { MountPath = MountPath }), MountPath);
    }

    public async Task InitializeAsync()
    {
        await _sim.Bucket.PutObjectAsync("inbox/memo.txt", "Lunch is at noon.\n");
        await _sim.AdvanceAsync(TimeSpan.FromSeconds(6));
    }

    public async Task DisposeAsync()
    {
        await _mount.DisposeAsync();
        await _sim.DisposeAsync();
    }

    [Fact]
    public async Task ProcessAll_SummaryReachesTheBucketOnlyAfterTheCommitDelay()
    {
        _processor.ProcessAll();

        await _sim.AdvanceAsync(TimeSpan.FromSeconds(59));
        var beforeCommitDelay = await _sim.Bucket.HeadObjectAsync("processed/memo.summary.txt");
        await _sim.AdvanceAsync(TimeSpan.FromSeconds(2));
        var afterCommitDelay = await _sim.Bucket.GetObjectBytesAsync("processed/memo.summary.txt");

        beforeCommitDelay.Should().BeNull("S3 Files exports a file about 60 s after its last change");
        afterCommitDelay.Should().NotBeNull();
        System.Text.Encoding.UTF8.GetString(afterCommitDelay!).Should().Be("document: memo.txt\nlines: 1\nwords: 4\n");
        (await _sim.Bucket.HeadObjectAsync("inbox/memo.txt")).Should().BeNull("the move out of the inbox is exported as copy + delete");
    }

    [Fact]
    public async Task ProcessAll_BucketOverwriteInsideTheWindow_EndsInLostAndFoundWhileTheClassSawNoError()
    {
        var processed = _processor.ProcessAll();

        await _sim.AdvanceAsync(TimeSpan.FromSeconds(30));
        await _sim.Bucket.PutObjectAsync("processed/memo.summary.txt", "written by another S3 client\n");
        await _sim.AdvanceAsync(TimeSpan.FromSeconds(61));

        processed.Should().Equal("memo.txt");
        _sim.FileSystem.LostAndFoundFiles.Should().Be(1);
        var lostAndFound = $"/.s3files-lost+found-{_sim.FileSystem.FileSystemId}";
        var lost = await _mount.ReadDirectoryAsync(lostAndFound);
        lost.Should().ContainSingle().Which.Name.Should().EndWith("_memo.summary.txt");
        (await _mount.ReadAllTextAsync($"{lostAndFound}/{lost[0].Name}")).Should().StartWith("document: memo.txt");
        System.Text.Encoding.UTF8.GetString((await _sim.Bucket.GetObjectBytesAsync("processed/memo.summary.txt"))!).Should().Be("written by another S3 client\n");
        (await _mount.ReadAllTextAsync("/processed/memo.summary.txt")).Should().Be("written by another S3 client\n", "the bucket wins");
    }
}
