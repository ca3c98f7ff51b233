using FluentAssertions;
using S3FilesSim.FileSystem;
using S3FilesSim.Import;
using S3FilesSim.ObjectStorage;
using S3FilesSim.Tests.FileSystem;
using Xunit;

namespace S3FilesSim.Tests.Import;

// Accessed directories are kept consistent with the bucket ("As your bucket changes, metadata is updated",
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-synchronization.html); EventBridge delivery can fail,
// so ImportOptions.RevalidationInterval lists accessed directories again and catches up on lost events.
public sealed class RevalidationTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task LostEvent_WithoutRevalidation_ChangeNeverArrives()
    {
        await using var sim = NewSimulation(revalidation: null);
        var fs = await AccessedAsync(sim);

        await sim.Bucket.PutObjectAsync("d/new.txt", "n");
        await sim.AdvanceAsync(TimeSpan.FromHours(1));

        (await fs.ReadDirectoryAsync("/d")).Select(e => e.Name).Should().Equal("old.txt");
    }

    [Fact]
    public async Task LostEvent_NewObject_AppearsAtTheNextRevalidation()
    {
        await using var sim = NewSimulation(Interval);
        var fs = await AccessedAsync(sim);

        await sim.Bucket.PutObjectAsync("d/new.txt", "n");
        await sim.AdvanceAsync(Interval);

        (await fs.ReadDirectoryAsync("/d")).Select(e => e.Name).Order(StringComparer.Ordinal).Should().Equal("new.txt", "old.txt");
    }

    [Fact]
    public async Task LostEvent_OverwrittenResidentFile_GetsTheNewData()
    {
        await using var sim = NewSimulation(Interval);
        var fs = await AccessedAsync(sim);

        await sim.Bucket.PutObjectAsync("d/old.txt", "rewritten");
        await sim.AdvanceAsync(Interval);

        (await fs.ReadFileAsync("/d/old.txt")).Should().Be("rewritten");
    }

    [Fact]
    public async Task LostEvent_DeletedObject_DisappearsAtTheNextRevalidation()
    {
        await using var sim = NewSimulation(Interval);
        var fs = await AccessedAsync(sim);

        await sim.Bucket.DeleteObjectAsync(new DeleteObjectRequest { Key = "d/old.txt" });
        await sim.AdvanceAsync(Interval);

        (await fs.ReadDirectoryAsync("/d")).Should().BeEmpty();
    }

    [Fact]
    public async Task Revalidation_DirtyFileChangedInBucket_BucketWinsAndFileGoesToLostAndFound()
    {
        await using var sim = NewSimulation(Interval);
        var fs = await AccessedAsync(sim);
        await sim.AdvanceAsync(Interval - TimeSpan.FromSeconds(31));
        await fs.WriteFileAsync("/d/old.txt", "mine");

        await sim.Bucket.PutObjectAsync("d/old.txt", "theirs");
        await sim.AdvanceAsync(TimeSpan.FromSeconds(40));

        (await fs.ReadFileAsync("/d/old.txt")).Should().Be("theirs", "the revalidation found the conflict before the export was due");
        sim.FileSystem.LostAndFoundFiles.Should().Be(1);
    }

    [Fact]
    public void Options_RevalidationIntervalZero_ThrowsNamingTheField()
    {
        var options = new FileSystemOptions { Import = new ImportOptions { RevalidationInterval = TimeSpan.Zero } };

        var act = () => S3FilesSimulation.Create(new SimulationOptions { FileSystem = options });

        act.Should().Throw<ArgumentException>().WithParameterName("RevalidationInterval");
    }

    private static S3FilesSimulation NewSimulation(TimeSpan? revalidation) =>
        S3FilesSimulation.Create(new SimulationOptions
        {
            Bucket = new InMemoryObjectStoreOptions { Events = new BucketEventDeliveryOptions { DropProbability = 1 } },
            FileSystem = new FileSystemOptions { Import = new ImportOptions { RevalidationInterval = revalidation } },
        });

    /// <summary>Puts <c>d/old.txt</c>, mounts and reads it (so <c>/d</c> is accessed and the file resident).</summary>
    private static async Task<IFileSystem> AccessedAsync(S3FilesSimulation sim)
    {
        await sim.Bucket.PutObjectAsync("d/old.txt", "o");
        var fs = sim.Mount();
        await fs.ReadFileAsync("/d/old.txt");
        await sim.AdvanceAsync(TimeSpan.FromSeconds(1));
        return fs;
    }
}
