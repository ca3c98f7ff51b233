using System.Text;
using FluentAssertions;
using S3FilesSim.FileSystem;
using S3FilesSim.TestSupport.Posix;
using Xunit;

namespace S3FilesSim.Tests.FileSystem;

/// <summary>The extension methods, written against <see cref="IFileSystem"/>; each subclass supplies a mount over an empty root.</summary>
public abstract class FileSystemExtensionsTests : FileSystemTestBase
{
    [Fact]
    public async Task OpenStream_CreateNewOnExistingFile_ThrowsEEXIST()
    {
        await Fs.WriteAllTextAsync("/a", "x");

        var act = () => Fs.OpenStream("/a", FileMode.CreateNew, FileAccess.Write);

        act.Should().Throw<FileSystemException>().Which.Errno.Should().Be(Errno.EEXIST);
    }

    [Fact]
    public void OpenStream_OpenMissingFile_ThrowsENOENT()
    {
        var act = () => Fs.OpenStream("/missing", FileMode.Open, FileAccess.Read);

        act.Should().Throw<FileSystemException>().Which.Errno.Should().Be(Errno.ENOENT);
    }

    [Fact]
    public async Task OpenStream_TruncateMissingFile_ThrowsENOENT()
    {
        var act = () => Fs.OpenStream("/missing", FileMode.Truncate, FileAccess.Write);

        act.Should().Throw<FileSystemException>().Which.Errno.Should().Be(Errno.ENOENT);
        (await Fs.ExistsAsync("/missing")).Should().BeFalse();
    }

    [Fact]
    public async Task OpenStream_Create_TruncatesAnExistingFile()
    {
        await Fs.WriteAllTextAsync("/a", "long old content");

        await using (var stream = Fs.OpenStream("/a", FileMode.Create, FileAccess.Write))
        {
            await stream.WriteAsync(Encoding.UTF8.GetBytes("new"));
        }

        (await Fs.ReadAllTextAsync("/a")).Should().Be("new");
    }

    [Fact]
    public async Task OpenStream_OpenOrCreate_KeepsExistingContents()
    {
        await Fs.WriteAllTextAsync("/a", "abcdef");

        await using (var stream = Fs.OpenStream("/a", FileMode.OpenOrCreate, FileAccess.ReadWrite))
        {
            await stream.WriteAsync(Encoding.UTF8.GetBytes("XY"));
        }

        (await Fs.ReadAllTextAsync("/a")).Should().Be("XYcdef");
    }

    [Fact]
    public async Task OpenStream_OpenOrCreate_CreatesAMissingFile()
    {
        await using (var stream = Fs.OpenStream("/a", FileMode.OpenOrCreate, FileAccess.Write))
        {
            stream.Length.Should().Be(0);
        }

        (await Fs.StatAsync("/a")).Type.Should().Be(FileType.RegularFile);
    }

    [Fact]
    public async Task OpenStream_Append_StartsAtTheEndAndAppends()
    {
        await Fs.WriteAllTextAsync("/a", "abc");

        await using (var stream = Fs.OpenStream("/a", FileMode.Append, FileAccess.Write))
        {
            stream.Position.Should().Be(3);
            await stream.WriteAsync(Encoding.UTF8.GetBytes("def"));
            stream.Position.Should().Be(6);
        }

        (await Fs.ReadAllTextAsync("/a")).Should().Be("abcdef");
    }

    [Fact]
    public async Task OpenStream_AppendSeekBeforeTheOldEnd_ThrowsIOException()
    {
        await Fs.WriteAllTextAsync("/a", "abc");
        await using var stream = Fs.OpenStream("/a", FileMode.Append, FileAccess.Write);

        var act = () => stream.Seek(1, SeekOrigin.Begin);

        act.Should().Throw<IOException>().Which.Should().NotBeOfType<FileSystemException>();
        stream.Position.Should().Be(3);
    }

    [Theory]
    [InlineData(FileMode.Append, FileAccess.ReadWrite)]
    [InlineData(FileMode.Append, FileAccess.Read)]
    [InlineData(FileMode.Create, FileAccess.Read)]
    [InlineData(FileMode.CreateNew, FileAccess.Read)]
    [InlineData(FileMode.Truncate, FileAccess.Read)]
    public async Task OpenStream_InvalidModeAndAccess_ThrowsArgumentExceptionWithoutCreating(FileMode mode, FileAccess access)
    {
        var act = () => Fs.OpenStream("/a", mode, access);

        act.Should().Throw<ArgumentException>();
        (await Fs.ExistsAsync("/a")).Should().BeFalse();
    }

    [Fact]
    public async Task Stream_SeekThenRead_ReadsFromThePosition()
    {
        await Fs.WriteAllTextAsync("/a", "0123456789");
        await using var stream = Fs.OpenStream("/a", FileMode.Open, FileAccess.Read);
        var buffer = new byte[3];

        stream.Seek(-4, SeekOrigin.End);
        var read = await stream.ReadAsync(buffer);

        read.Should().Be(3);
        Encoding.UTF8.GetString(buffer).Should().Be("678");
        stream.Position.Should().Be(9);
    }

    [Fact]
    public async Task Stream_SpanOverloads_WriteAndReadBack()
    {
        await using (var stream = Fs.OpenStream("/a", FileMode.CreateNew, FileAccess.ReadWrite))
        {
            stream.Write("hello span"u8);
            stream.Position = 6;
            Span<byte> buffer = stackalloc byte[4];
            stream.Read(buffer).Should().Be(4);
            Encoding.UTF8.GetString(buffer).Should().Be("span");
        }

        (await Fs.ReadAllTextAsync("/a")).Should().Be("hello span");
    }

    [Fact]
    public async Task Stream_ArrayOverloads_WriteAtThePosition()
    {
        await Fs.WriteAllTextAsync("/a", "aaaaaa");

        await using (var stream = Fs.OpenStream("/a", FileMode.Open, FileAccess.ReadWrite))
        {
            stream.Position = 2;
            stream.Write(Encoding.UTF8.GetBytes("xxBBxx"), 2, 2);
            await stream.WriteAsync(Encoding.UTF8.GetBytes("C"), 0, 1);
        }

        (await Fs.ReadAllTextAsync("/a")).Should().Be("aaBBCa");
    }

    [Fact]
    public async Task Stream_SetLength_TruncatesAndClampsThePosition()
    {
        await Fs.WriteAllTextAsync("/a", "0123456789");
        await using var stream = Fs.OpenStream("/a", FileMode.Open, FileAccess.ReadWrite);
        stream.Seek(0, SeekOrigin.End);

        stream.SetLength(4);

        stream.Length.Should().Be(4);
        stream.Position.Should().Be(4);
        (await Fs.StatAsync("/a")).Size.Should().Be(4);
    }

    [Fact]
    public async Task Stream_SeekBeforeTheStart_ThrowsIOException()
    {
        await Fs.WriteAllTextAsync("/a", "abc");
        await using var stream = Fs.OpenStream("/a", FileMode.Open, FileAccess.Read);

        var act = () => stream.Seek(-1, SeekOrigin.Begin);

        act.Should().Throw<IOException>();
        stream.Position.Should().Be(0);
    }

    [Fact]
    public async Task Stream_ReadOnly_RefusesWrites()
    {
        await Fs.WriteAllTextAsync("/a", "abc");
        await using var stream = Fs.OpenStream("/a", FileMode.Open, FileAccess.Read);

        var act = () => stream.Write([1]);

        stream.CanRead.Should().BeTrue();
        stream.CanWrite.Should().BeFalse();
        stream.CanSeek.Should().BeTrue();
        act.Should().Throw<NotSupportedException>();
    }

    [Fact]
    public async Task Stream_AfterDispose_ThrowsObjectDisposedException()
    {
        await Fs.WriteAllTextAsync("/a", "abc");
        var stream = Fs.OpenStream("/a", FileMode.Open, FileAccess.Read);

        await stream.DisposeAsync();

        var act = () => stream.ReadByte();
        act.Should().Throw<ObjectDisposedException>();
        stream.CanRead.Should().BeFalse();
    }

    [Fact]
    public async Task Stream_ThroughStreamWriterAndReader_RoundTripsText()
    {
        await using (var stream = Fs.OpenStream("/a.txt", FileMode.Create, FileAccess.Write))
        await using (var writer = new StreamWriter(stream, new UTF8Encoding(false)))
        {
            await writer.WriteLineAsync("line one");
            await writer.WriteAsync("zweite Zeile ü");
            await writer.FlushAsync();
        }

        using var reader = new StreamReader(Fs.OpenStream("/a.txt", FileMode.Open, FileAccess.Read));
        (await reader.ReadToEndAsync()).Should().Be("line one" + Environment.NewLine + "zweite Zeile ü");
    }

    [Fact]
    public async Task WriteAllBytesAsync_ThenReadAllBytesAsync_RoundTripsALargeFile()
    {
        var data = new byte[300_000];
        new Random(42).NextBytes(data);

        await Fs.WriteAllBytesAsync("/big.bin", data);

        (await Fs.ReadAllBytesAsync("/big.bin")).Should().Equal(data);
    }

    [Fact]
    public async Task WriteAllBytesAsync_OverALongerFile_TruncatesIt()
    {
        await Fs.WriteAllTextAsync("/a", "a much longer old text");

        await Fs.WriteAllBytesAsync("/a", "short"u8.ToArray());

        (await Fs.ReadAllTextAsync("/a")).Should().Be("short");
    }

    [Fact]
    public async Task WriteAllTextAsync_WritesUtf8WithoutByteOrderMark()
    {
        await Fs.WriteAllTextAsync("/a", "é");

        (await Fs.ReadAllBytesAsync("/a")).Should().Equal(0xC3, 0xA9);
    }

    [Fact]
    public async Task ReadAllTextAsync_LeadingByteOrderMark_IsSkipped()
    {
        await Fs.WriteAllBytesAsync("/a", new byte[] { 0xEF, 0xBB, 0xBF, (byte)'h', (byte)'i' });

        (await Fs.ReadAllTextAsync("/a")).Should().Be("hi");
    }

    [Fact]
    public async Task ReadAllBytesAsync_EmptyFile_ReturnsNoBytes()
    {
        await Fs.WriteAllBytesAsync("/a", ReadOnlyMemory<byte>.Empty);

        (await Fs.ReadAllBytesAsync("/a")).Should().BeEmpty();
    }

    [Fact]
    public async Task ReadAllBytesAsync_Missing_ThrowsENOENT()
    {
        await ExpectErrnoAsync(Errno.ENOENT, () => Fs.ReadAllBytesAsync("/missing"));
    }

    [Fact]
    public async Task ReadAllBytesAsync_Directory_ThrowsEISDIR()
    {
        await Fs.MkdirAsync("/d");

        await ExpectErrnoAsync(Errno.EISDIR, () => Fs.ReadAllBytesAsync("/d"));
    }

    [Fact]
    public async Task WriteAllTextAsync_MissingParent_ThrowsENOENT()
    {
        await ExpectErrnoAsync(Errno.ENOENT, () => Fs.WriteAllTextAsync("/missing/a", "x"));
    }

    [Fact]
    public async Task AppendAllTextAsync_CreatesThenAppends()
    {
        await Fs.AppendAllTextAsync("/log", "one;");
        await Fs.AppendAllTextAsync("/log", "two;");

        (await Fs.ReadAllTextAsync("/log")).Should().Be("one;two;");
    }

    [Fact]
    public async Task ExistsAsync_FileAndDirectory_ReturnTrue()
    {
        await Fs.WriteAllTextAsync("/a", "x");
        await Fs.MkdirAsync("/d");

        (await Fs.ExistsAsync("/a")).Should().BeTrue();
        (await Fs.ExistsAsync("/d")).Should().BeTrue();
    }

    [Fact]
    public async Task ExistsAsync_MissingOrThroughAFileOrDangling_ReturnsFalse()
    {
        await Fs.WriteAllTextAsync("/a", "x");
        await Fs.SymlinkAsync("missing", "/dangling");

        (await Fs.ExistsAsync("/missing")).Should().BeFalse();
        (await Fs.ExistsAsync("/a/b")).Should().BeFalse();
        (await Fs.ExistsAsync("/dangling")).Should().BeFalse();
    }

    [Fact]
    public async Task ExistsAsync_InvalidPath_ThrowsEINVAL()
    {
        await ExpectErrnoAsync(Errno.EINVAL, () => Fs.ExistsAsync("relative"));
    }

    [Fact]
    public async Task CreateDirectoriesAsync_MissingLevels_CreatesThemAll()
    {
        await Fs.CreateDirectoriesAsync("/a/b/c");

        (await Fs.StatAsync("/a/b/c")).Type.Should().Be(FileType.Directory);
    }

    [Fact]
    public async Task CreateDirectoriesAsync_ExistingDirectoryOrLinkToOne_Succeeds()
    {
        await Fs.MkdirAsync("/a");
        await Fs.SymlinkAsync("a", "/alias");

        await Fs.CreateDirectoriesAsync("/a");
        await Fs.CreateDirectoriesAsync("/alias/b");

        (await Fs.LstatAsync("/a/b")).Type.Should().Be(FileType.Directory);
    }

    [Fact]
    public async Task CreateDirectoriesAsync_LastComponentIsAFile_ThrowsEEXIST()
    {
        await Fs.WriteAllTextAsync("/a", "x");

        await ExpectErrnoAsync(Errno.EEXIST, () => Fs.CreateDirectoriesAsync("/a"));
    }

    [Fact]
    public async Task CreateDirectoriesAsync_AncestorIsAFile_ThrowsENOTDIR()
    {
        await Fs.WriteAllTextAsync("/a", "x");

        await ExpectErrnoAsync(Errno.ENOTDIR, () => Fs.CreateDirectoriesAsync("/a/b/c"));
    }

    [Fact]
    public async Task EnumerateEntriesAsync_NotRecursive_ListsOnlyTheDirectory()
    {
        await Fs.CreateDirectoriesAsync("/d/sub");
        await Fs.WriteAllTextAsync("/d/f", "x");
        await Fs.WriteAllTextAsync("/d/sub/g", "x");

        var paths = await CollectAsync(Fs.EnumerateEntriesAsync("/d"));

        paths.Select(p => p.Path).Should().BeEquivalentTo("/d/sub", "/d/f");
    }

    [Fact]
    public async Task EnumerateEntriesAsync_Recursive_ListsEachDirectoryBeforeItsEntries()
    {
        await Fs.CreateDirectoriesAsync("/d/sub/deeper");
        await Fs.WriteAllTextAsync("/d/sub/deeper/g", "x");
        await Fs.WriteAllTextAsync("/d/f", "x");

        var entries = await CollectAsync(Fs.EnumerateEntriesAsync("/d/", recursive: true));

        var paths = entries.Select(e => e.Path).ToList();
        paths.Should().BeEquivalentTo("/d/sub", "/d/sub/deeper", "/d/sub/deeper/g", "/d/f");
        paths.IndexOf("/d/sub").Should().BeLessThan(paths.IndexOf("/d/sub/deeper"));
        paths.IndexOf("/d/sub/deeper").Should().BeLessThan(paths.IndexOf("/d/sub/deeper/g"));
        entries.Single(e => e.Path == "/d/sub/deeper/g").Entry.Type.Should().Be(FileType.RegularFile);
    }

    [Fact]
    public async Task EnumerateEntriesAsync_Recursive_DoesNotEnterSymlinkedDirectories()
    {
        await Fs.CreateDirectoriesAsync("/real");
        await Fs.WriteAllTextAsync("/real/f", "x");
        await Fs.MkdirAsync("/d");
        await Fs.SymlinkAsync("../real", "/d/link");

        var entries = await CollectAsync(Fs.EnumerateEntriesAsync("/d", recursive: true));

        entries.Should().ContainSingle().Which.Entry.Type.Should().Be(FileType.SymbolicLink);
    }

    [Fact]
    public async Task EnumerateEntriesAsync_Missing_ThrowsENOENT()
    {
        await ExpectErrnoAsync(Errno.ENOENT, () => CollectAsync(Fs.EnumerateEntriesAsync("/missing")));
    }

    [Fact]
    public async Task DeleteRecursiveAsync_Tree_RemovesEverything()
    {
        await Fs.CreateDirectoriesAsync("/w/d/a/b");
        await Fs.WriteAllTextAsync("/w/d/a/b/f", "x");
        await Fs.WriteAllTextAsync("/w/d/g", "x");
        await Fs.SymlinkAsync("g", "/w/d/l");

        await Fs.DeleteRecursiveAsync("/w/d");

        (await Fs.ReadDirectoryAsync("/w")).Should().BeEmpty();
    }

    [Fact]
    public async Task DeleteRecursiveAsync_SymlinkToDirectory_RemovesOnlyTheLink()
    {
        await Fs.CreateDirectoriesAsync("/keep");
        await Fs.WriteAllTextAsync("/keep/f", "x");
        await Fs.SymlinkAsync("keep", "/link");

        await Fs.DeleteRecursiveAsync("/link");

        (await Fs.ExistsAsync("/keep/f")).Should().BeTrue();
        await ExpectErrnoAsync(Errno.ENOENT, () => Fs.LstatAsync("/link"));
    }

    [Fact]
    public async Task DeleteRecursiveAsync_Missing_DoesNothing()
    {
        await Fs.WriteAllTextAsync("/a", "x");

        await Fs.DeleteRecursiveAsync("/missing");

        (await Fs.ExistsAsync("/a")).Should().BeTrue();
    }

    [Fact]
    public async Task DeleteRecursiveAsync_MountRoot_ThrowsEBUSYAndRemovesNothing()
    {
        await Fs.WriteAllTextAsync("/a", "x");

        await ExpectErrnoAsync(Errno.EBUSY, () => Fs.DeleteRecursiveAsync("/"));

        (await Fs.ExistsAsync("/a")).Should().BeTrue();
    }

    private static async Task<List<(string Path, DirectoryEntry Entry)>> CollectAsync(IAsyncEnumerable<(string Path, DirectoryEntry Entry)> source)
    {
        var list = new List<(string Path, DirectoryEntry Entry)>();
        await foreach (var item in source)
        {
            list.Add(item);
        }

        return list;
    }
}

/// <summary>The extension tests over the real Linux file system, plus checks that need its open-handle count.</summary>
public sealed class LinuxFileSystemExtensionsTests : FileSystemExtensionsTests
{
    private readonly string _root = LinuxTempDirectory.Create("extensions");
    private LinuxFileSystem? _linux;

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        LinuxTempDirectory.Delete(_root);
    }

    [Fact]
    public async Task OpenStream_Dispose_ClosesTheHandle()
    {
        var stream = Fs.OpenStream("/a", FileMode.Create, FileAccess.Write);
        var openWhileInUse = _linux!.OpenHandleCount;

        await stream.DisposeAsync();

        openWhileInUse.Should().Be(1);
        _linux.OpenHandleCount.Should().Be(0);
    }

    [Fact]
    public async Task ReadAllBytesAsync_Failure_ClosesTheHandle()
    {
        await Fs.MkdirAsync("/d");

        var act = () => Fs.ReadAllBytesAsync("/d");

        await act.Should().ThrowAsync<FileSystemException>();
        _linux!.OpenHandleCount.Should().Be(0);
    }

    protected override Task<IFileSystem> MountAsync()
    {
        _linux = new LinuxFileSystem(_root);
        return Task.FromResult<IFileSystem>(_linux);
    }
}
