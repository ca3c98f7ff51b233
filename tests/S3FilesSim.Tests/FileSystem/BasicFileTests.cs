using System.Text;
using FluentAssertions;
using S3FilesSim.FileSystem;
using Xunit;
using static S3FilesSim.Tests.FileSystem.FileSystemTestKit;

namespace S3FilesSim.Tests.FileSystem;

public sealed class BasicFileTests
{
    [Fact]
    public async Task WriteThenRead_SameMount_ReturnsTheBytes()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();

        await fs.WriteFileAsync("/a.txt", "hello");

        (await fs.ReadFileAsync("/a.txt")).Should().Be("hello");
    }

    [Fact]
    public async Task Stat_NewFile_ReportsOwnerModeSizeAndTimes()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount(Alice);
        await sim.Mount().MkdirAsync("/home");
        await sim.Mount().ChmodAsync("/home", Octal("777"));

        await fs.WriteFileAsync("/home/a.txt", "hello");
        var status = await fs.StatAsync("/home/a.txt");

        status.Type.Should().Be(FileType.RegularFile);
        status.Mode.Should().Be(Octal("644"));
        status.RawMode.Should().Be(Convert.ToUInt32("100644", 8));
        (status.Uid, status.Gid).Should().Be((1000u, 1000u));
        status.Size.Should().Be(5);
        status.LinkCount.Should().Be(1);
        status.Blocks.Should().Be(1);
        status.ModificationTime.Should().Be(Timespec.FromDateTimeOffset(sim.Now));
        status.BirthTime.Should().Be(Timespec.FromDateTimeOffset(sim.Now));
    }

    [Fact]
    public async Task Stat_Directory_ReportsLinkCountTwoPlusSubdirectories()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        await fs.MkdirAsync("/d");
        await fs.MkdirAsync("/d/x");
        await fs.MkdirAsync("/d/y");
        await fs.WriteFileAsync("/d/f", "1");

        var status = await fs.StatAsync("/d");

        status.LinkCount.Should().Be(4);
        status.Size.Should().Be(4096);
        status.Mode.Should().Be(Octal("755"));
    }

    [Fact]
    public async Task ReadDirectory_AfterRemovals_KeepsInsertionOrderWithInodeNumbersAndTypes()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        await fs.WriteFileAsync("/c", "1");
        await fs.MkdirAsync("/a");
        await fs.WriteFileAsync("/b", "1");
        await fs.UnlinkAsync("/c");
        await fs.SymlinkAsync("a", "/z");
        await fs.WriteFileAsync("/c", "2");

        var entries = await fs.ReadDirectoryAsync("/");

        entries.Select(e => e.Name).Should().Equal("a", "b", "z", "c");
        entries.Select(e => e.Type).Should().Equal(FileType.Directory, FileType.RegularFile, FileType.SymbolicLink, FileType.RegularFile);
        entries[0].InodeNumber.Should().Be((await fs.StatAsync("/a")).InodeNumber);
    }

    [Fact]
    public async Task Read_AtPositionAdvancesAndPreadDoesNot()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        await fs.WriteFileAsync("/a", "abcdef");
        var handle = await fs.OpenAsync("/a", OpenFlags.ReadOnly);
        var buffer = new byte[2];

        await fs.ReadAsync(handle, buffer, 4);
        var first = Encoding.ASCII.GetString(buffer);
        await fs.ReadAsync(handle, buffer);
        var second = Encoding.ASCII.GetString(buffer);
        await fs.ReadAsync(handle, buffer);

        (first, second, Encoding.ASCII.GetString(buffer)).Should().Be(("ef", "ab", "cd"));
    }

    [Fact]
    public async Task Write_AppendHandle_AlwaysWritesAtTheEnd()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        await fs.WriteFileAsync("/a", "abc");
        var handle = await fs.OpenAsync("/a", OpenFlags.WriteOnly | OpenFlags.Append);

        await fs.WriteAsync(handle, "X"u8.ToArray(), 0);
        await fs.WriteAsync(handle, "Y"u8.ToArray());
        await fs.CloseAsync(handle);

        (await fs.ReadFileAsync("/a")).Should().Be("abcXY");
    }

    [Fact]
    public async Task Write_PastTheEnd_LeavesAHoleOfZeros()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        var handle = await fs.OpenAsync("/a", OpenFlags.ReadWrite | OpenFlags.Create);

        await fs.WriteAsync(handle, "Z"u8.ToArray(), 100_000);
        var buffer = new byte[100_001];
        var read = await fs.ReadAsync(handle, buffer, 0);

        read.Should().Be(100_001);
        buffer.Take(100_000).Should().OnlyContain(b => b == 0);
        buffer[^1].Should().Be((byte)'Z');
    }

    [Fact]
    public async Task Seek_FromEndAndCurrent_ReturnsAbsolutePosition()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        await fs.WriteFileAsync("/a", "abcdef");
        var handle = await fs.OpenAsync("/a", OpenFlags.ReadOnly);

        var end = await fs.SeekAsync(handle, -2, SeekOrigin.End);
        var current = await fs.SeekAsync(handle, -1, SeekOrigin.Current);

        (end, current).Should().Be((4L, 3L));
        await FluentActions.Awaiting(() => fs.SeekAsync(handle, -10, SeekOrigin.Current).AsTask()).Should()
            .ThrowAsync<FileSystemException>().Where(e => e.Errno == Errno.EINVAL);
    }

    [Fact]
    public async Task Truncate_ShrinkThenGrow_ReadsZerosInTheRegrownPart()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        await fs.WriteFileAsync("/a", "abcdef");

        await fs.TruncateAsync("/a", 2);
        await fs.TruncateAsync("/a", 4);

        (await fs.ReadFileAsync("/a")).Should().Be("ab\0\0");
    }

    [Fact]
    public async Task Open_Truncate_EmptiesTheFile()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount();
        await fs.WriteFileAsync("/a", "abcdef");

        var handle = await fs.OpenAsync("/a", OpenFlags.WriteOnly | OpenFlags.Truncate);

        (await fs.FstatAsync(handle)).Size.Should().Be(0);
    }

    [Fact]
    public async Task Open_CreateWithUmask_AppliesTheUmask()
    {
        await using var sim = NewSimulation();
        var fs = sim.Mount(umask: Octal("027"));

        await fs.CloseAsync(await fs.OpenAsync("/a", OpenFlags.Create | OpenFlags.WriteOnly, Octal("666")));
        await fs.MkdirAsync("/d", Octal("777"));

        (await fs.StatAsync("/a")).Mode.Should().Be(Octal("640"));
        (await fs.StatAsync("/d")).Mode.Should().Be(Octal("750"));
    }

    [Fact]
    public async Task Mkdir_InSetGroupIdDirectory_InheritsGroupAndSetGroupId()
    {
        await using var sim = NewSimulation();
        var root = sim.Mount();
        await root.MkdirAsync("/shared");
        await root.ChownAsync("/shared", 0, 500);
        await root.ChmodAsync("/shared", Octal("2777"));
        var fs = sim.Mount(Alice);

        await fs.MkdirAsync("/shared/sub");
        await fs.WriteFileAsync("/shared/f", "x");

        (await fs.StatAsync("/shared/sub")).Should().Match<FileStatus>(s => s.Gid == 500 && (s.Mode & UnixFileMode.SetGroup) != 0);
        (await fs.StatAsync("/shared/f")).Gid.Should().Be(500);
    }
}
