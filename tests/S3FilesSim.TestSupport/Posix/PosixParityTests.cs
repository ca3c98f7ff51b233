using System.Text;
using FluentAssertions;
using S3FilesSim.FileSystem;
using Xunit;

namespace S3FilesSim.TestSupport.Posix;

/// <summary>
/// POSIX behaviours Amazon S3 Files shares with a local Linux file system, written once against <see cref="IFileSystem"/>
/// and run against every implementation: a subclass only provides <see cref="MountAsync"/> and <see cref="IsS3Files"/>.
/// </summary>
/// <remarks>
/// <para>Each test starts from an empty root directory owned by the mount's user. Tests never depend on who runs them:
/// no permission-denied cases (root bypasses permission bits), modes are set explicitly where the umask could differ,
/// timestamps are compared with explicitly set past values (the simulator's clock does not move by itself), and
/// fcntl(2) lock tests stay within one lock owner, since POSIX locks of one process never conflict.</para>
/// <para>Where S3 Files deliberately differs from local POSIX the test branches on <see cref="IsS3Files"/> and says why,
/// citing https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-quotas.html.</para>
/// </remarks>
public abstract class PosixParityTests : FileSystemTestBase
{
    private static readonly Timespec PastTime = new(946_684_800, 123_456_789);

    /// <summary>Gets a value indicating whether the implementation is S3 Files (or its simulation) rather than local POSIX.</summary>
    protected abstract bool IsS3Files { get; }

    /// <summary>Gets the errno S3 Files reports for setting a user extended attribute: the Linux NFS client's internal
    /// ENOTSUPP (524); through FUSE, which cannot carry errno values of 512 and above, EOPNOTSUPP (95).</summary>
    protected virtual Errno UnsupportedAttributeErrno => Errno.ENOTSUPP;

    [Fact]
    public async Task Open_MissingWithoutCreate_ThrowsENOENT()
    {
        await ExpectErrnoAsync(Errno.ENOENT, () => Fs.OpenAsync("/missing", OpenFlags.ReadOnly));
    }

    [Fact]
    public async Task Open_CreateInMissingDirectory_ThrowsENOENT()
    {
        await ExpectErrnoAsync(Errno.ENOENT, () => Fs.OpenAsync("/missing/a", OpenFlags.WriteOnly | OpenFlags.Create));
    }

    [Fact]
    public async Task Open_CreateExclusiveOnExistingFile_ThrowsEEXIST()
    {
        await WriteFileAsync("/a", "x");

        await ExpectErrnoAsync(Errno.EEXIST, () => Fs.OpenAsync("/a", OpenFlags.WriteOnly | OpenFlags.Create | OpenFlags.Exclusive));
    }

    [Fact]
    public async Task Open_CreateOnExistingFile_KeepsContents()
    {
        await WriteFileAsync("/a", "keep");

        var handle = await Fs.OpenAsync("/a", OpenFlags.ReadWrite | OpenFlags.Create);
        await Fs.CloseAsync(handle);

        (await ReadFileAsync("/a")).Should().Be("keep");
    }

    [Fact]
    public async Task Open_DirectoryFlagOnFile_ThrowsENOTDIR()
    {
        await WriteFileAsync("/a", "x");

        await ExpectErrnoAsync(Errno.ENOTDIR, () => Fs.OpenAsync("/a", OpenFlags.ReadOnly | OpenFlags.Directory));
    }

    [Fact]
    public async Task Open_NoFollowOnSymlink_ThrowsELOOP()
    {
        await WriteFileAsync("/a", "x");
        await Fs.SymlinkAsync("a", "/link");

        await ExpectErrnoAsync(Errno.ELOOP, () => Fs.OpenAsync("/link", OpenFlags.ReadOnly | OpenFlags.NoFollow));
    }

    [Fact]
    public async Task Open_DirectoryForWriting_ThrowsEISDIR()
    {
        await Fs.MkdirAsync("/d");

        await ExpectErrnoAsync(Errno.EISDIR, () => Fs.OpenAsync("/d", OpenFlags.WriteOnly));
    }

    [Fact]
    public async Task Open_Truncate_EmptiesTheFile()
    {
        await WriteFileAsync("/a", "some content");

        var handle = await Fs.OpenAsync("/a", OpenFlags.WriteOnly | OpenFlags.Truncate);
        var size = (await Fs.FstatAsync(handle)).Size;
        await Fs.CloseAsync(handle);

        size.Should().Be(0);
    }

    [Fact]
    public async Task Write_AppendHandleAfterSeekToStart_WritesAtTheEnd()
    {
        await WriteFileAsync("/a", "abc");
        var handle = await Fs.OpenAsync("/a", OpenFlags.WriteOnly | OpenFlags.Append);
        await Fs.SeekAsync(handle, 0, SeekOrigin.Begin);

        await Fs.WriteAsync(handle, Bytes("def"));
        await Fs.CloseAsync(handle);

        (await ReadFileAsync("/a")).Should().Be("abcdef");
    }

    [Fact]
    public async Task Read_DirectoryHandle_ThrowsEISDIR()
    {
        await Fs.MkdirAsync("/d");
        var handle = await Fs.OpenAsync("/d", OpenFlags.ReadOnly | OpenFlags.Directory);

        await ExpectErrnoAsync(Errno.EISDIR, () => Fs.ReadAsync(handle, new byte[16], 0));

        await Fs.CloseAsync(handle);
    }

    [Fact]
    public async Task Pread_AtOffset_ReturnsTheBytesThere()
    {
        await WriteFileAsync("/a", "0123456789");
        var handle = await Fs.OpenAsync("/a", OpenFlags.ReadOnly);
        var buffer = new byte[4];

        var read = await Fs.ReadAsync(handle, buffer, 3);
        await Fs.CloseAsync(handle);

        read.Should().Be(4);
        Encoding.UTF8.GetString(buffer).Should().Be("3456");
    }

    [Fact]
    public async Task Read_Sequential_AdvancesThePosition()
    {
        await WriteFileAsync("/a", "abcdef");
        var handle = await Fs.OpenAsync("/a", OpenFlags.ReadOnly);
        var first = new byte[2];
        var second = new byte[3];

        await Fs.ReadAsync(handle, first);
        await Fs.ReadAsync(handle, second);
        var position = await Fs.SeekAsync(handle, 0, SeekOrigin.Current);
        await Fs.CloseAsync(handle);

        Encoding.UTF8.GetString(first).Should().Be("ab");
        Encoding.UTF8.GetString(second).Should().Be("cde");
        position.Should().Be(5);
    }

    [Fact]
    public async Task Pread_DoesNotMoveThePosition()
    {
        await WriteFileAsync("/a", "abcdef");
        var handle = await Fs.OpenAsync("/a", OpenFlags.ReadOnly);

        await Fs.ReadAsync(handle, new byte[4], 1);
        var position = await Fs.SeekAsync(handle, 0, SeekOrigin.Current);
        await Fs.CloseAsync(handle);

        position.Should().Be(0);
    }

    [Fact]
    public async Task Pwrite_DoesNotMoveThePosition()
    {
        var handle = await Fs.OpenAsync("/a", OpenFlags.ReadWrite | OpenFlags.Create);

        await Fs.WriteAsync(handle, Bytes("xyz"), 10);
        var position = await Fs.SeekAsync(handle, 0, SeekOrigin.Current);
        await Fs.CloseAsync(handle);

        position.Should().Be(0);
    }

    [Fact]
    public async Task Pwrite_PastTheEnd_LeavesAHoleThatReadsAsZeros()
    {
        var handle = await Fs.OpenAsync("/a", OpenFlags.ReadWrite | OpenFlags.Create);
        await Fs.WriteAsync(handle, Bytes("ab"), 0);
        await Fs.WriteAsync(handle, Bytes("z"), 70_000);
        var buffer = new byte[70_001];

        var read = await Fs.ReadAsync(handle, buffer, 0);
        await Fs.CloseAsync(handle);

        read.Should().Be(70_001);
        buffer[2..70_000].Should().OnlyContain(b => b == 0);
        buffer[70_000].Should().Be((byte)'z');
    }

    [Fact]
    public async Task Read_AtEndOfFile_ReturnsZero()
    {
        await WriteFileAsync("/a", "abc");
        var handle = await Fs.OpenAsync("/a", OpenFlags.ReadOnly);

        var atEnd = await Fs.ReadAsync(handle, new byte[8], 3);
        var pastEnd = await Fs.ReadAsync(handle, new byte[8], 100);
        await Fs.CloseAsync(handle);

        atEnd.Should().Be(0);
        pastEnd.Should().Be(0);
    }

    [Fact]
    public async Task Pwrite_InTheMiddle_OverwritesWithoutChangingTheSize()
    {
        await WriteFileAsync("/a", "abcdef");
        var handle = await Fs.OpenAsync("/a", OpenFlags.WriteOnly);

        await Fs.WriteAsync(handle, Bytes("XY"), 2);
        await Fs.CloseAsync(handle);

        (await ReadFileAsync("/a")).Should().Be("abXYef");
    }

    [Fact]
    public async Task Seek_FromEnd_ReturnsSizePlusOffset()
    {
        await WriteFileAsync("/a", "0123456789");
        var handle = await Fs.OpenAsync("/a", OpenFlags.ReadOnly);

        var position = await Fs.SeekAsync(handle, -3, SeekOrigin.End);
        var buffer = new byte[3];
        await Fs.ReadAsync(handle, buffer);
        await Fs.CloseAsync(handle);

        position.Should().Be(7);
        Encoding.UTF8.GetString(buffer).Should().Be("789");
    }

    [Fact]
    public async Task Seek_FromCurrent_IsRelativeToThePosition()
    {
        await WriteFileAsync("/a", "0123456789");
        var handle = await Fs.OpenAsync("/a", OpenFlags.ReadOnly);
        await Fs.SeekAsync(handle, 4, SeekOrigin.Begin);

        var position = await Fs.SeekAsync(handle, 2, SeekOrigin.Current);
        await Fs.CloseAsync(handle);

        position.Should().Be(6);
    }

    [Fact]
    public async Task Seek_BeforeTheStart_ThrowsEINVAL()
    {
        await WriteFileAsync("/a", "abc");
        var handle = await Fs.OpenAsync("/a", OpenFlags.ReadOnly);

        await ExpectErrnoAsync(Errno.EINVAL, () => Fs.SeekAsync(handle, -1, SeekOrigin.Begin));

        (await Fs.SeekAsync(handle, 0, SeekOrigin.Current)).Should().Be(0);
        await Fs.CloseAsync(handle);
    }

    [Fact]
    public async Task Write_AfterSeekPastTheEnd_ExtendsWithZeros()
    {
        await WriteFileAsync("/a", "ab");
        var handle = await Fs.OpenAsync("/a", OpenFlags.ReadWrite);
        await Fs.SeekAsync(handle, 5, SeekOrigin.End);

        await Fs.WriteAsync(handle, Bytes("c"));
        await Fs.CloseAsync(handle);

        (await ReadBytesAsync("/a")).Should().Equal((byte)'a', (byte)'b', 0, 0, 0, 0, 0, (byte)'c');
    }

    [Fact]
    public async Task Truncate_Grow_ZeroFills()
    {
        await WriteFileAsync("/a", "abc");

        await Fs.TruncateAsync("/a", 6);

        (await ReadBytesAsync("/a")).Should().Equal((byte)'a', (byte)'b', (byte)'c', 0, 0, 0);
    }

    [Fact]
    public async Task Truncate_Shrink_DropsTheTail()
    {
        await WriteFileAsync("/a", "abcdef");

        await Fs.TruncateAsync("/a", 2);

        (await ReadFileAsync("/a")).Should().Be("ab");
    }

    [Fact]
    public async Task Truncate_ShrinkThenGrow_ReadsZerosWhereTheOldDataWas()
    {
        await WriteFileAsync("/a", "abcdef");

        await Fs.TruncateAsync("/a", 2);
        await Fs.TruncateAsync("/a", 4);

        (await ReadBytesAsync("/a")).Should().Equal((byte)'a', (byte)'b', 0, 0);
    }

    [Fact]
    public async Task Truncate_Directory_ThrowsEISDIR()
    {
        await Fs.MkdirAsync("/d");

        await ExpectErrnoAsync(Errno.EISDIR, () => Fs.TruncateAsync("/d", 0));
    }

    [Fact]
    public async Task Truncate_NegativeLength_ThrowsEINVAL()
    {
        await WriteFileAsync("/a", "abc");

        await ExpectErrnoAsync(Errno.EINVAL, () => Fs.TruncateAsync("/a", -1));

        (await ReadFileAsync("/a")).Should().Be("abc");
    }

    [Fact]
    public async Task Ftruncate_ReadOnlyHandle_ThrowsEINVAL()
    {
        // Linux checks FMODE_WRITE in do_sys_ftruncate and answers EINVAL, not EBADF.
        await WriteFileAsync("/a", "abc");
        var handle = await Fs.OpenAsync("/a", OpenFlags.ReadOnly);

        await ExpectErrnoAsync(Errno.EINVAL, () => Fs.TruncateAsync(handle, 1));

        await Fs.CloseAsync(handle);
        (await ReadFileAsync("/a")).Should().Be("abc");
    }

    [Fact]
    public async Task Ftruncate_WritableHandle_SetsTheLength()
    {
        await WriteFileAsync("/a", "abcdef");
        var handle = await Fs.OpenAsync("/a", OpenFlags.ReadWrite);

        await Fs.TruncateAsync(handle, 3);
        var size = (await Fs.FstatAsync(handle)).Size;
        await Fs.CloseAsync(handle);

        size.Should().Be(3);
        (await ReadFileAsync("/a")).Should().Be("abc");
    }

    [Fact]
    public async Task Close_Twice_ThrowsEBADF()
    {
        var handle = await Fs.OpenAsync("/a", OpenFlags.WriteOnly | OpenFlags.Create);
        await Fs.CloseAsync(handle);

        await ExpectErrnoAsync(Errno.EBADF, () => Fs.CloseAsync(handle));
    }

    [Fact]
    public async Task Read_ClosedHandle_ThrowsEBADF()
    {
        await WriteFileAsync("/a", "abc");
        var handle = await Fs.OpenAsync("/a", OpenFlags.ReadOnly);
        await Fs.CloseAsync(handle);

        await ExpectErrnoAsync(Errno.EBADF, () => Fs.ReadAsync(handle, new byte[3], 0));
    }

    [Fact]
    public async Task Read_WriteOnlyHandle_ThrowsEBADF()
    {
        await WriteFileAsync("/a", "abc");
        var handle = await Fs.OpenAsync("/a", OpenFlags.WriteOnly);

        await ExpectErrnoAsync(Errno.EBADF, () => Fs.ReadAsync(handle, new byte[3], 0));

        await Fs.CloseAsync(handle);
    }

    [Fact]
    public async Task Write_ReadOnlyHandle_ThrowsEBADF()
    {
        await WriteFileAsync("/a", "abc");
        var handle = await Fs.OpenAsync("/a", OpenFlags.ReadOnly);

        await ExpectErrnoAsync(Errno.EBADF, () => Fs.WriteAsync(handle, Bytes("z"), 0));

        await Fs.CloseAsync(handle);
        (await ReadFileAsync("/a")).Should().Be("abc");
    }

    [Fact]
    public async Task Fstat_AfterWrite_ShowsTheNewSize()
    {
        var handle = await Fs.OpenAsync("/a", OpenFlags.WriteOnly | OpenFlags.Create);

        await Fs.WriteAsync(handle, Bytes("12345"));
        var status = await Fs.FstatAsync(handle);
        await Fs.CloseAsync(handle);

        status.Size.Should().Be(5);
        status.Type.Should().Be(FileType.RegularFile);
    }

    [Fact]
    public async Task Stat_NewFile_IsARegularFileOfTheUserWithOneLink()
    {
        await WriteFileAsync("/a", "hello");

        var status = await Fs.StatAsync("/a");

        status.Type.Should().Be(FileType.RegularFile);
        status.Size.Should().Be(5);
        status.LinkCount.Should().Be(1);
        status.Uid.Should().Be(Fs.User.Uid);
        status.Gid.Should().Be(Fs.User.Gid);
        status.RawMode.Should().Be(0x8000u | (uint)status.Mode);
    }

    [Fact]
    public async Task Open_CreateWithOwnerOnlyMode_KeepsTheMode()
    {
        // 0600 survives any umask that leaves the owner bits alone, so both implementations agree.
        var handle = await Fs.OpenAsync("/a", OpenFlags.WriteOnly | OpenFlags.Create | OpenFlags.Exclusive, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        await Fs.CloseAsync(handle);

        (await Fs.StatAsync("/a")).Mode.Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    [Fact]
    public async Task Mkdir_WithOwnerOnlyMode_KeepsTheMode()
    {
        await Fs.MkdirAsync("/d", UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        var status = await Fs.StatAsync("/d");

        status.Type.Should().Be(FileType.Directory);
        status.Mode.Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    [Fact]
    public async Task Write_AfterTimesSetInThePast_MovesModificationAndChangeTime()
    {
        await WriteFileAsync("/a", "abc");
        await Fs.SetTimesAsync("/a", TimeUpdate.To(PastTime), TimeUpdate.To(PastTime));
        var before = await Fs.StatAsync("/a");
        var handle = await Fs.OpenAsync("/a", OpenFlags.WriteOnly);

        await Fs.WriteAsync(handle, Bytes("defg"), 3);
        await Fs.CloseAsync(handle);

        var after = await Fs.StatAsync("/a");
        after.Size.Should().Be(7);
        after.ModificationTime.Should().BeGreaterThan(PastTime);
        after.ChangeTime.Should().BeGreaterThanOrEqualTo(before.ChangeTime);
    }

    [Fact]
    public async Task Stat_Directory_CountsTwoLinksPlusOnePerSubdirectory()
    {
        await Fs.MkdirAsync("/d");
        await Fs.MkdirAsync("/d/s1");
        await Fs.MkdirAsync("/d/s2");
        await WriteFileAsync("/d/f", "x");

        var status = await Fs.StatAsync("/d");

        status.Type.Should().Be(FileType.Directory);
        status.LinkCount.Should().Be(4);
    }

    [Fact]
    public async Task Lstat_Symlink_DescribesTheLinkItself()
    {
        await WriteFileAsync("/target.txt", "0123456789");
        await Fs.SymlinkAsync("target.txt", "/link");

        var status = await Fs.LstatAsync("/link");

        status.Type.Should().Be(FileType.SymbolicLink);
        status.Size.Should().Be("target.txt".Length);
        status.RawMode.Should().Be(0xA000u | (uint)status.Mode);
    }

    [Fact]
    public async Task Stat_Symlink_DescribesTheTarget()
    {
        await WriteFileAsync("/target.txt", "0123456789");
        await Fs.SymlinkAsync("target.txt", "/link");

        var status = await Fs.StatAsync("/link");
        var target = await Fs.StatAsync("/target.txt");

        status.Type.Should().Be(FileType.RegularFile);
        status.Size.Should().Be(10);
        status.InodeNumber.Should().Be(target.InodeNumber);
    }

    [Fact]
    public async Task Chmod_File_SetsThePermissionBits()
    {
        await WriteFileAsync("/a", "x");

        await Fs.ChmodAsync("/a", UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);

        (await Fs.StatAsync("/a")).Mode.Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
    }

    [Fact]
    public async Task Chmod_Directory_KeepsTheStickyBit()
    {
        await Fs.MkdirAsync("/d");
        var mode = UnixFileMode.StickyBit | UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

        await Fs.ChmodAsync("/d", mode);

        (await Fs.StatAsync("/d")).Mode.Should().Be(mode);
    }

    [Fact]
    public async Task Chown_OwnerToItsOwnGroup_SetsTheGroup()
    {
        await WriteFileAsync("/a", "x");

        await Fs.ChownAsync("/a", null, Fs.User.Gid);

        var status = await Fs.StatAsync("/a");
        status.Gid.Should().Be(Fs.User.Gid);
        status.Uid.Should().Be(Fs.User.Uid);
    }

    [Fact]
    public async Task SetTimes_ExplicitValues_AreStoredToTheNanosecond()
    {
        await WriteFileAsync("/a", "x");
        var accessTime = new Timespec(1_000_000_000, 111_111_111);
        var modificationTime = new Timespec(1_100_000_000, 222_222_222);

        await Fs.SetTimesAsync("/a", TimeUpdate.To(accessTime), TimeUpdate.To(modificationTime));

        var status = await Fs.StatAsync("/a");
        status.AccessTime.Should().Be(accessTime);
        status.ModificationTime.Should().Be(modificationTime);
    }

    [Fact]
    public async Task SetTimes_Now_MovesBothTimesOffThePast()
    {
        await WriteFileAsync("/a", "x");
        await Fs.SetTimesAsync("/a", TimeUpdate.To(PastTime), TimeUpdate.To(PastTime));

        await Fs.SetTimesAsync("/a", TimeUpdate.Now, TimeUpdate.Now);

        var status = await Fs.StatAsync("/a");
        status.AccessTime.Should().BeGreaterThan(PastTime);
        status.ModificationTime.Should().BeGreaterThan(PastTime);
    }

    [Fact]
    public async Task SetTimes_OmitModification_ChangesOnlyTheAccessTime()
    {
        await WriteFileAsync("/a", "x");
        await Fs.SetTimesAsync("/a", TimeUpdate.To(PastTime), TimeUpdate.To(PastTime));
        var accessTime = new Timespec(1_200_000_000, 5);

        await Fs.SetTimesAsync("/a", TimeUpdate.To(accessTime), TimeUpdate.Omit);

        var status = await Fs.StatAsync("/a");
        status.AccessTime.Should().Be(accessTime);
        status.ModificationTime.Should().Be(PastTime);
    }

    [Fact]
    public async Task Access_ExistingFile_Succeeds()
    {
        await WriteFileAsync("/a", "x");

        var act = () => Fs.AccessAsync("/a", AccessMode.Exists).AsTask();

        await act.Should().NotThrowAsync();
    }

    [Fact]
    public async Task Access_Missing_ThrowsENOENT()
    {
        await ExpectErrnoAsync(Errno.ENOENT, () => Fs.AccessAsync("/missing", AccessMode.Exists));
    }

    [Fact]
    public async Task Mkdir_Existing_ThrowsEEXIST()
    {
        await Fs.MkdirAsync("/d");

        await ExpectErrnoAsync(Errno.EEXIST, () => Fs.MkdirAsync("/d"));
    }

    [Fact]
    public async Task Mkdir_OverAFile_ThrowsEEXIST()
    {
        await WriteFileAsync("/a", "x");

        await ExpectErrnoAsync(Errno.EEXIST, () => Fs.MkdirAsync("/a"));
    }

    [Fact]
    public async Task Mkdir_MissingParent_ThrowsENOENT()
    {
        await ExpectErrnoAsync(Errno.ENOENT, () => Fs.MkdirAsync("/missing/d"));
    }

    [Fact]
    public async Task Rmdir_NonEmpty_ThrowsENOTEMPTY()
    {
        await Fs.MkdirAsync("/d");
        await WriteFileAsync("/d/a", "x");

        await ExpectErrnoAsync(Errno.ENOTEMPTY, () => Fs.RmdirAsync("/d"));

        (await Fs.StatAsync("/d/a")).Type.Should().Be(FileType.RegularFile);
    }

    [Fact]
    public async Task Rmdir_File_ThrowsENOTDIR()
    {
        await WriteFileAsync("/a", "x");

        await ExpectErrnoAsync(Errno.ENOTDIR, () => Fs.RmdirAsync("/a"));
    }

    [Fact]
    public async Task Rmdir_MountRoot_ThrowsEBUSY()
    {
        await ExpectErrnoAsync(Errno.EBUSY, () => Fs.RmdirAsync("/"));
    }

    [Fact]
    public async Task Rmdir_EmptyDirectory_RemovesIt()
    {
        await Fs.MkdirAsync("/d");

        await Fs.RmdirAsync("/d");

        await ExpectErrnoAsync(Errno.ENOENT, () => Fs.StatAsync("/d"));
    }

    [Fact]
    public async Task Unlink_Directory_ThrowsEISDIR()
    {
        await Fs.MkdirAsync("/d");

        await ExpectErrnoAsync(Errno.EISDIR, () => Fs.UnlinkAsync("/d"));
    }

    [Fact]
    public async Task Unlink_Symlink_RemovesTheLinkNotTheTarget()
    {
        await WriteFileAsync("/a", "x");
        await Fs.SymlinkAsync("a", "/link");

        await Fs.UnlinkAsync("/link");

        await ExpectErrnoAsync(Errno.ENOENT, () => Fs.LstatAsync("/link"));
        (await ReadFileAsync("/a")).Should().Be("x");
    }

    [Fact]
    public async Task Unlink_OpenFile_KeepsTheHandleReadable()
    {
        await WriteFileAsync("/a", "still here");
        var handle = await Fs.OpenAsync("/a", OpenFlags.ReadOnly);

        await Fs.UnlinkAsync("/a");
        var buffer = new byte[10];
        var read = await Fs.ReadAsync(handle, buffer, 0);
        await Fs.CloseAsync(handle);

        read.Should().Be(10);
        Encoding.UTF8.GetString(buffer).Should().Be("still here");
        await ExpectErrnoAsync(Errno.ENOENT, () => Fs.StatAsync("/a"));
    }

    [Fact]
    public async Task ReadDirectory_ListsNamesAndTypesWithoutDotEntries()
    {
        await Fs.MkdirAsync("/top");
        await Fs.MkdirAsync("/top/d");
        await WriteFileAsync("/top/f", "x");
        await Fs.SymlinkAsync("f", "/top/l");

        var entries = await Fs.ReadDirectoryAsync("/top");

        entries.Select(e => (e.Name, e.Type)).Should().BeEquivalentTo(
            [("d", FileType.Directory), ("f", FileType.RegularFile), ("l", FileType.SymbolicLink)]);
    }

    [Fact]
    public async Task ReadDirectory_InodeNumbers_MatchLstat()
    {
        await Fs.MkdirAsync("/d");
        await WriteFileAsync("/d/f", "x");
        await Fs.MkdirAsync("/d/s");
        await Fs.SymlinkAsync("f", "/d/l");

        var entries = await Fs.ReadDirectoryAsync("/d");

        entries.Should().HaveCount(3);
        foreach (var entry in entries)
        {
            (await Fs.LstatAsync("/d/" + entry.Name)).InodeNumber.Should().Be(entry.InodeNumber, entry.Name);
        }
    }

    [Fact]
    public async Task ReadDirectory_EmptyDirectory_ReturnsNoEntries()
    {
        await Fs.MkdirAsync("/d");

        var entries = await Fs.ReadDirectoryAsync("/d");

        entries.Should().BeEmpty();
    }

    [Fact]
    public async Task ReadDirectory_File_ThrowsENOTDIR()
    {
        await WriteFileAsync("/a", "x");

        await ExpectErrnoAsync(Errno.ENOTDIR, () => Fs.ReadDirectoryAsync("/a"));
    }

    [Fact]
    public async Task ReadDirectory_Missing_ThrowsENOENT()
    {
        await ExpectErrnoAsync(Errno.ENOENT, () => Fs.ReadDirectoryAsync("/missing"));
    }

    [Fact]
    public async Task Rename_FileOverFile_ReplacesTheTarget()
    {
        await WriteFileAsync("/a", "new");
        await WriteFileAsync("/b", "old");
        var source = await Fs.StatAsync("/a");

        await Fs.RenameAsync("/a", "/b");

        (await ReadFileAsync("/b")).Should().Be("new");
        (await Fs.StatAsync("/b")).InodeNumber.Should().Be(source.InodeNumber);
        await ExpectErrnoAsync(Errno.ENOENT, () => Fs.StatAsync("/a"));
    }

    [Fact]
    public async Task Rename_FileOverFile_OpenHandleOfTheReplacedFileStillReadsTheOldData()
    {
        await WriteFileAsync("/a", "new");
        await WriteFileAsync("/b", "old");
        var handle = await Fs.OpenAsync("/b", OpenFlags.ReadOnly);

        await Fs.RenameAsync("/a", "/b");
        var buffer = new byte[3];
        await Fs.ReadAsync(handle, buffer, 0);
        await Fs.CloseAsync(handle);

        Encoding.UTF8.GetString(buffer).Should().Be("old");
    }

    [Fact]
    public async Task Rename_DirectoryOverEmptyDirectory_ReplacesIt()
    {
        await Fs.MkdirAsync("/src");
        await WriteFileAsync("/src/a", "x");
        await Fs.MkdirAsync("/dst");

        await Fs.RenameAsync("/src", "/dst");

        (await ReadFileAsync("/dst/a")).Should().Be("x");
        await ExpectErrnoAsync(Errno.ENOENT, () => Fs.StatAsync("/src"));
    }

    [Fact]
    public async Task Rename_DirectoryOverNonEmptyDirectory_ThrowsENOTEMPTY()
    {
        await Fs.MkdirAsync("/src");
        await Fs.MkdirAsync("/dst");
        await WriteFileAsync("/dst/a", "x");

        await ExpectErrnoAsync(Errno.ENOTEMPTY, () => Fs.RenameAsync("/src", "/dst"));

        (await Fs.StatAsync("/src")).Type.Should().Be(FileType.Directory);
    }

    [Fact]
    public async Task Rename_FileOverDirectory_ThrowsEISDIR()
    {
        await WriteFileAsync("/a", "x");
        await Fs.MkdirAsync("/d");

        await ExpectErrnoAsync(Errno.EISDIR, () => Fs.RenameAsync("/a", "/d"));
    }

    [Fact]
    public async Task Rename_DirectoryOverFile_ThrowsENOTDIR()
    {
        await Fs.MkdirAsync("/d");
        await WriteFileAsync("/a", "x");

        await ExpectErrnoAsync(Errno.ENOTDIR, () => Fs.RenameAsync("/d", "/a"));
    }

    [Fact]
    public async Task Rename_DirectoryIntoItsOwnSubtree_ThrowsEINVAL()
    {
        await Fs.MkdirAsync("/d");
        await Fs.MkdirAsync("/d/s");

        await ExpectErrnoAsync(Errno.EINVAL, () => Fs.RenameAsync("/d", "/d/s/x"));

        (await Fs.StatAsync("/d/s")).Type.Should().Be(FileType.Directory);
    }

    [Fact]
    public async Task Rename_OntoItself_ChangesNothing()
    {
        await WriteFileAsync("/a", "same");
        var before = await Fs.StatAsync("/a");

        await Fs.RenameAsync("/a", "/a");

        (await Fs.StatAsync("/a")).InodeNumber.Should().Be(before.InodeNumber);
        (await ReadFileAsync("/a")).Should().Be("same");
    }

    [Fact]
    public async Task Rename_NoReplaceOntoAnExistingTarget_ThrowsEEXIST()
    {
        await WriteFileAsync("/a", "a");
        await WriteFileAsync("/b", "b");

        await ExpectErrnoAsync(Errno.EEXIST, () => Fs.RenameAsync("/a", "/b", RenameFlags.NoReplace));

        (await ReadFileAsync("/b")).Should().Be("b");
    }

    [Fact]
    public async Task Rename_NoReplaceOntoAMissingTarget_MovesTheEntry()
    {
        await WriteFileAsync("/a", "a");

        await Fs.RenameAsync("/a", "/b", RenameFlags.NoReplace);

        (await ReadFileAsync("/b")).Should().Be("a");
    }

    [Fact]
    public async Task Rename_MissingSource_ThrowsENOENT()
    {
        await ExpectErrnoAsync(Errno.ENOENT, () => Fs.RenameAsync("/missing", "/b"));
    }

    [Fact]
    public async Task Rename_Directory_MovesItsWholeSubtree()
    {
        await Fs.MkdirAsync("/d");
        await Fs.MkdirAsync("/d/s");
        await WriteFileAsync("/d/s/f", "deep");
        await Fs.MkdirAsync("/e");

        await Fs.RenameAsync("/d", "/e/moved");

        (await ReadFileAsync("/e/moved/s/f")).Should().Be("deep");
        (await Fs.StatAsync("/e")).LinkCount.Should().Be(3);
    }

    [Fact]
    public async Task ReadLink_Symlink_ReturnsTheTargetText()
    {
        await Fs.SymlinkAsync("../not/resolved/at/creation", "/link");

        var target = await Fs.ReadLinkAsync("/link");

        target.Should().Be("../not/resolved/at/creation");
    }

    [Fact]
    public async Task ReadLink_RegularFile_ThrowsEINVAL()
    {
        await WriteFileAsync("/a", "x");

        await ExpectErrnoAsync(Errno.EINVAL, () => Fs.ReadLinkAsync("/a"));
    }

    [Fact]
    public async Task Symlink_OntoAnExistingEntry_ThrowsEEXIST()
    {
        await WriteFileAsync("/a", "x");

        await ExpectErrnoAsync(Errno.EEXIST, () => Fs.SymlinkAsync("anything", "/a"));
    }

    [Fact]
    public async Task Stat_SymlinkLoop_ThrowsELOOP()
    {
        await Fs.SymlinkAsync("b", "/a");
        await Fs.SymlinkAsync("a", "/b");

        await ExpectErrnoAsync(Errno.ELOOP, () => Fs.StatAsync("/a"));
    }

    [Fact]
    public async Task Stat_DanglingSymlink_ThrowsENOENTWhileLstatSucceeds()
    {
        await Fs.SymlinkAsync("missing", "/link");

        await ExpectErrnoAsync(Errno.ENOENT, () => Fs.StatAsync("/link"));

        (await Fs.LstatAsync("/link")).Type.Should().Be(FileType.SymbolicLink);
    }

    [Fact]
    public async Task Open_ThroughSymlinkToDirectory_ResolvesTheLink()
    {
        await Fs.MkdirAsync("/real");
        await WriteFileAsync("/real/f", "via link");
        await Fs.SymlinkAsync("real", "/alias");

        var text = await ReadFileAsync("/alias/f");

        text.Should().Be("via link");
    }

    [Fact]
    public async Task Stat_PathThroughAFile_ThrowsENOTDIR()
    {
        await WriteFileAsync("/a", "x");

        await ExpectErrnoAsync(Errno.ENOTDIR, () => Fs.StatAsync("/a/b"));
    }

    [Fact]
    public async Task Stat_TrailingSlashOnAFile_ThrowsENOTDIR()
    {
        await WriteFileAsync("/a", "x");

        await ExpectErrnoAsync(Errno.ENOTDIR, () => Fs.StatAsync("/a/"));
    }

    [Fact]
    public async Task Stat_DotAndDotDotComponents_ResolveLikeTheKernel()
    {
        await Fs.MkdirAsync("/d");
        await WriteFileAsync("/f", "x");

        var viaDots = await Fs.StatAsync("/d/./../f");

        viaDots.InodeNumber.Should().Be((await Fs.StatAsync("/f")).InodeNumber);
    }

    [Fact]
    public async Task Open_NameOf255Bytes_Succeeds()
    {
        var name = new string('n', 255);
        await Fs.MkdirAsync("/d");

        await WriteFileAsync("/d/" + name, "x");

        (await Fs.ReadDirectoryAsync("/d")).Should().ContainSingle().Which.Name.Should().Be(name);
    }

    [Fact]
    public async Task Open_NameOf256Bytes_ThrowsENAMETOOLONG()
    {
        await ExpectErrnoAsync(Errno.ENAMETOOLONG, () => Fs.OpenAsync("/" + new string('n', 256), OpenFlags.WriteOnly | OpenFlags.Create));
    }

    [Fact]
    public async Task Mkdir_MultibyteNameOf256Bytes_ThrowsENAMETOOLONG()
    {
        // 128 two-byte characters: 128 characters, 256 UTF-8 bytes; the limit counts bytes.
        await ExpectErrnoAsync(Errno.ENAMETOOLONG, () => Fs.MkdirAsync("/" + new string('é', 128)));
    }

    [Fact]
    public async Task Stat_PathWithNul_ThrowsEINVAL()
    {
        // Both implementations reject NUL before any lookup: a C string would silently end at it.
        await WriteFileAsync("/a", "x");

        await ExpectErrnoAsync(Errno.EINVAL, () => Fs.StatAsync("/a\0b"));
    }

    [Fact]
    public async Task GetLock_OnOwnWriteLock_ReturnsNull()
    {
        await WriteFileAsync("/a", "0123456789");
        var handle = await Fs.OpenAsync("/a", OpenFlags.ReadWrite);
        await Fs.SetLockAsync(handle, new FileLock(LockType.Write, 0, 10));

        var blocking = await Fs.GetLockAsync(handle, new FileLock(LockType.Write, 0, 10));
        await Fs.CloseAsync(handle);

        blocking.Should().BeNull();
    }

    [Fact]
    public async Task SetLock_SameOwnerThroughTwoHandles_DoesNotConflict()
    {
        await WriteFileAsync("/a", "0123456789");
        var first = await Fs.OpenAsync("/a", OpenFlags.ReadWrite);
        var second = await Fs.OpenAsync("/a", OpenFlags.ReadWrite);
        await Fs.SetLockAsync(first, new FileLock(LockType.Write, 0, 0));

        var act = () => Fs.SetLockAsync(second, new FileLock(LockType.Write, 2, 4)).AsTask();

        await act.Should().NotThrowAsync();
        await Fs.CloseAsync(second);
        await Fs.CloseAsync(first);
    }

    [Fact]
    public async Task SetLock_UnlockOfAnUnheldRange_Succeeds()
    {
        await WriteFileAsync("/a", "0123456789");
        var handle = await Fs.OpenAsync("/a", OpenFlags.ReadWrite);

        var act = () => Fs.SetLockAsync(handle, new FileLock(LockType.Unlock, 3, 5)).AsTask();

        await act.Should().NotThrowAsync();
        await Fs.CloseAsync(handle);
    }

    [Fact]
    public async Task SetLock_RangeEndingBeforeOffsetZero_ThrowsEINVAL()
    {
        await WriteFileAsync("/a", "0123456789");
        var handle = await Fs.OpenAsync("/a", OpenFlags.ReadWrite);

        await ExpectErrnoAsync(Errno.EINVAL, () => Fs.SetLockAsync(handle, new FileLock(LockType.Write, 0, -1)));

        await Fs.CloseAsync(handle);
    }

    [Theory]
    [InlineData(OpenFlags.ReadOnly, LockType.Write)]
    [InlineData(OpenFlags.WriteOnly, LockType.Read)]
    public async Task SetLock_TypeTheHandleCannotAccess_ThrowsEBADF(OpenFlags access, LockType type)
    {
        await WriteFileAsync("/a", "0123456789");
        var handle = await Fs.OpenAsync("/a", access);

        await ExpectErrnoAsync(Errno.EBADF, () => Fs.SetLockAsync(handle, new FileLock(type, 0, 1)));

        await Fs.CloseAsync(handle);
    }

    [Fact]
    public async Task Flock_ReleasedExclusiveLock_CanBeTakenThroughAnotherHandle()
    {
        await WriteFileAsync("/a", "x");
        var first = await Fs.OpenAsync("/a", OpenFlags.ReadWrite);
        var second = await Fs.OpenAsync("/a", OpenFlags.ReadWrite);
        await Fs.FlockAsync(first, FlockOperation.Exclusive);
        await Fs.FlockAsync(first, FlockOperation.Unlock);

        var act = () => Fs.FlockAsync(second, FlockOperation.Exclusive).AsTask();

        await act.Should().NotThrowAsync();
        await Fs.CloseAsync(second);
        await Fs.CloseAsync(first);
    }

    [Fact]
    public async Task GetExtendedAttribute_MissingName_ThrowsENODATA()
    {
        await WriteFileAsync("/a", "x");

        await ExpectErrnoAsync(Errno.ENODATA, () => Fs.GetExtendedAttributeAsync("/a", "user.not-there"));
    }

    [Fact]
    public async Task StatFs_MaxNameLength_Is255()
    {
        var statistics = await Fs.StatFsAsync("/");

        statistics.MaxNameLength.Should().Be(255);
        statistics.BlockSize.Should().BePositive();
    }

    [Fact]
    public async Task Link_ExistingFile_FailsWithEPERMOnS3FilesAndAddsALinkLocally()
    {
        // Deliberate difference: S3 Files has no hard links, each file is exactly one object key
        // (https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-quotas.html).
        await WriteFileAsync("/a", "x");

        if (IsS3Files)
        {
            await ExpectErrnoAsync(Errno.EPERM, () => Fs.LinkAsync("/a", "/b"));
            await ExpectErrnoAsync(Errno.ENOENT, () => Fs.StatAsync("/b"));
        }
        else
        {
            await Fs.LinkAsync("/a", "/b");
            (await Fs.StatAsync("/b")).LinkCount.Should().Be(2);
        }
    }

    [Fact]
    public async Task SetExtendedAttribute_UserAttribute_FailsWithENOTSUPPOnS3FilesAndIsStoredLocally()
    {
        // Deliberate difference: S3 Files supports no user-defined extended attributes and the Linux NFS client
        // reports its internal ENOTSUPP (524) (https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-quotas.html).
        await WriteFileAsync("/a", "x");

        if (IsS3Files)
        {
            await ExpectErrnoAsync(UnsupportedAttributeErrno, () => Fs.SetExtendedAttributeAsync("/a", "user.color", Bytes("blue")));
        }
        else
        {
            await Fs.SetExtendedAttributeAsync("/a", "user.color", Bytes("blue"));
            (await Fs.GetExtendedAttributeAsync("/a", "user.color")).Should().Equal(Bytes("blue"));
        }
    }

    [Fact]
    public async Task Mknod_Fifo_CreatesAFifoWithTheRequestedMode()
    {
        // S3 Files keeps FIFOs on the file system (never exported); Linux creates them alike.
        await Fs.MknodAsync("/pipe", FileType.Fifo, (UnixFileMode)0x1A0);

        var status = await Fs.LstatAsync("/pipe");

        status.Type.Should().Be(FileType.Fifo);
        status.Mode.Should().Be((UnixFileMode)0x1A0);
        status.Size.Should().Be(0);
        status.RawMode.Should().Be(0x11A0u);
    }

    [Fact]
    public async Task Mknod_Socket_CreatesASocket()
    {
        await Fs.MknodAsync("/socket", FileType.Socket, (UnixFileMode)0x1A4);

        (await Fs.LstatAsync("/socket")).Type.Should().Be(FileType.Socket);
    }

    [Fact]
    public async Task Mknod_RegularFile_CreatesAnEmptyFile()
    {
        await Fs.MknodAsync("/file", FileType.RegularFile, (UnixFileMode)0x1A4);

        var status = await Fs.LstatAsync("/file");

        status.Type.Should().Be(FileType.RegularFile);
        status.Size.Should().Be(0);
    }

    [Fact]
    public async Task Mknod_ExistingName_ThrowsEEXIST()
    {
        await WriteFileAsync("/a", "x");

        await ExpectErrnoAsync(Errno.EEXIST, () => Fs.MknodAsync("/a", FileType.Fifo));
    }

    [Fact]
    public async Task Mknod_Directory_ThrowsEPERM()
    {
        await ExpectErrnoAsync(Errno.EPERM, () => Fs.MknodAsync("/d", FileType.Directory));
    }

    [Fact]
    public async Task ReadDirectory_Fifo_ListsItsType()
    {
        await Fs.MknodAsync("/pipe", FileType.Fifo);

        var entries = await Fs.ReadDirectoryAsync("/");

        entries.Should().ContainSingle().Which.Type.Should().Be(FileType.Fifo);
    }

    [Fact]
    public async Task Rmdir_DirectoryHoldingAFifo_ThrowsENOTEMPTY()
    {
        await Fs.MkdirAsync("/d");
        await Fs.MknodAsync("/d/pipe", FileType.Fifo);

        await ExpectErrnoAsync(Errno.ENOTEMPTY, () => Fs.RmdirAsync("/d"));
    }
}
