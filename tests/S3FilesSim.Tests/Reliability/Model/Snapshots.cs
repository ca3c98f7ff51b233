using System.Globalization;
using System.Text;
using S3FilesSim.FileSystem;
using S3FilesSim.ObjectStorage;

namespace S3FilesSim.Tests.Reliability.Model;

/// <summary>One entry as seen through a mount (file system) or derived from the bucket: type, permission bits, owner, bytes or link target, mtime.</summary>
internal sealed record ObservedEntry(FileType Type, int Mode, uint Uid, uint Gid, byte[] Data, string Target, long? MtimeNanoseconds)
{
    public string Describe() => Type switch
    {
        FileType.RegularFile => $"file 0{Convert.ToString(Mode, 8)} {Uid}:{Gid} \"{Encoding.UTF8.GetString(Data)}\"",
        FileType.SymbolicLink => $"symlink -> \"{Target}\"",
        _ => $"directory 0{Convert.ToString(Mode, 8)} {Uid}:{Gid}",
    };

    /// <summary>Compares with another observation; <paramref name="compareMtime"/> compares mtimes when both sides have one.</summary>
    public bool SameAs(ObservedEntry other, bool compareMtime) =>
        Type == other.Type && Uid == other.Uid && Gid == other.Gid && Target == other.Target && Data.AsSpan().SequenceEqual(other.Data) &&
        (Type == FileType.SymbolicLink || Mode == other.Mode) &&
        (!compareMtime || MtimeNanoseconds is null || other.MtimeNanoseconds is null || MtimeNanoseconds == other.MtimeNanoseconds);
}

/// <summary>Whole-tree snapshots of the file-system view and of the bucket's latest versions.</summary>
internal static class Snapshots
{
    public const string LostAndFoundPrefix = ".s3files-lost+found-";

    /// <summary>Walks the whole tree through <paramref name="fs"/>; lost+found files go to <paramref name="lostAndFound"/> by name.</summary>
    public static async Task<SortedDictionary<string, ObservedEntry>> FileSystemAsync(IFileSystem fs, Dictionary<string, byte[]> lostAndFound)
    {
        var tree = new SortedDictionary<string, ObservedEntry>(StringComparer.Ordinal);
        await WalkAsync(fs, "/", tree, lostAndFound).ConfigureAwait(false);
        return tree;
    }

    private static async Task WalkAsync(IFileSystem fs, string directory, SortedDictionary<string, ObservedEntry> tree, Dictionary<string, byte[]> lostAndFound)
    {
        foreach (var child in await fs.ReadDirectoryAsync(directory).ConfigureAwait(false))
        {
            var path = ModelPaths.Child(directory, child.Name);
            if (directory == "/" && child.Name.StartsWith(LostAndFoundPrefix, StringComparison.Ordinal))
            {
                foreach (var lost in await fs.ReadDirectoryAsync(path).ConfigureAwait(false))
                {
                    var entry = await ObserveAsync(fs, ModelPaths.Child(path, lost.Name)).ConfigureAwait(false);
                    lostAndFound[lost.Name] = entry.Type == FileType.SymbolicLink ? Encoding.UTF8.GetBytes(entry.Target) : entry.Data;
                }

                continue;
            }

            var observed = await ObserveAsync(fs, path).ConfigureAwait(false);
            tree[path] = observed;
            if (observed.Type == FileType.Directory)
            {
                await WalkAsync(fs, path, tree, lostAndFound).ConfigureAwait(false);
            }
        }
    }

    /// <summary>lstat plus the bytes of a file or the target of a link.</summary>
    public static async Task<ObservedEntry> ObserveAsync(IFileSystem fs, string path)
    {
        var status = await fs.LstatAsync(path).ConfigureAwait(false);
        return status.Type switch
        {
            FileType.RegularFile => Observed(status, await fs.ReadAllBytesAsync(path).ConfigureAwait(false), ""),
            FileType.SymbolicLink => Observed(status, [], await fs.ReadLinkAsync(path).ConfigureAwait(false)),
            _ => Observed(status, [], ""),
        };
    }

    private static ObservedEntry Observed(FileStatus status, byte[] data, string target) =>
        new(status.Type, (int)status.Mode & 0xFFF, status.Uid, status.Gid, data, target, status.Type == FileType.RegularFile ? status.ModificationTime.TotalNanoseconds : null);

    /// <summary>
    /// The file-system view the bucket's latest versions imply (docs/SEMANTICS.md, Import): valid components become
    /// directories, markers give a directory its metadata, a directory wins over an object of the same name, and keys
    /// with an empty, <c>.</c>, <c>..</c>, NUL or over-255-byte component are not imported (their valid leading
    /// components still make directories, as the listing's common prefixes do).
    /// </summary>
    /// <param name="bucket">The bucket.</param>
    /// <param name="mayBeHidden">Paths where an object may be hidden because a directory of that name shadowed it at some time.</param>
    /// <param name="cache">Entries already read, by key, ETag and last-modified time (so each object version is read once).</param>
    public static async Task<BucketView> BucketAsync(IObjectStore bucket, Func<string, bool> mayBeHidden, Dictionary<(string, ETag, DateTimeOffset), ObservedEntry> cache)
    {
        var directories = new Dictionary<string, ObservedEntry>(StringComparer.Ordinal);
        var objects = new Dictionary<string, ObservedEntry>(StringComparer.Ordinal);
        foreach (var summary in await SummariesAsync(bucket).ConfigureAwait(false))
        {
            var key = summary.Key;
            var marker = key.EndsWith('/');
            var components = (marker ? key[..^1] : key).Split('/');
            var directory = "/";
            var valid = true;
            foreach (var component in components[..^1])
            {
                if (!IsImportableName(component))
                {
                    valid = false;
                    break;
                }

                directory = ModelPaths.Child(directory, component);
                directories.TryAdd(directory, ImplicitDirectory);
            }

            if (!valid || !IsImportableName(components[^1]))
            {
                continue;
            }

            var path = ModelPaths.Child(directory, components[^1]);
            if (!cache.TryGetValue((key, summary.ETag, summary.LastModified), out var entry))
            {
                using var result = await bucket.GetObjectAsync(new GetObjectRequest { Key = key }).ConfigureAwait(false);
                var data = await result.ReadAllBytesAsync().ConfigureAwait(false);
                entry = FromObject(result.Object!.Metadata, data, marker);
                cache[(key, summary.ETag, summary.LastModified)] = entry;
            }

            if (marker)
            {
                directories[path] = entry;
            }
            else
            {
                objects[path] = entry;
            }
        }

        var view = new BucketView();
        foreach (var (path, entry) in directories)
        {
            view.Tree[path] = entry;
        }

        var supported = new HashSet<string>(directories.Where(d => !IsImplicit(d.Value)).Select(d => d.Key), StringComparer.Ordinal);
        foreach (var (path, entry) in objects)
        {
            if (!view.Tree.TryAdd(path, entry))
            {
                view.Shadowed[path] = entry;
                view.Hidden.Add(path);
            }
            else if (mayBeHidden(path))
            {
                view.Hidden.Add(path);
            }
            else
            {
                supported.Add(path);
            }
        }

        foreach (var path in supported.ToList())
        {
            supported.UnionWith(ModelPaths.Ancestors(path));
        }

        view.Ghosts.UnionWith(directories.Keys.Where(d => !supported.Contains(d)));
        return view;
    }

    /// <summary>True for a directory only the keys below it imply (no marker object).</summary>
    public static bool IsImplicit(ObservedEntry entry) => ReferenceEquals(entry, ImplicitDirectory);

    public static bool IsImportableName(string name) =>
        name.Length > 0 && name != "." && name != ".." && !name.Contains('\0', StringComparison.Ordinal) && Encoding.UTF8.GetByteCount(name) <= 255;

    private static readonly ObservedEntry ImplicitDirectory = new(FileType.Directory, 0x1ED, 0, 0, [], "", null);

    private static ObservedEntry FromObject(IReadOnlyDictionary<string, string> metadata, byte[] data, bool marker)
    {
        var permissions = metadata.TryGetValue("file-permissions", out var octal) ? Convert.ToInt32(octal, 8) : (marker ? 0x41ED : 0x81A4);
        var uid = metadata.TryGetValue("file-owner", out var owner) ? uint.Parse(owner, CultureInfo.InvariantCulture) : 0;
        var gid = metadata.TryGetValue("file-group", out var group) ? uint.Parse(group, CultureInfo.InvariantCulture) : 0;
        long? mtime = metadata.TryGetValue("file-mtime", out var text) ? long.Parse(text.TrimEnd('n', 's'), CultureInfo.InvariantCulture) : null;
        if (marker)
        {
            return new(FileType.Directory, permissions & 0xFFF, uid, gid, [], "", null);
        }

        return (permissions & 0xF000) == 0xA000
            ? new(FileType.SymbolicLink, 0x1FF, uid, gid, [], Encoding.UTF8.GetString(data), null)
            : new(FileType.RegularFile, permissions & 0xFFF, uid, gid, data, "", mtime);
    }

    public static async Task<List<string>> KeysAsync(IObjectStore bucket) => [.. (await SummariesAsync(bucket).ConfigureAwait(false)).Select(o => o.Key)];

    private static async Task<List<ObjectSummary>> SummariesAsync(IObjectStore bucket)
    {
        var summaries = new List<ObjectSummary>();
        string? token = null;
        do
        {
            var page = await bucket.ListObjectsV2Async(new ListObjectsV2Request { ContinuationToken = token }).ConfigureAwait(false);
            summaries.AddRange(page.Contents);
            token = page.IsTruncated ? page.NextContinuationToken : null;
        }
        while (token is not null);
        return summaries;
    }

    /// <summary>Every version's bytes of <paramref name="key"/> (delete markers left out).</summary>
    public static async Task<List<byte[]>> VersionBytesAsync(IObjectStore bucket, string key)
    {
        var versions = await bucket.ListObjectVersionsAsync(new ListObjectVersionsRequest { Prefix = key }).ConfigureAwait(false);
        var bytes = new List<byte[]>();
        foreach (var version in versions.Versions.Where(v => v.Key == key && !v.IsDeleteMarker))
        {
            using var result = await bucket.GetObjectAsync(new GetObjectRequest { Key = key, VersionId = version.VersionId }).ConfigureAwait(false);
            bytes.Add(await result.ReadAllBytesAsync().ConfigureAwait(false));
        }

        return bytes;
    }
}

/// <summary>
/// What the bucket implies: the tree, the objects a directory of the same name shadows, the objects that are or may be
/// hidden that way, and the ghost directories only hidden or unimportable objects imply.
/// </summary>
internal sealed class BucketView
{
    public SortedDictionary<string, ObservedEntry> Tree { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, ObservedEntry> Shadowed { get; } = new(StringComparer.Ordinal);

    public HashSet<string> Hidden { get; } = new(StringComparer.Ordinal);

    public HashSet<string> Ghosts { get; } = new(StringComparer.Ordinal);
}
