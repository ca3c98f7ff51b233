namespace S3FilesSim.FileSystem;

/// <content>mknod(2): regular files, FIFOs and UNIX sockets; S3 Files has no device files.</content>
public partial interface IFileSystem
{
    /// <summary>
    /// mknod(2) / mkfifo(3): creates an empty regular file, a FIFO or a UNIX socket. FIFOs and sockets live on the file
    /// system only: they are never exported to the bucket and need no export (no <c>ExportError</c>); device files do
    /// not exist on S3 Files (https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-quotas.html).
    /// </summary>
    /// <param name="path">The new entry.</param>
    /// <param name="type"><see cref="FileType.RegularFile"/>, <see cref="FileType.Fifo"/> or <see cref="FileType.Socket"/>
    /// (<see cref="FileType.CharacterDevice"/> and <see cref="FileType.BlockDevice"/> fail with <see cref="Errno.EPERM"/>).</param>
    /// <param name="mode">Permission bits (including set-user-id, set-group-id, sticky), before the mount's umask. The default is 0666.</param>
    /// <param name="cancellationToken">Cancels the call before it takes effect.</param>
    /// <returns>A task that completes when the entry exists.</returns>
    /// <exception cref="FileSystemException">Checked first, as Linux may_mknod(): <see cref="Errno.EPERM"/> for
    /// <see cref="FileType.Directory"/>, <see cref="Errno.EINVAL"/> for <see cref="FileType.SymbolicLink"/> or an undefined
    /// type; then the path errors, <see cref="Errno.EEXIST"/> (also for an existing entry named with a trailing slash),
    /// <see cref="Errno.ENOENT"/> (a missing entry named with a trailing slash), <see cref="Errno.EROFS"/>,
    /// <see cref="Errno.EACCES"/> (no write or search permission on the directory); last <see cref="Errno.EPERM"/> for a
    /// character or block device, which S3 Files does not support.</exception>
    ValueTask MknodAsync(string path, FileType type, UnixFileMode mode = DefaultModes.File, CancellationToken cancellationToken = default);
}
