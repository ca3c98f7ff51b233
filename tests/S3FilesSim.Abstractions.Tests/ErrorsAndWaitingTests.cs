using FluentAssertions;
using S3FilesSim.Abstractions.Tests.Support;
using S3FilesSim.FileSystem;
using Xunit;

namespace S3FilesSim.Abstractions.Tests;

/// <summary>The errno-to-exception table (.NET 10's Interop.GetExceptionForIoErrno on Linux), the synchronous waits, and
/// what S3 Files cannot do (hard links) as System.IO meets it.</summary>
public sealed class ErrorsAndWaitingTests : IAsyncLifetime
{
    private readonly S3FilesSimulation _sim = S3FilesSimulation.Create(new SimulationOptions { Seed = 11 });
    private readonly S3FilesSim.FileSystem.IFileSystem _mount;
    private readonly RecordingMount _recording;

    public ErrorsAndWaitingTests()
    {
        _mount = _sim.FileSystem.Mount(new MountOptions());
        _recording = new RecordingMount(_mount);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _mount.DisposeAsync();
        await _sim.DisposeAsync();
    }

    public static TheoryData<Errno, Type, int, string> ErrnoTable() => new()
    {
        { Errno.ENOENT, typeof(FileNotFoundException), unchecked((int)0x80070002), "Could not find file '/dir/f'." },
        { Errno.ENOTDIR, typeof(DirectoryNotFoundException), unchecked((int)0x80070003), "Could not find a part of the path '/dir/f'." },
        { Errno.EACCES, typeof(UnauthorizedAccessException), unchecked((int)0x80070005), "Access to the path '/dir/f' is denied." },
        { Errno.EPERM, typeof(UnauthorizedAccessException), unchecked((int)0x80070005), "Access to the path '/dir/f' is denied." },
        { Errno.EBADF, typeof(UnauthorizedAccessException), unchecked((int)0x80070005), "Access to the path '/dir/f' is denied." },
        { Errno.ENAMETOOLONG, typeof(PathTooLongException), unchecked((int)0x800700CE), "The path '/dir/f' is too long, or a component of the specified path is too long." },
        { Errno.EAGAIN, typeof(IOException), 11, "The process cannot access the file '/dir/f' because it is being used by another process." },
        { Errno.EEXIST, typeof(IOException), 17, "The file '/dir/f' already exists." },
        { Errno.EFBIG, typeof(ArgumentOutOfRangeException), unchecked((int)0x80131502), "Specified file length was too large for the file system.*" },
        { Errno.ENOTEMPTY, typeof(IOException), 39, "Directory not empty : '/dir/f'" },
        { Errno.EROFS, typeof(IOException), 30, "Read-only file system : '/dir/f'" },
        { Errno.EIO, typeof(IOException), 5, "Input/output error : '/dir/f'" },
        { Errno.ELOOP, typeof(IOException), 40, "Too many levels of symbolic links : '/dir/f'" },
        { Errno.EINVAL, typeof(IOException), 22, "Invalid argument : '/dir/f'" },
        { Errno.EISDIR, typeof(IOException), 21, "Is a directory : '/dir/f'" },
        { Errno.EMFILE, typeof(IOException), 24, "Too many open files : '/dir/f'" },
        { Errno.ENOSPC, typeof(IOException), 28, "No space left on device : '/dir/f'" },
        { Errno.EXDEV, typeof(IOException), 18, "Invalid cross-device link : '/dir/f'" },
        { Errno.ESTALE, typeof(IOException), 116, "Stale file handle : '/dir/f'" },
        { Errno.ENOLCK, typeof(IOException), 37, "No locks available : '/dir/f'" },
        { Errno.EDEADLK, typeof(IOException), 35, "Resource deadlock avoided : '/dir/f'" },
        { Errno.ENOTSUPP, typeof(IOException), 524, "Unknown error 524 : '/dir/f'" },
    };

    [Theory]
    [MemberData(nameof(ErrnoTable))]
    public async Task Error_EachErrno_BecomesSystemIOsException(Errno errno, Type type, int hresult, string message)
    {
        await _mount.MkdirAsync("/dir");
        var context = new MountContext(_mount, new SystemIOAdapterOptions());

        var exception = context.Error(errno, "/dir/f");

        exception.Should().BeOfType(type);
        exception.HResult.Should().Be(hresult);
        exception.Message.Should().Match(message);
    }

    [Fact]
    public void Error_EnoentWhoseParentIsMissing_IsDirectoryNotFound()
    {
        var context = new MountContext(_mount, new SystemIOAdapterOptions());

        var exception = context.Error(Errno.ENOENT, "/missing/f");

        exception.Should().BeOfType<DirectoryNotFoundException>().Which.Message.Should().Be("Could not find a part of the path '/missing/f'.");
    }

    [Fact]
    public void Error_PermissionErrors_CarryTheStrerrorAsInnerIOException()
    {
        var context = new MountContext(_mount, new SystemIOAdapterOptions());

        var exception = context.Error(Errno.EPERM, "/f");

        exception.InnerException.Should().BeOfType<IOException>().Which.Message.Should().Be("Operation not permitted");
        exception.InnerException!.HResult.Should().Be(1);
    }

    [Fact]
    public void Move_TargetExists_TriesAHardLinkAndFallsBackToCopyLikeSystemIO()
    {
        var fs = _recording.AsSystemIOAbstractions();
        fs.File.WriteAllText("/a.txt", "a");
        fs.File.WriteAllText("/b.txt", "b");

        var act = () => fs.File.Move("/a.txt", "/b.txt");

        act.Should().Throw<IOException>().WithMessage("The file '/b.txt' already exists.");
        _recording.Calls.Should().Contain("LinkAsync", "S3 Files has no hard links: link(2) is EPERM, so .NET copies instead");
    }

    [Fact]
    public async Task Replace_WithBackup_BacksUpByCopyBecauseLinkIsRefused()
    {
        var fs = _recording.AsSystemIOAbstractions();
        fs.File.WriteAllText("/new.txt", "new");
        fs.File.WriteAllText("/cur.txt", "current");

        fs.File.Replace("/new.txt", "/cur.txt", "/cur.bak");

        fs.File.ReadAllText("/cur.bak").Should().Be("current");
        _recording.Calls.Should().ContainInOrder("LinkAsync", "OpenAsync");
        (await _mount.StatAsync("/cur.bak")).InodeNumber.Should().NotBe((await _mount.StatAsync("/cur.txt")).InodeNumber);
    }

    [Fact]
    public async Task SynchronousCallsBlock_CallNotCompletedAtOnce_WaitsForIt()
    {
        _recording.Deferred = true;
        var fs = _recording.AsSystemIOAbstractions(new SystemIOAdapterOptions { SynchronousCalls = SynchronousCallMode.Block });
        var releaser = Task.Run(async () =>
        {
            while (_recording.Calls.Count == 0)
            {
                await Task.Delay(5);
            }

            _recording.Release();
        });

        fs.File.WriteAllText("/blocked.txt", "done");
        await releaser;

        (await _mount.ReadAllTextAsync("/blocked.txt")).Should().Be("done");
    }

    [Fact]
    public void SynchronousCallsThrow_CallNotCompletedAtOnce_ThrowsInvalidOperation()
    {
        _recording.Deferred = true;
        var fs = _recording.AsSystemIOAbstractions(new SystemIOAdapterOptions { SynchronousCalls = SynchronousCallMode.Throw });

        var act = () => fs.File.ReadAllBytes("/anything");

        act.Should().Throw<InvalidOperationException>().WithMessage("*SynchronousCalls is Throw*async form*");
        _recording.Release();
    }

    [Fact]
    public async Task SynchronousCallsThrow_AsyncMembers_StayAsyncAndSucceed()
    {
        _recording.Deferred = true;
        var fs = _recording.AsSystemIOAbstractions(new SystemIOAdapterOptions { SynchronousCalls = SynchronousCallMode.Throw });

        var write = fs.File.WriteAllTextAsync("/async.txt", "ok");
        var completedAtOnce = write.IsCompleted;
        _recording.Release();
        await write;

        completedAtOnce.Should().BeFalse("the call was handed to a mount that completes later, and nothing blocked on it");
        (await fs.File.ReadAllTextAsync("/async.txt")).Should().Be("ok");
    }

    [Fact]
    public void SynchronousCallsThrow_InMemoryBucket_NeverThrows()
    {
        var fs = _mount.AsSystemIOAbstractions(new SystemIOAdapterOptions { SynchronousCalls = SynchronousCallMode.Throw });

        fs.File.WriteAllText("/sync.txt", "x");

        fs.File.ReadAllText("/sync.txt").Should().Be("x");
    }

    [Fact]
    public void AsSystemIOAbstractions_UndefinedSynchronousMode_ThrowsArgumentException()
    {
        var act = () => _mount.AsSystemIOAbstractions(new SystemIOAdapterOptions { SynchronousCalls = (SynchronousCallMode)7 });

        act.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("SynchronousCalls");
    }

    [Fact]
    public void Watcher_OnAMountWithoutChangeFeed_ThrowsNotSupportedWhenEnabled()
    {
        var fs = _recording.AsSystemIOAbstractions();
        using var watcher = fs.FileSystemWatcher.New("/");

        var act = () => watcher.EnableRaisingEvents = true;

        act.Should().Throw<NotSupportedException>().WithMessage("*change feed*");
    }
}
