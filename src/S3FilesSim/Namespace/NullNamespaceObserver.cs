namespace S3FilesSim.Namespace;

/// <summary>The observer of changes nobody needs to hear of (the sync engine's own moves and imports): ignores every change.</summary>
internal sealed class NullNamespaceObserver : INamespaceObserver
{
    /// <summary>The shared instance.</summary>
    public static readonly NullNamespaceObserver Instance = new();

    private NullNamespaceObserver()
    {
    }

    /// <inheritdoc />
    public void OnCreated(Inode inode, string path)
    {
    }

    /// <inheritdoc />
    public void OnDataChanged(Inode inode, string path)
    {
    }

    /// <inheritdoc />
    public void OnMetadataChanged(Inode inode, string path)
    {
    }

    /// <inheritdoc />
    public void OnRenamed(Inode inode, string oldPath, string newPath)
    {
    }

    /// <inheritdoc />
    public void OnRemoved(Inode inode, string path)
    {
    }
}
