using System.Collections;
using System.IO.Enumeration;
using S3FilesSim.FileSystem;

namespace S3FilesSim.Abstractions;

/// <summary>What an enumeration returns.</summary>
internal enum SearchTarget
{
    Files,
    Directories,
    Both,
}

/// <summary>One directory entry during an enumeration (System.IO's <c>FileSystemEntry</c>).</summary>
internal sealed class MountEntry
{
    public required string Name { get; init; }

    /// <summary>Gets the full path of the directory holding the entry.</summary>
    public required string Directory { get; init; }

    public required bool IsDirectory { get; init; }

    public required bool IsSymbolicLink { get; init; }

    public EntryStatus Status { get; } = new();

    public string FullPath => UnixPath.Join(Directory, Name);
}

/// <summary>
/// <c>Directory.Enumerate*</c> and <c>DirectoryInfo.Enumerate*</c> over the mount, as System.IO's
/// <c>FileSystemEnumerable</c> does it on Linux: the root directory is read when the enumerable is created (so a missing
/// directory throws at once), subdirectories breadth-first, a symbolic link to a directory counts as a directory,
/// <c>.</c> and <c>..</c> only with <see cref="EnumerationOptions.ReturnSpecialDirectories"/>, names matched
/// case-sensitively unless <see cref="MatchCasing.CaseInsensitive"/>.
/// </summary>
internal sealed class MountEnumerable<T> : IEnumerable<T>
{
    private readonly SimulatedFileSystem _fileSystem;
    private readonly string _originalRoot;
    private readonly string _root;
    private readonly string _expression;
    private readonly EnumerationOptions _options;
    private readonly SearchTarget _target;
    private readonly Func<MountEntry, string, T> _transform;
    private IReadOnlyList<DirectoryEntry>? _firstListing;

    public MountEnumerable(SimulatedFileSystem fileSystem, string directory, string expression, EnumerationOptions options, SearchTarget target, Func<MountEntry, string, T> transform)
    {
        _fileSystem = fileSystem;
        _originalRoot = directory;
        _root = UnixPath.TrimEndingSeparator(fileSystem.Context.GetFullPath(directory));
        _expression = expression;
        _options = options;
        _target = target;
        _transform = transform;
        _firstListing = Open(_root, ignoreNotFound: false);
    }

    /// <summary>Validates and normalizes the inputs as <c>FileSystemEnumerableFactory.NormalizeInputs</c>: a directory part of
    /// the pattern moves to the directory; a Win32 pattern is translated to DOS wildcards after escaping.</summary>
    public static void NormalizeInputs(ref string directory, ref string expression, EnumerationOptions options)
    {
        if (UnixPath.IsRooted(expression))
        {
            throw new ArgumentException(SystemIOMessages.Path2IsRooted, nameof(expression));
        }

        if (expression.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException(SystemIOMessages.NullCharInPath, expression);
        }

        if (directory.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException(SystemIOMessages.NullCharInPath, directory);
        }

        var directoryPart = UnixPath.GetDirectoryName(expression.AsSpan());
        if (directoryPart.Length != 0)
        {
            directory = UnixPath.Join(directory, directoryPart);
            expression = expression[(directoryPart.Length + 1)..];
        }

        switch (options.MatchType)
        {
            case MatchType.Win32:
                if (expression == "*")
                {
                    break;
                }

                if (expression.Length == 0 || expression is "." or "*.*")
                {
                    expression = "*";
                    break;
                }

                expression = FileSystemName.TranslateWin32Expression(Escape(expression));
                break;
            case MatchType.Simple:
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(options));
        }
    }

    /// <summary>On Unix, '\', '"', '&lt;' and '&gt;' are ordinary name characters: escape them before the DOS translation.</summary>
    private static string Escape(string expression)
    {
        if (expression.AsSpan().IndexOfAny("\\\"<>") < 0)
        {
            return expression;
        }

        var builder = new System.Text.StringBuilder(expression.Length + 4);
        foreach (var c in expression)
        {
            if (c is '\\' or '"' or '<' or '>')
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    public IEnumerator<T> GetEnumerator()
    {
        var listing = Interlocked.Exchange(ref _firstListing, null) ?? Open(_root, ignoreNotFound: false);
        return Enumerate(listing).GetEnumerator();
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private IReadOnlyList<DirectoryEntry>? Open(string path, bool ignoreNotFound)
    {
        var context = _fileSystem.Context;
        var errno = context.ReadDirectory(path, out var entries);
        if (errno == MountContext.Ok)
        {
            return entries;
        }

        if ((ignoreNotFound && errno is Errno.ENOENT or Errno.ENOTDIR)
            || (_options.IgnoreInaccessible && errno is Errno.EACCES or Errno.EBADF or Errno.EPERM))
        {
            return null;
        }

        throw context.Error(errno, path, isDirError: true);
    }

    private IEnumerable<T> Enumerate(IReadOnlyList<DirectoryEntry>? listing)
    {
        var pending = new Queue<(string Path, int RemainingDepth)>();
        var current = _root;
        var remainingDepth = _options.MaxRecursionDepth;
        while (true)
        {
            if (listing is not null)
            {
                if (_options.ReturnSpecialDirectories)
                {
                    foreach (var special in new[] { ".", ".." })
                    {
                        var entry = new MountEntry { Name = special, Directory = current, IsDirectory = true, IsSymbolicLink = false };
                        if (Include(entry))
                        {
                            yield return _transform(entry, ToSpecifiedFullPath(entry));
                        }
                    }
                }

                foreach (var item in listing)
                {
                    var entry = CreateEntry(current, item);
                    if (Skip(entry))
                    {
                        continue;
                    }

                    if (entry.IsDirectory && _options.RecurseSubdirectories && remainingDepth > 0)
                    {
                        pending.Enqueue((entry.FullPath, remainingDepth - 1));
                    }

                    if (Include(entry))
                    {
                        yield return _transform(entry, ToSpecifiedFullPath(entry));
                    }
                }
            }

            if (pending.Count == 0)
            {
                yield break;
            }

            (current, remainingDepth) = pending.Dequeue();
            listing = Open(current, ignoreNotFound: true);
        }
    }

    private MountEntry CreateEntry(string directory, DirectoryEntry item)
    {
        var isLink = item.Type == FileType.SymbolicLink;
        var isDirectory = item.Type == FileType.Directory;
        var entry = new MountEntry { Name = item.Name, Directory = directory, IsDirectory = isDirectory, IsSymbolicLink = isLink };
        if (isLink && entry.Status.IsDirectory(_fileSystem.Context, entry.FullPath))
        {
            entry = new MountEntry { Name = item.Name, Directory = directory, IsDirectory = true, IsSymbolicLink = true };
        }

        return entry;
    }

    private bool Skip(MountEntry entry)
    {
        var skip = _options.AttributesToSkip;
        if (skip == 0)
        {
            return false;
        }

        return ((skip & FileAttributes.Directory) != 0 && entry.IsDirectory)
            || ((skip & FileAttributes.ReparsePoint) != 0 && entry.IsSymbolicLink)
            || ((skip & FileAttributes.Hidden) != 0 && entry.Name.StartsWith('.'))
            || ((skip & FileAttributes.ReadOnly) != 0 && entry.Status.IsReadOnly(_fileSystem.Context, entry.FullPath, continueOnError: true));
    }

    private bool Include(MountEntry entry)
    {
        var wanted = _target switch
        {
            SearchTarget.Files => !entry.IsDirectory,
            SearchTarget.Directories => entry.IsDirectory,
            _ => true,
        };
        if (!wanted)
        {
            return false;
        }

        var ignoreCase = _options.MatchCasing == MatchCasing.CaseInsensitive;
        return _options.MatchType == MatchType.Simple
            ? FileSystemName.MatchesSimpleExpression(_expression, entry.Name, ignoreCase)
            : FileSystemName.MatchesWin32Expression(_expression, entry.Name, ignoreCase);
    }

    /// <summary>The path as the caller named the root (FileSystemEntry.ToSpecifiedFullPath).</summary>
    private string ToSpecifiedFullPath(MountEntry entry)
    {
        var relative = entry.Directory.AsSpan(_root.Length);
        if (UnixPath.EndsInSeparator(_originalRoot) && relative.StartsWith('/'))
        {
            relative = relative[1..];
        }

        return UnixPath.Join(_originalRoot, relative, entry.Name);
    }
}
