using System.Text;
using S3FilesSim.Export;
using S3FilesSim.Namespace;
using S3FilesSim.Security;

namespace S3FilesSim.FileSystem;

/// <content>Path-based calls: stat, attributes, directories, links, rename, statfs and extended attributes.</content>
internal sealed partial class MountedFileSystem
{
    private const int MaxSymlinkTargetBytes = 4080;
    private const int MaxAttributeValueBytes = 65_536;

    /// <summary>(uid_t)-1 and (gid_t)-1: chown(2) leaves that id unchanged.</summary>
    private const uint KeepId = uint.MaxValue;
    private const long StatFsBlockSize = 1_048_576;

    /// <summary>8 EiB less 1 MiB (2^63 - 2^20 bytes, which fits a signed 64-bit count) in blocks of <see cref="StatFsBlockSize"/>:
    /// 2^43 - 1. <c>df</c> on the EFS-based high-performance storage shows 9,007,199,254,739,968 1K-blocks ("8.0E").</summary>
    private const long StatFsTotalBlocks = (1L << 43) - 1;

    /// <inheritdoc />
    public ValueTask<FileStatus> StatAsync(string path, CancellationToken cancellationToken = default) =>
        Locked((path, cancellationToken), static (m, s) => m.Stat(s.path, followLast: true, "stat", s.cancellationToken), cancellationToken);

    /// <inheritdoc />
    public ValueTask<FileStatus> LstatAsync(string path, CancellationToken cancellationToken = default) =>
        Locked((path, cancellationToken), static (m, s) => m.Stat(s.path, followLast: false, "lstat", s.cancellationToken), cancellationToken);

    /// <inheritdoc />
    public ValueTask ChmodAsync(string path, UnixFileMode mode, CancellationToken cancellationToken = default) =>
        Locked((path, mode, cancellationToken), static (m, s) => m.Chmod(s.path, s.mode, s.cancellationToken), cancellationToken);

    private void Chmod(string path, UnixFileMode mode, CancellationToken cancellationToken)
    {
        const string op = "chmod";
        Begin(cancellationToken);
        var inode = ResolveExisting(path, followLast: true, op);
        ThrowIfReadOnly(op, path);
        if (!Permissions.IsOwnerOrRoot(inode, User))
        {
            throw Fail(Errno.EPERM, op, path);
        }

        var newMode = mode & PermissionBits;
        if (!User.IsRoot && !User.IsInGroup(inode.Gid))
        {
            newMode &= ~UnixFileMode.SetGroup;
        }

        inode.Mode = newMode;
        inode.ChangeTimeNs = _ns.NowNs;
        _ns.MetadataChanged(_changes, inode);
        _metrics.MetadataWrite();
    }

    /// <inheritdoc />
    public ValueTask ChownAsync(string path, uint? uid, uint? gid, bool followSymlinks = true, CancellationToken cancellationToken = default) =>
        Locked((path, uid, gid, followSymlinks, cancellationToken), static (m, s) => m.Chown(s.path, s.uid, s.gid, s.followSymlinks, s.cancellationToken), cancellationToken);

    private void Chown(string path, uint? uid, uint? gid, bool followSymlinks, CancellationToken cancellationToken)
    {
        var op = followSymlinks ? "chown" : "lchown";
        uid = uid == KeepId ? null : uid;
        gid = gid == KeepId ? null : gid;
        Begin(cancellationToken);
        var inode = ResolveExisting(path, followSymlinks, op);
        ThrowIfReadOnly(op, path);
        // Linux chown_ok() and chgrp_ok(): besides root, only the owner may name an owner (itself) or a group (the
        // file's own or one of its groups); anybody else naming either fails, even with the current values.
        var owner = inode.Uid == User.Uid;
        if (!User.IsRoot
            && ((uid is { } u && !(owner && u == inode.Uid)) || (gid is { } g && !(owner && (g == inode.Gid || User.IsInGroup(g))))))
        {
            throw Fail(Errno.EPERM, op, path);
        }

        inode.Uid = uid ?? inode.Uid;
        inode.Gid = gid ?? inode.Gid;
        if (!inode.IsDirectory && inode.Type != FileType.SymbolicLink)
        {
            inode.Mode &= ~UnixFileMode.SetUser;
            if ((inode.Mode & UnixFileMode.GroupExecute) != 0)
            {
                inode.Mode &= ~UnixFileMode.SetGroup;
            }
        }

        inode.ChangeTimeNs = _ns.NowNs;
        _ns.MetadataChanged(_changes, inode);
        _metrics.MetadataWrite();
    }

    /// <inheritdoc />
    public ValueTask SetTimesAsync(string path, TimeUpdate accessTime, TimeUpdate modificationTime, bool followSymlinks = true, CancellationToken cancellationToken = default) =>
        Locked((path, accessTime, modificationTime, followSymlinks, cancellationToken), static (m, s) => m.SetTimes(s.path, s.accessTime, s.modificationTime, s.followSymlinks, s.cancellationToken), cancellationToken);

    private void SetTimes(string path, TimeUpdate accessTime, TimeUpdate modificationTime, bool followSymlinks, CancellationToken cancellationToken)
    {
        const string op = "utimensat";
        Begin(cancellationToken);
        if (!IsValidTime(accessTime) || !IsValidTime(modificationTime))
        {
            throw Fail(Errno.EINVAL, op, path);
        }

        var inode = ResolveExisting(path, followSymlinks, op);
        ThrowIfReadOnly(op, path);
        if (accessTime.IsOmit && modificationTime.IsOmit)
        {
            _metrics.MetadataWrite();
            return;
        }

        var explicitTime = !(accessTime.IsNow || accessTime.IsOmit) || !(modificationTime.IsNow || modificationTime.IsOmit);
        if (!Permissions.IsOwnerOrRoot(inode, User))
        {
            if (explicitTime)
            {
                throw Fail(Errno.EPERM, op, path);
            }

            if (!Permissions.Allows(inode, User, AccessMode.Write))
            {
                throw Fail(Errno.EACCES, op, path);
            }
        }

        var now = _ns.NowNs;
        inode.AccessTimeNs = accessTime.IsOmit ? inode.AccessTimeNs : accessTime.IsNow ? now : accessTime.Value.TotalNanoseconds;
        inode.ModificationTimeNs = modificationTime.IsOmit ? inode.ModificationTimeNs : modificationTime.IsNow ? now : modificationTime.Value.TotalNanoseconds;
        inode.ChangeTimeNs = now;
        _ns.MetadataChanged(_changes, inode);
        _metrics.MetadataWrite();
    }

    /// <inheritdoc />
    public ValueTask AccessAsync(string path, AccessMode mode, CancellationToken cancellationToken = default) =>
        Locked((path, mode, cancellationToken), static (m, s) => m.Access(s.path, s.mode, s.cancellationToken), cancellationToken);

    private void Access(string path, AccessMode mode, CancellationToken cancellationToken)
    {
        const string op = "access";
        Begin(cancellationToken);
        if ((mode & ~(AccessMode.Read | AccessMode.Write | AccessMode.Execute)) != 0)
        {
            throw Fail(Errno.EINVAL, op, path);
        }

        var inode = ResolveExisting(path, followLast: true, op);
        if ((mode & AccessMode.Write) != 0)
        {
            ThrowIfReadOnly(op, path);
        }

        if (!Permissions.Allows(inode, User, mode & (AccessMode.Read | AccessMode.Write | AccessMode.Execute)))
        {
            throw Fail(Errno.EACCES, op, path);
        }

        _metrics.MetadataRead();
    }

    /// <inheritdoc />
    public ValueTask MkdirAsync(string path, UnixFileMode mode = DefaultModes.Directory, CancellationToken cancellationToken = default) =>
        Locked((path, mode, cancellationToken), static (m, s) => m.Mkdir(s.path, s.mode, s.cancellationToken), cancellationToken);

    private void Mkdir(string path, UnixFileMode mode, CancellationToken cancellationToken)
    {
        const string op = "mkdir";
        Begin(cancellationToken);
        var error = ResolveNew(path, Errno.EEXIST, out var resolved);
        if (error != 0 || resolved.Target is not null)
        {
            throw Fail(error == 0 ? Errno.EEXIST : error, op, path);
        }

        ThrowIfReadOnly(op, path);
        CheckCreate(resolved.Parent, op, path);
        var (newMode, gid) = NewEntryAttributes(resolved.Parent, mode, directory: true);
        _ns.Create(_changes, resolved.Parent, resolved.Name, FileType.Directory, newMode, User.Uid, gid);
        _metrics.MetadataWrite();
    }

    /// <inheritdoc />
    public ValueTask RmdirAsync(string path, CancellationToken cancellationToken = default) =>
        Locked((path, cancellationToken), static (m, s) => m.Rmdir(s.path, s.cancellationToken), cancellationToken);

    private void Rmdir(string path, CancellationToken cancellationToken)
    {
        const string op = "rmdir";
        Begin(cancellationToken);
        var resolved = Resolve(path, followLast: false, op);
        var kindError = resolved.Kind switch
        {
            LastComponent.Dot => Errno.EINVAL,
            LastComponent.DotDot => Errno.ENOTEMPTY,
            LastComponent.Root => Errno.EBUSY,
            _ => (Errno)0,
        };
        if (kindError != 0)
        {
            throw Fail(kindError, op, path);
        }

        ThrowIfReadOnly(op, path);
        var victim = resolved.Target ?? throw Fail(Errno.ENOENT, op, path);
        CheckDelete(resolved.Parent, victim, expectDirectory: true, op, path);
        if (_ns.LostAndFound.ForbidsRemoval(victim))
        {
            throw Fail(Errno.EPERM, op, path);
        }

        if (victim.Directory.Count > 0)
        {
            throw Fail(Errno.ENOTEMPTY, op, path);
        }

        _ns.Remove(_changes, victim);
        _metrics.MetadataWrite();
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<DirectoryEntry>> ReadDirectoryAsync(string path, CancellationToken cancellationToken = default) =>
        Locked((path, cancellationToken), static (m, s) => m.ReadDirectory(s.path, s.cancellationToken), cancellationToken);

    private IReadOnlyList<DirectoryEntry> ReadDirectory(string path, CancellationToken cancellationToken)
    {
        const string op = "readdir";
        Begin(cancellationToken);
        var directory = ResolveExisting(path, followLast: true, op);
        if (!directory.IsDirectory)
        {
            throw Fail(Errno.ENOTDIR, op, path);
        }

        if (!Permissions.Allows(directory, User, AccessMode.Read))
        {
            throw Fail(Errno.EACCES, op, path);
        }

        var entries = new DirectoryEntry[directory.Directory.Count];
        var firstAccess = !directory.DirectoryAsIs.ReadByClient;
        directory.DirectoryAsIs.ReadByClient = true;
        var index = 0;
        for (var child = directory.Directory.First; child is not null; child = child.NextSibling)
        {
            entries[index++] = new DirectoryEntry(child.Name, child.Number, child.Type);
        }

        _metrics.ReadDirectory(entries.Length, firstAccess);
        _listed.Listed(directory);
        return entries;
    }

    /// <inheritdoc />
    public ValueTask UnlinkAsync(string path, CancellationToken cancellationToken = default) =>
        Locked((path, cancellationToken), static (m, s) => m.Unlink(s.path, s.cancellationToken), cancellationToken);

    private void Unlink(string path, CancellationToken cancellationToken)
    {
        const string op = "unlink";
        Begin(cancellationToken);
        var resolved = Resolve(path, followLast: false, op);
        if (resolved.Kind != LastComponent.Normal)
        {
            throw Fail(Errno.EISDIR, op, path);
        }

        ThrowIfReadOnly(op, path);
        var victim = resolved.Target ?? throw Fail(Errno.ENOENT, op, path);
        if (resolved.TrailingSlash)
        {
            throw Fail(Errno.EISDIR, op, path);
        }

        CheckDelete(resolved.Parent, victim, expectDirectory: false, op, path);
        _router.KeepBaseWhileOpen(victim);
        _ns.Remove(_changes, victim);
        _metrics.MetadataWrite();
    }

    /// <inheritdoc />
    public ValueTask SymlinkAsync(string target, string linkPath, CancellationToken cancellationToken = default) =>
        Locked((target, linkPath, cancellationToken), static (m, s) => m.Symlink(s.target, s.linkPath, s.cancellationToken), cancellationToken);

    private void Symlink(string target, string linkPath, CancellationToken cancellationToken)
    {
        const string op = "symlink";
        ArgumentNullException.ThrowIfNull(target);
        Begin(cancellationToken);
        if (target.Length == 0)
        {
            throw Fail(Errno.ENOENT, op, target, linkPath);
        }

        var targetBytes = Encoding.UTF8.GetByteCount(target);
        if (targetBytes >= PathResolver.MaxPathBytes)
        {
            throw Fail(Errno.ENAMETOOLONG, op, target, linkPath);
        }

        if (target.Contains('\0', StringComparison.Ordinal) || !PathResolver.IsValidUnicode(target))
        {
            throw Fail(Errno.EINVAL, op, target, linkPath);
        }

        var error = ResolveNew(linkPath, Errno.EEXIST, out var resolved);
        if (error != 0 || resolved.Target is not null)
        {
            throw Fail(error == 0 ? Errno.EEXIST : error, op, target, linkPath);
        }

        if (resolved.TrailingSlash)
        {
            throw Fail(Errno.ENOENT, op, target, linkPath);
        }

        ThrowIfReadOnly(op, target, linkPath);
        CheckCreate(resolved.Parent, op, target, linkPath);
        if (targetBytes > MaxSymlinkTargetBytes)
        {
            throw Fail(Errno.ENAMETOOLONG, op, target, linkPath);
        }

        var mode = (UnixFileMode)0x1FF;
        _ns.Create(_changes, resolved.Parent, resolved.Name, FileType.SymbolicLink, mode, User.Uid, NewEntryAttributes(resolved.Parent, mode, directory: false).Gid, target);
        _metrics.MetadataWrite();
    }

    /// <inheritdoc />
    public ValueTask<string> ReadLinkAsync(string path, CancellationToken cancellationToken = default) =>
        Locked((path, cancellationToken), static (m, s) => m.ReadLink(s.path, s.cancellationToken), cancellationToken);

    private string ReadLink(string path, CancellationToken cancellationToken)
    {
        const string op = "readlink";
        Begin(cancellationToken);
        var inode = ResolveExisting(path, followLast: false, op);
        var target = inode.Type == FileType.SymbolicLink ? inode.LinkTarget : throw Fail(Errno.EINVAL, op, path);
        _metrics.MetadataRead();
        return target;
    }

    /// <inheritdoc />
    public ValueTask LinkAsync(string existingPath, string newPath, CancellationToken cancellationToken = default) =>
        Locked((existingPath, newPath, cancellationToken), static (m, s) => m.Link(s.existingPath, s.newPath, s.cancellationToken), cancellationToken);

    private void Link(string existingPath, string newPath, CancellationToken cancellationToken)
    {
        const string op = "link";
        Begin(cancellationToken);
        var existing = Resolve(existingPath, followLast: false, op, newPath);
        if (existing.Target is null)
        {
            throw Fail(Errno.ENOENT, op, existingPath, newPath);
        }

        var error = ResolveNew(newPath, Errno.EEXIST, out var created);
        if (error != 0 || created.Target is not null)
        {
            throw Fail(error == 0 ? Errno.EEXIST : error, op, existingPath, newPath);
        }

        ThrowIfReadOnly(op, existingPath, newPath);
        CheckCreate(created.Parent, op, existingPath, newPath);
        throw Fail(Errno.EPERM, op, existingPath, newPath);
    }

    /// <inheritdoc />
    public ValueTask<FileSystemStatistics> StatFsAsync(string path, CancellationToken cancellationToken = default) =>
        Locked((path, cancellationToken), static (m, s) => m.StatFs(s.path, s.cancellationToken), cancellationToken);

    private FileSystemStatistics StatFs(string path, CancellationToken cancellationToken)
    {
        Begin(cancellationToken);
        ResolveExisting(path, followLast: true, "statfs");
        var total = StatFsTotalBlocks;
        var used = (_ns.Storage.StorageBytes + StatFsBlockSize - 1) / StatFsBlockSize;
        return new FileSystemStatistics
        {
            FileSystemId = FileSystemId,
            BlockSize = StatFsBlockSize,
            TotalBlocks = total,
            FreeBlocks = total - used,
            AvailableBlocks = total - used,
            UsedInodes = _ns.Storage.Inodes,
        };
    }

    /// <inheritdoc />
    public ValueTask<byte[]> GetExtendedAttributeAsync(string path, string name, CancellationToken cancellationToken = default) =>
        Locked((path, name, cancellationToken), static (m, s) => m.GetExtendedAttribute(s.path, s.name, s.cancellationToken), cancellationToken);

    private byte[] GetExtendedAttribute(string path, string name, CancellationToken cancellationToken)
    {
        const string op = "getxattr";
        ArgumentNullException.ThrowIfNull(name);
        Begin(cancellationToken);
        CheckAttributeName(name, op, path);
        var inode = ResolveExisting(path, followLast: true, op);
        ThrowIfOutsideUserNamespace(name, op, path);
        if (!Permissions.Allows(inode, User, AccessMode.Read))
        {
            throw Fail(Errno.EACCES, op, path);
        }

        if (!IsStatusAttribute(name))
        {
            throw Fail(Errno.ENODATA, op, path);
        }

        return Encoding.UTF8.GetBytes(ExportStatus.Of(inode, _ns.LostAndFound, _fileSystem.Bucket.BucketName, _ns.Keys));
    }

    /// <inheritdoc />
    public ValueTask SetExtendedAttributeAsync(string path, string name, ReadOnlyMemory<byte> value, CancellationToken cancellationToken = default) =>
        Locked((path, name, value, cancellationToken), static (m, s) => m.SetExtendedAttribute(s.path, s.name, s.value, s.cancellationToken), cancellationToken);

    private void SetExtendedAttribute(string path, string name, ReadOnlyMemory<byte> value, CancellationToken cancellationToken)
    {
        const string op = "setxattr";
        ArgumentNullException.ThrowIfNull(name);
        Begin(cancellationToken);
        CheckAttributeName(name, op, path);
        if (value.Length > MaxAttributeValueBytes)
        {
            throw Fail(Errno.E2BIG, op, path);
        }

        var inode = ResolveExisting(path, followLast: true, op);
        ThrowIfReadOnly(op, path);
        ThrowIfOutsideUserNamespace(name, op, path);
        if (!Permissions.Allows(inode, User, AccessMode.Write))
        {
            throw Fail(Errno.EACCES, op, path);
        }

        throw Fail(Errno.ENOTSUPP, op, path);
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<string>> ListExtendedAttributesAsync(string path, CancellationToken cancellationToken = default) =>
        Locked((path, cancellationToken), static (m, s) => m.ListExtendedAttributes(s.path, s.cancellationToken), cancellationToken);

    private IReadOnlyList<string> ListExtendedAttributes(string path, CancellationToken cancellationToken)
    {
        Begin(cancellationToken);
        ResolveExisting(path, followLast: true, "listxattr");
        return [StatusAttribute];
    }

    /// <summary>The Linux NFS client carries only the <c>user.</c> namespace (NFSv4.2 extended attributes, RFC 8276, and
    /// <c>nfs4_xattr_handlers</c>): a name in any other namespace (<c>security.</c>, <c>trusted.</c>, <c>system.</c>) fails
    /// with <see cref="Errno.EOPNOTSUPP"/> in the client, before permissions are checked or the server is asked.</summary>
    private static void ThrowIfOutsideUserNamespace(string name, string op, string path)
    {
        if (!name.StartsWith(UserNamespace, StringComparison.Ordinal))
        {
            throw Fail(Errno.EOPNOTSUPP, op, path);
        }
    }

    /// <summary>Linux import_xattr_name(): a name must be 1 to 255 bytes, else <see cref="Errno.ERANGE"/>.</summary>
    private static void CheckAttributeName(string name, string op, string path)
    {
        if (name.Length == 0 || (name.Length > PathResolver.MaxNameBytes / 3 && Encoding.UTF8.GetByteCount(name) > PathResolver.MaxNameBytes))
        {
            throw Fail(Errno.ERANGE, op, path);
        }
    }

    /// <summary>utimensat(2) accepts nanoseconds 0 to 999,999,999; the simulator also needs the instant to fit 64-bit nanoseconds since 1970 (years 1677 to 2262).</summary>
    private static bool IsValidTime(TimeUpdate time) =>
        time.IsNow || time.IsOmit
        || (time.Value.Nanoseconds is >= 0 and < 1_000_000_000
            && time.Value.Seconds >= long.MinValue / 1_000_000_000
            && time.Value.Seconds <= (long.MaxValue - time.Value.Nanoseconds) / 1_000_000_000);

    private static bool IsStatusAttribute(string name) =>
        name == StatusAttribute || (name.StartsWith(StatusAttribute + ";", StringComparison.Ordinal) && name.Length > StatusAttribute.Length + 1
            && name.AsSpan(StatusAttribute.Length + 1).IndexOfAnyExceptInRange('0', '9') < 0);

    private FileStatus Stat(string path, bool followLast, string op, CancellationToken cancellationToken)
    {
        Begin(cancellationToken);
        var inode = ResolveExisting(path, followLast, op);
        var status = StatusOf(inode);
        if (_listed.HasAttributesOf(inode))
        {
            _metrics.CachedMetadataRead();
        }
        else
        {
            _metrics.MetadataRead();
        }

        return status;
    }
}
