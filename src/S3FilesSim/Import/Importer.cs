using System.Text;
using S3FilesSim.FileSystem;
using S3FilesSim.Namespace;
using S3FilesSim.ObjectStorage;
using S3FilesSim.Time;

namespace S3FilesSim.Import;

/// <summary>
/// The bucket-to-file-system side of a file system: lists a directory on its first access and imports the metadata of
/// every entry (and the data the import rules select), keeps accessed directories in step with bucket events, and
/// expires data that is in sync and idle. Every member except the scheduled work is called with the file system's lock held.
/// </summary>
/// <remarks>https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-synchronization.html</remarks>
internal sealed partial class Importer : IDirectoryLoader
{
    private readonly FileSystemNamespace _ns;
    private readonly IObjectStore _store;
    private readonly Scheduler _scheduler;
    private readonly ImportOptions _options;
    private SynchronizationConfiguration _configuration = new() { LatestVersionNumber = 1 };
    private long _failures;

    /// <summary>Creates the importer and marks the root directory as not yet accessed.</summary>
    public Importer(FileSystemNamespace ns, IObjectStore store, Scheduler scheduler, ImportOptions options)
    {
        _ns = ns;
        _store = store;
        _scheduler = scheduler;
        _options = options;
        ns.Root.DirectoryAsIs.Loader = this;
    }

    /// <summary>Gets the number of objects that could not be imported (keys that map to no POSIX path, name clashes, failed reads).</summary>
    public long ImportFailures => Interlocked.Read(ref _failures);

    /// <summary>Gets the reporter of event deliveries and import failures; <see langword="null"/> when telemetry is off.</summary>
    public Telemetry.SyncReporter? Sync { get; init; }

    /// <summary>Gets the stored synchronization configuration.</summary>
    public SynchronizationConfiguration Configuration => _configuration;

    /// <summary>Replaces the configuration when <paramref name="configuration"/> carries the stored version (or none), and returns the new one.</summary>
    /// <exception cref="ArgumentException">A rule is out of range (the parameter name is the field).</exception>
    /// <exception cref="SynchronizationConfigurationConflictException">The version does not match the stored one.</exception>
    public SynchronizationConfiguration PutConfiguration(SynchronizationConfiguration configuration)
    {
        configuration.Validate();
        var stored = _configuration.LatestVersionNumber!.Value;
        if (configuration.LatestVersionNumber is { } expected && expected != stored)
        {
            throw new SynchronizationConfigurationConflictException(expected, stored);
        }

        _configuration = configuration with
        {
            ImportDataRules = [.. configuration.ImportDataRules],
            ExpirationDataRules = [.. configuration.ExpirationDataRules],
            LatestVersionNumber = stored + 1,
        };
        return _configuration;
    }

    /// <inheritdoc />
    public void Load(Inode directory)
    {
        try
        {
            LoadFrom(directory, _ns.ObjectKeyOf(directory));
        }
        catch (ObjectStoreException)
        {
            directory.DirectoryAsIs.Loader = this;
            throw FileSystemException.Create(Errno.EIO, "readdir", _ns.PathOf(directory));
        }
    }

    private void LoadFrom(Inode directory, string prefix)
    {
        var (objects, prefixes) = ListDirectory(prefix);
        var directories = AddDirectories(directory, prefix, prefixes);
        var content = directory.DirectoryAsIs;
        foreach (var summary in objects)
        {
            if (summary.Key.Length == prefix.Length)
            {
                continue;
            }

            // The base object of an entry renamed or removed on the file system and not yet exported belongs to that
            // entry (as for events): importing it would give one key two entries.
            if (_export?.HasPendingMoveLocked(summary.Key) == true)
            {
                continue;
            }

            var name = summary.Key[prefix.Length..];
            if (!ImportedKeys.IsValidName(name) || directories.Contains(name))
            {
                Reject(summary.Key, directories.Contains(name) ? Telemetry.ImportRejection.NameClash : Telemetry.ImportRejection.UnmappableKey);
                continue;
            }

            if (content.Find(name) is null)
            {
                AddObject(directory, name, summary.Key);
            }
        }
    }

    /// <summary>Counts an object the file system cannot show in <c>ImportFailures</c> and reports it to the timeline and the log.</summary>
    private void Reject(string key, string reason)
    {
        Interlocked.Increment(ref _failures);
        Sync?.ImportRejected(key, reason);
    }

    /// <summary>Lists every object and common prefix directly under <paramref name="prefix"/>, all pages.</summary>
    private (List<ObjectSummary> Objects, List<string> Prefixes) ListDirectory(string prefix)
    {
        var objects = new List<ObjectSummary>();
        var prefixes = new List<string>();
        string? token = null;
        do
        {
            var page = StoreCall.Complete(_store.ListObjectsV2Async(new ListObjectsV2Request { Prefix = prefix, Delimiter = "/", ContinuationToken = token }));
            objects.AddRange(page.Contents);
            prefixes.AddRange(page.CommonPrefixes);
            token = page.IsTruncated ? page.NextContinuationToken : null;
        }
        while (token is not null);

        return (objects, prefixes);
    }

    /// <summary>Adds the listed subdirectories <paramref name="directory"/> lacks, and returns the names of all listed ones that map to POSIX names.</summary>
    private HashSet<string> AddDirectories(Inode directory, string prefix, List<string> prefixes)
    {
        var directories = new HashSet<string>(prefixes.Count, StringComparer.Ordinal);
        foreach (var commonPrefix in prefixes)
        {
            var name = commonPrefix[prefix.Length..^1];
            if (!ImportedKeys.IsValidName(name))
            {
                Reject(commonPrefix, Telemetry.ImportRejection.UnmappableKey);
                continue;
            }

            directories.Add(name);
            if (directory.DirectoryAsIs.Find(name) is null)
            {
                AddDirectory(directory, name, commonPrefix);
            }
        }

        return directories;
    }

    private Inode AddDirectory(Inode parent, string name, string markerKey)
    {
        // A marker that is the base of a directory removed or renamed on the file system and not yet exported belongs to
        // that directory, not to this one: it is about to be deleted.
        var marker = _export?.HasPendingMoveLocked(markerKey) == true ? null : Head(markerKey, null);
        var inode = _ns.AddImported(parent, name, FileType.Directory, FileSystemNamespace.DefaultDirectoryMode, 0, 0, announce: _revalidating);
        if (marker is not null)
        {
            ImportedKeys.ApplyAttributes(inode, marker);
        }

        inode.DirectoryAsIs.Loader = this;
        Sync?.Imported(_ns.PathOf(inode), markerKey, marker?.VersionId.Value, 0, dataImported: false);
        return inode;
    }

    private void AddObject(Inode parent, string name, string key)
    {
        var head = Head(key, null);
        if (head is null)
        {
            return;
        }

        var (type, mode) = ImportedKeys.TypeAndMode(head.Metadata, directory: false);
        Inode inode;
        if (type == FileType.SymbolicLink)
        {
            var target = Encoding.UTF8.GetString(ReadVersion(key, head.VersionId));
            if (target.Length == 0 || target.Contains('\0', StringComparison.Ordinal))
            {
                Reject(key, Telemetry.ImportRejection.InvalidSymbolicLinkTarget);
                return;
            }

            inode = _ns.AddImported(parent, name, type, mode, 0, 0, target, announce: _revalidating);
        }
        else
        {
            inode = _ns.AddImported(parent, name, type, mode, 0, 0, announce: _revalidating);
            inode.Size = head.ContentLength;
            inode.Resident = head.ContentLength == 0;
        }

        ImportedKeys.ApplyAttributes(inode, head);
        inode.LastAccessNs = _ns.NowNs;
        Sync?.Imported(_ns.PathOf(inode), key, head.VersionId.Value, head.ContentLength, dataImported: false);
        if (!inode.Resident && !head.IsArchived && RuleFor(key) is { Trigger: ImportTrigger.OnDirectoryFirstAccess } rule && head.ContentLength < rule.SizeLessThan)
        {
            EnqueueData(inode);
        }
    }

    /// <summary>Gets the key of the base object of <paramref name="inode"/> (its key before a rename not yet exported).</summary>
    public string BaseKeyOf(Inode inode) => _export?.BaseKeyLocked(inode) ?? _ns.ObjectKeyOf(inode);

    /// <summary>Gets the import rule for the object <paramref name="key"/> (a full bucket key).</summary>
    private ImportDataRule RuleFor(string key) => _configuration.RuleFor(key[_ns.Prefix.Length..]);

    private ObjectMetadata? Head(string key, VersionId? versionId)
    {
        var head = StoreCall.Complete(_store.HeadObjectAsync(new HeadObjectRequest { Key = key, VersionId = versionId }));
        return head.Status == ObjectReadStatus.Found ? head.Object : null;
    }

    /// <summary>Reads one version of an object whole.</summary>
    /// <exception cref="ObjectStoreException">The version is gone (<c>NoSuchVersion</c>) or the read failed.</exception>
    private byte[] ReadVersion(string key, VersionId versionId)
    {
        using var result = StoreCall.Complete(_store.GetObjectAsync(new GetObjectRequest { Key = key, VersionId = versionId }));
        return result.Status == ObjectReadStatus.Found
            ? StoreCall.Complete(result.ReadAllBytesAsync())
            : throw new ObjectStoreException(S3ErrorCode.NoSuchVersion, 404, $"Version {versionId} of '{key}' is gone.", key);
    }
}
