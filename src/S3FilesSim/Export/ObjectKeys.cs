using S3FilesSim.Namespace;

namespace S3FilesSim.Export;

/// <summary>Builds the bucket key of an entry in one allocation: scope prefix plus path without the leading <c>/</c>, and a trailing <c>/</c> for directories.</summary>
internal static class ObjectKeys
{
    /// <summary>Returns the key of <paramref name="inode"/> under <paramref name="prefix"/>; the prefix itself for the root.</summary>
    public static string Of(string prefix, Inode inode)
    {
        if (inode.Parent is null)
        {
            return prefix;
        }

        var length = prefix.Length + (inode.IsDirectory ? 1 : 0) - 1;
        for (var node = inode; node.Parent is not null; node = node.Parent)
        {
            length += node.Name.Length + 1;
        }

        return string.Create(length, (prefix, inode), static (span, state) =>
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
}
