namespace S3FilesSim.FileSystem;

/// <summary>
/// One mount of an S3 Files file system: a POSIX-like view through a single NFS client, acting as one
/// <see cref="PosixUser"/>, optionally through an access point. Every call behaves like the Linux NFS v4.2 client on a
/// real S3 Files mount, errno for errno.
/// </summary>
/// <remarks>
/// <para>Paths are absolute, <c>/</c>-separated, relative to the mount root (the access point root when there is one).
/// Names are at most 255 UTF-8 bytes (<see cref="Errno.ENAMETOOLONG"/>), contain no NUL (<see cref="Errno.EINVAL"/>);
/// paths are under 4,096 bytes and at most 1,000 levels deep (<see cref="Errno.ENAMETOOLONG"/>); symbolic links are
/// followed, with <see cref="Errno.ELOOP"/> after 40 hops.</para>
/// <para>Every failure throws <see cref="FileSystemException"/> carrying the errno; a failed call changes nothing.
/// Errors common to every path-taking call: <see cref="Errno.ENOENT"/> (a component is missing, or the path is empty),
/// <see cref="Errno.ENOTDIR"/> (a non-final component is not a directory, or a trailing slash follows a non-directory),
/// <see cref="Errno.EACCES"/> (no search permission on a directory of the path), <see cref="Errno.ENAMETOOLONG"/>,
/// <see cref="Errno.ELOOP"/>, <see cref="Errno.EINVAL"/> (a relative path, a NUL, or a lone UTF-16 surrogate: NFSv4
/// names are UTF-8), <see cref="Errno.EIO"/> (the bucket could not be listed on the first access to a directory of the
/// path; nothing changed). A handle is valid only on the
/// mount that opened it: a closed handle, or one of another mount or file system, is <see cref="Errno.EBADF"/>.
/// Path calls on an unmounted (disposed) mount throw <see cref="ObjectDisposedException"/>, handle calls
/// <see cref="Errno.EBADF"/>; a null argument throws <see cref="ArgumentNullException"/>; a cancelled token throws
/// <see cref="OperationCanceledException"/> before anything changes.</para>
/// <para>Consistency between mounts is NFS close-to-open: a mount sees its own writes at once; other mounts see them
/// after the writer closes or fsyncs the file. See docs/SEMANTICS.md and
/// https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files.html.</para>
/// </remarks>
public partial interface IFileSystem : IAsyncDisposable
{
    /// <summary>Gets the id of the mounted file system (<c>fs-</c> followed by 17 hex digits).</summary>
    string FileSystemId { get; }

    /// <summary>Gets the identity every call of this mount acts as (after access point enforcement and root squashing).</summary>
    PosixUser User { get; }

    /// <summary>Gets a value indicating whether the mount is read-only (the <c>ro</c> option, or no <c>ClientWrite</c> grant).</summary>
    bool IsReadOnly { get; }

    /// <summary>open(2): opens or creates a file and returns a handle positioned at offset 0.</summary>
    /// <param name="path">The file path.</param>
    /// <param name="flags">Access mode and open flags.</param>
    /// <param name="mode">Permission bits for a created file, before the mount's umask. The default is 0666.</param>
    /// <param name="processId">The calling process within this mount, the owner of fcntl locks taken through the handle. The default is 0.</param>
    /// <param name="cancellationToken">Cancels the call before it takes effect.</param>
    /// <returns>The handle.</returns>
    /// <exception cref="FileSystemException"><see cref="Errno.ENOENT"/>: missing without <see cref="OpenFlags.Create"/>;
    /// <see cref="Errno.EEXIST"/>: exists with Create|Exclusive; <see cref="Errno.EISDIR"/>: a directory opened for writing;
    /// <see cref="Errno.ENOTDIR"/>: <see cref="OpenFlags.Directory"/> on a non-directory; <see cref="Errno.ELOOP"/>:
    /// <see cref="OpenFlags.NoFollow"/> on a symlink; <see cref="Errno.EACCES"/>; <see cref="Errno.EROFS"/>;
    /// <see cref="Errno.EMFILE"/>: 65,536 handles already open on this mount; <see cref="Errno.EINVAL"/>: invalid flags
    /// (<see cref="OpenFlags.WriteOnly"/> with <see cref="OpenFlags.ReadWrite"/>, or <see cref="OpenFlags.Create"/> with
    /// <see cref="OpenFlags.Directory"/>); <see cref="Errno.EISDIR"/> also: <see cref="OpenFlags.Create"/> on a path with a trailing slash;
    /// <see cref="Errno.ENXIO"/>: a UNIX socket, or a FIFO (FIFO I/O needs a kernel pipe: open it through a FUSE mount of S3FilesSim.Fuse).</exception>
    ValueTask<FileHandle> OpenAsync(string path, OpenFlags flags, UnixFileMode mode = DefaultModes.File, int processId = 0, CancellationToken cancellationToken = default);

    /// <summary>pread(2): reads up to <c>buffer.Length</c> bytes at <paramref name="offset"/> without moving the handle's position.</summary>
    /// <param name="handle">A handle opened for reading.</param>
    /// <param name="buffer">Receives the bytes.</param>
    /// <param name="offset">The byte offset, non-negative.</param>
    /// <param name="cancellationToken">Cancels the call before it takes effect.</param>
    /// <returns>The number of bytes read; 0 at or past the end of the file.</returns>
    /// <exception cref="FileSystemException"><see cref="Errno.EBADF"/>: closed, foreign or write-only handle;
    /// <see cref="Errno.EISDIR"/>: a directory; <see cref="Errno.EINVAL"/>: negative offset, or offset plus buffer length
    /// past the largest 64-bit offset; <see cref="Errno.EIO"/>: the bucket could not serve the data.</exception>
    ValueTask<int> ReadAsync(FileHandle handle, Memory<byte> buffer, long offset, CancellationToken cancellationToken = default);

    /// <summary>read(2): reads at the handle's position and advances it.</summary>
    /// <param name="handle">A handle opened for reading.</param>
    /// <param name="buffer">Receives the bytes.</param>
    /// <param name="cancellationToken">Cancels the call before it takes effect.</param>
    /// <returns>The number of bytes read; 0 at the end of the file.</returns>
    /// <exception cref="FileSystemException">As <see cref="ReadAsync(FileHandle, Memory{byte}, long, CancellationToken)"/>.</exception>
    ValueTask<int> ReadAsync(FileHandle handle, Memory<byte> buffer, CancellationToken cancellationToken = default);

    /// <summary>pwrite(2): writes all of <paramref name="data"/> at <paramref name="offset"/> (holes read as zeros), without moving the position.</summary>
    /// <param name="handle">A handle opened for writing.</param>
    /// <param name="data">The bytes to write.</param>
    /// <param name="offset">The byte offset, non-negative; ignored for handles opened with <see cref="OpenFlags.Append"/> (Linux behaviour).</param>
    /// <param name="cancellationToken">Cancels the call before it takes effect.</param>
    /// <returns>The number of bytes written.</returns>
    /// <exception cref="FileSystemException"><see cref="Errno.EBADF"/>: closed, foreign or read-only handle;
    /// <see cref="Errno.EINVAL"/>: negative offset, or offset plus data length past the largest 64-bit offset;
    /// <see cref="Errno.EFBIG"/>: the offset is at or past 52,673,613,135,872 bytes (48 TiB). A write that would cross
    /// that size writes the bytes before it and returns their count (a short write, as on Linux).</exception>
    ValueTask<int> WriteAsync(FileHandle handle, ReadOnlyMemory<byte> data, long offset, CancellationToken cancellationToken = default);

    /// <summary>write(2): writes at the handle's position (or the end, with <see cref="OpenFlags.Append"/>) and advances it.</summary>
    /// <param name="handle">A handle opened for writing.</param>
    /// <param name="data">The bytes to write.</param>
    /// <param name="cancellationToken">Cancels the call before it takes effect.</param>
    /// <returns>The number of bytes written.</returns>
    /// <exception cref="FileSystemException">As <see cref="WriteAsync(FileHandle, ReadOnlyMemory{byte}, long, CancellationToken)"/>.</exception>
    ValueTask<int> WriteAsync(FileHandle handle, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default);

    /// <summary>lseek(2): moves the handle's position.</summary>
    /// <param name="handle">An open handle.</param>
    /// <param name="offset">The offset relative to <paramref name="origin"/>.</param>
    /// <param name="origin">Start, current position or end of file.</param>
    /// <param name="cancellationToken">Cancels the call before it takes effect.</param>
    /// <returns>The new absolute position.</returns>
    /// <exception cref="FileSystemException"><see cref="Errno.EBADF"/>; <see cref="Errno.EINVAL"/>: an undefined origin, or the
    /// result would be negative, overflow, or pass the maximum file size (52,673,613,135,872 bytes).</exception>
    ValueTask<long> SeekAsync(FileHandle handle, long offset, SeekOrigin origin, CancellationToken cancellationToken = default);

    /// <summary>truncate(2): sets the length of the file at <paramref name="path"/>, zero-filling when it grows.</summary>
    /// <param name="path">A regular file the caller may write.</param>
    /// <param name="length">The new length in bytes, 0 to 52,673,613,135,872.</param>
    /// <param name="cancellationToken">Cancels the call before it takes effect.</param>
    /// <returns>A task that completes when the length is set.</returns>
    /// <exception cref="FileSystemException"><see cref="Errno.EISDIR"/>; <see cref="Errno.EINVAL"/>: negative length;
    /// <see cref="Errno.EFBIG"/>; <see cref="Errno.EACCES"/>; <see cref="Errno.EROFS"/>.</exception>
    ValueTask TruncateAsync(string path, long length, CancellationToken cancellationToken = default);

    /// <summary>ftruncate(2): sets the length of an open file.</summary>
    /// <param name="handle">A handle opened for writing.</param>
    /// <param name="length">The new length in bytes, 0 to 52,673,613,135,872.</param>
    /// <param name="cancellationToken">Cancels the call before it takes effect.</param>
    /// <returns>A task that completes when the length is set.</returns>
    /// <exception cref="FileSystemException"><see cref="Errno.EBADF"/>, <see cref="Errno.EINVAL"/>: not open for writing or negative length; <see cref="Errno.EFBIG"/>.</exception>
    ValueTask TruncateAsync(FileHandle handle, long length, CancellationToken cancellationToken = default);

    /// <summary>fsync(2): flushes this mount's unflushed writes of the file to the file system, making them visible to other mounts. Never triggers an export to the bucket.</summary>
    /// <param name="handle">An open handle.</param>
    /// <param name="cancellationToken">Cancels the call before it takes effect.</param>
    /// <returns>A task that completes when the data is durable on the high-performance storage.</returns>
    /// <exception cref="FileSystemException"><see cref="Errno.EBADF"/>.</exception>
    ValueTask FsyncAsync(FileHandle handle, CancellationToken cancellationToken = default);

    /// <summary>close(2): flushes the handle's unflushed writes, releases the owner's fcntl locks on the file, and invalidates the handle.</summary>
    /// <param name="handle">An open handle.</param>
    /// <param name="cancellationToken">Cancels the call before it takes effect.</param>
    /// <returns>A task that completes when the handle is closed.</returns>
    /// <exception cref="FileSystemException"><see cref="Errno.EBADF"/>: already closed or foreign.</exception>
    ValueTask CloseAsync(FileHandle handle, CancellationToken cancellationToken = default);

    /// <summary>stat(2): the status of the entry at <paramref name="path"/>, following a final symbolic link.</summary>
    /// <param name="path">The path.</param>
    /// <param name="cancellationToken">Cancels the call before it takes effect.</param>
    /// <returns>The status.</returns>
    /// <exception cref="FileSystemException">The path errors listed on <see cref="IFileSystem"/>.</exception>
    ValueTask<FileStatus> StatAsync(string path, CancellationToken cancellationToken = default);

    /// <summary>lstat(2): like <see cref="StatAsync"/> but describes a final symbolic link itself.</summary>
    /// <param name="path">The path.</param>
    /// <param name="cancellationToken">Cancels the call before it takes effect.</param>
    /// <returns>The status.</returns>
    /// <exception cref="FileSystemException">The path errors listed on <see cref="IFileSystem"/>.</exception>
    ValueTask<FileStatus> LstatAsync(string path, CancellationToken cancellationToken = default);

    /// <summary>fstat(2): the status of an open file, including this mount's unflushed writes.</summary>
    /// <param name="handle">An open handle.</param>
    /// <param name="cancellationToken">Cancels the call before it takes effect.</param>
    /// <returns>The status.</returns>
    /// <exception cref="FileSystemException"><see cref="Errno.EBADF"/>.</exception>
    ValueTask<FileStatus> FstatAsync(FileHandle handle, CancellationToken cancellationToken = default);

    /// <summary>chmod(2): sets the permission bits (including set-user-id, set-group-id, sticky) of the entry, following symlinks.</summary>
    /// <param name="path">The path.</param>
    /// <param name="mode">The new permission bits.</param>
    /// <param name="cancellationToken">Cancels the call before it takes effect.</param>
    /// <returns>A task that completes when the mode is set.</returns>
    /// <exception cref="FileSystemException"><see cref="Errno.EPERM"/>: the caller is neither the owner nor root; <see cref="Errno.EROFS"/>.</exception>
    ValueTask ChmodAsync(string path, UnixFileMode mode, CancellationToken cancellationToken = default);

    /// <summary>chown(2) / lchown(2): changes owner and/or group. Only root changes the owner; the owner may set the group to one of its own groups.</summary>
    /// <param name="path">The path.</param>
    /// <param name="uid">The new owner, or <see langword="null"/> (or 4,294,967,295, which is -1) to keep it.</param>
    /// <param name="gid">The new group, or <see langword="null"/> (or 4,294,967,295, which is -1) to keep it.</param>
    /// <param name="followSymlinks"><see langword="false"/> for lchown(2).</param>
    /// <param name="cancellationToken">Cancels the call before it takes effect.</param>
    /// <returns>A task that completes when the owner is set.</returns>
    /// <exception cref="FileSystemException"><see cref="Errno.EPERM"/>: the caller is not root and names an owner or group it may not set (Linux chown_ok/chgrp_ok: even the current ones, unless it is the owner); <see cref="Errno.EROFS"/>.</exception>
    ValueTask ChownAsync(string path, uint? uid, uint? gid, bool followSymlinks = true, CancellationToken cancellationToken = default);

    /// <summary>utimensat(2): sets access and modification times.</summary>
    /// <param name="path">The path.</param>
    /// <param name="accessTime">The new atime, <see cref="TimeUpdate.Now"/> or <see cref="TimeUpdate.Omit"/>.</param>
    /// <param name="modificationTime">The new mtime, <see cref="TimeUpdate.Now"/> or <see cref="TimeUpdate.Omit"/>.</param>
    /// <param name="followSymlinks"><see langword="false"/> for <c>AT_SYMLINK_NOFOLLOW</c>.</param>
    /// <param name="cancellationToken">Cancels the call before it takes effect.</param>
    /// <returns>A task that completes when the times are set.</returns>
    /// <exception cref="FileSystemException"><see cref="Errno.EPERM"/>: explicit times by a non-owner;
    /// <see cref="Errno.EACCES"/>: <c>UTIME_NOW</c> by a caller who is neither owner nor writer; <see cref="Errno.EROFS"/>;
    /// <see cref="Errno.EINVAL"/>, checked before the path: nanoseconds outside 0 to 999,999,999, or a time that does not
    /// fit 64-bit nanoseconds since 1970 (before 1677 or after 2262).</exception>
    ValueTask SetTimesAsync(string path, TimeUpdate accessTime, TimeUpdate modificationTime, bool followSymlinks = true, CancellationToken cancellationToken = default);

    /// <summary>access(2): checks the caller's permission on the path with its real ids.</summary>
    /// <param name="path">The path.</param>
    /// <param name="mode">The checks; <see cref="AccessMode.Exists"/> only checks the path resolves.</param>
    /// <param name="cancellationToken">Cancels the call before it takes effect.</param>
    /// <returns>A task that completes when access is allowed.</returns>
    /// <exception cref="FileSystemException"><see cref="Errno.EACCES"/>: denied; <see cref="Errno.EROFS"/>: write check on a read-only mount;
    /// <see cref="Errno.EINVAL"/>, checked before the path: bits other than read, write and execute in <paramref name="mode"/>.</exception>
    ValueTask AccessAsync(string path, AccessMode mode, CancellationToken cancellationToken = default);

    /// <summary>mkdir(2): creates a directory.</summary>
    /// <param name="path">The new directory's path.</param>
    /// <param name="mode">Permission bits before the umask. The default is 0777.</param>
    /// <param name="cancellationToken">Cancels the call before it takes effect.</param>
    /// <returns>A task that completes when the directory exists.</returns>
    /// <exception cref="FileSystemException"><see cref="Errno.EEXIST"/> (also for an existing non-directory named with a trailing slash);
    /// <see cref="Errno.EACCES"/>; <see cref="Errno.EROFS"/>.</exception>
    ValueTask MkdirAsync(string path, UnixFileMode mode = DefaultModes.Directory, CancellationToken cancellationToken = default);

    /// <summary>rmdir(2): removes an empty directory.</summary>
    /// <param name="path">The directory.</param>
    /// <param name="cancellationToken">Cancels the call before it takes effect.</param>
    /// <returns>A task that completes when the directory is gone.</returns>
    /// <exception cref="FileSystemException"><see cref="Errno.ENOTEMPTY"/>; <see cref="Errno.ENOTDIR"/>; <see cref="Errno.EBUSY"/>: the mount root;
    /// <see cref="Errno.EINVAL"/>: last component <c>.</c>; <see cref="Errno.EPERM"/>: the lost+found directory, or sticky-directory rules; <see cref="Errno.EACCES"/>; <see cref="Errno.EROFS"/>.</exception>
    ValueTask RmdirAsync(string path, CancellationToken cancellationToken = default);

    /// <summary>readdir(3): the entries of a directory, without <c>.</c> and <c>..</c>, as one consistent snapshot in a stable order.</summary>
    /// <param name="path">The directory.</param>
    /// <param name="cancellationToken">Cancels the call before it takes effect.</param>
    /// <returns>The entries.</returns>
    /// <exception cref="FileSystemException"><see cref="Errno.ENOTDIR"/>; <see cref="Errno.EACCES"/>: no read permission.</exception>
    ValueTask<IReadOnlyList<DirectoryEntry>> ReadDirectoryAsync(string path, CancellationToken cancellationToken = default);

    /// <summary>unlink(2): removes a file or symbolic link.</summary>
    /// <param name="path">The path.</param>
    /// <param name="cancellationToken">Cancels the call before it takes effect.</param>
    /// <returns>A task that completes when the entry is gone.</returns>
    /// <exception cref="FileSystemException"><see cref="Errno.EISDIR"/>: a directory; <see cref="Errno.EPERM"/>: sticky-directory rules;
    /// <see cref="Errno.EACCES"/>; <see cref="Errno.EROFS"/>.</exception>
    ValueTask UnlinkAsync(string path, CancellationToken cancellationToken = default);

    /// <summary>rename(2) / renameat2(2): atomically moves an entry, replacing a file or an empty directory at the target.</summary>
    /// <param name="oldPath">The existing entry.</param>
    /// <param name="newPath">The new path.</param>
    /// <param name="flags"><see cref="RenameFlags.NoReplace"/> to fail when the target exists.</param>
    /// <param name="cancellationToken">Cancels the call before it takes effect.</param>
    /// <returns>A task that completes when the entry has moved.</returns>
    /// <exception cref="FileSystemException"><see cref="Errno.ENOTEMPTY"/>: target is a non-empty directory;
    /// <see cref="Errno.EISDIR"/>: a non-directory onto a directory; <see cref="Errno.ENOTDIR"/>: a directory onto a non-directory;
    /// <see cref="Errno.EINVAL"/>: a directory into its own subtree; <see cref="Errno.EEXIST"/>: NoReplace and the target exists;
    /// <see cref="Errno.EPERM"/>: inside lost+found or sticky rules; <see cref="Errno.EBUSY"/>: the mount root; <see cref="Errno.EACCES"/>; <see cref="Errno.EROFS"/>;
    /// <see cref="Errno.EINVAL"/> also, checked before the paths: flags other than <see cref="RenameFlags.NoReplace"/> (no <c>RENAME_EXCHANGE</c> or <c>RENAME_WHITEOUT</c> over NFS).</exception>
    ValueTask RenameAsync(string oldPath, string newPath, RenameFlags flags = RenameFlags.None, CancellationToken cancellationToken = default);

    /// <summary>symlink(2): creates a symbolic link at <paramref name="linkPath"/> pointing at <paramref name="target"/>.</summary>
    /// <param name="target">The link text, 1 to 4,080 bytes, not resolved at creation.</param>
    /// <param name="linkPath">The new link's path.</param>
    /// <param name="cancellationToken">Cancels the call before it takes effect.</param>
    /// <returns>A task that completes when the link exists.</returns>
    /// <exception cref="FileSystemException"><see cref="Errno.EEXIST"/> (also for an existing entry named with a trailing slash);
    /// <see cref="Errno.ENOENT"/>: empty target; <see cref="Errno.ENAMETOOLONG"/>: target over 4,080 bytes;
    /// <see cref="Errno.EINVAL"/>: a NUL or a lone UTF-16 surrogate in the target; <see cref="Errno.EACCES"/>; <see cref="Errno.EROFS"/>.</exception>
    ValueTask SymlinkAsync(string target, string linkPath, CancellationToken cancellationToken = default);

    /// <summary>readlink(2): the target text of a symbolic link.</summary>
    /// <param name="path">The link.</param>
    /// <param name="cancellationToken">Cancels the call before it takes effect.</param>
    /// <returns>The target.</returns>
    /// <exception cref="FileSystemException"><see cref="Errno.EINVAL"/>: not a symbolic link.</exception>
    ValueTask<string> ReadLinkAsync(string path, CancellationToken cancellationToken = default);

    /// <summary>link(2): always fails, S3 Files has no hard links (each file maps to exactly one key).</summary>
    /// <param name="existingPath">The existing entry.</param>
    /// <param name="newPath">The new name.</param>
    /// <param name="cancellationToken">Cancels the call before it takes effect.</param>
    /// <returns>Never completes successfully.</returns>
    /// <exception cref="FileSystemException"><see cref="Errno.EPERM"/> when both paths are otherwise valid (https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-quotas.html); the path errors otherwise.</exception>
    ValueTask LinkAsync(string existingPath, string newPath, CancellationToken cancellationToken = default);

    /// <summary>statfs(2): file-system statistics.</summary>
    /// <param name="path">Any path on the mount.</param>
    /// <param name="cancellationToken">Cancels the call before it takes effect.</param>
    /// <returns>The statistics.</returns>
    /// <exception cref="FileSystemException">The path errors listed on <see cref="IFileSystem"/>.</exception>
    ValueTask<FileSystemStatistics> StatFsAsync(string path, CancellationToken cancellationToken = default);

    /// <summary>getxattr(2): reads an extended attribute. The only attribute is the S3 Files status, <c>user.s3files.status</c> (any <c>;&lt;unix-seconds&gt;</c> suffix accepted).</summary>
    /// <param name="path">The path.</param>
    /// <param name="name">The attribute name.</param>
    /// <param name="cancellationToken">Cancels the call before it takes effect.</param>
    /// <returns>The attribute value (UTF-8 text lines such as <c>S3Key: s3://bucket/key</c>).</returns>
    /// <exception cref="FileSystemException"><see cref="Errno.ENODATA"/>: no such attribute; <see cref="Errno.ERANGE"/>, checked
    /// before the path: a name that is empty or over 255 UTF-8 bytes; <see cref="Errno.EACCES"/>: no read permission.</exception>
    ValueTask<byte[]> GetExtendedAttributeAsync(string path, string name, CancellationToken cancellationToken = default);

    /// <summary>setxattr(2): S3 Files supports no user-defined extended attributes.</summary>
    /// <param name="path">The path.</param>
    /// <param name="name">The attribute name.</param>
    /// <param name="value">The value.</param>
    /// <param name="cancellationToken">Cancels the call before it takes effect.</param>
    /// <returns>Never completes successfully.</returns>
    /// <exception cref="FileSystemException"><see cref="Errno.ENOTSUPP"/> (524): always, as observed on real mounts
    /// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-quotas.html); before it, in order:
    /// <see cref="Errno.ERANGE"/> (a name that is empty or over 255 UTF-8 bytes) and <see cref="Errno.E2BIG"/> (a value
    /// over 65,536 bytes), then the path errors, <see cref="Errno.EROFS"/> and <see cref="Errno.EACCES"/>.</exception>
    ValueTask SetExtendedAttributeAsync(string path, string name, ReadOnlyMemory<byte> value, CancellationToken cancellationToken = default);

    /// <summary>listxattr(2): the extended attribute names of the entry (<c>user.s3files.status</c>).</summary>
    /// <param name="path">The path.</param>
    /// <param name="cancellationToken">Cancels the call before it takes effect.</param>
    /// <returns>The names.</returns>
    /// <exception cref="FileSystemException">The path errors listed on <see cref="IFileSystem"/>.</exception>
    ValueTask<IReadOnlyList<string>> ListExtendedAttributesAsync(string path, CancellationToken cancellationToken = default);

    /// <summary>fcntl(2) <c>F_SETLK</c> / <c>F_SETLKW</c>: takes, changes or releases an advisory byte-range lock for the handle's process.</summary>
    /// <param name="handle">An open handle (read locks need read access, write locks write access).</param>
    /// <param name="request">The lock; ranges merge and split like POSIX. A length of 0 runs to the end of the file; a
    /// negative length covers the bytes before <see cref="FileLock.Start"/>, as on Linux.</param>
    /// <param name="wait"><see langword="true"/> for <c>F_SETLKW</c>: wait until the range is free.</param>
    /// <param name="cancellationToken">Cancels a waiting request.</param>
    /// <returns>A task that completes when the lock is held (or released).</returns>
    /// <exception cref="FileSystemException"><see cref="Errno.EAGAIN"/>: conflicts, without wait; <see cref="Errno.EBADF"/>: handle or access mode;
    /// <see cref="Errno.EINVAL"/>: negative start, a negative length reaching before offset 0, or an undefined lock type;
    /// <see cref="Errno.EOVERFLOW"/>: the range ends past the largest 64-bit offset; <see cref="Errno.EDEADLK"/>: waiting would deadlock;
    /// <see cref="Errno.ENOLCK"/>: 512 locks on the file or 8,192 on the mount
    /// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-quotas.html).</exception>
    ValueTask SetLockAsync(FileHandle handle, FileLock request, bool wait = false, CancellationToken cancellationToken = default);

    /// <summary>fcntl(2) <c>F_GETLK</c>: the first lock of another owner (on any mount) that would block <paramref name="request"/>.</summary>
    /// <param name="handle">An open handle.</param>
    /// <param name="request">The lock that would be taken.</param>
    /// <param name="cancellationToken">Cancels the call before it takes effect.</param>
    /// <returns>The blocking lock, or <see langword="null"/> when the request could be granted.</returns>
    /// <exception cref="FileSystemException"><see cref="Errno.EBADF"/>; <see cref="Errno.EINVAL"/>: <see cref="LockType.Unlock"/>,
    /// an undefined lock type or an invalid range (as <see cref="SetLockAsync"/>); <see cref="Errno.EOVERFLOW"/>.</exception>
    ValueTask<FileLock?> GetLockAsync(FileHandle handle, FileLock request, CancellationToken cancellationToken = default);

    /// <summary>flock(2), emulated as a whole-file byte-range lock as the Linux NFS client does.</summary>
    /// <param name="handle">An open handle.</param>
    /// <param name="operation">Shared, exclusive or unlock.</param>
    /// <param name="wait"><see langword="false"/> for <c>LOCK_NB</c>.</param>
    /// <param name="cancellationToken">Cancels a waiting request.</param>
    /// <returns>A task that completes when the lock is held (or released).</returns>
    /// <exception cref="FileSystemException"><see cref="Errno.EAGAIN"/> (<see cref="Errno.EAGAIN"/> is EWOULDBLOCK); <see cref="Errno.EBADF"/>:
    /// the handle, or <see cref="FlockOperation.Exclusive"/> on a handle not open for writing (NFS emulation); <see cref="Errno.EINVAL"/>: an undefined operation; <see cref="Errno.ENOLCK"/>.</exception>
    ValueTask FlockAsync(FileHandle handle, FlockOperation operation, bool wait = false, CancellationToken cancellationToken = default);
}

/// <summary>Default permission bits used by <see cref="IFileSystem"/> creation calls.</summary>
public static class DefaultModes
{
    /// <summary>0666, the default mode of open(2) with <see cref="OpenFlags.Create"/>, before the umask.</summary>
    public const UnixFileMode File = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite;

    /// <summary>0777, the default mode of mkdir(2), before the umask.</summary>
    public const UnixFileMode Directory = File | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
}
