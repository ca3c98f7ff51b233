using S3FilesSim.Namespace;

namespace S3FilesSim.Export;

/// <summary>
/// What import (the directory listing, bucket events, revalidation, the read router) asks export: which bucket keys
/// belong to file-system changes not yet exported. A rename or removal leaves its entry's base object at the old key
/// until the export moves or deletes it; until then that key is the entry's, not a new object to import, and a bucket
/// change to it is the entry's conflict. docs/ARCHITECTURE.md ("Rename tracking") describes the handshake.
/// </summary>
/// <remarks>Every member is called with the file system's lock held.</remarks>
internal interface IPendingMoves
{
    /// <summary>Returns whether <paramref name="key"/> is the base of an entry renamed or removed on the file system and not yet exported.</summary>
    bool IsPendingMove(string key);

    /// <summary>Gets the key of the base object of <paramref name="inode"/>: where it was before a rename not yet exported, else its own key.</summary>
    string BaseKeyOf(Inode inode);

    /// <summary>Returns whether <paramref name="inode"/> has a change not yet exported (its own, or a move of its key with a renamed parent).</summary>
    bool HasUnexportedChange(Inode inode);

    /// <summary>Returns the key a bucket change of <paramref name="inode"/> conflicts on (its base key), or <see langword="null"/> when it is a directory or has no unexported change.</summary>
    string? ConflictKeyOf(Inode inode);
}
