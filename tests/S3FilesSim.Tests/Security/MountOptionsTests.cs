using FluentAssertions;
using S3FilesSim.FileSystem;
using S3FilesSim.Tests.FileSystem;
using Xunit;
using static S3FilesSim.Tests.FileSystem.FileSystemTestKit;

namespace S3FilesSim.Tests.Security;

/// <summary>IAM grants evaluated at mount time: https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-access-point-policy-examples.html.</summary>
public sealed class MountOptionsTests
{
    [Fact]
    public async Task Mount_WithoutClientMount_FailsNamingTheAction()
    {
        await using var sim = NewSimulation();

        var act = () => sim.FileSystem.Mount(new MountOptions { ClientMount = false });

        act.Should().Throw<UnauthorizedAccessException>().WithMessage("*s3files:ClientMount*");
    }

    [Fact]
    public async Task Mount_WithoutClientWrite_IsReadOnlyAndWritesThrowEROFS()
    {
        await using var sim = NewSimulation();
        await sim.Mount().WriteFileAsync("/f", "x");
        var fs = sim.FileSystem.Mount(new MountOptions { ClientWrite = false });

        var act = async () => await fs.OpenAsync("/f", OpenFlags.WriteOnly);

        fs.IsReadOnly.Should().BeTrue();
        await act.WithErrno(Errno.EROFS);
        (await fs.ReadFileAsync("/f")).Should().Be("x");
    }

    public static TheoryData<string> ModifyingCalls() => ["mkdir", "create", "unlink", "rmdir", "rename", "chmod", "chown", "utimensat", "truncate", "symlink", "setxattr", "access-w"];

    [Theory]
    [MemberData(nameof(ModifyingCalls))]
    public async Task ModifyingCall_ReadOnlyMount_ThrowsEROFS(string call)
    {
        await using var sim = NewSimulation();
        var rw = sim.Mount();
        await rw.WriteFileAsync("/f", "x");
        await rw.MkdirAsync("/d");
        var fs = sim.FileSystem.Mount(new MountOptions { ReadOnly = true });
        Func<Task> act = call switch
        {
            "mkdir" => async () => await fs.MkdirAsync("/new"),
            "create" => async () => await fs.OpenAsync("/new", OpenFlags.WriteOnly | OpenFlags.Create),
            "unlink" => async () => await fs.UnlinkAsync("/f"),
            "rmdir" => async () => await fs.RmdirAsync("/d"),
            "rename" => async () => await fs.RenameAsync("/f", "/g"),
            "chmod" => async () => await fs.ChmodAsync("/f", Octal("600")),
            "chown" => async () => await fs.ChownAsync("/f", 1, 1),
            "utimensat" => async () => await fs.SetTimesAsync("/f", TimeUpdate.Now, TimeUpdate.Now),
            "truncate" => async () => await fs.TruncateAsync("/f", 0),
            "symlink" => async () => await fs.SymlinkAsync("/f", "/l"),
            "setxattr" => async () => await fs.SetExtendedAttributeAsync("/f", "user.x", new byte[] { 1 }),
            _ => async () => await fs.AccessAsync("/f", AccessMode.Write),
        };

        await act.WithErrno(Errno.EROFS);
    }

    [Fact]
    public async Task Mkdir_ReadOnlyMountExistingPath_ThrowsEEXISTBeforeEROFS()
    {
        await using var sim = NewSimulation();
        await sim.Mount().MkdirAsync("/d");
        var fs = sim.FileSystem.Mount(new MountOptions { ReadOnly = true });

        var act = async () => await fs.MkdirAsync("/d");

        await act.WithErrno(Errno.EEXIST);
    }

    [Fact]
    public async Task Unlink_ReadOnlyMountMissingFile_ThrowsEROFSBeforeENOENT()
    {
        await using var sim = NewSimulation();
        var fs = sim.FileSystem.Mount(new MountOptions { ReadOnly = true });

        var act = async () => await fs.UnlinkAsync("/missing");

        await act.WithErrno(Errno.EROFS);
    }

    [Fact]
    public async Task Chmod_ReadOnlyMountMissingPath_ThrowsENOENTBeforeEROFS()
    {
        await using var sim = NewSimulation();
        var fs = sim.FileSystem.Mount(new MountOptions { ReadOnly = true });

        var act = async () => await fs.ChmodAsync("/missing", Octal("600"));

        await act.WithErrno(Errno.ENOENT);
    }

    [Fact]
    public async Task Mount_WithoutClientRootAccess_SquashesRootTo65534()
    {
        // Root squashing: https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-troubleshooting.html
        await using var sim = NewSimulation();
        var root = sim.Mount();
        await root.MkdirAsync("/pub");
        await root.ChmodAsync("/pub", Octal("777"));
        var fs = sim.FileSystem.Mount(new MountOptions { ClientRootAccess = false });

        await fs.WriteFileAsync("/pub/f", "x");

        fs.User.Should().Be(PosixUser.Anonymous);
        var status = await fs.StatAsync("/pub/f");
        (status.Uid, status.Gid).Should().Be((65534u, 65534u));
    }

    [Fact]
    public async Task Open_SquashedRootOnRootOwnedFile_ThrowsEACCES()
    {
        await using var sim = NewSimulation();
        var root = sim.Mount();
        await root.WriteFileAsync("/secret", "x", Octal("600"));
        var fs = sim.FileSystem.Mount(new MountOptions { ClientRootAccess = false });

        var act = async () => await fs.OpenAsync("/secret", OpenFlags.ReadOnly);

        await act.WithErrno(Errno.EACCES);
    }

    [Fact]
    public async Task Mount_NonRootWithoutClientRootAccess_KeepsItsIdentity()
    {
        await using var sim = NewSimulation();

        var fs = sim.FileSystem.Mount(new MountOptions { User = Alice, ClientRootAccess = false });

        fs.User.Should().Be(Alice);
    }

    [Fact]
    public async Task Path_AfterUnmount_ThrowsObjectDisposed()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        await fs.DisposeAsync();

        var act = async () => await fs.StatAsync("/");

        await act.Should().ThrowAsync<ObjectDisposedException>();
    }

    [Fact]
    public async Task Read_HandleAfterUnmount_ThrowsEBADF()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        await fs.WriteFileAsync("/f", "x");
        var handle = await fs.OpenAsync("/f", OpenFlags.ReadOnly);
        await fs.DisposeAsync();

        var act = async () => await fs.ReadAsync(handle, new byte[1]);

        await act.WithErrno(Errno.EBADF);
    }

    [Fact]
    public async Task CreateFileSystem_Id_IsFsFollowedBy17HexDigits()
    {
        await using var sim = NewSimulation();

        var second = sim.CreateFileSystem(new FileSystemOptions { Prefix = "team/" });

        sim.FileSystem.FileSystemId.Should().MatchRegex("^fs-[0-9a-f]{17}$");
        second.FileSystemId.Should().MatchRegex("^fs-[0-9a-f]{17}$").And.NotBe(sim.FileSystem.FileSystemId);
        sim.FileSystems.Should().HaveCount(2);
    }

    [Theory]
    [InlineData("team")]
    [InlineData("/")]
    public async Task CreateFileSystem_PrefixWithoutTrailingSlash_Throws(string prefix)
    {
        await using var sim = NewSimulation();

        var act = () => sim.CreateFileSystem(new FileSystemOptions { Prefix = prefix == "/" ? new string('a', 1024) + "/" : prefix });

        act.Should().Throw<ArgumentException>().WithMessage("*Prefix*");
    }

    [Fact]
    public async Task Mounts_OfDifferentFileSystems_AreIndependent()
    {
        await using var sim = NewSimulation();
        var other = sim.CreateFileSystem().Mount(new MountOptions());

        await sim.Mount().WriteFileAsync("/f", "x");

        (await other.ReadDirectoryAsync("/")).Should().BeEmpty();
    }

    [Theory]
    [InlineData(0, 0L)]
    [InlineData(1, 52_673_613_135_873L)]
    [InlineData(1, -1L)]
    public async Task CreateFileSystem_InvalidLimits_Throws(int maxOpenFiles, long maxFileSize)
    {
        await using var sim = NewSimulation();

        var act = () => sim.CreateFileSystem(new FileSystemOptions { MaxOpenFilesPerMount = maxOpenFiles, MaxFileSizeBytes = maxFileSize });

        act.Should().Throw<ArgumentException>();
    }
}
