namespace S3FilesSim.FileSystem;

/// <content>mknod(2): regular files, FIFOs and UNIX sockets (docs/SEMANTICS.md, "Special files").</content>
internal sealed partial class MountedFileSystem
{
    /// <inheritdoc />
    public ValueTask MknodAsync(string path, FileType type, UnixFileMode mode = DefaultModes.File, CancellationToken cancellationToken = default) =>
        Locked((path, type, mode, cancellationToken), static (m, s) => m.Mknod(s.path, s.type, s.mode, s.cancellationToken), cancellationToken);

    private void Mknod(string path, FileType type, UnixFileMode mode, CancellationToken cancellationToken)
    {
        const string op = "mknod";
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
        _ns.Create(_changes, resolved.Parent, resolved.Name, type, newMode, User.Uid, gid);
        _metrics.MetadataWrite();
    }
}
