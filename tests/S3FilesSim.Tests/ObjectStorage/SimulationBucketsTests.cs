using FluentAssertions;
using S3FilesSim.ObjectStorage;
using Xunit;

namespace S3FilesSim.Tests.ObjectStorage;

/// <summary>The bucket wiring of the composition root (S3FilesSimulation.Buckets.cs, SimulationOptions.Buckets.cs).</summary>
public sealed class SimulationBucketsTests
{
    [Fact]
    public async Task Create_Defaults_CreatesVersionedDefaultBucket()
    {
        await using var sim = S3FilesSimulation.Create();

        sim.Bucket.BucketName.Should().Be("s3files-sim-bucket");
        sim.Bucket.Capabilities.Versioning.Should().BeTrue();
        sim.Buckets.Should().ContainSingle().Which.Should().BeSameAs(sim.Bucket);
        sim.GetBucket("s3files-sim-bucket").Should().BeSameAs(sim.Bucket);
    }

    [Fact]
    public async Task Bucket_DesignUsage_PutHeadAndEventAfterFiveSeconds()
    {
        // https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-synchronization.html: bucket changes arrive "typically within seconds".
        await using var sim = S3FilesSimulation.Create();
        var events = new List<BucketEvent>();
        sim.Bucket.Events.Subscribe((e, _) =>
        {
            events.Add(e);
            return ValueTask.CompletedTask;
        });
        var absent = await sim.Bucket.HeadObjectAsync("inbox/a.txt");

        await sim.Bucket.PutObjectAsync("inbox/a.txt", "from another S3 client"u8.ToArray(), new Dictionary<string, string> { ["file-owner"] = "1000" });
        await sim.AdvanceAsync(TimeSpan.FromSeconds(5));

        absent.Should().BeNull();
        (await sim.Bucket.HeadObjectAsync("inbox/a.txt"))!.Metadata["file-owner"].Should().Be("1000");
        events.Should().ContainSingle().Which.Key.Should().Be("inbox/a.txt");
    }

    [Fact]
    public async Task Create_SameSeed_SameEventDeliveryTimes()
    {
        var first = await DeliveryTimesAsync(seed: 9);

        var second = await DeliveryTimesAsync(seed: 9);

        second.Should().Equal(first);
    }

    [Fact]
    public async Task CreateBucket_ValidName_UsesSimulationClock()
    {
        await using var sim = S3FilesSimulation.Create();
        await sim.AdvanceAsync(TimeSpan.FromHours(1));

        var bucket = sim.CreateBucket("second.bucket-1", new InMemoryObjectStoreOptions { Versioning = false });
        var put = await bucket.PutObjectAsync("k", "x");

        put.LastModified.Should().Be(sim.Now);
        put.VersionId.Should().Be(VersionId.Null);
        sim.Buckets.Should().HaveCount(2);
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("UPPERCASE")]
    [InlineData("under_score")]
    [InlineData("-leading")]
    [InlineData("trailing-")]
    [InlineData("two..dots")]
    [InlineData("192.168.5.4")]
    [InlineData("xn--reserved")]
    [InlineData("name-s3alias")]
    [InlineData("a234567890123456789012345678901234567890123456789012345678901234")]
    public async Task CreateBucket_InvalidName_ThrowsInvalidBucketName(string name)
    {
        await using var sim = S3FilesSimulation.Create();

        var act = () => sim.CreateBucket(name);

        act.Should().Throw<ObjectStoreException>().Which.ErrorCode.Should().Be(S3ErrorCode.InvalidBucketName);
    }

    [Fact]
    public async Task CreateBucket_ExistingName_ThrowsBucketAlreadyOwnedByYou()
    {
        await using var sim = S3FilesSimulation.Create();

        var act = () => sim.CreateBucket("s3files-sim-bucket");

        act.Should().Throw<ObjectStoreException>().Which.StatusCode.Should().Be(409);
    }

    [Fact]
    public async Task GetBucket_UnknownName_ThrowsNoSuchBucket()
    {
        await using var sim = S3FilesSimulation.Create();

        var act = () => sim.GetBucket("nope-bucket");

        act.Should().Throw<ObjectStoreException>().Which.ErrorCode.Should().Be(S3ErrorCode.NoSuchBucket);
    }

    [Fact]
    public void Create_InvalidBucketName_ThrowsNamingTheOption()
    {
        var act = () => S3FilesSimulation.Create(new SimulationOptions { BucketName = "Bad_Name" });

        act.Should().Throw<ArgumentException>().WithMessage("BucketName 'Bad_Name' is not a valid bucket name*");
    }

    [Fact]
    public void Create_InvalidEventDelays_ThrowsNamingTheNestedOption()
    {
        var options = new SimulationOptions
        {
            Bucket = new InMemoryObjectStoreOptions { Events = new BucketEventDeliveryOptions { MinDelay = TimeSpan.FromSeconds(-1) } },
        };

        var act = () => S3FilesSimulation.Create(options);

        act.Should().Throw<ArgumentException>().WithMessage("Bucket.Events.MinDelay must not be negative*");
    }

    [Fact]
    public void Create_NullBucketOptions_ThrowsNamingTheOption()
    {
        var act = () => S3FilesSimulation.Create(new SimulationOptions { Bucket = null! });

        act.Should().Throw<ArgumentException>().WithMessage("Bucket must not be null.*");
    }

    private static async Task<List<DateTimeOffset>> DeliveryTimesAsync(int seed)
    {
        await using var sim = S3FilesSimulation.Create(new SimulationOptions { Seed = seed });
        var times = new List<DateTimeOffset>();
        sim.Bucket.Events.Subscribe((_, _) =>
        {
            times.Add(sim.Now);
            return ValueTask.CompletedTask;
        });
        for (var i = 0; i < 20; i++)
        {
            await sim.Bucket.PutObjectAsync($"k{i}", "x");
        }

        await sim.AdvanceAsync(TimeSpan.FromSeconds(10));
        return times;
    }

    [Fact]
    public async Task CreateFileSystem_UnversionedBucket_ThrowsAndCreatesNothing()
    {
        // S3 Files requires versioning on the bucket: https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-prereq-policies.html
        await using var sim = S3FilesSimulation.Create();
        var bucket = sim.CreateBucket("unversioned-bucket", new InMemoryObjectStoreOptions { Versioning = false });
        var before = sim.FileSystems.Count;

        var act = () => sim.CreateFileSystem(null, bucket);

        act.Should().Throw<ArgumentException>().WithMessage("*versioning*unversioned-bucket*RequireBucketVersioning*");
        sim.FileSystems.Should().HaveCount(before);
    }

    [Fact]
    public async Task CreateFileSystem_UnversionedBucketWithOptOut_Succeeds()
    {
        await using var sim = S3FilesSimulation.Create();
        var bucket = sim.CreateBucket("unversioned-bucket", new InMemoryObjectStoreOptions { Versioning = false });

        var fileSystem = sim.CreateFileSystem(new S3FilesSim.FileSystem.FileSystemOptions { RequireBucketVersioning = false }, bucket);

        fileSystem.Bucket.Should().BeSameAs(bucket);
    }
}
