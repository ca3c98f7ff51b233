using FluentAssertions;
using S3FilesSim.ObjectStorage;
using Xunit;
using static S3FilesSim.Tests.FileSystem.FileSystemTestKit;

namespace S3FilesSim.Tests.Cost;

// What recurs after a run is the storage it leaves: the billable bytes on high-performance storage (10 KiB minimum per
// file) and every version in the bucket (https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-metering.html).
public sealed class CostReportStorageTests
{
    [Fact]
    public async Task GetCostReport_SmallFilesImportedAndAnOverwrite_ReportsTheBillableStorageAtTheEnd()
    {
        await using var sim = NewSimulation();
        await sim.Bucket.PutObjectAsync("a.txt", "alpha");
        await sim.Bucket.PutObjectAsync("b.txt", "bravo");
        await sim.Bucket.PutObjectAsync("b.txt", "bravo 2");
        var fs = sim.Mount();
        await fs.ReadFileAsync("/a.txt");
        await sim.AdvanceAsync(TimeSpan.FromSeconds(10));

        var report = sim.FileSystem.GetCostReport();

        report.HighPerformanceStorageBytes.Should().Be(2 * 10 * 1024);    // both imported on the first listing, 10 KiB each
        report.S3StorageBytes.Should().Be(5 + 5 + 7);
    }
}
