using S3FilesSim.Export;
using S3FilesSim.FileSystem;
using S3FilesSim.Namespace;
using S3FilesSim.ObjectStorage;
using S3FilesSim.Time;

namespace S3FilesSim.Conflicts;

/// <summary>
/// "The bucket wins": moves the file-system side of a conflict into <c>/.s3files-lost+found-&lt;fs-id&gt;</c> and puts
/// the bucket's latest version at the original path
/// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-synchronization.html).
/// </summary>
/// <remarks>The <c>*Locked</c> members run with the file system's lock held and the export engine's observer muted.</remarks>
internal sealed class ConflictResolver
{
    private const int MaxKeptNameLength = 100;
    private const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private readonly FileSystemNamespace _ns;
    private readonly IObjectStore _store;
    private readonly DeterministicRandom _random;
    private readonly Dictionary<Inode, LostFile> _lost = [];

    /// <summary>Creates the resolver of one file system.</summary>
    public ConflictResolver(FileSystemNamespace ns, IObjectStore store, DeterministicRandom random, string fileSystemId)
    {
        _ns = ns;
        _store = store;
        _random = random;
        DirectoryName = ".s3files-lost+found-" + fileSystemId;
    }

    /// <summary>Gets or sets the read router, which copies the base bytes of a file that is not resident to the hot tier before it moves to lost+found.</summary>
    public ReadPath.ReadRouter? Router { get; set; }

    /// <summary>Gets the name of the lost+found directory at the file system root.</summary>
    public string DirectoryName { get; }

    /// <summary>Gets the lost+found directory, or <see langword="null"/> before the first conflict.</summary>
    public Inode? Directory { get; private set; }

    /// <summary>Gets the number of files in lost+found (the <c>LostAndFoundFiles</c> metric).</summary>
    public int Count => _lost.Count;

    /// <summary>Returns whether <paramref name="inode"/> lies inside lost+found (never exported).</summary>
    public bool IsInside(Inode inode)
    {
        if (Directory is null)
        {
            return false;
        }

        for (var node = inode.Parent; node is not null; node = node.Parent)
        {
            if (ReferenceEquals(node, Directory))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Returns whether <paramref name="path"/> (absolute) lies inside lost+found.</summary>
    public bool IsLostAndFoundPath(string path) =>
        Directory is not null && path.Length > DirectoryName.Length + 2 && path[0] == '/'
        && path.AsSpan(1).StartsWith(DirectoryName, StringComparison.Ordinal) && path[DirectoryName.Length + 1] == '/';

    /// <summary>Returns whether a rename of <paramref name="source"/> into <paramref name="newParent"/> (over <paramref name="target"/>) touches lost+found, which S3 Files refuses with <see cref="Errno.EPERM"/>.</summary>
    public bool ForbidsRename(Inode source, Inode newParent, Inode? target) =>
        Directory is not null
        && (ReferenceEquals(source, Directory) || ReferenceEquals(target, Directory) || ReferenceEquals(newParent, Directory)
            || IsInside(source) || IsInside(newParent));

    /// <summary>Returns whether removing <paramref name="inode"/> is refused with <see cref="Errno.EPERM"/>: it is the lost+found directory.</summary>
    public bool ForbidsRemoval(Inode inode) => Directory is not null && ReferenceEquals(inode, Directory);

    /// <summary>Returns the status attribute of a file in lost+found, or <see langword="null"/> when <paramref name="inode"/> is not one.</summary>
    public string? StatusOf(Inode inode, string bucketName) =>
        _lost.TryGetValue(inode, out var lost)
            ? $"S3Key: {(lost.Key is null ? string.Empty : $"s3://{bucketName}/{lost.Key}")}\nFilePath: {lost.OriginalPath}\n"
            : null;

    /// <summary>Forgets a lost+found file that was deleted.</summary>
    public void OnRemovedLocked(Inode inode) => _lost.Remove(inode);

    /// <summary>Reads the latest version of <paramref name="key"/>: its metadata and bytes, or <see langword="null"/> when it is absent or deleted.</summary>
    /// <exception cref="ObjectStoreException">The store failed (an archived object: <c>InvalidObjectState</c>).</exception>
    public async ValueTask<BucketVersion?> FetchLatestAsync(string key, CancellationToken cancellationToken)
    {
        using var result = await _store.GetObjectAsync(new GetObjectRequest { Key = key }, cancellationToken).ConfigureAwait(false);
        if (result.Status != ObjectReadStatus.Found)
        {
            return null;
        }

        return new BucketVersion(key, result.Object!, await result.ReadAllBytesAsync(cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Moves <paramref name="inode"/> to lost+found as <c>&lt;10 hex&gt;_&lt;name&gt;</c>, keeping its owner and mode, and records where it came from.</summary>
    /// <param name="inode">The losing file.</param>
    /// <param name="originalPath">Its path before the conflict.</param>
    /// <param name="key">The key of the bucket object that won, or <see langword="null"/> when the object was deleted.</param>
    /// <exception cref="ObjectStoreException">The file's bytes could not be read from its base version; nothing changed.</exception>
    public void MoveToLostAndFoundLocked(Inode inode, string originalPath, string? key)
    {
        // The losing file keeps its bytes: once in lost+found it is linked to no object version any more. A failed read
        // throws before anything moved, so the export or event that found the conflict is retried.
        Router?.MakeResidentOrThrowStoreError(inode);
        var directory = EnsureDirectoryLocked();
        var name = inode.Name.Length > MaxKeptNameLength ? inode.Name[..MaxKeptNameLength] : inode.Name;
        string lostName;
        do
        {
            lostName = _random.NextHex(10) + "_" + name;
        }
        while (directory.Directory.Find(lostName) is not null);

        _ns.Move(inode, directory, lostName, victim: null, FileSystemChangeSource.Import);
        inode.VersionId = null;
        inode.ETag = null;
        inode.DirtySinceTicks = 0;
        _lost.Add(inode, new LostFile(originalPath, key));
    }

    /// <summary>Creates the entry <paramref name="name"/> in <paramref name="parent"/> from a bucket version (bytes and POSIX metadata), in sync with it.</summary>
    public Inode ImportLocked(Inode parent, string name, BucketVersion version)
    {
        var metadata = version.Head.Metadata;
        var (type, mode) = PosixObjectMetadata.ParsePermissions(metadata);
        var uid = PosixObjectMetadata.ParseId(metadata, PosixObjectMetadata.Owner);
        var gid = PosixObjectMetadata.ParseId(metadata, PosixObjectMetadata.Group);
        var linkTarget = type == FileType.SymbolicLink ? System.Text.Encoding.UTF8.GetString(version.Body) : null;
        var inode = _ns.Create(parent, name, type, mode, uid, gid, linkTarget, FileSystemChangeSource.Import);
        if (type == FileType.RegularFile)
        {
            _ns.WriteData(inode, 0, version.Body);
        }

        var lastModifiedNs = Timespec.FromDateTimeOffset(version.Head.LastModified).TotalNanoseconds;
        inode.ModificationTimeNs = PosixObjectMetadata.ParseTime(metadata, PosixObjectMetadata.ModificationTime, lastModifiedNs);
        inode.BirthTimeNs = PosixObjectMetadata.ParseTime(metadata, PosixObjectMetadata.BirthTime, lastModifiedNs);
        inode.VersionId = version.Head.VersionId.Value;
        inode.ETag = version.Head.ETag.Value;
        inode.DirtySinceTicks = 0;
        return inode;
    }

    /// <summary>Finds the directory at <paramref name="path"/> (absolute, from the file system root) without following links or listing the bucket: <see langword="null"/> when a directory on the way was never accessed.</summary>
    public Inode? FindDirectoryLocked(string path)
    {
        var node = _ns.Root;
        foreach (var name in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            node = node.IsDirectory && node.DirectoryAsIs.Loader is null ? node.DirectoryAsIs.Find(name) : null;
            if (node is null)
            {
                return null;
            }
        }

        return node.IsDirectory ? node : null;
    }

    private Inode EnsureDirectoryLocked()
    {
        if (Directory is { Removed: false } existing)
        {
            return existing;
        }

        Directory = _ns.Root.Directory.Find(DirectoryName) ?? _ns.Create(_ns.Root, DirectoryName, FileType.Directory, DirectoryMode, 0, 0, source: FileSystemChangeSource.Import);
        Directory.DirtySinceTicks = 0;
        return Directory;
    }

    private sealed record LostFile(string OriginalPath, string? Key);
}
