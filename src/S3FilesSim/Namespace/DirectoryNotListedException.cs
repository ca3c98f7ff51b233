namespace S3FilesSim.Namespace;

/// <summary>
/// Thrown under the file system's lock when a call reaches the entries of a directory not yet listed from the bucket
/// (its first access). Nothing has changed yet: the caller releases the lock, has the directory listed (the listing is
/// bucket I/O, done outside the lock and shared by concurrent callers), and runs the call again.
/// </summary>
internal sealed class DirectoryNotListedException(Inode directory)
    : Exception("The directory has not been listed from the bucket yet.")
{
    /// <summary>Gets the directory to list.</summary>
    public Inode Directory { get; } = directory;
}
