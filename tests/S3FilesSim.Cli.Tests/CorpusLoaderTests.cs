using FluentAssertions;
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

        var report = await CorpusLoader.LoadAsync(tree.Root, simulation.Bucket, CliHarness.CreateConsole(TextWriter.Null), CancellationToken.None);

        report.Files.Should().Be(2);
        report.Bytes.Should().Be(8);
        (await simulation.Bucket.GetObjectBytesAsync("docs/deep/b.bin")).Should().Equal(1, 2, 3);
        (await simulation.Bucket.GetObjectBytesAsync("a.txt")).Should().Equal("alpha"u8.ToArray());
    }

    [Fact]
    public async Task LoadAsync_DanglingSymbolicLink_IsSkippedAndCounted()
    {
        using var tree = new TempTree().File("a.txt", "alpha");
        File.CreateSymbolicLink(Path.Combine(tree.Root, "broken"), Path.Combine(tree.Root, "missing"));
        await using var simulation = S3FilesSimulation.Create();

        var report = await CorpusLoader.LoadAsync(tree.Root, simulation.Bucket, CliHarness.CreateConsole(TextWriter.Null), CancellationToken.None);

        report.Files.Should().Be(1);
        report.SkippedDanglingLinks.Should().Be(1);
        simulation.Bucket.ObjectCount.Should().Be(1);
    }

    [Fact]
    public async Task LoadAsync_TreeAboveTheProgressThreshold_LoadsEveryFileInKeyOrder()
    {
        using var tree = new TempTree();
        for (var i = 0; i <= CorpusLoader.ProgressThreshold; i++)
        {
            tree.File($"d{i % 7}/f{i:D5}.txt", i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        await using var simulation = S3FilesSimulation.Create();

        var report = await CorpusLoader.LoadAsync(tree.Root, simulation.Bucket, CliHarness.CreateConsole(TextWriter.Null), CancellationToken.None);

        report.Files.Should().Be(CorpusLoader.ProgressThreshold + 1);
        simulation.Bucket.ObjectCount.Should().Be(CorpusLoader.ProgressThreshold + 1);
        (await simulation.Bucket.GetObjectBytesAsync("d3/f00010.txt")).Should().Equal("10"u8.ToArray());
    }

    [Fact]
    public async Task LoadAsync_Fifo_IsSkippedWithoutOpeningItAndCounted()
    {
        using var tree = new TempTree().File("a.txt", "alpha");
        MakeFifo(Path.Combine(tree.Root, "pipe"));
        await using var simulation = S3FilesSimulation.Create();

        var report = await CorpusLoader.LoadAsync(tree.Root, simulation.Bucket, CliHarness.CreateConsole(TextWriter.Null), CancellationToken.None).WaitAsync(TimeSpan.FromMinutes(1));

        report.Files.Should().Be(1);
        report.SkippedSpecialFiles.Should().Be(1);
        (await simulation.Bucket.HeadObjectAsync("pipe")).Should().BeNull();
    }

    [Fact]
    public async Task LoadAsync_SymbolicLinkToACharacterDevice_IsSkippedAndCounted()
    {
        using var tree = new TempTree().File("a.txt", "alpha");
        File.CreateSymbolicLink(Path.Combine(tree.Root, "zero"), "/dev/zero");
        await using var simulation = S3FilesSimulation.Create();

        var report = await CorpusLoader.LoadAsync(tree.Root, simulation.Bucket, CliHarness.CreateConsole(TextWriter.Null), CancellationToken.None).WaitAsync(TimeSpan.FromMinutes(1));

        report.SkippedSpecialFiles.Should().Be(1);
        simulation.Bucket.ObjectCount.Should().Be(1);
    }

    [Fact]
    public async Task LoadAsync_UnixDomainSocket_IsSkippedAndCounted()
    {
        using var tree = new TempTree().File("a.txt", "alpha");
        using var socket = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.Unix, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Unspecified);
        socket.Bind(new System.Net.Sockets.UnixDomainSocketEndPoint(Path.Combine(tree.Root, "listener.sock")));
        await using var simulation = S3FilesSimulation.Create();

        var report = await CorpusLoader.LoadAsync(tree.Root, simulation.Bucket, CliHarness.CreateConsole(TextWriter.Null), CancellationToken.None).WaitAsync(TimeSpan.FromMinutes(1));

        (report.Files, report.SkippedSpecialFiles).Should().Be((1, 1));
    }

    private static void MakeFifo(string path)
    {
        using var process = System.Diagnostics.Process.Start("mkfifo", path);
        process.WaitForExit();
        process.ExitCode.Should().Be(0);
    }
}
