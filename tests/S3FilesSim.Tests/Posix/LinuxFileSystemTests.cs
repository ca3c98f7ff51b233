using FluentAssertions;
using S3FilesSim.FileSystem;
using S3FilesSim.TestSupport.Posix;
using Xunit;

namespace S3FilesSim.Tests.Posix;

/// <summary>What <see cref="LinuxFileSystem"/> adds on top of the kernel: path mapping, its own handle table, errors with mount paths.</summary>
public sealed class LinuxFileSystemTests : IAsyncLifetime
{
    private readonly string _root = LinuxTempDirectory.Create("linuxfs");
    private LinuxFileSystem _fs = null!;

    public Task InitializeAsync()
    {
        _fs = new LinuxFileSystem(_root);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _fs.DisposeAsync();
        LinuxTempDirectory.Delete(_root);
    }

    [Fact]
    public async Task WriteAllText_MountPath_LandsUnderTheRoot()
    {
        await _fs.MkdirAsync("/x");

        await _fs.WriteAllTextAsync("/x/y.txt", "mapped");

        (await File.ReadAllTextAsync(Path.Combine(_root, "x", "y.txt"))).Should().Be("mapped");
    }

    [Fact]
    public async Task WriteAllText_DotDotAboveTheRoot_StaysInsideTheRoot()
    {
        await _fs.WriteAllTextAsync("/../../escape.txt", "inside");

        File.Exists(Path.Combine(_root, "escape.txt")).Should().BeTrue();
        File.Exists(Path.Combine(Path.GetDirectoryName(_root)!, "escape.txt")).Should().BeFalse();
    }

    [Fact]
    public async Task Stat_DotDotOfTheRoot_IsTheRoot()
    {
        var root = await _fs.StatAsync("/");

        var parent = await _fs.StatAsync("/..");

        parent.InodeNumber.Should().Be(root.InodeNumber);
    }

    [Fact]
    public async Task Stat_Root_IsOwnedByTheReportedUser()
    {
        var status = await _fs.StatAsync("/");

        status.Uid.Should().Be(_fs.User.Uid);
        status.Type.Should().Be(FileType.Directory);
    }

    [Theory]
    [InlineData("relative/path")]
    [InlineData("")]
    public async Task Stat_NotAnAbsolutePath_ThrowsEINVAL(string path)
    {
        var act = () => _fs.StatAsync(path).AsTask();

        (await act.Should().ThrowAsync<FileSystemException>()).Which.Errno.Should().Be(Errno.EINVAL);
    }

    [Fact]
    public async Task Open_Missing_ThrowsWithTheMountPathInTheMessage()
    {
        var act = () => _fs.OpenAsync("/missing.txt", OpenFlags.ReadOnly).AsTask();

        var exception = (await act.Should().ThrowAsync<FileSystemException>()).Which;
        exception.Path.Should().Be("/missing.txt");
        exception.Operation.Should().Be("open");
        exception.Message.Should().Be("No such file or directory (ENOENT): open '/missing.txt'.");
    }

    [Fact]
    public async Task Rename_MountRoot_ThrowsEBUSY()
    {
        await _fs.MkdirAsync("/d");

        var act = () => _fs.RenameAsync("/", "/d/root").AsTask();

        (await act.Should().ThrowAsync<FileSystemException>()).Which.Errno.Should().Be(Errno.EBUSY);
    }

    [Fact]
    public async Task Mkdir_CanceledToken_CreatesNothing()
    {
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        var act = () => _fs.MkdirAsync("/d", cancellationToken: cancellation.Token).AsTask();

        await act.Should().ThrowAsync<OperationCanceledException>();
        Directory.Exists(Path.Combine(_root, "d")).Should().BeFalse();
    }

    [Fact]
    public async Task DisposeAsync_OpenHandles_ClosesThemAll()
    {
        var first = await _fs.OpenAsync("/a", OpenFlags.WriteOnly | OpenFlags.Create);
        await _fs.OpenAsync("/b", OpenFlags.WriteOnly | OpenFlags.Create);

        await _fs.DisposeAsync();

        _fs.OpenHandleCount.Should().Be(0);
        var act = () => _fs.FsyncAsync(first).AsTask();
        (await act.Should().ThrowAsync<FileSystemException>()).Which.Errno.Should().Be(Errno.EBADF);
    }

    [Fact]
    public async Task StatFs_FileSystemId_HasTheServiceShape()
    {
        var statistics = await _fs.StatFsAsync("/");

        statistics.FileSystemId.Should().MatchRegex("^fs-[0-9a-f]{17}$");
        statistics.FileSystemId.Should().Be(_fs.FileSystemId);
        _fs.IsReadOnly.Should().BeFalse();
    }

    [Fact]
    public async Task ListExtendedAttributes_AfterSet_ContainsTheName()
    {
        await _fs.WriteAllTextAsync("/a", "x");
        await _fs.SetExtendedAttributeAsync("/a", "user.tag", new byte[] { 1, 2 });

        var names = await _fs.ListExtendedAttributesAsync("/a");

        names.Should().Contain("user.tag");
    }

    [Fact]
    public async Task Symlink_TargetWithNul_ThrowsEINVAL()
    {
        var act = () => _fs.SymlinkAsync("a\0b", "/link").AsTask();

        (await act.Should().ThrowAsync<FileSystemException>()).Which.Errno.Should().Be(Errno.EINVAL);
        Directory.GetFileSystemEntries(_root).Should().BeEmpty();
    }
}
