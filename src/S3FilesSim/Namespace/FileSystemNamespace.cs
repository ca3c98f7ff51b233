using System.Text;
using S3FilesSim.FileSystem;
using S3FilesSim.HotTier;

namespace S3FilesSim.Namespace;

/// <summary>
/// The server-side tree of one file system: inodes, directories, times, the hot-tier accounting and the change
/// notifications. Shared by all mounts; every member is called with <see cref="Gate"/> held.
/// </summary>
/// <remarks>Each change is reported to the <see cref="INamespaceObserver"/> its caller passes (a client change to the
/// export queue, a change the sync engine applies to <see cref="NullNamespaceObserver.Instance"/>), so the namespace
/// depends on nothing above it; and to the public <see cref="Changes"/> feed, with its source.</remarks>
internal sealed class FileSystemNamespace
{
    private readonly TimeProvider _time;
    private ulong _nextInode = 1;

    /// <summary>Creates the namespace with a root directory (root:root, 0755, as S3 Files shows a directory without
    /// metadata) that is listed from the bucket on its first access.</summary>
    /// <param name="gate">The file system's lock.</param>
    /// <param name="time">The clock.</param>
    /// <param name="storage">The hot-tier accounting.</param>
    /// <param name="keys">The mapping between the file system's paths and its bucket keys.</param>
    /// <param name="lostAndFound">The lost+found directory and its files.</param>
    public FileSystemNamespace(Lock gate, TimeProvider time, HotTierStorage storage, ObjectKeys keys, LostAndFound lostAndFound)
    {
        Gate = gate;
        _time = time;
        Storage = storage;
        Keys = keys;
        LostAndFound = lostAndFound;
        Changes = new ChangeFeed(time);
        Root = NewInode(FileType.Directory, DefaultDirectoryMode, 0, 0);
        Root.Content = new DirectoryContent(listed: false);
    }

    /// <summary>0755, the mode of the root and of directories created without explicit permissions.</summary>
    public const UnixFileMode DefaultDirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
        | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    /// <summary>Gets the lock guarding the whole tree.</summary>
    public Lock Gate { get; }

    /// <summary>Gets the root directory.</summary>
    public Inode Root { get; }

    /// <summary>Gets the hot-tier accounting.</summary>
    public HotTierStorage Storage { get; }

    /// <summary>Gets the mapping between paths and bucket keys.</summary>
    public ObjectKeys Keys { get; }

    /// <summary>Gets the scope prefix in the bucket.</summary>
    public string Prefix => Keys.Prefix;

    /// <summary>Gets the lost+found directory and its files.</summary>
    public LostAndFound LostAndFound { get; }

    /// <summary>Gets the public change notifications (<see cref="S3FilesFileSystem.SubscribeChanges"/>).</summary>
    public ChangeFeed Changes { get; }

    /// <summary>Gets the current time.</summary>
    public DateTimeOffset Now => _time.GetUtcNow();

    /// <summary>Gets the current time in nanoseconds since the Unix epoch.</summary>
    public long NowNs => Timespec.FromDateTimeOffset(_time.GetUtcNow()).TotalNanoseconds;

    /// <summary>Creates an entry named <paramref name="name"/> in <paramref name="parent"/>; <paramref name="source"/> says who, for the
    /// change feed: a client, or the import putting a bucket version at a path.</summary>
    public Inode Create(INamespaceObserver observer, Inode parent, string name, FileType type, UnixFileMode mode, uint uid, uint gid, string? linkTarget = null, FileSystemChangeSource source = FileSystemChangeSource.Client)
    {
        var inode = NewEntry(type, mode, uid, gid, linkTarget, listed: true);
        parent.Directory.Add(parent, name, inode);
        TouchDirectory(parent);
        var observed = Observed(observer) && !IsLocalOnly(inode);
        if (!IsLocalOnly(inode))
        {
            MarkDirty(inode);
        }

        if (observed || Changes.HasSubscribers)
        {
            var path = PathOf(inode);
            if (observed)
            {
                observer.OnCreated(inode, path);
            }

            Changes.Publish(FileSystemChangeKind.Created, inode, path, null, source);
        }

        return inode;
    }

    /// <summary>Adds an entry imported from the bucket: in sync (clean), without touching the parent and without notifying an
    /// observer; a directory is listed on its first access. <paramref name="announce"/> reports it on the change feed: the entry
    /// is new to the file system (a bucket event's object), not found by a first listing (it was there before the file system looked).</summary>
    public Inode AddImported(Inode parent, string name, FileType type, UnixFileMode mode, uint uid, uint gid, string? linkTarget = null, bool announce = false)
    {
        var inode = NewEntry(type, mode, uid, gid, linkTarget, listed: false);
        parent.DirectoryAsIs.Add(parent, name, inode);
        if (announce && Changes.HasSubscribers)
        {
            Changes.Publish(FileSystemChangeKind.Created, inode, PathOf(inode), null, FileSystemChangeSource.Import);
        }

        return inode;
    }

    /// <summary>Reports on the change feed that the import changed an entry's data or attributes to a new bucket version.</summary>
    public void ImportedChanged(Inode inode, FileSystemChangeKind kind)
    {
        if (Changes.HasSubscribers && !inode.Removed)
        {
            Changes.Publish(kind, inode, PathOf(inode), null, FileSystemChangeSource.Import);
        }
    }

    /// <summary>Removes an entry deleted in the bucket, without touching the parent and without notifying an observer.</summary>
    public void RemoveImported(Inode inode)
    {
        if (Changes.HasSubscribers)
        {
            Changes.Publish(FileSystemChangeKind.Deleted, inode, PathOf(inode), null, FileSystemChangeSource.Import);
        }

        Unlink(inode);
    }

    /// <summary>Removes <paramref name="inode"/> from its directory; its data is freed now, or at the last close when open.</summary>
    public void Remove(INamespaceObserver observer, Inode inode)
    {
        var observed = Observed(observer) && !IsLocalOnly(inode);
        var path = observed || Changes.HasSubscribers ? PathOf(inode) : string.Empty;
        var parent = inode.Parent!;
        Unlink(inode);
        LostAndFound.Forget(inode);
        TouchDirectory(parent);

        if (observed)
        {
            observer.OnRemoved(inode, path);
        }

        Changes.Publish(FileSystemChangeKind.Deleted, inode, path, null, FileSystemChangeSource.Client);
    }

    /// <summary>Frees the data of a removed file.</summary>
    public void FreeData(Inode inode)
    {
        if (inode.Type == FileType.RegularFile)
        {
            ChunkStore.Release(ref inode.Content, Storage);
        }
    }

    /// <summary>Moves <paramref name="inode"/> to <paramref name="newParent"/> as <paramref name="newName"/>, removing <paramref name="victim"/>
    /// first; <paramref name="source"/> says who, for the change feed: a client's rename, or a conflict moving the losing file to lost+found.</summary>
    public void Move(INamespaceObserver observer, Inode inode, Inode newParent, string newName, Inode? victim, FileSystemChangeSource source = FileSystemChangeSource.Client)
    {
        if (inode.IsDirectory)
        {
            ListSubtree(inode);
        }

        if (victim is not null)
        {
            Remove(observer, victim);
        }

        var observed = Observed(observer) && !IsLocalOnly(inode);
        var announce = observed || Changes.HasSubscribers;
        var oldPath = announce ? PathOf(inode) : string.Empty;
        var oldParent = inode.Parent!;
        oldParent.Directory.Remove(inode);
        newParent.Directory.Add(newParent, newName, inode);
        TouchDirectory(oldParent);
        TouchDirectory(newParent);
        inode.ChangeTimeNs = NowNs;
        if (!IsLocalOnly(inode))
        {
            MarkDirty(inode);
        }

        if (announce)
        {
            var newPath = PathOf(inode);
            if (observed)
            {
                observer.OnRenamed(inode, oldPath, newPath);
            }

            Changes.Publish(FileSystemChangeKind.Renamed, inode, newPath, oldPath, source);
        }
    }

    /// <summary>
    /// Checks that every directory of the subtree has had its first listing (<see cref="DirectoryNotListedException"/>
    /// otherwise, before anything changed). A listing reads the prefix of the directory's current path, so a subtree must
    /// be listed before a rename changes that path; otherwise the objects below it would stay at the old prefix, unseen
    /// by the file system and not moved by the export.
    /// </summary>
    private static void ListSubtree(Inode directory)
    {
        for (var child = directory.Directory.First; child is not null; child = child.NextSibling)
        {
            if (child.IsDirectory)
            {
                ListSubtree(child);
            }
        }
    }

    /// <summary>Records a metadata change (mode, owner, times) and notifies the observer.</summary>
    public void MetadataChanged(INamespaceObserver observer, Inode inode)
    {
        var observed = Observed(observer) && !IsLocalOnly(inode);
        if (!IsLocalOnly(inode))
        {
            MarkDirty(inode);
        }

        if ((observed || Changes.HasSubscribers) && !inode.Removed)
        {
            var path = PathOf(inode);
            if (observed)
            {
                observer.OnMetadataChanged(inode, path);
            }

            Changes.Publish(FileSystemChangeKind.MetadataChanged, inode, path, null, FileSystemChangeSource.Client);
        }
    }

    /// <summary>Records a data change that reached the file system and notifies the observer.</summary>
    public void DataChanged(INamespaceObserver observer, Inode inode)
    {
        var now = NowNs;
        inode.ModificationTimeNs = now;
        inode.ChangeTimeNs = now;
        inode.LastAccessNs = now;
        MarkDirty(inode);
        if ((Observed(observer) || Changes.HasSubscribers) && !inode.Removed)
        {
            var path = PathOf(inode);
            observer.OnDataChanged(inode, path);
            Changes.Publish(FileSystemChangeKind.DataChanged, inode, path, null, FileSystemChangeSource.Client);
        }
    }

    /// <summary>Writes <paramref name="data"/> at <paramref name="offset"/> of a file on the hot tier, extending its size.</summary>
    public void WriteData(Inode inode, long offset, ReadOnlySpan<byte> data)
    {
        ChunkStore.Write(ref inode.Content, offset, data, Storage);
        inode.Size = Math.Max(inode.Size, offset + data.Length);
    }

    /// <summary>Makes <paramref name="chunk"/> the whole data of the empty file <paramref name="inode"/> without copying it, as
    /// <see cref="WriteData"/> of the same bytes at offset 0 would store them; the caller must not use the array afterwards.</summary>
    public void AdoptData(Inode inode, byte[] chunk)
    {
        ChunkStore.Adopt(ref inode.Content, chunk, Storage);
        inode.Size = chunk.Length;
    }

    /// <summary>Makes the immutable <paramref name="content"/> (a bucket version's bytes) the whole data of the empty file
    /// <paramref name="inode"/>, shared instead of copied, accounted as <see cref="WriteData"/> of its bytes would be.</summary>
    public void ShareData(Inode inode, ObjectStorage.ObjectContent content)
    {
        ChunkStore.Share(ref inode.Content, content, Storage);
        inode.Size = content.Length;
    }

    /// <summary>Sets the length of a file on the hot tier, zero-filling growth.</summary>
    public void SetLength(Inode inode, long length)
    {
        if (length < inode.Size)
        {
            ChunkStore.Truncate(ref inode.Content, length, Storage);
        }

        inode.Size = length;
    }

    /// <summary>Gets the absolute path of <paramref name="inode"/> from the file system root.</summary>
    public string PathOf(Inode inode)
    {
        if (inode.Parent is null)
        {
            return "/";
        }

        var names = new Stack<string>();
        for (var node = inode; node.Parent is not null; node = node.Parent)
        {
            names.Push(node.Name);
        }

        return "/" + string.Join('/', names);
    }

    /// <summary>Gets the bucket key of <paramref name="inode"/>: scope prefix plus path, with a trailing <c>/</c> for directories.</summary>
    public string ObjectKeyOf(Inode inode) => Keys.Of(inode);

    private static bool Observed(INamespaceObserver observer) => observer is not NullNamespaceObserver;

    /// <summary>FIFOs and UNIX sockets live on the file system only: never dirty, never exported (docs/SEMANTICS.md, "Special files").</summary>
    private static bool IsLocalOnly(Inode inode) => inode.Type is FileType.Fifo or FileType.Socket;

    private void Unlink(Inode inode)
    {
        inode.Parent!.DirectoryAsIs.Remove(inode);
        inode.Removed = true;
        Storage.RemoveInode();
        if (inode.OpenCount == 0)
        {
            FreeData(inode);
        }
    }

    private Inode NewEntry(FileType type, UnixFileMode mode, uint uid, uint gid, string? linkTarget, bool listed)
    {
        var inode = NewInode(type, mode, uid, gid);
        if (type == FileType.Directory)
        {
            inode.Content = new DirectoryContent(listed);
        }
        else if (type == FileType.SymbolicLink)
        {
            inode.Content = linkTarget;
            inode.Size = Encoding.UTF8.GetByteCount(linkTarget!);
        }

        return inode;
    }

    private Inode NewInode(FileType type, UnixFileMode mode, uint uid, uint gid)
    {
        var inode = new Inode(_nextInode++, type, mode, uid, gid, NowNs);
        Storage.AddInode();
        return inode;
    }

    /// <summary>A child was added or removed: mtime and ctime move, but the directory stays in sync with the bucket, where
    /// only its own changes are exported (its marker).</summary>
    private void TouchDirectory(Inode directory)
    {
        var now = NowNs;
        directory.ModificationTimeNs = now;
        directory.ChangeTimeNs = now;
    }

    private void MarkDirty(Inode inode)
    {
        if (inode.DirtySinceTicks == 0)
        {
            inode.DirtySinceTicks = _time.GetUtcNow().UtcTicks;
        }
    }
}
