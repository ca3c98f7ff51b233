using S3FilesSim.ObjectStorage;

namespace S3FilesSim.Cli.Loading;

/// <summary>
/// The body of an object loaded from a source file, read from the file on demand: the bucket holds the path, size and
/// modification time, never the bytes, so memory grows with the number of files, not their size. Every read opens the
/// file and checks that its size and modification time are still those seen when the tree was loaded; a file changed
/// since fails the read with a <see cref="SourceFileException"/> that names it.
/// </summary>
internal class SourceFileContent : ObjectContent
{
    private readonly string _root;
    private readonly string _key;
    private readonly long _fileSize;
    private readonly long _modificationTimeNs;

    /// <summary>Creates the content of a whole source file (most objects: the bucket holds one per file, so it keeps only
    /// what a read needs, no window).</summary>
    /// <param name="root">The source directory (shared by all its files).</param>
    /// <param name="key">The path relative to <paramref name="root"/> (the object key).</param>
    /// <param name="fileSize">The file size seen when the tree was loaded, in bytes.</param>
    /// <param name="modificationTimeNs">The modification time seen when the tree was loaded, in nanoseconds since the epoch.</param>
    internal SourceFileContent(string root, string key, long fileSize, long modificationTimeNs)
    {
        _root = root;
        _key = key;
        _fileSize = fileSize;
        _modificationTimeNs = modificationTimeNs;
    }

    /// <summary>Creates the content of bytes <paramref name="start"/> to <paramref name="start"/> + <paramref name="length"/> of a source file (a part of a multipart upload).</summary>
    /// <param name="root">The source directory (shared by all its files).</param>
    /// <param name="key">The path relative to <paramref name="root"/> (the object key).</param>
    /// <param name="fileSize">The file size seen when the tree was loaded, in bytes.</param>
    /// <param name="modificationTimeNs">The modification time seen when the tree was loaded, in nanoseconds since the epoch.</param>
    /// <param name="start">The first byte of the window.</param>
    /// <param name="length">The window's length in bytes.</param>
    /// <returns>The content.</returns>
    internal static SourceFileContent Window(string root, string key, long fileSize, long modificationTimeNs, long start, long length) =>
        new SourceFileWindow(root, key, fileSize, modificationTimeNs, start, length);

    /// <summary>Gets the full path of the source file.</summary>
    internal string SourcePath => _root.EndsWith('/') ? _root + _key : _root + "/" + _key;

    /// <inheritdoc />
    public override long Length => _fileSize;

    /// <summary>Gets the file offset of the content's first byte.</summary>
    private protected virtual long Start => 0;

    /// <inheritdoc />
    /// <remarks>The bytes are the file's as loaded: a file that changes makes every later read fail instead.</remarks>
    public override bool IsImmutable => true;

    /// <inheritdoc />
    /// <exception cref="SourceFileException">The file cannot be opened or read, or changed since it was loaded.</exception>
    public override int Read(long offset, Span<byte> destination)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        var count = (int)Math.Min(destination.Length, Math.Max(0, Length - offset));
        if (count == 0)
        {
            return 0;
        }

        var path = SourcePath;
        var fd = LinuxFiles.OpenFile(path);
        if (fd < 0)
        {
            throw SourceFileException.Unreadable(path, -fd);
        }

        try
        {
            var errno = LinuxFiles.StatOpen(fd, out var status);
            if (errno != 0)
            {
                throw SourceFileException.Unreadable(path, errno);
            }

            if (status.Kind != LinuxFiles.FileKind.Regular || status.Size != _fileSize || status.ModificationTimeNs != _modificationTimeNs)
            {
                throw SourceFileException.Changed(path, _fileSize, _modificationTimeNs, status);
            }

            var done = 0;
            while (done < count)
            {
                var read = LinuxFiles.ReadAt(fd, destination[done..count], Start + offset + done);
                if (read < 0)
                {
                    throw SourceFileException.Unreadable(path, -read);
                }

                if (read == 0)
                {
                    throw SourceFileException.Changed(path, _fileSize, _modificationTimeNs, status with { Size = Start + offset + done });
                }

                done += read;
            }

            return done;
        }
        finally
        {
            LinuxFiles.CloseFd(fd);
        }
    }
}

/// <summary>A window of a source file: one part of a file uploaded in parts.</summary>
internal sealed class SourceFileWindow(string root, string key, long fileSize, long modificationTimeNs, long start, long length)
    : SourceFileContent(root, key, fileSize, modificationTimeNs)
{
    /// <inheritdoc />
    public override long Length => length;

    /// <inheritdoc />
    private protected override long Start => start;
}

/// <summary>A source file the run reads on demand could not be read, or changed since the tree was loaded.</summary>
internal sealed class SourceFileException : IOException
{
    private SourceFileException(string path, int errno, string message)
        : base(message)
    {
        SourcePath = path;
        Errno = errno;
    }

    /// <summary>Gets the full path of the source file.</summary>
    internal string SourcePath { get; }

    /// <summary>Gets the errno of the failed call, or 0 when the file changed.</summary>
    internal int Errno { get; }

    /// <summary>Creates the error of a file that cannot be opened or read.</summary>
    internal static SourceFileException Unreadable(string path, int errno) =>
        new(path, errno, $"cannot read source file '{path}': {LinuxFiles.Describe(errno)}");

    /// <summary>Creates the error of a file whose size, modification time or type changed since it was loaded.</summary>
    internal static SourceFileException Changed(string path, long size, long modificationTimeNs, LinuxFiles.Status now)
    {
        var what = now.Kind != LinuxFiles.FileKind.Regular ? "it is no longer a regular file"
            : now.Size != size ? $"its size went from {size:N0} to {now.Size:N0} bytes"
            : $"its modification time went from {Time(modificationTimeNs)} to {Time(now.ModificationTimeNs)}";
        return new(path, 0, $"source file '{path}' changed since it was loaded ({what}); the run reads file contents on demand, so leave the source tree unchanged while it runs");
    }

    private static string Time(long ns) => DateTimeOffset.UnixEpoch.AddTicks(ns / 100).ToString("yyyy-MM-dd HH:mm:ss.fffffff'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
