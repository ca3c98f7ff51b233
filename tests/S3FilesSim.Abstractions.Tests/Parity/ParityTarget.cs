using System.IO.Abstractions;
using S3FilesSim.FileSystem;

namespace S3FilesSim.Abstractions.Tests.Parity;

/// <summary>One side of the parity suite: a System.IO.Abstractions file system and an empty directory to work in.</summary>
public abstract class ParityTarget : IAsyncDisposable
{
    /// <summary>Gets the file system under test.</summary>
    public abstract System.IO.Abstractions.IFileSystem FileSystem { get; }

    /// <summary>Gets an empty directory (full path, no trailing separator) owned by the test.</summary>
    public abstract string Root { get; }

    /// <summary>Gets a value indicating whether this side is the simulated S3 Files mount.</summary>
    public abstract bool IsS3Files { get; }

    /// <summary>Lets pending watcher events be raised: the simulation runs due work; the real side waits until
    /// <paramref name="done"/> holds (polling with a 5 s deadline: inotify events arrive on their own thread).</summary>
    public abstract Task SettleAsync(Func<bool> done);

    public abstract ValueTask DisposeAsync();
}

/// <summary>TestableIO's real <see cref="FileSystem"/> over a fresh directory under the temp directory (ext4 or tmpfs).</summary>
public sealed class RealTarget : ParityTarget
{
    private readonly string _root;

    public RealTarget()
    {
        _root = Path.Combine(Path.GetTempPath(), "s3filessim-parity-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_root);
    }

    public override System.IO.Abstractions.IFileSystem FileSystem { get; } = new System.IO.Abstractions.FileSystem();

    public override string Root => _root;

    public override bool IsS3Files => false;

    public override async Task SettleAsync(Func<bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (!done() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }

        // inotify may deliver a duplicate or a late Changed shortly after; give it a moment so assertions see the settled set.
        await Task.Delay(50);
    }

    public override ValueTask DisposeAsync()
    {
        if (Directory.Exists(_root))
        {
            foreach (var path in Directory.EnumerateFileSystemEntries(_root, "*", SearchOption.AllDirectories))
            {
                if (!File.GetAttributes(path).HasFlag(FileAttributes.ReparsePoint) && Directory.Exists(path))
                {
                    File.SetUnixFileMode(path, (UnixFileMode)0x1FF);
                }
            }

            Directory.Delete(_root, recursive: true);
        }

        return ValueTask.CompletedTask;
    }
}

/// <summary>The adapter over a mount of a fresh simulation, mounted (for the application) at <c>/mnt/s3files</c>.</summary>
public sealed class SimulatedTarget : ParityTarget
{
    public const string MountPath = "/mnt/s3files";

    public SimulatedTarget()
    {
        Simulation = S3FilesSimulation.Create(new SimulationOptions { Seed = 20 });
        Mount = Simulation.FileSystem.Mount(new MountOptions());
        FileSystem = Mount.AsSystemIOAbstractions(new SystemIOAdapterOptions { MountPath = MountPath });
        FileSystem.Directory.CreateDirectory(Root);
    }

    public S3FilesSimulation Simulation { get; }

    public S3FilesSim.FileSystem.IFileSystem Mount { get; }

    public override System.IO.Abstractions.IFileSystem FileSystem { get; }

    public override string Root => MountPath + "/work";

    public override bool IsS3Files => true;

    public override async Task SettleAsync(Func<bool> done) => await Simulation.RunUntilIdleAsync();

    public override async ValueTask DisposeAsync()
    {
        await Mount.DisposeAsync();
        await Simulation.DisposeAsync();
    }
}
