using FluentAssertions;
using S3FilesSim.FileSystem;
using S3FilesSim.Tests.FileSystem;
using Xunit;
using static S3FilesSim.Tests.Conflicts.ConflictTests;
using static S3FilesSim.Tests.Export.ExportTestKit;

namespace S3FilesSim.Tests.Conflicts;

// The lost+found directory: https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-synchronization.html and
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-troubleshooting.html
public sealed class LostAndFoundTests
{
    [Fact]
    public async Task Directory_IsRootOwned0700AtTheFileSystemRoot()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();

        await MakeConflictAsync(sim, fs, "a.txt");

        var status = await fs.StatAsync("/" + LostDirectory(sim));
        (status.Uid, status.Gid, status.Mode).Should().Be((0u, 0u, FileSystemTestKit.Octal("700")));
    }

    [Fact]
    public async Task Directory_IsNotCreatedBeforeTheFirstConflict()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();

        await fs.WriteFileAsync("/a.txt", "x");
        await sim.AdvanceAsync(TimeSpan.FromSeconds(61));

        (await fs.ReadDirectoryAsync("/")).Select(e => e.Name).Should().Equal("a.txt");
    }

    [Fact]
    public async Task LongName_IsTruncatedTo100Characters()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        var name = new string('n', 150);

        var lost = await MakeConflictAsync(sim, fs, name);

        lost.Should().EndWith("_" + new string('n', 100));
    }

    [Fact]
    public async Task Files_AreNeverExported()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        var lost = await MakeConflictAsync(sim, fs, "a.txt");

        await fs.ChmodAsync(lost, FileSystemTestKit.Octal("644"));
        await sim.AdvanceAsync(TimeSpan.FromMinutes(5));

        (await sim.Bucket.KeysAsync()).Should().Equal("a.txt");
        sim.FileSystem.PendingExports.Should().Be(0);
    }

    [Fact]
    public async Task RenameInsideLostAndFound_ThrowsEPERM()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        var lost = await MakeConflictAsync(sim, fs, "a.txt");

        var act = () => fs.RenameAsync(lost, lost + ".renamed").AsTask();

        await act.WithErrno(Errno.EPERM);
    }

    [Fact]
    public async Task RenameOutOfLostAndFound_ThrowsEPERM()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        var lost = await MakeConflictAsync(sim, fs, "a.txt");

        var act = () => fs.RenameAsync(lost, "/restored.txt").AsTask();

        await act.WithErrno(Errno.EPERM);
    }

    [Fact]
    public async Task RemoveDirectory_ThrowsEPERM()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        var lost = await MakeConflictAsync(sim, fs, "a.txt");
        await fs.UnlinkAsync(lost);

        var act = () => fs.RmdirAsync("/" + LostDirectory(sim)).AsTask();

        await act.WithErrno(Errno.EPERM);
    }

    [Fact]
    public async Task DeleteFile_IsAllowedAndCounted()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        var lost = await MakeConflictAsync(sim, fs, "a.txt");

        await fs.UnlinkAsync(lost);
        await sim.AdvanceAsync(TimeSpan.FromMinutes(2));

        sim.FileSystem.LostAndFoundFiles.Should().Be(0);
        (await sim.Bucket.VersionsAsync()).Should().ContainSingle();
    }

    [Fact]
    public async Task CopyBackToOriginalPath_IsExportedAsNewVersion()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        var lost = await MakeConflictAsync(sim, fs, "a.txt");

        await fs.WriteFileAsync("/a.txt", await fs.ReadFileAsync(lost));
        await sim.AdvanceAsync(TimeSpan.FromSeconds(61));

        (await sim.Bucket.TextAsync("a.txt")).Should().Be("fs");
        (await sim.Bucket.VersionsAsync("a.txt")).Should().HaveCount(2);
    }

    [Fact]
    public async Task Directory_IsInvisibleBelowAnAccessPointRoot()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        await fs.MkdirAsync("/app");
        await MakeConflictAsync(sim, fs, "a.txt");
        var accessPoint = sim.FileSystem.CreateAccessPoint(new AccessPointOptions { RootDirectory = "/app" });

        var apFs = sim.FileSystem.Mount(new MountOptions { User = PosixUser.Root, AccessPointId = accessPoint.AccessPointId });

        (await apFs.ReadDirectoryAsync("/")).Should().BeEmpty();
    }
}
