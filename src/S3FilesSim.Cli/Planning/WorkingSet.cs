namespace S3FilesSim.Cli.Planning;

/// <summary>The working set: the files the workload touches, chosen from the dataset in the selection's order until
/// the working-set size is reached; the same order gives the working set at any other size (the break-even curve).</summary>
internal sealed class WorkingSet
{
    private readonly ulong[] _members;

    private WorkingSet(int[] order, int count, long bytes, int datasetCount)
    {
        Order = order;
        Files = count;
        Bytes = bytes;
        _members = new ulong[(datasetCount + 63) / 64];
        for (var i = 0; i < count; i++)
        {
            _members[order[i] >> 6] |= 1UL << (order[i] & 63);
        }
    }

    /// <summary>Gets the files in selection order (the working set is the first <see cref="Files"/>).</summary>
    public int[] Order { get; }

    /// <summary>Gets the number of working-set files.</summary>
    public int Files { get; }

    /// <summary>Gets the working set's bytes.</summary>
    public long Bytes { get; }

    /// <summary>Returns whether <paramref name="file"/> is in the working set.</summary>
    public bool Contains(int file) => (_members[file >> 6] & (1UL << (file & 63))) != 0;

    /// <summary>Chooses the working set of <paramref name="dataset"/>.</summary>
    public static WorkingSet Select(Dataset dataset, Workload workload, int seed)
    {
        var count = dataset.Count;
        var order = new int[count];
        for (var i = 0; i < count; i++)
        {
            order[i] = i;
        }

        var limit = count;
        switch (workload.Selection)
        {
            case WorkingSetSelection.Smallest:
            case WorkingSetSelection.Largest:
                var keys = dataset.Sizes.ToArray();
                if (workload.Selection == WorkingSetSelection.Largest)
                {
                    for (var i = 0; i < keys.Length; i++)
                    {
                        keys[i] = -keys[i];
                    }
                }

                Array.Sort(keys, order);
                break;
            case WorkingSetSelection.Random:
                Shuffle(order, 0, seed);
                break;
            case WorkingSetSelection.Prefix:
                var front = 0;
                for (var i = 0; i < count; i++)
                {
                    if (dataset.InPrefix(i))
                    {
                        order[front++] = i;
                    }
                }

                var back = front;
                for (var i = 0; i < count; i++)
                {
                    if (!dataset.InPrefix(i))
                    {
                        order[back++] = i;
                    }
                }

                Shuffle(order, front, seed);
                limit = front;
                break;
        }

        var target = workload.WorkingSetBytes ?? (long)Math.Round((workload.WorkingSetFraction ?? 1) * dataset.TotalBytes);
        var (files, bytes) = Take(dataset, order, limit, target);
        return new WorkingSet(order, files, bytes, count);
    }

    /// <summary>The first files of <paramref name="order"/> (at most <paramref name="limit"/>) until <paramref name="target"/> bytes are reached.</summary>
    public static (int Files, long Bytes) Take(Dataset dataset, int[] order, int limit, long target)
    {
        long bytes = 0;
        var files = 0;
        while (files < limit && bytes < target)
        {
            bytes += dataset.SizeOf(order[files]);
            files++;
        }

        return (files, bytes);
    }

    private static void Shuffle(int[] items, int from, int seed)
    {
        var random = new Random(seed);
        for (var i = items.Length - 1; i > from; i--)
        {
            var j = from + random.Next(i - from + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
