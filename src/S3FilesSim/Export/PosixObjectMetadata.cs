using System.Globalization;
using System.Text;
using S3FilesSim.FileSystem;
using S3FilesSim.Namespace;
using S3FilesSim.ObjectStorage;

namespace S3FilesSim.Export;

/// <summary>
/// The POSIX user metadata S3 Files writes on exported objects (<c>file-owner</c>, <c>file-group</c>,
/// <c>file-permissions</c>, <c>file-mtime</c>, <c>file-btime</c>) and reads back on import
/// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-posix-metadata.html).
/// </summary>
internal static class PosixObjectMetadata
{
    /// <summary>The owner uid, decimal.</summary>
    public const string Owner = "file-owner";

    /// <summary>The group gid, decimal.</summary>
    public const string Group = "file-group";

    /// <summary>The type bits and mode, octal, e.g. <c>0100644</c>.</summary>
    public const string Permissions = "file-permissions";

    /// <summary>The modification time, <c>&lt;ns since epoch&gt;ns</c>.</summary>
    public const string ModificationTime = "file-mtime";

    /// <summary>The birth time, <c>&lt;ns since epoch&gt;ns</c>.</summary>
    public const string BirthTime = "file-btime";

    /// <summary>The S3 user-metadata limit, 2 KB of keys and values.</summary>
    public const int MaxBytes = 2048;

    /// <summary>0644, the documented mode of a file imported without <c>file-permissions</c>.</summary>
    public const UnixFileMode DefaultFileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    private const int TypeDirectory = 0x4000;
    private const int TypeRegular = 0x8000;
    private const int TypeSymbolicLink = 0xA000;
    private const int TypeMask = 0xF000;

    /// <summary>Returns the metadata of <paramref name="inode"/> as S3 user metadata.</summary>
    public static Dictionary<string, string> Of(Inode inode) => new(5, StringComparer.OrdinalIgnoreCase)
    {
        [Owner] = inode.Uid.ToString(CultureInfo.InvariantCulture),
        [Group] = inode.Gid.ToString(CultureInfo.InvariantCulture),
        [Permissions] = FormatPermissions(inode.Type, inode.Mode),
        [ModificationTime] = FormatTime(inode.ModificationTimeNs),
        [BirthTime] = FormatTime(inode.BirthTimeNs),
    };

    /// <summary>Returns the size S3 counts against the 2 KB limit: the UTF-8 bytes of every key and value.</summary>
    public static int SizeOf(Dictionary<string, string> metadata)
    {
        var size = 0;
        foreach (var (key, value) in metadata)
        {
            size += Encoding.UTF8.GetByteCount(key) + Encoding.UTF8.GetByteCount(value);
        }

        return size;
    }

    /// <summary>Formats type bits and mode as S3 Files does: seven octal digits, e.g. <c>0100644</c>, <c>0040755</c>, <c>0120777</c>.</summary>
    public static string FormatPermissions(FileType type, UnixFileMode mode)
    {
        var typeBits = type switch
        {
            FileType.Directory => TypeDirectory,
            FileType.SymbolicLink => TypeSymbolicLink,
            _ => TypeRegular,
        };
        return string.Create(7, typeBits | ((int)mode & 0xFFF), static (span, bits) =>
        {
            for (var i = span.Length - 1; i >= 0; i--, bits >>= 3)
            {
                span[i] = (char)('0' + (bits & 7));
            }
        });
    }

    /// <summary>Formats nanoseconds since the Unix epoch as <c>&lt;ns&gt;ns</c>.</summary>
    public static string FormatTime(long nanoseconds)
    {
        Span<char> buffer = stackalloc char[22];
        nanoseconds.TryFormat(buffer, out var written, provider: CultureInfo.InvariantCulture);
        buffer[written++] = 'n';
        buffer[written++] = 's';
        return new string(buffer[..written]);
    }

    /// <summary>Reads the entry type and mode from <c>file-permissions</c>: regular file <see cref="DefaultFileMode"/> when absent or unreadable (directories are never imported here).</summary>
    public static (FileType Type, UnixFileMode Mode) ParsePermissions(IReadOnlyDictionary<string, string> metadata)
    {
        if (!metadata.TryGetValue(Permissions, out var text))
        {
            return (FileType.RegularFile, DefaultFileMode);
        }

        try
        {
            var bits = Convert.ToInt32(text, 8);
            var type = (bits & TypeMask) == TypeSymbolicLink ? FileType.SymbolicLink : FileType.RegularFile;
            return (type, (UnixFileMode)(bits & 0xFFF));
        }
        catch (FormatException)
        {
            return (FileType.RegularFile, DefaultFileMode);
        }
        catch (ArgumentException)
        {
            return (FileType.RegularFile, DefaultFileMode);
        }
    }

    /// <summary>Reads a decimal id, 0 (root) when absent or unreadable.</summary>
    public static uint ParseId(IReadOnlyDictionary<string, string> metadata, string key) =>
        metadata.TryGetValue(key, out var text) && uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : 0;

    /// <summary>Reads a <c>&lt;ns&gt;ns</c> time, or <paramref name="fallback"/>.</summary>
    public static long ParseTime(IReadOnlyDictionary<string, string> metadata, string key, long fallback) =>
        metadata.TryGetValue(key, out var text) && text.EndsWith("ns", StringComparison.Ordinal)
            && long.TryParse(text.AsSpan(0, text.Length - 2), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var ns) ? ns : fallback;

    /// <summary>Returns the metadata of <paramref name="head"/>, or an empty map.</summary>
    public static IReadOnlyDictionary<string, string> Of(ObjectMetadata? head) => head?.Metadata ?? new Dictionary<string, string>();
}
