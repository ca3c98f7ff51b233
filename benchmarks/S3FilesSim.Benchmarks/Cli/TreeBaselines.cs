namespace S3FilesSim.Benchmarks.Cli;

/// <summary>The reference rows of the loader benchmarks: what merely walking a tree costs, with or without its bytes.</summary>
internal static class TreeBaselines
{
    /// <summary>Recursive, symbolic links to directories not followed (as the loader walks).</summary>
    internal static readonly EnumerationOptions Recursive = new() { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint };

    /// <summary>Walks the tree and reads every regular file whole (what a loader that hashes every file must do at least).</summary>
    /// <param name="root">The tree.</param>
    /// <returns>The bytes read.</returns>
    internal static long WalkAndRead(string root)
    {
        long bytes = 0;
        foreach (var path in Directory.EnumerateFiles(root, "*", Recursive))
        {
            bytes += File.ReadAllBytes(path).Length;
        }

        return bytes;
    }

    /// <summary>Walks the tree and reads every regular file's size (one stat each; what a loader that reads files on demand must do at least).</summary>
    /// <param name="root">The tree.</param>
    /// <returns>The sum of the sizes.</returns>
    internal static long WalkAndStat(string root)
    {
        long bytes = 0;
        foreach (var file in new DirectoryInfo(root).EnumerateFiles("*", Recursive))
        {
            bytes += file.Length;
        }

        return bytes;
    }
}
