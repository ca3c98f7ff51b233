using S3FilesSim.Fuse;

namespace S3FilesSim.Fuse.Tests.Fixtures;

/// <summary>
/// A simulation with its default file system mounted through FUSE on a fresh directory under /tmp (mode 0755, so
/// other uids can reach it); more mount points of the same file system on request. Disposing unmounts every mount
/// point (each in its own finally) and removes the directories.
/// </summary>
public sealed class MountedSimulation : IAsyncDisposable
{
    private readonly List<FuseMount> _mounts = [];
    private readonly List<string> _directories = [];

    private MountedSimulation(S3FilesSimulation simulation)
    {
        Simulation = simulation;
    }

    /// <summary>Gets the simulation (manual virtual time: tests advance it).</summary>
    public S3FilesSimulation Simulation { get; }

    /// <summary>Gets the first mount.</summary>
    public FuseMount Mount => _mounts[0];

    /// <summary>Gets the first mount point.</summary>
    public string Root => Mount.MountPoint;

    /// <summary>Mounts a new simulation's file system.</summary>
    public static async Task<MountedSimulation> StartAsync(SimulationOptions? simulationOptions = null, FuseMountOptions? options = null)
    {
        var mounted = new MountedSimulation(S3FilesSimulation.Create(simulationOptions));
        try
        {
            await mounted.MountAnotherAsync(options);
            return mounted;
        }
        catch
        {
            await mounted.DisposeAsync();
            throw;
        }
    }

    /// <summary>Returns a fresh, empty directory under /tmp, mode 0755, removed at disposal.</summary>
    public string NewDirectory()
    {
        var directory = Directory.CreateTempSubdirectory("s3filessim-fuse-").FullName;
        File.SetUnixFileMode(directory, (UnixFileMode)0x1ED);
        _directories.Add(directory);
        return directory;
    }

    /// <summary>Mounts the same file system on another fresh directory: another NFS client.</summary>
    public async Task<FuseMount> MountAnotherAsync(FuseMountOptions? options = null)
    {
        var mount = await FuseMount.StartAsync(Simulation.FileSystem, NewDirectory(), options);
        _mounts.Add(mount);
        return mount;
    }

    /// <summary>Returns the host path of <paramref name="relative"/> on the first mount.</summary>
    public string PathOf(string relative) => Path.Combine(Root, relative.TrimStart('/'));

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            foreach (var mount in _mounts)
            {
                await mount.DisposeAsync();
            }
        }
        finally
        {
            await Simulation.DisposeAsync();
            foreach (var directory in _directories)
            {
                // A child process killed by a failing test leaves its mount behind: detach it before removing the directory.
                if (Fuse.MountPoint.MountedType(directory) is not null)
                {
                    Fuse.MountPoint.Detach(directory);
                }

                if (Directory.Exists(directory))
                {
                    Directory.Delete(directory, recursive: true);
                }
            }
        }
    }
}
