namespace S3FilesSim.FileSystem;

/// <content>The observer: reads the file system's state without taking part in it.</content>
public sealed partial class S3FilesFileSystem
{
    private FileSystemObserver? _observer;

    /// <summary>Gets the observer of this file system: listings, entries and bytes as the file system holds them, read
    /// without importing, metering, billing, moving last-access times, recording latency or metrics, or notifying the
    /// change feed, so that a report or a test can look without changing what it measures.</summary>
    public FileSystemObserver Observer => _observer ??= new FileSystemObserver(this);
}
