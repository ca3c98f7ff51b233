using System.IO.Abstractions;
using S3FilesSim.FileSystem;

namespace S3FilesSim.Abstractions;

/// <summary><see cref="Path"/> with Linux rules on every OS; full paths resolve against the adapter's current directory,
/// the temporary directory is <see cref="SystemIOAdapterOptions.TempPath"/>, random names come from the adapter's seeded source.</summary>
internal sealed class SimulatedPath(SimulatedFileSystem fileSystem) : IPath
{
    private const string Base32 = "abcdefghijklmnopqrstuvwxyz012345";
    private readonly MountContext _context = fileSystem.Context;

    public System.IO.Abstractions.IFileSystem FileSystem => fileSystem;

    public char AltDirectorySeparatorChar => '/';

    public char DirectorySeparatorChar => '/';

    public char PathSeparator => ':';

    public char VolumeSeparatorChar => '/';

    public string ChangeExtension(string? path, string? extension) => UnixPath.ChangeExtension(path, extension)!;

    public string Combine(string path1, string path2)
    {
        ArgumentNullException.ThrowIfNull(path1);
        ArgumentNullException.ThrowIfNull(path2);
        return UnixPath.Combine(path1, path2);
    }

    public string Combine(string path1, string path2, string path3)
    {
        ArgumentNullException.ThrowIfNull(path3);
        return UnixPath.Combine(Combine(path1, path2), path3);
    }

    public string Combine(string path1, string path2, string path3, string path4)
    {
        ArgumentNullException.ThrowIfNull(path4);
        return UnixPath.Combine(Combine(path1, path2, path3), path4);
    }

    public string Combine(params string[] paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        return UnixPath.Combine(paths.AsSpan());
    }

    public string Combine(params ReadOnlySpan<string> paths) => UnixPath.Combine(paths);

    public bool EndsInDirectorySeparator(ReadOnlySpan<char> path) => UnixPath.EndsInSeparator(path);

    public bool EndsInDirectorySeparator(string path) => path is not null && UnixPath.EndsInSeparator(path);

    public bool Exists(string? path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return false;
        }

        string fullPath;
        try
        {
            fullPath = GetFullPath(path);
        }
        catch (ArgumentException)
        {
            return false;
        }

        if (_context.IsAncestorOfMount(fullPath))
        {
            return true;
        }

        if (_context.Lstat(fullPath, out var status) != MountContext.Ok)
        {
            return false;
        }

        return !UnixPath.EndsInSeparator(fullPath) || status!.Type == FileType.Directory;
    }

    public ReadOnlySpan<char> GetDirectoryName(ReadOnlySpan<char> path) => UnixPath.GetDirectoryName(path);

    public string? GetDirectoryName(string? path) => UnixPath.GetDirectoryName(path);

    public ReadOnlySpan<char> GetExtension(ReadOnlySpan<char> path) => UnixPath.GetExtension(path);

    public string? GetExtension(string? path) => path is null ? null : UnixPath.GetExtension(path.AsSpan()).ToString();

    public ReadOnlySpan<char> GetFileName(ReadOnlySpan<char> path) => UnixPath.GetFileName(path);

    public string? GetFileName(string? path) => UnixPath.GetFileName(path);

    public ReadOnlySpan<char> GetFileNameWithoutExtension(ReadOnlySpan<char> path) => UnixPath.GetFileNameWithoutExtension(path);

    public string? GetFileNameWithoutExtension(string? path) =>
        path is null ? null : UnixPath.GetFileNameWithoutExtension(path.AsSpan()).ToString();

    public string GetFullPath(string path) => _context.GetFullPath(path);

    public string GetFullPath(string path, string basePath)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(basePath);
        if (!UnixPath.IsRooted(basePath))
        {
            throw new ArgumentException(SystemIOMessages.BasePathNotFullyQualified, nameof(basePath));
        }

        if (basePath.Contains('\0', StringComparison.Ordinal) || path.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException(SystemIOMessages.NullCharInPath);
        }

        return UnixPath.Normalize(UnixPath.IsRooted(path) ? path : UnixPath.Combine(basePath, path));
    }

    public char[] GetInvalidFileNameChars() => ['\0', '/'];

    public char[] GetInvalidPathChars() => ['\0'];

    public ReadOnlySpan<char> GetPathRoot(ReadOnlySpan<char> path) => UnixPath.GetPathRoot(path);

    public string? GetPathRoot(string? path) => path is null ? null : UnixPath.GetPathRoot(path).ToString();

    /// <summary>Twelve characters, <c>xxxxxxxx.xxx</c>, from the adapter's seeded random source (System.IO uses the OS's).</summary>
    public string GetRandomFileName()
    {
        var bits = _context.NextRandom();
        Span<char> name = stackalloc char[12];
        for (var i = 0; i < 12; i++)
        {
            if (i == 8)
            {
                name[i] = '.';
                continue;
            }

            name[i] = Base32[(int)(bits & 0x1F)];
            bits >>= 5;
        }

        return new string(name);
    }

    public string GetRelativePath(string relativeTo, string path) => UnixPath.GetRelativePath(relativeTo, path, _context.CurrentDirectory);

    /// <summary>Creates an empty file <c>tmpXXXXXX.tmp</c> in the temporary directory (created when missing), as mkstemps(3) does.</summary>
    public string GetTempFileName()
    {
        var directory = GetTempPath();
        fileSystem.Operations.CreateDirectory(directory);
        for (var attempt = 0; ; attempt++)
        {
            var random = GetRandomFileName();
            var path = directory + "tmp" + random[..6] + ".tmp";
            try
            {
                var file = _context.Wait(OpenedFile.OpenAsync(_context, path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.ReadWrite, FileOptions.None, UnixFileMode.UserRead | UnixFileMode.UserWrite));
                _context.Wait(file.CloseAsync());
                return path;
            }
            catch (IOException) when (attempt < 100 && _context.FileExists(path))
            {
                // Name taken: mkstemps draws again.
            }
        }
    }

    public string GetTempPath() => _context.TempPath;

    public bool HasExtension(ReadOnlySpan<char> path) => UnixPath.HasExtension(path);

    public bool HasExtension(string? path) => path is not null && UnixPath.HasExtension(path);

    public bool IsPathFullyQualified(ReadOnlySpan<char> path) => UnixPath.IsRooted(path);

    public bool IsPathFullyQualified(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return UnixPath.IsRooted(path);
    }

    public bool IsPathRooted(ReadOnlySpan<char> path) => UnixPath.IsRooted(path);

    public bool IsPathRooted(string? path) => path is not null && UnixPath.IsRooted(path);

    public string Join(ReadOnlySpan<char> path1, ReadOnlySpan<char> path2) => UnixPath.Join(path1, path2);

    public string Join(ReadOnlySpan<char> path1, ReadOnlySpan<char> path2, ReadOnlySpan<char> path3) => UnixPath.Join(path1, path2, path3);

    public string Join(ReadOnlySpan<char> path1, ReadOnlySpan<char> path2, ReadOnlySpan<char> path3, ReadOnlySpan<char> path4) =>
        UnixPath.Join(path1, path2, path3, path4);

    public string Join(string? path1, string? path2) => UnixPath.Join(path1, path2);

    public string Join(string? path1, string? path2, string? path3) => UnixPath.Join(path1, path2, path3);

    public string Join(string? path1, string? path2, string? path3, string? path4) => UnixPath.Join(path1, path2, path3, path4);

    public string Join(params string?[] paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        return Join((ReadOnlySpan<string?>)paths);
    }

    public string Join(params ReadOnlySpan<string?> paths)
    {
        var result = string.Empty;
        foreach (var path in paths)
        {
            result = UnixPath.Join(result, path);
        }

        return result;
    }

    public ReadOnlySpan<char> TrimEndingDirectorySeparator(ReadOnlySpan<char> path) => UnixPath.TrimEndingSeparator(path);

    public string TrimEndingDirectorySeparator(string path) => path is null ? null! : UnixPath.TrimEndingSeparator(path);

    public bool TryJoin(ReadOnlySpan<char> path1, ReadOnlySpan<char> path2, Span<char> destination, out int charsWritten) =>
        UnixPath.TryJoin(path1, path2, destination, out charsWritten);

    public bool TryJoin(ReadOnlySpan<char> path1, ReadOnlySpan<char> path2, ReadOnlySpan<char> path3, Span<char> destination, out int charsWritten) =>
        UnixPath.TryJoin(path1, path2, path3, destination, out charsWritten);
}
