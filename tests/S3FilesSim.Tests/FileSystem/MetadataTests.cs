using System.Text;
using FluentAssertions;
using S3FilesSim.FileSystem;
using Xunit;
using static S3FilesSim.Tests.FileSystem.FileSystemTestKit;

namespace S3FilesSim.Tests.FileSystem;

public sealed class MetadataTests
{
    [Fact]
    public async Task Chmod_ByNonOwner_ThrowsEPERM()
    {
        await using var sim = NewSimulation();
        await sim.Mount().WriteFileAsync("/f", "x");
        var fs = sim.Mount(Alice);

        var act = async () => await fs.ChmodAsync("/f", Octal("777"));

        await act.WithErrno(Errno.EPERM);
    }

    [Fact]
    public async Task Chmod_ByOwner_SetsModeAndChangeTime()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        await fs.WriteFileAsync("/f", "x");
        await sim.AdvanceAsync(TimeSpan.FromSeconds(3));

        await fs.ChmodAsync("/f", Octal("4751"));

        var status = await fs.StatAsync("/f");
        status.Mode.Should().Be(Octal("4751"));
        status.ChangeTime.Should().Be(Timespec.FromDateTimeOffset(sim.Now));
    }

    [Fact]
    public async Task Chmod_SetGroupIdByNonMember_ClearsItSilently()
    {
        await using var sim = NewSimulation();
        var root = sim.Mount();
        await root.MkdirAsync("/home");
        await root.ChmodAsync("/home", Octal("777"));
        var fs = sim.Mount(Alice);
        await fs.WriteFileAsync("/home/f", "x");
        await root.ChownAsync("/home/f", null, 500);

        await fs.ChmodAsync("/home/f", Octal("2755"));

        (await fs.StatAsync("/home/f")).Mode.Should().Be(Octal("755"));
    }

    [Fact]
    public async Task Chown_OwnerChangeByNonRoot_ThrowsEPERM()
    {
        await using var sim = NewSimulation();
        var root = sim.Mount();
        await root.WriteFileAsync("/f", "x");
        await root.ChownAsync("/f", 1000, 1000);
        var fs = sim.Mount(Alice);

        var act = async () => await fs.ChownAsync("/f", 1001, null);

        await act.WithErrno(Errno.EPERM);
    }

    [Fact]
    public async Task Chown_OwnerToOwnSupplementaryGroup_Succeeds()
    {
        await using var sim = NewSimulation();
        var root = sim.Mount();
        await root.WriteFileAsync("/f", "x");
        await root.ChownAsync("/f", 1000, 1000);
        var fs = sim.Mount(new PosixUser(1000, 1000, 2000));

        await fs.ChownAsync("/f", null, 2000);

        (await fs.StatAsync("/f")).Gid.Should().Be(2000);
    }

    [Fact]
    public async Task Chown_OwnerToForeignGroup_ThrowsEPERM()
    {
        await using var sim = NewSimulation();
        var root = sim.Mount();
        await root.WriteFileAsync("/f", "x");
        await root.ChownAsync("/f", 1000, 1000);
        var fs = sim.Mount(Alice);

        var act = async () => await fs.ChownAsync("/f", null, 3000);

        await act.WithErrno(Errno.EPERM);
    }

    [Fact]
    public async Task Chown_NonOwnerNamingTheCurrentOwnerAndGroup_ThrowsEPERM()
    {
        // Linux chown_ok()/chgrp_ok(): only root or the owner may name ids at all, even the current ones (pjdfstest chown/07.t).
        await using var sim = NewSimulation();
        var root = sim.Mount();
        await root.WriteFileAsync("/f", "x");
        await root.ChownAsync("/f", 1001, 1001);
        var fs = sim.Mount(Alice);

        var act = async () => await fs.ChownAsync("/f", 1001, 1001);

        await act.WithErrno(Errno.EPERM);
    }

    [Fact]
    public async Task Chown_OwnerNamingItselfAndTheCurrentGroup_Succeeds()
    {
        await using var sim = NewSimulation();
        var root = sim.Mount();
        await root.WriteFileAsync("/f", "x");
        await root.ChownAsync("/f", 1000, 3000);
        var fs = sim.Mount(Alice);

        await fs.ChownAsync("/f", 1000, 3000);

        (await fs.StatAsync("/f")).Gid.Should().Be(3000);
    }

    [Fact]
    public async Task Chown_NonOwnerKeepingBothIds_Succeeds()
    {
        await using var sim = NewSimulation();
        var root = sim.Mount();
        await root.WriteFileAsync("/f", "x");
        var fs = sim.Mount(Alice);

        var act = async () => await fs.ChownAsync("/f", null, null);

        await act.Should().NotThrowAsync();
    }

    [Fact]
    public async Task Fstat_OpenFileUnlinked_ReportsNoLinks()
    {
        // An unlinked file stays usable until its last close, with no names left (pjdfstest unlink/14.t).
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        await fs.WriteFileAsync("/f", "x");
        var handle = await fs.OpenAsync("/f", OpenFlags.ReadOnly);
        await fs.UnlinkAsync("/f");

        var status = await fs.FstatAsync(handle);

        status.LinkCount.Should().Be(0);
        await fs.CloseAsync(handle);
    }

    [Fact]
    public async Task Chown_File_ClearsSetUserId()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        await fs.WriteFileAsync("/f", "x");
        await fs.ChmodAsync("/f", Octal("4755"));

        await fs.ChownAsync("/f", 1000, null);

        (await fs.StatAsync("/f")).Mode.Should().Be(Octal("755"));
    }

    [Fact]
    public async Task Lchown_Symlink_ChangesTheLinkOnly()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        await fs.WriteFileAsync("/f", "x");
        await fs.SymlinkAsync("/f", "/link");

        await fs.ChownAsync("/link", 1000, 1000, followSymlinks: false);

        (await fs.LstatAsync("/link")).Uid.Should().Be(1000);
        (await fs.StatAsync("/f")).Uid.Should().Be(0);
    }

    [Fact]
    public async Task SetTimes_Explicit_SetsBothTimes()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        await fs.WriteFileAsync("/f", "x");
        var atime = new Timespec(1_000, 5);
        var mtime = new Timespec(2_000, 7);

        await fs.SetTimesAsync("/f", TimeUpdate.To(atime), TimeUpdate.To(mtime));

        var status = await fs.StatAsync("/f");
        (status.AccessTime, status.ModificationTime).Should().Be((atime, mtime));
    }

    [Fact]
    public async Task SetTimes_OmitAccess_KeepsIt()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        await fs.WriteFileAsync("/f", "x");
        var before = await fs.StatAsync("/f");
        await sim.AdvanceAsync(TimeSpan.FromSeconds(30));

        await fs.SetTimesAsync("/f", TimeUpdate.Omit, TimeUpdate.Now);

        var status = await fs.StatAsync("/f");
        status.AccessTime.Should().Be(before.AccessTime);
        status.ModificationTime.Should().Be(Timespec.FromDateTimeOffset(sim.Now));
    }

    [Fact]
    public async Task SetTimes_ExplicitByNonOwnerWriter_ThrowsEPERM()
    {
        await using var sim = NewSimulation();
        var root = sim.Mount();
        await root.WriteFileAsync("/f", "x");
        await root.ChmodAsync("/f", Octal("666"));
        var fs = sim.Mount(Alice);

        var act = async () => await fs.SetTimesAsync("/f", TimeUpdate.To(new Timespec(1, 0)), TimeUpdate.Omit);

        await act.WithErrno(Errno.EPERM);
    }

    [Fact]
    public async Task SetTimes_NowByNonOwnerWithoutWrite_ThrowsEACCES()
    {
        await using var sim = NewSimulation();
        await sim.Mount().WriteFileAsync("/f", "x");
        var fs = sim.Mount(Alice);

        var act = async () => await fs.SetTimesAsync("/f", TimeUpdate.Now, TimeUpdate.Now);

        await act.WithErrno(Errno.EACCES);
    }

    [Fact]
    public async Task SetTimes_NowByNonOwnerWriter_Succeeds()
    {
        await using var sim = NewSimulation();
        var root = sim.Mount();
        await root.WriteFileAsync("/f", "x");
        await root.ChmodAsync("/f", Octal("666"));
        var fs = sim.Mount(Alice);
        await sim.AdvanceAsync(TimeSpan.FromSeconds(1));

        await fs.SetTimesAsync("/f", TimeUpdate.Now, TimeUpdate.Now);

        (await fs.StatAsync("/f")).ModificationTime.Should().Be(Timespec.FromDateTimeOffset(sim.Now));
    }

    [Fact]
    public async Task Symlink_EmptyTarget_ThrowsENOENT()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();

        var act = async () => await fs.SymlinkAsync(string.Empty, "/link");

        await act.WithErrno(Errno.ENOENT);
    }

    [Fact]
    public async Task Symlink_TargetOver4080Bytes_ThrowsENAMETOOLONG()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();

        var act = async () => await fs.SymlinkAsync(new string('t', 4081), "/link");
        await fs.SymlinkAsync(new string('t', 4080), "/ok");

        await act.WithErrno(Errno.ENAMETOOLONG);
        (await fs.ReadLinkAsync("/ok")).Length.Should().Be(4080);
    }

    [Fact]
    public async Task Symlink_Existing_ThrowsEEXIST()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        await fs.WriteFileAsync("/f", "x");

        var act = async () => await fs.SymlinkAsync("/x", "/f");

        await act.WithErrno(Errno.EEXIST);
    }

    [Fact]
    public async Task ReadLink_File_ThrowsEINVAL()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        await fs.WriteFileAsync("/f", "x");

        var act = async () => await fs.ReadLinkAsync("/f");

        await act.WithErrno(Errno.EINVAL);
    }

    [Fact]
    public async Task ReadLink_Symlink_ReturnsTheTargetText()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();

        await fs.SymlinkAsync("../some/where", "/link");

        (await fs.ReadLinkAsync("/link")).Should().Be("../some/where");
    }

    [Fact]
    public async Task Link_ValidPaths_ThrowsEPERM()
    {
        // S3 Files does not support hard links: https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-quotas.html
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        await fs.WriteFileAsync("/f", "x");

        var act = async () => await fs.LinkAsync("/f", "/g");

        await act.WithErrno(Errno.EPERM);
        (await fs.ReadDirectoryAsync("/")).Should().ContainSingle();
    }

    [Fact]
    public async Task Link_MissingSource_ThrowsENOENT()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();

        var act = async () => await fs.LinkAsync("/missing", "/g");

        await act.WithErrno(Errno.ENOENT);
    }

    [Fact]
    public async Task StatFs_ReportsEightExbibytesAndUsedInodes()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        await fs.WriteFileAsync("/f", "x");

        var stats = await fs.StatFsAsync("/");

        (stats.TotalBlocks * stats.BlockSize / 1024).Should().Be(9_007_199_254_739_968L, "df shows 9,007,199,254,739,968 1K-blocks (8 EiB less 1 MiB) on S3 Files' EFS-based storage, a size that fits a signed 64-bit count");
        stats.FreeBlocks.Should().BePositive();
        stats.UsedInodes.Should().Be(2);
        stats.MaxNameLength.Should().Be(255);
        stats.FileSystemId.Should().Be(sim.FileSystem.FileSystemId);
        stats.FreeBlocks.Should().Be(stats.TotalBlocks - 1);
    }

    [Theory]
    [InlineData("user.s3files.status")]
    [InlineData("user.s3files.status;1775520000")]
    public async Task GetExtendedAttribute_Status_ReturnsTheS3KeyLine(string name)
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        await fs.WriteFileAsync("/f", "x");

        var value = await fs.GetExtendedAttributeAsync("/f", name);

        Encoding.UTF8.GetString(value).Should().Be("S3Key: \n");
    }

    [Fact]
    public async Task GetExtendedAttribute_OtherName_ThrowsENODATA()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        await fs.WriteFileAsync("/f", "x");

        var act = async () => await fs.GetExtendedAttributeAsync("/f", "user.custom");

        await act.WithErrno(Errno.ENODATA);
    }

    [Fact]
    public async Task SetExtendedAttribute_Always_ThrowsENOTSUPP()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        await fs.WriteFileAsync("/f", "x");

        var act = async () => await fs.SetExtendedAttributeAsync("/f", "user.custom", new byte[] { 1 });

        await act.WithErrno(Errno.ENOTSUPP);
    }

    [Theory]
    [InlineData("security.capability")]
    [InlineData("trusted.x")]
    [InlineData("system.posix_acl_access")]
    public async Task GetExtendedAttribute_NameOutsideTheUserNamespace_ThrowsEOPNOTSUPP(string name)
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        await fs.WriteFileAsync("/f", "x");

        var act = async () => await fs.GetExtendedAttributeAsync("/f", name);

        await act.WithErrno(Errno.EOPNOTSUPP);
    }

    [Fact]
    public async Task SetExtendedAttribute_NameOutsideTheUserNamespace_ThrowsEOPNOTSUPP()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        await fs.WriteFileAsync("/f", "x");

        var act = async () => await fs.SetExtendedAttributeAsync("/f", "security.capability", new byte[] { 1 });

        await act.WithErrno(Errno.EOPNOTSUPP);
    }

    [Fact]
    public async Task SetExtendedAttribute_MissingPath_ThrowsENOENT()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();

        var act = async () => await fs.SetExtendedAttributeAsync("/missing", "user.custom", new byte[] { 1 });

        await act.WithErrno(Errno.ENOENT);
    }

    [Fact]
    public async Task ListExtendedAttributes_ReturnsOnlyTheStatusAttribute()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        await fs.MkdirAsync("/d");

        var names = await fs.ListExtendedAttributesAsync("/d");

        names.Should().Equal("user.s3files.status");
    }

    [Fact]
    public async Task Symlink_LongTargetOnExistingPath_ThrowsEEXISTBeforeENAMETOOLONG()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        await fs.WriteFileAsync("/f", "x");

        var act = async () => await fs.SymlinkAsync(new string('t', 4090), "/f");

        await act.WithErrno(Errno.EEXIST);
    }

    [Fact]
    public async Task Chmod_SetGroupIdOnDirectoryByNonMember_ClearsIt()
    {
        await using var sim = NewSimulation();
        var root = sim.Mount();
        await root.MkdirAsync("/d");
        await root.ChownAsync("/d", 1000, 500);
        var fs = sim.Mount(Alice);

        await fs.ChmodAsync("/d", Octal("2775"));

        (await fs.StatAsync("/d")).Mode.Should().Be(Octal("775"));
    }

    [Fact]
    public async Task Write_ByNonRoot_ClearsSetUserIdAndGroupExecutableSetGroupId()
    {
        await using var sim = NewSimulation();
        var root = sim.Mount();
        await root.WriteFileAsync("/tool", "x");
        await root.ChownAsync("/tool", 1000, 1000);
        await root.ChmodAsync("/tool", Octal("6775"));
        var fs = sim.Mount(Alice);
        var handle = await fs.OpenAsync("/tool", OpenFlags.WriteOnly);

        await fs.WriteAsync(handle, "y"u8.ToArray());

        (await root.StatAsync("/tool")).Mode.Should().Be(Octal("775"));
    }

    [Fact]
    public async Task Write_ByRoot_KeepsSetUserId()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        await fs.WriteFileAsync("/tool", "x");
        await fs.ChmodAsync("/tool", Octal("4755"));

        await fs.WriteFileAsync("/tool", "y");

        (await fs.StatAsync("/tool")).Mode.Should().Be(Octal("4755"));
    }
}
