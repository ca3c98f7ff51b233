using System.Globalization;
using FluentAssertions;
using S3FilesSim.Fuse.Tests.Fixtures;
using S3FilesSim.ObjectStorage;
using Xunit;

namespace S3FilesSim.Fuse.Tests;

/// <summary>
/// S3 Files scenarios through the kernel, by programs that know nothing of this library (python3, sh, cp, mv, ls,
/// getfattr, dd, cmp): the export after the commit delay, a bucket-side write arriving after its event, the bucket
/// winning a conflict, close-to-open and fcntl locks between two mount points (two NFS clients)
/// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-synchronization.html). Virtual time is advanced by
/// the test; nothing waits on the wall clock except for other processes, with deadlines.
/// </summary>
public sealed class FuseScenarioTests
{
    private static readonly TimeSpan PastCommitDelay = TimeSpan.FromSeconds(61);
    private static readonly TimeSpan PastEventDelay = TimeSpan.FromSeconds(6);

    [Fact]
    public async Task PythonWrite_AfterTheCommitDelay_IsInTheBucketWithPosixMetadataAndInTheStatus()
    {
        await using var mounted = await MountedSimulation.StartAsync();
        var write = await ChildProcess.PythonAsync("import os, sys; os.makedirs(sys.argv[1], exist_ok=True); open(sys.argv[1] + '/report.csv', 'w').write('a,b\\n1,2\\n'); os.chmod(sys.argv[1] + '/report.csv', 0o640)", mounted.PathOf("out"));
        write.ExitCode.Should().Be(0, write.ToString());
        (await mounted.Simulation.Bucket.HeadObjectAsync("out/report.csv")).Should().BeNull("S3 Files exports about 60 s after the last change");

        await mounted.Simulation.AdvanceAsync(PastCommitDelay);

        var head = await mounted.Simulation.Bucket.HeadObjectAsync("out/report.csv");
        head.Should().NotBeNull();
        head!.Metadata["file-owner"].Should().Be("0");
        head.Metadata["file-permissions"].Should().Be("0100640");
        var status = await ChildProcess.ShellAsync($"getfattr --only-values -n \"user.s3files.status;$(date +%s)\" '{mounted.PathOf("out/report.csv")}'");
        status.Output.Should().Be($"S3Key: s3://{mounted.Simulation.Bucket.BucketName}/out/report.csv\n");
    }

    [Fact]
    public async Task BucketSideWrite_AfterTheEventDelay_IsSeenByCat()
    {
        await using var mounted = await MountedSimulation.StartAsync();
        await mounted.Simulation.Bucket.PutObjectAsync("inbox/a.txt", "version 1");
        await mounted.Simulation.AdvanceAsync(PastEventDelay);
        (await ChildProcess.RunAsync("cat", mounted.PathOf("inbox/a.txt"))).Output.Should().Be("version 1");

        await mounted.Simulation.Bucket.PutObjectAsync("inbox/a.txt", "version 2 from another S3 client");
        await mounted.Simulation.AdvanceAsync(PastEventDelay);

        (await ChildProcess.RunAsync("cat", mounted.PathOf("inbox/a.txt"))).Output.Should().Be("version 2 from another S3 client");
        (await ChildProcess.RunAsync("ls", mounted.PathOf("inbox"))).Output.Should().Be("a.txt\n");
    }

    [Fact]
    public async Task Conflict_TheBucketWins_TheFileBytesGoToLostAndFound()
    {
        await using var mounted = await MountedSimulation.StartAsync();
        await mounted.Simulation.Bucket.PutObjectAsync("doc.txt", "original");
        await mounted.Simulation.AdvanceAsync(PastEventDelay);
        var edit = await ChildProcess.ShellAsync($"echo 'edited on the mount' > '{mounted.PathOf("doc.txt")}'");
        edit.ExitCode.Should().Be(0, edit.ToString());

        await mounted.Simulation.Bucket.PutObjectAsync("doc.txt", "written in the bucket");
        await mounted.Simulation.AdvanceAsync(PastCommitDelay);

        (await ChildProcess.RunAsync("cat", mounted.PathOf("doc.txt"))).Output.Should().Be("written in the bucket");
        var lostAndFound = mounted.PathOf($".s3files-lost+found-{mounted.Simulation.FileSystem.FileSystemId}");
        var listing = await ChildProcess.RunAsync("ls", lostAndFound);
        var lost = listing.Output.Trim();
        lost.Should().EndWith("_doc.txt", listing.ToString());
        (await ChildProcess.RunAsync("cat", Path.Combine(lostAndFound, lost))).Output.Should().Be("edited on the mount\n");
    }

    [Fact]
    public async Task TwoMountPoints_SeeEachOthersWritesAfterCloseOnly()
    {
        await using var mounted = await MountedSimulation.StartAsync();
        var other = await mounted.MountAnotherAsync();
        await File.WriteAllTextAsync(mounted.PathOf("shared.txt"), "old");
        const string Program = """
            import sys
            writer_path, reader_path = sys.argv[1], sys.argv[2]
            f = open(writer_path, "r+")
            f.write("new")
            f.flush()
            print("open:", open(reader_path).read())
            f.close()
            print("closed:", open(reader_path).read())
            """;

        var result = await ChildProcess.PythonAsync(Program, mounted.PathOf("shared.txt"), Path.Combine(other.MountPoint, "shared.txt"));

        result.Output.Should().Be("open: old\nclosed: new\n", "another NFS client sees a write once the writer closes (close-to-open)");
    }

    [Fact]
    public async Task Lockf_TwoProcessesOnTwoMountPoints_ExcludeEachOther()
    {
        await using var mounted = await MountedSimulation.StartAsync();
        var other = await mounted.MountAnotherAsync();
        await File.WriteAllTextAsync(mounted.PathOf("ledger"), "0");
        const string Holder = """
            import fcntl, sys
            f = open(sys.argv[1], "r+")
            fcntl.lockf(f, fcntl.LOCK_EX)
            print("locked", flush=True)
            sys.stdin.readline()
            f.close()
            """;
        const string Contender = """
            import fcntl, sys
            f = open(sys.argv[1], "r+")
            try:
                fcntl.lockf(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
                print("got it at once")
            except BlockingIOError:
                print("busy", flush=True)
                fcntl.lockf(f, fcntl.LOCK_EX)
                print("got it after the holder closed")
            """;
        using var holder = ChildProcess.Start("python3", "-c", Holder, mounted.PathOf("ledger"));
        (await holder.StandardOutput.ReadLineAsync()).Should().Be("locked");

        using var contender = ChildProcess.Start("python3", "-c", Contender, Path.Combine(other.MountPoint, "ledger"));
        var first = await contender.StandardOutput.ReadLineAsync();
        await holder.StandardInput.WriteLineAsync();
        await holder.StandardInput.FlushAsync();
        var second = await contender.StandardOutput.ReadLineAsync();
        using var deadline = new CancellationTokenSource(ChildProcess.Deadline);
        await Task.WhenAll(holder.WaitForExitAsync(deadline.Token), contender.WaitForExitAsync(deadline.Token));

        first.Should().Be("busy");
        second.Should().Be("got it after the holder closed");
        contender.ExitCode.Should().Be(0);
    }

    [Fact]
    public async Task Lockf_WaitInterruptedByASignal_FailsThatCallAndLeavesNoWaiterBehind()
    {
        await using var mounted = await MountedSimulation.StartAsync();
        await File.WriteAllTextAsync(mounted.PathOf("ledger"), "0");
        const string Holder = """
            import fcntl, sys
            f = open(sys.argv[1], "r+")
            fcntl.lockf(f, fcntl.LOCK_EX)
            print("locked", flush=True)
            sys.stdin.readline()
            f.close()
            """;
        const string Waiter = """
            import fcntl, signal, sys
            def on_alarm(signum, frame):
                raise TimeoutError()
            signal.signal(signal.SIGALRM, on_alarm)
            f = open(sys.argv[1], "r+")
            signal.alarm(1)
            try:
                fcntl.lockf(f, fcntl.LOCK_EX)
                print("locked")
            except TimeoutError:
                print("interrupted")
            """;
        using var holder = ChildProcess.Start("python3", "-c", Holder, mounted.PathOf("ledger"));
        (await holder.StandardOutput.ReadLineAsync()).Should().Be("locked");

        var waiter = await ChildProcess.PythonAsync(Waiter, mounted.PathOf("ledger"));
        await holder.StandardInput.WriteLineAsync();
        await holder.StandardInput.FlushAsync();
        using var deadline = new CancellationTokenSource(ChildProcess.Deadline);
        await holder.WaitForExitAsync(deadline.Token);
        var after = await ChildProcess.PythonAsync("import fcntl, sys; f = open(sys.argv[1], 'r+'); fcntl.lockf(f, fcntl.LOCK_EX | fcntl.LOCK_NB); print('free')", mounted.PathOf("ledger"));

        waiter.Output.Trim().Should().Be("interrupted", "FUSE_INTERRUPT cancels the waiting F_SETLKW with EINTR");
        after.Output.Trim().Should().Be("free", after.ToString());
    }

    [Fact]
    public async Task CpMvLs_ATreeCopiedInAndMoved_IsListedAndExportedAtItsNewKeys()
    {
        await using var mounted = await MountedSimulation.StartAsync();
        var source = mounted.NewDirectory();
        Directory.CreateDirectory(Path.Combine(source, "docs"));
        await File.WriteAllTextAsync(Path.Combine(source, "docs", "one.txt"), "1");
        await File.WriteAllTextAsync(Path.Combine(source, "docs", "two.txt"), "2");

        var result = await ChildProcess.ShellAsync($"cp -r '{source}/docs' '{mounted.Root}/' && mv '{mounted.Root}/docs' '{mounted.Root}/archive' && ls -R '{mounted.Root}/archive'");
        await mounted.Simulation.AdvanceAsync(PastCommitDelay);

        result.ExitCode.Should().Be(0, result.ToString());
        result.Output.Should().Contain("one.txt").And.Contain("two.txt");
        var keys = await mounted.Simulation.Bucket.ListObjectsV2Async(new ListObjectsV2Request());
        keys.Contents.Select(o => o.Key).Should().BeEquivalentTo("archive/", "archive/one.txt", "archive/two.txt");
    }

    [Fact]
    public async Task Dd_OneGibibyteWrittenAndReadBack_ComparesEqual()
    {
        await using var mounted = await MountedSimulation.StartAsync();
        var local = Path.Combine(mounted.NewDirectory(), "source.bin");

        // 1 GiB made, copied onto the mount and compared: on 2 shared cores at load 44 this alone took 94 s, so its hang guard is longer.
        var result = await ChildProcess.RunAsync(TimeSpan.FromMinutes(10), "sh", "-c",
            $"dd if=/dev/urandom of='{local}' bs=1M count=1024 status=none && dd if='{local}' of='{mounted.PathOf("big.bin")}' bs=1M status=none && cmp '{local}' '{mounted.PathOf("big.bin")}' && stat -c %s '{mounted.PathOf("big.bin")}'");

        result.ExitCode.Should().Be(0, result.ToString());
        result.Output.Trim().Should().Be((1L << 30).ToString(CultureInfo.InvariantCulture));
    }
}
