using S3FilesSim.FileSystem;
using S3FilesSim.Locking;

namespace S3FilesSim.Tests.Locking;

/// <summary>
/// A brute-force model of one file's lock table: one cell per byte of [0, <see cref="Domain"/>) plus a tail cell for
/// [<see cref="Domain"/>, end of file), holding each owner's lock type. Requests must start below <see cref="Domain"/>
/// and finite ones must end at or below it.
/// </summary>
internal sealed class LockTableModel(int domain)
{
    private readonly Dictionary<LockOwner, LockType?[]> _cells = [];

    public int Domain { get; } = domain;

    public IEnumerable<LockOwner> Owners => _cells.Keys;

    /// <summary>Whether another owner holds a lock conflicting with the request.</summary>
    public bool Conflicts(LockOwner owner, FileLock request) =>
        request.Type != LockType.Unlock && _cells.Any(pair => pair.Key != owner && Cells(request).Any(cell =>
            pair.Value[cell] is { } held && (held == LockType.Write || request.Type == LockType.Write)));

    /// <summary>Sets the owner's cells over the request's range.</summary>
    public void Apply(LockOwner owner, FileLock request)
    {
        if (!_cells.TryGetValue(owner, out var cells))
        {
            cells = new LockType?[Domain + 1];
            _cells.Add(owner, cells);
        }

        foreach (var cell in Cells(request))
        {
            cells[cell] = request.Type == LockType.Unlock ? null : request.Type;
        }
    }

    /// <summary>Forgets every lock of the owner.</summary>
    public void Release(LockOwner owner) => _cells.Remove(owner);

    /// <summary>The canonical records of one owner: maximal runs of one type, ordered by start.</summary>
    public IEnumerable<HeldLock> Records(LockOwner owner)
    {
        if (!_cells.TryGetValue(owner, out var cells))
        {
            yield break;
        }

        for (var start = 0; start <= Domain;)
        {
            if (cells[start] is not { } type)
            {
                start++;
                continue;
            }

            var end = start;
            while (end <= Domain && cells[end] == type)
            {
                end++;
            }

            var length = end > Domain ? 0 : end - start;
            yield return new HeldLock(owner, new FileLock(type, start, length, (int)owner.OwnerId));
            start = end;
        }
    }

    /// <summary>The cells a record or request covers.</summary>
    public IEnumerable<int> Cells(FileLock range)
    {
        if (range.Length == 0)
        {
            return Enumerable.Range((int)range.Start, Domain + 1 - (int)range.Start);
        }

        if (range.Start + range.Length > Domain)
        {
            throw new ArgumentOutOfRangeException(nameof(range), range, "Finite ranges must end inside the model's domain.");
        }

        return Enumerable.Range((int)range.Start, (int)range.Length);
    }

    /// <summary>The first pair of overlapping conflicting records of different owners in a snapshot, or null.</summary>
    public static (HeldLock First, HeldLock Second)? FindCrossOwnerConflict(IReadOnlyList<HeldLock> snapshot)
    {
        for (var i = 0; i < snapshot.Count; i++)
        {
            for (var j = i + 1; j < snapshot.Count; j++)
            {
                var (a, b) = (snapshot[i], snapshot[j]);
                if (a.Owner != b.Owner && (a.Lock.Type == LockType.Write || b.Lock.Type == LockType.Write) && Overlap(a.Lock, b.Lock))
                {
                    return (a, b);
                }
            }
        }

        return null;
    }

    private static bool Overlap(FileLock a, FileLock b) => a.Start <= Last(b) && b.Start <= Last(a);

    private static long Last(FileLock range) => range.Length == 0 ? long.MaxValue : range.Start + range.Length - 1;
}
