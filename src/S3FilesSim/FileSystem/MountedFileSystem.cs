using S3FilesSim.Export;
using S3FilesSim.HotTier;
using S3FilesSim.Import;
using S3FilesSim.Namespace;
using S3FilesSim.ReadPath;
using S3FilesSim.Security;
using S3FilesSim.Telemetry;

namespace S3FilesSim.FileSystem;

/// <summary>
/// One mount of an S3 Files file system: one NFS client with its identity, umask, access point root, open handles and
/// unflushed writes, over the shared <see cref="FileSystemNamespace"/>. Each call takes the file system's lock, so
/// mounts may be used from several threads; nothing awaits while holding it. A call that reaches a directory not yet
/// listed from the bucket releases the lock, has it listed (<see cref="DirectoryListing"/>), and runs again: it
/// changes nothing before that point, so the retry sees a consistent tree.
/// </summary>
internal sealed partial class MountedFileSystem : IFileSystem
{
    private const UnixFileMode PermissionBits = (UnixFileMode)0xFFF;
    private const string StatusAttribute = "user.s3files.status";
    private const string UserNamespace = "user.";

    private readonly S3FilesFileSystem _fileSystem;
    private readonly IClientMetrics _metrics;
    private readonly ListedDirectories _listed;
    private readonly FileSystemNamespace _ns;
    private readonly ClientChanges _changes;
    private readonly ReadRouter _router;
    private readonly DirectoryListing _listing;
    private readonly DataImport _dataImport;
    private readonly AccessPointOptions? _accessPoint;
    private Inode? _root;
    private readonly UnixFileMode _umask;
    private readonly Dictionary<long, OpenFile> _handles = [];
    private readonly Dictionary<Inode, UnflushedWrites> _unflushed = [];
    private readonly HashSet<(ulong Inode, int ProcessId)> _fcntlLockers = [];
    private bool _usedLocks;
    private bool _unmounted;

    /// <summary>Creates the mount.</summary>
    /// <param name="fileSystem">The file system.</param>
    /// <param name="mountId">The mount's id.</param>
    /// <param name="root">The mount's root, or <see langword="null"/> to resolve <paramref name="accessPoint"/>'s root on the first call.</param>
    /// <param name="accessPoint">The access point mounted through, if any.</param>
    /// <param name="user">The identity every call acts as.</param>
    /// <param name="umask">The mount's umask.</param>
    /// <param name="readOnly">Whether the mount is read-only.</param>
    public MountedFileSystem(S3FilesFileSystem fileSystem, long mountId, Inode? root, AccessPointOptions? accessPoint, PosixUser user, UnixFileMode umask, bool readOnly)
    {
        _fileSystem = fileSystem;
        var components = fileSystem.Components;
        _metrics = components.ClientMetrics;
        _listed = _metrics.NewListedDirectories();
        _ns = components.Namespace;
        _changes = components.ClientChanges;
        _router = components.ReadRouter;
        _listing = components.Listing;
        _dataImport = components.DataImport;
        components.Gauges.MountOpened();
        MountId = mountId;
        _root = root;
        _accessPoint = accessPoint;
        User = user;
        _umask = umask & (UnixFileMode)0x1FF;
        IsReadOnly = readOnly;
    }

    /// <inheritdoc />
    public string FileSystemId => _fileSystem.FileSystemId;

    /// <inheritdoc />
    public PosixUser User { get; }

    /// <inheritdoc />
    public bool IsReadOnly { get; }

    /// <summary>Gets the mount's id, unique within the file system (the lock owner's mount part).</summary>
    public long MountId { get; }

    /// <summary>Gets a value indicating whether large reads of exported data may go straight to the bucket.</summary>
    public bool MayReadDirect { get; init; }

    /// <summary>Unmounts: drops unflushed writes (as an NFS client crash loses its dirty pages), invalidates every handle and releases the mount's locks.</summary>
    /// <returns>A completed task.</returns>
    public ValueTask DisposeAsync()
    {
        bool releaseLocks;
        lock (_ns.Gate)
        {
            if (_unmounted)
            {
                return ValueTask.CompletedTask;
            }

            _unmounted = true;
            EndSubscriptions();
            _fileSystem.Components.Gauges.MountClosed();
            _unflushed.Clear();
            foreach (var handle in _handles.Values)
            {
                ReleaseOpen(handle.Inode);
            }

            _handles.Clear();
            releaseLocks = _usedLocks;
        }

        if (releaseLocks)
        {
            _fileSystem.Locks.ReleaseMount(MountId);
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Gets the mount's root: the file system root or the access point's root, resolved (and created when allowed) on first use when the mount did not wait for the bucket.</summary>
    /// <exception cref="FileSystemException">As <see cref="S3FilesFileSystem.Mount"/>.</exception>
    /// <exception cref="DirectoryNotListedException">A directory on the way is not listed yet; nothing changed.</exception>
    private Inode Root => _root ??= AccessPointRoots.Resolve(_ns, _changes, _accessPoint!);

    private static FileSystemException Fail(Errno errno, string operation, string? path, string? otherPath = null) =>
        FileSystemException.Create(errno, operation, path, otherPath);

    /// <summary>The telemetry kind of a read served by <paramref name="tier"/>.</summary>
    private static OperationKind ReadKind(ReadTier tier) => tier switch
    {
        ReadTier.HotTier => OperationKind.HotRead,
        ReadTier.BucketDirect => OperationKind.DirectRead,
        _ => OperationKind.ColdRead,
    };

    /// <summary>
    /// Runs <paramref name="body"/> with the file system's lock held. When it reaches a directory not yet listed from
    /// the bucket (before changing anything), the lock is released, the directory is listed, and the body runs again.
    /// With the in-memory bucket the listing completes at once, and so does the returned task.
    /// </summary>
    private ValueTask<TResult> Locked<TState, TResult>(TState state, Func<MountedFileSystem, TState, TResult> body, CancellationToken cancellationToken)
    {
        Exception needed;
        lock (_ns.Gate)
        {
            try
            {
                return ValueTask.FromResult(body(this, state));
            }
            catch (DirectoryNotListedException e)
            {
                needed = e;
            }
            catch (BucketFetchRequiredException e)
            {
                needed = e;
            }
        }

        return AfterFetchAsync(needed, state, body, cancellationToken);
    }

    /// <inheritdoc cref="Locked{TState, TResult}"/>
    private ValueTask Locked<TState>(TState state, Action<MountedFileSystem, TState> body, CancellationToken cancellationToken)
    {
        Exception needed;
        lock (_ns.Gate)
        {
            try
            {
                body(this, state);
                return ValueTask.CompletedTask;
            }
            catch (DirectoryNotListedException e)
            {
                needed = e;
            }
            catch (BucketFetchRequiredException e)
            {
                needed = e;
            }
        }

        return new ValueTask(AfterFetchAsync(needed, (state, body), static (m, s) =>
        {
            s.body(m, s.state);
            return true;
        }, cancellationToken).AsTask());
    }

    /// <summary>Makes the bucket call <paramref name="needed"/> names (a first listing, or a file's base bytes) outside the lock, then runs <paramref name="body"/> again.</summary>
    private async ValueTask<TResult> AfterFetchAsync<TState, TResult>(Exception needed, TState state, Func<MountedFileSystem, TState, TResult> body, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (needed is DirectoryNotListedException unlisted)
            {
                await _listing.EnsureListedAsync(unlisted.Directory, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await ((BucketFetchRequiredException)needed).FetchAsync(cancellationToken).ConfigureAwait(false);
            }

            lock (_ns.Gate)
            {
                try
                {
                    return body(this, state);
                }
                catch (DirectoryNotListedException e)
                {
                    needed = e;
                }
                catch (BucketFetchRequiredException e)
                {
                    needed = e;
                }
            }
        }
    }

    private void Begin(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ObjectDisposedException.ThrowIf(_unmounted, this);
    }

    private ResolvedPath Resolve(string path, bool followLast, string operation, string? otherPath = null)
    {
        var error = PathResolver.Resolve(Root, User, path, followLast, out var resolved);
        return error == 0 ? resolved : throw Fail(error, operation, path, otherPath);
    }

    /// <summary>
    /// Resolves the path of an entry to create without following its final component, like Linux filename_create():
    /// an existing entry named with a trailing slash is <paramref name="existsErrno"/> (<see cref="Errno.EEXIST"/> for
    /// mkdir, symlink and link, <see cref="Errno.EISDIR"/> for open with O_CREAT) rather than <see cref="Errno.ENOTDIR"/>.
    /// </summary>
    /// <returns>0 on success, else the errno.</returns>
    private Errno ResolveNew(string path, Errno existsErrno, out ResolvedPath resolved)
    {
        var error = PathResolver.Resolve(Root, User, path, followLast: false, out resolved);
        return error == Errno.ENOTDIR && path.Length > 1 && path[^1] == '/'
            && PathResolver.Resolve(Root, User, path.TrimEnd('/'), followLast: false, out var bare) == 0 && bare.Target is not null
            ? existsErrno
            : error;
    }

    private Inode ResolveExisting(string path, bool followLast, string operation)
    {
        var resolved = Resolve(path, followLast, operation);
        return resolved.Target ?? throw Fail(Errno.ENOENT, operation, path);
    }

    private OpenFile GetHandle(FileHandle handle, string operation)
    {
        lock (_ns.Gate)
        {
            return !_unmounted && ReferenceEquals(handle.Issuer, this) && _handles.TryGetValue(handle.Value, out var open) ? open : throw Fail(Errno.EBADF, operation, null);
        }
    }

    private void ThrowIfReadOnly(string operation, string path, string? otherPath = null)
    {
        if (IsReadOnly)
        {
            throw Fail(Errno.EROFS, operation, path, otherPath);
        }
    }

    private long ViewSize(Inode inode) =>
        _unflushed.TryGetValue(inode, out var writes) ? Math.Max(inode.Size, writes.End) : inode.Size;

    private FileStatus StatusOf(Inode inode)
    {
        var size = inode.Type switch
        {
            FileType.Directory => 4096,
            _ => ViewSize(inode),
        };
        var modified = _unflushed.TryGetValue(inode, out var writes) ? Math.Max(inode.ModificationTimeNs, writes.LastWriteNs) : inode.ModificationTimeNs;
        var blocks = inode.Type switch
        {
            FileType.Directory => 8,
            FileType.RegularFile => (ChunkStore.AllocatedBytes(inode.Content) + 511) / 512,
            _ => 0,
        };
        return new FileStatus
        {
            InodeNumber = inode.Number,
            Type = inode.Type,
            Mode = inode.Mode,
            Uid = inode.Uid,
            Gid = inode.Gid,
            Size = size,
            LinkCount = inode.Removed ? 0 : inode.IsDirectory ? 2 + inode.DirectoryAsIs.SubdirectoryCount : 1,
            AccessTime = Timespec.FromNanoseconds(inode.AccessTimeNs),
            ModificationTime = Timespec.FromNanoseconds(modified),
            ChangeTime = Timespec.FromNanoseconds(Math.Max(inode.ChangeTimeNs, modified)),
            BirthTime = Timespec.FromNanoseconds(inode.BirthTimeNs),
            Blocks = blocks,
        };
    }

    /// <summary>The mode and group of a new entry: the mode after the umask; the group of a set-group-id parent (which new directories inherit) or the caller's.</summary>
    private (UnixFileMode Mode, uint Gid) NewEntryAttributes(Inode parent, UnixFileMode requested, bool directory)
    {
        var mode = requested & PermissionBits & ~_umask;
        if ((parent.Mode & UnixFileMode.SetGroup) == 0)
        {
            return (mode, User.Gid);
        }

        return (directory ? mode | UnixFileMode.SetGroup : mode, parent.Gid);
    }

    /// <summary>Applies this mount's unflushed writes of <paramref name="inode"/> to the file system (close, fsync, truncate).</summary>
    private void Flush(Inode inode)
    {
        if (_unflushed.TryGetValue(inode, out var writes))
        {
            _router.BeforeFlush(inode, "write");
            _unflushed.Remove(inode);
            writes.FlushTo(_ns, inode);
            _ns.DataChanged(_changes, inode);
        }
    }

    private void ReleaseOpen(Inode inode)
    {
        inode.OpenCount--;
        if (inode.OpenCount == 0 && inode.Removed)
        {
            _ns.FreeData(inode);
            _router.ForgetRemoved(inode);
        }
    }

    private void CheckCreate(Inode parent, string operation, string path, string? otherPath = null)
    {
        if (!Permissions.Allows(parent, User, AccessMode.Write | AccessMode.Execute))
        {
            throw Fail(Errno.EACCES, operation, path, otherPath);
        }
    }

    /// <summary>Linux may_delete(): write and search on the directory, the sticky rule, then the type of the victim.</summary>
    private void CheckDelete(Inode parent, Inode victim, bool expectDirectory, string operation, string path, string? otherPath = null)
    {
        if (!Permissions.Allows(parent, User, AccessMode.Write | AccessMode.Execute))
        {
            throw Fail(Errno.EACCES, operation, path, otherPath);
        }

        if (Permissions.StickyForbids(parent, victim, User))
        {
            throw Fail(Errno.EPERM, operation, path, otherPath);
        }

        if (expectDirectory && !victim.IsDirectory)
        {
            throw Fail(Errno.ENOTDIR, operation, path, otherPath);
        }

        if (!expectDirectory && victim.IsDirectory)
        {
            throw Fail(Errno.EISDIR, operation, path, otherPath);
        }

        if (ReferenceEquals(victim, Root) || victim.Parent is null)
        {
            throw Fail(Errno.EBUSY, operation, path, otherPath);
        }
    }
}
