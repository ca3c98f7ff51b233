using System.Text;
using FluentAssertions;
using S3FilesSim.FileSystem;
using S3FilesSim.Import;
using S3FilesSim.ObjectStorage;
using S3FilesSim.Tests.FileSystem;
using Xunit;

namespace S3FilesSim.Tests.Reliability.BadInput;

/// <summary>Bad-input behaviours that need their own world (tiny limits) or that succeed in part, and proof that <see cref="StateSnapshot"/> sees every kind of change it claims to.</summary>
public sealed class BadInputRegressionTests
{
    private const long TinyMaxFileSize = 10;

    [Fact]
    public async Task StreamWrite_AcrossTheMaximumFileSize_WritesWhatFitsThenThrowsEFBIG()
    {
        await using var sim = FileSystemTestKit.NewSimulation(new FileSystemOptions { MaxFileSizeBytes = TinyMaxFileSize });
        var fs = sim.Mount();
        using var stream = fs.OpenStream("/f", FileMode.Create, FileAccess.Write);

        var act = () => stream.Write(new byte[16]);

        act.Should().Throw<FileSystemException>().Where(e => e.Errno == Errno.EFBIG);
        stream.Position.Should().Be(TinyMaxFileSize);
    }

    [Fact]
    public async Task WriteAllBytes_PastTheMaximumFileSize_ThrowsEFBIG()
    {
        await using var sim = FileSystemTestKit.NewSimulation(new FileSystemOptions { MaxFileSizeBytes = TinyMaxFileSize });
        var fs = sim.Mount();

        var act = () => fs.WriteAllBytesAsync("/f", new byte[16]);

        await act.WithErrno(Errno.EFBIG);
        (await fs.StatAsync("/f")).Size.Should().Be(TinyMaxFileSize);
    }

    [Fact]
    public async Task Pwrite_CrossingTheMaximumFileSize_IsAShortWrite()
    {
        await using var sim = FileSystemTestKit.NewSimulation(new FileSystemOptions { MaxFileSizeBytes = TinyMaxFileSize });
        var fs = sim.Mount();
        var handle = await fs.OpenAsync("/f", OpenFlags.Create | OpenFlags.WriteOnly);

        var written = await fs.WriteAsync(handle, new byte[4], TinyMaxFileSize - 1);

        written.Should().Be(1);
    }

    [Fact]
    public async Task Open_PastTheMountsHandleLimit_ThrowsEMFILEAndCreatesNothing()
    {
        await using var sim = FileSystemTestKit.NewSimulation(new FileSystemOptions { MaxOpenFilesPerMount = 2 });
        var fs = sim.Mount();
        await fs.OpenAsync("/a", OpenFlags.Create | OpenFlags.WriteOnly);
        await fs.OpenAsync("/b", OpenFlags.Create | OpenFlags.WriteOnly);

        var act = () => fs.OpenAsync("/c", OpenFlags.Create | OpenFlags.WriteOnly).AsTask();

        await act.WithErrno(Errno.EMFILE);
        (await fs.ReadDirectoryAsync("/")).Select(e => e.Name).Should().BeEquivalentTo("a", "b");
    }

    [Fact]
    public async Task SetLock_NegativeLength_LocksTheBytesBeforeTheStart()
    {
        await using var world = await BadInputWorld.CreateAsync();

        await world.Root.SetLockAsync(world.ReadWriteHandle, new FileLock(LockType.Write, 30, -10));

        var blocking = await world.Alice.GetLockAsync(world.AliceHandle, new FileLock(LockType.Read, 25, 1));
        blocking.Should().NotBeNull();
        blocking!.Value.Start.Should().Be(20);
        blocking.Value.Length.Should().Be(10);
    }

    [Fact]
    public async Task Chown_IdMinusOne_KeepsThatId()
    {
        await using var world = await BadInputWorld.CreateAsync();

        await world.Root.ChownAsync("/file", uint.MaxValue, 5);

        var status = await world.Root.StatAsync("/file");
        status.Uid.Should().Be(0);
        status.Gid.Should().Be(5);
    }

    [Fact]
    public async Task Create_NameWithASurrogatePair_Succeeds()
    {
        await using var world = await BadInputWorld.CreateAsync();

        await world.Root.WriteFileAsync("/\U0001F600.txt", "emoji");

        (await world.Root.ReadFileAsync("/\U0001F600.txt")).Should().Be("emoji");
    }

    [Fact]
    public async Task Handle_OfAnotherFileSystemWithTheSameNumber_IsEBADF()
    {
        await using var world = await BadInputWorld.CreateAsync();
        var foreign = world.OtherFileSystemHandle;
        var local = world.ReadWriteHandle;

        var act = () => world.Root.FstatAsync(foreign).AsTask();

        foreign.Value.Should().Be(local.Value);
        await act.WithErrno(Errno.EBADF);
    }

    public static TheoryData<string> Mutations => new(MutationTable.Keys);

    [Theory]
    [MemberData(nameof(Mutations))]
    public async Task Snapshot_AfterAVisibleChange_Differs(string mutation)
    {
        await using var world = await BadInputWorld.CreateAsync();
        await StateSnapshot.CaptureAsync(world);
        var before = await StateSnapshot.CaptureAsync(world);

        await MutationTable[mutation](world);

        (await StateSnapshot.CaptureAsync(world)).Should().NotEqual(before);
    }

    private static readonly Dictionary<string, Func<BadInputWorld, Task>> MutationTable = new(StringComparer.Ordinal)
    {
        ["chmod"] = w => w.Root.ChmodAsync("/file", (UnixFileMode)0x180).AsTask(),
        ["unflushed write"] = w => w.Root.WriteAsync(w.WriteHandle, Encoding.UTF8.GetBytes("!")).AsTask(),
        ["write in the other file system"] = w => w.OtherFileSystem.WriteFileAsync("/more", "x"),
        ["seek"] = w => w.Root.SeekAsync(w.ReadHandle, 1, SeekOrigin.Begin).AsTask(),
        ["lock"] = w => w.Root.SetLockAsync(w.ReadWriteHandle, new FileLock(LockType.Write, 10, 1)).AsTask(),
        ["unlock"] = w => w.Root.SetLockAsync(w.ReadWriteHandle, new FileLock(LockType.Unlock, 0, 0)).AsTask(),
        ["bucket metadata-only copy"] = w => w.Bucket.CopyObjectAsync(new CopyObjectRequest { SourceKey = BadInputWorld.VersionedKey, DestinationKey = BadInputWorld.VersionedKey, MetadataDirective = MetadataDirective.Replace }).AsTask(),
        ["upload part"] = w => w.Bucket.UploadPartAsync(new UploadPartRequest { Key = BadInputWorld.UploadKey, UploadId = w.UploadId, PartNumber = 3, Content = ObjectContent.FromString("p") }).AsTask(),
        ["schedule work"] = w => Task.FromResult(w.Sim.Scheduler.Schedule(TimeSpan.FromHours(1), () => { })),
        ["advance one tick"] = w => w.Sim.AdvanceAsync(TimeSpan.FromTicks(1)).AsTask(),
        ["access point"] = w => Task.FromResult(w.Sim.FileSystem.CreateAccessPoint(new AccessPointOptions())),
        ["sync configuration"] = w => Task.FromResult(w.Sim.FileSystem.PutSynchronizationConfiguration(new SynchronizationConfiguration())),
        ["bucket"] = w => Task.FromResult(w.Sim.CreateBucket("one-more")),
        ["mount"] = w => Task.FromResult(w.Sim.FileSystem.Mount(new MountOptions())),
    };
}
