using System.Text;

namespace S3FilesSim.Abstractions;

/// <summary>
/// <see cref="Path"/>'s rules on Linux, whatever the host OS: <c>/</c> is the only separator, a path is rooted when it
/// starts with <c>/</c>, names are case-sensitive. The adapter uses these rules on Windows and macOS too, so code sees
/// the paths it would see on the Linux host of an S3 Files mount.
/// </summary>
internal static class UnixPath
{
    public const char Separator = '/';

    public static bool IsSeparator(char c) => c == Separator;

    public static bool IsRooted(ReadOnlySpan<char> path) => path.StartsWith(Separator);

    public static bool EndsInSeparator(ReadOnlySpan<char> path) => path.Length > 0 && path[^1] == Separator;

    /// <summary>Whether the path is empty or only spaces? On Unix: only an empty path is effectively empty.</summary>
    public static bool IsEffectivelyEmpty(ReadOnlySpan<char> path) => path.IsEmpty;

    public static string TrimEndingSeparator(string path) =>
        EndsInSeparator(path) && path.Length > 1 ? path[..^1] : path;

    public static ReadOnlySpan<char> TrimEndingSeparator(ReadOnlySpan<char> path) =>
        EndsInSeparator(path) && path.Length > 1 ? path[..^1] : path;

    /// <summary>The full path of <paramref name="path"/> against <paramref name="currentDirectory"/>: <c>.</c>,
    /// <c>..</c> and repeated separators removed, a trailing separator kept, never above <c>/</c>.</summary>
    public static string GetFullPath(string path, string currentDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (path.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException("Null character in path.", nameof(path));
        }

        return Normalize(IsRooted(path) ? path : Combine(currentDirectory, path));
    }

    /// <summary>Removes <c>.</c>, <c>..</c> and repeated separators from a rooted path, keeping a trailing separator.</summary>
    public static string Normalize(string path)
    {
        if (!NeedsNormalizing(path))
        {
            return path;
        }

        var builder = new StringBuilder(path.Length);
        builder.Append(Separator);
        var i = 1;
        while (i < path.Length)
        {
            var end = path.IndexOf(Separator, i);
            var segment = end < 0 ? path.AsSpan(i) : path.AsSpan(i, end - i);
            var last = end < 0 || end == path.Length - 1;
            if (segment.IsEmpty || segment is ".")
            {
                // Skipped: "//" or "/./".
            }
            else if (segment is "..")
            {
                var cut = builder.Length - 1;
                while (cut > 0 && builder[cut - 1] != Separator)
                {
                    cut--;
                }

                builder.Length = Math.Max(1, cut);
            }
            else
            {
                builder.Append(segment);
                if (!last)
                {
                    builder.Append(Separator);
                }
            }

            if (end < 0)
            {
                break;
            }

            i = end + 1;
        }

        // A trailing separator of the input survives (".../a/" stays a directory-looking path); one left behind by a
        // removed "." or ".." segment at the end goes, as System.IO does for "/a/b/.." ("/a") but keeps "/a/b/../" ("/a/").
        var result = builder.ToString();
        if (result.Length > 1 && result.EndsWith(Separator) && !EndsInSeparator(path))
        {
            result = result[..^1];
        }
        else if (!result.EndsWith(Separator) && EndsInSeparator(path))
        {
            result += Separator;
        }

        return result;
    }

    private static bool NeedsNormalizing(string path)
    {
        for (var i = 0; i < path.Length; i++)
        {
            if (path[i] != Separator)
            {
                continue;
            }

            if (i + 1 < path.Length && path[i + 1] == Separator)
            {
                return true;
            }

            if (i + 1 < path.Length && path[i + 1] == '.' && (i + 2 == path.Length || path[i + 2] == Separator ||
                (path[i + 2] == '.' && (i + 3 == path.Length || path[i + 3] == Separator))))
            {
                return true;
            }
        }

        return false;
    }

    public static string Combine(string first, string second)
    {
        if (second.Length == 0)
        {
            return first;
        }

        if (first.Length == 0 || IsRooted(second))
        {
            return second;
        }

        return Join(first, second);
    }

    public static string Combine(ReadOnlySpan<string> paths)
    {
        var start = 0;
        for (var i = 0; i < paths.Length; i++)
        {
            ArgumentNullException.ThrowIfNull(paths[i], nameof(paths));
            if (IsRooted(paths[i]))
            {
                start = i;
            }
        }

        var builder = new StringBuilder();
        for (var i = start; i < paths.Length; i++)
        {
            if (paths[i].Length == 0)
            {
                continue;
            }

            if (builder.Length > 0 && builder[^1] != Separator)
            {
                builder.Append(Separator);
            }

            builder.Append(paths[i]);
        }

        return builder.ToString();
    }

    /// <summary>Concatenates with one separator between non-empty parts, never treating a rooted part as a new root.</summary>
    public static string Join(ReadOnlySpan<char> first, ReadOnlySpan<char> second)
    {
        if (first.IsEmpty)
        {
            return second.ToString();
        }

        if (second.IsEmpty)
        {
            return first.ToString();
        }

        var needsSeparator = !EndsInSeparator(first) && !IsRooted(second);
        return needsSeparator ? string.Concat(first, "/", second) : string.Concat(first, second);
    }

    public static string Join(ReadOnlySpan<char> first, ReadOnlySpan<char> second, ReadOnlySpan<char> third) =>
        Join(Join(first, second), third);

    public static string Join(ReadOnlySpan<char> first, ReadOnlySpan<char> second, ReadOnlySpan<char> third, ReadOnlySpan<char> fourth) =>
        Join(Join(Join(first, second), third), fourth);

    public static bool TryJoin(ReadOnlySpan<char> first, ReadOnlySpan<char> second, Span<char> destination, out int charsWritten)
    {
        var joined = Join(first, second);
        return Copy(joined, destination, out charsWritten);
    }

    public static bool TryJoin(ReadOnlySpan<char> first, ReadOnlySpan<char> second, ReadOnlySpan<char> third, Span<char> destination, out int charsWritten)
    {
        var joined = Join(first, second, third);
        return Copy(joined, destination, out charsWritten);
    }

    private static bool Copy(string value, Span<char> destination, out int charsWritten)
    {
        if (value.Length > destination.Length)
        {
            charsWritten = 0;
            return false;
        }

        value.AsSpan().CopyTo(destination);
        charsWritten = value.Length;
        return true;
    }

    public static ReadOnlySpan<char> GetFileName(ReadOnlySpan<char> path)
    {
        var slash = path.LastIndexOf(Separator);
        return path[(slash + 1)..];
    }

    public static string? GetFileName(string? path)
    {
        if (path is null)
        {
            return null;
        }

        var name = GetFileName(path.AsSpan());
        return name.Length == path.Length ? path : name.ToString();
    }

    public static ReadOnlySpan<char> GetFileNameWithoutExtension(ReadOnlySpan<char> path)
    {
        var name = GetFileName(path);
        var dot = name.LastIndexOf('.');
        return dot >= 0 ? name[..dot] : name;
    }

    /// <summary>The offset where the directory part ends (trailing separators of the directory trimmed), or -1 for a root or a bare name.</summary>
    public static int GetDirectoryNameOffset(ReadOnlySpan<char> path)
    {
        var rootLength = IsRooted(path) ? 1 : 0;
        var end = path.Length;
        if (end <= rootLength)
        {
            return -1;
        }

        while (end > rootLength && path[--end] != Separator)
        {
        }

        while (end > rootLength && path[end - 1] == Separator)
        {
            end--;
        }

        return end;
    }

    public static string? GetDirectoryName(string? path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return null;
        }

        var offset = GetDirectoryNameOffset(path);
        return offset < 0 ? null : CollapseSeparators(path[..offset]);
    }

    public static ReadOnlySpan<char> GetDirectoryName(ReadOnlySpan<char> path)
    {
        if (path.IsEmpty)
        {
            return ReadOnlySpan<char>.Empty;
        }

        var offset = GetDirectoryNameOffset(path);
        return offset < 0 ? ReadOnlySpan<char>.Empty : path[..offset];
    }

    /// <summary>Collapses runs of separators into one (System.IO normalizes the separators of a directory name).</summary>
    private static string CollapseSeparators(string path)
    {
        if (!path.Contains("//", StringComparison.Ordinal))
        {
            return path;
        }

        var builder = new StringBuilder(path.Length);
        foreach (var c in path)
        {
            if (c == Separator && builder.Length > 0 && builder[^1] == Separator)
            {
                continue;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    public static ReadOnlySpan<char> GetExtension(ReadOnlySpan<char> path)
    {
        for (var i = path.Length - 1; i >= 0; i--)
        {
            if (path[i] == '.')
            {
                return i == path.Length - 1 ? ReadOnlySpan<char>.Empty : path[i..];
            }

            if (path[i] == Separator)
            {
                break;
            }
        }

        return ReadOnlySpan<char>.Empty;
    }

    public static bool HasExtension(ReadOnlySpan<char> path) => !GetExtension(path).IsEmpty;

    public static string? ChangeExtension(string? path, string? extension)
    {
        if (path is null)
        {
            return null;
        }

        if (path.Length == 0)
        {
            return string.Empty;
        }

        var end = path.Length;
        for (var i = path.Length - 1; i >= 0; i--)
        {
            if (path[i] == '.')
            {
                end = i;
                break;
            }

            if (path[i] == Separator)
            {
                break;
            }
        }

        if (extension is null)
        {
            return path[..end];
        }

        return extension.StartsWith('.') ? string.Concat(path.AsSpan(0, end), extension) : string.Concat(path.AsSpan(0, end), ".", extension);
    }

    public static ReadOnlySpan<char> GetPathRoot(ReadOnlySpan<char> path) => IsRooted(path) ? "/" : ReadOnlySpan<char>.Empty;

    public static string GetRelativePath(string relativeTo, string path, string currentDirectory)
    {
        ArgumentNullException.ThrowIfNull(relativeTo);
        ArgumentNullException.ThrowIfNull(path);
        if (relativeTo.Length == 0)
        {
            throw new ArgumentException("Empty path name is not legal.", nameof(relativeTo));
        }

        if (path.Length == 0)
        {
            throw new ArgumentException("Empty path name is not legal.", nameof(path));
        }

        relativeTo = GetFullPath(relativeTo, currentDirectory);
        path = GetFullPath(path, currentDirectory);
        var common = CommonPathLength(relativeTo, path);
        var fromEnd = EndsInSeparator(relativeTo) ? relativeTo.Length - 1 : relativeTo.Length;
        var pathEndsInSeparator = EndsInSeparator(path);
        var toEnd = pathEndsInSeparator ? path.Length - 1 : path.Length;
        if (fromEnd == toEnd && common >= fromEnd)
        {
            return ".";
        }

        var builder = new StringBuilder(Math.Max(relativeTo.Length, path.Length));
        if (common < fromEnd)
        {
            builder.Append("..");
            for (var i = common + 1; i < fromEnd; i++)
            {
                if (relativeTo[i] == Separator)
                {
                    builder.Append("/..");
                }
            }
        }
        else if (path[common] == Separator)
        {
            common++;
        }

        var rest = toEnd - common + (pathEndsInSeparator ? 1 : 0);
        if (rest > 0)
        {
            if (builder.Length > 0)
            {
                builder.Append(Separator);
            }

            builder.Append(path.AsSpan(common, rest));
        }

        return builder.ToString();
    }

    /// <summary>The length of the common leading directory path of two full paths (whole segments only).</summary>
    private static int CommonPathLength(string first, string second)
    {
        var count = first.AsSpan().CommonPrefixLength(second);
        if (count == 0)
        {
            return 0;
        }

        if (count == first.Length && (count == second.Length || second[count] == Separator))
        {
            return count;
        }

        if (count == second.Length && first[count] == Separator)
        {
            return count;
        }

        while (count > 0 && first[count - 1] != Separator)
        {
            count--;
        }

        return count;
    }

    /// <summary>Whether <paramref name="path"/> is <paramref name="directory"/> itself or inside it (whole segments, case-sensitive).</summary>
    public static bool IsSameOrUnder(string path, string directory)
    {
        if (directory == "/")
        {
            return IsRooted(path);
        }

        return path.StartsWith(directory, StringComparison.Ordinal) && (path.Length == directory.Length || path[directory.Length] == Separator);
    }
}
