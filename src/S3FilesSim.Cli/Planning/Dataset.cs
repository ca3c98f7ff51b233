namespace S3FilesSim.Cli.Planning;

/// <summary>
/// The objects a plan is made for, as compact columns: each object's size and directory, and whether it is in the
/// working-set prefix; keys themselves are not kept (10,000,000 keys would cost gigabytes), only each distinct
/// directory once. Objects S3 Files cannot show as files (keys with empty, "." or ".." components, archived storage
/// classes) are counted in S3 storage only.
/// </summary>
internal sealed class Dataset
{
    private readonly Dictionary<string, int> _directoryIds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _directoryLookup;
    private readonly string? _prefix;
    private long[] _sizes = new long[1024];
    private int[] _directories = new int[1024];
    private ulong[] _inPrefix = new ulong[16];

    /// <summary>Creates an empty dataset.</summary>
    /// <param name="source">What the objects were read from, for the report.</param>
    /// <param name="prefix">The working-set prefix whose objects are flagged, or <see langword="null"/>.</param>
    public Dataset(string source, string? prefix)
    {
        Source = source;
        _prefix = prefix;
        _directoryLookup = _directoryIds.GetAlternateLookup<ReadOnlySpan<char>>();
        Directories.Add(string.Empty);
        _directoryIds.Add(string.Empty, 0);
    }

    /// <summary>Gets what the objects were read from.</summary>
    public string Source { get; }

    /// <summary>Gets the number of objects that are files.</summary>
    public int Count { get; private set; }

    /// <summary>Gets the total bytes of the files.</summary>
    public long TotalBytes { get; private set; }

    /// <summary>Gets the objects S3 Files does not show as files (stored in S3 only): their count.</summary>
    public long HiddenObjects { get; private set; }

    /// <summary>Gets the bytes of the objects S3 Files does not show as files.</summary>
    public long HiddenBytes { get; private set; }

    /// <summary>Gets the directory markers (keys ending in <c>/</c>) seen.</summary>
    public long DirectoryMarkers { get; private set; }

    /// <summary>Gets the distinct directories, as key prefixes ending in <c>/</c> (the root is the empty string, id 0).</summary>
    public List<string> Directories { get; } = [];

    /// <summary>Gets the input problems (unparsable lines or rows), in input order; at most <see cref="MaxProblemsKept"/> are kept.</summary>
    public List<InputProblem> Problems { get; } = [];

    /// <summary>Gets the number of input problems, including those not kept.</summary>
    public long ProblemCount { get; private set; }

    /// <summary>Gets how many problems are kept for the report.</summary>
    public const int MaxProblemsKept = 100;

    /// <summary>Gets the sizes of the files, index = file id.</summary>
    public ReadOnlySpan<long> Sizes => _sizes.AsSpan(0, Count);

    /// <summary>Returns the size of file <paramref name="file"/>.</summary>
    public long SizeOf(int file) => _sizes[file];

    /// <summary>Returns the directory id of file <paramref name="file"/>.</summary>
    public int DirectoryOf(int file) => _directories[file];

    /// <summary>Returns whether file <paramref name="file"/>'s key starts with the working-set prefix.</summary>
    public bool InPrefix(int file) => (_inPrefix[file >> 6] & (1UL << (file & 63))) != 0;

    /// <summary>Adds one object.</summary>
    /// <param name="key">The object key.</param>
    /// <param name="size">The size in bytes; non-negative.</param>
    /// <param name="archived">The object is in an archived storage class (S3 Files cannot read it).</param>
    public void Add(ReadOnlySpan<char> key, long size, bool archived = false)
    {
        if (key.Length > 0 && key[^1] == '/')
        {
            DirectoryMarkers++;
            HiddenBytes += size;
            return;
        }

        if (archived || !IsPosixPath(key))
        {
            HiddenObjects++;
            HiddenBytes += size;
            return;
        }

        if (Count == _sizes.Length)
        {
            Array.Resize(ref _sizes, _sizes.Length * 2);
            Array.Resize(ref _directories, _directories.Length * 2);
            Array.Resize(ref _inPrefix, _inPrefix.Length * 2);
        }

        var slash = key.LastIndexOf('/');
        var directory = slash < 0 ? ReadOnlySpan<char>.Empty : key[..(slash + 1)];
        if (!_directoryLookup.TryGetValue(directory, out var id))
        {
            id = Directories.Count;
            var text = directory.ToString();
            Directories.Add(text);
            _directoryIds.Add(text, id);
        }

        _sizes[Count] = size;
        _directories[Count] = id;
        if (_prefix is not null && key.StartsWith(_prefix, StringComparison.Ordinal))
        {
            _inPrefix[Count >> 6] |= 1UL << (Count & 63);
        }

        TotalBytes += size;
        Count++;
    }

    /// <summary>Records an input problem (line or row <paramref name="line"/>, 1-based).</summary>
    public void AddProblem(long line, string message)
    {
        ProblemCount++;
        if (Problems.Count < MaxProblemsKept)
        {
            Problems.Add(new InputProblem(line, message));
        }
    }

    /// <summary>Whether S3 Files can show <paramref name="key"/> as a file: no empty, "." or ".." component and none
    /// longer than 255 bytes (https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-quotas.html).</summary>
    internal static bool IsPosixPath(ReadOnlySpan<char> key)
    {
        if (key.IsEmpty || key.Contains('\0'))
        {
            return false;
        }

        foreach (var range in key.Split('/'))
        {
            var part = key[range];
            if (part.IsEmpty || part is "." or ".." || (part.Length > 63 && System.Text.Encoding.UTF8.GetByteCount(part) > 255))
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>An input line or row that could not be used.</summary>
/// <param name="Line">Its 1-based line (or CSV row) number.</param>
/// <param name="Message">What is wrong with it.</param>
internal sealed record InputProblem(long Line, string Message);
