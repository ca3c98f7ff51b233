using S3FilesSim.FileSystem;
using S3FilesSim.TestSupport.Posix;

namespace S3FilesSim.Tests.Posix;

/// <summary>The parity suite against the real Linux file system, in a fresh directory on tmpfs when there is one.</summary>
public sealed class LinuxParityTests : PosixParityTests
{
    private readonly string _root = LinuxTempDirectory.Create("parity");

    protected override bool IsS3Files => false;

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        LinuxTempDirectory.Delete(_root);
    }

    protected override Task<IFileSystem> MountAsync() => Task.FromResult<IFileSystem>(new LinuxFileSystem(_root));
}
