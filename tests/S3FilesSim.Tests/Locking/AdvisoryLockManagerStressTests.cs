using FluentAssertions;
using S3FilesSim.FileSystem;
using S3FilesSim.Locking;
using Xunit;
using Xunit.Abstractions;

namespace S3FilesSim.Tests.Locking;

public sealed class AdvisoryLockManagerStressTests(ITestOutputHelper output)
{
    private const int Seed = 20260407;
    private const int Workers = 4;
    private const int Batches = 8;
    private const int RequestsPerBatch = 1000;
    private const int Domain = 32;
    private static readonly ulong[] Inodes = [1, 2];

    [Fact]
    public async Task LockAsync_ConcurrentRandomRequests_NeverOverlapConflictingLocksAndNeverHang()
    {
        var locks = new AdvisoryLockManager();
        var totals = new Counts();

        for (var batch = 0; batch < Batches; batch++)
        {
            var workers = Enumerable.Range(0, Workers)
                .Select(worker => Task.Run(() => RunWorkerAsync(locks, new LockOwner(worker % 2, worker), Seed + (batch * Workers) + worker)))
                .ToArray();

            var counts = await Task.WhenAll(workers).WaitAsync(TimeSpan.FromMinutes(1));

            foreach (var count in counts)
            {
                totals.Add(count);
            }

            Inodes.Select(locks.CountLocks).Should().OnlyContain(n => n == 0, "seed {0}, batch {1}: every worker released its locks", Seed, batch);
            locks.CountMountLocks(0).Should().Be(0);
            locks.CountMountLocks(1).Should().Be(0);
        }

        output.WriteLine($"seed {Seed}: {totals}");
        totals.Granted.Should().BeGreaterThan(0);
        (totals.WouldBlock + totals.Waited).Should().BeGreaterThan(0, "the workers' requests must contend");
    }

    /// <summary>Runs one worker's requests, then releases its locks.</summary>
    private static async Task<Counts> RunWorkerAsync(AdvisoryLockManager locks, LockOwner owner, int seed)
    {
        var counts = new Counts();
        try
        {
            await RunStepsAsync(locks, owner, seed, counts);
        }
        finally
        {
            // Also on a failed check, so that workers waiting for this owner's locks finish and the failure surfaces.
            foreach (var inode in Inodes)
            {
                locks.ReleaseAll(inode, owner);
            }
        }

        return counts;
    }

    /// <summary>Issues random requests for one owner and checks the table after each against the owner's brute-force model.</summary>
    private static async Task RunStepsAsync(AdvisoryLockManager locks, LockOwner owner, int seed, Counts counts)
    {
        var random = new Random(seed);
        var models = Inodes.ToDictionary(inode => inode, _ => new LockTableModel(Domain));
        for (var step = 0; step < RequestsPerBatch; step++)
        {
            await Task.Yield(); // Requeue on the thread pool so the workers' requests interleave even on one core.
            var inode = Inodes[random.Next(Inodes.Length)];
            if (random.Next(40) == 0)
            {
                locks.ReleaseAll(inode, owner);
                models[inode].Release(owner);
                continue;
            }

            var request = AdvisoryLockManagerTests.RandomRequest(random, Domain);
            var wait = random.Next(2) == 0;

            var pending = locks.LockAsync(inode, owner, request, wait);
            counts.Waited += pending.IsCompleted ? 0 : 1;
            var outcome = await pending;

            counts.Record(outcome);
            outcome.Should().BeOneOf([LockOutcome.Granted, wait ? LockOutcome.Deadlock : LockOutcome.WouldBlock], "seed {0}, step {1}", seed, step);
            if (outcome == LockOutcome.Granted)
            {
                models[inode].Apply(owner, request);
            }

            var snapshot = locks.ListLocks(inode);
            LockTableModel.FindCrossOwnerConflict(snapshot).Should().BeNull("seed {0}, step {1}: conflicting locks of two owners overlap", seed, step);
            snapshot.Where(held => held.Owner == owner).Should().Equal(models[inode].Records(owner), "seed {0}, step {1}: {2}", seed, step, request);
        }
    }

    private sealed class Counts
    {
        public int Granted { get; private set; }

        public int WouldBlock { get; private set; }

        public int Deadlock { get; private set; }

        public int Waited { get; set; }

        public void Record(LockOutcome outcome)
        {
            Granted += outcome == LockOutcome.Granted ? 1 : 0;
            WouldBlock += outcome == LockOutcome.WouldBlock ? 1 : 0;
            Deadlock += outcome == LockOutcome.Deadlock ? 1 : 0;
        }

        public void Add(Counts other)
        {
            Granted += other.Granted;
            WouldBlock += other.WouldBlock;
            Deadlock += other.Deadlock;
            Waited += other.Waited;
        }

        public override string ToString() => $"granted {Granted}, would block {WouldBlock}, deadlock {Deadlock}, waited {Waited}";
    }
}
