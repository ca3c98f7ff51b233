using FluentAssertions;
using S3FilesSim.FileSystem;
using Xunit;
using static S3FilesSim.Tests.FileSystem.FileSystemTestKit;

namespace S3FilesSim.Tests.FileSystem;

public sealed class DirectoryTests
{
    [Fact]
    public async Task Mkdir_Existing_ThrowsEEXIST()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        await fs.MkdirAsync("/d");

        var act = async () => await fs.MkdirAsync("/d");

        await act.WithErrno(Errno.EEXIST);
    }

    [Fact]
    public async Task Mkdir_TrailingSlash_CreatesTheDirectory()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();

        await fs.MkdirAsync("/d/");

        (await fs.StatAsync("/d")).Type.Should().Be(FileType.Directory);
    }

    [Fact]
    public async Task Mkdir_MissingParent_ThrowsENOENT()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();

        var act = async () => await fs.MkdirAsync("/a/b");

        await act.WithErrno(Errno.ENOENT);
    }

    [Fact]
    public async Task Rmdir_NotEmpty_ThrowsENOTEMPTY()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        await fs.MkdirAsync("/d");
        await fs.WriteFileAsync("/d/f", "x");

        var act = async () => await fs.RmdirAsync("/d");

        await act.WithErrno(Errno.ENOTEMPTY);
    }

    [Fact]
    public async Task Rmdir_File_ThrowsENOTDIR()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        await fs.WriteFileAsync("/f", "x");

        var act = async () => await fs.RmdirAsync("/f");

        await act.WithErrno(Errno.ENOTDIR);
    }

    [Fact]
    public async Task Rmdir_Root_ThrowsEBUSY()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();

        var act = async () => await fs.RmdirAsync("/");

        await act.WithErrno(Errno.EBUSY);
    }

    [Fact]
    public async Task Rmdir_LastComponentDot_ThrowsEINVAL()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        await fs.MkdirAsync("/d");

        var act = async () => await fs.RmdirAsync("/d/.");

        await act.WithErrno(Errno.EINVAL);
    }

    [Fact]
    public async Task Rmdir_LastComponentDotDot_ThrowsENOTEMPTY()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        await fs.MkdirAsync("/d");

        var act = async () => await fs.RmdirAsync("/d/..");

        await act.WithErrno(Errno.ENOTEMPTY);
    }

    [Fact]
    public async Task Rmdir_EmptyDirectory_RemovesItAndUpdatesParentLinkCount()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        await fs.MkdirAsync("/d");

        await fs.RmdirAsync("/d/");

        (await fs.ReadDirectoryAsync("/")).Should().BeEmpty();
        (await fs.StatAsync("/")).LinkCount.Should().Be(2);
    }

    [Fact]
    public async Task Unlink_Directory_ThrowsEISDIR()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        await fs.MkdirAsync("/d");

        var act = async () => await fs.UnlinkAsync("/d");

        await act.WithErrno(Errno.EISDIR);
    }

    [Fact]
    public async Task Unlink_FileWithTrailingSlash_ThrowsENOTDIR()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        await fs.WriteFileAsync("/f", "x");

        var act = async () => await fs.UnlinkAsync("/f/");

        await act.WithErrno(Errno.ENOTDIR);
    }

    [Fact]
    public async Task Unlink_Missing_ThrowsENOENT()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();

        var act = async () => await fs.UnlinkAsync("/missing");

        await act.WithErrno(Errno.ENOENT);
    }

    [Fact]
    public async Task Unlink_Symlink_RemovesTheLinkNotTheTarget()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        await fs.WriteFileAsync("/f", "x");
        await fs.SymlinkAsync("/f", "/link");

        await fs.UnlinkAsync("/link");

        (await fs.ReadDirectoryAsync("/")).Select(e => e.Name).Should().Equal("f");
    }

    [Fact]
    public async Task ReadDirectory_File_ThrowsENOTDIR()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        await fs.WriteFileAsync("/f", "x");

        var act = async () => await fs.ReadDirectoryAsync("/f");

        await act.WithErrno(Errno.ENOTDIR);
    }

    [Fact]
    public async Task ReadDirectory_Snapshot_IsNotAffectedByLaterChanges()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        await fs.WriteFileAsync("/a", "x");
        var snapshot = await fs.ReadDirectoryAsync("/");

        await fs.WriteFileAsync("/b", "x");

        snapshot.Select(e => e.Name).Should().Equal("a");
    }

    [Fact]
    public async Task Mkdir_UpdatesParentModificationTime()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        await fs.MkdirAsync("/d");
        await sim.AdvanceAsync(TimeSpan.FromSeconds(10));

        await fs.MkdirAsync("/d/sub");

        (await fs.StatAsync("/d")).ModificationTime.Should().Be(Timespec.FromDateTimeOffset(sim.Now));
    }
}
