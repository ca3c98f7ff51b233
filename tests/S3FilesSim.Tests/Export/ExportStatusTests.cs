using FluentAssertions;
using S3FilesSim.FileSystem;
using S3FilesSim.Tests.FileSystem;
using Xunit;
using static S3FilesSim.Tests.Export.ExportTestKit;

namespace S3FilesSim.Tests.Export;

// getfattr -n "user.s3files.status;<unix-seconds>": https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-troubleshooting.html
public sealed class ExportStatusTests
{
    [Fact]
    public async Task Status_NeverExported_HasEmptyKey()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();

        await fs.WriteFileAsync("/a.txt", "x");

        (await fs.StatusAsync("/a.txt")).Should().Be("S3Key: \n");
    }

    [Fact]
    public async Task Status_Exported_ShowsBucketAndKeyWithAnySuffix()
    {
        await using var sim = NewSimulation(prefix: "team/");
        var fs = sim.Mount();
        await fs.MkdirAsync("/d");
        await fs.WriteFileAsync("/d/a.txt", "x");

        await sim.AdvanceAsync(TimeSpan.FromSeconds(61));

        (await fs.StatusAsync("/d/a.txt", 1)).Should().Be($"S3Key: s3://{sim.Bucket.BucketName}/team/d/a.txt\n");
        (await fs.StatusAsync("/d", 2)).Should().Be($"S3Key: s3://{sim.Bucket.BucketName}/team/d/\n");
    }

    [Fact]
    public async Task Status_RenamedNotYetExported_ShowsTheLinkedObject()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        await fs.WriteFileAsync("/a.txt", "x");
        await sim.AdvanceAsync(TimeSpan.FromSeconds(61));

        await fs.RenameAsync("/a.txt", "/b.txt");

        (await fs.StatusAsync("/b.txt")).Should().Be($"S3Key: s3://{sim.Bucket.BucketName}/a.txt\n");
    }

    [Fact]
    public async Task SetStatus_ThrowsENOTSUPP()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        await fs.WriteFileAsync("/a.txt", "x");

        var act = () => fs.SetExtendedAttributeAsync("/a.txt", "user.s3files.status", new byte[1]).AsTask();

        await act.WithErrno(Errno.ENOTSUPP);
    }
}
