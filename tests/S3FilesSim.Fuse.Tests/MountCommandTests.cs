using FluentAssertions;
using S3FilesSim.Fuse.Tests.Fixtures;
using Xunit;

namespace S3FilesSim.Fuse.Tests;

/// <summary><c>s3files-sim mount</c> as users run it: a child process, scaled time, sync events printed as they happen,
/// the run report on SIGINT or SIGTERM, one-line errors.</summary>
public sealed class MountCommandTests
{
    [Fact]
    public async Task Mount_TimeScale60_ExportsWithinWallSecondsPrintsTheEventAndReportsOnSigint()
    {
        await using var mounted = await MountedSimulation.StartAsync();
        var directory = mounted.NewDirectory();
        using var command = CommandLine.Start("mount", directory, "--time-scale", "60");
        (await CommandLine.MountedAsync(directory, command)).Should().BeTrue(command.Error);
        var corpus = await ChildProcess.RunAsync("ls", Path.Combine(directory, "inbox"));

        var write = await ChildProcess.ShellAsync($"echo hello > '{directory}/hello.txt'");
        var exported = await Eventually.TrueAsync(async () =>
            (await ChildProcess.ShellAsync($"getfattr --only-values -n \"user.s3files.status;$(date +%s)\" '{directory}/hello.txt'")).Output.Contains("s3://", StringComparison.Ordinal));
        var printed = await Eventually.TrueAsync(() => command.Output.Contains("export", StringComparison.Ordinal) && command.Output.Contains("/hello.txt  hello.txt", StringComparison.Ordinal));
        await command.SignalAsync("INT");
        var exitCode = await command.ExitAsync();

        corpus.Output.Should().Contain("Apache-2.0.txt", "the bundled corpus is the bucket's content");
        write.ExitCode.Should().Be(0, write.ToString());
        exported.Should().BeTrue("60 virtual seconds pass in one wall second");
        printed.Should().BeTrue(command.Output);
        exitCode.Should().Be(0, command.Error);
        command.Output.Should().Contain("scenario mount").And.Contain("Cost");
        Fuse.MountPoint.MountedType(directory).Should().BeNull("SIGINT unmounts");
    }

    [Fact]
    public async Task Mount_Sigterm_UnmountsAndExitsZero()
    {
        await using var mounted = await MountedSimulation.StartAsync();
        var directory = mounted.NewDirectory();
        using var command = CommandLine.Start("mount", directory, "--source", mounted.NewDirectory());
        (await CommandLine.MountedAsync(directory, command)).Should().BeTrue(command.Error);

        await command.SignalAsync("TERM");

        (await command.ExitAsync()).Should().Be(0, command.Output + command.Error);
        Fuse.MountPoint.MountedType(directory).Should().BeNull();
    }

    [Fact]
    public async Task Mount_TwoMountPointsReadOnly_BothRefuseWrites()
    {
        await using var mounted = await MountedSimulation.StartAsync();
        var first = mounted.NewDirectory();
        var second = mounted.NewDirectory();
        using var command = CommandLine.Start("mount", first, second, "--read-only");
        (await CommandLine.MountedAsync(second, command)).Should().BeTrue(command.Error);

        var write = await ChildProcess.ShellAsync($"touch '{first}/x' ; touch '{second}/y'");
        var read = await ChildProcess.RunAsync("ls", Path.Combine(second, "inbox"));
        await command.SignalAsync("TERM");
        await command.ExitAsync();

        write.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().HaveCount(2).And.OnlyContain(line => line.Contains("Read-only file system"));
        read.Output.Should().Contain("BSD.txt");
    }

    [Fact]
    public async Task Mount_UserAndAccessPoint_FilesAreCreatedAsThatUserBelowTheRoot()
    {
        await using var mounted = await MountedSimulation.StartAsync();
        var directory = mounted.NewDirectory();
        using var command = CommandLine.Start("mount", directory, "--user", "1000:1000", "--access-point", "/projects/alpha", "--source", mounted.NewDirectory());
        (await CommandLine.MountedAsync(directory, command)).Should().BeTrue(command.Error);

        var write = await ChildProcess.ShellAsync($"echo x > '{directory}/notes.txt' && stat -c '%u:%g' '{directory}/notes.txt'");
        await command.SignalAsync("TERM");
        await command.ExitAsync();

        write.Output.Trim().Should().Be("1000:1000", write.ToString());
    }

    [Fact]
    public async Task Mount_MissingMountPoint_PrintsOneErrorLineAndExitsOne()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"s3filessim-missing-{Guid.NewGuid():N}");
        using var command = CommandLine.Start("mount", missing);

        var exitCode = await command.ExitAsync();

        exitCode.Should().Be(1);
        command.Error.Trim().Should().StartWith("error: mount point").And.Contain("does not exist").And.NotContain("\n");
    }

    [Theory]
    [InlineData("--user", "1000")]
    [InlineData("--user", "alice:staff")]
    [InlineData("--time-scale", "0")]
    public async Task Mount_BadOption_PrintsOneErrorLineAndExitsOne(string option, string value)
    {
        await using var mounted = await MountedSimulation.StartAsync();
        using var command = CommandLine.Start("mount", mounted.NewDirectory(), option, value);

        var exitCode = await command.ExitAsync();

        exitCode.Should().Be(1);
        command.Error.Trim().Should().StartWith($"error: {option}").And.NotContain("\n");
    }

    [Fact]
    public async Task Mount_UnknownChangeSource_PrintsOneErrorLineAndExitsOne()
    {
        await using var mounted = await MountedSimulation.StartAsync();
        using var command = CommandLine.Start("mount", mounted.NewDirectory(), "--endpoint", "http://127.0.0.1:9", "--bucket", "data", "--changes", "carrier-pigeon");

        var exitCode = await command.ExitAsync();

        exitCode.Should().Be(1);
        command.Error.Trim().Should().Be("error: --changes must be one of poll, sqs, push; it was 'carrier-pigeon'.");
    }
}
