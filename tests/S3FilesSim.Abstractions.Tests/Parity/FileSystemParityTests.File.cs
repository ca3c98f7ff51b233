using System.Text;
using FluentAssertions;
using Xunit;

namespace S3FilesSim.Abstractions.Tests.Parity;

/// <content>File.</content>
public abstract partial class FileSystemParityTests<TTarget>
{
    [Fact]
    public void WriteAllText_ThenReadAllText_RoundTrips()
    {
        var path = P("a.txt");

        Fs.File.WriteAllText(path, "héllo wörld");

        Fs.File.ReadAllText(path).Should().Be("héllo wörld");
    }

    [Fact]
    public void WriteAllText_DefaultEncoding_WritesUtf8WithoutByteOrderMark()
    {
        var path = P("a.txt");

        Fs.File.WriteAllText(path, "é");

        Fs.File.ReadAllBytes(path).Should().Equal(0xC3, 0xA9);
    }

    [Fact]
    public void WriteAllText_Utf8Encoding_WritesByteOrderMarkThatReadAllTextSkips()
    {
        var path = P("a.txt");

        Fs.File.WriteAllText(path, "x", Encoding.UTF8);

        Fs.File.ReadAllBytes(path).Should().Equal(0xEF, 0xBB, 0xBF, (byte)'x');
        Fs.File.ReadAllText(path).Should().Be("x");
    }

    [Fact]
    public void WriteAllBytes_OneMebibyte_ReadAllBytesReturnsTheSameBytes()
    {
        var data = new byte[1 << 20];
        new Random(7).NextBytes(data);
        var path = P("blob.bin");

        Fs.File.WriteAllBytes(path, data);

        Fs.File.ReadAllBytes(path).Should().Equal(data);
    }

    [Fact]
    public void WriteAllBytes_ExistingLongerFile_TruncatesIt()
    {
        var path = Given("a.txt", "a much longer first version");

        Fs.File.WriteAllBytes(path, "v2"u8.ToArray());

        Fs.File.ReadAllText(path).Should().Be("v2");
    }

    [Fact]
    public void WriteAllLines_WritesLinuxLineEndings()
    {
        var path = P("lines.txt");

        Fs.File.WriteAllLines(path, ["one", "two"]);

        Fs.File.ReadAllText(path).Should().Be("one\ntwo\n");
    }

    [Fact]
    public void ReadAllLines_MixedLineEndings_SplitsEveryLine()
    {
        var path = Given("lines.txt", "a\r\nb\nc");

        var lines = Fs.File.ReadAllLines(path);

        lines.Should().Equal("a", "b", "c");
    }

    [Fact]
    public void AppendAllText_MissingFile_CreatesIt()
    {
        var path = P("log.txt");

        Fs.File.AppendAllText(path, "first");

        Fs.File.ReadAllText(path).Should().Be("first");
    }

    [Fact]
    public void AppendAllText_ExistingFile_AppendsAtTheEnd()
    {
        var path = Given("log.txt", "first");

        Fs.File.AppendAllText(path, "+second");

        Fs.File.ReadAllText(path).Should().Be("first+second");
    }

    [Fact]
    public void AppendAllLines_ExistingFile_AppendsLines()
    {
        var path = Given("log.txt", "a\n");

        Fs.File.AppendAllLines(path, ["b", "c"]);

        Fs.File.ReadAllLines(path).Should().Equal("a", "b", "c");
    }

    [Fact]
    public void ReadLines_MissingFile_ThrowsWhenCalledNotWhenEnumerated()
    {
        var path = P("missing.txt");

        var act = () => Fs.File.ReadLines(path);

        act.Should().Throw<FileNotFoundException>();
    }

    [Fact]
    public void ReadLines_YieldsLinesInOrder()
    {
        var path = Given("lines.txt", "1\n2\n3\n");

        var lines = Fs.File.ReadLines(path).ToList();

        lines.Should().Equal("1", "2", "3");
    }

    [Fact]
    public void ReadAllText_MissingFile_ThrowsFileNotFoundNamingThePath()
    {
        var path = P("missing.txt");

        var act = () => Fs.File.ReadAllText(path);

        act.Should().Throw<FileNotFoundException>()
            .WithMessage($"Could not find file '{path}'.")
            .Which.FileName.Should().Be(path);
    }

    [Fact]
    public void ReadAllText_MissingDirectory_ThrowsDirectoryNotFound()
    {
        var path = P("nowhere", "a.txt");

        var act = () => Fs.File.ReadAllText(path);

        act.Should().Throw<DirectoryNotFoundException>().WithMessage($"Could not find a part of the path '{path}'.");
    }

    [Fact]
    public void ReadAllBytes_OnDirectory_ThrowsUnauthorizedAccess()
    {
        var path = P("dir");
        Fs.Directory.CreateDirectory(path);

        var act = () => Fs.File.ReadAllBytes(path);

        act.Should().Throw<UnauthorizedAccessException>().WithMessage($"Access to the path '{path}' is denied.");
    }

    [Fact]
    public void WriteAllText_IntoMissingDirectory_ThrowsDirectoryNotFound()
    {
        var path = P("nowhere", "a.txt");

        var act = () => Fs.File.WriteAllText(path, "x");

        act.Should().Throw<DirectoryNotFoundException>().WithMessage($"Could not find a part of the path '{path}'.");
    }

    [Fact]
    public void WriteAllText_PathThroughAFile_ThrowsDirectoryNotFound()
    {
        var file = Given("file");
        var path = Fs.Path.Combine(file, "child.txt");

        var act = () => Fs.File.WriteAllText(path, "x");

        act.Should().Throw<DirectoryNotFoundException>();
    }

    [Fact]
    public void WriteAllText_NameOver255Bytes_ThrowsPathTooLong()
    {
        var path = P(new string('n', 256));

        var act = () => Fs.File.WriteAllText(path, "x");

        act.Should().Throw<PathTooLongException>().WithMessage($"The path '{path}' is too long, or a component of the specified path is too long.");
    }

    [Fact]
    public void Copy_TargetExists_ThrowsIOExceptionWithErrnoEexist()
    {
        var source = Given("a.txt", "a");
        var target = Given("b.txt", "b");

        var act = () => Fs.File.Copy(source, target);

        act.Should().Throw<IOException>().WithMessage($"The file '{target}' already exists.").Which.HResult.Should().Be(17);
        Fs.File.ReadAllText(target).Should().Be("b");
    }

    [Fact]
    public void Copy_Overwrite_ReplacesTheTargetContent()
    {
        var source = Given("a.txt", "a");
        var target = Given("b.txt", "old and longer");

        Fs.File.Copy(source, target, overwrite: true);

        Fs.File.ReadAllText(target).Should().Be("a");
    }

    [Fact]
    public void Copy_KeepsTheSourcePermissionBits()
    {
        var source = Given("a.txt");
        Fs.File.SetUnixFileMode(source, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
        var target = P("b.txt");

        Fs.File.Copy(source, target);

        Fs.File.GetUnixFileMode(target).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
    }

    [Fact]
    public void Copy_OntoDirectory_ThrowsIOExceptionTargetIsDirectory()
    {
        var source = Given("a.txt");
        var target = P("dir");
        Fs.Directory.CreateDirectory(target);

        var act = () => Fs.File.Copy(source, target);

        act.Should().Throw<IOException>().WithMessage($"The target file '{target}' is a directory, not a file.");
    }

    [Fact]
    public void Move_ToNewName_MovesTheFile()
    {
        var source = Given("a.txt", "a");
        var target = P("b.txt");

        Fs.File.Move(source, target);

        Fs.File.Exists(source).Should().BeFalse();
        Fs.File.ReadAllText(target).Should().Be("a");
    }

    [Fact]
    public void Move_TargetExists_ThrowsAndKeepsBothFiles()
    {
        var source = Given("a.txt", "a");
        var target = Given("b.txt", "b");

        var act = () => Fs.File.Move(source, target);

        act.Should().Throw<IOException>().WithMessage($"The file '{target}' already exists.");
        Fs.File.ReadAllText(source).Should().Be("a");
        Fs.File.ReadAllText(target).Should().Be("b");
    }

    [Fact]
    public void Move_Overwrite_ReplacesTheTarget()
    {
        var source = Given("a.txt", "a");
        var target = Given("b.txt", "b");

        Fs.File.Move(source, target, overwrite: true);

        Fs.File.Exists(source).Should().BeFalse();
        Fs.File.ReadAllText(target).Should().Be("a");
    }

    [Fact]
    public void Move_MissingSource_ThrowsFileNotFound()
    {
        var source = P("missing.txt");

        var act = () => Fs.File.Move(source, P("b.txt"));

        act.Should().Throw<FileNotFoundException>().WithMessage($"Could not find file '{source}'.");
    }

    [Fact]
    public void Replace_WithBackup_MovesSourceOverTargetAndKeepsTheOldTarget()
    {
        var source = Given("new.txt", "new");
        var target = Given("current.txt", "current");
        var backup = P("current.bak");

        Fs.File.Replace(source, target, backup);

        Fs.File.Exists(source).Should().BeFalse();
        Fs.File.ReadAllText(target).Should().Be("new");
        Fs.File.ReadAllText(backup).Should().Be("current");
    }

    [Fact]
    public void Delete_MissingFile_DoesNothing()
    {
        var path = P("missing.txt");

        Fs.File.Delete(path);

        Fs.File.Exists(path).Should().BeFalse();
    }

    [Fact]
    public void Delete_FileInMissingDirectory_ThrowsDirectoryNotFound()
    {
        var path = P("nowhere", "a.txt");

        var act = () => Fs.File.Delete(path);

        act.Should().Throw<DirectoryNotFoundException>();
    }

    [Fact]
    public void Delete_Directory_ThrowsUnauthorizedAccessWithIsADirectoryInside()
    {
        var path = P("dir");
        Fs.Directory.CreateDirectory(path);

        var act = () => Fs.File.Delete(path);

        act.Should().Throw<UnauthorizedAccessException>().WithMessage($"Access to the path '{path}' is denied.")
            .WithInnerException<IOException>().WithMessage("Permission denied");
    }

    [Fact]
    public void Exists_DirectoryOrTrailingSeparator_IsFalse()
    {
        var file = Given("a.txt");
        Fs.Directory.CreateDirectory(P("dir"));

        Fs.File.Exists(P("dir")).Should().BeFalse();
        Fs.File.Exists(file + "/").Should().BeFalse();
        Fs.File.Exists(file).Should().BeTrue();
    }

    [Fact]
    public void GetAttributes_NameStartingWithDot_IsHidden()
    {
        var path = Given(".hidden");

        Fs.File.GetAttributes(path).Should().Be(FileAttributes.Hidden);
    }

    [Fact]
    public void GetAttributes_PlainFile_IsNormal()
    {
        var path = Given("plain.txt");

        Fs.File.GetAttributes(path).Should().Be(FileAttributes.Normal);
    }

    [Fact]
    public void SetAttributes_ReadOnly_ClearsEveryWriteBit()
    {
        var path = Given("a.txt");
        Fs.File.SetUnixFileMode(path, (UnixFileMode)0x1B6);

        Fs.File.SetAttributes(path, FileAttributes.ReadOnly);

        Fs.File.GetUnixFileMode(path).Should().Be(UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        Fs.File.GetAttributes(path).Should().HaveFlag(FileAttributes.ReadOnly);
    }

    [Fact]
    public void SetUnixFileMode_WithSetUserIdBit_RoundTrips()
    {
        var path = Given("a.sh");
        var mode = UnixFileMode.SetUser | UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.OtherRead;

        Fs.File.SetUnixFileMode(path, mode);

        Fs.File.GetUnixFileMode(path).Should().Be(mode);
    }

    [Fact]
    public void GetUnixFileMode_MissingFile_ThrowsFileNotFound()
    {
        var act = () => Fs.File.GetUnixFileMode(P("missing"));

        act.Should().Throw<FileNotFoundException>();
    }

    [Fact]
    public void SetLastWriteTimeUtc_ThenGetLastWriteTimeUtc_RoundTripsToTheTick()
    {
        var path = Given("a.txt");
        var time = new DateTime(2025, 3, 4, 5, 6, 7, DateTimeKind.Utc).AddTicks(1234567);

        Fs.File.SetLastWriteTimeUtc(path, time);

        Fs.File.GetLastWriteTimeUtc(path).Should().Be(time);
    }

    [Fact]
    public void SetLastAccessTimeUtc_KeepsTheLastWriteTime()
    {
        var path = Given("a.txt");
        var write = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        Fs.File.SetLastWriteTimeUtc(path, write);

        Fs.File.SetLastAccessTimeUtc(path, new DateTime(2024, 6, 1, 0, 0, 0, DateTimeKind.Utc));

        Fs.File.GetLastAccessTimeUtc(path).Should().Be(new DateTime(2024, 6, 1, 0, 0, 0, DateTimeKind.Utc));
        Fs.File.GetLastWriteTimeUtc(path).Should().Be(write);
    }

    [Fact]
    public void SetCreationTimeUtc_OnLinux_SetsTheLastWriteTime()
    {
        var path = Given("a.txt");
        var time = new DateTime(2020, 2, 2, 2, 2, 2, DateTimeKind.Utc);

        Fs.File.SetCreationTimeUtc(path, time);

        Fs.File.GetLastWriteTimeUtc(path).Should().Be(time);
    }

    [Fact]
    public void GetLastWriteTimeUtc_MissingFile_ReturnsTheFileTimeEpoch()
    {
        var time = Fs.File.GetLastWriteTimeUtc(P("missing"));

        time.Should().Be(DateTime.FromFileTimeUtc(0));
    }

    [Fact]
    public void CreateSymbolicLink_ReadingTheLink_ReadsTheTarget()
    {
        var target = Given("target.txt", "through the link");
        var link = P("link.txt");

        var info = Fs.File.CreateSymbolicLink(link, "target.txt");

        info.LinkTarget.Should().Be("target.txt");
        Fs.File.ReadAllText(link).Should().Be("through the link");
        Fs.File.GetAttributes(link).Should().HaveFlag(FileAttributes.ReparsePoint);
        Fs.File.ResolveLinkTarget(link, returnFinalTarget: true)!.FullName.Should().Be(target);
    }

    [Fact]
    public void ResolveLinkTarget_NotALink_ReturnsNull()
    {
        var path = Given("plain.txt");

        Fs.File.ResolveLinkTarget(path, returnFinalTarget: false).Should().BeNull();
    }

    [Fact]
    public void Encrypt_OnLinux_ThrowsPlatformNotSupported()
    {
        var path = Given("a.txt");

#pragma warning disable CA1416 // Encrypt is Windows-only: its behaviour on Linux is under test.
        var act = () => Fs.File.Encrypt(path);
#pragma warning restore CA1416

        act.Should().Throw<PlatformNotSupportedException>().WithMessage("File encryption is not supported on this platform.");
    }

    [Fact]
    public void Open_CreateNewOnExistingFile_ThrowsFileExists()
    {
        var path = Given("a.txt");

        var act = () => Fs.File.Open(path, FileMode.CreateNew);

        act.Should().Throw<IOException>().WithMessage($"The file '{path}' already exists.");
    }

    [Fact]
    public void Open_AppendWithReadAccess_ThrowsArgumentException()
    {
        var path = P("a.txt");

        var act = () => Fs.File.Open(path, FileMode.Append, FileAccess.ReadWrite);

        act.Should().Throw<ArgumentException>().WithMessage("Append access can be requested only in write-only mode.*").Which.ParamName.Should().Be("access");
    }

    [Fact]
    public void Open_FileShareNoneHeld_SecondReaderGetsSharingViolation()
    {
        var path = Given("locked.txt");
        using var holder = Fs.File.Open(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);

        var act = () => Fs.File.OpenRead(path);

        act.Should().Throw<IOException>()
            .WithMessage($"The process cannot access the file '{path}' because it is being used by another process.")
            .Which.HResult.Should().Be(11);
    }

    [Fact]
    public void Open_FileShareNoneReleasedOnDispose_NextOpenSucceeds()
    {
        var path = Given("locked.txt");
        Fs.File.Open(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None).Dispose();

        using var next = Fs.File.OpenRead(path);

        next.CanRead.Should().BeTrue();
    }

    [Fact]
    public async Task WriteAllBytesAsync_ThenReadAllBytesAsync_RoundTrips()
    {
        var path = P("async.bin");

        await Fs.File.WriteAllBytesAsync(path, [1, 2, 3]);

        (await Fs.File.ReadAllBytesAsync(path)).Should().Equal(1, 2, 3);
    }

    [Fact]
    public async Task WriteAllLinesAsync_ThenReadAllLinesAsync_RoundTrips()
    {
        var path = P("async.txt");

        await Fs.File.WriteAllLinesAsync(path, ["x", "y"]);

        (await Fs.File.ReadAllLinesAsync(path)).Should().Equal("x", "y");
        (await Fs.File.ReadAllTextAsync(path)).Should().Be("x\ny\n");
    }

    [Fact]
    public async Task AppendAllTextAsync_Appends()
    {
        var path = Given("async.txt", "a");

        await Fs.File.AppendAllTextAsync(path, "b");

        Fs.File.ReadAllText(path).Should().Be("ab");
    }

    [Fact]
    public async Task ReadLinesAsync_YieldsEveryLine()
    {
        var path = Given("async.txt", "1\n2\n");
        var lines = new List<string>();

        await foreach (var line in Fs.File.ReadLinesAsync(path))
        {
            lines.Add(line);
        }

        lines.Should().Equal("1", "2");
    }

    [Fact]
    public async Task ReadAllTextAsync_CancelledToken_ThrowsTaskCanceled()
    {
        var path = Given("a.txt");

        var act = () => Fs.File.ReadAllTextAsync(path, new CancellationToken(canceled: true));

        await act.Should().ThrowAsync<TaskCanceledException>();
    }

    [Fact]
    public void CreateText_ThenOpenText_RoundTrips()
    {
        var path = P("text.txt");

        using (var writer = Fs.File.CreateText(path))
        {
            writer.WriteLine("line");
        }

        using var reader = Fs.File.OpenText(path);
        reader.ReadToEnd().Should().Be("line\n");
    }
}
