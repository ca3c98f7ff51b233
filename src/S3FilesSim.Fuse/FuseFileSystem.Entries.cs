using System.Text;
using S3FilesSim.FileSystem;
using S3FilesSim.Fuse.Native;

namespace S3FilesSim.Fuse;

/// <content>Name and attribute requests: LOOKUP, FORGET, GETATTR, SETATTR, READLINK, MKNOD, MKDIR, UNLINK, RMDIR,
/// SYMLINK, RENAME, LINK, STATFS, ACCESS and the extended attributes.</content>
internal sealed partial class FuseFileSystem
{
    private const int RenameNoReplace = 1;
    private const uint TypeMask = 0xF000;
    private const uint PermissionMask = 0xFFF;
    private const string UserNamespace = "user.";

    public void Lookup(nint request, ulong parent, string name) => Run(LookupAsync(request, parent, name));

    public void Forget(ulong node, ulong count) => Nodes.Forget(node, count);

    public void GetAttributes(nint request, ulong node, ulong? fh) => Run(GetAttributesAsync(request, node, fh));

    public void SetAttributes(nint request, ulong node, Stat attributes, int toSet, ulong? fh) => Run(SetAttributesAsync(request, node, attributes, toSet, fh));

    public void ReadLink(nint request, ulong node) => Run(ReadLinkAsync(request, node));

    public void Mknod(nint request, ulong parent, string name, uint mode) => Run(MknodAsync(request, parent, name, mode));

    public void Mkdir(nint request, ulong parent, string name, uint mode) => Run(MkdirAsync(request, parent, name, mode));

    public void Unlink(nint request, ulong parent, string name) => Run(UnlinkAsync(request, parent, name));

    public void Rmdir(nint request, ulong parent, string name) => Run(RmdirAsync(request, parent, name));

    public void Symlink(nint request, string target, ulong parent, string name) => Run(SymlinkAsync(request, target, parent, name));

    public void Rename(nint request, ulong parent, string name, ulong newParent, string newName, uint flags) => Run(RenameAsync(request, parent, name, newParent, newName, flags));

    public void Link(nint request, ulong node, ulong newParent, string newName) => Run(LinkAsync(request, node, newParent, newName));

    public void StatFs(nint request, ulong node) => Run(StatFsAsync(request, node));

    public void Access(nint request, ulong node, int mask) => Run(AccessAsync(request, node, mask));

    public void SetExtendedAttribute(nint request, ulong node, string name, byte[] value) => Run(SetExtendedAttributeAsync(request, node, name, value));

    /// <summary>GETXATTR. A name outside the <c>user.</c> namespace is answered <c>EOPNOTSUPP</c> here, as the Linux NFS
    /// client answers it without asking the server (NFSv4.2 carries only <c>user.</c> attributes, RFC 8276) and as the
    /// simulator would: the kernel asks for <c>security.capability</c> before every write and every truncating open, and
    /// this spares each of them the simulator's lock and a thrown <see cref="FileSystemException"/>.</summary>
    public void GetExtendedAttribute(nint request, ulong node, string name, nuint size)
    {
        if (!name.StartsWith(UserNamespace, StringComparison.Ordinal))
        {
            _ = LibFuse.ReplyErr(request, LibC.EOPNOTSUPP);
            return;
        }

        Run(GetExtendedAttributeAsync(request, node, name, size));
    }

    public void ListExtendedAttributes(nint request, ulong node, nuint size) => Run(ListExtendedAttributesAsync(request, node, size));

    public void RemoveExtendedAttribute(nint request, ulong node, string name) => Run(RemoveExtendedAttributeAsync(request, node, name));

    private async ValueTask LookupAsync(nint request, ulong parent, string name)
    {
        try
        {
            var status = await MountOf(request).LstatAsync(ChildPath(parent, name, "lookup")).ConfigureAwait(false);
            ReplyEntry(request, parent, name, status);
        }
        catch (Exception exception)
        {
            Fail(request, exception);
        }
    }

    private async ValueTask GetAttributesAsync(nint request, ulong node, ulong? fh)
    {
        try
        {
            if (fh is { } handle && Handles.File(handle) is { } open)
            {
                ReplyAttributes(request, await open.Mount.FstatAsync(open.Handle).ConfigureAwait(false));
                return;
            }

            ReplyAttributes(request, await StatNodeAsync(MountOf(request), node, "getattr").ConfigureAwait(false));
        }
        catch (Exception exception)
        {
            Fail(request, exception);
        }
    }

    /// <summary>
    /// The status of a node by its path, checked to still be the same inode; when the path now names another inode or
    /// nothing (renamed or unlinked elsewhere), the status through a file still open on the node (an unlinked file stays
    /// usable until its last close), else <c>ESTALE</c> so the kernel looks the name up again.
    /// </summary>
    private async ValueTask<FileStatus> StatNodeAsync(IFileSystem mount, ulong node, string operation)
    {
        FileSystemException? failure = null;
        if (Nodes.PathOf(node) is { } path)
        {
            try
            {
                var status = await mount.LstatAsync(path).ConfigureAwait(false);
                if (Nodes.ToNodeId(status.InodeNumber) == node)
                {
                    return status;
                }
            }
            catch (FileSystemException exception) when (exception.Errno is Errno.ENOENT or Errno.ENOTDIR)
            {
                failure = exception;
            }
        }

        if (Nodes.AnyOpenFile(node) is { } open)
        {
            return await open.Mount.FstatAsync(open.Handle).ConfigureAwait(false);
        }

        throw failure ?? Stale(operation);
    }

    private async ValueTask SetAttributesAsync(nint request, ulong node, Stat attributes, int toSet, ulong? fh)
    {
        const string op = "setattr";
        try
        {
            var mount = MountOf(request);
            var open = fh is { } handle ? Handles.File(handle) : null;
            var path = Nodes.PathOf(node);
            string Path() => path ?? throw Stale(op);
            if ((toSet & (LibFuse.SetAttrUid | LibFuse.SetAttrGid)) != 0)
            {
                uint? uid = (toSet & LibFuse.SetAttrUid) != 0 ? attributes.Uid : null;
                uint? gid = (toSet & LibFuse.SetAttrGid) != 0 ? attributes.Gid : null;
                await mount.ChownAsync(Path(), uid, gid, followSymlinks: false).ConfigureAwait(false);
            }

            FileStatus? killed = null;
            if ((toSet & LibFuse.SetAttrMode) != 0)
            {
                if (Nodes.TypeOf(node) == FileType.SymbolicLink)
                {
                    throw FileSystemException.Create(Errno.EOPNOTSUPP, "chmod", path);
                }

                var requested = (UnixFileMode)(attributes.Mode & PermissionMask);
                killed = await KilledPrivilegesAsync(mount, node, requested, (toSet & LibFuse.SetAttrSize) != 0).ConfigureAwait(false);
                if (killed is null)
                {
                    await mount.ChmodAsync(Path(), requested).ConfigureAwait(false);
                }
            }

            var size = (toSet & LibFuse.SetAttrSize) != 0;
            if (size)
            {
                if (open is not null)
                {
                    await open.Mount.TruncateAsync(open.Handle, attributes.Size).ConfigureAwait(false);
                }
                else
                {
                    await mount.TruncateAsync(Path(), attributes.Size).ConfigureAwait(false);
                }
            }

            var accessTime = Time(toSet, LibFuse.SetAttrAtime, LibFuse.SetAttrAtimeNow, attributes.AccessSeconds, attributes.AccessNanoseconds);
            var modificationTime = Time(toSet, LibFuse.SetAttrMtime, LibFuse.SetAttrMtimeNow, attributes.ModificationSeconds, attributes.ModificationNanoseconds);

            // truncate(2) asks for "mtime now" with the size: the simulator's truncate already set it.
            var onlyTruncateTimes = size && accessTime.IsOmit && (modificationTime.IsOmit || modificationTime.IsNow);
            if (!(accessTime.IsOmit && modificationTime.IsOmit) && !onlyTruncateTimes)
            {
                await mount.SetTimesAsync(Path(), accessTime, modificationTime, followSymlinks: false).ConfigureAwait(false);
            }

            var status = open is not null
                ? await open.Mount.FstatAsync(open.Handle).ConfigureAwait(false)
                : await StatNodeAsync(mount, node, op).ConfigureAwait(false);
            ReplyAttributes(request, killed is { } cleared && status.Mode != cleared.Mode ? status with { Mode = status.Mode & cleared.Mode } : status);
        }
        catch (Exception exception)
        {
            Fail(request, exception);
        }
    }

    /// <summary>
    /// Recognises the kernel's own "kill set-user-id / set-group-id" request: on a write or truncate by a process that
    /// may not chmod the file, Linux sends a SETATTR that only clears those bits, as the writer. The simulator clears
    /// them itself on that write or truncate (as Linux's file_remove_privs does), so the request is answered without a
    /// chmod, which would fail with EPERM. It is recognised when the new mode is the current mode less set-user-id and/or
    /// set-group-id, the caller is neither root nor the owner, and the request also truncates or the caller's identity
    /// has the file open for writing.
    /// </summary>
    /// <returns>The status with the bits cleared when it is that request, else <see langword="null"/>.</returns>
    private async ValueTask<FileStatus?> KilledPrivilegesAsync(IFileSystem mount, ulong node, UnixFileMode requested, bool truncating)
    {
        const UnixFileMode privileges = UnixFileMode.SetUser | UnixFileMode.SetGroup;
        if (mount.User.IsRoot || (requested & privileges) == privileges)
        {
            return null;
        }

        var current = await StatNodeAsync(mount, node, "chmod").ConfigureAwait(false);
        var removed = current.Mode & ~requested;
        var isKill = current.Uid != mount.User.Uid && removed != 0 && (removed & ~privileges) == 0 && (current.Mode & ~removed) == requested;
        return isKill && (truncating || Nodes.HasWritableFile(node, mount)) ? current with { Mode = requested } : null;
    }

    private static TimeUpdate Time(int toSet, int set, int now, long seconds, long nanoseconds) =>
        (toSet & set) == 0 ? TimeUpdate.Omit : (toSet & now) != 0 ? TimeUpdate.Now : TimeUpdate.To(new Timespec(seconds, nanoseconds));

    private async ValueTask ReadLinkAsync(nint request, ulong node)
    {
        try
        {
            var target = await MountOf(request).ReadLinkAsync(PathOf(node, "readlink")).ConfigureAwait(false);
            SendLink(request, Encoding.UTF8.GetBytes(target + "\0"));
        }
        catch (Exception exception)
        {
            Fail(request, exception);
        }
    }

    private async ValueTask MknodAsync(nint request, ulong parent, string name, uint mode)
    {
        const string op = "mknod";
        try
        {
            FileType? type = (mode & TypeMask) switch
            {
                0 or 0x8000 => FileType.RegularFile,
                0x1000 => FileType.Fifo,
                0xC000 => FileType.Socket,
                0x2000 => FileType.CharacterDevice,
                0x6000 => FileType.BlockDevice,
                0x4000 => FileType.Directory,
                _ => null,
            };
            var mount = MountOf(request);
            var path = ChildPath(parent, name, op);
            await mount.MknodAsync(path, type ?? throw FileSystemException.Create(Errno.EINVAL, op, path), (UnixFileMode)(mode & PermissionMask)).ConfigureAwait(false);
            ReplyEntry(request, parent, name, await mount.LstatAsync(path).ConfigureAwait(false));
        }
        catch (Exception exception)
        {
            Fail(request, exception);
        }
    }

    private async ValueTask MkdirAsync(nint request, ulong parent, string name, uint mode)
    {
        try
        {
            var mount = MountOf(request);
            var path = ChildPath(parent, name, "mkdir");
            await mount.MkdirAsync(path, (UnixFileMode)(mode & PermissionMask)).ConfigureAwait(false);
            ReplyEntry(request, parent, name, await mount.LstatAsync(path).ConfigureAwait(false));
        }
        catch (Exception exception)
        {
            Fail(request, exception);
        }
    }

    private async ValueTask UnlinkAsync(nint request, ulong parent, string name)
    {
        try
        {
            await MountOf(request).UnlinkAsync(ChildPath(parent, name, "unlink")).ConfigureAwait(false);
            Ok(request);
        }
        catch (Exception exception)
        {
            Fail(request, exception);
        }
    }

    private async ValueTask RmdirAsync(nint request, ulong parent, string name)
    {
        try
        {
            await MountOf(request).RmdirAsync(ChildPath(parent, name, "rmdir")).ConfigureAwait(false);
            Ok(request);
        }
        catch (Exception exception)
        {
            Fail(request, exception);
        }
    }

    private async ValueTask SymlinkAsync(nint request, string target, ulong parent, string name)
    {
        try
        {
            var mount = MountOf(request);
            var path = ChildPath(parent, name, "symlink");
            await mount.SymlinkAsync(target, path).ConfigureAwait(false);
            ReplyEntry(request, parent, name, await mount.LstatAsync(path).ConfigureAwait(false));
        }
        catch (Exception exception)
        {
            Fail(request, exception);
        }
    }

    /// <summary>RENAME: <c>RENAME_NOREPLACE</c> maps to the simulator's; any other flag (<c>RENAME_EXCHANGE</c>,
    /// <c>RENAME_WHITEOUT</c>) is <c>EINVAL</c>, as the Linux NFS client answers on an S3 Files mount.</summary>
    private async ValueTask RenameAsync(nint request, ulong parent, string name, ulong newParent, string newName, uint flags)
    {
        const string op = "rename";
        try
        {
            var mount = MountOf(request);
            var from = ChildPath(parent, name, op);
            var to = ChildPath(newParent, newName, op);
            if ((flags & ~(uint)RenameNoReplace) != 0)
            {
                throw FileSystemException.Create(Errno.EINVAL, op, from, to);
            }

            await mount.RenameAsync(from, to, flags == RenameNoReplace ? RenameFlags.NoReplace : RenameFlags.None).ConfigureAwait(false);
            var moved = await mount.LstatAsync(to).ConfigureAwait(false);
            Nodes.Moved(Nodes.ToNodeId(moved.InodeNumber), newParent, newName);
            Ok(request);
        }
        catch (Exception exception)
        {
            Fail(request, exception);
        }
    }

    private async ValueTask LinkAsync(nint request, ulong node, ulong newParent, string newName)
    {
        const string op = "link";
        try
        {
            var mount = MountOf(request);
            var path = ChildPath(newParent, newName, op);
            await mount.LinkAsync(PathOf(node, op), path).ConfigureAwait(false);
            ReplyEntry(request, newParent, newName, await mount.LstatAsync(path).ConfigureAwait(false));
        }
        catch (Exception exception)
        {
            Fail(request, exception);
        }
    }

    /// <summary>STATFS: the simulator's statistics; S3 Files shows 8 EiB and no meaningful inode limit, so the free inode count is as large as the block count.</summary>
    private async ValueTask StatFsAsync(nint request, ulong node)
    {
        try
        {
            var statistics = await MountOf(request).StatFsAsync(Nodes.PathOf(node) ?? "/").ConfigureAwait(false);
            StatVfs result = default;
            result.BlockSize = (ulong)statistics.BlockSize;
            result.FragmentSize = (ulong)statistics.BlockSize;
            result.Blocks = (ulong)statistics.TotalBlocks;
            result.FreeBlocks = (ulong)statistics.FreeBlocks;
            result.AvailableBlocks = (ulong)statistics.AvailableBlocks;
            result.FreeFiles = (ulong)statistics.TotalBlocks;
            result.AvailableFiles = (ulong)statistics.TotalBlocks;
            result.Files = (ulong)(statistics.TotalBlocks + statistics.UsedInodes);
            result.MaxNameLength = (ulong)statistics.MaxNameLength;
            SendStatfs(request, result);
        }
        catch (Exception exception)
        {
            Fail(request, exception);
        }
    }

    private async ValueTask AccessAsync(nint request, ulong node, int mask)
    {
        try
        {
            await MountOf(request).AccessAsync(PathOf(node, "access"), (AccessMode)mask).ConfigureAwait(false);
            Ok(request);
        }
        catch (Exception exception)
        {
            Fail(request, exception);
        }
    }

    private async ValueTask SetExtendedAttributeAsync(nint request, ulong node, string name, byte[] value)
    {
        try
        {
            await MountOf(request).SetExtendedAttributeAsync(PathOf(node, "setxattr"), name, value).ConfigureAwait(false);
            Ok(request);
        }
        catch (Exception exception)
        {
            Fail(request, exception);
        }
    }

    private async ValueTask GetExtendedAttributeAsync(nint request, ulong node, string name, nuint size)
    {
        try
        {
            var value = await MountOf(request).GetExtendedAttributeAsync(PathOf(node, "getxattr"), name).ConfigureAwait(false);
            ReplyAttributeValue(request, value, size);
        }
        catch (Exception exception)
        {
            Fail(request, exception);
        }
    }

    private async ValueTask ListExtendedAttributesAsync(nint request, ulong node, nuint size)
    {
        try
        {
            var names = await MountOf(request).ListExtendedAttributesAsync(PathOf(node, "listxattr")).ConfigureAwait(false);
            ReplyAttributeValue(request, Encoding.UTF8.GetBytes(string.Concat(names.Select(item => item + "\0"))), size);
        }
        catch (Exception exception)
        {
            Fail(request, exception);
        }
    }

    /// <summary>REMOVEXATTR: S3 Files stores no user extended attributes, so removing one fails exactly as setting one does (same checks, same errno).</summary>
    private async ValueTask RemoveExtendedAttributeAsync(nint request, ulong node, string name)
    {
        try
        {
            await MountOf(request).SetExtendedAttributeAsync(PathOf(node, "removexattr"), name, ReadOnlyMemory<byte>.Empty).ConfigureAwait(false);
            Ok(request);
        }
        catch (Exception exception)
        {
            Fail(request, exception);
        }
    }

    /// <summary>getxattr(2) and listxattr(2) sizing: size 0 asks for the length; a smaller buffer is <c>ERANGE</c>.</summary>
    private static void ReplyAttributeValue(nint request, byte[] value, nuint size)
    {
        if (size == 0)
        {
            _ = LibFuse.ReplyXattr(request, (nuint)value.Length);
        }
        else if ((nuint)value.Length > size)
        {
            _ = LibFuse.ReplyErr(request, LibC.ERANGE);
        }
        else
        {
            SendBuffer(request, value, value.Length);
        }
    }

    private static unsafe void SendLink(nint request, byte[] target)
    {
        fixed (byte* pointer = target)
        {
            _ = LibFuse.ReplyReadlink(request, pointer);
        }
    }
}
