using System.Globalization;

namespace S3FilesSim.FileSystem;

/// <summary>The identity a mount acts as: a UID, a primary GID and supplementary GIDs (each 0 to 4,294,967,295).</summary>
/// <remarks>Mirrors the access point <c>PosixUser</c> shape of the S3 Files API
/// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-access-points-creating.html).</remarks>
public sealed class PosixUser : IEquatable<PosixUser>
{
    /// <summary>The root user, uid 0 and gid 0.</summary>
    public static readonly PosixUser Root = new(0, 0);

    /// <summary>The NFS anonymous user (65534:65534) that root is squashed to without <c>ClientRootAccess</c>.</summary>
    public static readonly PosixUser Anonymous = new(65534, 65534);

    /// <summary>Creates a POSIX user.</summary>
    /// <param name="uid">The user id.</param>
    /// <param name="gid">The primary group id.</param>
    /// <param name="secondaryGids">Supplementary group ids; duplicates are ignored.</param>
    public PosixUser(uint uid, uint gid, params IEnumerable<uint> secondaryGids)
    {
        ArgumentNullException.ThrowIfNull(secondaryGids);
        Uid = uid;
        Gid = gid;
        SecondaryGids = secondaryGids.Distinct().Order().ToArray();
    }

    /// <summary>Gets the user id.</summary>
    public uint Uid { get; }

    /// <summary>Gets the primary group id.</summary>
    public uint Gid { get; }

    /// <summary>Gets the supplementary group ids, ascending.</summary>
    public IReadOnlyList<uint> SecondaryGids { get; }

    /// <summary>Gets a value indicating whether this is uid 0.</summary>
    public bool IsRoot => Uid == 0;

    /// <summary>Returns whether the user belongs to <paramref name="gid"/> as primary or supplementary group.</summary>
    /// <param name="gid">The group id.</param>
    /// <returns><see langword="true"/> when the user is a member.</returns>
    public bool IsInGroup(uint gid)
    {
        if (gid == Gid)
        {
            return true;
        }

        foreach (var g in SecondaryGids)
        {
            if (g == gid)
            {
                return true;
            }
        }

        return false;
    }

    /// <inheritdoc />
    public bool Equals(PosixUser? other) =>
        other is not null && other.Uid == Uid && other.Gid == Gid && other.SecondaryGids.SequenceEqual(SecondaryGids);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as PosixUser);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Uid, Gid, SecondaryGids.Count);

    /// <inheritdoc />
    public override string ToString() => SecondaryGids.Count == 0
        ? string.Create(CultureInfo.InvariantCulture, $"{Uid}:{Gid}")
        : string.Create(CultureInfo.InvariantCulture, $"{Uid}:{Gid}[{string.Join(',', SecondaryGids)}]");
}

/// <summary>Flags of open(2), with their Linux values.</summary>
[Flags]
public enum OpenFlags
{
    /// <summary><c>O_RDONLY</c>: open for reading only.</summary>
    ReadOnly = 0,

    /// <summary><c>O_WRONLY</c>: open for writing only.</summary>
    WriteOnly = 0x1,

    /// <summary><c>O_RDWR</c>: open for reading and writing.</summary>
    ReadWrite = 0x2,

    /// <summary><c>O_CREAT</c>: create the file when it does not exist.</summary>
    Create = 0x40,

    /// <summary><c>O_EXCL</c>: with <see cref="Create"/>, fail with <see cref="Errno.EEXIST"/> when the path exists.</summary>
    Exclusive = 0x80,

    /// <summary><c>O_TRUNC</c>: truncate a regular file opened for writing to length 0.</summary>
    Truncate = 0x200,

    /// <summary><c>O_APPEND</c>: every write goes to the end of the file.</summary>
    Append = 0x400,

    /// <summary><c>O_DIRECTORY</c>: fail with <see cref="Errno.ENOTDIR"/> unless the path is a directory.</summary>
    Directory = 0x10000,

    /// <summary><c>O_NOFOLLOW</c>: fail with <see cref="Errno.ELOOP"/> when the last component is a symbolic link.</summary>
    NoFollow = 0x20000,
}

/// <summary>The type of a file-system entry.</summary>
public enum FileType
{
    /// <summary>A regular file (<c>S_IFREG</c>, type bits <c>0100000</c>).</summary>
    RegularFile,

    /// <summary>A directory (<c>S_IFDIR</c>, type bits <c>0040000</c>).</summary>
    Directory,

    /// <summary>A symbolic link (<c>S_IFLNK</c>, type bits <c>0120000</c>).</summary>
    SymbolicLink,

    /// <summary>A FIFO (named pipe, <c>S_IFIFO</c>, type bits <c>0010000</c>): lives on the file system only and is never exported.</summary>
    Fifo,

    /// <summary>A UNIX domain socket (<c>S_IFSOCK</c>, type bits <c>0140000</c>): lives on the file system only and is never exported.</summary>
    Socket,

    /// <summary>A character device (<c>S_IFCHR</c>, type bits <c>0020000</c>): S3 Files has none; mknod(2) of one fails with <see cref="Errno.EPERM"/>.</summary>
    CharacterDevice,

    /// <summary>A block device (<c>S_IFBLK</c>, type bits <c>0060000</c>): S3 Files has none; mknod(2) of one fails with <see cref="Errno.EPERM"/>.</summary>
    BlockDevice,
}

/// <summary>An open file description returned by <see cref="IFileSystem.OpenAsync"/>; valid on the mount that opened it until closed.</summary>
/// <param name="Value">The opaque descriptor number.</param>
/// <remarks>A handle remembers the mount that issued it, so a handle of another mount or another file system is
/// <see cref="Errno.EBADF"/> even when its number is also open there.</remarks>
public readonly record struct FileHandle(long Value)
{
    /// <summary>Gets the mount that issued the handle, or <see langword="null"/> for a handle built from a number.</summary>
    internal object? Issuer { get; init; }
}

/// <summary>A POSIX <c>struct timespec</c>: seconds and nanoseconds since the Unix epoch.</summary>
/// <param name="Seconds">Whole seconds since 1970-01-01T00:00:00Z.</param>
/// <param name="Nanoseconds">Nanoseconds, 0 to 999,999,999.</param>
public readonly record struct Timespec(long Seconds, long Nanoseconds) : IComparable<Timespec>
{
    /// <summary>Gets the instant as nanoseconds since the Unix epoch (the <c>file-mtime</c> metadata form without the <c>ns</c> suffix).</summary>
    public long TotalNanoseconds => (Seconds * 1_000_000_000) + Nanoseconds;

    /// <summary>Converts an instant to a timespec (100 ns resolution, like <see cref="DateTimeOffset"/>).</summary>
    /// <param name="instant">The instant.</param>
    /// <returns>The timespec.</returns>
    public static Timespec FromDateTimeOffset(DateTimeOffset instant) => FromNanoseconds((instant.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * 100);

    /// <summary>Creates a timespec from nanoseconds since the Unix epoch.</summary>
    /// <param name="nanoseconds">Nanoseconds since 1970-01-01T00:00:00Z.</param>
    /// <returns>The timespec.</returns>
    public static Timespec FromNanoseconds(long nanoseconds) =>
        new(Math.DivRem(nanoseconds, 1_000_000_000, out var rem) - (rem < 0 ? 1 : 0), rem < 0 ? rem + 1_000_000_000 : rem);

    /// <summary>Converts to a <see cref="DateTimeOffset"/> (truncated to 100 ns).</summary>
    /// <returns>The instant in UTC.</returns>
    public DateTimeOffset ToDateTimeOffset() => DateTimeOffset.UnixEpoch.AddTicks(TotalNanoseconds / 100);

    /// <inheritdoc />
    public int CompareTo(Timespec other) => TotalNanoseconds.CompareTo(other.TotalNanoseconds);

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Seconds}.{Nanoseconds:D9}");
}

/// <summary>One timestamp argument of utimensat(2): set to a value, to the current time (<c>UTIME_NOW</c>), or leave unchanged (<c>UTIME_OMIT</c>).</summary>
public readonly record struct TimeUpdate
{
    private TimeUpdate(int kind, Timespec value)
    {
        Kind = kind;
        Value = value;
    }

    /// <summary>Gets <c>UTIME_NOW</c>: set to the current (virtual) time.</summary>
    public static TimeUpdate Now => new(1, default);

    /// <summary>Gets <c>UTIME_OMIT</c>: leave the timestamp unchanged.</summary>
    public static TimeUpdate Omit => new(2, default);

    /// <summary>Gets a value indicating whether this is <c>UTIME_NOW</c>.</summary>
    public bool IsNow => Kind == 1;

    /// <summary>Gets a value indicating whether this is <c>UTIME_OMIT</c>.</summary>
    public bool IsOmit => Kind == 2;

    /// <summary>Gets the explicit value when neither <see cref="IsNow"/> nor <see cref="IsOmit"/>.</summary>
    public Timespec Value { get; }

    private int Kind { get; }

    /// <summary>Sets the timestamp to <paramref name="value"/>.</summary>
    /// <param name="value">The new value.</param>
    /// <returns>The update.</returns>
    public static TimeUpdate To(Timespec value) => new(0, value);

    /// <summary>Sets the timestamp to <paramref name="value"/>.</summary>
    /// <param name="value">The new value.</param>
    /// <returns>The update.</returns>
    public static TimeUpdate To(DateTimeOffset value) => new(0, Timespec.FromDateTimeOffset(value));
}

/// <summary>The result of stat(2), lstat(2) and fstat(2).</summary>
public sealed record FileStatus
{
    /// <summary>Gets the inode number, unique within the file system.</summary>
    public required ulong InodeNumber { get; init; }

    /// <summary>Gets the entry type.</summary>
    public required FileType Type { get; init; }

    /// <summary>Gets the permission bits, including set-user-id, set-group-id and sticky.</summary>
    public required UnixFileMode Mode { get; init; }

    /// <summary>Gets the owner uid.</summary>
    public required uint Uid { get; init; }

    /// <summary>Gets the owner gid.</summary>
    public required uint Gid { get; init; }

    /// <summary>Gets the size in bytes: file length, symlink target length in bytes, or 4,096 for a directory.</summary>
    public required long Size { get; init; }

    /// <summary>Gets the link count: 1 for files and symlinks (no hard links); 2 plus subdirectories for directories; 0 once the entry was removed while open (fstat(2) of an unlinked file).</summary>
    public required int LinkCount { get; init; }

    /// <summary>Gets the last access time.</summary>
    public required Timespec AccessTime { get; init; }

    /// <summary>Gets the last data modification time.</summary>
    public required Timespec ModificationTime { get; init; }

    /// <summary>Gets the last status change time.</summary>
    public required Timespec ChangeTime { get; init; }

    /// <summary>Gets the birth (creation) time.</summary>
    public required Timespec BirthTime { get; init; }

    /// <summary>Gets the number of 512-byte blocks allocated on the high-performance storage.</summary>
    public required long Blocks { get; init; }

    /// <summary>Gets the preferred I/O size in bytes (1,048,576, the S3 Files mount's <c>rsize</c>/<c>wsize</c>).</summary>
    public int BlockSize { get; init; } = 1_048_576;

    /// <summary>Gets <c>st_mode</c>: type bits and permission bits, e.g. <c>0100644</c> (octal) for a 0644 regular file.</summary>
    public uint RawMode => TypeBits(Type) | (uint)Mode;

    /// <summary>Returns the <c>S_IFMT</c> bits of <paramref name="type"/>.</summary>
    /// <param name="type">The entry type.</param>
    /// <returns><c>0100000</c>, <c>0040000</c>, <c>0120000</c>, <c>0010000</c>, <c>0140000</c>, <c>0020000</c> or <c>0060000</c> (octal).</returns>
    public static uint TypeBits(FileType type) => type switch
    {
        FileType.RegularFile => 0x8000,
        FileType.Directory => 0x4000,
        FileType.SymbolicLink => 0xA000,
        FileType.Fifo => 0x1000,
        FileType.Socket => 0xC000,
        FileType.CharacterDevice => 0x2000,
        FileType.BlockDevice => 0x6000,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };
}

/// <summary>One entry returned by readdir(3).</summary>
/// <param name="Name">The entry name (never <c>.</c> or <c>..</c>).</param>
/// <param name="InodeNumber">The entry's inode number.</param>
/// <param name="Type">The entry type (<c>d_type</c>).</param>
public readonly record struct DirectoryEntry(string Name, ulong InodeNumber, FileType Type);

/// <summary>Flags of renameat2(2).</summary>
[Flags]
public enum RenameFlags
{
    /// <summary>Replace an existing target per rename(2).</summary>
    None = 0,

    /// <summary><c>RENAME_NOREPLACE</c>: fail with <see cref="Errno.EEXIST"/> when the target exists.</summary>
    NoReplace = 1,
}

/// <summary>The checks of access(2).</summary>
[Flags]
public enum AccessMode
{
    /// <summary><c>F_OK</c>: the path exists.</summary>
    Exists = 0,

    /// <summary><c>X_OK</c>: execute (search for directories).</summary>
    Execute = 1,

    /// <summary><c>W_OK</c>: write.</summary>
    Write = 2,

    /// <summary><c>R_OK</c>: read.</summary>
    Read = 4,
}

/// <summary>The type of an fcntl(2) byte-range lock.</summary>
public enum LockType
{
    /// <summary><c>F_RDLCK</c>: a shared (read) lock.</summary>
    Read,

    /// <summary><c>F_WRLCK</c>: an exclusive (write) lock.</summary>
    Write,

    /// <summary><c>F_UNLCK</c>: release the range.</summary>
    Unlock,
}

/// <summary>An fcntl(2) byte-range lock request or a held lock (the <c>struct flock</c> shape, offsets absolute).</summary>
/// <param name="Type">Read, write or unlock.</param>
/// <param name="Start">The first byte, non-negative.</param>
/// <param name="Length">The number of bytes; 0 means "to the end of the file, however it grows".</param>
/// <param name="ProcessId">The lock owner within the mount (<c>l_pid</c>): on a request, 0 for the process that opened the
/// handle, or another process sharing the open file description (as after fork(2)); on results, set by the file system.</param>
public readonly record struct FileLock(LockType Type, long Start, long Length, int ProcessId = 0);

/// <summary>The operation of flock(2), emulated on NFS as a whole-file byte-range lock.</summary>
public enum FlockOperation
{
    /// <summary><c>LOCK_SH</c>: a shared lock on the whole file.</summary>
    Shared,

    /// <summary><c>LOCK_EX</c>: an exclusive lock on the whole file.</summary>
    Exclusive,

    /// <summary><c>LOCK_UN</c>: release.</summary>
    Unlock,
}

/// <summary>The result of statfs(2) on an S3 Files mount.</summary>
public sealed record FileSystemStatistics
{
    /// <summary>Gets the file system id (<c>fs-</c> followed by hex digits).</summary>
    public required string FileSystemId { get; init; }

    /// <summary>Gets the block size in bytes used by the block counts.</summary>
    public required long BlockSize { get; init; }

    /// <summary>Gets the total number of blocks: 8 EiB less 1 MiB in all, as <c>df</c> shows on S3 Files' EFS-based storage
    /// (8,796,093,022,207 blocks of 1 MiB; 9,007,199,254,739,968 1K-blocks).</summary>
    public required long TotalBlocks { get; init; }

    /// <summary>Gets the number of free blocks.</summary>
    public required long FreeBlocks { get; init; }

    /// <summary>Gets the number of blocks available to unprivileged users.</summary>
    public required long AvailableBlocks { get; init; }

    /// <summary>Gets the number of inodes in use.</summary>
    public required long UsedInodes { get; init; }

    /// <summary>Gets the longest name allowed, in bytes (255).</summary>
    public int MaxNameLength { get; init; } = 255;
}
