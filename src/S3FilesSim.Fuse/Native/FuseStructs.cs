using System.Runtime.InteropServices;

namespace S3FilesSim.Fuse.Native;

// The libfuse 3.14 x86-64 layouts this binding was verified against (../shared/notes/fuse.md; LibFuse.CheckLayouts
// checks the sizes at start-up). Field offsets are explicit so a mistake cannot hide behind the C packing rules.

/// <summary><c>struct stat</c> (glibc x86-64, 144 bytes).</summary>
[StructLayout(LayoutKind.Explicit, Size = 144)]
internal struct Stat
{
    [FieldOffset(0)] public ulong Dev;
    [FieldOffset(8)] public ulong Ino;
    [FieldOffset(16)] public ulong Nlink;
    [FieldOffset(24)] public uint Mode;
    [FieldOffset(28)] public uint Uid;
    [FieldOffset(32)] public uint Gid;
    [FieldOffset(40)] public ulong Rdev;
    [FieldOffset(48)] public long Size;
    [FieldOffset(56)] public long BlockSize;
    [FieldOffset(64)] public long Blocks;
    [FieldOffset(72)] public long AccessSeconds;
    [FieldOffset(80)] public long AccessNanoseconds;
    [FieldOffset(88)] public long ModificationSeconds;
    [FieldOffset(96)] public long ModificationNanoseconds;
    [FieldOffset(104)] public long ChangeSeconds;
    [FieldOffset(112)] public long ChangeNanoseconds;
}

/// <summary><c>struct fuse_entry_param</c> (176 bytes).</summary>
[StructLayout(LayoutKind.Explicit, Size = 176)]
internal struct FuseEntryParam
{
    [FieldOffset(0)] public ulong Ino;
    [FieldOffset(8)] public ulong Generation;
    [FieldOffset(16)] public Stat Attr;
    [FieldOffset(160)] public double AttrTimeout;
    [FieldOffset(168)] public double EntryTimeout;
}

/// <summary><c>struct fuse_file_info</c> (40 bytes); the bit-field word holds direct_io, keep_cache, flush, flock_release.</summary>
[StructLayout(LayoutKind.Explicit, Size = 40)]
internal struct FuseFileInfo
{
    public const uint DirectIo = 0x2;
    public const uint KeepCache = 0x4;
    public const uint Flush = 0x8;
    public const uint FlockRelease = 0x20;

    [FieldOffset(0)] public int Flags;
    [FieldOffset(4)] public uint Bits;
    [FieldOffset(16)] public ulong Fh;
    [FieldOffset(24)] public ulong LockOwner;
}

/// <summary><c>struct fuse_ctx</c> (16 bytes): the caller of a request.</summary>
[StructLayout(LayoutKind.Explicit, Size = 16)]
internal struct FuseContext
{
    [FieldOffset(0)] public uint Uid;
    [FieldOffset(4)] public uint Gid;
    [FieldOffset(8)] public int Pid;
    [FieldOffset(12)] public uint Umask;
}

/// <summary><c>struct statvfs</c> (112 bytes).</summary>
[StructLayout(LayoutKind.Explicit, Size = 112)]
internal struct StatVfs
{
    [FieldOffset(0)] public ulong BlockSize;
    [FieldOffset(8)] public ulong FragmentSize;
    [FieldOffset(16)] public ulong Blocks;
    [FieldOffset(24)] public ulong FreeBlocks;
    [FieldOffset(32)] public ulong AvailableBlocks;
    [FieldOffset(40)] public ulong Files;
    [FieldOffset(48)] public ulong FreeFiles;
    [FieldOffset(56)] public ulong AvailableFiles;
    [FieldOffset(64)] public ulong FileSystemId;
    [FieldOffset(72)] public ulong Flags;
    [FieldOffset(80)] public ulong MaxNameLength;
}

/// <summary><c>struct flock</c> (32 bytes).</summary>
[StructLayout(LayoutKind.Explicit, Size = 32)]
internal struct Flock
{
    public const short ReadLock = 0;
    public const short WriteLock = 1;
    public const short Unlock = 2;

    [FieldOffset(0)] public short Type;
    [FieldOffset(2)] public short Whence;
    [FieldOffset(8)] public long Start;
    [FieldOffset(16)] public long Length;
    [FieldOffset(24)] public int Pid;
}

/// <summary><c>struct fuse_conn_info</c> (128 bytes): the capabilities negotiated in INIT.</summary>
[StructLayout(LayoutKind.Explicit, Size = 128)]
internal struct FuseConnInfo
{
    [FieldOffset(0)] public uint ProtoMajor;
    [FieldOffset(4)] public uint ProtoMinor;
    [FieldOffset(8)] public uint MaxWrite;
    [FieldOffset(12)] public uint MaxRead;
    [FieldOffset(16)] public uint MaxReadahead;
    [FieldOffset(20)] public uint Capable;
    [FieldOffset(24)] public uint Want;
    [FieldOffset(28)] public uint MaxBackground;
    [FieldOffset(32)] public uint CongestionThreshold;
    [FieldOffset(36)] public uint TimeGranularity;
}

/// <summary><c>struct fuse_buf</c> (40 bytes): one request read from /dev/fuse.</summary>
[StructLayout(LayoutKind.Explicit, Size = 40)]
internal struct FuseBuf
{
    [FieldOffset(0)] public nuint Size;
    [FieldOffset(8)] public int Flags;
    [FieldOffset(16)] public nint Mem;
    [FieldOffset(24)] public int Fd;
    [FieldOffset(32)] public long Pos;
}

/// <summary><c>struct fuse_forget_data</c> (16 bytes).</summary>
[StructLayout(LayoutKind.Explicit, Size = 16)]
internal struct FuseForgetData
{
    [FieldOffset(0)] public ulong Ino;
    [FieldOffset(8)] public ulong Nlookup;
}

/// <summary><c>struct fuse_args</c> (24 bytes).</summary>
[StructLayout(LayoutKind.Explicit, Size = 24)]
internal unsafe struct FuseArgs
{
    [FieldOffset(0)] public int Argc;
    [FieldOffset(8)] public byte** Argv;
    [FieldOffset(16)] public int Allocated;
}

