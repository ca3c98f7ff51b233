using FluentAssertions;
using S3FilesSim.Fuse.Tests.Fixtures;
using S3FilesSim.ObjectStorage;
using Xunit;

namespace S3FilesSim.Fuse.Tests;

/// <summary>
/// With kernel caching turned on (<see cref="FuseMountOptions.KernelCacheTimeout"/>), bucket-side changes the import
/// applies still reach programs at once: the mount tells the kernel to drop its entries and pages
/// (fuse_lowlevel_notify_inval_entry / _inval_inode). Without caching they are seen anyway; these tests show the
/// notifications, since a one-hour cache would otherwise hide the changes for an hour.
/// </summary>
public sealed class KernelCacheTests
{
    private static readonly TimeSpan PastEventDelay = TimeSpan.FromSeconds(6);
    private static readonly FuseMountOptions Cached = new() { KernelCacheTimeout = TimeSpan.FromHours(1) };

    [Fact]
    public async Task BucketSideOverwrite_WithAnHourOfKernelCache_IsReadAtOnce()
    {
        await using var mounted = await MountedSimulation.StartAsync(options: Cached);
        await mounted.Simulation.Bucket.PutObjectAsync("a.txt", "first");
        await mounted.Simulation.AdvanceAsync(PastEventDelay);
        (await File.ReadAllTextAsync(mounted.PathOf("a.txt"))).Should().Be("first");
        new FileInfo(mounted.PathOf("a.txt")).Length.Should().Be(5, "the attributes are now cached for an hour");

        await mounted.Simulation.Bucket.PutObjectAsync("a.txt", "second, longer");
        await mounted.Simulation.AdvanceAsync(PastEventDelay);

        (await Eventually.TrueAsync(() => new FileInfo(mounted.PathOf("a.txt")).Length == 14)).Should().BeTrue("the kernel's cached size was dropped");
        (await File.ReadAllTextAsync(mounted.PathOf("a.txt"))).Should().Be("second, longer");
    }

    [Fact]
    public async Task BucketSideDelete_WithAnHourOfKernelCache_RemovesTheName()
    {
        await using var mounted = await MountedSimulation.StartAsync(options: Cached);
        await mounted.Simulation.Bucket.PutObjectAsync("gone.txt", "x");
        await mounted.Simulation.AdvanceAsync(PastEventDelay);
        File.Exists(mounted.PathOf("gone.txt")).Should().BeTrue();

        await mounted.Simulation.Bucket.DeleteObjectAsync(new DeleteObjectRequest { Key = "gone.txt" });
        await mounted.Simulation.AdvanceAsync(PastEventDelay);

        (await Eventually.TrueAsync(() => !File.Exists(mounted.PathOf("gone.txt")))).Should().BeTrue();
    }

    [Fact]
    public async Task KernelCache_ReaddirplusListing_CountsALookupPerEntry()
    {
        await using var mounted = await MountedSimulation.StartAsync(options: Cached);
        for (var i = 0; i < 10; i++)
        {
            await File.WriteAllTextAsync(mounted.PathOf($"f{i}"), "x");
        }

        await File.WriteAllTextAsync("/proc/sys/vm/drop_caches", "2");
        await Eventually.TrueAsync(() => mounted.Mount.KernelInodes == 1);
        var listing = await ChildProcess.RunAsync("ls", "-l", mounted.Root);

        listing.ExitCode.Should().Be(0, listing.ToString());
        listing.Output.Split('\n').Count(line => line.StartsWith("-rw", StringComparison.Ordinal)).Should().Be(10);
        mounted.Mount.KernelInodes.Should().Be(11, "the root and the ten entries READDIRPLUS returned");
    }
}
