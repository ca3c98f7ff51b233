using S3FilesSim.FileSystem;
using S3FilesSim.TestSupport.Posix;

namespace S3FilesSim.Tests.Posix;

/// <summary>
/// The parity suite against a simulator mount: the same behaviour tests that pass on the real Linux file system
/// (<see cref="LinuxParityTests"/>), run on an S3 Files mount acting as the same user.
/// </summary>
public sealed class SimulatorParityTests : PosixParityTests
{
    private readonly S3FilesSimulation _simulation = S3FilesSimulation.Create();

    protected override bool IsS3Files => true;

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _simulation.DisposeAsync();
    }

    protected override Task<IFileSystem> MountAsync() => SimulatorMounts.MountAsLinuxUserAsync(_simulation);
}

/// <summary>The extension-method tests against a simulator mount.</summary>
public sealed class SimulatorFileSystemExtensionsTests : S3FilesSim.Tests.FileSystem.FileSystemExtensionsTests
{
    private readonly S3FilesSimulation _simulation = S3FilesSimulation.Create();

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _simulation.DisposeAsync();
    }

    protected override Task<IFileSystem> MountAsync() => SimulatorMounts.MountAsLinuxUserAsync(_simulation);
}

/// <summary>Mounts the simulator as the user the test process runs as, over a root directory that user owns, like <see cref="LinuxFileSystem"/>.</summary>
internal static class SimulatorMounts
{
    public static async Task<IFileSystem> MountAsLinuxUserAsync(S3FilesSimulation simulation)
    {
        var user = LinuxFileSystem.CurrentUser();
        await using (var root = simulation.FileSystem.Mount(new MountOptions { User = PosixUser.Root }))
        {
            await root.ChownAsync("/", user.Uid, user.Gid);
        }

        return simulation.FileSystem.Mount(new MountOptions { User = user });
    }
}
