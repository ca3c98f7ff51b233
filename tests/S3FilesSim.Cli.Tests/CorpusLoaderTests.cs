using System.Diagnostics;
using FluentAssertions;
using S3FilesSim.Cli.Loading;
using S3FilesSim.Cli.Reporting;
using S3FilesSim.FileSystem;
using S3FilesSim.ObjectStorage;
using Xunit;

namespace S3FilesSim.Cli.Tests;

public sealed class CorpusLoaderTests
{
    [Fact]
    public async Task LoadAsync_NestedTree_StoresEveryFileUnderItsRelativeKeyWithItsBytes()
    {
        using var tree = new TempTree().File("a.txt", "alpha").File("docs/deep/b.bin", [1, 2, 3]);
        await using var simulation = S3FilesSimulation.Create();

        var report = await LoadAsync(tree, simulation);

        report.Files.Should().Be(2);
        report.Bytes.Should().Be(8);
        (await simulation.Bucket.GetObjectBytesAsync("docs/deep/b.bin")).Should().Equal(1, 2, 3);
        (await simulation.Bucket.GetObjectBytesAsync("a.txt")).Should().Equal("alpha"u8.ToArray());
    }

    [Fact]
    public async Task LoadAsync_ManyFiles_LoadsEveryFileOnceInTheSameOrderEveryTime()
    {
        using var tree = new TempTree();
        for (var i = 0; i < 600; i++)
        {
            tree.File($"d{i % 7}/f{i:D5}.txt", i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        await using var first = S3FilesSimulation.Create();
        await using var second = S3FilesSimulation.Create();

        var report = await LoadAsync(tree, first);
        await LoadAsync(tree, second);

        report.Files.Should().Be(600);
        (await first.Bucket.GetObjectBytesAsync("d3/f00010.txt")).Should().Equal("10"u8.ToArray());
        (await ListVersionsAsync(first.Bucket)).Should().Equal(await ListVersionsAsync(second.Bucket), "the same tree and seed give the same version ids");
    }

    // https://docs.aws.amazon.com/AmazonS3/latest/API/API_Object.html: a single-part object's ETag is the MD5 of its bytes.
    [Fact]
    public async Task LoadAsync_MoreFilesThanOneProgressStep_StoresEveryFileInOrderWithTheMd5OfItsBytesAsETag()
    {
        using var tree = new TempTree();
        const int files = 9_000;
        for (var i = 0; i < files; i++)
        {
            tree.File($"d{i / 1000}/f{i:D5}.txt", $"file {i}\n");
        }

        await using var simulation = S3FilesSimulation.Create();

        var report = await LoadAsync(tree, simulation);

        report.Files.Should().Be(files);
        foreach (var i in new[] { 0, 4095, 4096, 8191, 8192, files - 1 })
        {
            var key = $"d{i / 1000}/f{i:D5}.txt";
            var head = (await simulation.Bucket.HeadObjectAsync(key))!;
            head.ETag.Should().Be(ETag.FromMd5(System.Security.Cryptography.MD5.HashData(System.Text.Encoding.UTF8.GetBytes($"file {i}\n"))));
        }

        simulation.Bucket.ObjectCount.Should().Be(files);
    }

    // https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-posix-metadata.html: a symbolic link is an object whose body is the target, file-permissions 0120777.
    [Fact]
    public async Task LoadAsync_SymbolicLinks_StoredAsS3FilesExportsThemDanglingOnesAndLoopsIncluded()
    {
        using var tree = new TempTree().File("a.txt", "alpha");
        File.CreateSymbolicLink(Path.Combine(tree.Root, "good"), "a.txt");
        File.CreateSymbolicLink(Path.Combine(tree.Root, "broken"), "missing");
        File.CreateSymbolicLink(Path.Combine(tree.Root, "loop1"), "loop2");
        File.CreateSymbolicLink(Path.Combine(tree.Root, "loop2"), "loop1");
        await using var simulation = S3FilesSimulation.Create();

        var report = await LoadAsync(tree, simulation);

        (report.Files, report.SymbolicLinks, report.DanglingSymbolicLinks, report.SymbolicLinkLoops).Should().Be((1, 4, 1, 2));
        (await simulation.Bucket.GetObjectBytesAsync("broken")).Should().Equal("missing"u8.ToArray());
        (await simulation.Bucket.HeadObjectAsync("good"))!.Metadata["file-permissions"].Should().Be("0120777");
        report.SkippedTotal.Should().Be(0);
    }

    [Fact]
    public async Task LoadAsync_SymbolicLinks_TheMountShowsLinksNotCopies()
    {
        using var tree = new TempTree().File("a.txt", "alpha");
        File.CreateSymbolicLink(Path.Combine(tree.Root, "good"), "a.txt");
        File.CreateSymbolicLink(Path.Combine(tree.Root, "broken"), "missing");
        await using var simulation = S3FilesSimulation.Create();
        await LoadAsync(tree, simulation);
        await simulation.AdvanceAsync(TimeSpan.FromSeconds(10));
        await using var mount = simulation.FileSystem.Mount(new MountOptions());

        var broken = await mount.LstatAsync("/broken");
        var target = await mount.ReadLinkAsync("/good");
        var through = await mount.ReadAllTextAsync("/good");

        broken.Type.Should().Be(FileType.SymbolicLink);
        (target, through).Should().Be(("a.txt", "alpha"));
    }

    [Fact]
    public async Task LoadAsync_Fifo_IsSkippedWithoutOpeningItAndCounted()
    {
        using var tree = new TempTree().File("a.txt", "alpha");
        Run("mkfifo", Path.Combine(tree.Root, "pipe"));
        await using var simulation = S3FilesSimulation.Create();

        var report = await LoadAsync(tree, simulation).WaitAsync(TimeSpan.FromMinutes(1));

        report.Files.Should().Be(1);
        report.Skipped.Should().ContainSingle().Which.Should().Match<SkippedEntries>(group => group.Reason == SkipReason.SpecialFile && group.Examples.Single() == Path.Combine(tree.Root, "pipe"));
        (await simulation.Bucket.HeadObjectAsync("pipe")).Should().BeNull();
    }

    [Fact]
    public async Task LoadAsync_UnixDomainSocket_IsSkippedAndCounted()
    {
        using var tree = new TempTree().File("a.txt", "alpha");
        using var socket = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.Unix, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Unspecified);
        socket.Bind(new System.Net.Sockets.UnixDomainSocketEndPoint(Path.Combine(tree.Root, "listener.sock")));
        await using var simulation = S3FilesSimulation.Create();

        var report = await LoadAsync(tree, simulation).WaitAsync(TimeSpan.FromMinutes(1));

        (report.Files, report.Skipped.Single().Reason).Should().Be((1, SkipReason.SpecialFile));
    }

    // https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-keys.html: keys are at most 1,024 bytes of UTF-8.
    [Fact]
    public async Task LoadAsync_PathLongerThanAKey_SkipsItAndLoadsTheRest()
    {
        var deep = string.Join('/', Enumerable.Repeat(new string('d', 200), 6));
        using var tree = new TempTree().File(deep + "/f.txt", "too deep").File("ok.txt", "fine");
        await using var simulation = S3FilesSimulation.Create();

        var report = await LoadAsync(tree, simulation);

        report.Files.Should().Be(1);
        report.Skipped.Should().ContainSingle().Which.Reason.Should().Be(SkipReason.KeyTooLong);
    }

    [Fact]
    public async Task LoadAsync_DirectoryNestedBeyondTheKeyLimit_SkipsTheSubtreeWithoutWalkingIt()
    {
        using var tree = new TempTree().File("ok.txt", "fine");
        var deep = tree.Root;
        for (var level = 0; level < 600; level++)
        {
            deep = Path.Combine(deep, "a");
        }

        Directory.CreateDirectory(deep);
        File.WriteAllText(Path.Combine(deep, "f"), "x");
        await using var simulation = S3FilesSimulation.Create();

        var report = await LoadAsync(tree, simulation);

        report.Files.Should().Be(1);
        report.Skipped.Should().ContainSingle().Which.Should().Match<SkippedEntries>(group => group.Reason == SkipReason.KeyTooLong && group.Count == 1);
    }

    [Fact]
    public async Task LoadAsync_NameThatIsNotUtf8_SkipsItAndNamesItsBytes()
    {
        using var tree = new TempTree().File("ok.txt", "fine");
        Run("bash", "-c", $"printf x > \"$1\"/$'\\xff\\xfe'.txt", "--", tree.Root);
        await using var simulation = S3FilesSimulation.Create();

        var report = await LoadAsync(tree, simulation);

        report.Files.Should().Be(1);
        report.Skipped.Should().ContainSingle().Which.Should().Match<SkippedEntries>(group => group.Reason == SkipReason.NameNotUtf8 && group.Examples[0].EndsWith("/\\xff\\xfe.txt", StringComparison.Ordinal));
    }

    [Fact]
    public async Task LoadAsync_EmptyDirectory_StoredAsADirectoryMarker()
    {
        using var tree = new TempTree().File("a.txt", "alpha");
        Directory.CreateDirectory(Path.Combine(tree.Root, "empty"));
        await using var simulation = S3FilesSimulation.Create();

        var report = await LoadAsync(tree, simulation);

        report.EmptyDirectories.Should().Be(1);
        (await simulation.Bucket.HeadObjectAsync("empty/")).Should().NotBeNull();
    }

    [Fact]
    public async Task LoadAsync_LargeFile_HoldsNoBytesAndReadsThemFromTheFileOnDemand()
    {
        using var tree = new TempTree();
        var path = Path.Combine(tree.Root, "sparse.bin");
        using (var stream = File.Create(path))
        {
            stream.SetLength(64L << 20);
            stream.Position = (64L << 20) - 5;
            stream.Write("tail!"u8);
        }

        await using var simulation = S3FilesSimulation.Create();
        var before = GC.GetTotalMemory(forceFullCollection: true);

        await LoadAsync(tree, simulation);

        (GC.GetTotalMemory(forceFullCollection: true) - before).Should().BeLessThan(32 << 20, "a 64 MiB file is read from its source, not copied (half its size: other tests running in parallel allocate too)");
        var tail = await simulation.Bucket.GetObjectAsync(new GetObjectRequest { Key = "sparse.bin", Range = ByteRange.Suffix(5) });
        using var reader = new StreamReader(tail.Body!);
        (await reader.ReadToEndAsync()).Should().Be("tail!");
    }

    // The tree is walked on another thread while the entries found so far are stored: a bucket that refuses an object
    // in the middle ends the load with the key named, stops the walk, and keeps what was stored before it, in walk order.
    [Fact]
    public async Task LoadAsync_BucketRefusesAnObjectMidway_FailsNamingTheKeyAndKeepsTheObjectsBeforeIt()
    {
        using var tree = new TempTree();
        for (var i = 0; i < 2_000; i++)
        {
            tree.File($"d{i / 500}/f{i:D4}.txt", "x");
        }

        await using var simulation = S3FilesSimulation.Create();
        var bucket = new FaultInjectingObjectStore(simulation.Bucket);
        bucket.Add(new ObjectStoreFaultRule { Operation = ObjectStoreOperation.PutObject, KeyPrefix = "d2/f1200", ErrorCode = S3ErrorCode.AccessDenied });

        var load = () => CorpusLoader.LoadAsync(tree.Root, bucket, RunProgress.Silent, CancellationToken.None);

        (await load.Should().ThrowAsync<CliException>()).Which.Message.Should().Contain("as key 'd2/f1200.txt'").And.Contain("AccessDenied");
        simulation.Bucket.ObjectCount.Should().Be(1_200, "the objects before it in walk order are stored, none after");
        (await simulation.Bucket.HeadObjectAsync("d2/f1199.txt")).Should().NotBeNull();
    }

    [Fact]
    public async Task LoadAsync_Cancelled_StopsWithOperationCanceled()
    {
        using var tree = new TempTree().File("a.txt", "alpha").File("d/b.txt", "beta");
        await using var simulation = S3FilesSimulation.Create();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        var load = () => CorpusLoader.LoadAsync(tree.Root, simulation.Bucket, RunProgress.Silent, cancelled.Token);

        await load.Should().ThrowAsync<OperationCanceledException>();
        simulation.Bucket.ObjectCount.Should().Be(0);
    }

    // The in-memory bucket computes an object's ETag when it is first needed, so loading a tree reads no file: a file
    // changed after the load fails where its ETag is first read, and an unchanged one gives the MD5 of its bytes.
    [Fact]
    public async Task LoadAsync_InMemoryBucket_ReadsNoFileUntilItsETagIsNeeded()
    {
        using var tree = new TempTree().File("a.txt", "alpha").File("b.txt", "beta");
        await using var simulation = S3FilesSimulation.Create();
        await LoadAsync(tree, simulation);
        File.AppendAllText(Path.Combine(tree.Root, "a.txt"), " and more");

        var changed = (await simulation.Bucket.HeadObjectAsync("a.txt"))!.ETag;
        var unchanged = (await simulation.Bucket.ListObjectsV2Async(new ListObjectsV2Request { Prefix = "b" })).Contents.Single().ETag;

        var read = () => changed.Value;
        read.Should().Throw<SourceFileException>().Which.Message.Should().Contain($"source file '{Path.Combine(tree.Root, "a.txt")}' changed since it was loaded");
        unchanged.Should().Be(ETag.FromMd5(System.Security.Cryptography.MD5.HashData("beta"u8)));
    }

    [Fact]
    public async Task Read_SourceFileChangedAfterTheLoad_FailsNamingTheFile()
    {
        using var tree = new TempTree().File("a.txt", "alpha");
        await using var simulation = S3FilesSimulation.Create();
        await LoadAsync(tree, simulation);
        File.AppendAllText(Path.Combine(tree.Root, "a.txt"), " and more");

        var read = async () => await simulation.Bucket.GetObjectBytesAsync("a.txt");

        (await read.Should().ThrowAsync<SourceFileException>()).Which.Message.Should()
            .Contain($"source file '{Path.Combine(tree.Root, "a.txt")}' changed since it was loaded (its size went from 5 to 14 bytes)");
    }

    // Files over 5 GiB are uploaded in parts, each a window of the file (a 5 GiB test file would cost the CI minutes).
    [Fact]
    public void Window_PartOfASourceFile_ReadsOnlyItsBytesAndChecksTheWholeFile()
    {
        var bytes = Enumerable.Range(0, 100).Select(i => (byte)i).ToArray();
        using var tree = new TempTree().File("part.bin", bytes);
        var entry = SourceWalker.Walk(tree.Root, new SkipLog()).Entries.Single();

        var window = SourceFileContent.Window(tree.Root, entry.Key, entry.Size, entry.ModificationTimeNs, 10, 20);

        window.Length.Should().Be(20);
        window.ToArray().Should().Equal(bytes[10..30]);
        File.AppendAllText(Path.Combine(tree.Root, "part.bin"), "more");
        var read = () => window.ToArray();
        read.Should().Throw<SourceFileException>().Which.Message.Should().Contain("its size went from 100 to 104 bytes");
    }

    // As root every file is readable, so the loader runs as nobody (setpriv) to meet EACCES.
    [Fact]
    public async Task Run_FileAndDirectoryUnreadableToTheCaller_SkipsThemAndRuns()
    {
        using var tree = new TempTree().File("a.txt", "alpha").File("secret.txt", "hidden").File("private/b.txt", "beta");
        Run("chmod", "0755", tree.Root);
        Run("chmod", "0600", Path.Combine(tree.Root, "secret.txt"));
        Run("chmod", "0700", Path.Combine(tree.Root, "private"));

        var (exitCode, output) = await RunAsNobodyAsync("run", "--source", tree.Root, "--scenario", "walk");

        exitCode.Should().Be(0, output);
        output.Should().Contain("Loaded 1 file (5 B)").And.Contain("Skipped 2 entries").And.Contain("2 × permission denied")
            .And.Contain(Path.Combine(tree.Root, "secret.txt")).And.Contain(Path.Combine(tree.Root, "private") + "/");
    }

    // The walk runs on another thread; its failure to open the root still ends the run with one line and exit code 1.
    [Fact]
    public async Task Run_SourceDirectoryUnreadableToTheCaller_FailsWithOneLineNamingIt()
    {
        using var tree = new TempTree().File("a.txt", "alpha");
        Run("chmod", "0700", tree.Root);

        var (exitCode, output) = await RunAsNobodyAsync("run", "--source", tree.Root, "--scenario", "walk");

        exitCode.Should().Be(1, output);
        output.Should().Contain($"cannot read the source directory '{tree.Root}': Permission denied").And.NotContain("   at ");
    }

    private static Task<LoadReport> LoadAsync(TempTree tree, S3FilesSimulation simulation) =>
        CorpusLoader.LoadAsync(tree.Root, simulation.Bucket, RunProgress.Silent, CancellationToken.None);

    private static async Task<List<string>> ListVersionsAsync(InMemoryObjectStore bucket) =>
        [.. (await bucket.ListObjectVersionsAsync(new ListObjectVersionsRequest())).Versions.Select(v => v.Key + "@" + v.VersionId)];

    private static async Task<(int ExitCode, string Output)> RunAsNobodyAsync(params string[] args)
    {
        var cli = Path.Combine(AppContext.BaseDirectory, "s3files-sim.dll");
        var start = new ProcessStartInfo(Environment.IsPrivilegedProcess ? "setpriv" : "dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in (Environment.IsPrivilegedProcess ? ["--reuid=65534", "--regid=65534", "--clear-groups", "dotnet", cli] : new[] { cli }).Concat(args))
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["HOME"] = Path.GetTempPath();
        start.Environment["DOTNET_CLI_HOME"] = Path.GetTempPath();
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        return (process.ExitCode, await output + await error);
    }

    private static void Run(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        process.WaitForExit();
        process.ExitCode.Should().Be(0, $"{program} {string.Join(' ', args)} must succeed");
    }
}
