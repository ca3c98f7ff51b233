using System.IO.Abstractions;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Win32.SafeHandles;
using S3FilesSim.FileSystem;

namespace S3FilesSim.Abstractions;

/// <summary><see cref="File"/> over the mount, call for call as System.IO does it on Linux (see <see cref="UnixFileSystem"/>).</summary>
internal sealed partial class SimulatedFile(SimulatedFileSystem fileSystem) : IFile
{
    /// <summary>UTF-8 without a byte order mark, throwing on invalid UTF-16 (File's default encoding for writing).</summary>
    internal static readonly Encoding Utf8NoBom = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly MountContext _context = fileSystem.Context;
    private readonly UnixFileSystem _operations = fileSystem.Operations;
    private readonly SimulatedFileStreamFactory _streams = (SimulatedFileStreamFactory)fileSystem.FileStream;

    public System.IO.Abstractions.IFileSystem FileSystem => fileSystem;

    // ---- existence, copy, move, delete ----

    public bool Exists(string? path)
    {
        try
        {
            if (string.IsNullOrEmpty(path))
            {
                return false;
            }

            var fullPath = _context.GetFullPath(path);
            return !UnixPath.EndsInSeparator(fullPath) && _context.FileExists(fullPath);
        }
        catch (Exception exception) when (exception is ArgumentException or IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    public void Copy(string sourceFileName, string destFileName) => Copy(sourceFileName, destFileName, overwrite: false);

    public void Copy(string sourceFileName, string destFileName, bool overwrite)
    {
        ArgumentException.ThrowIfNullOrEmpty(sourceFileName);
        ArgumentException.ThrowIfNullOrEmpty(destFileName);
        _operations.CopyFile(_context.GetFullPath(sourceFileName), _context.GetFullPath(destFileName), overwrite);
    }

    public void Move(string sourceFileName, string destFileName) => Move(sourceFileName, destFileName, overwrite: false);

    public void Move(string sourceFileName, string destFileName, bool overwrite)
    {
        ArgumentException.ThrowIfNullOrEmpty(sourceFileName);
        ArgumentException.ThrowIfNullOrEmpty(destFileName);
        var source = _context.GetFullPath(sourceFileName);
        var destination = _context.GetFullPath(destFileName);
        if (!_context.FileExists(source))
        {
            throw new FileNotFoundException(SystemIOMessages.Format(SystemIOMessages.FileNotFound, source), source);
        }

        _operations.MoveFile(source, destination, overwrite);
    }

    public void Replace(string sourceFileName, string destinationFileName, string? destinationBackupFileName) =>
        Replace(sourceFileName, destinationFileName, destinationBackupFileName, ignoreMetadataErrors: false);

    public void Replace(string sourceFileName, string destinationFileName, string? destinationBackupFileName, bool ignoreMetadataErrors)
    {
        ArgumentNullException.ThrowIfNull(sourceFileName);
        ArgumentNullException.ThrowIfNull(destinationFileName);
        _operations.ReplaceFile(
            _context.GetFullPath(sourceFileName),
            _context.GetFullPath(destinationFileName),
            destinationBackupFileName is null ? null : _context.GetFullPath(destinationBackupFileName));
    }

    public void Delete(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        _operations.DeleteFile(_context.GetFullPath(path));
    }

    public void Decrypt(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        throw new PlatformNotSupportedException(SystemIOMessages.FileEncryption);
    }

    public void Encrypt(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        throw new PlatformNotSupportedException(SystemIOMessages.FileEncryption);
    }

    // ---- symbolic links ----

    public IFileSystemInfo CreateSymbolicLink(string path, string pathToTarget)
    {
        var fullPath = _context.GetFullPath(path);
        VerifyValidPath(pathToTarget, nameof(pathToTarget));
        _operations.CreateSymbolicLink(fullPath, pathToTarget);
        return new SimulatedFileInfo(fileSystem, path, fullPath);
    }

    public IFileSystemInfo? ResolveLinkTarget(string linkPath, bool returnFinalTarget)
    {
        VerifyValidPath(linkPath, nameof(linkPath));
        var target = _operations.ResolveLinkTarget(_context.GetFullPath(linkPath), returnFinalTarget, isDirectory: false);
        return target is null ? null : new SimulatedFileInfo(fileSystem, target, _context.GetFullPath(target));
    }

    internal static void VerifyValidPath(string path, string argumentName)
    {
        ArgumentException.ThrowIfNullOrEmpty(path, argumentName);
        if (path.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException(SystemIOMessages.NullCharInPath, argumentName);
        }
    }

    // ---- streams ----

    public FileSystemStream Create(string path) =>
        _streams.Open(path, FileMode.Create, FileAccess.ReadWrite, FileShare.None, SimulatedFileStreamFactory.DefaultBufferSize, FileOptions.None);

    public FileSystemStream Create(string path, int bufferSize) =>
        _streams.Open(path, FileMode.Create, FileAccess.ReadWrite, FileShare.None, bufferSize, FileOptions.None);

    public FileSystemStream Create(string path, int bufferSize, FileOptions options) =>
        _streams.Open(path, FileMode.Create, FileAccess.ReadWrite, FileShare.None, bufferSize, options);

    public FileSystemStream Open(string path, FileMode mode) =>
        Open(path, mode, mode == FileMode.Append ? FileAccess.Write : FileAccess.ReadWrite, FileShare.None);

    public FileSystemStream Open(string path, FileMode mode, FileAccess access) => Open(path, mode, access, FileShare.None);

    public FileSystemStream Open(string path, FileMode mode, FileAccess access, FileShare share) =>
        _streams.Open(path, mode, access, share, SimulatedFileStreamFactory.DefaultBufferSize, FileOptions.None);

    public FileSystemStream Open(string path, FileStreamOptions options) => _streams.Open(path, options);

    public FileSystemStream OpenRead(string path) =>
        _streams.Open(path, FileMode.Open, FileAccess.Read, FileShare.Read, SimulatedFileStreamFactory.DefaultBufferSize, FileOptions.None);

    public FileSystemStream OpenWrite(string path) =>
        _streams.Open(path, FileMode.OpenOrCreate, FileAccess.Write, FileShare.None, SimulatedFileStreamFactory.DefaultBufferSize, FileOptions.None);

    public StreamReader OpenText(string path) => Reader(path, Encoding.UTF8);

    public StreamWriter CreateText(string path) => Writer(path, append: false, Utf8NoBom);

    public StreamWriter AppendText(string path) => Writer(path, append: true, Utf8NoBom);

    public SafeFileHandle OpenHandle(string path, FileMode mode = FileMode.Open, FileAccess access = FileAccess.Read, FileShare share = FileShare.Read, FileOptions options = FileOptions.None, long preallocationSize = 0) =>
        throw SimulatedFileSystem.NoSafeFileHandle();

    /// <summary><c>new StreamReader(path, encoding)</c>: FileStream(Open, Read, FileShare.Read, 4,096), byte order marks detected.</summary>
    internal StreamReader Reader(string path, Encoding encoding)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var stream = _streams.Open(path, FileMode.Open, FileAccess.Read, FileShare.Read, SimulatedFileStreamFactory.DefaultBufferSize, FileOptions.SequentialScan);
        return new StreamReader(stream, encoding, detectEncodingFromByteOrderMarks: true);
    }

    /// <summary><c>new StreamWriter(path, append, encoding)</c> with Linux's "\n" line ending on every OS.</summary>
    internal StreamWriter Writer(string path, bool append, Encoding encoding)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var stream = _streams.Open(path, append ? FileMode.Append : FileMode.Create, FileAccess.Write, FileShare.Read, SimulatedFileStreamFactory.DefaultBufferSize, FileOptions.SequentialScan);
        return new StreamWriter(stream, encoding) { NewLine = "\n" };
    }

    // ---- whole-file reads and writes ----

    public byte[] ReadAllBytes(string path) => _context.Wait(ReadAllBytesCoreAsync(path, FileOptions.None, CancellationToken.None));

    public void WriteAllBytes(string path, byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        ArgumentException.ThrowIfNullOrEmpty(path);
        _context.Wait(WriteBytesCoreAsync(path, FileMode.Create, bytes, FileOptions.None, CancellationToken.None));
    }

    public void WriteAllBytes(string path, ReadOnlySpan<byte> bytes)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        _context.Wait(WriteBytesCoreAsync(path, FileMode.Create, bytes.ToArray(), FileOptions.None, CancellationToken.None));
    }

    public void AppendAllBytes(string path, byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        AppendAllBytes(path, bytes.AsSpan());
    }

    public void AppendAllBytes(string path, ReadOnlySpan<byte> bytes)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        _context.Wait(WriteBytesCoreAsync(path, FileMode.Append, bytes.ToArray(), FileOptions.None, CancellationToken.None));
    }

    public string ReadAllText(string path) => ReadAllText(path, Encoding.UTF8);

    public string ReadAllText(string path, Encoding encoding)
    {
        Validate(path, encoding);
        using var reader = Reader(path, encoding);
        return reader.ReadToEnd();
    }

    public string[] ReadAllLines(string path) => ReadAllLines(path, Encoding.UTF8);

    public string[] ReadAllLines(string path, Encoding encoding)
    {
        Validate(path, encoding);
        var lines = new List<string>();
        using var reader = Reader(path, encoding);
        while (reader.ReadLine() is { } line)
        {
            lines.Add(line);
        }

        return [.. lines];
    }

    public IEnumerable<string> ReadLines(string path) => ReadLines(path, Encoding.UTF8);

    public IEnumerable<string> ReadLines(string path, Encoding encoding)
    {
        Validate(path, encoding);
        var reader = Reader(path, encoding);
        return Lines(reader);

        static IEnumerable<string> Lines(StreamReader reader)
        {
            using (reader)
            {
                while (reader.ReadLine() is { } line)
                {
                    yield return line;
                }
            }
        }
    }

    public void WriteAllText(string path, string? contents) => WriteAllText(path, contents, Utf8NoBom);

    public void WriteAllText(string path, string? contents, Encoding encoding)
    {
        Validate(path, encoding);
        WriteText(path, FileMode.Create, contents.AsSpan(), encoding);
    }

    public void WriteAllText(string path, ReadOnlySpan<char> contents) => WriteAllText(path, contents, Utf8NoBom);

    public void WriteAllText(string path, ReadOnlySpan<char> contents, Encoding encoding)
    {
        Validate(path, encoding);
        WriteText(path, FileMode.Create, contents, encoding);
    }

    public void AppendAllText(string path, string? contents) => AppendAllText(path, contents, Utf8NoBom);

    public void AppendAllText(string path, string? contents, Encoding encoding)
    {
        Validate(path, encoding);
        WriteText(path, FileMode.Append, contents.AsSpan(), encoding);
    }

    public void AppendAllText(string path, ReadOnlySpan<char> contents) => AppendAllText(path, contents, Utf8NoBom);

    public void AppendAllText(string path, ReadOnlySpan<char> contents, Encoding encoding)
    {
        Validate(path, encoding);
        WriteText(path, FileMode.Append, contents, encoding);
    }

    public void WriteAllLines(string path, string[] contents) => WriteAllLines(path, (IEnumerable<string>)contents, Utf8NoBom);

    public void WriteAllLines(string path, IEnumerable<string> contents) => WriteAllLines(path, contents, Utf8NoBom);

    public void WriteAllLines(string path, string[] contents, Encoding encoding) => WriteAllLines(path, (IEnumerable<string>)contents, encoding);

    public void WriteAllLines(string path, IEnumerable<string> contents, Encoding encoding)
    {
        Validate(path, encoding);
        ArgumentNullException.ThrowIfNull(contents);
        WriteLines(Writer(path, append: false, encoding), contents);
    }

    public void AppendAllLines(string path, IEnumerable<string> contents) => AppendAllLines(path, contents, Utf8NoBom);

    public void AppendAllLines(string path, IEnumerable<string> contents, Encoding encoding)
    {
        Validate(path, encoding);
        ArgumentNullException.ThrowIfNull(contents);
        WriteLines(Writer(path, append: true, encoding), contents);
    }

    private static void WriteLines(StreamWriter writer, IEnumerable<string> contents)
    {
        using (writer)
        {
            foreach (var line in contents)
            {
                writer.WriteLine(line);
            }
        }
    }

    private void WriteText(string path, FileMode mode, ReadOnlySpan<char> contents, Encoding encoding)
    {
        var bytes = new byte[encoding.GetMaxByteCount(contents.Length)];
        var count = encoding.GetBytes(contents, bytes);
        _context.Wait(WriteTextCoreAsync(path, mode, bytes.AsMemory(0, count), encoding, contents.IsEmpty, FileOptions.None, CancellationToken.None));
    }

    private static void Validate(string path, Encoding encoding)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(encoding);
    }

    // ---- the shared cores (sync members wait on them) ----

    /// <summary>File.ReadAllBytes: open (read, FileShare.Read), fstat for the length, pread until it is read, close.</summary>
    private async ValueTask<byte[]> ReadAllBytesCoreAsync(string path, FileOptions options, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var fullPath = _context.GetFullPath(path);
        var file = await OpenedFile.OpenAsync(_context, fullPath, FileMode.Open, FileAccess.Read, FileShare.Read, options, null, null, cancellationToken).ConfigureAwait(false);
        try
        {
            var length = await file.GetLengthAsync(cancellationToken).ConfigureAwait(false);
            if (length > Array.MaxLength)
            {
                throw new IOException(SystemIOMessages.FileTooLong2GB);
            }

            var bytes = new byte[length];
            var total = 0;
            while (total < bytes.Length)
            {
                var read = await file.ReadAsync(bytes.AsMemory(total), total, cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    throw new EndOfStreamException();
                }

                total += read;
            }

            return bytes;
        }
        finally
        {
            await file.CloseAsync().ConfigureAwait(false);
        }
    }

    /// <summary>File.WriteAllBytes / AppendAllBytes: open (write, FileShare.Read; Create truncates after the lock, Append writes at the length), pwrite, close.</summary>
    private async ValueTask WriteBytesCoreAsync(string path, FileMode mode, ReadOnlyMemory<byte> bytes, FileOptions options, CancellationToken cancellationToken)
    {
        var fullPath = _context.GetFullPath(path);
        var file = await OpenedFile.OpenAsync(_context, fullPath, mode, FileAccess.Write, FileShare.Read, options, null, null, cancellationToken).ConfigureAwait(false);
        try
        {
            var offset = mode == FileMode.Append ? await file.GetLengthAsync(cancellationToken).ConfigureAwait(false) : 0;
            await file.WriteAsync(bytes, offset, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await file.CloseAsync().ConfigureAwait(false);
        }
    }

    /// <summary>File.WriteAllText / AppendAllText: the encoding's preamble only at offset 0, then the text.</summary>
    private async ValueTask WriteTextCoreAsync(string path, FileMode mode, ReadOnlyMemory<byte> text, Encoding encoding, bool empty, FileOptions options, CancellationToken cancellationToken)
    {
        var fullPath = _context.GetFullPath(path);
        var file = await OpenedFile.OpenAsync(_context, fullPath, mode, FileAccess.Write, FileShare.Read, options, null, null, cancellationToken).ConfigureAwait(false);
        try
        {
            var offset = mode == FileMode.Append ? await file.GetLengthAsync(cancellationToken).ConfigureAwait(false) : 0;
            var preamble = encoding.GetPreamble();
            if (offset == 0 && preamble.Length > 0)
            {
                await file.WriteAsync(preamble, 0, cancellationToken).ConfigureAwait(false);
                offset = preamble.Length;
            }

            if (!empty)
            {
                await file.WriteAsync(text, offset, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            await file.CloseAsync().ConfigureAwait(false);
        }
    }

    // ---- attributes, mode and times ----

    public FileAttributes GetAttributes(string path)
    {
        var fullPath = _context.GetFullPath(path);
        var attributes = new EntryStatus().GetAttributes(_context, fullPath, UnixPath.GetFileName(path.AsSpan()));
        if (attributes == (FileAttributes)(-1))
        {
            throw _context.Error(Errno.ENOENT, fullPath);
        }

        return attributes;
    }

    public void SetAttributes(string path, FileAttributes fileAttributes) =>
        new EntryStatus().SetAttributes(_context, _context.GetFullPath(path), fileAttributes, asDirectory: false);

    public UnixFileMode GetUnixFileMode(string path)
    {
        var fullPath = _context.GetFullPath(path);
        var mode = new EntryStatus().GetUnixFileMode(_context, fullPath);
        if (mode == (UnixFileMode)(-1))
        {
            throw _context.Error(Errno.ENOENT, fullPath);
        }

        return mode;
    }

    public void SetUnixFileMode(string path, UnixFileMode mode) => new EntryStatus().SetUnixFileMode(_context, _context.GetFullPath(path), mode);

    public DateTime GetCreationTime(string path) => GetCreationTimeUtc(path).ToLocalTime();

    public DateTime GetCreationTimeUtc(string path) => new EntryStatus().GetCreationTime(_context, _context.GetFullPath(path)).UtcDateTime;

    public DateTime GetLastAccessTime(string path) => GetLastAccessTimeUtc(path).ToLocalTime();

    public DateTime GetLastAccessTimeUtc(string path) => new EntryStatus().GetLastAccessTime(_context, _context.GetFullPath(path)).UtcDateTime;

    public DateTime GetLastWriteTime(string path) => GetLastWriteTimeUtc(path).ToLocalTime();

    public DateTime GetLastWriteTimeUtc(string path) => new EntryStatus().GetLastWriteTime(_context, _context.GetFullPath(path)).UtcDateTime;

    /// <summary>On Linux, setting the creation time sets the last write time (there is no settable birth time).</summary>
    public void SetCreationTime(string path, DateTime creationTime) => SetTime(path, creationTime, isAccessTime: false);

    public void SetCreationTimeUtc(string path, DateTime creationTimeUtc) => SetTime(path, ToUtc(creationTimeUtc), isAccessTime: false);

    public void SetLastAccessTime(string path, DateTime lastAccessTime) => SetTime(path, lastAccessTime, isAccessTime: true);

    public void SetLastAccessTimeUtc(string path, DateTime lastAccessTimeUtc) => SetTime(path, ToUtc(lastAccessTimeUtc), isAccessTime: true);

    public void SetLastWriteTime(string path, DateTime lastWriteTime) => SetTime(path, lastWriteTime, isAccessTime: false);

    public void SetLastWriteTimeUtc(string path, DateTime lastWriteTimeUtc) => SetTime(path, ToUtc(lastWriteTimeUtc), isAccessTime: false);

    private void SetTime(string path, DateTimeOffset time, bool isAccessTime) =>
        new EntryStatus().SetTime(_context, _context.GetFullPath(path), time, isAccessTime, asDirectory: false);

    /// <summary>File.GetUtcDateTimeOffset: a local time is converted, an unspecified one taken as UTC.</summary>
    internal static DateTimeOffset ToUtc(DateTime time) =>
        new(time.Kind == DateTimeKind.Local ? time.ToUniversalTime().Ticks : time.Ticks, TimeSpan.Zero);

    // ---- members over operating-system handles ----

    public FileAttributes GetAttributes(SafeFileHandle fileHandle) => throw SimulatedFileSystem.NoSafeFileHandle();

    public void SetAttributes(SafeFileHandle fileHandle, FileAttributes fileAttributes) => throw SimulatedFileSystem.NoSafeFileHandle();

    public UnixFileMode GetUnixFileMode(SafeFileHandle fileHandle) => throw SimulatedFileSystem.NoSafeFileHandle();

    public void SetUnixFileMode(SafeFileHandle fileHandle, UnixFileMode mode) => throw SimulatedFileSystem.NoSafeFileHandle();

    public DateTime GetCreationTime(SafeFileHandle fileHandle) => throw SimulatedFileSystem.NoSafeFileHandle();

    public DateTime GetCreationTimeUtc(SafeFileHandle fileHandle) => throw SimulatedFileSystem.NoSafeFileHandle();

    public DateTime GetLastAccessTime(SafeFileHandle fileHandle) => throw SimulatedFileSystem.NoSafeFileHandle();

    public DateTime GetLastAccessTimeUtc(SafeFileHandle fileHandle) => throw SimulatedFileSystem.NoSafeFileHandle();

    public DateTime GetLastWriteTime(SafeFileHandle fileHandle) => throw SimulatedFileSystem.NoSafeFileHandle();

    public DateTime GetLastWriteTimeUtc(SafeFileHandle fileHandle) => throw SimulatedFileSystem.NoSafeFileHandle();

    public void SetCreationTime(SafeFileHandle fileHandle, DateTime creationTime) => throw SimulatedFileSystem.NoSafeFileHandle();

    public void SetCreationTimeUtc(SafeFileHandle fileHandle, DateTime creationTimeUtc) => throw SimulatedFileSystem.NoSafeFileHandle();

    public void SetLastAccessTime(SafeFileHandle fileHandle, DateTime lastAccessTime) => throw SimulatedFileSystem.NoSafeFileHandle();

    public void SetLastAccessTimeUtc(SafeFileHandle fileHandle, DateTime lastAccessTimeUtc) => throw SimulatedFileSystem.NoSafeFileHandle();

    public void SetLastWriteTime(SafeFileHandle fileHandle, DateTime lastWriteTime) => throw SimulatedFileSystem.NoSafeFileHandle();

    public void SetLastWriteTimeUtc(SafeFileHandle fileHandle, DateTime lastWriteTimeUtc) => throw SimulatedFileSystem.NoSafeFileHandle();
}
