using FluentAssertions;
using S3FilesSim.FileSystem;
using S3FilesSim.Fuse.Tests.Fixtures;
using Xunit;

namespace S3FilesSim.Fuse.Tests;

/// <summary>
/// Each request acts as its calling process: uid and gid from the request, supplementary groups from
/// /proc/&lt;pid&gt;/status, one simulator mount per identity; the simulator alone decides permissions (no
/// default_permissions), root squash, read-only clients and access points included.
/// </summary>
public sealed class FuseIdentityTests
{
    private const uint User = 1000;
    private const uint OtherGroup = 2000;

    [Fact]
    public async Task Create_AsNonRootUser_IsOwnedByThatUser()
    {
        await using var mounted = await MountedSimulation.StartAsync();
        Directory.CreateDirectory(mounted.PathOf("shared"));
        File.SetUnixFileMode(mounted.PathOf("shared"), (UnixFileMode)0x1FF);

        var result = await ChildProcess.ShellAsAsync(User, User, $"touch '{mounted.PathOf("shared/mine")}'");

        result.ExitCode.Should().Be(0, result.ToString());
        var status = await RootMount(mounted).StatAsync("/shared/mine");
        (status.Uid, status.Gid).Should().Be((User, User));
    }

    [Fact]
    public async Task Read_NonRootUserWithoutPermission_FailsWithEACCES()
    {
        await using var mounted = await MountedSimulation.StartAsync();
        await File.WriteAllTextAsync(mounted.PathOf("secret"), "root only");
        File.SetUnixFileMode(mounted.PathOf("secret"), UnixFileMode.UserRead | UnixFileMode.UserWrite);

        var result = await ChildProcess.ShellAsAsync(User, User, $"cat '{mounted.PathOf("secret")}'");

        result.ExitCode.Should().NotBe(0);
        result.Error.Should().Contain("Permission denied");
        result.Output.Should().NotContain("root only");
    }

    [Fact]
    public async Task Create_NonRootUserInARootDirectory_FailsWithEACCES()
    {
        await using var mounted = await MountedSimulation.StartAsync();

        var result = await ChildProcess.ShellAsAsync(User, User, $"touch '{mounted.PathOf("not-mine")}'");

        result.Error.Should().Contain("Permission denied");
        File.Exists(mounted.PathOf("not-mine")).Should().BeFalse();
    }

    [Fact]
    public async Task List_SupplementaryGroupOfTheCaller_GrantsAccessAndItsAbsenceDenies()
    {
        await using var mounted = await MountedSimulation.StartAsync();
        Directory.CreateDirectory(mounted.PathOf("team"));
        await File.WriteAllTextAsync(mounted.PathOf("team/plan"), "x");
        await RootMount(mounted).ChownAsync("/team", 0, OtherGroup);
        File.SetUnixFileMode(mounted.PathOf("team"), (UnixFileMode)0x1F8);

        var member = await ChildProcess.ShellAsAsync(User, User, $"ls '{mounted.PathOf("team")}'", OtherGroup);
        var outsider = await ChildProcess.ShellAsAsync(User, User, $"ls '{mounted.PathOf("team")}'");

        member.ExitCode.Should().Be(0, member.ToString());
        member.Output.Trim().Should().Be("plan");
        outsider.Error.Should().Contain("Permission denied");
    }

    [Fact]
    public async Task Chmod_NonOwner_FailsWithEPERM()
    {
        await using var mounted = await MountedSimulation.StartAsync();
        await File.WriteAllTextAsync(mounted.PathOf("f"), "x");
        File.SetUnixFileMode(mounted.PathOf("f"), (UnixFileMode)0x1B6);

        var result = await ChildProcess.ShellAsAsync(User, User, $"chmod 600 '{mounted.PathOf("f")}'");

        result.Error.Should().Contain("Operation not permitted");
        File.GetUnixFileMode(mounted.PathOf("f")).Should().Be((UnixFileMode)0x1B6);
    }

    [Fact]
    public async Task Write_NonOwnerOnASetUserIdFile_ClearsSetUserIdAsLinuxDoes()
    {
        await using var mounted = await MountedSimulation.StartAsync();
        await File.WriteAllTextAsync(mounted.PathOf("tool"), "x");
        File.SetUnixFileMode(mounted.PathOf("tool"), (UnixFileMode)0x9FF);

        var result = await ChildProcess.ShellAsAsync(User, User, $"echo more >> '{mounted.PathOf("tool")}'");

        result.ExitCode.Should().Be(0, result.ToString());
        (await RootMount(mounted).StatAsync("/tool")).Mode.Should().Be((UnixFileMode)0x1FF);
        (await File.ReadAllTextAsync(mounted.PathOf("tool"))).Should().Be("xmore\n");
    }

    [Fact]
    public async Task Write_RootOnASetUserIdFile_KeepsSetUserId()
    {
        await using var mounted = await MountedSimulation.StartAsync();
        await File.WriteAllTextAsync(mounted.PathOf("tool"), "x");
        File.SetUnixFileMode(mounted.PathOf("tool"), (UnixFileMode)0x9FF);

        await File.AppendAllTextAsync(mounted.PathOf("tool"), "more");

        File.GetUnixFileMode(mounted.PathOf("tool")).Should().Be((UnixFileMode)0x9FF);
    }

    [Fact]
    public async Task Create_RootWithoutClientRootAccess_IsSquashedToTheAnonymousUser()
    {
        await using var mounted = await MountedSimulation.StartAsync(options: new FuseMountOptions { Mount = new MountOptions { ClientRootAccess = false } });
        await mounted.Simulation.FileSystem.Mount(new MountOptions()).ChmodAsync("/", (UnixFileMode)0x1FF);

        await File.WriteAllTextAsync(mounted.PathOf("f"), "x");

        var status = await RootMount(mounted).StatAsync("/f");
        (status.Uid, status.Gid).Should().Be((PosixUser.Anonymous.Uid, PosixUser.Anonymous.Gid));
    }

    [Fact]
    public async Task Write_ReadOnlyClient_FailsWithEROFS()
    {
        await using var mounted = await MountedSimulation.StartAsync(options: new FuseMountOptions { Mount = new MountOptions { ClientWrite = false } });

        var result = await ChildProcess.ShellAsync($"touch '{mounted.PathOf("f")}'");

        result.Error.Should().Contain("Read-only file system");
    }

    [Fact]
    public async Task Create_ThroughAnAccessPoint_LandsBelowItsRootAsItsUser()
    {
        await using var mounted = await MountedSimulation.StartAsync();
        var point = mounted.Simulation.FileSystem.CreateAccessPoint(new AccessPointOptions
        {
            RootDirectory = "/teams/a",
            PosixUser = new PosixUser(User, User),
            CreationPermissions = new CreationPermissions { OwnerUid = User, OwnerGid = User, Permissions = (UnixFileMode)0x1ED },
        });
        var throughAccessPoint = await mounted.MountAnotherAsync(new FuseMountOptions { Mount = new MountOptions { AccessPointId = point.AccessPointId } });

        await File.WriteAllTextAsync(Path.Combine(throughAccessPoint.MountPoint, "report.txt"), "from the access point");

        var status = await RootMount(mounted).StatAsync("/teams/a/report.txt");
        (status.Uid, status.Gid).Should().Be((User, User));
        (await File.ReadAllTextAsync(mounted.PathOf("teams/a/report.txt"))).Should().Be("from the access point");
    }

    private static IFileSystem RootMount(MountedSimulation mounted) => mounted.Simulation.FileSystem.Mount(new MountOptions());
}
