using FluentAssertions;
using S3FilesSim.FileSystem;
using S3FilesSim.Fuse.Tests.Fixtures;
using Xunit;

namespace S3FilesSim.Fuse.Tests;

/// <summary>What programs do on the mount, mapped to the simulator or to a documented errno: special files, statfs,
/// extended attributes, links, rename flags, an unlinked file kept open.</summary>
public sealed class FuseOperationTests
{
    private static readonly TimeSpan PastCommitDelay = TimeSpan.FromSeconds(61);

    [Fact]
    public async Task Mkfifo_PipesDataBetweenTwoProcessesAndIsNeverExported()
    {
        await using var mounted = await MountedSimulation.StartAsync();
        var pipe = mounted.PathOf("pipe");

        var result = await ChildProcess.ShellAsync($"mkfifo '{pipe}' && (cat '{pipe}' > '{mounted.PathOf("out")}' &) && echo through-the-pipe > '{pipe}' && wait");
        await mounted.Simulation.AdvanceAsync(PastCommitDelay);

        result.ExitCode.Should().Be(0, result.ToString());
        (await Eventually.TrueAsync(() => File.Exists(mounted.PathOf("out")) && File.ReadAllText(mounted.PathOf("out")) == "through-the-pipe\n")).Should().BeTrue();
        (await mounted.Simulation.Bucket.HeadObjectAsync("pipe")).Should().BeNull("FIFOs live on the file system only");
        (await mounted.Simulation.Bucket.HeadObjectAsync("out")).Should().NotBeNull();
    }

    [Theory]
    [InlineData("c")]
    [InlineData("b")]
    public async Task Mknod_Device_FailsWithEPERM(string kind)
    {
        await using var mounted = await MountedSimulation.StartAsync();

        var result = await ChildProcess.RunAsync("mknod", mounted.PathOf("device"), kind, "1", "3");

        result.Error.Should().Contain("Operation not permitted");
        File.Exists(mounted.PathOf("device")).Should().BeFalse();
    }

    [Fact]
    public async Task Df_ReportsEightExbibytesLessOneMebibyteNotANegativeSize()
    {
        await using var mounted = await MountedSimulation.StartAsync();

        var result = await ChildProcess.RunAsync("df", "-B1", "--output=size,avail", mounted.Root);

        result.ExitCode.Should().Be(0, result.ToString());
        var sizes = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        sizes[0].Should().Be("9223372036853727232", "8 EiB less 1 MiB, as df shows on S3 Files");
        ulong.Parse(sizes[1], System.Globalization.CultureInfo.InvariantCulture).Should().BePositive();
    }

    [Fact]
    public async Task Getfattr_StatusWithUnixSeconds_ShowsTheKeyOnceExported()
    {
        await using var mounted = await MountedSimulation.StartAsync();
        Directory.CreateDirectory(mounted.PathOf("data"));
        await File.WriteAllTextAsync(mounted.PathOf("data/a.txt"), "hello");
        var getfattr = $"getfattr --only-values -n \"user.s3files.status;$(date +%s)\" '{mounted.PathOf("data/a.txt")}'";
        var before = await ChildProcess.ShellAsync(getfattr);

        await mounted.Simulation.AdvanceAsync(PastCommitDelay);
        var after = await ChildProcess.ShellAsync(getfattr);

        before.Output.Should().Be("S3Key: \n", "not exported yet");
        after.Output.Should().Be($"S3Key: s3://{mounted.Simulation.Bucket.BucketName}/data/a.txt\n");
    }

    [Fact]
    public async Task Setfattr_UserAttribute_FailsWithOperationNotSupported()
    {
        await using var mounted = await MountedSimulation.StartAsync();
        await File.WriteAllTextAsync(mounted.PathOf("f"), "x");

        var set = await ChildProcess.RunAsync("setfattr", "-n", "user.color", "-v", "blue", mounted.PathOf("f"));
        var list = await ChildProcess.RunAsync("getfattr", "-d", "-m", "-", "--absolute-names", mounted.PathOf("f"));

        set.Error.Should().Contain("Operation not supported");
        list.Output.Should().Contain("user.s3files.status=").And.NotContain("user.color");
    }

    [Fact]
    public async Task Getxattr_NamesOutsideTheUserNamespace_FailWithEOPNOTSUPPAsOnAnNfsMount()
    {
        await using var mounted = await MountedSimulation.StartAsync();
        await File.WriteAllTextAsync(mounted.PathOf("f"), "x");
        const string Program = """
            import errno, os, sys
            for name in ("security.capability", "trusted.x", "system.posix_acl_access", "user.other"):
                try:
                    os.getxattr(sys.argv[1], name)
                    print(name, "found")
                except OSError as e:
                    print(name, "EOPNOTSUPP" if e.errno == errno.EOPNOTSUPP else errno.errorcode[e.errno])
            """;

        var result = await ChildProcess.PythonAsync(Program, mounted.PathOf("f"));

        result.Output.Should().Be("security.capability EOPNOTSUPP\ntrusted.x EOPNOTSUPP\nsystem.posix_acl_access EOPNOTSUPP\nuser.other ENODATA\n");
    }

    [Fact]
    public async Task Ln_HardLink_FailsWithEPERMAndSymlinkWorks()
    {
        await using var mounted = await MountedSimulation.StartAsync();
        await File.WriteAllTextAsync(mounted.PathOf("a"), "x");

        var hard = await ChildProcess.RunAsync("ln", mounted.PathOf("a"), mounted.PathOf("b"));
        var soft = await ChildProcess.RunAsync("ln", "-s", "a", mounted.PathOf("c"));

        hard.Error.Should().Contain("Operation not permitted");
        soft.ExitCode.Should().Be(0, soft.ToString());
        new FileInfo(mounted.PathOf("c")).LinkTarget.Should().Be("a");
        (await File.ReadAllTextAsync(mounted.PathOf("c"))).Should().Be("x");
    }

    [Fact]
    public async Task RenameExchange_FailsWithEINVALAsTheNfsClientDoes()
    {
        await using var mounted = await MountedSimulation.StartAsync();
        await File.WriteAllTextAsync(mounted.PathOf("a"), "a");
        await File.WriteAllTextAsync(mounted.PathOf("b"), "b");

        var errno = LibC.RenameAt2(mounted.PathOf("a"), mounted.PathOf("b"), LibC.RenameExchange);

        errno.Should().Be((int)Errno.EINVAL);
        (await File.ReadAllTextAsync(mounted.PathOf("a"))).Should().Be("a");
    }

    [Fact]
    public async Task RenameNoReplace_OntoAnExistingName_FailsWithEEXIST()
    {
        await using var mounted = await MountedSimulation.StartAsync();
        await File.WriteAllTextAsync(mounted.PathOf("a"), "a");
        await File.WriteAllTextAsync(mounted.PathOf("b"), "b");

        var errno = LibC.RenameAt2(mounted.PathOf("a"), mounted.PathOf("b"), LibC.RenameNoReplace);
        var moved = LibC.RenameAt2(mounted.PathOf("a"), mounted.PathOf("c"), LibC.RenameNoReplace);

        errno.Should().Be((int)Errno.EEXIST);
        moved.Should().Be(0);
        (await File.ReadAllTextAsync(mounted.PathOf("c"))).Should().Be("a");
    }

    [Fact]
    public async Task UnlinkedOpenFile_StaysReadableAndWritableUntilItsLastClose()
    {
        await using var mounted = await MountedSimulation.StartAsync();
        const string Program = """
            import os, sys
            path = sys.argv[1]
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
            os.write(fd, b"before")
            os.unlink(path)
            os.write(fd, b"-after")
            os.lseek(fd, 0, os.SEEK_SET)
            print(os.read(fd, 100).decode(), os.fstat(fd).st_nlink, os.path.exists(path))
            os.close(fd)
            """;

        var result = await ChildProcess.PythonAsync(Program, mounted.PathOf("temp"));

        result.ExitCode.Should().Be(0, result.ToString());
        result.Output.Trim().Should().Be("before-after 0 False");
    }

    [Fact]
    public async Task Mmap_WriteThroughAMapping_IsReadBackAfterClose()
    {
        await using var mounted = await MountedSimulation.StartAsync();
        const string Program = """
            import mmap, os, sys
            path = sys.argv[1]
            with open(path, "wb") as f:
                f.write(b"0" * 4096)
            with open(path, "r+b") as f:
                m = mmap.mmap(f.fileno(), 4096)
                m[0:5] = b"hello"
                m.flush()
                m.close()
            with open(path, "rb") as f:
                print(f.read(5).decode())
            """;

        var result = await ChildProcess.PythonAsync(Program, mounted.PathOf("mapped"));

        result.ExitCode.Should().Be(0, result.ToString());
        result.Output.Trim().Should().Be("hello");
    }

    [Fact]
    public async Task Utimens_NowAndExplicit_SetTheSimulatorsTimes()
    {
        await using var mounted = await MountedSimulation.StartAsync();
        await File.WriteAllTextAsync(mounted.PathOf("f"), "x");

        var result = await ChildProcess.RunAsync("touch", "-m", "-d", "@946684800.5", mounted.PathOf("f"));

        result.ExitCode.Should().Be(0, result.ToString());
        var status = await mounted.Simulation.FileSystem.Mount(new MountOptions()).StatAsync("/f");
        status.ModificationTime.Should().Be(new Timespec(946_684_800, 500_000_000));
    }
}
