using FluentAssertions;
using S3FilesSim.FileSystem;
using S3FilesSim.Locking;
using Xunit;

namespace S3FilesSim.Tests.Locking;

// Lock semantics: fcntl(2) record locks (https://man7.org/linux/man-pages/man2/fcntl.2.html) as NFSv4 byte-range locks;
// limits from https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-quotas.html.
public sealed class AdvisoryLockManagerTests
{
    private const ulong Inode = 7;
    private const ulong OtherInode = 8;

    private static readonly LockOwner A = new(1, 100);
    private static readonly LockOwner B = new(1, 200);
    private static readonly LockOwner C = new(2, 300);
    private static readonly LockOwner SameIdOnOtherMount = new(2, 100);

    private readonly AdvisoryLockManager _locks = new();

    [Fact]
    public async Task LockAsync_ReadLocksOfTwoOwners_BothGranted()
    {
        await Take(A, Read(0, 100));

        var outcome = await _locks.LockAsync(Inode, B, Read(50, 100), wait: false);

        outcome.Should().Be(LockOutcome.Granted);
        _locks.CountLocks(Inode).Should().Be(2);
    }

    [Theory]
    [InlineData(LockType.Read, LockType.Write)]
    [InlineData(LockType.Write, LockType.Read)]
    [InlineData(LockType.Write, LockType.Write)]
    public async Task LockAsync_OverlappingLockOfOtherOwnerWithAWrite_WouldBlock(LockType held, LockType requested)
    {
        await Take(A, new FileLock(held, 0, 100));

        var outcome = await _locks.LockAsync(Inode, B, new FileLock(requested, 99, 10), wait: false);

        outcome.Should().Be(LockOutcome.WouldBlock);
    }

    [Fact]
    public async Task LockAsync_SameOwnerIdOnOtherMount_Conflicts()
    {
        await Take(A, Write(0, 10));

        var outcome = await _locks.LockAsync(Inode, SameIdOnOtherMount, Write(5, 1), wait: false);

        outcome.Should().Be(LockOutcome.WouldBlock);
    }

    [Fact]
    public async Task LockAsync_WriteLocksOfTwoOwnersOnAdjacentRanges_BothGranted()
    {
        await Take(A, Write(0, 10));

        var outcome = await _locks.LockAsync(Inode, B, Write(10, 10), wait: false);

        outcome.Should().Be(LockOutcome.Granted);
        _locks.CountLocks(Inode).Should().Be(2);
    }

    [Fact]
    public async Task LockAsync_WriteLocksOnDifferentFiles_BothGranted()
    {
        await Take(A, Write(0, 0));

        var outcome = await _locks.LockAsync(OtherInode, B, Write(0, 0), wait: false);

        outcome.Should().Be(LockOutcome.Granted);
    }

    [Fact]
    public async Task LockAsync_SameOwnerOverlappingWriteOverRead_Granted()
    {
        await Take(A, Read(0, 100));
        await Take(A, Write(0, 10));

        var outcome = await _locks.LockAsync(Inode, A, Write(5, 200), wait: false);

        outcome.Should().Be(LockOutcome.Granted);
        _locks.ListLocks(Inode).Should().Equal(Held(A, Write(0, 205)));
    }

    [Fact]
    public async Task LockAsync_AdjacentRangesOfSameType_MergeIntoOneRecord()
    {
        await Take(A, Write(0, 10));

        await Take(A, Write(10, 10));

        _locks.CountLocks(Inode).Should().Be(1);
        _locks.GetConflict(Inode, B, Read(0, 0)).Should().Be(new FileLock(LockType.Write, 0, 20, 100));
    }

    [Fact]
    public async Task LockAsync_OverlappingRangesOfSameType_MergeIntoOneRecord()
    {
        await Take(A, Read(10, 20));

        await Take(A, Read(0, 15));

        _locks.CountLocks(Inode).Should().Be(1);
        _locks.ListLocks(Inode).Should().Equal(Held(A, Read(0, 30)));
    }

    [Fact]
    public async Task LockAsync_RangeBridgingTwoRecords_MergesAllThree()
    {
        await Take(A, Write(0, 10));
        await Take(A, Write(20, 10));

        await Take(A, Write(10, 10));

        _locks.ListLocks(Inode).Should().Equal(Held(A, Write(0, 30)));
    }

    [Fact]
    public async Task LockAsync_AdjacentRangesOfDifferentType_StaySeparate()
    {
        await Take(A, Write(0, 10));

        await Take(A, Read(10, 10));

        _locks.ListLocks(Inode).Should().Equal(Held(A, Write(0, 10)), Held(A, Read(10, 10)));
    }

    [Fact]
    public async Task LockAsync_AdjacentRangesOfOtherOwners_DoNotMerge()
    {
        await Take(A, Read(0, 10));

        await Take(B, Read(10, 10));

        _locks.ListLocks(Inode).Should().Equal(Held(A, Read(0, 10)), Held(B, Read(10, 10)));
    }

    [Fact]
    public async Task LockAsync_UnlockMiddleOfRange_SplitsIntoTwoRecords()
    {
        await Take(A, Write(0, 30));

        var outcome = await _locks.LockAsync(Inode, A, Unlock(10, 10), wait: false);

        outcome.Should().Be(LockOutcome.Granted);
        _locks.CountLocks(Inode).Should().Be(2);
        _locks.ListLocks(Inode).Should().Equal(Held(A, Write(0, 10)), Held(A, Write(20, 10)));
    }

    [Fact]
    public async Task LockAsync_UnlockMiddleOfRange_HoleLockableByOtherOwner()
    {
        await Take(A, Write(0, 30));
        await Take(A, Unlock(10, 10));

        var hole = await _locks.LockAsync(Inode, B, Write(10, 10), wait: false);
        var beyondHole = await _locks.LockAsync(Inode, B, Write(10, 11), wait: false);

        hole.Should().Be(LockOutcome.Granted);
        beyondHole.Should().Be(LockOutcome.WouldBlock);
    }

    [Fact]
    public async Task LockAsync_UnlockOverlappingSeveralRecords_TrimsEach()
    {
        await Take(A, Write(0, 10));
        await Take(A, Read(10, 10));
        await Take(A, Write(30, 10));

        await Take(A, Unlock(5, 30));

        _locks.ListLocks(Inode).Should().Equal(Held(A, Write(0, 5)), Held(A, Write(35, 5)));
    }

    [Fact]
    public async Task LockAsync_UnlockOfRangeNotHeld_GrantedAndChangesNothing()
    {
        await Take(A, Write(0, 10));

        var outcome = await _locks.LockAsync(Inode, B, Unlock(0, 0), wait: false);

        outcome.Should().Be(LockOutcome.Granted);
        _locks.ListLocks(Inode).Should().Equal(Held(A, Write(0, 10)));
    }

    [Fact]
    public async Task LockAsync_UpgradeMiddleOfReadRange_SplitsIntoReadWriteRead()
    {
        await Take(A, Read(0, 30));

        await Take(A, Write(10, 10));

        _locks.ListLocks(Inode).Should().Equal(Held(A, Read(0, 10)), Held(A, Write(10, 10)), Held(A, Read(20, 10)));
    }

    [Fact]
    public async Task LockAsync_DowngradeMiddleOfWriteRange_OtherOwnerCanReadOnlyTheMiddle()
    {
        await Take(A, Write(0, 30));

        await Take(A, Read(10, 10));

        (await _locks.LockAsync(Inode, B, Read(10, 10), wait: false)).Should().Be(LockOutcome.Granted);
        (await _locks.LockAsync(Inode, B, Read(9, 1), wait: false)).Should().Be(LockOutcome.WouldBlock);
        (await _locks.LockAsync(Inode, B, Read(20, 1), wait: false)).Should().Be(LockOutcome.WouldBlock);
    }

    [Fact]
    public async Task LockAsync_LengthZero_LocksToEndOfFile()
    {
        await Take(A, Write(100, 0));

        var farAway = await _locks.LockAsync(Inode, B, Read(1L << 60, 1), wait: false);
        var before = await _locks.LockAsync(Inode, B, Read(0, 100), wait: false);

        farAway.Should().Be(LockOutcome.WouldBlock);
        before.Should().Be(LockOutcome.Granted);
        _locks.GetConflict(Inode, B, Read(long.MaxValue, 1)).Should().Be(new FileLock(LockType.Write, 100, 0, 100));
    }

    [Fact]
    public async Task LockAsync_UnlockFiniteRangeInsideLockToEndOfFile_LeavesHeadAndOpenTail()
    {
        await Take(A, Read(0, 0));

        await Take(A, Unlock(10, 10));

        _locks.ListLocks(Inode).Should().Equal(Held(A, Read(0, 10)), Held(A, Read(20, 0)));
    }

    [Fact]
    public async Task LockAsync_RangeEndingAtLargestOffset_IsHeldToEndOfFile()
    {
        await Take(A, Write(10, long.MaxValue - 9));

        var outcome = await _locks.LockAsync(Inode, A, Write(0, 10), wait: false);

        outcome.Should().Be(LockOutcome.Granted);
        _locks.ListLocks(Inode).Should().Equal(Held(A, Write(0, 0)));
    }

    [Theory]
    [InlineData(-1, 10)]
    [InlineData(0, -1)]
    [InlineData(10, long.MaxValue)]
    public async Task LockAsync_InvalidRange_ThrowsArgumentOutOfRange(long start, long length)
    {
        var act = async () => await _locks.LockAsync(Inode, A, Write(start, length), wait: false);

        await act.Should().ThrowAsync<ArgumentOutOfRangeException>();
        _locks.CountLocks(Inode).Should().Be(0);
    }

    [Fact]
    public void GetConflict_InvalidRange_ThrowsArgumentOutOfRange()
    {
        var act = () => _locks.GetConflict(Inode, A, Read(-5, 1));

        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public async Task LockAsync_NonBlockingConflict_ChangesNothing()
    {
        await Take(B, Read(0, 100));
        await Take(A, Read(90, 10));

        var outcome = await _locks.LockAsync(Inode, B, Write(0, 200), wait: false);

        outcome.Should().Be(LockOutcome.WouldBlock);
        _locks.ListLocks(Inode).Should().Equal(Held(B, Read(0, 100)), Held(A, Read(90, 10)));
        (await _locks.LockAsync(Inode, C, Read(150, 10), wait: false)).Should().Be(LockOutcome.Granted);
    }

    [Fact]
    public async Task LockAsync_WaitingWriterWhenHolderUnlocks_Granted()
    {
        await Take(A, Read(0, 10));
        var pending = _locks.LockAsync(Inode, B, Write(5, 10), wait: true);
        pending.IsCompleted.Should().BeFalse();

        await Take(A, Unlock(0, 10));

        pending.IsCompleted.Should().BeTrue();
        Completed(pending).Should().Be(LockOutcome.Granted);
        _locks.ListLocks(Inode).Should().Equal(Held(B, Write(5, 10)));
    }

    [Fact]
    public async Task LockAsync_WaitingWriterWhenHolderReleasesAll_Granted()
    {
        await Take(A, Write(0, 10));
        await Take(A, Write(20, 10));
        var pending = _locks.LockAsync(Inode, B, Write(0, 30), wait: true);

        _locks.ReleaseAll(Inode, A);

        Completed(pending).Should().Be(LockOutcome.Granted);
        _locks.ListLocks(Inode).Should().Equal(Held(B, Write(0, 30)));
    }

    [Fact]
    public async Task LockAsync_WaitingWriterWhenInodeReleased_Granted()
    {
        await Take(A, Write(0, 0));
        await Take(C, Read(50, 1), OtherInode);
        var pending = _locks.LockAsync(Inode, B, Write(0, 1), wait: true);

        _locks.ReleaseInode(Inode);

        Completed(pending).Should().Be(LockOutcome.Granted);
        _locks.ListLocks(Inode).Should().Equal(Held(B, Write(0, 1)));
        _locks.CountLocks(OtherInode).Should().Be(1);
    }

    [Fact]
    public async Task LockAsync_WaitingWriterWhenHolderMountReleased_Granted()
    {
        await Take(C, Write(0, 10));
        var pending = _locks.LockAsync(Inode, A, Write(0, 10), wait: true);

        _locks.ReleaseMount(C.MountId);

        Completed(pending).Should().Be(LockOutcome.Granted);
    }

    [Fact]
    public async Task ReleaseMount_WaiterOfReleasedMount_CancelledAndHoldsNothing()
    {
        await Take(A, Write(0, 10));
        var pending = _locks.LockAsync(Inode, C, Write(0, 10), wait: true);

        _locks.ReleaseMount(C.MountId);

        pending.IsCompleted.Should().BeTrue();
        await FluentActions.Awaiting(async () => await pending).Should().ThrowAsync<OperationCanceledException>();
        _locks.ListLocks(Inode).Should().Equal(Held(A, Write(0, 10)));
    }

    [Fact]
    public async Task ReleaseMount_LocksOfAllOwnersOfMountOnAllFiles_Dropped()
    {
        await Take(A, Write(0, 10));
        await Take(B, Write(20, 10));
        await Take(A, Read(0, 10), OtherInode);
        await Take(C, Read(0, 10), OtherInode);

        _locks.ReleaseMount(A.MountId);

        _locks.CountLocks(Inode).Should().Be(0);
        _locks.ListLocks(OtherInode).Should().Equal(Held(C, Read(0, 10)));
        _locks.CountMountLocks(A.MountId).Should().Be(0);
        _locks.CountMountLocks(C.MountId).Should().Be(1);
    }

    [Fact]
    public async Task ReleaseAll_OtherOwnersAndOtherFiles_Untouched()
    {
        await Take(A, Write(0, 10));
        await Take(A, Write(20, 10));
        await Take(B, Write(40, 10));
        await Take(A, Write(0, 10), OtherInode);

        _locks.ReleaseAll(Inode, A);

        _locks.ListLocks(Inode).Should().Equal(Held(B, Write(40, 10)));
        _locks.CountLocks(OtherInode).Should().Be(1);
        _locks.CountMountLocks(A.MountId).Should().Be(2);
    }

    [Fact]
    public async Task LockAsync_TwoWaitersForSameRange_GrantedInArrivalOrder()
    {
        await Take(A, Write(0, 10));
        var first = _locks.LockAsync(Inode, C, Write(0, 10), wait: true);
        var second = _locks.LockAsync(Inode, B, Write(0, 10), wait: true);

        await Take(A, Unlock(0, 10));

        Completed(first).Should().Be(LockOutcome.Granted);
        second.IsCompleted.Should().BeFalse();
        _locks.ReleaseAll(Inode, C);
        Completed(second).Should().Be(LockOutcome.Granted);
    }

    [Fact]
    public async Task LockAsync_WaiterStillPartlyBlocked_KeepsWaiting()
    {
        await Take(A, Write(0, 10));
        await Take(C, Write(10, 10));
        var pending = _locks.LockAsync(Inode, B, Read(0, 20), wait: true);

        await Take(A, Unlock(0, 10));

        pending.IsCompleted.Should().BeFalse();
        await Take(C, Read(10, 10));
        Completed(pending).Should().Be(LockOutcome.Granted);
    }

    [Fact]
    public async Task LockAsync_LaterWaiterWithFreeRange_GrantedBeforeBlockedEarlierWaiter()
    {
        await Take(A, Write(0, 20));
        await Take(C, Write(20, 10));
        var blocked = _locks.LockAsync(Inode, B, Write(10, 15), wait: true);
        var free = _locks.LockAsync(Inode, SameIdOnOtherMount, Write(0, 10), wait: true);

        await Take(A, Unlock(0, 0));

        blocked.IsCompleted.Should().BeFalse();
        Completed(free).Should().Be(LockOutcome.Granted);
    }

    [Fact]
    public async Task LockAsync_GrantedWaiterDowngrade_WakesEarlierWaiter()
    {
        await Take(A, Write(0, 10));
        await Take(B, Write(20, 10));
        var earlier = _locks.LockAsync(Inode, C, Read(20, 10), wait: true);
        var downgrade = _locks.LockAsync(Inode, B, Read(0, 30), wait: true);

        await Take(A, Unlock(0, 10));

        Completed(downgrade).Should().Be(LockOutcome.Granted);
        Completed(earlier).Should().Be(LockOutcome.Granted);
        _locks.ListLocks(Inode).Should().Equal(Held(B, Read(0, 30)), Held(C, Read(20, 10)));
    }

    [Fact]
    public async Task LockAsync_WaitCancelled_ThrowsAndWithdrawsRequest()
    {
        await Take(A, Write(0, 10));
        using var cancellation = new CancellationTokenSource();
        var pending = _locks.LockAsync(Inode, B, Write(0, 10), wait: true, cancellation.Token);

        await cancellation.CancelAsync();

        pending.IsCompleted.Should().BeTrue();
        await FluentActions.Awaiting(async () => await pending).Should().ThrowAsync<OperationCanceledException>();
        await Take(A, Unlock(0, 10));
        _locks.CountLocks(Inode).Should().Be(0);
    }

    [Fact]
    public async Task LockAsync_CancelledTokenAndConflict_ThrowsWithoutWaiting()
    {
        await Take(A, Write(0, 10));

        var pending = _locks.LockAsync(Inode, B, Write(0, 10), wait: true, new CancellationToken(canceled: true));

        pending.IsCanceled.Should().BeTrue();
        _locks.ReleaseAll(Inode, A);
        _locks.CountLocks(Inode).Should().Be(0);
    }

    [Fact]
    public async Task LockAsync_CancelledTokenWithoutConflict_Granted()
    {
        var outcome = await _locks.LockAsync(Inode, B, Write(0, 10), wait: true, new CancellationToken(canceled: true));

        outcome.Should().Be(LockOutcome.Granted);
    }

    [Fact]
    public async Task LockAsync_TwoOwnersWaitingForEachOther_Deadlock()
    {
        await Take(A, Write(0, 10));
        await Take(B, Write(10, 10));
        var aWaits = _locks.LockAsync(Inode, A, Write(10, 10), wait: true);

        var outcome = Completed(_locks.LockAsync(Inode, B, Write(0, 10), wait: true));

        outcome.Should().Be(LockOutcome.Deadlock);
        aWaits.IsCompleted.Should().BeFalse();
        _locks.ReleaseAll(Inode, B);
        Completed(aWaits).Should().Be(LockOutcome.Granted);
    }

    [Fact]
    public async Task LockAsync_ThreeOwnerCycleAcrossFiles_Deadlock()
    {
        await Take(A, Write(0, 10));
        await Take(B, Write(0, 10), OtherInode);
        await Take(C, Write(20, 10));
        var aWaitsForB = _locks.LockAsync(OtherInode, A, Read(5, 1), wait: true);
        var bWaitsForC = _locks.LockAsync(Inode, B, Read(25, 1), wait: true);

        var outcome = Completed(_locks.LockAsync(Inode, C, Write(0, 1), wait: true));

        outcome.Should().Be(LockOutcome.Deadlock);
        aWaitsForB.IsCompleted.Should().BeFalse();
        bWaitsForC.IsCompleted.Should().BeFalse();
    }

    [Fact]
    public async Task LockAsync_WaitChainWithoutCycle_Waits()
    {
        await Take(A, Write(0, 10));
        await Take(B, Write(10, 10));
        _ = _locks.LockAsync(Inode, A, Write(10, 10), wait: true);

        var pending = _locks.LockAsync(Inode, C, Write(0, 10), wait: true);

        pending.IsCompleted.Should().BeFalse();
        _locks.ReleaseAll(Inode, A);
        Completed(pending).Should().Be(LockOutcome.Granted);
    }

    [Fact]
    public async Task LockAsync_FileLimit_512thGrantedAnd513thLimitExceeded()
    {
        for (var i = 0; i < 511; i++)
        {
            await Take(i % 2 == 0 ? A : C, Read(i * 2, 1));
        }

        var last = await _locks.LockAsync(Inode, B, Read(1022, 1), wait: false);
        var over = await _locks.LockAsync(Inode, B, Read(1030, 1), wait: false);

        last.Should().Be(LockOutcome.Granted);
        over.Should().Be(LockOutcome.LimitExceeded);
        _locks.CountLocks(Inode).Should().Be(512);
        _locks.GetConflict(Inode, A, Write(1030, 1)).Should().BeNull();
    }

    [Fact]
    public async Task LockAsync_FileAtLimit_RequestExtendingExistingRecordGranted()
    {
        await FillFile(Inode, A, 512);

        var outcome = await _locks.LockAsync(Inode, A, Read(1022, 100), wait: false);

        outcome.Should().Be(LockOutcome.Granted);
        _locks.CountLocks(Inode).Should().Be(512);
        _locks.GetConflict(Inode, B, Write(1121, 1)).Should().Be(new FileLock(LockType.Read, 1022, 100, 100));
    }

    [Fact]
    public async Task LockAsync_SplitAtFileLimit_LimitExceededAndChangesNothing()
    {
        await FillFile(Inode, A, 511);
        await Take(A, Read(2000, 10));

        var unlock = await _locks.LockAsync(Inode, A, Unlock(2004, 1), wait: false);
        var upgrade = await _locks.LockAsync(Inode, A, Write(2004, 1), wait: false);

        unlock.Should().Be(LockOutcome.LimitExceeded);
        upgrade.Should().Be(LockOutcome.LimitExceeded);
        _locks.CountLocks(Inode).Should().Be(512);
        _locks.GetConflict(Inode, B, Write(2004, 1)).Should().Be(new FileLock(LockType.Read, 2000, 10, 100));
    }

    [Fact]
    public async Task LockAsync_MountLimit_8192ndGrantedAnd8193rdLimitExceeded()
    {
        for (var file = 0; file < 15; file++)
        {
            await FillFile((ulong)(100 + file), file % 2 == 0 ? A : B, 512);
        }

        await FillFile(99, B, 511);

        var last = await _locks.LockAsync(99, A, Read(5000, 1), wait: false);
        var over = await _locks.LockAsync(Inode, A, Read(0, 1), wait: false);
        var merge = await _locks.LockAsync(99, A, Read(5001, 1), wait: false);
        var otherMount = await _locks.LockAsync(Inode, C, Read(0, 1), wait: false);

        last.Should().Be(LockOutcome.Granted);
        over.Should().Be(LockOutcome.LimitExceeded);
        merge.Should().Be(LockOutcome.Granted);
        otherMount.Should().Be(LockOutcome.Granted);
        _locks.CountMountLocks(A.MountId).Should().Be(8192);
    }

    [Fact]
    public async Task LockAsync_WaiterGrantedPastFileLimit_LimitExceeded()
    {
        var locks = new AdvisoryLockManager(maxLocksPerFile: 2);
        await locks.LockAsync(Inode, A, Write(0, 10), wait: false);
        await locks.LockAsync(Inode, C, Read(20, 1), wait: false);
        var pending = locks.LockAsync(Inode, B, Write(0, 1), wait: true);

        await locks.LockAsync(Inode, A, Unlock(0, 1), wait: false);

        Completed(pending).Should().Be(LockOutcome.LimitExceeded);
        locks.ListLocks(Inode).Should().Equal(Held(A, Write(1, 9)), Held(C, Read(20, 1)));
    }

    [Fact]
    public async Task GetConflict_OtherOwnersWriteLock_ReturnsHolderDetails()
    {
        await Take(A, Read(0, 5));
        await Take(C, Write(40, 20));

        var conflict = _locks.GetConflict(Inode, B, Read(50, 100));

        conflict.Should().Be(new FileLock(LockType.Write, 40, 20, 300));
    }

    [Fact]
    public async Task GetConflict_FirstOfSeveralConflicts_ReturnsLowestStart()
    {
        await Take(C, Read(40, 20));
        await Take(A, Read(10, 5));

        var conflict = _locks.GetConflict(Inode, B, Write(0, 0));

        conflict.Should().Be(new FileLock(LockType.Read, 10, 5, 100));
    }

    [Fact]
    public async Task GetConflict_RequestThatCouldBeGranted_ReturnsNull()
    {
        await Take(A, Read(0, 10));
        await Take(B, Write(20, 10));

        var sharedWithOther = _locks.GetConflict(Inode, C, Read(0, 10));
        var ownLock = _locks.GetConflict(Inode, B, Write(20, 0));
        var unlock = _locks.GetConflict(Inode, C, Unlock(0, 0));

        sharedWithOther.Should().BeNull();
        ownLock.Should().BeNull();
        unlock.Should().BeNull();
    }

    [Fact]
    public async Task CountMountLocks_LocksOnSeveralFiles_CountsRecordsAfterMerging()
    {
        await Take(A, Write(0, 10));
        await Take(A, Write(10, 10));
        await Take(B, Read(30, 10));
        await Take(A, Read(0, 1), OtherInode);

        var count = _locks.CountMountLocks(A.MountId);

        count.Should().Be(3);
    }

    [Fact]
    public void Constructor_NonPositiveLimit_ThrowsArgumentOutOfRange()
    {
        var act = () => new AdvisoryLockManager(maxLocksPerFile: 0);

        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public async Task LockAsync_RandomRequestsOfSeveralOwners_MatchBruteForceModel()
    {
        const int Seed = 4242;
        var random = new Random(Seed);
        var model = new LockTableModel(40);
        LockOwner[] owners = [A, B, C, SameIdOnOtherMount];

        for (var step = 0; step < 3000; step++)
        {
            var owner = owners[random.Next(owners.Length)];
            var request = RandomRequest(random, model.Domain);
            var expected = model.Conflicts(owner, request) ? LockOutcome.WouldBlock : LockOutcome.Granted;

            var outcome = await _locks.LockAsync(Inode, owner, request, wait: false);

            outcome.Should().Be(expected, "seed {0}, step {1}: {2} by {3}", Seed, step, request, owner);
            if (outcome == LockOutcome.Granted)
            {
                model.Apply(owner, request);
            }

            var expectedRecords = model.Owners.SelectMany(model.Records).OrderBy(held => held.Lock.Start).ThenBy(held => held.Owner.OwnerId).ThenBy(held => held.Owner.MountId);
            _locks.ListLocks(Inode).OrderBy(held => held.Lock.Start).ThenBy(held => held.Owner.OwnerId).ThenBy(held => held.Owner.MountId)
                .Should().Equal(expectedRecords, "seed {0}, step {1}", Seed, step);
        }
    }

    internal static FileLock RandomRequest(Random random, int domain)
    {
        var start = random.Next(domain);
        var length = random.Next(6) == 0 ? 0 : random.Next(1, Math.Min(8, domain - start) + 1);
        return new FileLock((LockType)random.Next(3), start, length);
    }

    /// <summary>Returns the outcome of a request that must have completed (never awaits a wait that might not end).</summary>
    private static LockOutcome Completed(ValueTask<LockOutcome> pending)
    {
        pending.IsCompleted.Should().BeTrue("the request must be decided by now");
        return pending.Result;
    }

    private static FileLock Read(long start, long length) => new(LockType.Read, start, length);

    private static FileLock Write(long start, long length) => new(LockType.Write, start, length);

    private static FileLock Unlock(long start, long length) => new(LockType.Unlock, start, length);

    private static HeldLock Held(LockOwner owner, FileLock range) => new(owner, range with { ProcessId = (int)owner.OwnerId });

    private async Task Take(LockOwner owner, FileLock request, ulong inode = Inode)
    {
        var outcome = await _locks.LockAsync(inode, owner, request, wait: false);
        outcome.Should().Be(LockOutcome.Granted, "the arrangement takes {0} for {1}", request, owner);
    }

    /// <summary>Takes <paramref name="count"/> disjoint, non-adjacent one-byte read locks at even offsets.</summary>
    private async Task FillFile(ulong inode, LockOwner owner, int count)
    {
        for (var i = 0; i < count; i++)
        {
            await Take(owner, Read(i * 2, 1), inode);
        }
    }
}
