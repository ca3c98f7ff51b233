using System.Globalization;
using System.Net;
using System.Text;
using Amazon.S3;
using FluentAssertions;
using S3FilesSim.Aws.Tests.Fixtures;
using S3FilesSim.FileSystem;
using S3FilesSim.ObjectStorage;
using S3FilesSim.ReadPath;
using Xunit;
using Sdk = Amazon.S3.Model;

namespace S3FilesSim.Aws.Tests.EndToEnd;

/// <summary>
/// A simulated S3 Files file system over a real versioned bucket, checked by a separate plain S3 client: export after
/// the commit delay with POSIX metadata, import of other clients' changes through bounded polling, conflicts into
/// lost+found, and large reads served by version-pinned GETs. Virtual time drives the file system; the bucket is real.
/// Run against moto (<see cref="MotoEndToEndTests"/>) and Ceph RGW (<see cref="RgwEndToEndTests"/>).
/// </summary>
public abstract class EndToEndTests(S3EndpointFixture endpoint)
{
    /// <summary>The commit delay.</summary>
    protected static readonly TimeSpan CommitDelay = TimeSpan.FromSeconds(60);

    /// <summary>The polling interval.</summary>
    protected static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(5);
    private const int MiB = 1024 * 1024;

    // https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-synchronization.html (export after 60 s, POSIX metadata)
    [Fact]
    public async Task WriteThroughMount_ReachesTheBucketAfterTheCommitDelayWithPosixMetadata()
    {
        await using var mount = await MountAsync();
        await mount.Fs.WriteAllTextAsync("/report.txt", "exported");
        await mount.Fs.ChownAsync("/report.txt", 1000, 1001);
        await mount.Fs.ChmodAsync("/report.txt", (UnixFileMode)Convert.ToInt32("640", 8));
        var status = await mount.Fs.StatAsync("/report.txt");

        await mount.Sim.AdvanceAsync(CommitDelay - TimeSpan.FromSeconds(1));
        var before = await HeadStatusAsync(mount.Bucket, "report.txt");
        await mount.Sim.AdvanceAsync(TimeSpan.FromSeconds(2));
        var head = await endpoint.Client.GetObjectMetadataAsync(mount.Bucket, "report.txt");

        before.Should().Be(HttpStatusCode.NotFound);
        (head.Metadata["file-owner"], head.Metadata["file-group"], head.Metadata["file-permissions"], head.Metadata["file-mtime"])
            .Should().Be(("1000", "1001", "0100640", status.ModificationTime.TotalNanoseconds.ToString(CultureInfo.InvariantCulture) + "ns"));
        (await TextAsync(mount.Bucket, "report.txt")).Should().Be("exported");
    }

    // https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-synchronization.html (changes in the bucket reach the file system)
    [Fact]
    public async Task PutByAnotherClient_AppearsOnTheMountAfterAPoll()
    {
        await using var mount = await MountAsync();
        await mount.Fs.MkdirAsync("/inbox");
        await mount.Sim.AdvanceAsync(CommitDelay + TimeSpan.FromSeconds(1));
        await mount.Fs.ReadDirectoryAsync("/inbox");

        await endpoint.Client.PutObjectAsync(new Sdk.PutObjectRequest { BucketName = mount.Bucket, Key = "inbox/new.txt", ContentBody = "from s3" });
        var before = (await mount.Fs.ReadDirectoryAsync("/inbox")).Select(e => e.Name).ToList();
        await mount.Sim.AdvanceAsync(PollInterval + TimeSpan.FromSeconds(1));

        before.Should().BeEmpty();
        (await mount.Fs.ReadAllTextAsync("/inbox/new.txt")).Should().Be("from s3");
    }

    // https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-synchronization.html (deletes in the bucket reach the file system)
    [Fact]
    public async Task DeleteByAnotherClient_DisappearsFromTheMountAfterAPoll()
    {
        await using var mount = await MountAsync();
        await mount.Fs.WriteAllTextAsync("/gone.txt", "soon deleted");
        await mount.Sim.AdvanceAsync(CommitDelay + TimeSpan.FromSeconds(1));

        await endpoint.Client.DeleteObjectAsync(mount.Bucket, "gone.txt");
        await mount.Sim.AdvanceAsync(PollInterval + TimeSpan.FromSeconds(1));

        (await mount.Fs.ReadDirectoryAsync("/")).Select(e => e.Name).Should().NotContain("gone.txt");
    }

    // https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-troubleshooting.html (conflicts: the bucket wins, the file goes to lost+found)
    [Fact]
    public async Task PutByAnotherClientWhileDirty_MovesTheFileToLostAndFoundAndTheBucketVersionTakesThePath()
    {
        await using var mount = await MountAsync();
        await mount.Fs.ReadDirectoryAsync("/");
        await mount.Fs.WriteAllTextAsync("/a.txt", "from the file system");

        var put = await endpoint.Client.PutObjectAsync(new Sdk.PutObjectRequest { BucketName = mount.Bucket, Key = "a.txt", ContentBody = "from s3" });
        await mount.Sim.AdvanceAsync(CommitDelay + PollInterval);

        var lostDirectory = "/.s3files-lost+found-" + mount.FileSystem.FileSystemId;
        var lost = await mount.Fs.ReadDirectoryAsync(lostDirectory);
        lost.Should().ContainSingle();
        (await mount.Fs.ReadAllTextAsync(lostDirectory + "/" + lost[0].Name)).Should().Be("from the file system");
        (await mount.Fs.ReadAllTextAsync("/a.txt")).Should().Be("from s3");
        var versions = await endpoint.Client.ListVersionsAsync(new Sdk.ListVersionsRequest { BucketName = mount.Bucket, Prefix = "a.txt" });
        versions.Versions.Select(v => v.VersionId).Should().Equal(put.VersionId);
    }

    // https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-performance.html (reads of 1 MiB or more stream from S3, version-pinned)
    [Fact]
    public async Task LargeReadOfExportedFile_ServedDirectByARangedGetOfTheExportedVersionAfterAnOverwrite()
    {
        await using var mount = await MountAsync();
        var data = Pattern(3 * MiB, seed: 1);
        await mount.Fs.WriteAllBytesAsync("/big.bin", data);
        await mount.Sim.AdvanceAsync(CommitDelay + TimeSpan.FromSeconds(1));
        var exported = await endpoint.Client.GetObjectMetadataAsync(mount.Bucket, "big.bin");
        using var newer = new MemoryStream(Pattern(3 * MiB, seed: 2));
        var overwrite = await endpoint.Client.PutObjectAsync(new Sdk.PutObjectRequest { BucketName = mount.Bucket, Key = "big.bin", InputStream = newer });

        var handle = await mount.Fs.OpenAsync("/big.bin", OpenFlags.ReadOnly);
        var buffer = new byte[2 * MiB];
        var count = await mount.Fs.ReadAsync(handle, buffer, MiB);
        await mount.Fs.CloseAsync(handle);

        overwrite.VersionId.Should().NotBe(exported.VersionId);
        count.Should().Be(2 * MiB);
        buffer.AsSpan().SequenceEqual(data.AsSpan(MiB, 2 * MiB)).Should().BeTrue("the read is a ranged GET of the exported version");
        mount.FileSystem.ReadStatistics.Should().BeEquivalentTo(new { LastTier = ReadTier.BucketDirect, BucketDirectReads = 1L, BucketDirectBytes = 2L * MiB });
    }

    private static byte[] Pattern(int length, int seed)
    {
        var bytes = new byte[length];
        for (var i = 0; i < length; i++)
        {
            bytes[i] = (byte)((i * 31) + (i >> 12) + seed);
        }

        return bytes;
    }

    private async Task<HttpStatusCode> HeadStatusAsync(string bucket, string key)
    {
        try
        {
            return (await endpoint.Client.GetObjectMetadataAsync(bucket, key)).HttpStatusCode;
        }
        catch (AmazonS3Exception e)
        {
            return e.StatusCode;
        }
    }

    private async Task<string> TextAsync(string bucket, string key)
    {
        using var response = await endpoint.Client.GetObjectAsync(bucket, key);
        using var reader = new StreamReader(response.ResponseStream, Encoding.UTF8);
        return await reader.ReadToEndAsync();
    }

    /// <summary>Gets the endpoint.</summary>
    protected S3EndpointFixture Endpoint => endpoint;

    /// <summary>Creates a simulation with one file system over a fresh bucket, changes from <paramref name="events"/> (bounded polling by default), mounted as root.</summary>
    protected async Task<Mount> MountAsync(Func<S3FilesSimulation, AmazonS3ObjectStore, Task<IBucketEventSource>>? events = null)
    {
        var sim = S3FilesSimulation.Create();
        var store = await endpoint.CreateStoreAsync();
        var source = events is not null ? await events(sim, store) : new PollingBucketEventSource(store, sim.Scheduler, new PollingBucketEventSourceOptions { Interval = PollInterval });
        var fileSystem = sim.CreateFileSystem(null, store, source);
        (source as PollingBucketEventSource)?.Watch(fileSystem);
        await sim.RunUntilIdleAsync();
        return new Mount(sim, store, (IDisposable)source, fileSystem, fileSystem.Mount(new MountOptions()));
    }

    /// <summary>A simulation with one file system over a fresh bucket of the endpoint, mounted as root.</summary>
    protected sealed record Mount(S3FilesSimulation Sim, AmazonS3ObjectStore Store, IDisposable Events, S3FilesFileSystem FileSystem, IFileSystem Fs) : IAsyncDisposable
    {
        public string Bucket => Store.BucketName;

        public async ValueTask DisposeAsync()
        {
            Events.Dispose();
            await Sim.DisposeAsync();
            Store.Dispose();
        }
    }
}

/// <summary>The end-to-end suite against moto, plus S3 event notifications through moto's SQS.</summary>
[Collection(S3EndpointCollection.Name)]
public sealed class MotoEndToEndTests(S3EndpointFixture endpoint) : EndToEndTests(endpoint)
{
    // https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-how-to-event-types-and-destinations.html
    [Fact]
    public async Task PutByAnotherClient_WithSqsNotifications_AppearsOnTheMountWithinSeconds()
    {
        using var sqs = BucketNotifications.CreateSqsClient(Endpoint.BaseOptions);
        await using var mount = await MountAsync(async (sim, store) =>
        {
            var queueUrl = await BucketNotifications.ConfigureQueueAsync(Endpoint.Client, sqs, store.BucketName, "e2e-" + store.BucketName);
            return new SqsBucketEventSource(sqs, store.BucketName, sim.Scheduler, new SqsBucketEventSourceOptions { QueueUrl = queueUrl });
        });
        await mount.Fs.MkdirAsync("/inbox");
        await mount.Sim.AdvanceAsync(CommitDelay + TimeSpan.FromSeconds(1));
        await mount.Fs.ReadDirectoryAsync("/inbox");

        await Endpoint.Client.PutObjectAsync(new Sdk.PutObjectRequest { BucketName = mount.Bucket, Key = "inbox/new.txt", ContentBody = "from s3" });
        await mount.Sim.AdvanceAsync(TimeSpan.FromSeconds(2));

        (await mount.Fs.ReadAllTextAsync("/inbox/new.txt")).Should().Be("from s3");
    }
}

/// <summary>The end-to-end suite against Ceph RGW, plus notifications pushed by an RGW topic.</summary>
[Collection(RgwEndpointCollection.Name)]
public sealed class RgwEndToEndTests(RgwEndpointFixture endpoint) : EndToEndTests(endpoint)
{
    // https://docs.ceph.com/en/latest/radosgw/notifications/ (a topic's push-endpoint receives the S3 event records)
    [Fact]
    public async Task PutThenDeleteByAnotherClient_WithHttpPush_ReachTheMountWithinSeconds()
    {
        string? topicArn = null;
        await using var mount = await MountAsync(async (sim, store) =>
        {
            var push = HttpPushBucketEventSource.Start(store.BucketName, sim.Scheduler);
            topicArn = await RgwTopics.CreateTopicAsync(Endpoint.BaseOptions, "e2e-" + store.BucketName, push.Endpoint);
            await BucketNotifications.ConfigureTopicAsync(Endpoint.Client, store.BucketName, topicArn);
            return push;
        });
        try
        {
            await mount.Fs.ReadDirectoryAsync("/");

            await Endpoint.Client.PutObjectAsync(new Sdk.PutObjectRequest { BucketName = mount.Bucket, Key = "pushed.txt", ContentBody = "from s3" });
            await mount.Sim.AdvanceAsync(TimeSpan.FromSeconds(1));
            var afterPut = await mount.Fs.ReadAllTextAsync("/pushed.txt");
            await Endpoint.Client.DeleteObjectAsync(mount.Bucket, "pushed.txt");
            await mount.Sim.AdvanceAsync(TimeSpan.FromSeconds(1));

            afterPut.Should().Be("from s3");
            (await mount.Fs.ReadDirectoryAsync("/")).Select(e => e.Name).Should().NotContain("pushed.txt");
        }
        finally
        {
            await RgwTopics.DeleteBucketNotificationAsync(Endpoint.OptionsFor(mount.Bucket), BucketNotifications.ConfigurationId);
            await RgwTopics.DeleteTopicAsync(Endpoint.BaseOptions, topicArn!);
        }
    }
}
