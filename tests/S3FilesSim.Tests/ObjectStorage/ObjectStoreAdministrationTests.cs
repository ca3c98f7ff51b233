using FluentAssertions;
using S3FilesSim.ObjectStorage;
using S3FilesSim.Tests.Export;
using Xunit;

namespace S3FilesSim.Tests.ObjectStorage;

// The operations S3 Files never calls live on IObjectStoreAdministration; the extension methods reach them on any
// IObjectStore that offers them and fail as S3 does (NotImplemented, 501) on one that does not.
public sealed class ObjectStoreAdministrationTests
{
    [Fact]
    public async Task ListObjectVersions_ThroughTheExtensionOnAStoreThatOffersIt_ListsTheVersions()
    {
        await using var sim = S3FilesSimulation.Create();
        await sim.Bucket.PutObjectAsync("a", "1");
        await sim.Bucket.PutObjectAsync("a", "2");
        IObjectStore store = new FaultInjectingObjectStore(sim.Bucket);

        var page = await store.ListObjectVersionsAsync(new ListObjectVersionsRequest());

        page.Versions.Should().HaveCount(2);
    }

    [Fact]
    public async Task DeleteObjects_OnAStoreWithoutAdministration_FailsWithNotImplemented()
    {
        await using var sim = S3FilesSimulation.Create();
        IObjectStore store = new RecordingObjectStore(sim.Bucket);

        var act = async () => await store.DeleteObjectsAsync(new DeleteObjectsRequest { Objects = [new ObjectIdentifier("a")] });

        (await act.Should().ThrowAsync<ObjectStoreException>()).Which.StatusCode.Should().Be(501);
    }
}
