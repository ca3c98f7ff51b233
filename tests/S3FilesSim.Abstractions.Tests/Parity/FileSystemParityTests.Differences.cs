using FluentAssertions;
using Xunit;

namespace S3FilesSim.Abstractions.Tests.Parity;

/// <content>Where S3 Files (or the adapter) must differ from a local Linux file system: each test asserts both sides and
/// says why.</content>
public abstract partial class FileSystemParityTests<TTarget>
{
    /// <summary>.NET reports an NFS mount as a network drive of format "nfs". S3 Files reports a file system of 8 EiB less
    /// 1 MiB (df on its EFS-based storage: 9,007,199,254,739,968 1K-blocks).</summary>
    [Fact]
    public void DriveInfo_OfTheRoot_IsNfsOnS3FilesAndLocalOtherwise()
    {
        var drive = Fs.DriveInfo.New(Root);

        if (Target.IsS3Files)
        {
            drive.DriveFormat.Should().Be("nfs");
            drive.DriveType.Should().Be(DriveType.Network);
            drive.TotalSize.Should().Be(9_007_199_254_739_968L * 1024);
            drive.AvailableFreeSpace.Should().BeGreaterThan(1L << 62);
            drive.TotalFreeSpace.Should().Be(drive.AvailableFreeSpace);
            Fs.DriveInfo.GetDrives().Select(d => d.Name).Should().Equal(SimulatedTarget.MountPath);
        }
        else
        {
            drive.DriveFormat.Should().NotBe("nfs");
            drive.DriveType.Should().NotBe(DriveType.Network);
            drive.TotalSize.Should().BeLessThan(1L << 62);
        }

        drive.IsReady.Should().BeTrue();
        drive.Name.Should().Be(Root);
    }

    /// <summary>FileShare is flock(2) on Linux. On NFS, .NET takes no shared lock for a handle opened for writing (the NFS
    /// client emulates flock with byte-range locks, where a shared lock needs read access), so a writer opened with
    /// FileShare.Read does not stop a later FileShare.None open on S3 Files, while it does on a local file system.</summary>
    [Fact]
    public void Open_WriterWithFileShareRead_BlocksFileShareNoneOnlyOnLocalFileSystems()
    {
        var path = Given("shared.txt");
        using var writer = Fs.File.Open(path, FileMode.Open, FileAccess.Write, FileShare.Read);

        var act = () => Fs.File.Open(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None).Dispose();

        if (Target.IsS3Files)
        {
            act.Should().NotThrow("on NFS .NET skips LOCK_SH for writers");
        }
        else
        {
            act.Should().Throw<IOException>().Which.HResult.Should().Be(11);
        }
    }

    /// <summary>NFSv4 names are UTF-8: a name with a lone surrogate is EINVAL on S3 Files; a local Linux file system stores
    /// the bytes .NET encodes (the surrogate becomes U+FFFD).</summary>
    [Fact]
    public void WriteAllText_NameWithLoneSurrogate_FailsOnlyOnS3Files()
    {
        var path = P("bad\uD800name.txt");

        var act = () => Fs.File.WriteAllText(path, "x");

        if (Target.IsS3Files)
        {
            act.Should().Throw<IOException>().WithMessage($"Invalid argument : '{path}'").Which.HResult.Should().Be(22);
            Fs.Directory.GetFiles(Root).Should().BeEmpty();
        }
        else
        {
            act.Should().NotThrow();
            Fs.Directory.GetFiles(Root).Select(Fs.Path.GetFileName).Should().Equal("bad\uFFFDname.txt");
        }
    }

    /// <summary>S3 Files files can reach 48 TiB (https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-quotas.html);
    /// ext4 stops at 16 TiB, tmpfs goes further. Both fail the same way (EFBIG as ArgumentOutOfRangeException) past their limit.</summary>
    [Fact]
    public void SetLength_BeyondFortyEightTebibytes_FailsOnS3Files()
    {
        using var stream = Fs.FileStream.New(P("huge.bin"), FileMode.Create, FileAccess.Write);
        var length = 49L << 40;

        var act = () => stream.SetLength(length);

        if (Target.IsS3Files)
        {
            act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("Specified file length was too large for the file system.*");
        }
        else
        {
            try
            {
                act();
                stream.Length.Should().Be(length, "a local file system that allows it stores a sparse file");
            }
            catch (ArgumentOutOfRangeException exception)
            {
                exception.Message.Should().StartWith("Specified file length was too large for the file system.");
            }
        }
    }

    /// <summary>The adapter has no operating-system descriptors: members over a SafeFileHandle throw NotSupportedException
    /// (an adapter limit, not an S3 Files one); the real file system returns a handle.</summary>
    [Fact]
    public void OpenHandle_ReturnsAHandleOnlyOnTheRealFileSystem()
    {
        var path = Given("a.txt");

        var act = () => Fs.File.OpenHandle(path).Dispose();

        if (Target.IsS3Files)
        {
            act.Should().Throw<NotSupportedException>().WithMessage("A SafeFileHandle is an operating-system file descriptor*");
        }
        else
        {
            act.Should().NotThrow();
        }
    }

    /// <summary>The simulated mount answers only for paths under its mount path: anything else is a clear error, never the
    /// real disk; the real file system answers for any path.</summary>
    [Fact]
    public void Exists_PathOutsideTheMount_ThrowsOnlyOnTheAdapter()
    {
        var act = () => Fs.File.Exists("/etc/hostname-outside-the-mount");

        if (Target.IsS3Files)
        {
            act.Should().Throw<PathOutsideMountException>().Which.MountPath.Should().Be(SimulatedTarget.MountPath);
        }
        else
        {
            act.Should().NotThrow();
        }
    }
}
