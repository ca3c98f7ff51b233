using FluentAssertions;
using Xunit;

namespace S3FilesSim.Abstractions.Tests.Parity;

/// <content>FileStream.</content>
public abstract partial class FileSystemParityTests<TTarget>
{
    [Fact]
    public void FileStream_WriteSeekRead_ReadsWhatWasWritten()
    {
        using var stream = Fs.FileStream.New(P("s.bin"), FileMode.Create, FileAccess.ReadWrite);
        stream.Write([1, 2, 3, 4, 5]);

        stream.Seek(1, SeekOrigin.Begin);
        var buffer = new byte[3];
        var read = stream.Read(buffer);

        read.Should().Be(3);
        buffer.Should().Equal(2, 3, 4);
        stream.Position.Should().Be(4);
    }

    [Fact]
    public void FileStream_Length_IncludesBufferedBytes()
    {
        using var stream = Fs.FileStream.New(P("s.bin"), FileMode.Create, FileAccess.Write);

        stream.Write(new byte[10]);

        stream.Length.Should().Be(10);
    }

    [Fact]
    public void FileStream_SetLengthLarger_ZeroFillsTheGap()
    {
        var path = P("s.bin");
        using (var stream = Fs.FileStream.New(path, FileMode.Create, FileAccess.ReadWrite))
        {
            stream.Write([9]);
            stream.SetLength(4);
        }

        Fs.File.ReadAllBytes(path).Should().Equal(9, 0, 0, 0);
    }

    [Fact]
    public void FileStream_SetLengthSmallerThanPosition_MovesThePositionBack()
    {
        using var stream = Fs.FileStream.New(P("s.bin"), FileMode.Create, FileAccess.ReadWrite);
        stream.Write(new byte[8]);

        stream.SetLength(3);

        stream.Position.Should().Be(3);
        stream.Length.Should().Be(3);
    }

    [Fact]
    public void FileStream_SeekFromEnd_PositionsRelativeToLength()
    {
        var path = Given("s.txt", "abcdef");
        using var stream = Fs.FileStream.New(path, FileMode.Open, FileAccess.Read);

        stream.Seek(-2, SeekOrigin.End);

        stream.ReadByte().Should().Be('e');
    }

    [Fact]
    public void FileStream_SeekBeforeStart_ThrowsIOExceptionInvalidArgument()
    {
        var path = Given("s.txt");
        using var stream = Fs.FileStream.New(path, FileMode.Open, FileAccess.Read);

        var act = () => stream.Seek(-1, SeekOrigin.Begin);

        act.Should().Throw<IOException>().WithMessage($"Invalid argument : '{path}'").Which.HResult.Should().Be(22);
    }

    [Fact]
    public void FileStream_AppendMode_StartsAtTheEndAndCannotSeekBack()
    {
        var path = Given("log.txt", "abc");
        using var stream = Fs.FileStream.New(path, FileMode.Append, FileAccess.Write);

        stream.Position.Should().Be(3);
        var act = () => stream.Seek(0, SeekOrigin.Begin);

        act.Should().Throw<IOException>().WithMessage("Unable seek backward to overwrite data that previously existed in a file opened in Append mode.");
    }

    [Fact]
    public void FileStream_AppendMode_WritesAfterTheExistingData()
    {
        var path = Given("log.txt", "abc");

        using (var stream = Fs.FileStream.New(path, FileMode.Append, FileAccess.Write))
        {
            stream.Write("def"u8);
        }

        Fs.File.ReadAllText(path).Should().Be("abcdef");
    }

    [Fact]
    public void FileStream_ReadOnWriteOnlyStream_ThrowsNotSupported()
    {
        using var stream = Fs.FileStream.New(P("s.bin"), FileMode.Create, FileAccess.Write);

        var act = () => stream.ReadByte();

        act.Should().Throw<NotSupportedException>().WithMessage("Stream does not support reading.");
        stream.CanRead.Should().BeFalse();
    }

    [Fact]
    public void FileStream_WriteOnReadOnlyStream_ThrowsNotSupported()
    {
        using var stream = Fs.FileStream.New(Given("s.txt"), FileMode.Open, FileAccess.Read);

        var act = () => stream.WriteByte(1);

        act.Should().Throw<NotSupportedException>().WithMessage("Stream does not support writing.");
    }

    [Fact]
    public void FileStream_AfterDispose_ThrowsObjectDisposedAndReportsNothingPossible()
    {
        var stream = Fs.FileStream.New(P("s.bin"), FileMode.Create, FileAccess.ReadWrite);
        stream.Dispose();

        var act = () => stream.WriteByte(1);

        act.Should().Throw<ObjectDisposedException>();
        stream.CanRead.Should().BeFalse();
        stream.CanWrite.Should().BeFalse();
        stream.CanSeek.Should().BeFalse();
    }

    [Fact]
    public void FileStream_Name_IsTheFullPath()
    {
        using var stream = Fs.FileStream.New(P("named.bin"), FileMode.Create);

        stream.Name.Should().Be(P("named.bin"));
    }

    [Fact]
    public void FileStream_TruncateMode_EmptiesTheFile()
    {
        var path = Given("t.txt", "content");

        using (Fs.FileStream.New(path, FileMode.Truncate, FileAccess.Write))
        {
        }

        Fs.File.ReadAllBytes(path).Should().BeEmpty();
    }

    [Fact]
    public void FileStream_TruncateWithReadAccess_ThrowsArgumentException()
    {
        var path = Given("t.txt");

        var act = () => Fs.FileStream.New(path, FileMode.Truncate, FileAccess.Read);

        act.Should().Throw<ArgumentException>().WithMessage("Combining FileMode: Truncate with FileAccess: Read is invalid.*");
    }

    [Fact]
    public void FileStream_OpenMissingFile_ThrowsFileNotFound()
    {
        var path = P("missing.bin");

        var act = () => Fs.FileStream.New(path, FileMode.Open);

        act.Should().Throw<FileNotFoundException>().WithMessage($"Could not find file '{path}'.");
    }

    [Fact]
    public async Task FileStream_AsyncWriteAndRead_RoundTrip()
    {
        var path = P("async.bin");
        await using (var stream = Fs.FileStream.New(path, FileMode.Create, FileAccess.Write, FileShare.None, 4096, useAsync: true))
        {
            await stream.WriteAsync(new byte[] { 7, 8, 9 });
            stream.IsAsync.Should().BeTrue();
        }

        await using var reader = Fs.FileStream.New(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, useAsync: true);
        var buffer = new byte[3];
        (await reader.ReadAsync(buffer)).Should().Be(3);
        buffer.Should().Equal(7, 8, 9);
    }

    [Fact]
    public void FileStream_FlushToDisk_KeepsTheDataReadable()
    {
        var path = P("flushed.bin");
        using var stream = Fs.FileStream.New(path, FileMode.Create, FileAccess.Write, FileShare.ReadWrite);
        stream.Write([1, 2]);

        stream.Flush(flushToDisk: true);

        Fs.File.ReadAllBytes(path).Should().Equal(1, 2);
    }

    [Fact]
    public void FileStream_ReadPastEnd_ReturnsZero()
    {
        using var stream = Fs.FileStream.New(Given("s.txt", "ab"), FileMode.Open, FileAccess.Read);
        stream.Seek(10, SeekOrigin.Begin);

        stream.Read(new byte[4]).Should().Be(0);
        stream.ReadByte().Should().Be(-1);
    }

    [Fact]
    public void FileStream_WriteAfterSeekPastEnd_LeavesAZeroFilledHole()
    {
        var path = P("holes.bin");
        using (var stream = Fs.FileStream.New(path, FileMode.Create, FileAccess.Write))
        {
            stream.Seek(3, SeekOrigin.Begin);
            stream.WriteByte(5);
        }

        Fs.File.ReadAllBytes(path).Should().Equal(0, 0, 0, 5);
    }

    [Fact]
    public void FileStream_DeleteOnClose_RemovesTheFileWhenDisposed()
    {
        var path = P("scratch.tmp");

        using (Fs.FileStream.New(path, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 4096, FileOptions.DeleteOnClose))
        {
            Fs.File.Exists(path).Should().BeTrue();
        }

        Fs.File.Exists(path).Should().BeFalse();
    }

    [Fact]
    public void FileStream_FileStreamOptionsWithUnixCreateMode_CreatesWithThatMode()
    {
        var path = P("private.bin");

        using (Fs.FileStream.New(path, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite }))
        {
        }

        Fs.File.GetUnixFileMode(path).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }
}
