using System.Text.RegularExpressions;

namespace S3FilesSim.Tests.Architecture;

/// <summary>The core's source files (src/S3FilesSim), found from the test assembly's directory, with comments and string literals removed for analysis.</summary>
internal static partial class SourceTree
{
    /// <summary>Gets the directory of the core project.</summary>
    public static string CoreDirectory { get; } = FindCore();

    /// <summary>Returns every .cs file of the core with its folder ("" for the project root) and its code without comments or strings.</summary>
    public static IEnumerable<(string Folder, string Path, string Code)> CoreFiles() =>
        Directory.EnumerateFiles(CoreDirectory, "*.cs", SearchOption.AllDirectories)
            .Where(path => !path.Contains("/obj/", StringComparison.Ordinal) && !path.Contains("/bin/", StringComparison.Ordinal))
            .Select(path => (FolderOf(path), path, Strip(File.ReadAllText(path))));

    /// <summary>Removes comments and string literals.</summary>
    public static string Strip(string code) => StringLiteral().Replace(Comment().Replace(code, string.Empty), "\"\"");

    private static string FolderOf(string path)
    {
        var relative = Path.GetRelativePath(CoreDirectory, path);
        var slash = relative.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? string.Empty : relative[..slash];
    }

    private static string FindCore()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var core = Path.Combine(directory.FullName, "src", "S3FilesSim");
            if (File.Exists(Path.Combine(directory.FullName, "S3FilesSim.sln")) && Directory.Exists(core))
            {
                return core;
            }
        }

        throw new DirectoryNotFoundException("src/S3FilesSim was not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"//[^\n]*")]
    private static partial Regex Comment();

    [GeneratedRegex(@"@?\$?""(?:\\.|[^""\\\n])*""")]
    private static partial Regex StringLiteral();
}
