using System.Text;
using S3FilesSim.FileSystem;
using S3FilesSim.Namespace;

namespace S3FilesSim.Security;

/// <summary>How a resolved path ends.</summary>
internal enum LastComponent
{
    /// <summary>An ordinary name.</summary>
    Normal,

    /// <summary><c>.</c></summary>
    Dot,

    /// <summary><c>..</c></summary>
    DotDot,

    /// <summary>No final name: the path is the mount root (<c>/</c>).</summary>
    Root,
}

/// <summary>The outcome of a path walk: the directory holding the final name, the name, and the entry if it exists.</summary>
/// <param name="Parent">The directory the final component was looked up in.</param>
/// <param name="Name">The final component.</param>
/// <param name="Target">The entry, or <see langword="null"/> when the final component does not exist.</param>
/// <param name="Kind">Whether the final component is an ordinary name, a dot entry or the root.</param>
/// <param name="TrailingSlash">The path ended with <c>/</c> (the entry must be a directory).</param>
internal readonly record struct ResolvedPath(Inode Parent, string Name, Inode? Target, LastComponent Kind, bool TrailingSlash);

/// <summary>
/// Walks absolute paths like the Linux VFS: search permission on every directory, <c>.</c> and <c>..</c> (which stays
/// at the mount root), symbolic links (absolute targets from the mount root, <see cref="Errno.ELOOP"/> after 40
/// hops), trailing slashes, and the S3 Files name and depth limits
/// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-quotas.html).
/// </summary>
internal static class PathResolver
{
    /// <summary>The longest name, in UTF-8 bytes.</summary>
    public const int MaxNameBytes = 255;

    /// <summary>The deepest path, in components.</summary>
    public const int MaxDepth = 1000;

    /// <summary>The longest path, in bytes including the terminating NUL (Linux <c>PATH_MAX</c>).</summary>
    public const int MaxPathBytes = 4096;

    /// <summary>The most symbolic links followed in one walk (Linux <c>MAXSYMLINKS</c>).</summary>
    public const int MaxSymlinkHops = 40;

    /// <summary>Resolves <paramref name="path"/> from <paramref name="mountRoot"/> as <paramref name="user"/>.</summary>
    /// <param name="mountRoot">The mount's root (the access point root).</param>
    /// <param name="user">The caller, for search permission.</param>
    /// <param name="path">The absolute path.</param>
    /// <param name="followLast">Follow a final symbolic link (always followed when the path ends with <c>/</c>).</param>
    /// <param name="result">The walk's outcome when it succeeds.</param>
    /// <returns>0 on success, else the errno.</returns>
    public static Errno Resolve(Inode mountRoot, PosixUser user, string path, bool followLast, out ResolvedPath result)
    {
        result = default;
        var error = Validate(path);
        if (error != 0)
        {
            return error;
        }

        if (TryResolveDirect(mountRoot, user, path, followLast, out result, out error))
        {
            return error;
        }

        var stack = new Stack<string>();
        if (PushComponents(stack, path) > MaxDepth)
        {
            return Errno.ENAMETOOLONG;
        }

        var trailing = path.Length > 1 && path[^1] == '/';
        var current = mountRoot;
        var hops = 0;
        while (stack.Count > 0)
        {
            var name = stack.Pop();
            var isLast = stack.Count == 0;
            if (!current.IsDirectory)
            {
                return Errno.ENOTDIR;
            }

            if (!Permissions.Allows(current, user, AccessMode.Execute))
            {
                return Errno.EACCES;
            }

            if (name == ".")
            {
                if (isLast)
                {
                    result = new ResolvedPath(current, name, current, LastComponent.Dot, trailing);
                    return 0;
                }

                continue;
            }

            if (name == "..")
            {
                var up = ReferenceEquals(current, mountRoot) ? current : current.Parent ?? current;
                if (isLast)
                {
                    result = new ResolvedPath(current, name, up, LastComponent.DotDot, trailing);
                    return 0;
                }

                current = up;
                continue;
            }

            if (Encoding.UTF8.GetByteCount(name) > MaxNameBytes)
            {
                return Errno.ENAMETOOLONG;
            }

            var child = current.Directory.Find(name);
            if (child is null)
            {
                if (!isLast)
                {
                    return Errno.ENOENT;
                }

                result = new ResolvedPath(current, name, null, LastComponent.Normal, trailing);
                return 0;
            }

            if (child.Type == FileType.SymbolicLink && (!isLast || followLast || trailing))
            {
                if (++hops > MaxSymlinkHops)
                {
                    return Errno.ELOOP;
                }

                var target = child.LinkTarget;
                if (target[0] == '/')
                {
                    current = mountRoot;
                }

                if (isLast && target[^1] == '/')
                {
                    trailing = true;
                }

                PushComponents(stack, target);
                if (stack.Count == 0)
                {
                    result = new ResolvedPath(current, ".", current, LastComponent.Dot, trailing);
                    return 0;
                }

                continue;
            }

            if (isLast)
            {
                if (trailing && !child.IsDirectory)
                {
                    return Errno.ENOTDIR;
                }

                result = new ResolvedPath(current, name, child, LastComponent.Normal, trailing);
                return 0;
            }

            current = child;
        }

        result = new ResolvedPath(current, string.Empty, current, LastComponent.Root, trailing);
        return 0;
    }

    /// <summary>Checks the form of a path: non-empty (<see cref="Errno.ENOENT"/>), absolute, without NUL and valid Unicode
    /// (<see cref="Errno.EINVAL"/>: NFSv4 names are UTF-8, and a lone surrogate has no UTF-8 form), under <c>PATH_MAX</c> (<see cref="Errno.ENAMETOOLONG"/>).</summary>
    /// <returns>0 when valid, else the errno.</returns>
    public static Errno Validate(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Length == 0)
        {
            return Errno.ENOENT;
        }

        if (path[0] != '/' || path.Contains('\0', StringComparison.Ordinal) || !IsValidUnicode(path))
        {
            return Errno.EINVAL;
        }

        return Encoding.UTF8.GetByteCount(path) >= MaxPathBytes ? Errno.ENAMETOOLONG : 0;
    }

    /// <summary>Whether <paramref name="text"/> is well-formed UTF-16: every surrogate is part of a pair, so it has a UTF-8 form.</summary>
    public static bool IsValidUnicode(string text)
    {
        var span = text.AsSpan();
        var index = span.IndexOfAnyInRange('\uD800', '\uDFFF');
        while (index >= 0)
        {
            if (!char.IsHighSurrogate(span[index]) || index + 1 == span.Length || !char.IsLowSurrogate(span[index + 1]))
            {
                return false;
            }

            span = span[(index + 2)..];
            index = span.IndexOfAnyInRange('\uD800', '\uDFFF');
        }

        return true;
    }

    /// <summary>
    /// The allocation-free fast path for the common case: a path of plain names, no <c>.</c> or <c>..</c>, no symbolic
    /// link to follow. Returns <see langword="false"/> to hand any other path to the general resolver, which gives the
    /// same result for paths this method accepts.
    /// </summary>
    private static bool TryResolveDirect(Inode mountRoot, PosixUser user, string path, bool followLast, out ResolvedPath result, out Errno error)
    {
        result = default;
        error = 0;
        if (path.Length >= 2 * MaxDepth)
        {
            return false;
        }

        var span = path.AsSpan();
        var trailing = path.Length > 1 && path[^1] == '/';
        var current = mountRoot;
        var position = 0;
        while (true)
        {
            while (position < span.Length && span[position] == '/')
            {
                position++;
            }

            if (position == span.Length)
            {
                if (!ReferenceEquals(current, mountRoot))
                {
                    return false;
                }

                result = new ResolvedPath(current, string.Empty, current, LastComponent.Root, trailing);
                return true;
            }

            var length = span[position..].IndexOf('/');
            var end = length < 0 ? span.Length : position + length;
            var name = span[position..end];
            var isLast = span[end..].TrimStart('/').IsEmpty;
            if (name is "." or "..")
            {
                return false;
            }

            if (!current.IsDirectory)
            {
                error = Errno.ENOTDIR;
                return true;
            }

            if (!Permissions.Allows(current, user, AccessMode.Execute))
            {
                error = Errno.EACCES;
                return true;
            }

            if (name.Length > MaxNameBytes / 3 && Encoding.UTF8.GetByteCount(name) > MaxNameBytes)
            {
                error = Errno.ENAMETOOLONG;
                return true;
            }

            var child = current.Directory.Find(name);
            if (child is null)
            {
                if (!isLast)
                {
                    error = Errno.ENOENT;
                    return true;
                }

                result = new ResolvedPath(current, name.ToString(), null, LastComponent.Normal, trailing);
                return true;
            }

            if (child.Type == FileType.SymbolicLink && (!isLast || followLast || trailing))
            {
                return false;
            }

            if (isLast)
            {
                if (trailing && !child.IsDirectory)
                {
                    error = Errno.ENOTDIR;
                    return true;
                }

                result = new ResolvedPath(current, child.Name, child, LastComponent.Normal, trailing);
                return true;
            }

            current = child;
            position = end;
        }
    }

    private static int PushComponents(Stack<string> stack, string path)
    {
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        for (var i = parts.Length - 1; i >= 0; i--)
        {
            stack.Push(parts[i]);
        }

        return parts.Length;
    }
}
