namespace S3FilesSim.Namespace;

/// <summary>
/// The lost+found directory of one file system, <c>/.s3files-lost+found-&lt;fs-id&gt;</c>, and the files in it: where
/// each came from and which bucket key won over it
/// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-synchronization.html). Guarded by the file system's lock.
/// </summary>
/// <remarks>The conflict resolver creates the directory and moves files in; the namespace forgets a file deleted from
/// it; the facade refuses renames into or out of it (<see cref="FileSystem.Errno.EPERM"/>); the export queue never exports it.</remarks>
/// <param name="fileSystemId">The file system id, the suffix of the directory name.</param>
internal sealed class LostAndFound(string fileSystemId)
{
    private readonly Dictionary<Inode, LostFile> _lost = [];

    /// <summary>Gets the name of the lost+found directory at the file system root.</summary>
    public string DirectoryName { get; } = ".s3files-lost+found-" + fileSystemId;

    /// <summary>Gets or sets the lost+found directory, or <see langword="null"/> before the first conflict.</summary>
    public Inode? Directory { get; set; }

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

    /// <summary>Returns whether a rename of <paramref name="source"/> into <paramref name="newParent"/> (over <paramref name="target"/>) touches lost+found, which S3 Files refuses with <see cref="FileSystem.Errno.EPERM"/>.</summary>
    public bool ForbidsRename(Inode source, Inode newParent, Inode? target) =>
        Directory is not null
        && (ReferenceEquals(source, Directory) || ReferenceEquals(target, Directory) || ReferenceEquals(newParent, Directory)
            || IsInside(source) || IsInside(newParent));

    /// <summary>Returns whether removing <paramref name="inode"/> is refused with <see cref="FileSystem.Errno.EPERM"/>: it is the lost+found directory.</summary>
    public bool ForbidsRemoval(Inode inode) => Directory is not null && ReferenceEquals(inode, Directory);

    /// <summary>Returns the status attribute of a file in lost+found, or <see langword="null"/> when <paramref name="inode"/> is not one.</summary>
    public string? StatusOf(Inode inode, string bucketName) =>
        _lost.TryGetValue(inode, out var lost)
            ? $"S3Key: {(lost.Key is null ? string.Empty : $"s3://{bucketName}/{lost.Key}")}\nFilePath: {lost.OriginalPath}\n"
            : null;

    /// <summary>Records that <paramref name="inode"/> was moved in from <paramref name="originalPath"/>, losing to the bucket object at <paramref name="key"/> (<see langword="null"/> when the object was deleted).</summary>
    public void Add(Inode inode, string originalPath, string? key) => _lost.Add(inode, new LostFile(originalPath, key));

    /// <summary>Forgets <paramref name="inode"/> when it was a lost+found file (it was deleted).</summary>
    public void Forget(Inode inode) => _lost.Remove(inode);

    private sealed record LostFile(string OriginalPath, string? Key);
}
