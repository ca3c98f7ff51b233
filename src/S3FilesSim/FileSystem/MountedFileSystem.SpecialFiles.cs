namespace S3FilesSim.FileSystem;

/// <content>mknod(2): regular files, FIFOs and UNIX sockets (docs/SEMANTICS.md, "Special files").</content>
internal sealed partial class MountedFileSystem
{
    /// <inheritdoc />
    public ValueTask MknodAsync(string path, FileType type, UnixFileMode mode = DefaultModes.File, CancellationToken cancellationToken = default)
    {
        const string op = "mknod";
        lock (_ns.Gate)
        {
            Begin(cancellationToken);
            var typeError = type switch
            {
                FileType.RegularFile or FileType.Fifo or FileType.Socket or FileType.CharacterDevice or FileType.BlockDevice => (Errno)0,
                FileType.Directory => Errno.EPERM,
                _ => Errno.EINVAL,
            };
            if (typeError != 0)
            {
                throw Fail(typeError, op, path);
            }

            var error = ResolveNew(path, Errno.EEXIST, out var resolved);
            if (error != 0 || resolved.Target is not null)
            {
                throw Fail(error == 0 ? Errno.EEXIST : error, op, path);
            }

            if (resolved.TrailingSlash)
            {
                throw Fail(Errno.ENOENT, op, path);
            }

            ThrowIfReadOnly(op, path);
            CheckCreate(resolved.Parent, op, path);
            if (type is FileType.CharacterDevice or FileType.BlockDevice)
            {
                throw Fail(Errno.EPERM, op, path);
            }

            var (newMode, gid) = NewEntryAttributes(resolved.Parent, mode, directory: false);
            _ns.Create(resolved.Parent, resolved.Name, type, newMode, User.Uid, gid);
            _telemetry?.MetadataWrite();
            return ValueTask.CompletedTask;
        }
    }
}
