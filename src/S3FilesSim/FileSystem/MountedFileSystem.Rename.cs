using S3FilesSim.Namespace;
using S3FilesSim.Security;

namespace S3FilesSim.FileSystem;

/// <content>rename(2) / renameat2(2).</content>
internal sealed partial class MountedFileSystem
{
    /// <inheritdoc />
    public ValueTask RenameAsync(string oldPath, string newPath, RenameFlags flags = RenameFlags.None, CancellationToken cancellationToken = default) =>
        Locked((oldPath, newPath, flags, cancellationToken), static (m, s) => m.Rename(s.oldPath, s.newPath, s.flags, s.cancellationToken), cancellationToken);

    private void Rename(string oldPath, string newPath, RenameFlags flags, CancellationToken cancellationToken)
    {
        const string op = "rename";
        Begin(cancellationToken);
        if ((flags & ~RenameFlags.NoReplace) != 0)
        {
            throw Fail(Errno.EINVAL, op, oldPath, newPath);
        }

        var from = Resolve(oldPath, followLast: false, op, newPath);
        var to = Resolve(newPath, followLast: false, op, oldPath);
        var noReplace = (flags & RenameFlags.NoReplace) != 0;
        if (from.Kind != LastComponent.Normal)
        {
            throw Fail(Errno.EBUSY, op, oldPath, newPath);
        }

        if (to.Kind != LastComponent.Normal)
        {
            throw Fail(noReplace ? Errno.EEXIST : Errno.EBUSY, op, oldPath, newPath);
        }

        ThrowIfReadOnly(op, oldPath, newPath);
        var source = from.Target ?? throw Fail(Errno.ENOENT, op, oldPath, newPath);
        var target = to.Target;
        if (noReplace && target is not null)
        {
            throw Fail(Errno.EEXIST, op, oldPath, newPath);
        }

        if (!source.IsDirectory && (from.TrailingSlash || to.TrailingSlash))
        {
            throw Fail(Errno.ENOTDIR, op, oldPath, newPath);
        }

        if (source.IsDirectory && to.Parent.IsSameOrDescendantOf(source))
        {
            throw Fail(Errno.EINVAL, op, oldPath, newPath);
        }

        if (target is not null && from.Parent.IsSameOrDescendantOf(target))
        {
            throw Fail(Errno.ENOTEMPTY, op, oldPath, newPath);
        }

        if (ReferenceEquals(source, target))
        {
            _metrics.Rename();
            return;
        }

        if (_ns.LostAndFound.ForbidsRename(source, to.Parent, target))
        {
            throw Fail(Errno.EPERM, op, oldPath, newPath);
        }

        CheckDelete(from.Parent, source, source.IsDirectory, op, oldPath, newPath);
        if (target is null)
        {
            CheckCreate(to.Parent, op, oldPath, newPath);
        }
        else
        {
            CheckDelete(to.Parent, target, source.IsDirectory, op, oldPath, newPath);
        }

        if (source.IsDirectory && !ReferenceEquals(from.Parent, to.Parent) && !Permissions.Allows(source, User, AccessMode.Write))
        {
            throw Fail(Errno.EACCES, op, oldPath, newPath);
        }

        if (target is { IsDirectory: true } && target.Directory.Count > 0)
        {
            throw Fail(Errno.ENOTEMPTY, op, oldPath, newPath);
        }

        if (source.IsDirectory)
        {
            ListSubtree(source);
        }

        if (target is not null)
        {
            _router.KeepBaseWhileOpen(target);
        }

        _ns.Move(_changes, source, to.Parent, to.Name, target);
        _metrics.Rename();
    }

    /// <summary>Lists from the bucket every directory below <paramref name="directory"/> not yet accessed, under its
    /// current prefix: a rename changes the keys of all of them, so none may be listed later under the new prefix.</summary>
    /// <exception cref="FileSystemException"><see cref="Errno.EIO"/>: the bucket could not be listed (nothing has changed).</exception>
    private static void ListSubtree(Inode directory)
    {
        var pending = new Stack<Inode>();
        pending.Push(directory);
        while (pending.TryPop(out var next))
        {
            for (var child = next.Directory.First; child is not null; child = child.NextSibling)
            {
                if (child.IsDirectory)
                {
                    pending.Push(child);
                }
            }
        }
    }
}
