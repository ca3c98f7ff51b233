using BenchmarkDotNet.Attributes;
using S3FilesSim.FileSystem;
using S3FilesSim.Locking;

namespace S3FilesSim.Benchmarks.Locking;

/// <summary>fcntl(2) lock plus unlock of one byte range through <see cref="AdvisoryLockManager"/>, against a dictionary under a lock.</summary>
[MemoryDiagnoser]
public class LockBenchmarks
{
    private const ulong Inode = 42;
    private const long Key = 4096;

    private static readonly LockOwner Owner = new(1, 1);
    private static readonly FileLock WriteRange = new(LockType.Write, 4096, 4096);
    private static readonly FileLock UnlockRange = new(LockType.Unlock, 4096, 4096);

    private readonly Lock _gate = new();
    private readonly Dictionary<long, long> _table = [];
    private AdvisoryLockManager _locks = null!;

    /// <summary>Gets or sets the number of read locks other owners hold on the file (past the benchmarked range).</summary>
    [Params(0, 8)]
    public int OtherLocks { get; set; }

    /// <summary>Builds the lock table and the dictionary with <see cref="OtherLocks"/> entries.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _locks = new AdvisoryLockManager();
        _table.Clear();
        for (var i = 0; i < OtherLocks; i++)
        {
            var start = 65_536 + (i * 8_192L);
            _ = _locks.LockAsync(Inode, new LockOwner(2, i), new FileLock(LockType.Read, start, 4_096), wait: false).Result;
            _table.Add(start, i);
        }
    }

    /// <summary>The baseline: add and remove one entry of a dictionary under a lock.</summary>
    /// <returns>Whether the entry was removed.</returns>
    [Benchmark(Baseline = true, Description = "Dictionary add + remove under a lock")]
    public bool DictionaryAddRemoveUnderLock()
    {
        lock (_gate)
        {
            _table.Add(Key, 1);
            return _table.Remove(Key);
        }
    }

    /// <summary>Takes a write lock on 4 KiB and releases it.</summary>
    /// <returns>Whether both requests were granted.</returns>
    [Benchmark(Description = "AdvisoryLockManager write lock + unlock of 4 KiB")]
    public bool LockThenUnlock()
    {
        var locked = _locks.LockAsync(Inode, Owner, WriteRange, wait: false).Result;
        var unlocked = _locks.LockAsync(Inode, Owner, UnlockRange, wait: false).Result;
        return locked == LockOutcome.Granted && unlocked == LockOutcome.Granted;
    }
}
