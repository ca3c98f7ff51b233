using FluentAssertions;
using S3FilesSim.Export;
using S3FilesSim.FileSystem;
using S3FilesSim.ObjectStorage;
using S3FilesSim.Tests.FileSystem;
using Xunit;
using static S3FilesSim.Tests.Export.ExportTestKit;

namespace S3FilesSim.Tests.Export;

// Retryable errors are retried; the others surface as ExportError and count in ExportFailures:
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-troubleshooting.html
public sealed class ExportFailureTests
{
    [Fact]
    public async Task SlowDown_IsRetriedWithBackoffAndSucceeds()
    {
        var (sim, store, fileSystem, fs) = NewFileSystem();
        await using var _ = sim;
        store.FailNext(ObjectStoreOperation.PutObject, S3ErrorCode.SlowDown, count: 3);
        await fs.WriteFileAsync("/a.txt", "x");

        await sim.AdvanceAsync(TimeSpan.FromSeconds(60 + 1 + 2 + 3));

        (await sim.Bucket.HeadObjectAsync("a.txt")).Should().BeNull();
        await sim.AdvanceAsync(TimeSpan.FromSeconds(1));
        (await sim.Bucket.TextAsync("a.txt")).Should().Be("x");
        store.InjectedFaultCount.Should().Be(3);
        fileSystem.ExportFailures.Should().Be(0);
    }

    [Theory]
    [InlineData(S3ErrorCode.AccessDenied, ExportErrorCode.S3AccessDenied)]
    [InlineData(S3ErrorCode.MetadataTooLarge, ExportErrorCode.S3UserMetadataTooLarge)]
    [InlineData("KMS.DisabledException", ExportErrorCode.EncryptionKeyInaccessible)]
    [InlineData("ExpiredToken", ExportErrorCode.RoleAssumptionFailed)]
    [InlineData(S3ErrorCode.InvalidObjectState, ExportErrorCode.S3ObjectArchived)]
    [InlineData(S3ErrorCode.InvalidRequest, ExportErrorCode.InternalError)]
    public async Task PermanentError_SetsExportErrorAndIsNotRetried(string s3Code, string exportError)
    {
        var (sim, store, fileSystem, fs) = NewFileSystem();
        await using var _ = sim;
        store.FailNext(ObjectStoreOperation.PutObject, s3Code);
        await fs.WriteFileAsync("/a.txt", "x");

        await sim.AdvanceAsync(TimeSpan.FromMinutes(30));

        (await fs.StatusAsync("/a.txt")).Should().Be($"S3Key: \nExportError: {exportError}\n");
        fileSystem.ExportFailures.Should().Be(1);
        fileSystem.PendingExports.Should().Be(0);
        (await sim.Bucket.HeadObjectAsync("a.txt")).Should().BeNull();
    }

    [Fact]
    public async Task FailedEntry_ChangedAgain_IsExportedAndErrorCleared()
    {
        var (sim, store, fileSystem, fs) = NewFileSystem();
        await using var _ = sim;
        store.FailNext(ObjectStoreOperation.PutObject, S3ErrorCode.AccessDenied);
        await sim.ExportFileAsync(fs, "/a.txt", "x");

        await fs.WriteFileAsync("/a.txt", "y");
        await sim.AdvanceAsync(Quiet);

        (await fs.StatusAsync("/a.txt")).Should().Be($"S3Key: s3://{sim.Bucket.BucketName}/a.txt\n");
        (await sim.Bucket.TextAsync("a.txt")).Should().Be("y");
    }

    [Fact]
    public async Task ChildOfFailedDirectory_FailsWithDependencyExportFailed()
    {
        var (sim, store, fileSystem, fs) = NewFileSystem();
        await using var _ = sim;
        store.FailNext(ObjectStoreOperation.PutObject, S3ErrorCode.AccessDenied);
        await fs.MkdirAsync("/d");
        await sim.AdvanceAsync(TimeSpan.FromSeconds(1));

        await fs.WriteFileAsync("/d/a.txt", "x");
        await sim.AdvanceAsync(Quiet);

        (await fs.StatusAsync("/d/a.txt")).Should().Contain($"ExportError: {ExportErrorCode.DependencyExportFailed}\n");
        (await sim.Bucket.HeadObjectAsync("d/a.txt")).Should().BeNull();
    }

    [Fact]
    public async Task KeyOver1024Bytes_FailsWithPathTooLong()
    {
        await using var sim = S3FilesSimulation.Create(new SimulationOptions { FileSystem = new FileSystemOptions { Prefix = new string('p', 900) + "/" } });
        var fs = sim.Mount();

        await fs.WriteFileAsync("/" + new string('n', 200), "x");
        await sim.AdvanceAsync(Quiet);

        (await fs.StatusAsync("/" + new string('n', 200))).Should().Be($"S3Key: \nExportError: {ExportErrorCode.PathTooLong}\n");
        sim.FileSystem.ExportFailures.Should().Be(1);
    }

    private static (S3FilesSimulation Sim, FaultInjectingObjectStore Store, S3FilesFileSystem FileSystem, IFileSystem Fs) NewFileSystem()
    {
        var sim = S3FilesSimulation.Create();
        var store = new FaultInjectingObjectStore(sim.Bucket);
        var fileSystem = sim.CreateFileSystem(null, store);
        return (sim, store, fileSystem, fileSystem.Mount(new MountOptions { User = PosixUser.Root }));
    }
}
