using S3FilesSim.Namespace;

namespace S3FilesSim.FileSystem;

/// <summary>An open file description of one mount.</summary>
internal sealed class OpenFile
{
    /// <summary>Creates the description.</summary>
    public OpenFile(Inode inode, bool readable, bool writable, bool append, int processId, long flockOwner)
    {
        Inode = inode;
        Readable = readable;
        Writable = writable;
        Append = append;
        ProcessId = processId;
        FlockOwner = flockOwner;
    }

    /// <summary>Gets the open inode.</summary>
    public Inode Inode { get; }

    /// <summary>Gets a value indicating whether the handle was opened for reading.</summary>
    public bool Readable { get; }

    /// <summary>Gets a value indicating whether the handle was opened for writing.</summary>
    public bool Writable { get; }

    /// <summary>Gets a value indicating whether every write goes to the end (<c>O_APPEND</c>).</summary>
    public bool Append { get; }

    /// <summary>Gets the process that opened the handle (the fcntl lock owner within the mount).</summary>
    public int ProcessId { get; }

    /// <summary>Gets the flock owner id of this description (negative, unique in the file system).</summary>
    public long FlockOwner { get; }

    /// <summary>Gets or sets the file position.</summary>
    public long Position { get; set; }

    /// <summary>Gets or sets a value indicating whether a flock lock was ever requested through this description.</summary>
    public bool UsedFlock { get; set; }
}
