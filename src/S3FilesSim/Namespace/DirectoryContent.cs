namespace S3FilesSim.Namespace;

/// <summary>The children of a directory: a name index plus the head and tail of the insertion-ordered sibling list.</summary>
internal sealed class DirectoryContent
{
    private readonly Dictionary<string, Inode> _children = new(StringComparer.Ordinal);
    private Inode? _first;
    private Inode? _last;

    /// <summary>Creates the content of a directory.</summary>
    /// <param name="listed">Whether its entries are all known: <see langword="true"/> for a directory created on the file
    /// system, <see langword="false"/> for one found in the bucket until its first access lists it.</param>
    public DirectoryContent(bool listed)
    {
        Listed = listed;
        ReadByClient = listed;
    }

    /// <summary>Gets or sets a value indicating whether a client has read the directory (readdir) since it was found in the
    /// bucket; always <see langword="true"/> for a directory created on the file system. The first read is timed as the
    /// directory's first access (<c>FirstDirectoryAccess</c>), whichever operation listed it.</summary>
    public bool ReadByClient { get; set; }

    /// <summary>Gets or sets a value indicating whether the directory's entries are known (it was created on the file
    /// system, or listed from the bucket on its first access).</summary>
    public bool Listed { get; set; }

    /// <summary>Gets the number of entries.</summary>
    public int Count => _children.Count;

    /// <summary>Gets the number of subdirectories (for the directory's link count).</summary>
    public int SubdirectoryCount { get; private set; }

    /// <summary>Gets the first entry in insertion order.</summary>
    public Inode? First => _first;

    /// <summary>Looks up <paramref name="name"/>.</summary>
    public Inode? Find(string name) => _children.GetValueOrDefault(name);

    /// <summary>Returns the child named <paramref name="name"/> without allocating a string, or <see langword="null"/>.</summary>
    /// <param name="name">The entry name.</param>
    /// <returns>The child.</returns>
    public Inode? Find(ReadOnlySpan<char> name) =>
        _children.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(name, out var child) ? child : null;

    /// <summary>Adds <paramref name="child"/> under <paramref name="name"/> at the end of the order.</summary>
    public void Add(Inode directory, string name, Inode child)
    {
        _children.Add(name, child);
        child.Parent = directory;
        child.Name = name;
        child.PreviousSibling = _last;
        child.NextSibling = null;
        if (_last is null)
        {
            _first = child;
        }
        else
        {
            _last.NextSibling = child;
        }

        _last = child;
        if (child.IsDirectory)
        {
            SubdirectoryCount++;
        }
    }

    /// <summary>Removes <paramref name="child"/>.</summary>
    public void Remove(Inode child)
    {
        _children.Remove(child.Name);
        if (child.PreviousSibling is null)
        {
            _first = child.NextSibling;
        }
        else
        {
            child.PreviousSibling.NextSibling = child.NextSibling;
        }

        if (child.NextSibling is null)
        {
            _last = child.PreviousSibling;
        }
        else
        {
            child.NextSibling.PreviousSibling = child.PreviousSibling;
        }

        child.PreviousSibling = null;
        child.NextSibling = null;
        child.Parent = null;
        if (child.IsDirectory)
        {
            SubdirectoryCount--;
        }
    }
}
