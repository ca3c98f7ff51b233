using FluentAssertions;
using S3FilesSim.ObjectStorage;
using S3FilesSim.Tests.Export;
using S3FilesSim.Tests.FileSystem;
using Xunit;
using static S3FilesSim.Tests.Export.ExportTestKit;

namespace S3FilesSim.Tests.Namespace;

// A directory not yet listed is listed on first access; a rename must not change the prefix it is listed from.
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-synchronization.html
// Regression found by the reference-model random tests (tests/S3FilesSim.Tests/Reliability/Model).
public sealed class LazyRenameTests
{
    [Fact]
    public async Task RenameDirectory_SubdirectoryNeverListed_ObjectsBelowMove()
    {
        await using var sim = NewSimulation();
        await sim.Bucket.PutObjectAsync("a/c/b", "deep");
        var fs = sim.Mount();

        await fs.RenameAsync("/a", "/x");
        await sim.AdvanceAsync(Quiet);

        (await fs.ReadFileAsync("/x/c/b")).Should().Be("deep");
        (await sim.Bucket.KeysAsync()).Should().Equal("x/", "x/c/b");
    }
}
