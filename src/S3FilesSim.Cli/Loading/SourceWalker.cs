using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace S3FilesSim.Cli.Loading;

/// <summary>
/// Reads a local directory tree into the list of objects it becomes, without reading file contents: regular files
/// (size and modification time; a file the caller may not read is skipped), symbolic links (their targets, never
/// followed) and empty directories. Entries that cannot become objects are skipped and logged (<see cref="SkipLog"/>);
/// nothing stops the walk but an unreadable root.
/// </summary>
/// <remarks>Linux: directories are opened relative to their parent (openat(2), no path length limit) and read with
/// getdents64(2), so names are raw bytes and a name that is not UTF-8 is recognised. Entries are sorted by their name's
/// bytes in each directory, so the same tree always gives the same order.</remarks>
internal sealed unsafe class SourceWalker
{
    /// <summary>The longest S3 key, in UTF-8 bytes.</summary>
    internal const int MaxKeyBytes = 1024;

    /// <summary>The longest name S3 Files imports, in bytes.</summary>
    internal const int MaxNameBytes = 255;

    /// <summary>The deepest directory nesting S3 Files allows.</summary>
    internal const int MaxDepth = 1000;

    /// <summary>The longest symbolic-link target S3 Files allows, in bytes.</summary>
    internal const int MaxLinkTargetBytes = 4080;

    /// <summary>The largest S3 object: 5 TiB.</summary>
    internal const long MaxObjectBytes = 5L << 40;

    private const int EntryBufferBytes = 64 * 1024;

    /// <summary>How many entries the walk gathers before it hands them over (or the walk ends).</summary>
    private const int BatchEntries = 256;

    private readonly string _root;
    private readonly SkipLog _skipped;
    private readonly Action<List<SourceEntry>> _sink;
    private readonly CancellationToken _cancellationToken;
    private readonly byte[] _linkBuffer = new byte[4096];
    private List<SourceEntry> _entries = [];
    private int _handedOver;
    private int _directories;

    private SourceWalker(string root, SkipLog skipped, Action<List<SourceEntry>> sink, CancellationToken cancellationToken)
    {
        _root = root;
        _skipped = skipped;
        _sink = sink;
        _cancellationToken = cancellationToken;
    }

    /// <summary>Walks the tree at <paramref name="root"/>.</summary>
    /// <param name="root">The full path of the source directory.</param>
    /// <param name="skipped">Where entries that cannot be loaded are logged.</param>
    /// <param name="onDirectory">Called after each directory is read, with the entries found so far (for a progress display).</param>
    /// <returns>The entries in walk order, and the number of directories read (the root included).</returns>
    /// <exception cref="CliException">The root cannot be opened as a directory.</exception>
    internal static (List<SourceEntry> Entries, int Directories) Walk(string root, SkipLog skipped, Action<int>? onDirectory = null)
    {
        var entries = new List<SourceEntry>();
        var directories = Walk(root, skipped, entries.AddRange, onDirectory, CancellationToken.None);
        return (entries, directories);
    }

    /// <summary>Walks the tree at <paramref name="root"/>, handing the entries to <paramref name="sink"/> in walk order, a
    /// batch at a time as they are found, so that they can be loaded while the walk goes on.</summary>
    /// <param name="root">The full path of the source directory.</param>
    /// <param name="skipped">Where entries that cannot be loaded are logged.</param>
    /// <param name="sink">Receives each batch (a new list each time; the walker keeps no reference to it).</param>
    /// <param name="onDirectory">Called after each directory is read, with the entries found so far (for a progress display).</param>
    /// <param name="cancellationToken">Stops the walk between two directories.</param>
    /// <returns>The number of directories read (the root included).</returns>
    /// <exception cref="CliException">The root cannot be opened as a directory.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    internal static int Walk(string root, SkipLog skipped, Action<List<SourceEntry>> sink, Action<int>? onDirectory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sink);
        var walker = new SourceWalker(root, skipped, sink, cancellationToken);
        walker.Run(onDirectory);
        walker.HandOver();
        return walker._directories;
    }

    private void Run(Action<int>? onDirectory)
    {
        var root = _root;
        var fd = LinuxFiles.OpenDirectory(root);
        if (fd < 0)
        {
            throw new CliException($"cannot read the source directory '{root}': {LinuxFiles.Describe(-fd)}.");
        }

        var buffer = ArrayPool<byte>.Shared.Rent(EntryBufferBytes);
        try
        {
            WalkDirectory(fd, string.Empty, 0, 0, buffer, onDirectory);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            LinuxFiles.CloseFd(fd);
        }
    }

    /// <summary>Hands the entries gathered so far to the sink and starts a new batch.</summary>
    private void HandOver()
    {
        if (_entries.Count == 0)
        {
            return;
        }

        _handedOver += _entries.Count;
        _sink(_entries);
        _entries = [];
    }

    /// <summary>Formats raw name bytes for a message: UTF-8 where valid, <c>\xNN</c> for each invalid byte.</summary>
    internal static string Display(ReadOnlySpan<byte> bytes)
    {
        if (Utf8.IsValid(bytes))
        {
            return Encoding.UTF8.GetString(bytes);
        }

        var text = new StringBuilder(bytes.Length * 2);
        while (!bytes.IsEmpty)
        {
            var status = System.Text.Rune.DecodeFromUtf8(bytes, out var rune, out var consumed);
            if (status == OperationStatus.Done)
            {
                text.Append(rune.ToString());
            }
            else
            {
                text.Append(System.Globalization.CultureInfo.InvariantCulture, $"\\x{bytes[0]:x2}");
                consumed = 1;
            }

            bytes = bytes[consumed..];
        }

        return text.ToString();
    }

    private void WalkDirectory(int fd, string prefix, int prefixBytes, int depth, byte[] buffer, Action<int>? onDirectory)
    {
        _cancellationToken.ThrowIfCancellationRequested();
        _directories++;
        var names = ReadNames(fd, prefix, buffer);
        onDirectory?.Invoke(_handedOver + _entries.Count);
        if (names is null)
        {
            return;
        }

        if (names.Count == 0 && prefix.Length > 0)
        {
            _entries.Add(new SourceEntry(prefix, SourceEntryKind.EmptyDirectory, 0, 0));
            return;
        }

        foreach (var (name, type) in names)
        {
            VisitEntry(fd, prefix, prefixBytes, depth, name, type, buffer, onDirectory);
            if (_entries.Count >= BatchEntries)
            {
                HandOver();
            }
        }
    }

    /// <summary>Reads every name of a directory but <c>.</c> and <c>..</c>, NUL-terminated and sorted by bytes;
    /// <see langword="null"/> when the directory cannot be read (logged).</summary>
    private List<(byte[] Name, byte Type)>? ReadNames(int fd, string prefix, byte[] buffer)
    {
        var names = new List<(byte[] Name, byte Type)>();
        while (true)
        {
            var read = LinuxFiles.ReadEntries(fd, buffer);
            if (read < 0)
            {
                Skip(-read, SourcePath(prefix));
                return null;
            }

            if (read == 0)
            {
                break;
            }

            for (var offset = 0; offset < read;)
            {
                var length = BitConverter.ToUInt16(buffer, offset + 16);
                var type = buffer[offset + 18];
                var name = buffer.AsSpan(offset + 19, length - 19);
                name = name[..name.IndexOf((byte)0)];
                offset += length;
                if (name is [(byte)'.'] or [(byte)'.', (byte)'.'])
                {
                    continue;
                }

                var terminated = new byte[name.Length + 1];
                name.CopyTo(terminated);
                names.Add((terminated, type));
            }
        }

        names.Sort(static (a, b) => a.Name.AsSpan().SequenceCompareTo(b.Name));
        return names;
    }

    private void VisitEntry(int fd, string prefix, int prefixBytes, int depth, byte[] terminatedName, byte type, byte[] buffer, Action<int>? onDirectory)
    {
        var name = terminatedName.AsSpan(0, terminatedName.Length - 1);
        if (!Utf8.IsValid(name))
        {
            _skipped.Add(SkipReason.NameNotUtf8, SourcePath(prefix) + Display(name));
            return;
        }

        var text = Encoding.UTF8.GetString(name);
        var key = prefix + text;
        var keyBytes = prefixBytes + name.Length;
        fixed (byte* namePointer = terminatedName)
        {
            if (type == LinuxFiles.DtUnknown)
            {
                if (LinuxFiles.StatEntry(fd, namePointer, out var unknown) != 0)
                {
                    _skipped.Add(SkipReason.Vanished, SourcePath(key));
                    return;
                }

                type = unknown.Kind switch
                {
                    LinuxFiles.FileKind.Regular => LinuxFiles.DtRegular,
                    LinuxFiles.FileKind.Directory => LinuxFiles.DtDirectory,
                    LinuxFiles.FileKind.SymbolicLink => LinuxFiles.DtSymbolicLink,
                    _ => LinuxFiles.DtFifo,
                };
            }

            if (name.Length > MaxNameBytes)
            {
                _skipped.Add(SkipReason.NameTooLong, SourcePath(key), $"{name.Length} bytes");
                return;
            }

            switch (type)
            {
                case LinuxFiles.DtDirectory:
                    VisitDirectory(fd, namePointer, key + "/", keyBytes + 1, depth + 1, buffer, onDirectory);
                    return;
                case LinuxFiles.DtRegular or LinuxFiles.DtSymbolicLink when keyBytes > MaxKeyBytes:
                    _skipped.Add(SkipReason.KeyTooLong, SourcePath(key), $"{keyBytes:N0} bytes");
                    return;
                case LinuxFiles.DtRegular:
                    VisitFile(fd, namePointer, key);
                    return;
                case LinuxFiles.DtSymbolicLink:
                    VisitLink(fd, namePointer, key);
                    return;
                default:
                    _skipped.Add(SkipReason.SpecialFile, SourcePath(key));
                    return;
            }
        }
    }

    private void VisitDirectory(int parent, byte* name, string prefix, int prefixBytes, int depth, byte[] buffer, Action<int>? onDirectory)
    {
        // The shortest key below this directory is the prefix plus a one-byte name.
        if (prefixBytes + 1 > MaxKeyBytes)
        {
            _skipped.Add(SkipReason.KeyTooLong, SourcePath(prefix), $"every key under it is over {MaxKeyBytes:N0} bytes");
            return;
        }

        if (depth > MaxDepth)
        {
            _skipped.Add(SkipReason.TooDeep, SourcePath(prefix), $"level {depth:N0}");
            return;
        }

        var fd = LinuxFiles.OpenSubdirectory(parent, name);
        if (fd < 0)
        {
            Skip(-fd, SourcePath(prefix));
            return;
        }

        try
        {
            WalkDirectory(fd, prefix, prefixBytes, depth, buffer, onDirectory);
        }
        finally
        {
            LinuxFiles.CloseFd(fd);
        }
    }

    private void VisitFile(int fd, byte* name, string key)
    {
        var errno = LinuxFiles.StatEntry(fd, name, out var status);
        if (errno != 0 || status.Kind != LinuxFiles.FileKind.Regular)
        {
            Skip(errno == 0 ? LinuxFiles.ENOENT : errno, SourcePath(key));
            return;
        }

        if (status.Size > MaxObjectBytes)
        {
            _skipped.Add(SkipReason.FileTooLarge, SourcePath(key), Reporting.Format.Bytes(status.Size));
            return;
        }

        // Contents are read on demand, later: a file the caller may not read is skipped now, as reading it would fail.
        if (LinuxFiles.CheckReadable(fd, name) is not 0 and var denied)
        {
            Skip(denied, SourcePath(key));
            return;
        }

        _entries.Add(new SourceEntry(key, SourceEntryKind.File, status.Size, status.ModificationTimeNs));
    }

    private void VisitLink(int fd, byte* name, string key)
    {
        var length = LinuxFiles.ReadLink(fd, name, _linkBuffer);
        if (length < 0)
        {
            Skip(-length, SourcePath(key));
            return;
        }

        if (length > MaxLinkTargetBytes)
        {
            _skipped.Add(SkipReason.SymbolicLinkTargetTooLong, SourcePath(key), $"{length:N0} bytes");
            return;
        }

        var state = LinuxFiles.StatEntryFollowing(fd, name, out _) switch
        {
            LinuxFiles.ENOENT => LinkTargetState.Dangling,
            LinuxFiles.ELOOP => LinkTargetState.Loop,
            _ => LinkTargetState.Resolves,
        };
        _entries.Add(new SourceEntry(key, SourceEntryKind.SymbolicLink, length, 0, _linkBuffer.AsSpan(0, length).ToArray(), state));
    }

    private void Skip(int errno, string path)
    {
        var reason = errno switch
        {
            LinuxFiles.EACCES or LinuxFiles.EPERM => SkipReason.PermissionDenied,
            LinuxFiles.ENOENT or LinuxFiles.ENOTDIR or LinuxFiles.ELOOP => SkipReason.Vanished,
            LinuxFiles.ENAMETOOLONG => SkipReason.KeyTooLong,
            _ => SkipReason.ReadError,
        };
        _skipped.Add(reason, path, reason == SkipReason.ReadError ? LinuxFiles.Describe(errno) : null);
    }

    private string SourcePath(string key) => _root.EndsWith('/') ? _root + key : _root + "/" + key;
}
