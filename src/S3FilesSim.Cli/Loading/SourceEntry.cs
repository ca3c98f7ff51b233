namespace S3FilesSim.Cli.Loading;

/// <summary>What a source-tree entry becomes in the bucket.</summary>
internal enum SourceEntryKind
{
    /// <summary>A regular file: an object whose body is read from the file on demand.</summary>
    File,

    /// <summary>A symbolic link: an object whose body is the link's target and whose <c>file-permissions</c> is <c>0120777</c>.</summary>
    SymbolicLink,

    /// <summary>An empty directory: a <c>dir/</c> marker object, as S3 Files exports one.</summary>
    EmptyDirectory,
}

/// <summary>Where a symbolic link of the source tree points, as stat(2) through it says.</summary>
internal enum LinkTargetState
{
    /// <summary>Not a symbolic link, or its target exists.</summary>
    Resolves,

    /// <summary>The target does not exist (stat(2) through the link fails with ENOENT).</summary>
    Dangling,

    /// <summary>The link is part of a loop (stat(2) through it fails with ELOOP).</summary>
    Loop,
}

/// <summary>Why an entry of the source tree was not loaded. Each skipped entry is counted under one reason and the
/// first few paths are listed in the report; the run goes on.</summary>
internal enum SkipReason
{
    /// <summary>A FIFO, socket, character or block device: never opened (opening a FIFO blocks, a device never ends).</summary>
    SpecialFile,

    /// <summary>The caller may not read the file or list the directory (EACCES, EPERM): the directory's contents are skipped with it.</summary>
    PermissionDenied,

    /// <summary>The name is not valid UTF-8, so it cannot be part of an S3 key (keys are UTF-8).</summary>
    NameNotUtf8,

    /// <summary>A name over 255 bytes: S3 Files does not import a key with such a component.</summary>
    NameTooLong,

    /// <summary>The key would be over 1,024 bytes, the S3 limit; for a directory, every key under it would be.</summary>
    KeyTooLong,

    /// <summary>Deeper than the 1,000 directory levels S3 Files allows.</summary>
    TooDeep,

    /// <summary>A symbolic link whose target is over 4,080 bytes, the S3 Files limit.</summary>
    SymbolicLinkTargetTooLong,

    /// <summary>A file larger than 5 TiB, the largest S3 object.</summary>
    FileTooLarge,

    /// <summary>The entry disappeared or changed type while the tree was read.</summary>
    Vanished,

    /// <summary>Any other error of the source file system (EIO, ...): the message says which.</summary>
    ReadError,
}

/// <summary>One entry of the source tree to load, in the walk's deterministic order.</summary>
/// <param name="Key">The object key: the path relative to the source root, with <c>/</c> separators (a marker ends with <c>/</c>).</param>
/// <param name="Kind">What the entry becomes.</param>
/// <param name="Size">The file size in bytes (the target length for a link, 0 for a marker).</param>
/// <param name="ModificationTimeNs">The file's modification time in nanoseconds since the epoch, checked again on every read.</param>
/// <param name="LinkTarget">The bytes of a symbolic link's target; <see langword="null"/> otherwise.</param>
/// <param name="LinkState">Whether a symbolic link resolves, dangles or loops.</param>
internal sealed record SourceEntry(string Key, SourceEntryKind Kind, long Size, long ModificationTimeNs, byte[]? LinkTarget = null, LinkTargetState LinkState = LinkTargetState.Resolves);
