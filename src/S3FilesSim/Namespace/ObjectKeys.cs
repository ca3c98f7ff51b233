namespace S3FilesSim.Namespace;

/// <summary>
/// The mapping between a file system's paths and its bucket keys, in one place: a key is the scope prefix plus the
/// path without its leading <c>/</c>, with a trailing <c>/</c> for a directory (its marker and the prefix of its
/// children); the root's key is the prefix itself
/// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-synchronization.html).
/// </summary>
/// <param name="prefix">The file system's scope prefix in the bucket: "" or ending in "/".</param>
internal sealed class ObjectKeys(string prefix)
{
    /// <summary>Gets the scope prefix.</summary>
    public string Prefix { get; } = prefix;

    /// <summary>Returns the key of <paramref name="inode"/>, built in one allocation; the prefix itself for the root.</summary>
    public string Of(Inode inode)
    {
        if (inode.Parent is null)
        {
            return Prefix;
        }

        var length = Prefix.Length + (inode.IsDirectory ? 1 : 0) - 1;
        for (var node = inode; node.Parent is not null; node = node.Parent)
        {
            length += node.Name.Length + 1;
        }

        return string.Create(length, (Prefix, inode), static (span, state) =>
        {
            var (prefix, inode) = state;
            prefix.AsSpan().CopyTo(span);
            var end = span.Length;
            if (inode.IsDirectory)
            {
                span[--end] = '/';
            }

            for (var node = inode; node.Parent is not null; node = node.Parent)
            {
                end -= node.Name.Length;
                node.Name.AsSpan().CopyTo(span[end..]);
                if (end > prefix.Length)
                {
                    span[--end] = '/';
                }
            }
        });
    }

    /// <summary>Returns the key of the entry at <paramref name="path"/> (absolute, not the root).</summary>
    /// <param name="path">The path.</param>
    /// <param name="directory">Whether the entry is a directory (its key ends with <c>/</c>).</param>
    public string OfPath(string path, bool directory) => Prefix + path[1..] + (directory ? "/" : string.Empty);

    /// <summary>Returns the path of <paramref name="key"/> (a key in scope; a directory's trailing <c>/</c> dropped).</summary>
    public string PathOf(string key) => "/" + key[Prefix.Length..].TrimEnd('/');

    /// <summary>Returns whether <paramref name="key"/> names something inside the file system's scope (not the prefix itself).</summary>
    public bool Contains(string key) => key.Length > Prefix.Length && key.StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>Returns <paramref name="key"/> relative to the scope prefix (what import rules match).</summary>
    public string Relative(string key) => key[Prefix.Length..];

    /// <summary>Returns the path components of <paramref name="key"/>, and whether it is a directory marker (ends with <c>/</c>).</summary>
    public string[] Names(string key, out bool marker)
    {
        var relative = key[Prefix.Length..];
        marker = relative[^1] == '/';
        return (marker ? relative[..^1] : relative).Split('/');
    }

    /// <summary>Returns the key of the directory made of the first <paramref name="count"/> of <paramref name="names"/>, with its trailing <c>/</c>.</summary>
    public string DirectoryOf(string[] names, int count) => Prefix + string.Join('/', names, 0, count) + "/";

    /// <summary>Returns the key of the child <paramref name="name"/> of the directory key <paramref name="directoryKey"/>.</summary>
    public static string ChildOf(string directoryKey, string name, bool directory) => directoryKey + name + (directory ? "/" : string.Empty);

    /// <summary>Returns the name of the child <paramref name="childKey"/> (an object, or a common prefix ending in <c>/</c>) listed under the directory key <paramref name="directoryKey"/>.</summary>
    public static string ChildName(string directoryKey, string childKey) =>
        childKey[^1] == '/' && childKey.Length > directoryKey.Length ? childKey[directoryKey.Length..^1] : childKey[directoryKey.Length..];
}
