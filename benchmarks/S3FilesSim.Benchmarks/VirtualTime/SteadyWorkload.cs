using S3FilesSim.FileSystem;
using S3FilesSim.ObjectStorage;

namespace S3FilesSim.Benchmarks.VirtualTime;

/// <summary>
/// A steady workload: every virtual minute a mount overwrites two 4 KiB files of a working set of 100, reads two others
/// and stats one, and another S3 client puts one 1 KiB object under <c>inbox/</c>, a directory the mount has listed, so
/// the export and the import both have work every minute.
/// </summary>
internal sealed class SteadyWorkload
{
    private const int WorkingSet = 100;
    private static readonly byte[] FileBody = Enumerable.Range(0, 4096).Select(i => (byte)i).ToArray();
    private static readonly byte[] ObjectBody = new byte[1024];

    private readonly S3FilesSimulation _simulation;
    private readonly IFileSystem _mount;
    private readonly byte[] _buffer = new byte[4096];
    private int _minute;

    private SteadyWorkload(S3FilesSimulation simulation, IFileSystem mount)
    {
        _simulation = simulation;
        _mount = mount;
    }

    /// <summary>Gets the number of workload minutes run so far.</summary>
    public int Minutes => _minute;

    /// <summary>Creates a simulation with its mount, the working set written and exported, and <c>inbox/</c> listed.</summary>
    /// <returns>The workload; <see cref="ScheduleEveryMinute"/> or <see cref="RunMinuteAsync"/> drive it.</returns>
    public static SteadyWorkload Create()
    {
        var simulation = S3FilesSimulation.Create();
        var mount = simulation.FileSystem.Mount(new MountOptions { User = PosixUser.Root });
        var workload = new SteadyWorkload(simulation, mount);
        mount.MkdirAsync("/work").AsTask().GetAwaiter().GetResult();
        mount.MkdirAsync("/inbox").AsTask().GetAwaiter().GetResult();
        for (var i = 0; i < WorkingSet; i++)
        {
            workload.WriteAsync(i).AsTask().GetAwaiter().GetResult();
        }

        mount.ReadDirectoryAsync("/inbox").AsTask().GetAwaiter().GetResult();
        simulation.AdvanceAsync(TimeSpan.FromMinutes(5)).AsTask().GetAwaiter().GetResult();
        return workload;
    }

    /// <summary>Advances the simulation by <paramref name="duration"/>, running the workload minutes and all background work that fall due.</summary>
    /// <param name="duration">The virtual time to simulate.</param>
    /// <returns>A task that completes when the clock has reached the target.</returns>
    public ValueTask AdvanceAsync(TimeSpan duration) => _simulation.AdvanceAsync(duration);

    /// <summary>Schedules one workload minute every virtual minute from now on.</summary>
    public void ScheduleEveryMinute() => _simulation.Scheduler.Schedule(TimeSpan.FromMinutes(1), TickAsync, "steady workload minute");

    /// <summary>Runs one minute's foreground operations now, without moving the clock.</summary>
    /// <returns>A task that completes when the operations are done.</returns>
    public async ValueTask RunMinuteAsync()
    {
        var minute = _minute++;
        await WriteAsync((minute * 2) % WorkingSet);
        await WriteAsync(((minute * 2) + 1) % WorkingSet);
        await ReadAsync((minute + 50) % WorkingSet);
        await ReadAsync((minute + 51) % WorkingSet);
        await _mount.StatAsync(PathOf((minute + 75) % WorkingSet));
        await _simulation.Bucket.PutObjectAsync($"inbox/object-{minute:D5}", ObjectBody);
    }

    /// <summary>Disposes the simulation.</summary>
    /// <returns>A task that completes when the simulation is disposed.</returns>
    public ValueTask DisposeAsync() => _simulation.DisposeAsync();

    private static string PathOf(int file) => "/work/file-" + file.ToString("D3", System.Globalization.CultureInfo.InvariantCulture);

    private async ValueTask TickAsync(CancellationToken cancellationToken)
    {
        await RunMinuteAsync();
        ScheduleEveryMinute();
    }

    private async ValueTask WriteAsync(int file)
    {
        var handle = await _mount.OpenAsync(PathOf(file), OpenFlags.WriteOnly | OpenFlags.Create | OpenFlags.Truncate);
        await _mount.WriteAsync(handle, FileBody, 0);
        await _mount.CloseAsync(handle);
    }

    private async ValueTask ReadAsync(int file)
    {
        var handle = await _mount.OpenAsync(PathOf(file), OpenFlags.ReadOnly);
        await _mount.ReadAsync(handle, _buffer, 0);
        await _mount.CloseAsync(handle);
    }
}
