using System.Text;
using FluentAssertions;
using S3FilesSim.FileSystem;
using S3FilesSim.HotTier;
using S3FilesSim.ObjectStorage;
using Xunit;
using static S3FilesSim.Tests.Export.ExportTestKit;
using static S3FilesSim.Tests.FileSystem.FileSystemTestKit;

namespace S3FilesSim.Tests.Reliability.Concurrency;

// A file system over a bucket whose chosen calls wait until the test releases them (a slow remote store): the bucket
// is never called with the file system's lock held, so while one mount's first listing, cold read, lost+found move or
// event revalidation waits for the bucket, every other mount's call on resident files and other directories completes
// at once; cancelling the waiting call changes nothing; releasing it after a concurrent change to the same entry ends
// as S3 Files semantics (docs/SEMANTICS.md) and the reference model say.
public sealed class HeldBucketCallTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan EventWindow = TimeSpan.FromSeconds(10);
    private readonly S3FilesSimulation _sim = S3FilesSimulation.Create();
    private HeldObjectStore _held = null!;
    private S3FilesFileSystem _fileSystem = null!;
    private IFileSystem _a = null!;
    private IFileSystem _b = null!;

    public async Task InitializeAsync()
    {
        _held = new HeldObjectStore(_sim.Bucket);
        await _sim.Bucket.PutObjectAsync("cold/x.txt", "x");
        await _sim.Bucket.PutObjectAsync("cold/y.txt", "y");
        _fileSystem = _sim.CreateFileSystem(new FileSystemOptions(), _held);
        _a = _fileSystem.Mount(new MountOptions());
        _b = _fileSystem.Mount(new MountOptions());
        await _a.MkdirAsync("/warm");
        await _a.WriteFileAsync("/warm/f", "resident");
    }

    public async Task DisposeAsync() => await _sim.DisposeAsync();

    [Fact]
    public async Task FirstListing_WhileTheBucketHoldsIt_OtherMountsCallsCompleteAtOnce()
    {
        var hold = _held.HoldNext(ObjectStoreOperation.ListObjectsV2, (prefix, _) => prefix == "cold/");
        var listing = _a.ReadDirectoryAsync("/cold").AsTask();
        await hold.Arrived.WaitAsync(Deadline);

        var others = OtherMountsCalls();

        others.Should().OnlyContain(call => call.IsCompletedSuccessfully);
        listing.IsCompleted.Should().BeFalse();
        hold.Release();
        (await listing.WaitAsync(Deadline)).Select(e => e.Name).Should().BeEquivalentTo("x.txt", "y.txt");
    }

    [Fact]
    public async Task FirstListing_TwoMountsAtOnce_ShareOneListing()
    {
        var hold = _held.HoldNext(ObjectStoreOperation.ListObjectsV2, (prefix, _) => prefix == "cold/");
        var first = _a.ReadDirectoryAsync("/cold").AsTask();
        await hold.Arrived.WaitAsync(Deadline);
        var second = _b.StatAsync("/cold/y.txt").AsTask();
        var listsBefore = _held.Calls(ObjectStoreOperation.ListObjectsV2);

        hold.Release();
        await Task.WhenAll(first, second).WaitAsync(Deadline);

        (_held.Calls(ObjectStoreOperation.ListObjectsV2), (await second).Size).Should().Be((listsBefore, 1L));
    }

    [Fact]
    public async Task FirstListing_CancelledWhileTheBucketHoldsIt_ThrowsAndLeavesTheDirectoryUnlisted()
    {
        var hold = _held.HoldNext(ObjectStoreOperation.ListObjectsV2, (prefix, _) => prefix == "cold/");
        using var cancellation = new CancellationTokenSource();
        var listing = _a.ReadDirectoryAsync("/cold", cancellation.Token).AsTask();
        var storeToken = await hold.Arrived.WaitAsync(Deadline);

        cancellation.Cancel();

        await ((Func<Task>)(() => listing)).Should().ThrowAsync<OperationCanceledException>();
        storeToken.IsCancellationRequested.Should().BeTrue("the only caller left, so the listing stops");
        lock (_fileSystem.Namespace.Gate)
        {
            var cold = _fileSystem.Namespace.Root.DirectoryAsIs.Find("cold")!.DirectoryAsIs;
            (cold.Listed, cold.Count).Should().Be((false, 0));
        }
    }

    [Fact]
    public async Task FirstListing_BucketChangedWhileItsMetadataIsHeld_EndsAsTheBucketIsNow()
    {
        var hold = _held.HoldNext(ObjectStoreOperation.HeadObject, (key, _) => key == "cold/x.txt");
        var listing = _a.ReadDirectoryAsync("/cold").AsTask();
        await hold.Arrived.WaitAsync(Deadline);
        await _sim.Bucket.DeleteObjectAsync("cold/x.txt");
        await _sim.Bucket.PutObjectAsync("cold/z.txt", "z");
        var events = _sim.AdvanceAsync(EventWindow).AsTask();

        hold.Release();
        await Task.WhenAll(listing, events).WaitAsync(Deadline);

        (await _a.ReadDirectoryAsync("/cold")).Select(e => e.Name).Should().BeEquivalentTo("y.txt", "z.txt");
    }

    [Fact]
    public async Task ColdRead_WhileTheBucketHoldsIt_OtherMountsCallsCompleteAtOnce()
    {
        var content = await ExportedNonResidentFileAsync();
        var hold = _held.HoldNext(ObjectStoreOperation.GetObject, (key, version) => key == "big.bin" && version is not null);
        var handle = await _a.OpenAsync("/big.bin", OpenFlags.ReadOnly);
        var buffer = new byte[4096];
        var reading = _a.ReadAsync(handle, buffer, 0).AsTask();
        await hold.Arrived.WaitAsync(Deadline);

        var others = OtherMountsCalls();

        others.Should().OnlyContain(call => call.IsCompletedSuccessfully);
        reading.IsCompleted.Should().BeFalse();
        hold.Release();
        (await reading.WaitAsync(Deadline)).Should().Be(4096);
        buffer.Should().Equal(content[..4096]);
    }

    [Fact]
    public async Task ColdRead_CancelledWhileTheBucketHoldsIt_ThrowsAndChangesNothing()
    {
        await ExportedNonResidentFileAsync();
        var hold = _held.HoldNext(ObjectStoreOperation.GetObject, (key, version) => key == "big.bin" && version is not null);
        var handle = await _a.OpenAsync("/big.bin", OpenFlags.ReadOnly);
        var before = _fileSystem.ReadStatistics;
        using var cancellation = new CancellationTokenSource();
        var reading = _a.ReadAsync(handle, new byte[4096], 0, cancellation.Token).AsTask();
        await hold.Arrived.WaitAsync(Deadline);

        cancellation.Cancel();

        await ((Func<Task>)(() => reading)).Should().ThrowAsync<OperationCanceledException>();
        (_fileSystem.ReadStatistics, Resident("big.bin")).Should().Be((before, false));
    }

    [Fact]
    public async Task ColdRead_FileRewrittenByAnotherMountWhileHeld_ReturnsTheNewBytes()
    {
        await ExportedNonResidentFileAsync();
        var hold = _held.HoldNext(ObjectStoreOperation.GetObject, (key, version) => key == "big.bin" && version is not null);
        var handle = await _a.OpenAsync("/big.bin", OpenFlags.ReadOnly);
        var buffer = new byte[4096];
        var reading = _a.ReadAsync(handle, buffer, 0).AsTask();
        await hold.Arrived.WaitAsync(Deadline);
        await _b.WriteFileAsync("/big.bin", "rewritten");

        hold.Release();

        (await reading.WaitAsync(Deadline)).Should().Be(9);
        Encoding.UTF8.GetString(buffer, 0, 9).Should().Be("rewritten");
    }

    [Fact]
    public async Task LostAndFoundMove_WhileTheBucketHoldsTheLosingBytes_OtherMountsCallsCompleteAtOnce()
    {
        var hold = await ConflictWithNonResidentFileAsync();
        var events = _sim.AdvanceAsync(EventWindow).AsTask();
        await hold.Arrived.WaitAsync(Deadline);

        var others = OtherMountsCalls();

        others.Should().OnlyContain(call => call.IsCompletedSuccessfully);
        events.IsCompleted.Should().BeFalse();
        hold.Release();
        await events.WaitAsync(Deadline);
        ((await _a.ReadFileAsync("/c.txt")), _fileSystem.LostAndFoundFiles).Should().Be(("s3", 1));
    }

    [Fact]
    public async Task LostAndFoundMove_CancelledWhileHeld_LeavesTheFileWhereItWas()
    {
        var hold = await ConflictWithNonResidentFileAsync();
        using var cancellation = new CancellationTokenSource();
        var events = _sim.AdvanceAsync(EventWindow, cancellation.Token).AsTask();
        await hold.Arrived.WaitAsync(Deadline);

        cancellation.Cancel();

        await ((Func<Task>)(() => events)).Should().ThrowAsync<OperationCanceledException>();
        (_fileSystem.LostAndFoundFiles, (await _a.StatAsync("/c.txt")).Mode, Resident("c.txt")).Should().Be((0, Octal("600"), false));
    }

    [Fact]
    public async Task LostAndFoundMove_FileRewrittenWhileHeld_TheBucketWinsAndLostAndFoundKeepsTheLatestBytes()
    {
        var hold = await ConflictWithNonResidentFileAsync();
        var events = _sim.AdvanceAsync(EventWindow).AsTask();
        await hold.Arrived.WaitAsync(Deadline);
        await _b.WriteFileAsync("/c.txt", "fs2");

        hold.Release();
        await events.WaitAsync(Deadline);

        ((await _a.ReadFileAsync("/c.txt")), await LostAndFoundContentsAsync()).Should().BeEquivalentTo(("s3", new[] { "fs2" }));
    }

    [Fact]
    public async Task EventRevalidation_WhileTheBucketHoldsIt_OtherMountsCallsCompleteAtOnce()
    {
        var hold = await NewObjectInAccessedDirectoryAsync();
        var events = _sim.AdvanceAsync(EventWindow).AsTask();
        await hold.Arrived.WaitAsync(Deadline);

        var others = OtherMountsCalls();

        others.Should().OnlyContain(call => call.IsCompletedSuccessfully);
        events.IsCompleted.Should().BeFalse();
        hold.Release();
        await events.WaitAsync(Deadline);
        (await _a.ReadFileAsync("/warm/x.txt")).Should().Be("s3");
    }

    [Fact]
    public async Task EventRevalidation_CancelledWhileHeld_ChangesNothing()
    {
        var hold = await NewObjectInAccessedDirectoryAsync();
        using var cancellation = new CancellationTokenSource();
        var events = _sim.AdvanceAsync(EventWindow, cancellation.Token).AsTask();
        await hold.Arrived.WaitAsync(Deadline);

        cancellation.Cancel();

        await ((Func<Task>)(() => events)).Should().ThrowAsync<OperationCanceledException>();
        await ((Func<Task>)(() => _a.StatAsync("/warm/x.txt").AsTask())).WithErrno(Errno.ENOENT);
    }

    [Fact]
    public async Task EventRevalidation_SameNameCreatedWhileHeld_TheBucketWins()
    {
        var hold = await NewObjectInAccessedDirectoryAsync();
        var events = _sim.AdvanceAsync(EventWindow).AsTask();
        await hold.Arrived.WaitAsync(Deadline);
        await _b.WriteFileAsync("/warm/x.txt", "fs");

        hold.Release();
        await events.WaitAsync(Deadline);

        ((await _a.ReadFileAsync("/warm/x.txt")), await LostAndFoundContentsAsync()).Should().BeEquivalentTo(("s3", new[] { "fs" }));
    }

    /// <summary>Calls of the second mount on resident files and other directories, as started (not awaited).</summary>
    private List<Task> OtherMountsCalls() =>
    [
        _b.StatAsync("/warm/f").AsTask(),
        _b.ReadFileAsync("/warm/f"),
        _b.WriteFileAsync("/warm/g", "written while held"),
        _b.MkdirAsync("/other").AsTask(),
        _b.ReadDirectoryAsync("/warm").AsTask(),
        _b.RenameAsync("/warm/f", "/warm/f2").AsTask(),
    ];

    /// <summary>/big.bin, 64 KiB, exported and then not resident (its data expired), so a read goes to the bucket.</summary>
    private async Task<byte[]> ExportedNonResidentFileAsync()
    {
        var content = new byte[64 * 1024];
        new Random(7).NextBytes(content);
        await _a.WriteAllBytesAsync("/big.bin", content);
        await _sim.AdvanceAsync(Quiet);
        Expire("big.bin");
        return content;
    }

    /// <summary>
    /// /c.txt exported, not resident, then chmod-ed (a change not yet exported) while the bucket gets a new version:
    /// its event is a conflict whose lost+found move first reads the losing file's bytes, which the returned hold keeps.
    /// </summary>
    private async Task<HeldObjectStore.Hold> ConflictWithNonResidentFileAsync()
    {
        await _a.WriteFileAsync("/c.txt", "v1");
        await _sim.AdvanceAsync(Quiet);
        Expire("c.txt");
        await _a.ChmodAsync("/c.txt", Octal("600"));
        await _sim.Bucket.PutObjectAsync("c.txt", "s3");
        return _held.HoldNext(ObjectStoreOperation.GetObject, (key, version) => key == "c.txt" && version is not null);
    }

    /// <summary>A new object under /warm (accessed, exported): its event's HEAD is held.</summary>
    private async Task<HeldObjectStore.Hold> NewObjectInAccessedDirectoryAsync()
    {
        await _sim.AdvanceAsync(Quiet);
        await _sim.Bucket.PutObjectAsync("warm/x.txt", "s3");
        return _held.HoldNext(ObjectStoreOperation.HeadObject, (key, _) => key == "warm/x.txt");
    }

    private async Task<string[]> LostAndFoundContentsAsync()
    {
        var directory = "/.s3files-lost+found-" + _fileSystem.FileSystemId;
        var names = (await _a.ReadDirectoryAsync(directory)).Select(e => e.Name).ToList();
        var contents = new List<string>();
        foreach (var name in names)
        {
            contents.Add(await _a.ReadFileAsync(directory + "/" + name));
        }

        return [.. contents];
    }

    /// <summary>Drops a file's data from the high-performance storage, as expiration does.</summary>
    private void Expire(string name)
    {
        lock (_fileSystem.Namespace.Gate)
        {
            var inode = _fileSystem.Namespace.Root.DirectoryAsIs.Find(name)!;
            ChunkStore.Release(ref inode.Content, _fileSystem.Storage);
            inode.Resident = false;
        }
    }

    private bool Resident(string name)
    {
        lock (_fileSystem.Namespace.Gate)
        {
            return _fileSystem.Namespace.Root.DirectoryAsIs.Find(name)!.Resident;
        }
    }
}
