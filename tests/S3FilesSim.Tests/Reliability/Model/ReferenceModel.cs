using S3FilesSim.FileSystem;

namespace S3FilesSim.Tests.Reliability.Model;

/// <summary>What the model knows about one file-system entry.</summary>
internal sealed record ModelEntry(FileType Type, int Mode, byte[] Data, string Target = "")
{
    public static ModelEntry File(int mode) => new(FileType.RegularFile, mode, []);

    public static ModelEntry Directory(int mode) => new(FileType.Directory, mode, []);

    public static ModelEntry Symlink(string target) => new(FileType.SymbolicLink, 0x1FF, [], target);
}

/// <summary>
/// The reference model of the file-system view: a dictionary from absolute path to entry (the root is implicit), and the
/// errno the Linux VFS gives for each operation (the checks in the order rename(2), open(2) and friends document).
/// Every symbolic link the generator makes dangles (its target is below <c>/zz</c>, which never exists), so following
/// one always ends in <see cref="Errno.ENOENT"/>.
/// </summary>
internal sealed class ReferenceModel
{
    private readonly Dictionary<string, ModelEntry> _entries = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, ModelEntry> Entries => _entries;

    public ModelEntry? Get(string path) => _entries.GetValueOrDefault(path);

    public void Replace(IEnumerable<KeyValuePair<string, ModelEntry>> entries)
    {
        _entries.Clear();
        foreach (var (path, entry) in entries)
        {
            _entries[path] = entry;
        }
    }

    public IEnumerable<string> Children(string directory) =>
        _entries.Keys.Where(p => ModelPaths.Parent(p) == directory);

    /// <summary>Applies <paramref name="op"/> and returns the errno it must fail with, or null when it succeeds.</summary>
    public Errno? Apply(FsOp op) => op switch
    {
        Create create => Create(create.Path, create.Mode, create.Exclusive),
        Write write => Write(write.Path, write.Offset, System.Text.Encoding.UTF8.GetBytes(write.Data)),
        Truncate truncate => Truncate(truncate.Path, truncate.Length),
        Rename rename => Rename(rename.From, rename.To),
        Unlink unlink => Unlink(unlink.Path),
        Mkdir mkdir => Add(mkdir.Path, ModelEntry.Directory(mkdir.Mode)),
        Rmdir rmdir => Rmdir(rmdir.Path),
        Chmod chmod => Chmod(chmod.Path, chmod.Mode),
        Symlink symlink => Add(symlink.Path, ModelEntry.Symlink(symlink.Target)),
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, "Not a file-system operation."),
    };

    /// <summary>The path walk to the parent: a missing component or a dangling link is ENOENT, a file ENOTDIR.</summary>
    private Errno? WalkParent(string path)
    {
        foreach (var ancestor in ModelPaths.Ancestors(path))
        {
            switch (Get(ancestor)?.Type)
            {
                case FileType.Directory:
                    continue;
                case FileType.RegularFile:
                    return Errno.ENOTDIR;
                default:
                    return Errno.ENOENT;
            }
        }

        return null;
    }

    /// <summary>Resolves a path that open/truncate/chmod follow: the file or directory, or the errno.</summary>
    private (ModelEntry? Entry, Errno? Error) Follow(string path)
    {
        if (WalkParent(path) is { } error)
        {
            return (null, error);
        }

        var entry = Get(path);
        return entry is null || entry.Type == FileType.SymbolicLink ? (null, Errno.ENOENT) : (entry, null);
    }

    private Errno? Create(string path, int mode, bool exclusive)
    {
        if (WalkParent(path) is { } error)
        {
            return error;
        }

        switch (Get(path))
        {
            case null:
                _entries[path] = ModelEntry.File(mode);
                return null;
            case not null when exclusive:
                return Errno.EEXIST;
            case { Type: FileType.Directory }:
                return Errno.EISDIR;
            case { Type: FileType.SymbolicLink }:
                return Errno.ENOENT;
            default:
                return null;
        }
    }

    private Errno? Write(string path, int offset, byte[] data)
    {
        var (entry, error) = Follow(path);
        if (entry is null)
        {
            return error;
        }

        if (entry.Type == FileType.Directory)
        {
            return Errno.EISDIR;
        }

        var bytes = new byte[Math.Max(entry.Data.Length, offset + data.Length)];
        entry.Data.CopyTo(bytes, 0);
        data.CopyTo(bytes, offset);
        _entries[path] = entry with { Data = bytes };
        return null;
    }

    private Errno? Truncate(string path, int length)
    {
        var (entry, error) = Follow(path);
        if (entry is null)
        {
            return error;
        }

        if (entry.Type == FileType.Directory)
        {
            return Errno.EISDIR;
        }

        var bytes = new byte[length];
        entry.Data.AsSpan(0, Math.Min(length, entry.Data.Length)).CopyTo(bytes);
        _entries[path] = entry with { Data = bytes };
        return null;
    }

    private Errno? Chmod(string path, int mode)
    {
        var (entry, error) = Follow(path);
        if (entry is null)
        {
            return error;
        }

        _entries[path] = entry with { Mode = mode };
        return null;
    }

    private Errno? Add(string path, ModelEntry entry)
    {
        if (WalkParent(path) is { } error)
        {
            return error;
        }

        if (_entries.ContainsKey(path))
        {
            return Errno.EEXIST;
        }

        _entries[path] = entry;
        return null;
    }

    private Errno? Unlink(string path)
    {
        if (WalkParent(path) is { } error)
        {
            return error;
        }

        switch (Get(path)?.Type)
        {
            case null:
                return Errno.ENOENT;
            case FileType.Directory:
                return Errno.EISDIR;
            default:
                _entries.Remove(path);
                return null;
        }
    }

    private Errno? Rmdir(string path)
    {
        if (WalkParent(path) is { } error)
        {
            return error;
        }

        switch (Get(path)?.Type)
        {
            case null:
                return Errno.ENOENT;
            case not FileType.Directory:
                return Errno.ENOTDIR;
            default:
                if (Children(path).Any())
                {
                    return Errno.ENOTEMPTY;
                }

                _entries.Remove(path);
                return null;
        }
    }

    // rename(2) in the order Linux checks: both parents, the source, source an ancestor of the target (EINVAL), target
    // an ancestor of the source (ENOTEMPTY), the same entry (nothing), type mismatch (ENOTDIR/EISDIR), non-empty target.
    private Errno? Rename(string from, string to)
    {
        if (WalkParent(from) is { } fromError)
        {
            return fromError;
        }

        if (WalkParent(to) is { } toError)
        {
            return toError;
        }

        var source = Get(from);
        if (source is null)
        {
            return Errno.ENOENT;
        }

        if (ModelPaths.IsUnder(to, from))
        {
            return Errno.EINVAL;
        }

        if (ModelPaths.IsUnder(from, to))
        {
            return Errno.ENOTEMPTY;
        }

        if (from == to)
        {
            return null;
        }

        var target = Get(to);
        if (target is not null)
        {
            var sourceIsDirectory = source.Type == FileType.Directory;
            var targetIsDirectory = target.Type == FileType.Directory;
            if (sourceIsDirectory && !targetIsDirectory)
            {
                return Errno.ENOTDIR;
            }

            if (!sourceIsDirectory && targetIsDirectory)
            {
                return Errno.EISDIR;
            }

            if (targetIsDirectory && Children(to).Any())
            {
                return Errno.ENOTEMPTY;
            }
        }

        var moved = _entries.Where(e => e.Key == from || ModelPaths.IsUnder(e.Key, from)).ToList();
        _entries.Remove(to);
        foreach (var (path, entry) in moved)
        {
            _entries.Remove(path);
        }

        foreach (var (path, entry) in moved)
        {
            _entries[to + path[from.Length..]] = entry;
        }

        return null;
    }
}

/// <summary>Path helpers of the model (absolute paths, <c>/</c> separated, no trailing slash).</summary>
internal static class ModelPaths
{
    public static string Parent(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash <= 0 ? "/" : path[..slash];
    }

    public static string Name(string path) => path[(path.LastIndexOf('/') + 1)..];

    public static string Child(string directory, string name) => directory == "/" ? "/" + name : directory + "/" + name;

    /// <summary>True when <paramref name="path"/> is strictly below <paramref name="ancestor"/>.</summary>
    public static bool IsUnder(string path, string ancestor) =>
        ancestor == "/" ? path != "/" : path.Length > ancestor.Length && path.StartsWith(ancestor, StringComparison.Ordinal) && path[ancestor.Length] == '/';

    /// <summary>The proper ancestors of <paramref name="path"/> below the root, outermost first.</summary>
    public static IEnumerable<string> Ancestors(string path)
    {
        for (var slash = path.IndexOf('/', 1); slash > 0; slash = path.IndexOf('/', slash + 1))
        {
            yield return path[..slash];
        }
    }
}
