using S3FilesSim.FileSystem;
using S3FilesSim.Fuse.Tests.Fixtures;
using S3FilesSim.TestSupport.Posix;

namespace S3FilesSim.Fuse.Tests;

/// <summary>
/// The POSIX parity suite a third time: the same behaviour tests that pass on the real Linux file system and on the
/// simulator in-process, now through a FUSE mount of the simulator with plain libc calls on its mount point, so every
/// errno and attribute goes through the kernel.
/// </summary>
public sealed class FuseParityTests : PosixParityTests
{
    private MountedSimulation? _mounted;

    protected override bool IsS3Files => true;

    /// <summary>FUSE cannot carry the NFS-internal ENOTSUPP (524): the kernel rejects errno values of 512 and above, so the mount reports EOPNOTSUPP.</summary>
    protected override Errno UnsupportedAttributeErrno => Errno.EOPNOTSUPP;

    public override async Task DisposeAsync()
    {
        try
        {
            await base.DisposeAsync();
        }
        finally
        {
            if (_mounted is not null)
            {
                await _mounted.DisposeAsync();
            }
        }
    }

    protected override async Task<IFileSystem> MountAsync()
    {
        _mounted = await MountedSimulation.StartAsync();
        return new LinuxFileSystem(_mounted.Root);
    }
}
