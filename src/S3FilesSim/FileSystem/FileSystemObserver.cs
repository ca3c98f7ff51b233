using S3FilesSim.HotTier;
using S3FilesSim.Namespace;
using S3FilesSim.ObjectStorage;

namespace S3FilesSim.FileSystem;

/// <summary>
/// Reads a file system's state without taking part in it: entries, listings and bytes as the file system holds them
/// (what a client would see after close-to-open), for reports, views and tests that must not change what they measure.
/// </summary>
/// <remarks>
/// <para>Unlike a mount, the observer never lists a directory from the bucket (an unlisted directory shows
/// <see cref="ObservedEntry.Listed"/> <see langword="false"/> and no entries), never imports, never follows symbolic
/// links, checks no permission, and records nothing: no S3 request is metered or billed, no CloudWatch metric, modelled
/// latency or sync event is recorded, no access or last-access time moves (so expiration is unchanged), and the change
/// feed is not notified. Bytes of a file that is not resident are read from its base version through the bucket itself,
/// not the file system's metered view of it.</para>
/// <para>Paths are absolute from the file system's root (not an access point's), with <c>/</c> separators; empty
/// components are ignored. Thread-safe: each call takes the file system's lock briefly and never does bucket I/O under it.</para>
/// </remarks>
public sealed class FileSystemObserver
{
    private const string Operation = "observe";
    private readonly S3FilesFileSystem _fileSystem;

    internal FileSystemObserver(S3FilesFileSystem fileSystem) => _fileSystem = fileSystem;

    private FileSystemNamespace Namespace => _fileSystem.Namespace;

    /// <summary>Returns the entry at <paramref name="path"/> (a final symbolic link is not followed), or <see langword="null"/> when the
    /// file system holds none there: it does not exist, or a directory on the way has not been listed yet.</summary>
    /// <param name="path">The absolute path, for example <c>/inbox/a.txt</c>; <c>/</c> for the root.</param>
    /// <returns>The entry, or <see langword="null"/>.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is not absolute, or has a <c>.</c> or <c>..</c> component.</exception>
    public ObservedEntry? Stat(string path)
    {
        var names = Split(path);
        lock (Namespace.Gate)
        {
            return Find(names) is { } inode ? Describe(inode, Namespace.PathOf(inode)) : null;
        }
    }

    /// <summary>Lists the directory at <paramref name="path"/> in readdir order, as the file system holds it: empty when it has not been listed from the bucket yet.</summary>
    /// <param name="path">The absolute path of a directory.</param>
    /// <returns>Its entries.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is not absolute, or has a <c>.</c> or <c>..</c> component.</exception>
    /// <exception cref="FileSystemException"><see cref="Errno.ENOENT"/>: the file system holds no entry there; <see cref="Errno.ENOTDIR"/>: it is not a directory.</exception>
    public IReadOnlyList<ObservedEntry> ListDirectory(string path)
    {
        var names = Split(path);
        lock (Namespace.Gate)
        {
            var directory = FindDirectory(names, path);
            var entries = new List<ObservedEntry>(directory.DirectoryAsIs.Count);
            var prefix = Namespace.PathOf(directory).TrimEnd('/') + "/";
            for (var child = directory.DirectoryAsIs.First; child is not null; child = child.NextSibling)
            {
                entries.Add(Describe(child, prefix + child.Name));
            }

            return entries;
        }
    }

    /// <summary>Lists every entry below the directory at <paramref name="path"/> (not the directory itself), depth first,
    /// each directory before its entries, in readdir order; unlisted directories are included without entries.</summary>
    /// <param name="path">The absolute path of a directory; <c>/</c> for the whole file system.</param>
    /// <returns>The entries.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is not absolute, or has a <c>.</c> or <c>..</c> component.</exception>
    /// <exception cref="FileSystemException"><see cref="Errno.ENOENT"/>: the file system holds no entry there; <see cref="Errno.ENOTDIR"/>: it is not a directory.</exception>
    public IReadOnlyList<ObservedEntry> ListRecursive(string path)
    {
        var names = Split(path);
        lock (Namespace.Gate)
        {
            var directory = FindDirectory(names, path);
            var entries = new List<ObservedEntry>();
            var cursors = new Stack<(Inode? Next, string Prefix)>();
            cursors.Push((directory.DirectoryAsIs.First, Namespace.PathOf(directory).TrimEnd('/') + "/"));
            while (cursors.TryPop(out var cursor))
            {
                if (cursor.Next is not { } child)
                {
                    continue;
                }

                cursors.Push((child.NextSibling, cursor.Prefix));
                var childPath = cursor.Prefix + child.Name;
                entries.Add(Describe(child, childPath));
                if (child.IsDirectory)
                {
                    cursors.Push((child.DirectoryAsIs.First, childPath + "/"));
                }
            }

            return entries;
        }
    }

    /// <summary>Reads bytes of the regular file at <paramref name="path"/> as the file system holds them: from the
    /// high-performance storage when resident, else from the file's base version in the bucket (not metered, nothing imported).</summary>
    /// <param name="path">The absolute path of a regular file.</param>
    /// <param name="buffer">Where the bytes go; at most its length is read.</param>
    /// <param name="offset">The file offset, not negative.</param>
    /// <param name="cancellationToken">Cancels a bucket read.</param>
    /// <returns>The number of bytes read: 0 at or past the end of the file.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is not absolute, or has a <c>.</c> or <c>..</c> component.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="offset"/> is negative.</exception>
    /// <exception cref="FileSystemException"><see cref="Errno.ENOENT"/>: the file system holds no entry there; <see cref="Errno.EISDIR"/>:
    /// it is a directory; <see cref="Errno.EINVAL"/>: it is not a regular file, or its base version is archived and not restored;
    /// <see cref="Errno.EIO"/>: the bucket read failed or the base version is gone.</exception>
    public async ValueTask<int> ReadAsync(string path, Memory<byte> buffer, long offset, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        var names = Split(path);
        string key;
        VersionId version;
        int fromBase;
        lock (Namespace.Gate)
        {
            var inode = Find(names) ?? throw FileSystemException.Create(Errno.ENOENT, Operation, path);
            if (inode.Type != FileType.RegularFile)
            {
                throw FileSystemException.Create(inode.IsDirectory ? Errno.EISDIR : Errno.EINVAL, Operation, path);
            }

            var count = offset >= inode.Size ? 0 : (int)Math.Min(buffer.Length, inode.Size - offset);
            if (inode.Resident || inode.VersionId is not { } baseVersion)
            {
                return ChunkStore.Read(inode.Content, inode.Size, offset, buffer.Span[..count]);
            }

            fromBase = (int)Math.Clamp(_fileSystem.Components.ReadRouter.KnownBaseLength(inode) - offset, 0, count);
            if (fromBase < count)
            {
                ChunkStore.Read(inode.Content, inode.Size, offset + fromBase, buffer.Span[fromBase..count]);
            }

            if (fromBase == 0)
            {
                return count;
            }

            key = _fileSystem.Renames.BaseKeyOf(inode);
            version = baseVersion;
            buffer = buffer[..count];
        }

        try
        {
            var request = new GetObjectRequest { Key = key, VersionId = version, Range = ByteRange.Between(offset, offset + fromBase - 1) };
            using var result = await _fileSystem.Bucket.GetObjectAsync(request, cancellationToken).ConfigureAwait(false);
            if (result.Status != ObjectReadStatus.Found)
            {
                throw FileSystemException.Create(Errno.EIO, Operation, path);
            }

            await result.Body.ReadExactlyAsync(buffer[..fromBase], cancellationToken).ConfigureAwait(false);
            return buffer.Length;
        }
        catch (ObjectStoreException e)
        {
            throw FileSystemException.Create(e.ErrorCode == S3ErrorCode.InvalidObjectState ? Errno.EINVAL : Errno.EIO, Operation, path);
        }
    }

    private static string[] Split(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!path.StartsWith('/'))
        {
            throw new ArgumentException($"The observer's paths are absolute from the file system's root; '{path}' is not.", nameof(path));
        }

        var names = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (names.Any(name => name is "." or ".."))
        {
            throw new ArgumentException($"The observer's paths have no '.' or '..' components; '{path}' has.", nameof(path));
        }

        return names;
    }

    private static ObservedEntry Describe(Inode inode, string path) => new()
    {
        Path = path,
        InodeNumber = inode.Number,
        Type = inode.Type,
        Mode = inode.Mode,
        Size = inode.IsDirectory ? 4096 : inode.Size,
        ModificationTime = Timespec.FromNanoseconds(inode.ModificationTimeNs),
        Resident = inode.Type != FileType.RegularFile || inode.Resident,
        Listed = !inode.IsDirectory || inode.DirectoryAsIs.Listed,
        Dirty = inode.DirtySinceTicks != 0,
        VersionId = inode.VersionId?.Value,
        LinkTarget = inode.Type == FileType.SymbolicLink ? inode.LinkTarget : null,
    };

    private Inode? Find(string[] names)
    {
        var current = Namespace.Root;
        foreach (var name in names)
        {
            if (!current.IsDirectory || current.DirectoryAsIs.Find(name) is not { } child)
            {
                return null;
            }

            current = child;
        }

        return current;
    }

    private Inode FindDirectory(string[] names, string path)
    {
        var inode = Find(names) ?? throw FileSystemException.Create(Errno.ENOENT, Operation, path);
        return inode.IsDirectory ? inode : throw FileSystemException.Create(Errno.ENOTDIR, Operation, path);
    }
}
