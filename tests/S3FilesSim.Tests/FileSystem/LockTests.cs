using FluentAssertions;
using S3FilesSim.FileSystem;
using S3FilesSim.ObjectStorage;
using Xunit;
using static S3FilesSim.Tests.FileSystem.FileSystemTestKit;

namespace S3FilesSim.Tests.FileSystem;

/// <summary>Advisory locks across mounts (NFSv4 byte-range locks): https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-quotas.html.</summary>
public sealed class LockTests
{
    [Fact]
    public async Task SetLock_WriteLockHeldByOtherMount_ThrowsEAGAIN()
    {
        await using var sim = NewSimulation();
        var (first, held, second, other) = await TwoMountsOnOneFileAsync(sim);
        await first.SetLockAsync(held, new FileLock(LockType.Write, 0, 0));

        var act = async () => await second.SetLockAsync(other, new FileLock(LockType.Write, 0, 10));

        await act.WithErrno(Errno.EAGAIN);
    }

    [Fact]
    public async Task Close_ReleasesTheProcessLocks()
    {
        await using var sim = NewSimulation();
        var (first, held, second, other) = await TwoMountsOnOneFileAsync(sim);
        await first.SetLockAsync(held, new FileLock(LockType.Write, 0, 0));

        await first.CloseAsync(held);

        await second.SetLockAsync(other, new FileLock(LockType.Write, 0, 0));
        (await second.GetLockAsync(other, new FileLock(LockType.Write, 0, 0))).Should().BeNull();
    }

    [Fact]
    public async Task Flock_ExclusiveOnReadOnlyHandle_ThrowsEBADF()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        await fs.WriteFileAsync("/f", "data");
        var handle = await fs.OpenAsync("/f", OpenFlags.ReadOnly);

        var act = async () => await fs.FlockAsync(handle, FlockOperation.Exclusive);

        await act.WithErrno(Errno.EBADF);
    }

    [Fact]
    public async Task SetLock_NegativeStart_ThrowsEINVAL()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        await fs.WriteFileAsync("/f", "data");
        var handle = await fs.OpenAsync("/f", OpenFlags.ReadWrite);

        var act = async () => await fs.SetLockAsync(handle, new FileLock(LockType.Read, -1, 1));

        await act.WithErrno(Errno.EINVAL);
    }

    [Fact]
    public async Task SetLock_PastTheLocksPerFileLimit_ThrowsENOLCK()
    {
        await using var sim = NewSimulation(new FileSystemOptions { MaxLocksPerFile = 1 });
        var fs = sim.Mount();
        await fs.WriteFileAsync("/f", "data");
        var handle = await fs.OpenAsync("/f", OpenFlags.ReadWrite);
        await fs.SetLockAsync(handle, new FileLock(LockType.Write, 0, 1));

        var act = async () => await fs.SetLockAsync(handle, new FileLock(LockType.Write, 10, 1));

        await act.WithErrno(Errno.ENOLCK);
    }

    [Fact]
    public async Task SetLock_RangePastTheLargestOffset_ThrowsEOVERFLOW()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        await fs.WriteFileAsync("/f", "data");
        var handle = await fs.OpenAsync("/f", OpenFlags.ReadWrite);

        var act = async () => await fs.SetLockAsync(handle, new FileLock(LockType.Write, long.MaxValue - 10, 100));

        await act.WithErrno(Errno.EOVERFLOW);
        (await fs.GetLockAsync(handle, new FileLock(LockType.Write, 0, 0))).Should().BeNull();
    }

    [Fact]
    public async Task GetLock_UnlockType_ThrowsEINVAL()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        await fs.WriteFileAsync("/f", "data");
        var handle = await fs.OpenAsync("/f", OpenFlags.ReadWrite);

        var act = async () => await fs.GetLockAsync(handle, new FileLock(LockType.Unlock, 0, 0));

        await act.WithErrno(Errno.EINVAL);
    }

    [Fact]
    public async Task SetLock_WaitingOnOtherMount_IsGrantedWhenTheHolderCloses()
    {
        await using var sim = NewSimulation();
        var (first, held, second, other) = await TwoMountsOnOneFileAsync(sim);
        await first.SetLockAsync(held, new FileLock(LockType.Write, 0, 0));
        var waiting = second.SetLockAsync(other, new FileLock(LockType.Write, 0, 0), wait: true).AsTask();
        waiting.IsCompleted.Should().BeFalse();

        await first.CloseAsync(held);

        await waiting.WaitAsync(TimeSpan.FromSeconds(10));
        (await first.GetLockAsync(await first.OpenAsync("/f", OpenFlags.ReadWrite), new FileLock(LockType.Read, 0, 1)))
            .Should().NotBeNull();
    }

    [Fact]
    public async Task SetLock_HeldOnTheFileSystem_DoesNotBlockBucketWriters()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        await fs.WriteFileAsync("/f", "data");
        var handle = await fs.OpenAsync("/f", OpenFlags.ReadWrite);
        await fs.SetLockAsync(handle, new FileLock(LockType.Write, 0, 0));

        var result = await sim.Bucket.PutObjectAsync("f", "from another S3 client"u8.ToArray());

        result.Should().NotBeNull();
        (await sim.Bucket.HeadObjectAsync("f")).Should().NotBeNull();
    }

    /// <summary>Two mounts of one file system with <c>/f</c> open read-write on each.</summary>
    private static async Task<(IFileSystem First, FileHandle Held, IFileSystem Second, FileHandle Other)> TwoMountsOnOneFileAsync(S3FilesSimulation sim)
    {
        var first = sim.Mount();
        var second = sim.Mount();
        await first.WriteFileAsync("/f", "data");
        return (first, await first.OpenAsync("/f", OpenFlags.ReadWrite), second, await second.OpenAsync("/f", OpenFlags.ReadWrite));
    }
}
