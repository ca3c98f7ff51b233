using System.Text;
using FluentAssertions;
using S3FilesSim.FileSystem;
using Xunit;

namespace S3FilesSim.Abstractions.Tests;

/// <summary>What only the adapter has: the mount path, the options, the mount's identity and S3 Files' behaviour seen
/// through System.IO (the bucket, read-only mounts, several clients).</summary>
public sealed class AdapterTests : IAsyncLifetime
{
    private const string MountPath = "/mnt/data";
    private readonly S3FilesSimulation _sim = S3FilesSimulation.Create(new SimulationOptions { Seed = 5 });
    private readonly S3FilesSim.FileSystem.IFileSystem _mount;
    private readonly System.IO.Abstractions.IFileSystem _fs;

    public AdapterTests()
    {
        _mount = _sim.FileSystem.Mount(new MountOptions());
        _fs = _mount.AsSystemIOAbstractions(new SystemIOAdapterOptions { MountPath = MountPath });
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _mount.DisposeAsync();
        await _sim.DisposeAsync();
    }

    [Fact]
    public async Task WriteAllText_UnderTheMountPath_LandsAtTheMountRelativePath()
    {
        _fs.Directory.CreateDirectory("/mnt/data/inbox");

        _fs.File.WriteAllText("/mnt/data/inbox/a.txt", "hello");

        (await _mount.ReadAllTextAsync("/inbox/a.txt")).Should().Be("hello");
    }

    [Fact]
    public async Task WriteAllText_ReachesTheBucketOnlyAfterTheCommitDelay()
    {
        _fs.File.WriteAllText("/mnt/data/report.csv", "a,b");

        await _sim.AdvanceAsync(TimeSpan.FromSeconds(30));
        var early = await _sim.Bucket.HeadObjectAsync("report.csv");
        await _sim.AdvanceAsync(TimeSpan.FromSeconds(31));
        var exported = await _sim.Bucket.HeadObjectAsync("report.csv");

        early.Should().BeNull();
        exported.Should().NotBeNull();
    }

    [Theory]
    [InlineData("/etc/passwd")]
    [InlineData("/mnt/data/../secrets")]
    [InlineData("/mnt/database/x")]
    public void File_PathOutsideTheMount_ThrowsPathOutsideMountEvenFromExists(string path)
    {
        var read = () => _fs.File.ReadAllText(path);
        var exists = () => _fs.File.Exists(path);

        read.Should().Throw<PathOutsideMountException>().WithMessage("*outside the simulated S3 Files mount at '/mnt/data'*");
        exists.Should().Throw<PathOutsideMountException>();
    }

    [Fact]
    public void Directory_CurrentDirectory_StartsAtTheMountPathAndResolvesRelativePaths()
    {
        _fs.Directory.GetCurrentDirectory().Should().Be(MountPath);
        _fs.Directory.CreateDirectory("work");

        _fs.Directory.SetCurrentDirectory("work");
        _fs.File.WriteAllText("relative.txt", "x");

        _fs.Directory.GetCurrentDirectory().Should().Be("/mnt/data/work");
        _fs.File.Exists("/mnt/data/work/relative.txt").Should().BeTrue();
        _fs.Path.GetFullPath("../up").Should().Be("/mnt/data/up");
    }

    [Fact]
    public void Directory_GetLogicalDrives_IsTheMountPath()
    {
        _fs.Directory.GetLogicalDrives().Should().Equal(MountPath);
    }

    [Fact]
    public void Directory_AncestorOfTheMountPath_ExistsAsADirectory()
    {
        _fs.Directory.Exists("/mnt").Should().BeTrue();
        _fs.File.Exists("/mnt").Should().BeFalse();
    }

    [Fact]
    public void Path_GetTempPath_IsTmpUnderTheMountPath()
    {
        _fs.Path.GetTempPath().Should().Be("/mnt/data/tmp/");
    }

    [Theory]
    [InlineData("relative")]
    [InlineData("/a/../b")]
    [InlineData("/a//b")]
    [InlineData("")]
    public void AsSystemIOAbstractions_InvalidMountPath_ThrowsArgumentExceptionNamingIt(string mountPath)
    {
        var act = () => _mount.AsSystemIOAbstractions(new SystemIOAdapterOptions { MountPath = mountPath });

        act.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("MountPath");
    }

    [Fact]
    public void AsSystemIOAbstractions_TempPathOutsideTheMount_ThrowsArgumentException()
    {
        var act = () => _mount.AsSystemIOAbstractions(new SystemIOAdapterOptions { MountPath = "/mnt/data", TempPath = "/tmp" });

        act.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("TempPath");
    }

    [Fact]
    public async Task WriteAllText_ReadOnlyMount_ThrowsReadOnlyFileSystem()
    {
        await using var readOnly = _sim.FileSystem.Mount(new MountOptions { ReadOnly = true });
        var fs = readOnly.AsSystemIOAbstractions();

        var act = () => fs.File.WriteAllText("/a.txt", "x");

        act.Should().Throw<IOException>().WithMessage("Read-only file system : '/a.txt'").Which.HResult.Should().Be(30);
    }

    [Fact]
    public async Task Delete_MissingFileOnReadOnlyMount_IsNotAnError()
    {
        await using var readOnly = _sim.FileSystem.Mount(new MountOptions { ReadOnly = true });
        var fs = readOnly.AsSystemIOAbstractions();

        var act = () => fs.File.Delete("/missing.txt");

        act.Should().NotThrow("System.IO checks existence when unlink(2) fails with EROFS");
    }

    [Fact]
    public async Task WriteAllText_NonRootUserInRootDirectory_ThrowsUnauthorizedAccess()
    {
        await using var user = _sim.FileSystem.Mount(new MountOptions { User = new PosixUser(1000, 1000) });
        var fs = user.AsSystemIOAbstractions();

        var act = () => fs.File.WriteAllText("/a.txt", "x");

        act.Should().Throw<UnauthorizedAccessException>().WithMessage("Access to the path '/a.txt' is denied.")
            .WithInnerException<IOException>().Which.HResult.Should().Be(13);
    }

    [Fact]
    public void GetAttributes_FileOwnedByAnotherUserWithoutWriteForOthers_IsReadOnlyForTheMountUser()
    {
        _fs.File.WriteAllText("/mnt/data/root.txt", "x");
        _fs.File.SetUnixFileMode("/mnt/data/root.txt", (UnixFileMode)0x1A4);
        var user = _sim.FileSystem.Mount(new MountOptions { User = new PosixUser(1000, 1000) }).AsSystemIOAbstractions();

        user.File.GetAttributes("/root.txt").Should().Be(FileAttributes.ReadOnly);
        _fs.File.GetAttributes("/mnt/data/root.txt").Should().Be(FileAttributes.Normal);
    }

    [Fact]
    public async Task FileStream_Flush_IsWriteAndFlushToDiskIsFsyncForOtherMounts()
    {
        await using var other = _sim.FileSystem.Mount(new MountOptions());
        using var stream = _fs.FileStream.New("/mnt/data/shared.txt", FileMode.Create, FileAccess.Write, FileShare.ReadWrite);
        stream.Write("abc"u8);

        stream.Flush();
        var afterFlush = (await other.StatAsync("/shared.txt")).Size;
        stream.Flush(flushToDisk: true);
        var afterFsync = (await other.StatAsync("/shared.txt")).Size;

        afterFlush.Should().Be(0, "FileStream.Flush() only hands the bytes to the mount (write(2)); other NFS clients see them at fsync or close");
        afterFsync.Should().Be(3);
    }

    [Fact]
    public async Task FileStream_WriteThrough_EveryWriteIsVisibleToOtherMounts()
    {
        await using var other = _sim.FileSystem.Mount(new MountOptions());
        using var stream = _fs.FileStream.New("/mnt/data/sync.txt", FileMode.Create, FileAccess.Write, FileShare.ReadWrite, 0, FileOptions.WriteThrough);

        stream.Write("abc"u8);

        (await other.StatAsync("/sync.txt")).Size.Should().Be(3, "WriteThrough is O_SYNC");
    }

    [Fact]
    public async Task FileStream_Dispose_ClosesSoOtherMountsSeeTheData()
    {
        await using var other = _sim.FileSystem.Mount(new MountOptions());

        using (var stream = _fs.FileStream.New("/mnt/data/closed.txt", FileMode.Create, FileAccess.Write))
        {
            stream.Write("abcd"u8);
        }

        (await other.ReadAllTextAsync("/closed.txt")).Should().Be("abcd");
    }

    [Fact]
    public void FileInfo_UnixFileMode_SetThenReadBack()
    {
        _fs.File.WriteAllText("/mnt/data/m.txt", "x");
        var info = _fs.FileInfo.New("/mnt/data/m.txt");

        info.UnixFileMode = UnixFileMode.UserRead | UnixFileMode.UserExecute;

        _fs.FileInfo.New("/mnt/data/m.txt").UnixFileMode.Should().Be(UnixFileMode.UserRead | UnixFileMode.UserExecute);
    }

    [Fact]
    public void FileVersionInfo_ManagedAssemblyOnTheMount_ReadsLikeSystemDiagnostics()
    {
        var assembly = typeof(SystemIOAdapterOptions).Assembly.Location;
        _fs.File.WriteAllBytes("/mnt/data/plugin.dll", File.ReadAllBytes(assembly));
        var expected = System.Diagnostics.FileVersionInfo.GetVersionInfo(assembly);

        var info = _fs.FileVersionInfo.GetVersionInfo("/mnt/data/plugin.dll");

        info.FileName.Should().Be("/mnt/data/plugin.dll");
        (info.FileVersion, info.ProductVersion, info.ProductName, info.CompanyName, info.InternalName, info.FileDescription, info.LegalCopyright)
            .Should().Be((expected.FileVersion, expected.ProductVersion, expected.ProductName, expected.CompanyName, expected.InternalName, expected.FileDescription, expected.LegalCopyright));
        (info.FileMajorPart, info.FileMinorPart, info.ProductMajorPart, info.Language).Should().Be((expected.FileMajorPart, expected.FileMinorPart, expected.ProductMajorPart, expected.Language));
    }

    [Fact]
    public void FileVersionInfo_TextFile_HasOnlyItsName()
    {
        _fs.File.WriteAllText("/mnt/data/notes.txt", "not an assembly");

        var info = _fs.FileVersionInfo.GetVersionInfo("/mnt/data/notes.txt");

        (info.FileName, info.FileVersion, info.ProductName, info.FileMajorPart).Should().Be(("/mnt/data/notes.txt", null, null, 0));
    }

    [Fact]
    public void FileVersionInfo_MissingFile_ThrowsFileNotFound()
    {
        var act = () => _fs.FileVersionInfo.GetVersionInfo("/mnt/data/missing.dll");

        act.Should().Throw<FileNotFoundException>();
    }

    [Fact]
    public void OpenHandleAndRandomAccess_ThrowNotSupported()
    {
        var open = () => _fs.File.OpenHandle("/mnt/data/x");
        var length = () => _fs.RandomAccess.GetLength(null!);

        open.Should().Throw<NotSupportedException>();
        length.Should().Throw<NotSupportedException>();
    }

    [Fact]
    public async Task Encoding_Latin1_RoundTripsThroughTheMount()
    {
        _fs.File.WriteAllText("/mnt/data/latin.txt", "café", Encoding.Latin1);

        (await _mount.ReadAllBytesAsync("/latin.txt")).Should().Equal(0x63, 0x61, 0x66, 0xE9);
        _fs.File.ReadAllText("/mnt/data/latin.txt", Encoding.Latin1).Should().Be("café");
    }
}
