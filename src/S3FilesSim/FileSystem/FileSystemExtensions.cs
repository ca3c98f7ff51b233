using System.Runtime.CompilerServices;
using System.Text;

namespace S3FilesSim.FileSystem;

/// <summary>
/// <see cref="System.IO"/>-style conveniences over any <see cref="IFileSystem"/>: streams, whole-file reads and writes,
/// <c>mkdir -p</c>, recursive listing and <c>rm -rf</c>, each built from the POSIX calls of the interface.
/// </summary>
/// <remarks>Every method throws the <see cref="FileSystemException"/> of the first call that fails, and closes the
/// handles it opened. Text is UTF-8 without a byte order mark.</remarks>
public static class FileSystemExtensions
{
    private const int ReadChunkBytes = 81_920;

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Opens a file as a seekable <see cref="Stream"/>, mapping <paramref name="mode"/> to open(2) flags as <see cref="FileStream"/> does.</summary>
    /// <param name="fileSystem">The mount.</param>
    /// <param name="path">The file path.</param>
    /// <param name="mode"><see cref="FileMode.CreateNew"/> = <c>O_CREAT|O_EXCL</c>; <see cref="FileMode.Create"/> =
    /// <c>O_CREAT|O_TRUNC</c>; <see cref="FileMode.Open"/>; <see cref="FileMode.OpenOrCreate"/> = <c>O_CREAT</c>;
    /// <see cref="FileMode.Truncate"/> = <c>O_TRUNC</c>; <see cref="FileMode.Append"/> = <c>O_CREAT|O_APPEND</c>, positioned at the end.</param>
    /// <param name="access"><see cref="FileAccess.Read"/> = <c>O_RDONLY</c>, <see cref="FileAccess.Write"/> = <c>O_WRONLY</c>,
    /// <see cref="FileAccess.ReadWrite"/> = <c>O_RDWR</c>.</param>
    /// <returns>The stream; <see cref="Stream.Flush()"/> is fsync(2) and disposing it is close(2).</returns>
    /// <exception cref="ArgumentException"><paramref name="mode"/> creates or truncates but <paramref name="access"/> is
    /// <see cref="FileAccess.Read"/>, or <see cref="FileMode.Append"/> without exactly <see cref="FileAccess.Write"/>.</exception>
    /// <exception cref="FileSystemException">The errors of <see cref="IFileSystem.OpenAsync"/>: <see cref="Errno.ENOENT"/>,
    /// <see cref="Errno.EEXIST"/>, <see cref="Errno.EISDIR"/>, <see cref="Errno.ENOTDIR"/>, <see cref="Errno.EACCES"/>,
    /// <see cref="Errno.EROFS"/>, <see cref="Errno.EMFILE"/>, and the path errors.</exception>
    public static Stream OpenStream(this IFileSystem fileSystem, string path, FileMode mode, FileAccess access)
    {
        ArgumentNullException.ThrowIfNull(fileSystem);
        ArgumentNullException.ThrowIfNull(path);
        return FileSystemStream.Open(fileSystem, path, ToOpenFlags(mode, access), access, append: mode == FileMode.Append);
    }

    /// <summary>Reads a whole file, like <see cref="File.ReadAllBytesAsync(string, CancellationToken)"/>.</summary>
    /// <param name="fileSystem">The mount.</param>
    /// <param name="path">The file path.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The file's bytes at the time of reading.</returns>
    /// <exception cref="FileSystemException"><see cref="Errno.ENOENT"/>; <see cref="Errno.EISDIR"/>: a directory;
    /// <see cref="Errno.EACCES"/>; <see cref="Errno.EIO"/>; <see cref="Errno.EOVERFLOW"/>: over 2 GiB; the path errors.</exception>
    public static async Task<byte[]> ReadAllBytesAsync(this IFileSystem fileSystem, string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fileSystem);
        var handle = await fileSystem.OpenAsync(path, OpenFlags.ReadOnly, cancellationToken: cancellationToken).ConfigureAwait(false);
        try
        {
            var size = (await fileSystem.FstatAsync(handle, cancellationToken).ConfigureAwait(false)).Size;
            if (size > Array.MaxLength)
            {
                throw FileSystemException.Create(Errno.EOVERFLOW, "read", path);
            }

            var buffer = new byte[size];
            var total = 0;
            while (total < buffer.Length)
            {
                var read = await fileSystem.ReadAsync(handle, buffer.AsMemory(total), total, cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    return buffer[..total];
                }

                total += read;
            }

            return await ReadRestAsync(fileSystem, handle, buffer, path, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await fileSystem.CloseAsync(handle, CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>Reads a whole file as UTF-8 text (a leading byte order mark is skipped).</summary>
    /// <param name="fileSystem">The mount.</param>
    /// <param name="path">The file path.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The text.</returns>
    /// <exception cref="FileSystemException">As <see cref="ReadAllBytesAsync"/>.</exception>
    public static async Task<string> ReadAllTextAsync(this IFileSystem fileSystem, string path, CancellationToken cancellationToken = default)
    {
        var bytes = await fileSystem.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        var preamble = Encoding.UTF8.Preamble;
        var text = bytes.AsSpan();
        return Utf8.GetString(text.StartsWith(preamble) ? text[preamble.Length..] : text);
    }

    /// <summary>Creates or truncates a file and writes <paramref name="data"/> to it (<c>O_WRONLY|O_CREAT|O_TRUNC</c>, mode 0666 before the umask).</summary>
    /// <param name="fileSystem">The mount.</param>
    /// <param name="path">The file path.</param>
    /// <param name="data">The new contents.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the file is written and closed.</returns>
    /// <exception cref="FileSystemException"><see cref="Errno.ENOENT"/>: the parent is missing; <see cref="Errno.EISDIR"/>;
    /// <see cref="Errno.EACCES"/>; <see cref="Errno.EROFS"/>; <see cref="Errno.EFBIG"/>; the path errors.</exception>
    public static Task WriteAllBytesAsync(this IFileSystem fileSystem, string path, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default) =>
        WriteAsync(fileSystem, path, OpenFlags.WriteOnly | OpenFlags.Create | OpenFlags.Truncate, data, cancellationToken);

    /// <summary>Creates or truncates a file and writes <paramref name="text"/> to it as UTF-8 without a byte order mark.</summary>
    /// <param name="fileSystem">The mount.</param>
    /// <param name="path">The file path.</param>
    /// <param name="text">The new contents.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the file is written and closed.</returns>
    /// <exception cref="FileSystemException">As <see cref="WriteAllBytesAsync"/>.</exception>
    public static Task WriteAllTextAsync(this IFileSystem fileSystem, string path, string text, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        return fileSystem.WriteAllBytesAsync(path, Utf8.GetBytes(text), cancellationToken);
    }

    /// <summary>Appends UTF-8 <paramref name="text"/> to a file, creating it when missing (<c>O_WRONLY|O_CREAT|O_APPEND</c>).</summary>
    /// <param name="fileSystem">The mount.</param>
    /// <param name="path">The file path.</param>
    /// <param name="text">The text to append.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the text is written and the file closed.</returns>
    /// <exception cref="FileSystemException">As <see cref="WriteAllBytesAsync"/>.</exception>
    public static Task AppendAllTextAsync(this IFileSystem fileSystem, string path, string text, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        return WriteAsync(fileSystem, path, OpenFlags.WriteOnly | OpenFlags.Create | OpenFlags.Append, Utf8.GetBytes(text), cancellationToken);
    }

    /// <summary>Returns whether stat(2) of <paramref name="path"/> succeeds (a symbolic link counts when its target exists).</summary>
    /// <param name="fileSystem">The mount.</param>
    /// <param name="path">The path.</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <returns><see langword="false"/> on <see cref="Errno.ENOENT"/> or <see cref="Errno.ENOTDIR"/>; otherwise <see langword="true"/>.</returns>
    /// <exception cref="FileSystemException">Any other stat(2) error: <see cref="Errno.EACCES"/>, <see cref="Errno.ELOOP"/>,
    /// <see cref="Errno.ENAMETOOLONG"/>, <see cref="Errno.EINVAL"/>.</exception>
    public static async Task<bool> ExistsAsync(this IFileSystem fileSystem, string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fileSystem);
        try
        {
            await fileSystem.StatAsync(path, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (FileSystemException exception) when (exception.Errno is Errno.ENOENT or Errno.ENOTDIR)
        {
            return false;
        }
    }

    /// <summary>Creates a directory and its missing ancestors, like <c>mkdir -p</c>; an existing directory (or a symbolic link to one) is fine.</summary>
    /// <param name="fileSystem">The mount.</param>
    /// <param name="path">The directory path.</param>
    /// <param name="mode">Permission bits of each directory created, before the umask. The default is 0777.</param>
    /// <param name="cancellationToken">Cancels the remaining steps.</param>
    /// <returns>A task that completes when the directory exists.</returns>
    /// <exception cref="FileSystemException"><see cref="Errno.EEXIST"/>: the last component exists and is not a directory;
    /// <see cref="Errno.ENOTDIR"/>: an ancestor is not a directory; <see cref="Errno.EACCES"/>; <see cref="Errno.EROFS"/>; the path errors.</exception>
    public static async Task CreateDirectoriesAsync(this IFileSystem fileSystem, string path, UnixFileMode mode = DefaultModes.Directory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fileSystem);
        ArgumentNullException.ThrowIfNull(path);
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var current = new StringBuilder(path.Length);
        for (var i = 0; i < parts.Length; i++)
        {
            current.Append('/').Append(parts[i]);
            var prefix = path.StartsWith('/') ? current.ToString() : current.ToString(1, current.Length - 1);
            try
            {
                await fileSystem.MkdirAsync(prefix, mode, cancellationToken).ConfigureAwait(false);
            }
            catch (FileSystemException exception) when (exception.Errno == Errno.EEXIST)
            {
                if (i == parts.Length - 1 && (await fileSystem.StatAsync(prefix, cancellationToken).ConfigureAwait(false)).Type != FileType.Directory)
                {
                    throw;
                }
            }
        }
    }

    /// <summary>Lists a directory's entries, and with <paramref name="recursive"/> those of its subdirectories depth-first
    /// (symbolic links to directories are listed, not entered).</summary>
    /// <param name="fileSystem">The mount.</param>
    /// <param name="path">The directory.</param>
    /// <param name="recursive"><see langword="true"/> to descend into subdirectories.</param>
    /// <param name="cancellationToken">Stops the enumeration.</param>
    /// <returns>Each entry with its full path, a directory's entries right after the directory itself.</returns>
    /// <exception cref="FileSystemException">The errors of <see cref="IFileSystem.ReadDirectoryAsync"/>: <see cref="Errno.ENOENT"/>,
    /// <see cref="Errno.ENOTDIR"/>, <see cref="Errno.EACCES"/>, and the path errors.</exception>
    public static async IAsyncEnumerable<(string Path, DirectoryEntry Entry)> EnumerateEntriesAsync(
        this IFileSystem fileSystem,
        string path,
        bool recursive = false,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fileSystem);
        var entries = await fileSystem.ReadDirectoryAsync(path, cancellationToken).ConfigureAwait(false);
        foreach (var entry in entries)
        {
            var child = Combine(path, entry.Name);
            yield return (child, entry);
            if (recursive && entry.Type == FileType.Directory)
            {
                await foreach (var nested in fileSystem.EnumerateEntriesAsync(child, recursive: true, cancellationToken).ConfigureAwait(false))
                {
                    yield return nested;
                }
            }
        }
    }

    /// <summary>Removes a file, symbolic link or directory tree, like <c>rm -rf</c>: a missing path is not an error and
    /// symbolic links are removed, never followed.</summary>
    /// <param name="fileSystem">The mount.</param>
    /// <param name="path">The path to remove.</param>
    /// <param name="cancellationToken">Stops before the next removal; what was removed stays removed.</param>
    /// <returns>A task that completes when nothing is left at <paramref name="path"/>.</returns>
    /// <exception cref="FileSystemException"><see cref="Errno.EBUSY"/>: the mount root, refused before anything is removed;
    /// <see cref="Errno.EACCES"/>; <see cref="Errno.EPERM"/>: sticky-directory rules or lost+found; <see cref="Errno.EROFS"/>;
    /// <see cref="Errno.ENOTDIR"/>: an ancestor is not a directory; the path errors.</exception>
    public static async Task DeleteRecursiveAsync(this IFileSystem fileSystem, string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fileSystem);
        ArgumentNullException.ThrowIfNull(path);
        if (path.Length > 0 && path.Split('/').All(part => part is "" or "."))
        {
            throw FileSystemException.Create(Errno.EBUSY, "rmdir", path);
        }

        FileStatus status;
        try
        {
            status = await fileSystem.LstatAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (FileSystemException exception) when (exception.Errno == Errno.ENOENT)
        {
            return;
        }

        try
        {
            if (status.Type == FileType.Directory)
            {
                foreach (var entry in await fileSystem.ReadDirectoryAsync(path, cancellationToken).ConfigureAwait(false))
                {
                    await fileSystem.DeleteRecursiveAsync(Combine(path, entry.Name), cancellationToken).ConfigureAwait(false);
                }

                await fileSystem.RmdirAsync(path, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await fileSystem.UnlinkAsync(path, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (FileSystemException exception) when (exception.Errno == Errno.ENOENT)
        {
            // Removed concurrently: rm -f treats a vanished entry as removed.
        }
    }

    private static OpenFlags ToOpenFlags(FileMode mode, FileAccess access)
    {
        var accessFlags = access switch
        {
            FileAccess.Read => OpenFlags.ReadOnly,
            FileAccess.Write => OpenFlags.WriteOnly,
            FileAccess.ReadWrite => OpenFlags.ReadWrite,
            _ => throw new ArgumentOutOfRangeException(nameof(access), access, null),
        };
        var modeFlags = mode switch
        {
            FileMode.CreateNew => OpenFlags.Create | OpenFlags.Exclusive,
            FileMode.Create => OpenFlags.Create | OpenFlags.Truncate,
            FileMode.Open => OpenFlags.ReadOnly,
            FileMode.OpenOrCreate => OpenFlags.Create,
            FileMode.Truncate => OpenFlags.Truncate,
            FileMode.Append => OpenFlags.Create | OpenFlags.Append,
            _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, null),
        };
        if (access == FileAccess.Read && mode is FileMode.CreateNew or FileMode.Create or FileMode.Truncate or FileMode.Append)
        {
            throw new ArgumentException($"Combining FileMode: {mode} with FileAccess: {access} is invalid.", nameof(access));
        }

        if (mode == FileMode.Append && access != FileAccess.Write)
        {
            throw new ArgumentException("Append access can be requested only in write-only mode.", nameof(access));
        }

        return accessFlags | modeFlags;
    }

    private static async Task WriteAsync(IFileSystem fileSystem, string path, OpenFlags flags, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fileSystem);
        var handle = await fileSystem.OpenAsync(path, flags, cancellationToken: cancellationToken).ConfigureAwait(false);
        try
        {
            await fileSystem.WriteAllAsync(handle, data, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await fileSystem.CloseAsync(handle, CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>write(2) until all of <paramref name="data"/> is written, continuing after short writes as <see cref="FileStream"/> does;
    /// at the maximum file size the write that cannot make progress throws <see cref="Errno.EFBIG"/>, after the bytes that fit.</summary>
    internal static async ValueTask WriteAllAsync(this IFileSystem fileSystem, FileHandle handle, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        while (!data.IsEmpty)
        {
            data = data[await fileSystem.WriteAsync(handle, data, cancellationToken).ConfigureAwait(false)..];
        }
    }

    private static async Task<byte[]> ReadRestAsync(IFileSystem fileSystem, FileHandle handle, byte[] head, string path, CancellationToken cancellationToken)
    {
        using var rest = new MemoryStream();
        rest.Write(head);
        var chunk = new byte[ReadChunkBytes];
        int read;
        while ((read = await fileSystem.ReadAsync(handle, chunk, rest.Length, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (rest.Length + read > Array.MaxLength)
            {
                throw FileSystemException.Create(Errno.EOVERFLOW, "read", path);
            }

            rest.Write(chunk, 0, read);
        }

        return rest.ToArray();
    }

    private static string Combine(string directory, string name) => directory.EndsWith('/') ? directory + name : directory + "/" + name;
}
