using FluentAssertions;
using S3FilesSim.FileSystem;
using S3FilesSim.Tests.FileSystem;
using Xunit;
using static S3FilesSim.Tests.FileSystem.FileSystemTestKit;

namespace S3FilesSim.Tests.Security;

/// <summary>Access points: https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-access-points-creating.html.</summary>
public sealed class AccessPointTests
{
    [Fact]
    public async Task CreateAccessPoint_Id_IsFsapFollowedBy17HexDigits()
    {
        await using var sim = NewSimulation();

        var accessPoint = sim.FileSystem.CreateAccessPoint(new AccessPointOptions());

        accessPoint.AccessPointId.Should().MatchRegex("^fsap-[0-9a-f]{17}$");
        accessPoint.FileSystemId.Should().Be(sim.FileSystem.FileSystemId);
        sim.FileSystem.AccessPoints.Should().ContainSingle();
    }

    [Theory]
    [InlineData("/a/b/c/d")]
    [InlineData("/data")]
    [InlineData("/")]
    public async Task CreateAccessPoint_ValidRootDirectory_IsAccepted(string root)
    {
        await using var sim = NewSimulation();

        var accessPoint = sim.FileSystem.CreateAccessPoint(new AccessPointOptions { RootDirectory = root });

        accessPoint.Options.RootDirectory.Should().Be(root);
    }

    [Theory]
    [InlineData("/a/b/c/d/e")]
    [InlineData("/.hidden")]
    [InlineData("relative")]
    [InlineData("/a$b")]
    [InlineData("/a/")]
    [InlineData("")]
    public async Task CreateAccessPoint_InvalidRootDirectory_Throws(string root)
    {
        await using var sim = NewSimulation();

        var act = () => sim.FileSystem.CreateAccessPoint(new AccessPointOptions { RootDirectory = root });

        act.Should().Throw<ArgumentException>().WithMessage("*RootDirectory*");
    }

    [Fact]
    public void CreationPermissions_FromOctal_ParsesAndRejectsBadDigits()
    {
        var parsed = CreationPermissions.FromOctal(1000, 1000, "0750");

        var act = () => CreationPermissions.FromOctal(1000, 1000, "789");

        parsed.Permissions.Should().Be(Octal("750"));
        act.Should().Throw<ArgumentException>();
    }

    [Fact]
    public async Task Mount_MissingRootWithCreationPermissions_CreatesItWithThem()
    {
        await using var sim = NewSimulation();
        var accessPoint = sim.FileSystem.CreateAccessPoint(new AccessPointOptions
        {
            RootDirectory = "/teams/a",
            CreationPermissions = CreationPermissions.FromOctal(1000, 2000, "750"),
        });

        var fs = sim.FileSystem.Mount(new MountOptions { AccessPointId = accessPoint.AccessPointId, User = Alice });

        var status = await sim.Mount().StatAsync("/teams/a");
        (status.Uid, status.Gid, status.Mode).Should().Be((1000u, 2000u, Octal("750")));
        (await sim.Mount().StatAsync("/teams")).Mode.Should().Be(Octal("755"));
        (await fs.StatAsync("/")).InodeNumber.Should().Be(status.InodeNumber);
    }

    [Fact]
    public async Task Mount_MissingRootWithoutCreationPermissions_FailsWithENOENT()
    {
        await using var sim = NewSimulation();
        var accessPoint = sim.FileSystem.CreateAccessPoint(new AccessPointOptions { RootDirectory = "/missing" });

        var act = () => sim.FileSystem.Mount(new MountOptions { AccessPointId = accessPoint.AccessPointId });

        act.Should().Throw<FileSystemException>().Where(e => e.Errno == Errno.ENOENT && e.Operation == "mount");
    }

    [Fact]
    public async Task Mount_UnknownAccessPoint_Throws()
    {
        await using var sim = NewSimulation();

        var act = () => sim.FileSystem.Mount(new MountOptions { AccessPointId = "fsap-00000000000000000" });

        act.Should().Throw<ArgumentException>().WithMessage("*fsap-00000000000000000*");
    }

    [Fact]
    public async Task Mount_EnforcedPosixUser_OverridesTheClientUser()
    {
        await using var sim = NewSimulation();
        await sim.Mount().ChmodAsync("/", Octal("777"));
        var accessPoint = sim.FileSystem.CreateAccessPoint(new AccessPointOptions { PosixUser = new PosixUser(4000, 4001, 4002) });
        var fs = sim.FileSystem.Mount(new MountOptions { AccessPointId = accessPoint.AccessPointId, User = PosixUser.Root });

        await fs.WriteFileAsync("/f", "x");

        var status = await fs.StatAsync("/f");
        (status.Uid, status.Gid).Should().Be((4000u, 4001u));
        fs.User.SecondaryGids.Should().Equal(4002u);
    }

    [Fact]
    public async Task Stat_DotDotAboveAccessPointRoot_StaysAtTheRoot()
    {
        await using var sim = NewSimulation();
        var root = sim.Mount();
        await root.MkdirAsync("/ap");
        await root.WriteFileAsync("/outside", "secret");
        var accessPoint = sim.FileSystem.CreateAccessPoint(new AccessPointOptions { RootDirectory = "/ap" });
        var fs = sim.FileSystem.Mount(new MountOptions { AccessPointId = accessPoint.AccessPointId });

        var act = async () => await fs.StatAsync("/../outside");

        await act.WithErrno(Errno.ENOENT);
        (await fs.StatAsync("/..")).InodeNumber.Should().Be((await root.StatAsync("/ap")).InodeNumber);
    }

    [Fact]
    public async Task Open_AbsoluteSymlinkInsideAccessPoint_ResolvesFromTheMountRoot()
    {
        await using var sim = NewSimulation();
        var root = sim.Mount();
        await root.MkdirAsync("/ap");
        await root.WriteFileAsync("/outside", "secret");
        await root.WriteFileAsync("/ap/outside", "inside");
        await root.SymlinkAsync("/outside", "/ap/link");
        var accessPoint = sim.FileSystem.CreateAccessPoint(new AccessPointOptions { RootDirectory = "/ap" });
        var fs = sim.FileSystem.Mount(new MountOptions { AccessPointId = accessPoint.AccessPointId });

        var text = await fs.ReadFileAsync("/link");

        text.Should().Be("inside");
    }

    [Fact]
    public async Task Rmdir_AccessPointRoot_ThrowsEBUSY()
    {
        await using var sim = NewSimulation();
        await sim.Mount().MkdirAsync("/ap");
        var accessPoint = sim.FileSystem.CreateAccessPoint(new AccessPointOptions { RootDirectory = "/ap" });
        var fs = sim.FileSystem.Mount(new MountOptions { AccessPointId = accessPoint.AccessPointId });

        var act = async () => await fs.RmdirAsync("/");

        await act.WithErrno(Errno.EBUSY);
    }
}
