using FluentAssertions;
using S3FilesSim.FileSystem;
using S3FilesSim.Tests.Export;
using Xunit;
using static S3FilesSim.Tests.FileSystem.FileSystemTestKit;

namespace S3FilesSim.Tests.FileSystem;

/// <summary>
/// mknod(2) on S3 Files: FIFOs and UNIX sockets live on the file system and are never exported; device files are
/// unsupported (https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-quotas.html; spec section 13, "Special files").
/// </summary>
public sealed class SpecialFileTests
{
    [Theory]
    [InlineData(FileType.Fifo)]
    [InlineData(FileType.Socket)]
    public async Task Mknod_FifoOrSocket_IsNeverExported(FileType type)
    {
        await using var sim = ExportTestKit.NewSimulation();
        var fs = sim.Mount();
        await fs.MkdirAsync("/d");

        await fs.MknodAsync("/d/special", type);
        await sim.AdvanceAsync(ExportTestKit.Quiet);

        (await sim.Bucket.KeysAsync()).Should().Equal("d/");
        sim.FileSystem.PendingExports.Should().Be(0);
        sim.FileSystem.ExportFailures.Should().Be(0);
    }

    [Fact]
    public async Task Mknod_Fifo_StatusAttributeHasNoKeyAndNoExportError()
    {
        await using var sim = ExportTestKit.NewSimulation();
        var fs = sim.Mount();
        await fs.MknodAsync("/pipe", FileType.Fifo);
        await sim.AdvanceAsync(ExportTestKit.Quiet);

        var status = await fs.StatusAsync("/pipe");

        status.Should().Be("S3Key: \n");
    }

    [Fact]
    public async Task Rename_Fifo_ExportsNothing()
    {
        await using var sim = ExportTestKit.NewSimulation();
        var fs = sim.Mount();
        await fs.MknodAsync("/pipe", FileType.Fifo);
        await sim.AdvanceAsync(ExportTestKit.Quiet);

        await fs.RenameAsync("/pipe", "/renamed");
        await fs.ChmodAsync("/renamed", Octal("600"));
        await sim.AdvanceAsync(ExportTestKit.Quiet);

        (await sim.Bucket.KeysAsync()).Should().BeEmpty();
        sim.FileSystem.PendingExports.Should().Be(0);
    }

    [Fact]
    public async Task Unlink_Fifo_DeletesNothingInTheBucket()
    {
        await using var sim = ExportTestKit.NewSimulation();
        var fs = sim.Mount();
        await fs.MknodAsync("/pipe", FileType.Fifo);

        await fs.UnlinkAsync("/pipe");
        await sim.AdvanceAsync(ExportTestKit.Quiet);

        (await sim.Bucket.VersionsAsync()).Should().BeEmpty();
        await ((Func<Task>)(async () => await fs.LstatAsync("/pipe"))).WithErrno(Errno.ENOENT);
    }

    [Theory]
    [InlineData(FileType.CharacterDevice)]
    [InlineData(FileType.BlockDevice)]
    public async Task Mknod_Device_ThrowsEPERMEvenForRoot(FileType type)
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();

        var act = async () => await fs.MknodAsync("/dev0", type);

        await act.WithErrno(Errno.EPERM);
        await ((Func<Task>)(async () => await fs.LstatAsync("/dev0"))).WithErrno(Errno.ENOENT);
    }

    [Fact]
    public async Task Mknod_DeviceInADirectoryWithoutWritePermission_ThrowsEACCESBeforeEPERM()
    {
        await using var sim = NewSimulation();
        await sim.Mount().MkdirAsync("/locked", Octal("755"));
        var fs = sim.Mount(Alice);

        var act = async () => await fs.MknodAsync("/locked/dev0", FileType.CharacterDevice);

        await act.WithErrno(Errno.EACCES);
    }

    [Fact]
    public async Task Mknod_SymbolicLinkType_ThrowsEINVAL()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();

        var act = async () => await fs.MknodAsync("/x", FileType.SymbolicLink);

        await act.WithErrno(Errno.EINVAL);
    }

    [Fact]
    public async Task Mknod_ReadOnlyMount_ThrowsEROFS()
    {
        await using var sim = NewSimulation();
        var fs = sim.FileSystem.Mount(new MountOptions { ReadOnly = true });

        var act = async () => await fs.MknodAsync("/pipe", FileType.Fifo);

        await act.WithErrno(Errno.EROFS);
    }

    [Fact]
    public async Task Mknod_MissingNameWithTrailingSlash_ThrowsENOENT()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();

        var act = async () => await fs.MknodAsync("/pipe/", FileType.Fifo);

        await act.WithErrno(Errno.ENOENT);
    }

    [Fact]
    public async Task Mknod_InSetGroupIdDirectory_TakesTheDirectoryGroupAndTheUmask()
    {
        await using var sim = NewSimulation();
        var root = sim.Mount();
        await root.MkdirAsync("/shared");
        await root.ChownAsync("/shared", 0, 500);
        await root.ChmodAsync("/shared", Octal("2777"));
        var fs = sim.Mount(Alice, umask: Octal("027"));

        await fs.MknodAsync("/shared/pipe", FileType.Fifo, Octal("666"));

        var status = await fs.LstatAsync("/shared/pipe");
        status.Gid.Should().Be(500);
        status.Uid.Should().Be(Alice.Uid);
        status.Mode.Should().Be(Octal("640"));
    }

    [Theory]
    [InlineData(FileType.Fifo)]
    [InlineData(FileType.Socket)]
    public async Task Open_FifoOrSocketInProcess_ThrowsENXIO(FileType type)
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        await fs.MknodAsync("/special", type);

        var act = async () => await fs.OpenAsync("/special", OpenFlags.ReadOnly);

        await act.WithErrno(Errno.ENXIO);
    }

    [Fact]
    public async Task Truncate_Fifo_ThrowsEINVAL()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        await fs.MknodAsync("/pipe", FileType.Fifo);

        var act = async () => await fs.TruncateAsync("/pipe", 0);

        await act.WithErrno(Errno.EINVAL);
    }
}
