using System.Runtime.InteropServices;
using S3FilesSim.FileSystem;

namespace S3FilesSim.Locking;

/// <summary>Who holds a lock: a mount and an owner within it (a process id for fcntl locks, an open-file id for flock).</summary>
/// <param name="MountId">The mount's id, unique within the file system.</param>
/// <param name="OwnerId">The owner within the mount.</param>
internal readonly record struct LockOwner(long MountId, long OwnerId);

/// <summary>One lock record as held in the table (the <c>/proc/locks</c> view of a file).</summary>
/// <param name="Owner">The holder.</param>
/// <param name="Lock">The type and range; <see cref="FileLock.Length"/> is 0 when the lock extends to the end of the file and
/// <see cref="FileLock.ProcessId"/> is the holder's <see cref="LockOwner.OwnerId"/>.</param>
internal readonly record struct HeldLock(LockOwner Owner, FileLock Lock);

/// <summary>The outcome of a lock request.</summary>
internal enum LockOutcome
{
    /// <summary>The lock is held (or the range released).</summary>
    Granted,

    /// <summary>A conflicting lock of another owner exists and the caller did not wait (EAGAIN).</summary>
    WouldBlock,

    /// <summary>Granting would pass 512 locks on the file or 8,192 on the mount (ENOLCK).</summary>
    LimitExceeded,

    /// <summary>Waiting would deadlock (EDEADLK).</summary>
    Deadlock,
}

/// <summary>
/// The file system's advisory byte-range lock table, shared by all mounts of one file system (NFSv4 byte-range locks;
/// https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-quotas.html for the limits).
/// </summary>
/// <remarks>
/// <para>Locks follow fcntl(2) record-lock semantics (https://man7.org/linux/man-pages/man2/fcntl.2.html): read locks of
/// different owners coexist, a write lock excludes every lock of another owner on an overlapping range, and one owner's
/// locks never conflict with each other. An owner's records are kept canonical: taking a lock replaces whatever the owner
/// held over the range, overlapping or adjacent records of the same type coalesce, and unlocking or converting part of a
/// record splits it.</para>
/// <para>The limits count records after merging and apply to every request that would add records, unlocks that split a
/// record included (fcntl(2) lists ENOLCK for F_SETLK). Waiters are granted at release time in arrival order, each as
/// soon as its own range is free (a waiter blocked by a lock does not hold back a later waiter whose range is free);
/// requests that do not wait are granted whenever their range is free, as on Linux, so there is no fairness guarantee.
/// A waiter whose mount is released (<see cref="ReleaseMount"/>) is cancelled with an <see cref="OperationCanceledException"/>.</para>
/// <para>All members are thread-safe; a request that does not wait completes synchronously without allocating.</para>
/// </remarks>
internal sealed class AdvisoryLockManager
{
    /// <summary>The inclusive last byte of a lock that extends to the end of the file, however it grows.</summary>
    private const long EndOfFile = long.MaxValue;

    private readonly Lock _gate = new();
    private readonly Dictionary<ulong, FileLocks> _files = [];
    private readonly Dictionary<long, int> _mountLockCounts = [];
    private readonly Dictionary<LockOwner, List<Waiter>> _waitersByOwner = [];

    /// <summary>Creates the lock table.</summary>
    /// <param name="maxLocksPerFile">The most locks on one file across all mounts (512).</param>
    /// <param name="maxLocksPerMount">The most locks held by one mount (8,192).</param>
    /// <exception cref="ArgumentOutOfRangeException">A limit is zero or negative.</exception>
    public AdvisoryLockManager(int maxLocksPerFile = 512, int maxLocksPerMount = 8192)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxLocksPerFile);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxLocksPerMount);
        MaxLocksPerFile = maxLocksPerFile;
        MaxLocksPerMount = maxLocksPerMount;
    }

    /// <summary>Gets the most lock records on one file across all owners and mounts.</summary>
    /// <value>The default value is 512 (S3 Files quota "locks per file").</value>
    public int MaxLocksPerFile { get; }

    /// <summary>Gets the most lock records held by one mount across all files.</summary>
    /// <value>The default value is 8,192 (S3 Files quota "locks per mount").</value>
    public int MaxLocksPerMount { get; }

    /// <summary>Takes, converts or releases (<see cref="LockType.Unlock"/>) a lock on <paramref name="inode"/>; ranges of one owner merge and split like POSIX.</summary>
    /// <param name="inode">The file's inode number.</param>
    /// <param name="owner">The requesting owner.</param>
    /// <param name="request">The range and type (<see cref="FileLock.ProcessId"/> is ignored).</param>
    /// <param name="wait">Wait until the range is free instead of returning <see cref="LockOutcome.WouldBlock"/>.</param>
    /// <param name="cancellationToken">Cancels a wait; the request is then withdrawn and an <see cref="OperationCanceledException"/> thrown.
    /// A request that does not have to wait is decided without looking at the token.</param>
    /// <returns>The outcome; synchronous unless the request waits. A failed request changes nothing.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The start or length is negative, the range ends past <see cref="long.MaxValue"/>, or the type is unknown.</exception>
    /// <exception cref="OperationCanceledException">The wait was cancelled, or the mount was released while waiting.</exception>
    public ValueTask<LockOutcome> LockAsync(ulong inode, LockOwner owner, FileLock request, bool wait, CancellationToken cancellationToken = default)
    {
        var (start, last) = ToRange(request);
        lock (_gate)
        {
            if (request.Type == LockType.Unlock)
            {
                return new(_files.TryGetValue(inode, out var held) ? ApplyAndWake(held, owner, LockType.Unlock, start, last) : LockOutcome.Granted);
            }

            if (!_files.TryGetValue(inode, out var file))
            {
                file = new FileLocks(inode);
                _files.Add(inode, file);
            }

            if (FindConflict(file, owner, request.Type, start, last) < 0)
            {
                var outcome = ApplyAndWake(file, owner, request.Type, start, last);
                if (outcome != LockOutcome.Granted)
                {
                    RemoveIfUnused(file);
                }

                return new(outcome);
            }

            if (!wait)
            {
                return new(LockOutcome.WouldBlock);
            }

            if (cancellationToken.IsCancellationRequested)
            {
                return ValueTask.FromCanceled<LockOutcome>(cancellationToken);
            }

            if (WouldDeadlock(owner, file, request.Type, start, last))
            {
                return new(LockOutcome.Deadlock);
            }

            var waiter = new Waiter(this, file, owner, request.Type, start, last, cancellationToken);
            file.Waiters.Add(waiter);
            (CollectionsMarshal.GetValueRefOrAddDefault(_waitersByOwner, owner, out _) ??= []).Add(waiter);
            if (cancellationToken.CanBeCanceled)
            {
                waiter.Registration = cancellationToken.UnsafeRegister(static state => ((Waiter)state!).Withdraw(), waiter);
            }

            return new(waiter.Completion.Task);
        }
    }

    /// <summary>F_GETLK: the first lock of another owner conflicting with <paramref name="request"/>, with <see cref="FileLock.ProcessId"/> set to its owner id.</summary>
    /// <param name="inode">The file's inode number.</param>
    /// <param name="owner">The asking owner; its own locks never conflict.</param>
    /// <param name="request">The range and type to test.</param>
    /// <returns>The conflicting lock (length 0 when it extends to the end of the file), or <see langword="null"/> when the request
    /// could be granted now or is an unlock.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The start or length is negative, the range ends past <see cref="long.MaxValue"/>, or the type is unknown.</exception>
    public FileLock? GetConflict(ulong inode, LockOwner owner, FileLock request)
    {
        var (start, last) = ToRange(request);
        if (request.Type == LockType.Unlock)
        {
            return null;
        }

        lock (_gate)
        {
            if (!_files.TryGetValue(inode, out var file))
            {
                return null;
            }

            var index = FindConflict(file, owner, request.Type, start, last);
            return index < 0 ? null : file.Records[index].ToFileLock();
        }
    }

    /// <summary>Releases every lock of <paramref name="owner"/> on <paramref name="inode"/> (close(2) semantics) and wakes waiters.</summary>
    /// <param name="inode">The file's inode number.</param>
    /// <param name="owner">The owner whose locks go; its own pending waits, if any, keep waiting.</param>
    public void ReleaseAll(ulong inode, LockOwner owner)
    {
        lock (_gate)
        {
            if (_files.TryGetValue(inode, out var file))
            {
                RemoveRecordsAndWake(file, owner, static (record, owner) => record.Owner == owner);
                RemoveIfUnused(file);
            }
        }
    }

    /// <summary>Releases every lock held by any owner of <paramref name="mountId"/> (unmount) and wakes waiters.</summary>
    /// <param name="mountId">The mount's id.</param>
    /// <remarks>Pending waits of the mount's owners are cancelled first: their tasks end in an <see cref="OperationCanceledException"/>.</remarks>
    public void ReleaseMount(long mountId)
    {
        lock (_gate)
        {
            foreach (var (owner, waiters) in _waitersByOwner)
            {
                if (owner.MountId != mountId)
                {
                    continue;
                }

                foreach (var waiter in waiters)
                {
                    waiter.File.Waiters.Remove(waiter);
                    waiter.Registration.Unregister();
                    waiter.Completion.TrySetCanceled();
                }

                _waitersByOwner.Remove(owner);
            }

            foreach (var file in _files.Values)
            {
                RemoveRecordsAndWake(file, mountId, static (record, mountId) => record.Owner.MountId == mountId);
                RemoveIfUnused(file);
            }
        }
    }

    /// <summary>Releases every lock on <paramref name="inode"/> (the file was removed) and wakes waiters.</summary>
    /// <param name="inode">The file's inode number.</param>
    /// <remarks>Waiters on the file are then granted in arrival order (a waiting process still has the file open).</remarks>
    public void ReleaseInode(ulong inode)
    {
        lock (_gate)
        {
            if (_files.TryGetValue(inode, out var file))
            {
                RemoveRecordsAndWake(file, 0, static (_, _) => true);
                RemoveIfUnused(file);
            }
        }
    }

    /// <summary>The number of locks currently held on <paramref name="inode"/>.</summary>
    /// <param name="inode">The file's inode number.</param>
    /// <returns>The number of lock records across all owners, after merging.</returns>
    public int CountLocks(ulong inode)
    {
        lock (_gate)
        {
            return _files.TryGetValue(inode, out var file) ? file.Records.Count : 0;
        }
    }

    /// <summary>The number of locks currently held by owners of <paramref name="mountId"/> across all files.</summary>
    /// <param name="mountId">The mount's id.</param>
    /// <returns>The number of lock records, after merging.</returns>
    public int CountMountLocks(long mountId)
    {
        lock (_gate)
        {
            return _mountLockCounts.GetValueOrDefault(mountId);
        }
    }

    /// <summary>Lists the locks held on <paramref name="inode"/>, ordered by start offset.</summary>
    /// <param name="inode">The file's inode number.</param>
    /// <returns>A snapshot of the records.</returns>
    public IReadOnlyList<HeldLock> ListLocks(ulong inode)
    {
        lock (_gate)
        {
            return _files.TryGetValue(inode, out var file)
                ? file.Records.ConvertAll(static record => new HeldLock(record.Owner, record.ToFileLock()))
                : [];
        }
    }

    /// <summary>Validates a request and converts it to an inclusive byte range.</summary>
    private static (long Start, long Last) ToRange(FileLock request)
    {
        if (request.Type is not (LockType.Read or LockType.Write or LockType.Unlock))
        {
            throw new ArgumentOutOfRangeException(nameof(request), request.Type, "The lock type is unknown.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(request.Start);
        ArgumentOutOfRangeException.ThrowIfNegative(request.Length);
        if (request.Length == 0)
        {
            return (request.Start, EndOfFile);
        }

        if (request.Length - 1 > EndOfFile - request.Start)
        {
            throw new ArgumentOutOfRangeException(nameof(request), request.Length, "The range ends past the largest file offset.");
        }

        return (request.Start, request.Start + (request.Length - 1));
    }

    /// <summary>Returns the index of the first record of another owner conflicting with the range, or -1.</summary>
    private static int FindConflict(FileLocks file, LockOwner owner, LockType type, long start, long last)
    {
        var records = CollectionsMarshal.AsSpan(file.Records);
        for (var i = 0; i < records.Length; i++)
        {
            ref readonly var record = ref records[i];
            if (record.Start > last)
            {
                break;
            }

            if (ConflictsWith(record, owner, type, start))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Whether a record starting at or before the request's last byte conflicts with the request.</summary>
    private static bool ConflictsWith(in LockRecord record, LockOwner owner, LockType type, long start) =>
        record.Last >= start && record.Owner != owner && (type == LockType.Write || record.Type == LockType.Write);

    /// <summary>Inserts a record keeping the list ordered by start offset.</summary>
    private static void Insert(List<LockRecord> records, LockRecord record)
    {
        var low = 0;
        var high = records.Count;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (records[mid].Start <= record.Start)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        records.Insert(low, record);
    }

    /// <summary>Applies a request known to be free of conflicts, then grants waiters when records were replaced.</summary>
    private LockOutcome ApplyAndWake(FileLocks file, LockOwner owner, LockType type, long start, long last)
    {
        var outcome = Apply(file, owner, type, start, last, out var replaced);
        if (replaced && file.Waiters.Count > 0)
        {
            GrantWaiters(file);
        }

        return outcome;
    }

    /// <summary>
    /// Sets the owner's locks over [start, last] to <paramref name="type"/> (or removes them for an unlock), merging and
    /// splitting the owner's records; checks the limits before changing anything.
    /// </summary>
    private LockOutcome Apply(FileLocks file, LockOwner owner, LockType type, long start, long last, out bool replaced)
    {
        var records = file.Records;
        var removed = 0;
        var mergedStart = start;
        var mergedLast = last;
        LockRecord? left = null;
        LockRecord? right = null;
        foreach (ref readonly var record in CollectionsMarshal.AsSpan(records))
        {
            if (record.Start - 1 > last)
            {
                break;
            }

            if (!IsReplaced(record, owner, type, start, last))
            {
                continue;
            }

            removed++;
            if (record.Start < start)
            {
                if (record.Type == type)
                {
                    mergedStart = record.Start;
                }
                else
                {
                    left = record with { Last = start - 1 };
                }
            }

            if (record.Last > last)
            {
                if (record.Type == type)
                {
                    mergedLast = record.Last;
                }
                else
                {
                    right = record with { Start = last + 1 };
                }
            }
        }

        var added = (type == LockType.Unlock ? 0 : 1) + (left.HasValue ? 1 : 0) + (right.HasValue ? 1 : 0);
        var growth = added - removed;
        ref var mountCount = ref CollectionsMarshal.GetValueRefOrAddDefault(_mountLockCounts, owner.MountId, out _);
        if (growth > 0 && (records.Count + growth > MaxLocksPerFile || mountCount + growth > MaxLocksPerMount))
        {
            if (mountCount == 0)
            {
                _mountLockCounts.Remove(owner.MountId);
            }

            replaced = false;
            return LockOutcome.LimitExceeded;
        }

        mountCount += growth;
        if (mountCount == 0)
        {
            _mountLockCounts.Remove(owner.MountId);
        }

        replaced = removed > 0;
        if (replaced)
        {
            for (var i = records.Count - 1; i >= 0; i--)
            {
                if (IsReplaced(records[i], owner, type, start, last))
                {
                    records.RemoveAt(i);
                }
            }
        }

        if (left.HasValue)
        {
            Insert(records, left.Value);
        }

        if (right.HasValue)
        {
            Insert(records, right.Value);
        }

        if (type != LockType.Unlock)
        {
            Insert(records, new LockRecord(owner, type, mergedStart, mergedLast));
        }

        return LockOutcome.Granted;
    }

    /// <summary>Whether a request replaces <paramref name="record"/>: the owner's records overlapping the range, and adjacent ones of the requested type.</summary>
    private static bool IsReplaced(in LockRecord record, LockOwner owner, LockType type, long start, long last) =>
        record.Owner == owner &&
        (record.Start <= last && record.Last >= start
            || (record.Type == type && (record.Start - 1 == last || record.Last == start - 1)));

    /// <summary>Grants, in arrival order, every waiter whose range is free; repeats while grants release ranges (conversions).</summary>
    private void GrantWaiters(FileLocks file)
    {
        var waiters = file.Waiters;
        bool released;
        do
        {
            released = false;
            for (var i = 0; i < waiters.Count;)
            {
                var waiter = waiters[i];
                if (FindConflict(file, waiter.Owner, waiter.Type, waiter.Start, waiter.Last) >= 0)
                {
                    i++;
                    continue;
                }

                waiters.RemoveAt(i);
                Forget(waiter);
                var outcome = Apply(file, waiter.Owner, waiter.Type, waiter.Start, waiter.Last, out var replaced);
                released |= replaced;
                waiter.Completion.TrySetResult(outcome);
            }
        }
        while (released && waiters.Count > 0);
    }

    /// <summary>Removes the records matching <paramref name="match"/>, then grants waiters when any went.</summary>
    private void RemoveRecordsAndWake<TState>(FileLocks file, TState state, Func<LockRecord, TState, bool> match)
    {
        var records = file.Records;
        var kept = 0;
        for (var i = 0; i < records.Count; i++)
        {
            var record = records[i];
            if (!match(record, state))
            {
                records[kept++] = record;
                continue;
            }

            ref var mountCount = ref CollectionsMarshal.GetValueRefOrNullRef(_mountLockCounts, record.Owner.MountId);
            if (--mountCount == 0)
            {
                _mountLockCounts.Remove(record.Owner.MountId);
            }
        }

        if (kept == records.Count)
        {
            return;
        }

        records.RemoveRange(kept, records.Count - kept);
        if (file.Waiters.Count > 0)
        {
            GrantWaiters(file);
        }
    }

    /// <summary>Drops a file's table once it holds no record and no waiter.</summary>
    private void RemoveIfUnused(FileLocks file)
    {
        if (file.Records.Count == 0 && file.Waiters.Count == 0)
        {
            _files.Remove(file.Inode);
        }
    }

    /// <summary>Whether waiting for the range would close a cycle of owners each waiting for the next (EDEADLK).</summary>
    private bool WouldDeadlock(LockOwner requester, FileLocks file, LockType type, long start, long last)
    {
        if (_waitersByOwner.Count == 0)
        {
            return false;
        }

        var blockers = new Stack<LockOwner>();
        var visited = new HashSet<LockOwner>();
        PushBlockers(blockers, file, requester, type, start, last);
        while (blockers.TryPop(out var blocker))
        {
            if (blocker == requester)
            {
                return true;
            }

            if (!visited.Add(blocker) || !_waitersByOwner.TryGetValue(blocker, out var waits))
            {
                continue;
            }

            foreach (var waiter in waits)
            {
                PushBlockers(blockers, waiter.File, waiter.Owner, waiter.Type, waiter.Start, waiter.Last);
            }
        }

        return false;
    }

    /// <summary>Pushes the owners of every record conflicting with the range.</summary>
    private static void PushBlockers(Stack<LockOwner> blockers, FileLocks file, LockOwner owner, LockType type, long start, long last)
    {
        foreach (ref readonly var record in CollectionsMarshal.AsSpan(file.Records))
        {
            if (record.Start > last)
            {
                break;
            }

            if (ConflictsWith(record, owner, type, start))
            {
                blockers.Push(record.Owner);
            }
        }
    }

    /// <summary>Withdraws a cancelled waiter unless it was already granted or cancelled.</summary>
    private void Withdraw(Waiter waiter)
    {
        lock (_gate)
        {
            if (!waiter.File.Waiters.Remove(waiter))
            {
                return;
            }

            Forget(waiter);
            RemoveIfUnused(waiter.File);
        }

        waiter.Completion.TrySetCanceled(waiter.CancellationToken);
    }

    /// <summary>Drops a waiter from the wait-for index and its cancellation callback (without waiting for a running callback).</summary>
    private void Forget(Waiter waiter)
    {
        var waits = _waitersByOwner[waiter.Owner];
        waits.Remove(waiter);
        if (waits.Count == 0)
        {
            _waitersByOwner.Remove(waiter.Owner);
        }

        waiter.Registration.Unregister();
    }

    /// <summary>One lock record: an owner's lock over the inclusive range [Start, Last]; Last is <see cref="EndOfFile"/> for "to the end".</summary>
    private readonly record struct LockRecord(LockOwner Owner, LockType Type, long Start, long Last)
    {
        public FileLock ToFileLock() =>
            new(Type, Start, Last == EndOfFile ? 0 : Last - Start + 1, (int)Owner.OwnerId);
    }

    /// <summary>The records of one file, ordered by start offset, and its waiters in arrival order.</summary>
    private sealed class FileLocks(ulong inode)
    {
        public ulong Inode { get; } = inode;

        public List<LockRecord> Records { get; } = [];

        public List<Waiter> Waiters { get; } = [];
    }

    /// <summary>A blocked request.</summary>
    private sealed class Waiter(AdvisoryLockManager manager, FileLocks file, LockOwner owner, LockType type, long start, long last, CancellationToken cancellationToken)
    {
        public FileLocks File { get; } = file;

        public LockOwner Owner { get; } = owner;

        public LockType Type { get; } = type;

        public long Start { get; } = start;

        public long Last { get; } = last;

        public CancellationToken CancellationToken { get; } = cancellationToken;

        public TaskCompletionSource<LockOutcome> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public CancellationTokenRegistration Registration { get; set; }

        public void Withdraw() => manager.Withdraw(this);
    }
}
