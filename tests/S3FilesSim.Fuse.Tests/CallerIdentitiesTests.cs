using FluentAssertions;
using S3FilesSim.FileSystem;
using S3FilesSim.Time;
using Xunit;

namespace S3FilesSim.Fuse.Tests;

/// <summary>The caller's supplementary groups and process come from /proc/&lt;pid&gt;/status.</summary>
public sealed class CallerIdentitiesTests
{
    [Fact]
    public void ParseStatus_TgidAndGroups_AreRead()
    {
        const string Status = "Name:\tpython3\nTgid:\t4242\nPid:\t4250\nUid:\t1000\t1000\t1000\t1000\nGroups:\t27 100 2000 \nVmPeak:\t1 kB\n";

        var (groups, processId) = CallerIdentities.ParseStatus(Status, 4250);

        groups.Should().Equal(27u, 100u, 2000u);
        processId.Should().Be(4242);
    }

    [Fact]
    public void ParseStatus_NoGroups_IsEmptyAndTheThreadIsTheProcess()
    {
        var (groups, processId) = CallerIdentities.ParseStatus("Name:\tx\nGroups:\t\n", 77);

        groups.Should().BeEmpty();
        processId.Should().Be(77);
    }

    [Fact]
    public void Resolve_ThisProcess_HasItsGroupsAndItsProcessId()
    {
        var callers = new CallerIdentities(TimeProvider.System);

        var caller = callers.Resolve(0, 0, Environment.ProcessId);

        caller.ProcessId.Should().Be(Environment.ProcessId);
        caller.User.Should().Be(new PosixUser(0, 0, CallerIdentities.ParseStatus(File.ReadAllText("/proc/self/status"), 0).Groups));
    }

    [Fact]
    public async Task Resolve_WithinTheLifetime_IsCachedAndAfterItIsReadAgain()
    {
        var wall = new VirtualClock();
        var callers = new CallerIdentities(wall);
        var first = callers.Resolve(5, 6, Environment.ProcessId);

        var cached = callers.Resolve(5, 6, Environment.ProcessId);
        await wall.Scheduler.AdvanceAsync(TimeSpan.FromSeconds(2));
        var again = callers.Resolve(5, 6, Environment.ProcessId);

        ReferenceEquals(cached.User, first.User).Should().BeTrue();
        ReferenceEquals(again.User, first.User).Should().BeFalse();
        again.User.Should().Be(first.User);
    }
}
