using FluentAssertions;
using Microsoft.Extensions.Logging;
using S3FilesSim.Fuse.Tests.Fixtures;
using Xunit;

namespace S3FilesSim.Fuse.Tests;

/// <summary>Mounting and unmounting: the mount point checks, a stale mount left by a killed process, unmounting from
/// inside and outside, and the kernel's lookup counts.</summary>
public sealed class FuseMountTests
{
    [Fact]
    public async Task StartAsync_MissingMountPoint_ThrowsNamingMkdir()
    {
        await using var sim = S3FilesSimulation.Create();
        var missing = Path.Combine(Path.GetTempPath(), $"s3filessim-missing-{Guid.NewGuid():N}");

        var act = () => FuseMount.StartAsync(sim.FileSystem, missing);

        (await act.Should().ThrowAsync<FuseMountException>()).Which.Message.Should().Contain("does not exist").And.Contain("mkdir -p");
    }

    [Fact]
    public async Task StartAsync_MountPointIsAFile_ThrowsNotADirectory()
    {
        await using var sim = S3FilesSimulation.Create();
        var file = Path.GetTempFileName();
        try
        {
            var act = () => FuseMount.StartAsync(sim.FileSystem, file);

            (await act.Should().ThrowAsync<FuseMountException>()).Which.Message.Should().Contain("is not a directory");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task StartAsync_MountPointNotEmpty_ThrowsNotEmpty()
    {
        await using var sim = S3FilesSimulation.Create();
        var directory = Directory.CreateTempSubdirectory("s3filessim-full-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(directory, "here"), "x");

            var act = () => FuseMount.StartAsync(sim.FileSystem, directory);

            (await act.Should().ThrowAsync<FuseMountException>()).Which.Message.Should().Contain("is not empty");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task StartAsync_MountPointAlreadyMounted_ThrowsAlreadyAMountPoint()
    {
        await using var mounted = await MountedSimulation.StartAsync();

        var act = () => FuseMount.StartAsync(mounted.Simulation.FileSystem, mounted.Root);

        (await act.Should().ThrowAsync<FuseMountException>()).Which.Message.Should().Contain("already a mount point").And.Contain("fuse.s3files");
    }

    [Fact]
    public async Task StartAsync_InvalidOptions_ThrowsNamingTheOption()
    {
        await using var sim = S3FilesSimulation.Create();

        var act = () => FuseMount.StartAsync(sim.FileSystem, "/tmp", new FuseMountOptions { KernelCacheTimeout = TimeSpan.FromSeconds(-1) });

        (await act.Should().ThrowAsync<ArgumentException>()).Which.Message.Should().Contain(nameof(FuseMountOptions.KernelCacheTimeout));
    }

    [Fact]
    public async Task StartAsync_StaleMountOfAKilledProcess_UnmountsItLazilyWithAWarningAndMounts()
    {
        await using var mounted = await MountedSimulation.StartAsync();
        var directory = mounted.NewDirectory();
        var empty = mounted.NewDirectory();
        using (var killed = CommandLine.Start("mount", directory, "--source", empty))
        {
            (await CommandLine.MountedAsync(directory, killed)).Should().BeTrue(killed.Error);
            await killed.SignalAsync("KILL");
            await killed.ExitAsync();
        }

        var stale = () => Directory.EnumerateFileSystemEntries(directory).ToList();
        stale.Should().Throw<IOException>("the killed process left a dead mount (ENOTCONN) behind");
        var log = new RecordingLoggerFactory();

        await using var mount = await FuseMount.StartAsync(mounted.Simulation.FileSystem, directory, new FuseMountOptions { LoggerFactory = log });
        await File.WriteAllTextAsync(Path.Combine(directory, "alive"), "yes");

        log.Messages.Should().Contain(m => m.Level == LogLevel.Warning && m.Message.Contains("stale FUSE mount", StringComparison.Ordinal));
        (await File.ReadAllTextAsync(Path.Combine(directory, "alive"))).Should().Be("yes");
    }

    [Fact]
    public async Task DisposeAsync_Mounted_UnmountsAndCompletes()
    {
        var mounted = await MountedSimulation.StartAsync();
        var mount = mounted.Mount;
        try
        {
            await mount.DisposeAsync();

            Fuse.MountPoint.MountedType(mount.MountPoint).Should().BeNull();
            mount.Completion.IsCompleted.Should().BeTrue();
        }
        finally
        {
            await mounted.DisposeAsync();
        }
    }

    [Fact]
    public async Task Completion_UnmountedFromOutside_Completes()
    {
        await using var mounted = await MountedSimulation.StartAsync();

        var result = await ChildProcess.RunAsync("umount", mounted.Root);

        result.ExitCode.Should().Be(0, result.ToString());
        (await Eventually.TrueAsync(() => mounted.Mount.Completion.IsCompleted)).Should().BeTrue();
    }

    [Fact]
    public async Task DisposeAsync_MountedThroughASymbolicLinkWithAFileStillOpen_EndsTheConnection()
    {
        var parent = Directory.CreateTempSubdirectory("s3filessim-fuse-link-").FullName;
        var real = Directory.CreateDirectory(Path.Combine(parent, "real")).FullName;
        var link = Path.Combine(parent, "link");
        File.CreateSymbolicLink(link, real);
        await using var simulation = S3FilesSimulation.Create();
        var mount = await FuseMount.StartAsync(simulation.FileSystem, link);
        FileStream? open = null;
        try
        {
            open = new FileStream(Path.Combine(link, "f"), FileMode.Create, FileAccess.ReadWrite);
            await mount.DisposeAsync();

            var act = () => RandomAccess.Write(open.SafeFileHandle, new byte[] { 1, 2, 3 }, 0);

            act.Should().Throw<IOException>().Which.HResult.Should().Be(107, "the connection was found through the link and aborted");
            mount.Completion.IsCompleted.Should().BeTrue("every worker stopped");
        }
        finally
        {
            try
            {
                open?.Dispose();
            }
            catch (IOException)
            {
                // Closing a file of an ended connection fails too.
            }

            await mount.DisposeAsync();
            if (MountPoint.MountedType(real) is not null)
            {
                MountPoint.Detach(real);
            }

            Directory.Delete(parent, recursive: true);
        }
    }

    [Fact]
    public async Task DisposeAsync_FileStillOpen_EndsTheConnectionAndTheFileFailsWithENOTCONN()
    {
        var mounted = await MountedSimulation.StartAsync();
        FileStream? open = null;
        try
        {
            open = new FileStream(mounted.PathOf("f"), FileMode.Create, FileAccess.ReadWrite);
            await mounted.Mount.DisposeAsync();

            var act = () => RandomAccess.Write(open.SafeFileHandle, new byte[] { 1, 2, 3 }, 0);

            act.Should().Throw<IOException>().Which.HResult.Should().Be(107, "ENOTCONN: the connection ended with the mount");
        }
        finally
        {
            try
            {
                open?.Dispose();
            }
            catch (IOException)
            {
                // Closing a file of an ended connection fails too.
            }

            await mounted.DisposeAsync();
        }
    }

    [Fact]
    public async Task KernelInodes_AfterTheKernelForgetsItsEntries_ShrinkBackToTheRoot()
    {
        await using var mounted = await MountedSimulation.StartAsync();
        for (var i = 0; i < 200; i++)
        {
            await File.WriteAllTextAsync(mounted.PathOf($"f{i}"), "x");
        }

        foreach (var file in Directory.EnumerateFiles(mounted.Root))
        {
            _ = new FileInfo(file).Length;
        }

        var held = mounted.Mount.KernelInodes;
        await File.WriteAllTextAsync("/proc/sys/vm/drop_caches", "2");

        held.Should().BeGreaterThan(200, "the kernel looked every file up");
        (await Eventually.TrueAsync(() => mounted.Mount.KernelInodes == 1)).Should().BeTrue($"FORGET released every lookup; {mounted.Mount.KernelInodes} nodes remain");
    }
}
