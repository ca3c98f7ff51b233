using S3FilesSim.FileSystem;

namespace S3FilesSim.Fuse;

/// <summary>
/// The kernel's view of the namespace: every node id the kernel holds (with its lookup count, released by FORGET), the
/// name and parent it was last seen under, and the files open on it. Paths for the path-based <see cref="IFileSystem"/>
/// are rebuilt from the parent chain, so a rename moves a whole subtree at once.
/// </summary>
/// <remarks>Node ids are the simulator's inode numbers (unique in a file system and never reused), except the mount
/// root, which is FUSE_ROOT_ID (1) whatever its number. Thread-safe.</remarks>
internal sealed class NodeTable
{
    /// <summary>FUSE_ROOT_ID: the node id of the mount root.</summary>
    public const ulong RootId = 1;

    /// <summary>Deeper parent chains are taken as a stale table (a cycle left by renames elsewhere) and fail.</summary>
    private const int MaxDepth = 4096;

    private readonly Lock _gate = new();
    private readonly Dictionary<ulong, Node> _nodes = [];
    private readonly ulong _rootInode;

    /// <summary>Creates the table for a mount whose root has the simulator inode number <paramref name="rootInode"/>.</summary>
    public NodeTable(ulong rootInode)
    {
        _rootInode = rootInode;
        _nodes.Add(RootId, new Node(FileType.Directory) { Lookups = 1 });
    }

    /// <summary>Gets the number of nodes the kernel holds, the root included.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _nodes.Count;
            }
        }
    }

    /// <summary>Returns the node id of a simulator inode number.</summary>
    public ulong ToNodeId(ulong inodeNumber) => inodeNumber == _rootInode ? RootId : inodeNumber == RootId ? _rootInode : inodeNumber;

    /// <summary>Returns the simulator inode number of a node id (the inverse of <see cref="ToNodeId"/>).</summary>
    public ulong ToInodeNumber(ulong nodeId) => ToNodeId(nodeId);

    /// <summary>Returns the mount path of <paramref name="nodeId"/>, or <see langword="null"/> when the node is unknown or was unlinked.</summary>
    public string? PathOf(ulong nodeId)
    {
        lock (_gate)
        {
            return PathLocked(nodeId, null);
        }
    }

    /// <summary>Returns the mount path of the entry <paramref name="name"/> in directory <paramref name="parent"/>, or <see langword="null"/> when the directory is unknown.</summary>
    public string? ChildPath(ulong parent, string name)
    {
        lock (_gate)
        {
            return PathLocked(parent, name);
        }
    }

    /// <summary>Returns the type the node had when last seen.</summary>
    public FileType? TypeOf(ulong nodeId)
    {
        lock (_gate)
        {
            return _nodes.TryGetValue(nodeId, out var node) ? node.Type : null;
        }
    }

    /// <summary>Returns the parent directory of <paramref name="nodeId"/> (the root for the root or an unknown node).</summary>
    public ulong ParentOf(ulong nodeId)
    {
        lock (_gate)
        {
            return _nodes.TryGetValue(nodeId, out var node) && node.Parent != 0 ? node.Parent : RootId;
        }
    }

    /// <summary>Counts one lookup of <paramref name="nodeId"/>, found as <paramref name="name"/> in <paramref name="parent"/> (an entry reply to the kernel).</summary>
    public void Remember(ulong nodeId, ulong parent, string name, FileType type)
    {
        lock (_gate)
        {
            if (!_nodes.TryGetValue(nodeId, out var node))
            {
                node = new Node(type);
                _nodes.Add(nodeId, node);
            }

            node.Lookups++;
            if (nodeId != RootId && name is not ("." or ".."))
            {
                node.Parent = parent;
                node.Name = name;
                node.Type = type;
            }
        }
    }

    /// <summary>Records that <paramref name="nodeId"/> now lives as <paramref name="name"/> in <paramref name="parent"/> (after a rename through this mount), when the kernel holds it.</summary>
    public void Moved(ulong nodeId, ulong parent, string name)
    {
        lock (_gate)
        {
            if (nodeId != RootId && _nodes.TryGetValue(nodeId, out var node))
            {
                node.Parent = parent;
                node.Name = name;
            }
        }
    }

    /// <summary>FORGET: the kernel dropped <paramref name="count"/> lookups; the node goes when none is left.</summary>
    public void Forget(ulong nodeId, ulong count)
    {
        lock (_gate)
        {
            if (nodeId == RootId || !_nodes.TryGetValue(nodeId, out var node))
            {
                return;
            }

            node.Lookups -= (long)Math.Min(count, long.MaxValue);
            if (node.Lookups <= 0)
            {
                _nodes.Remove(nodeId);
            }
        }
    }

    /// <summary>Records a file opened on the node, for attribute requests on it once its name is gone.</summary>
    public void Opened(ulong nodeId, OpenFile file)
    {
        lock (_gate)
        {
            if (_nodes.TryGetValue(nodeId, out var node))
            {
                (node.OpenFiles ??= []).Add(file);
            }
        }
    }

    /// <summary>Forgets a file closed on the node.</summary>
    public void Closed(ulong nodeId, OpenFile file)
    {
        lock (_gate)
        {
            if (_nodes.TryGetValue(nodeId, out var node) && node.OpenFiles is { } files)
            {
                files.Remove(file);
            }
        }
    }

    /// <summary>Returns whether <paramref name="mount"/> (one caller identity) has the node open for writing.</summary>
    public bool HasWritableFile(ulong nodeId, IFileSystem mount)
    {
        lock (_gate)
        {
            return _nodes.TryGetValue(nodeId, out var node) && node.OpenFiles is { } files && files.Exists(file => file.Writable && ReferenceEquals(file.Mount, mount));
        }
    }

    /// <summary>Returns a file open on the node, or <see langword="null"/>.</summary>
    public OpenFile? AnyOpenFile(ulong nodeId)
    {
        lock (_gate)
        {
            return _nodes.TryGetValue(nodeId, out var node) && node.OpenFiles is [var first, ..] ? first : null;
        }
    }

    private string? PathLocked(ulong nodeId, string? child)
    {
        if (nodeId == RootId)
        {
            return child is null ? "/" : "/" + child;
        }

        var names = new List<string>(8);
        if (child is not null)
        {
            names.Add(child);
        }

        var current = nodeId;
        while (current != RootId)
        {
            if (names.Count > MaxDepth || !_nodes.TryGetValue(current, out var node) || node.Name is null)
            {
                return null;
            }

            names.Add(node.Name);
            current = node.Parent;
        }

        names.Reverse();
        return "/" + string.Join('/', names);
    }

    private sealed class Node(FileType type)
    {
        public FileType Type { get; set; } = type;

        public ulong Parent { get; set; }

        public string? Name { get; set; }

        public long Lookups { get; set; }

        public List<OpenFile>? OpenFiles { get; set; }
    }
}
