using FluentAssertions;
using S3FilesSim.ObjectStorage;
using Xunit;

namespace S3FilesSim.Tests.ObjectStorage;

/// <summary>Counting the requests made through a store, by S3 operation (https://aws.amazon.com/s3/pricing/ bills every request, failed ones too).</summary>
public sealed class RequestCountingObjectStoreTests : IAsyncLifetime
{
    private readonly S3FilesSimulation _sim = S3FilesSimulation.Create();

    private InMemoryObjectStore Inner => _sim.Bucket;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _sim.DisposeAsync();

    [Fact]
    public async Task Counts_CallsOfEachOperation_CountedByS3OperationName()
    {
        var store = new RequestCountingObjectStore(Inner);

        await store.PutObjectAsync("a", "1");
        await store.PutObjectAsync("b", "2");
        await store.HeadObjectAsync("a");
        await store.ListObjectsV2Async(new ListObjectsV2Request());

        store.Counts.Should().Equal(new Dictionary<string, long> { ["HeadObject"] = 1, ["ListObjectsV2"] = 1, ["PutObject"] = 2 });
        store.Total.Should().Be(4);
    }

    [Fact]
    public async Task Counts_FailedCall_StillCounted()
    {
        var store = new RequestCountingObjectStore(Inner);

        var act = async () => await store.UploadPartAsync(new UploadPartRequest { Key = "k", UploadId = "none", PartNumber = 1, Content = ObjectContent.FromString("x") });

        await act.Should().ThrowAsync<ObjectStoreException>();
        store.Counts.Should().Equal(new Dictionary<string, long> { ["UploadPart"] = 1 });
    }

    [Fact]
    public async Task CountsSince_EarlierSnapshot_OnlyTheDifferences()
    {
        var store = new RequestCountingObjectStore(Inner);
        await store.PutObjectAsync("a", "1");
        var earlier = store.Counts;

        await store.PutObjectAsync("a", "2");
        await store.DeleteObjectAsync("a");

        store.CountsSince(earlier).Should().Equal(new Dictionary<string, long> { ["DeleteObject"] = 1, ["PutObject"] = 1 });
    }
}
