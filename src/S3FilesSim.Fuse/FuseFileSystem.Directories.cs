using System.Buffers;
using System.Text;
using S3FilesSim.FileSystem;
using S3FilesSim.Fuse.Native;

namespace S3FilesSim.Fuse;

/// <content>Directory requests: OPENDIR, READDIR, READDIRPLUS, RELEASEDIR.</content>
internal sealed partial class FuseFileSystem
{
    public void OpenDirectory(nint request, ulong node) => Run(OpenDirectoryAsync(request, node));

    public void ReadDirectory(nint request, ulong fh, nuint size, long offset, bool plus) => Run(ReadDirectoryAsync(request, fh, (int)Math.Min(size, 1 << 20), offset, plus));

    private async ValueTask OpenDirectoryAsync(nint request, ulong node)
    {
        try
        {
            var caller = Who(request);
            var mount = MountFor(caller.User);
            var handle = await mount.OpenAsync(PathOf(node, "opendir"), OpenFlags.ReadOnly | OpenFlags.Directory, processId: caller.ProcessId).ConfigureAwait(false);
            var info = OpenReply(Handles.Add(new OpenDirectory(mount, handle, node)));
            if (SendOpen(request, info) != 0)
            {
                await CloseAsync(info.Fh).ConfigureAwait(false);
            }
        }
        catch (Exception exception)
        {
            Fail(request, exception);
        }
    }

    /// <summary>
    /// READDIR / READDIRPLUS from offset <paramref name="offset"/>: the listing is taken at offset 0 (so rewinddir(3)
    /// sees current entries) with <c>.</c> and <c>..</c> first, as the Linux NFS client adds them; each entry's offset is
    /// its index plus one. READDIRPLUS also looks every entry up (one lookup counted per entry the kernel receives).
    /// </summary>
    private async ValueTask ReadDirectoryAsync(nint request, ulong fh, int size, long offset, bool plus)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(size);
        try
        {
            var directory = Handles.Directory(fh) ?? throw BadHandle("readdir");
            if (offset == 0 || directory.Entries is null)
            {
                directory.Entries = await ListAsync(directory).ConfigureAwait(false);
            }

            var entries = directory.Entries;
            var used = 0;
            var path = plus ? Nodes.PathOf(directory.NodeId) : null;
            for (var index = (int)Math.Clamp(offset, 0, entries.Length); index < entries.Length; index++)
            {
                var entry = entries[index];
                var added = plus
                    ? await AddPlusAsync(request, directory, path, entry, buffer, used, size, index + 1).ConfigureAwait(false)
                    : Add(request, entry, buffer, used, size, index + 1);
                if (added < 0)
                {
                    break;
                }

                used += added;
            }

            SendBuffer(request, buffer, used);
        }
        catch (Exception exception)
        {
            Fail(request, exception);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async ValueTask<DirectoryEntry[]> ListAsync(OpenDirectory directory)
    {
        var self = Nodes.ToInodeNumber(directory.NodeId);
        var parent = Nodes.ToInodeNumber(Nodes.ParentOf(directory.NodeId));
        IReadOnlyList<DirectoryEntry> children;
        try
        {
            children = Nodes.PathOf(directory.NodeId) is { } path ? await directory.Mount.ReadDirectoryAsync(path).ConfigureAwait(false) : [];
        }
        catch (FileSystemException exception) when (exception.Errno is Errno.ENOENT or Errno.ENOTDIR)
        {
            // Removed while open: a removed directory reads as empty.
            children = [];
        }

        var entries = new DirectoryEntry[children.Count + 2];
        entries[0] = new DirectoryEntry(".", self, FileType.Directory);
        entries[1] = new DirectoryEntry("..", parent, FileType.Directory);
        for (var i = 0; i < children.Count; i++)
        {
            entries[i + 2] = children[i];
        }

        return entries;
    }

    /// <summary>Adds one READDIR entry; returns its size, or -1 when it does not fit.</summary>
    private static unsafe int Add(nint request, DirectoryEntry entry, byte[] buffer, int used, int size, long next)
    {
        Span<byte> name = stackalloc byte[(Encoding.UTF8.GetMaxByteCount(entry.Name.Length)) + 1];
        name[Encoding.UTF8.GetBytes(entry.Name, name)] = 0;
        Stat stat = default;
        stat.Ino = entry.InodeNumber;
        stat.Mode = FileStatus.TypeBits(entry.Type);
        fixed (byte* pointer = buffer)
        fixed (byte* namePointer = name)
        {
            var needed = (int)LibFuse.AddDirentry(request, pointer + used, (nuint)(size - used), namePointer, &stat, next);
            return needed > size - used ? -1 : needed;
        }
    }

    /// <summary>Adds one READDIRPLUS entry with its attributes; an entry gone since the listing is skipped (size 0).</summary>
    private async ValueTask<int> AddPlusAsync(nint request, OpenDirectory directory, string? path, DirectoryEntry entry, byte[] buffer, int used, int size, long next)
    {
        FuseEntryParam parameters = default;
        var dot = entry.Name is "." or "..";
        if (dot)
        {
            parameters.Attr.Ino = entry.InodeNumber;
            parameters.Attr.Mode = FileStatus.TypeBits(FileType.Directory);
        }
        else if (path is null)
        {
            return 0;
        }
        else
        {
            FileStatus status;
            try
            {
                status = await directory.Mount.LstatAsync((path == "/" ? "/" : path + "/") + entry.Name).ConfigureAwait(false);
            }
            catch (FileSystemException exception) when (exception.Errno is Errno.ENOENT or Errno.ENOTDIR)
            {
                return 0;
            }

            parameters = Entry(directory.NodeId, entry.Name, status);
        }

        var needed = AddPlus(request, entry.Name, parameters, buffer, used, size, next);
        if (needed <= size - used)
        {
            return needed;
        }

        if (!dot)
        {
            Nodes.Forget(parameters.Ino, 1);
        }

        return -1;
    }

    private static unsafe int AddPlus(nint request, string name, FuseEntryParam parameters, byte[] buffer, int used, int size, long next)
    {
        var bytes = Encoding.UTF8.GetBytes(name + "\0");
        fixed (byte* pointer = buffer)
        fixed (byte* namePointer = bytes)
        {
            return (int)LibFuse.AddDirentryPlus(request, pointer + used, (nuint)(size - used), namePointer, &parameters, next);
        }
    }
}
