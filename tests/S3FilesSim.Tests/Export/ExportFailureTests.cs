using FluentAssertions;
using S3FilesSim.Export;
using S3FilesSim.FileSystem;
using S3FilesSim.ObjectStorage;
using S3FilesSim.Tests.FileSystem;
using Xunit;

namespace S3FilesSim.Tests.Export;

// Retryable errors are retried; the others surface as ExportError and count in ExportFailures:
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-troubleshooting.html
public sealed class ExportFailureTests
{
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(61);

    [Fact]
    public async Task SlowDown_IsRetriedWithBackoffAndSucceeds()
    {
        var (sim, store, fileSystem, fs) = NewFileSystem();
        await using var _ = sim;
        store.FailNext(S3ErrorCode.SlowDown, 503, times: 3);
        await fs.WriteFileAsync("/a.txt", "x");

        await sim.AdvanceAsync(TimeSpan.FromSeconds(60 + 1 + 2 + 3));

        (await sim.Bucket.HeadObjectAsync("a.txt")).Should().BeNull();
        await sim.AdvanceAsync(TimeSpan.FromSeconds(1));
        (await sim.Bucket.TextAsync("a.txt")).Should().Be("x");
        store.Writes.Should().Be(4);
        fileSystem.ExportFailures.Should().Be(0);
    }

    [Theory]
    [InlineData(S3ErrorCode.AccessDenied, 403, ExportErrorCode.S3AccessDenied)]
    [InlineData(S3ErrorCode.MetadataTooLarge, 400, ExportErrorCode.S3UserMetadataTooLarge)]
    [InlineData("KMS.DisabledException", 400, ExportErrorCode.EncryptionKeyInaccessible)]
    [InlineData("ExpiredToken", 400, ExportErrorCode.RoleAssumptionFailed)]
    [InlineData(S3ErrorCode.InvalidObjectState, 403, ExportErrorCode.S3ObjectArchived)]
    [InlineData(S3ErrorCode.InvalidRequest, 400, ExportErrorCode.InternalError)]
    public async Task PermanentError_SetsExportErrorAndIsNotRetried(string s3Code, int status, string exportError)
    {
        var (sim, store, fileSystem, fs) = NewFileSystem();
        await using var _ = sim;
        store.FailNext(s3Code, status);
        await fs.WriteFileAsync("/a.txt", "x");

        await sim.AdvanceAsync(TimeSpan.FromMinutes(30));

        (await fs.StatusAsync("/a.txt")).Should().Be($"S3Key: \nExportError: {exportError}\n");
        fileSystem.ExportFailures.Should().Be(1);
        fileSystem.PendingExports.Should().Be(0);
        store.Writes.Should().Be(1);
    }

    [Fact]
    public async Task FailedEntry_ChangedAgain_IsExportedAndErrorCleared()
    {
        var (sim, store, fileSystem, fs) = NewFileSystem();
        await using var _ = sim;
        store.FailNext(S3ErrorCode.AccessDenied, 403);
        await fs.WriteFileAsync("/a.txt", "x");
        await sim.AdvanceAsync(Quiet);

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
        store.FailNext(S3ErrorCode.AccessDenied, 403);
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

    private static (S3FilesSimulation Sim, FaultyObjectStore Store, S3FilesFileSystem FileSystem, IFileSystem Fs) NewFileSystem()
    {
        var sim = S3FilesSimulation.Create();
        var store = new FaultyObjectStore(sim.Bucket);
        var fileSystem = sim.CreateFileSystem(null, store);
        return (sim, store, fileSystem, fileSystem.Mount(new MountOptions { User = PosixUser.Root }));
    }
}
