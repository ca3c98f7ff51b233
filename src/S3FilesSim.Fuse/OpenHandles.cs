using System.Collections.Concurrent;
using S3FilesSim.FileSystem;

namespace S3FilesSim.Fuse;

/// <summary>A file opened through the mount: the simulator mount (NFS client) of the identity that opened it and its handle.</summary>
/// <param name="Mount">The simulator mount of the opener; every call on the file goes through it, whoever makes it.</param>
/// <param name="Handle">The simulator handle.</param>
/// <param name="NodeId">The node the file was opened on.</param>
/// <param name="Writable">Whether the file was opened for writing (FLUSH then pushes its writes to the file system, as nfs_file_flush does).</param>
internal sealed record OpenFile(IFileSystem Mount, FileHandle Handle, ulong NodeId, bool Writable);

/// <summary>A directory opened through the mount, with the listing READDIR serves from (taken at offset 0).</summary>
internal sealed class OpenDirectory(IFileSystem mount, FileHandle handle, ulong nodeId)
{
    public IFileSystem Mount { get; } = mount;

    public FileHandle Handle { get; } = handle;

    public ulong NodeId { get; } = nodeId;

    /// <summary>Gets or sets the listing, <c>.</c> and <c>..</c> first; <see langword="null"/> until the first READDIR.</summary>
    public DirectoryEntry[]? Entries { get; set; }
}

/// <summary>The <c>fh</c> values handed to the kernel: open files and directories by number.</summary>
internal sealed class OpenHandles
{
    private readonly ConcurrentDictionary<ulong, object> _open = new();
    private long _last;

    /// <summary>Gets the number of open files and directories.</summary>
    public int Count => _open.Count;

    /// <summary>Registers an open file or directory and returns its <c>fh</c>.</summary>
    public ulong Add(object open)
    {
        var fh = (ulong)Interlocked.Increment(ref _last);
        _open[fh] = open;
        return fh;
    }

    /// <summary>Returns the open file with <paramref name="fh"/>, or <see langword="null"/>.</summary>
    public OpenFile? File(ulong fh) => _open.TryGetValue(fh, out var open) ? open as OpenFile : null;

    /// <summary>Returns the open directory with <paramref name="fh"/>, or <see langword="null"/>.</summary>
    public OpenDirectory? Directory(ulong fh) => _open.TryGetValue(fh, out var open) ? open as OpenDirectory : null;

    /// <summary>Removes <paramref name="fh"/> and returns what it referred to.</summary>
    public object? Remove(ulong fh) => _open.TryRemove(fh, out var open) ? open : null;

    /// <summary>Removes and returns everything still open (at unmount).</summary>
    public IReadOnlyList<object> RemoveAll()
    {
        var all = new List<object>();
        foreach (var fh in _open.Keys)
        {
            if (_open.TryRemove(fh, out var open))
            {
                all.Add(open);
            }
        }

        return all;
    }
}
