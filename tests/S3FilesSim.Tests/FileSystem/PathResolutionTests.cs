using FluentAssertions;
using S3FilesSim.FileSystem;
using Xunit;
using static S3FilesSim.Tests.FileSystem.FileSystemTestKit;

namespace S3FilesSim.Tests.FileSystem;

public sealed class PathResolutionTests
{
    [Fact]
    public async Task Stat_EmptyPath_ThrowsENOENT()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();

        var act = async () => await fs.StatAsync(string.Empty);

        await act.WithErrno(Errno.ENOENT);
    }

    [Theory]
    [InlineData("relative")]
    [InlineData("/a\0b")]
    public async Task Stat_RelativePathOrNul_ThrowsEINVAL(string path)
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();

        var act = async () => await fs.StatAsync(path);

        await act.WithErrno(Errno.EINVAL);
    }

    [Fact]
    public async Task Mkdir_NameOf256Bytes_ThrowsENAMETOOLONG()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();

        var act = async () => await fs.MkdirAsync("/" + new string('é', 128));

        await act.WithErrno(Errno.ENAMETOOLONG);
    }

    [Fact]
    public async Task Mkdir_NameOf255Bytes_Succeeds()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        var name = new string('n', 255);

        await fs.MkdirAsync("/" + name);

        (await fs.ReadDirectoryAsync("/")).Single().Name.Should().Be(name);
    }

    [Fact]
    public async Task Stat_MoreThan1000Levels_ThrowsENAMETOOLONG()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();

        var act = async () => await fs.StatAsync(string.Concat(Enumerable.Repeat("/a", 1001)));

        await act.WithErrno(Errno.ENAMETOOLONG);
    }

    [Fact]
    public async Task Stat_ComponentIsAFile_ThrowsENOTDIR()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        await fs.WriteFileAsync("/f", "x");

        var act = async () => await fs.StatAsync("/f/x");

        await act.WithErrno(Errno.ENOTDIR);
    }

    [Fact]
    public async Task Stat_DotAndDotDot_ResolveLikeLinux()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        await fs.MkdirAsync("/a");
        await fs.MkdirAsync("/a/b");

        var viaDots = await fs.StatAsync("/a/./b/../b/.");
        var aboveRoot = await fs.StatAsync("/../../a");

        viaDots.InodeNumber.Should().Be((await fs.StatAsync("/a/b")).InodeNumber);
        aboveRoot.InodeNumber.Should().Be((await fs.StatAsync("/a")).InodeNumber);
    }

    [Fact]
    public async Task Stat_SymlinkLoop_ThrowsELOOP()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        await fs.SymlinkAsync("/b", "/a");
        await fs.SymlinkAsync("/a", "/b");

        var act = async () => await fs.StatAsync("/a");

        await act.WithErrno(Errno.ELOOP);
    }

    [Fact]
    public async Task Stat_ChainOf40Symlinks_Resolves()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        await fs.WriteFileAsync("/l0", "end");
        for (var i = 1; i <= 40; i++)
        {
            await fs.SymlinkAsync($"l{i - 1}", $"/l{i}");
        }

        var status = await fs.StatAsync("/l40");
        var act = async () => await fs.StatAsync("/l41");
        await fs.SymlinkAsync("l40", "/l41");

        status.Type.Should().Be(FileType.RegularFile);
        await act.WithErrno(Errno.ELOOP);
    }

    [Fact]
    public async Task Lstat_Symlink_DescribesTheLink()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        await fs.WriteFileAsync("/a", "x");
        await fs.SymlinkAsync("/a", "/link");

        var status = await fs.LstatAsync("/link");

        status.Type.Should().Be(FileType.SymbolicLink);
        status.Size.Should().Be(2);
        status.Mode.Should().Be(Octal("777"));
    }

    [Fact]
    public async Task Stat_SymlinkWithTrailingSlashToDirectory_FollowsIt()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        await fs.MkdirAsync("/d");
        await fs.SymlinkAsync("d", "/link");

        var status = await fs.LstatAsync("/link/");

        status.Type.Should().Be(FileType.Directory);
    }

    [Fact]
    public async Task Stat_NoSearchPermissionOnDirectory_ThrowsEACCES()
    {
        await using var sim = NewSimulation();
        var root = sim.Mount();
        await root.MkdirAsync("/private");
        await root.WriteFileAsync("/private/f", "x");
        await root.ChmodAsync("/private", Octal("700"));
        var fs = sim.Mount(Alice);

        var act = async () => await fs.StatAsync("/private/f");

        await act.WithErrno(Errno.EACCES);
    }
}
