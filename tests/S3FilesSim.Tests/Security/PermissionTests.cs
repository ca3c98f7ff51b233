using FluentAssertions;
using S3FilesSim.FileSystem;
using S3FilesSim.Tests.FileSystem;
using Xunit;
using static S3FilesSim.Tests.FileSystem.FileSystemTestKit;

namespace S3FilesSim.Tests.Security;

/// <summary>POSIX checks after IAM authorization: https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-posix-permissions.html.</summary>
public sealed class PermissionTests
{
    private static readonly PosixUser Owner = new(1000, 1000);
    private static readonly PosixUser GroupMember = new(1001, 1000);
    private static readonly PosixUser SupplementaryMember = new(1002, 3000, 1000);
    private static readonly PosixUser Stranger = new(1003, 3000);

    public static TheoryData<string, string, bool> ReadMatrix() => new()
    {
        { "owner", "400", true }, { "owner", "040", false }, { "owner", "004", false },
        { "group", "400", false }, { "group", "040", true }, { "group", "004", false },
        { "supplementary", "040", true }, { "supplementary", "004", false },
        { "other", "400", false }, { "other", "040", false }, { "other", "004", true },
    };

    [Theory]
    [MemberData(nameof(ReadMatrix))]
    public async Task OpenForReading_ClassBits_AllowOrThrowEACCES(string who, string mode, bool allowed)
    {
        await using var sim = await SetUpFileAsync(mode);
        var fs = sim.Mount(UserFor(who));

        var act = async () => await fs.OpenAsync("/dir/f", OpenFlags.ReadOnly);

        await AssertAllowed(act, allowed);
    }

    [Theory]
    [InlineData("owner", "200", true)]
    [InlineData("owner", "577", false)]
    [InlineData("group", "020", true)]
    [InlineData("group", "757", false)]
    [InlineData("other", "002", true)]
    [InlineData("other", "775", false)]
    public async Task OpenForWriting_ClassBits_AllowOrThrowEACCES(string who, string mode, bool allowed)
    {
        await using var sim = await SetUpFileAsync(mode);
        var fs = sim.Mount(UserFor(who));

        var act = async () => await fs.OpenAsync("/dir/f", OpenFlags.WriteOnly);

        await AssertAllowed(act, allowed);
    }

    [Theory]
    [InlineData("owner", "100", true)]
    [InlineData("owner", "677", false)]
    [InlineData("group", "010", true)]
    [InlineData("other", "001", true)]
    [InlineData("other", "776", false)]
    public async Task AccessExecute_ClassBits_AllowOrThrowEACCES(string who, string mode, bool allowed)
    {
        await using var sim = await SetUpFileAsync(mode);
        var fs = sim.Mount(UserFor(who));

        var act = async () => await fs.AccessAsync("/dir/f", AccessMode.Execute);

        await AssertAllowed(act, allowed);
    }

    [Theory]
    [InlineData("owner", "700", true)]
    [InlineData("owner", "500", false)]
    [InlineData("group", "070", true)]
    [InlineData("group", "750", false)]
    [InlineData("other", "003", true)]
    [InlineData("other", "775", false)]
    public async Task Mkdir_ParentWriteAndSearch_AllowOrThrowEACCES(string who, string parentMode, bool allowed)
    {
        await using var sim = await SetUpDirectoryAsync(parentMode);
        var fs = sim.Mount(UserFor(who));

        var act = async () => await fs.MkdirAsync("/dir/new");

        await AssertAllowed(act, allowed);
    }

    [Theory]
    [InlineData("owner", "300", true)]
    [InlineData("owner", "500", false)]
    [InlineData("group", "030", true)]
    [InlineData("other", "003", true)]
    [InlineData("other", "005", false)]
    public async Task Unlink_ParentWriteAndSearch_AllowOrThrowEACCES(string who, string parentMode, bool allowed)
    {
        await using var sim = await SetUpDirectoryAsync(parentMode, withFile: true);
        var fs = sim.Mount(UserFor(who));

        var act = async () => await fs.UnlinkAsync("/dir/f");

        await AssertAllowed(act, allowed);
    }

    [Theory]
    [InlineData("owner", "700", true)]
    [InlineData("owner", "500", false)]
    [InlineData("group", "070", true)]
    [InlineData("other", "007", true)]
    [InlineData("other", "005", false)]
    public async Task Rename_ParentWriteAndSearch_AllowOrThrowEACCES(string who, string parentMode, bool allowed)
    {
        await using var sim = await SetUpDirectoryAsync(parentMode, withFile: true);
        var fs = sim.Mount(UserFor(who));

        var act = async () => await fs.RenameAsync("/dir/f", "/dir/g");

        await AssertAllowed(act, allowed);
    }

    [Theory]
    [InlineData("owner", "300", true)]
    [InlineData("owner", "500", false)]
    [InlineData("group", "030", true)]
    [InlineData("other", "005", false)]
    public async Task Rmdir_ParentWriteAndSearch_AllowOrThrowEACCES(string who, string parentMode, bool allowed)
    {
        await using var sim = await SetUpDirectoryAsync(parentMode);
        await sim.Mount().MkdirAsync("/dir/sub");
        var fs = sim.Mount(UserFor(who));

        var act = async () => await fs.RmdirAsync("/dir/sub");

        await AssertAllowed(act, allowed);
    }

    [Fact]
    public async Task ReadDirectory_NoReadPermission_ThrowsEACCES()
    {
        await using var sim = await SetUpDirectoryAsync("711");
        var fs = sim.Mount(Stranger);

        var act = async () => await fs.ReadDirectoryAsync("/dir");

        await act.WithErrno(Errno.EACCES);
    }

    [Fact]
    public async Task Unlink_StickyDirectoryOtherUsersFile_ThrowsEPERM()
    {
        await using var sim = NewSimulation();
        var root = sim.Mount();
        await root.MkdirAsync("/tmp");
        await root.ChmodAsync("/tmp", Octal("1777"));
        await sim.Mount(Owner).WriteFileAsync("/tmp/mine", "x");
        var fs = sim.Mount(Stranger);

        var act = async () => await fs.UnlinkAsync("/tmp/mine");
        var rename = async () => await fs.RenameAsync("/tmp/mine", "/tmp/stolen");

        await act.WithErrno(Errno.EPERM);
        await rename.WithErrno(Errno.EPERM);
    }

    [Fact]
    public async Task Unlink_StickyDirectoryOwnFile_Succeeds()
    {
        await using var sim = NewSimulation();
        var root = sim.Mount();
        await root.MkdirAsync("/tmp");
        await root.ChmodAsync("/tmp", Octal("1777"));
        var fs = sim.Mount(Owner);
        await fs.WriteFileAsync("/tmp/mine", "x");

        await fs.UnlinkAsync("/tmp/mine");

        (await fs.ReadDirectoryAsync("/tmp")).Should().BeEmpty();
    }

    [Fact]
    public async Task Unlink_StickyDirectoryByRoot_Succeeds()
    {
        await using var sim = NewSimulation();
        var root = sim.Mount();
        await root.MkdirAsync("/tmp");
        await root.ChmodAsync("/tmp", Octal("1777"));
        await sim.Mount(Owner).WriteFileAsync("/tmp/mine", "x");

        await root.UnlinkAsync("/tmp/mine");

        (await root.ReadDirectoryAsync("/tmp")).Should().BeEmpty();
    }

    [Fact]
    public async Task Open_RootOnMode000_ReadsAndWrites()
    {
        await using var sim = await SetUpFileAsync("000");
        var root = sim.Mount();

        var handle = await root.OpenAsync("/dir/f", OpenFlags.ReadWrite);

        (await root.ReadOpenAsync(handle)).Should().Be("data");
    }

    [Fact]
    public async Task AccessExecute_RootWithoutAnyExecuteBit_ThrowsEACCES()
    {
        await using var sim = await SetUpFileAsync("666");
        var root = sim.Mount();

        var act = async () => await root.AccessAsync("/dir/f", AccessMode.Execute);

        await act.WithErrno(Errno.EACCES);
    }

    [Fact]
    public async Task AccessExecute_RootWithOtherExecuteBit_Succeeds()
    {
        await using var sim = await SetUpFileAsync("001");
        var root = sim.Mount();

        var act = async () => await root.AccessAsync("/dir/f", AccessMode.Execute | AccessMode.Read | AccessMode.Write);

        await act.Should().NotThrowAsync();
    }

    [Fact]
    public async Task Access_MissingPath_ThrowsENOENT()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();

        var act = async () => await fs.AccessAsync("/missing", AccessMode.Exists);

        await act.WithErrno(Errno.ENOENT);
    }

    [Fact]
    public async Task Stat_RootOnDirectoryMode000_SearchesIt()
    {
        await using var sim = await SetUpFileAsync("644");
        var root = sim.Mount();
        await root.ChmodAsync("/dir", Octal("000"));

        var status = await root.StatAsync("/dir/f");

        status.Size.Should().Be(4);
    }

    private static PosixUser UserFor(string who) => who switch
    {
        "owner" => Owner,
        "group" => GroupMember,
        "supplementary" => SupplementaryMember,
        _ => Stranger,
    };

    private static async Task AssertAllowed(Func<Task> act, bool allowed)
    {
        if (allowed)
        {
            await act.Should().NotThrowAsync();
        }
        else
        {
            await act.WithErrno(Errno.EACCES);
        }
    }

    private static async Task<S3FilesSimulation> SetUpFileAsync(string mode)
    {
        var sim = NewSimulation();
        var root = sim.Mount();
        await root.MkdirAsync("/dir");
        await root.ChmodAsync("/dir", Octal("777"));
        await root.WriteFileAsync("/dir/f", "data");
        await root.ChownAsync("/dir/f", Owner.Uid, Owner.Gid);
        await root.ChmodAsync("/dir/f", Octal(mode));
        return sim;
    }

    private static async Task<S3FilesSimulation> SetUpDirectoryAsync(string mode, bool withFile = false)
    {
        var sim = NewSimulation();
        var root = sim.Mount();
        await root.MkdirAsync("/dir");
        if (withFile)
        {
            await root.WriteFileAsync("/dir/f", "data");
        }

        await root.ChownAsync("/dir", Owner.Uid, Owner.Gid);
        await root.ChmodAsync("/dir", Octal(mode));
        return sim;
    }
}
