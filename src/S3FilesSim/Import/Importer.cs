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

        var content = directory.DirectoryAsIs;
        var directories = new HashSet<string>(prefixes.Count, StringComparer.Ordinal);
        foreach (var commonPrefix in prefixes)
        {
            var name = commonPrefix[prefix.Length..^1];
            if (!ImportedKeys.IsValidName(name))
            {
                Interlocked.Increment(ref _failures);
                continue;
            }

            directories.Add(name);
            if (content.Find(name) is null)
            {
                AddDirectory(directory, name, commonPrefix);
            }
        }

        foreach (var summary in objects)
        {
            if (summary.Key.Length == prefix.Length)
            {
                continue;
            }

            // The base of an entry the file system renamed or removed and has not exported yet is gone from its view.
            if (_export?.HasPendingMoveLocked(summary.Key) == true)
            {
                continue;
            }

            var name = summary.Key[prefix.Length..];
            if (!ImportedKeys.IsValidName(name) || directories.Contains(name))
            {
                Interlocked.Increment(ref _failures);
                continue;
            }

            if (content.Find(name) is null)
            {
                AddObject(directory, name, summary.Key);
            }
        }
    }

    private Inode AddDirectory(Inode parent, string name, string markerKey)
    {
        var marker = Head(markerKey, null);
        var inode = _ns.AddImported(parent, name, FileType.Directory, FileSystemNamespace.DefaultDirectoryMode, 0, 0);
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
                Interlocked.Increment(ref _failures);
                return;
            }

            inode = _ns.AddImported(parent, name, type, mode, 0, 0, target);
        }
        else
        {
            inode = _ns.AddImported(parent, name, type, mode, 0, 0);
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
