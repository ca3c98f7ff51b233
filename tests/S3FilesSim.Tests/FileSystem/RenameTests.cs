using FluentAssertions;
using S3FilesSim.FileSystem;
using Xunit;
using static S3FilesSim.Tests.FileSystem.FileSystemTestKit;

namespace S3FilesSim.Tests.FileSystem;

public sealed class RenameTests
{
    [Fact]
    public async Task Rename_OntoExistingFile_ReplacesItAtomically()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        await fs.WriteFileAsync("/a", "new");
        await fs.WriteFileAsync("/b", "old");
        var inode = (await fs.StatAsync("/a")).InodeNumber;

        await fs.RenameAsync("/a", "/b");

        (await fs.ReadFileAsync("/b")).Should().Be("new");
        (await fs.StatAsync("/b")).InodeNumber.Should().Be(inode);
        (await fs.ReadDirectoryAsync("/")).Select(e => e.Name).Should().Equal("b");
    }

    [Fact]
    public async Task Rename_DirectoryOntoEmptyDirectory_ReplacesIt()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        await fs.MkdirAsync("/a");
        await fs.WriteFileAsync("/a/f", "x");
        await fs.MkdirAsync("/b");

        await fs.RenameAsync("/a", "/b");

        (await fs.ReadFileAsync("/b/f")).Should().Be("x");
    }

    [Fact]
    public async Task Rename_DirectoryOntoNonEmptyDirectory_ThrowsENOTEMPTY()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        await fs.MkdirAsync("/a");
        await fs.MkdirAsync("/b");
        await fs.WriteFileAsync("/b/f", "x");

        var act = async () => await fs.RenameAsync("/a", "/b");

        await act.WithErrno(Errno.ENOTEMPTY);
        (await fs.StatAsync("/a")).Type.Should().Be(FileType.Directory);
    }

    [Fact]
    public async Task Rename_FileOntoDirectory_ThrowsEISDIR()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        await fs.WriteFileAsync("/a", "x");
        await fs.MkdirAsync("/d");

        var act = async () => await fs.RenameAsync("/a", "/d");

        await act.WithErrno(Errno.EISDIR);
    }

    [Fact]
    public async Task Rename_DirectoryOntoFile_ThrowsENOTDIR()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        await fs.WriteFileAsync("/a", "x");
        await fs.MkdirAsync("/d");

        var act = async () => await fs.RenameAsync("/d", "/a");

        await act.WithErrno(Errno.ENOTDIR);
    }

    [Fact]
    public async Task Rename_DirectoryIntoItsOwnSubtree_ThrowsEINVAL()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        await fs.MkdirAsync("/a");
        await fs.MkdirAsync("/a/b");

        var act = async () => await fs.RenameAsync("/a", "/a/b/c");

        await act.WithErrno(Errno.EINVAL);
    }

    [Fact]
    public async Task Rename_OntoAnAncestor_ThrowsENOTEMPTY()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        await fs.MkdirAsync("/a");
        await fs.MkdirAsync("/a/b");

        var act = async () => await fs.RenameAsync("/a/b", "/a");

        await act.WithErrno(Errno.ENOTEMPTY);
    }

    [Fact]
    public async Task Rename_OntoItself_IsANoOp()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        await fs.WriteFileAsync("/a", "x");
        var before = await fs.StatAsync("/a");
        await sim.AdvanceAsync(TimeSpan.FromSeconds(5));

        await fs.RenameAsync("/a", "/a");

        (await fs.StatAsync("/a")).Should().Be(before);
    }

    [Fact]
    public async Task Rename_NoReplaceOntoExisting_ThrowsEEXIST()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        await fs.WriteFileAsync("/a", "a");
        await fs.WriteFileAsync("/b", "b");

        var act = async () => await fs.RenameAsync("/a", "/b", RenameFlags.NoReplace);

        await act.WithErrno(Errno.EEXIST);
        (await fs.ReadFileAsync("/b")).Should().Be("b");
    }

    [Fact]
    public async Task Rename_Root_ThrowsEBUSY()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();

        var act = async () => await fs.RenameAsync("/", "/x");

        await act.WithErrno(Errno.EBUSY);
    }

    [Fact]
    public async Task Rename_MissingSource_ThrowsENOENT()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();

        var act = async () => await fs.RenameAsync("/missing", "/x");

        await act.WithErrno(Errno.ENOENT);
    }

    [Fact]
    public async Task Rename_FileWithTrailingSlashOnTarget_ThrowsENOTDIR()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        await fs.WriteFileAsync("/a", "x");

        var act = async () => await fs.RenameAsync("/a", "/b/");

        await act.WithErrno(Errno.ENOTDIR);
    }

    [Fact]
    public async Task Rename_DirectoryAcrossParents_MovesSubtreeAndLinkCounts()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        await fs.MkdirAsync("/x");
        await fs.MkdirAsync("/y");
        await fs.MkdirAsync("/x/d");
        await fs.WriteFileAsync("/x/d/f", "deep");

        await fs.RenameAsync("/x/d", "/y/e");

        (await fs.ReadFileAsync("/y/e/f")).Should().Be("deep");
        (await fs.StatAsync("/x")).LinkCount.Should().Be(2);
        (await fs.StatAsync("/y")).LinkCount.Should().Be(3);
    }

    [Fact]
    public async Task Rename_DirectoryToNewParentWithoutWriteOnIt_ThrowsEACCES()
    {
        await using var sim = NewSimulation();
        var root = sim.Mount();
        await root.MkdirAsync("/pub");
        await root.ChmodAsync("/pub", Octal("777"));
        await root.MkdirAsync("/pub/ro");
        await root.ChmodAsync("/pub/ro", Octal("555"));
        await root.ChownAsync("/pub/ro", 1000, 1000);
        await root.MkdirAsync("/pub/other");
        await root.ChmodAsync("/pub/other", Octal("777"));
        var fs = sim.Mount(Alice);

        var act = async () => await fs.RenameAsync("/pub/ro", "/pub/other/ro");

        await act.WithErrno(Errno.EACCES);
    }
}
