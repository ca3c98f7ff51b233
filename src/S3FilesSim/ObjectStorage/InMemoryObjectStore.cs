using System.Collections.Concurrent;
using System.Buffers.Binary;
using System.Globalization;
using S3FilesSim.Time;

namespace S3FilesSim.ObjectStorage;

/// <summary>
/// An in-memory S3 bucket with S3 semantics: versions and delete markers, conditional writes, byte ranges, multipart
/// uploads, storage classes with archive restore, ListObjectsV2 in UTF-8 binary order, and EventBridge-style events.
/// </summary>
/// <remarks>
/// <para>Time comes from the scheduler's <see cref="VirtualClock"/>; restores and event deliveries run on the
/// <see cref="Scheduler"/>, so they happen when the caller advances virtual time. Randomness (event delays and
/// duplicates) comes from the given <see cref="DeterministicRandom"/>.</para>
/// <para>Thread-safe: every change is atomic (one lock), so of concurrent conditional writers exactly one wins, and a
/// call that throws changed nothing. Content is snapshotted and hashed before the lock is taken. GET and HEAD take no
/// lock: each key's versions are an immutable array replaced as a whole.</para>
/// <para>All calls complete synchronously; the <see cref="ValueTask"/>s are already completed.</para>
/// </remarks>
public sealed partial class InMemoryObjectStore : IObjectStoreAdministration, IStorageUsage
{
    private readonly Lock _gate = new();
    private readonly ConcurrentDictionary<string, StoredVersion[]> _keys = new(StringComparer.Ordinal);
    private readonly SortedKeySet _allKeys = new();
    private readonly SortedKeySet _currentKeys = new();
    private readonly Scheduler _scheduler;
    private readonly BucketEventBus _events;
    private readonly ulong _salt;
    private long _storedBytes;
    private long _counter;
    private volatile bool _deleted;

    /// <summary>Creates an empty bucket.</summary>
    /// <param name="bucketName">The bucket name (reported in events; not validated here).</param>
    /// <param name="scheduler">The scheduler whose clock gives times and which runs restores and event deliveries.</param>
    /// <param name="random">The seeded random source for event delays and duplicates.</param>
    /// <param name="options">The options; <see langword="null"/> for the defaults.</param>
    /// <exception cref="ArgumentException">An option is invalid; the message names it.</exception>
    public InMemoryObjectStore(string bucketName, Scheduler scheduler, DeterministicRandom random, InMemoryObjectStoreOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(bucketName);
        ArgumentNullException.ThrowIfNull(scheduler);
        ArgumentNullException.ThrowIfNull(random);
        options ??= new InMemoryObjectStoreOptions();
        options.Validate(string.Empty);
        BucketName = bucketName;
        Options = options;
        _scheduler = scheduler;
        _events = new BucketEventBus(bucketName, options.Events, scheduler, random);
        _salt = Fnv1a(bucketName);
        _versioningStatus = options.Versioning ? BucketVersioningStatus.Enabled : BucketVersioningStatus.Unversioned;
        _capabilities = ObjectStoreCapabilities.All with { Versioning = options.Versioning, EventNotifications = options.Events.Enabled };
    }

    /// <inheritdoc />
    public string BucketName { get; }

    /// <summary>Gets the options the store was created with.</summary>
    public InMemoryObjectStoreOptions Options { get; }

    /// <inheritdoc />
    /// <remarks><see cref="ObjectStoreCapabilities.Versioning"/> follows <see cref="VersioningStatus"/>.</remarks>
    public ObjectStoreCapabilities Capabilities => _capabilities;

    /// <summary>Gets the bucket's event source (the EventBridge model).</summary>
    public IBucketEventSource Events => _events;

    /// <summary>Gets the counts of the bucket's events and of the delivery faults drawn for them (<see cref="BucketEventDeliveryOptions"/>).</summary>
    public BucketEventDeliveryStatistics EventStatistics => _events.Statistics;

    /// <summary>Gets the number of keys whose latest version is an object (not a delete marker).</summary>
    public int ObjectCount
    {
        get
        {
            lock (_gate)
            {
                return _currentKeys.Count;
            }
        }
    }

    /// <inheritdoc />
    public event EventHandler<long>? StoredBytesChanged;

    /// <inheritdoc />
    /// <remarks>Maintained on every write, delete, part upload, completion and abort.</remarks>
    public long StoredBytes => Interlocked.Read(ref _storedBytes);

    private DateTimeOffset Now => _scheduler.Clock.GetUtcNow();

    /// <inheritdoc />
    public ValueTask<ObjectWriteResult> PutObjectAsync(PutObjectRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(request.Content, nameof(request));
        BeginCall(request.Key, cancellationToken);
        ValidateWriteConditions(request.IfNoneMatch, request.Key);
        if (request.Content.Length > ObjectStoreValidation.MaxSinglePutBytes)
        {
            throw ObjectStoreException.Create(S3ErrorCode.EntityTooLarge, $"Your proposed upload of {request.Content.Length} bytes exceeds the maximum allowed size of 5 GiB.", request.Key);
        }

        var metadata = ObjectStoreValidation.NormalizeMetadata(request.Metadata, request.Key);
        var content = request.Content.Snapshot();

        // The MD5 is computed when the tag is first needed (a caller reading the result or a listing, a conditional
        // request), so content read from files on demand is stored without being read.
        var etag = ETag.OfContent(content);
        lock (_gate)
        {
            return ValueTask.FromResult(WriteLocked(
                request.Key, content, etag, metadata, request.ContentType, request.StorageClass, request.IfMatch, request.IfNoneMatch, "PutObject", sourceVersionId: null));
        }
    }

    /// <inheritdoc />
    public ValueTask<GetObjectResult> GetObjectAsync(GetObjectRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        BeginCall(request.Key, cancellationToken);
        var absent = Resolve(request.Key, request.VersionId, out var version);
        if (absent is not null)
        {
            return ValueTask.FromResult(new GetObjectResult { Status = absent.Status, IsDeleteMarker = absent.IsDeleteMarker, DeleteMarkerVersionId = absent.DeleteMarkerVersionId });
        }

        var metadata = version!.Metadata!;
        if (CheckReadConditions(metadata, request.IfMatch, request.IfNoneMatch) is { } status)
        {
            return ValueTask.FromResult(new GetObjectResult { Status = status, Object = status == ObjectReadStatus.NotModified ? metadata : null });
        }

        ThrowIfArchived(metadata);
        var offset = 0L;
        var count = metadata.ContentLength;
        if (request.Range is { } range && !range.TryResolve(metadata.ContentLength, out offset, out count))
        {
            throw ObjectStoreException.Create(S3ErrorCode.InvalidRange, $"The requested range {range} is not satisfiable for an object of {metadata.ContentLength} bytes.", request.Key);
        }

        return ValueTask.FromResult(new GetObjectResult
        {
            Status = ObjectReadStatus.Found,
            Object = metadata,
            Body = new ObjectContentStream(version.Content!, offset, count),
            RangeStart = offset,
            ContentLength = count,
            IsPartial = request.Range is not null,
        });
    }

    /// <inheritdoc />
    public ValueTask<HeadObjectResult> HeadObjectAsync(HeadObjectRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        BeginCall(request.Key, cancellationToken);
        var absent = Resolve(request.Key, request.VersionId, out var version);
        if (absent is not null)
        {
            return ValueTask.FromResult(absent);
        }

        var metadata = version!.Metadata!;
        return CheckReadConditions(metadata, request.IfMatch, request.IfNoneMatch) is { } status
            ? ValueTask.FromResult(new HeadObjectResult { Status = status, Object = status == ObjectReadStatus.NotModified ? metadata : null })
            : ValueTask.FromResult(version.FoundHead!);
    }

    /// <summary>Reads the metadata of the latest version of <paramref name="key"/>; the allocation-free form of <see cref="ObjectStoreExtensions.HeadObjectAsync(IObjectStore, string, CancellationToken)"/>.</summary>
    /// <param name="key">The key.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The metadata, or <see langword="null"/> when the key has no current object (absent or delete marker).</returns>
    /// <exception cref="ObjectStoreException"><c>KeyTooLongError</c>, <c>NoSuchBucket</c>.</exception>
    public ValueTask<ObjectMetadata?> HeadObjectAsync(string key, CancellationToken cancellationToken = default)
    {
        BeginCall(key, cancellationToken);
        return ValueTask.FromResult(Current(key));
    }

    /// <inheritdoc />
    public ValueTask<DeleteObjectResult> DeleteObjectAsync(DeleteObjectRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        BeginCall(request.Key, cancellationToken);
        lock (_gate)
        {
            return ValueTask.FromResult(DeleteLocked(request.Key, request.VersionId));
        }
    }

    /// <inheritdoc />
    public ValueTask<DeleteObjectsResult> DeleteObjectsAsync(DeleteObjectsRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(request.Objects, nameof(request));
        BeginCall(cancellationToken);
        if (request.Objects.Count is 0 or > ObjectStoreValidation.MaxKeysPerPage)
        {
            throw ObjectStoreException.Create(S3ErrorCode.MalformedXml, $"A DeleteObjects request names 1 to {ObjectStoreValidation.MaxKeysPerPage} keys; it named {request.Objects.Count}.");
        }

        var deleted = new List<DeletedObject>();
        var errors = new List<DeleteError>();
        foreach (var item in request.Objects)
        {
            var key = item.Key ?? string.Empty;
            try
            {
                ObjectStoreValidation.ValidateKey(key, nameof(request));
                DeleteObjectResult result;
                lock (_gate)
                {
                    result = DeleteLocked(key, item.VersionId);
                }

                deleted.Add(new DeletedObject(key, item.VersionId, result.DeleteMarker, result.DeleteMarker ? result.VersionId : null));
            }
            catch (ObjectStoreException e)
            {
                errors.Add(new DeleteError(key, item.VersionId, e.ErrorCode, e.Message));
            }
            catch (ArgumentException e)
            {
                errors.Add(new DeleteError(key, item.VersionId, S3ErrorCode.InvalidArgument, e.Message));
            }
        }

        return ValueTask.FromResult(new DeleteObjectsResult { Deleted = deleted, Errors = errors });
    }

    /// <inheritdoc />
    public ValueTask<ObjectWriteResult> CopyObjectAsync(CopyObjectRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        BeginCall(request.SourceKey, cancellationToken);
        ObjectStoreValidation.ValidateKey(request.DestinationKey, nameof(request));
        ValidateWriteConditions(request.IfNoneMatch, request.DestinationKey);
        ObjectStoreValidation.ValidateMetadataDirective(request.MetadataDirective, request.DestinationKey);
        var replace = request.MetadataDirective == MetadataDirective.Replace;
        var replacedMetadata = replace ? ObjectStoreValidation.NormalizeMetadata(request.Metadata, request.DestinationKey) : null;

        StoredVersion source;
        bool sourceIsLatest;
        lock (_gate)
        {
            source = ResolveSource(request.SourceKey, request.SourceVersionId, out sourceIsLatest);
        }

        var sourceMetadata = source.Metadata!;
        ThrowIfArchived(sourceMetadata);
        if (sourceMetadata.ContentLength > ObjectStoreValidation.MaxSinglePutBytes)
        {
            throw ObjectStoreException.Create(S3ErrorCode.InvalidRequest, "The specified copy source is larger than the maximum allowable size for a copy source: 5368709120.", request.SourceKey);
        }

        if (request.CopySourceIfMatch is { } sourceIfMatch && !sourceIfMatch.Matches(sourceMetadata.ETag))
        {
            return ValueTask.FromResult(new ObjectWriteResult { Status = WriteStatus.PreconditionFailed });
        }

        var sameStorageClass = request.StorageClass is null || request.StorageClass == sourceMetadata.StorageClass;
        if (request.SourceKey == request.DestinationKey && sourceIsLatest && !replace && sameStorageClass)
        {
            throw ObjectStoreException.Create(
                S3ErrorCode.InvalidRequest,
                "This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes.",
                request.DestinationKey);
        }

        var etag = sourceMetadata.ETag.IsMultipart ? ETag.FromMd5(source.Content!.GetMd5()) : sourceMetadata.ETag;
        lock (_gate)
        {
            return ValueTask.FromResult(WriteLocked(
                request.DestinationKey,
                source.Content!,
                etag,
                replace ? replacedMetadata! : sourceMetadata.Metadata,
                replace ? request.ContentType : sourceMetadata.ContentType,
                request.StorageClass,
                request.IfMatch,
                request.IfNoneMatch,
                "CopyObject",
                source.VersionId));
        }
    }

    /// <inheritdoc />
    public ValueTask<RestoreObjectStatus> RestoreObjectAsync(RestoreObjectRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        BeginCall(request.Key, cancellationToken);
        lock (_gate)
        {
            var version = ResolveSource(request.Key, request.VersionId, out _);
            var metadata = version.Metadata!;
            var tier = metadata.ArchiveStatus;
            if (!metadata.StorageClass.IsArchive && tier is null)
            {
                throw ObjectStoreException.Create(S3ErrorCode.InvalidObjectState, $"Restore is not allowed for the object's current storage class {metadata.StorageClass}.", request.Key);
            }

            if (tier is null && request.Days < 1)
            {
                throw ObjectStoreException.Create(S3ErrorCode.InvalidArgument, $"Days must be at least 1; it was {request.Days}.", request.Key);
            }

            if (metadata.RestoreInProgress)
            {
                throw ObjectStoreException.Create(S3ErrorCode.RestoreAlreadyInProgress, "Object restore is already in progress.", request.Key);
            }

            if (metadata.RestoreExpiresAt is not null)
            {
                var expiry = RestoreExpiry(request.Days);
                ReplaceLocked(request.Key, version, version.WithMetadata(CopyOf(metadata, restoreExpiresAt: expiry)));
                ScheduleRestoreExpiry(request.Key, version.VersionId, expiry);
                return ValueTask.FromResult(RestoreObjectStatus.AlreadyRestored);
            }

            ReplaceLocked(request.Key, version, version.WithMetadata(CopyOf(metadata, restoreInProgress: true)));
            var deep = metadata.StorageClass == StorageClass.DeepArchive || tier == IntelligentTieringAccessTier.DeepArchiveAccess;
            var delay = deep ? Options.DeepArchiveRestoreDelay : Options.GlacierRestoreDelay;
            _scheduler.Schedule(delay, () => CompleteRestore(request.Key, version.VersionId, request.Days), "restore-object");
            return ValueTask.FromResult(RestoreObjectStatus.Started);
        }
    }

    /// <summary>Moves an Intelligent-Tiering object version to an access tier, as S3 does after 90 or 180 days without access when the archive tiers are configured.</summary>
    /// <param name="key">The key.</param>
    /// <param name="tier">The tier; <see cref="IntelligentTieringAccessTier.Frequent"/> makes it readable again.</param>
    /// <param name="versionId">The version; <see langword="null"/> for the latest.</param>
    /// <exception cref="ObjectStoreException"><c>NoSuchKey</c>/<c>NoSuchVersion</c>, or <c>InvalidObjectState</c> when the version is not <c>INTELLIGENT_TIERING</c>.</exception>
    /// <remarks>See https://docs.aws.amazon.com/AmazonS3/latest/userguide/intelligent-tiering-overview.html.</remarks>
    public void SetIntelligentTieringAccessTier(string key, IntelligentTieringAccessTier tier, VersionId? versionId = null)
    {
        BeginCall(key, CancellationToken.None);
        lock (_gate)
        {
            var version = ResolveSource(key, versionId, out _);
            var metadata = version.Metadata!;
            if (metadata.StorageClass != StorageClass.IntelligentTiering)
            {
                throw ObjectStoreException.Create(S3ErrorCode.InvalidObjectState, $"The object's storage class is {metadata.StorageClass}, not INTELLIGENT_TIERING.", key);
            }

            var archiveStatus = tier == IntelligentTieringAccessTier.Frequent ? (IntelligentTieringAccessTier?)null : tier;
            ReplaceLocked(key, version, version.WithMetadata(CopyOf(metadata, archiveStatus: archiveStatus, clearArchiveStatus: archiveStatus is null)));
        }
    }

    /// <summary>Marks the bucket deleted if it holds no version or delete marker; its multipart uploads in progress are
    /// discarded with it, as S3 does. Later calls throw <c>NoSuchBucket</c>.</summary>
    /// <exception cref="ObjectStoreException"><c>BucketNotEmpty</c>.</exception>
    internal void MarkDeleted()
    {
        lock (_gate)
        {
            if (!_keys.IsEmpty)
            {
                throw ObjectStoreException.Create(S3ErrorCode.BucketNotEmpty, $"The bucket '{BucketName}' you tried to delete is not empty: it holds {_keys.Count} keys with versions or delete markers.");
            }

            ChangeStoredBytesLocked(-_uploads.Values.Sum(u => u.PartBytes));
            _uploads.Clear();
            _completedUploads.Clear();
            _deleted = true;
        }
    }

    /// <summary>The checks every call starts with: cancellation, a deleted bucket, and the key.</summary>
    private void BeginCall(string key, CancellationToken cancellationToken)
    {
        BeginCall(cancellationToken);
        ObjectStoreValidation.ValidateKey(key);
    }

    private void BeginCall(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ThrowIfDeleted();
    }

    private void ThrowIfDeleted()
    {
        if (_deleted)
        {
            throw ObjectStoreException.Create(S3ErrorCode.NoSuchBucket, $"The specified bucket '{BucketName}' does not exist.");
        }
    }

    private static void ValidateWriteConditions(ETag? ifNoneMatch, string key)
    {
        if (ifNoneMatch is { IsAny: false })
        {
            throw ObjectStoreException.Create(S3ErrorCode.NotImplemented, "A header you provided implies functionality that is not implemented: If-None-Match supports only '*' on writes.", key);
        }
    }

    private static ObjectReadStatus? CheckReadConditions(ObjectMetadata metadata, ETag? ifMatch, ETag? ifNoneMatch)
    {
        if (ifMatch is { } match && !match.Matches(metadata.ETag))
        {
            return ObjectReadStatus.PreconditionFailed;
        }

        if (ifNoneMatch is { } noneMatch && noneMatch.Matches(metadata.ETag))
        {
            return ObjectReadStatus.NotModified;
        }

        return null;
    }

    private static void ThrowIfArchived(ObjectMetadata metadata)
    {
        if (metadata.IsArchived)
        {
            throw ObjectStoreException.Create(S3ErrorCode.InvalidObjectState, $"The operation is not valid for the object's storage class {metadata.StorageClass}: restore it first.", metadata.Key);
        }
    }

    private static ObjectMetadata CopyOf(
        ObjectMetadata metadata,
        bool restoreInProgress = false,
        DateTimeOffset? restoreExpiresAt = null,
        IntelligentTieringAccessTier? archiveStatus = null,
        bool clearArchiveStatus = false) => new()
    {
        Key = metadata.Key,
        VersionId = metadata.VersionId,
        ETag = metadata.ETag,
        ContentLength = metadata.ContentLength,
        ContentType = metadata.ContentType,
        LastModified = metadata.LastModified,
        StorageClass = metadata.StorageClass,
        Metadata = metadata.Metadata,
        ArchiveStatus = clearArchiveStatus ? null : archiveStatus ?? metadata.ArchiveStatus,
        RestoreInProgress = restoreInProgress,
        RestoreExpiresAt = restoreExpiresAt,
    };

    private static ulong Mix(ulong z)
    {
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return z ^ (z >> 31);
    }

    private static ulong Fnv1a(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in text)
        {
            hash = unchecked((hash ^ c) * 1099511628211UL);
        }

        return hash;
    }

    /// <summary>Finds the version a read addresses, without the lock; returns the absent answer, or null with <paramref name="version"/> set.</summary>
    private HeadObjectResult? Resolve(string key, VersionId? versionId, out StoredVersion? version)
    {
        version = null;
        if (!_keys.TryGetValue(key, out var versions))
        {
            return new HeadObjectResult { Status = versionId is null ? ObjectReadStatus.NoSuchKey : ObjectReadStatus.NoSuchVersion };
        }

        var found = versionId is { } id ? Find(versions, id) : versions[^1];
        if (found is null)
        {
            return new HeadObjectResult { Status = ObjectReadStatus.NoSuchVersion };
        }

        if (found.IsDeleteMarker)
        {
            return new HeadObjectResult { Status = ObjectReadStatus.NoSuchKey, IsDeleteMarker = true, DeleteMarkerVersionId = found.VersionId };
        }

        version = found;
        return null;
    }

    /// <summary>Finds the object version a copy, restore or tier change addresses, or throws the S3 error.</summary>
    private StoredVersion ResolveSource(string key, VersionId? versionId, out bool isLatest)
    {
        if (!_keys.TryGetValue(key, out var versions))
        {
            throw versionId is null
                ? ObjectStoreException.Create(S3ErrorCode.NoSuchKey, "The specified key does not exist.", key)
                : ObjectStoreException.Create(S3ErrorCode.NoSuchVersion, $"The specified version {versionId} does not exist.", key);
        }

        var found = versionId is { } id ? Find(versions, id) : versions[^1];
        if (found is null)
        {
            throw ObjectStoreException.Create(S3ErrorCode.NoSuchVersion, $"The specified version {versionId} does not exist.", key);
        }

        if (found.IsDeleteMarker)
        {
            throw versionId is null
                ? ObjectStoreException.Create(S3ErrorCode.NoSuchKey, "The specified key does not exist (its latest version is a delete marker).", key)
                : ObjectStoreException.Create(S3ErrorCode.InvalidRequest, "The source of a copy request may not specifically refer to a delete marker by version id.", key);
        }

        isLatest = ReferenceEquals(found, versions[^1]);
        return found;
    }

    private static StoredVersion? Find(StoredVersion[] versions, VersionId versionId)
    {
        for (var i = versions.Length - 1; i >= 0; i--)
        {
            if (versions[i].VersionId == versionId)
            {
                return versions[i];
            }
        }

        return null;
    }

    private ObjectMetadata? Current(string key) =>
        _keys.TryGetValue(key, out var versions) ? versions[^1].Metadata : null;

    private ObjectWriteResult WriteLocked(
        string key,
        ObjectContent content,
        ETag etag,
        IReadOnlyDictionary<string, string> metadata,
        string? contentType,
        StorageClass? storageClass,
        ETag? ifMatch,
        ETag? ifNoneMatch,
        string reason,
        VersionId? sourceVersionId)
    {
        var current = Current(key);
        if (ifNoneMatch is not null && current is not null)
        {
            return new ObjectWriteResult { Status = WriteStatus.PreconditionFailed };
        }

        if (ifMatch is { } match)
        {
            if (current is null)
            {
                return new ObjectWriteResult { Status = WriteStatus.NoSuchKey };
            }

            if (!match.Matches(current.ETag))
            {
                return new ObjectWriteResult { Status = WriteStatus.PreconditionFailed };
            }
        }

        var now = Now;
        var objectMetadata = new ObjectMetadata
        {
            Key = key,
            VersionId = NewVersionId(),
            ETag = etag,
            ContentLength = content.Length,
            ContentType = contentType ?? ObjectStoreDefaults.ContentType,
            LastModified = now,
            StorageClass = storageClass ?? StorageClass.Standard,
            Metadata = metadata,
        };
        AddLocked(key, StoredVersion.Object(objectMetadata, content));
        Publish(key, BucketEvent.ObjectCreatedDetailType, objectMetadata.VersionId, reason, deletionType: null, content.Length, etag);
        return new ObjectWriteResult
        {
            Status = WriteStatus.Succeeded,
            ETag = etag,
            VersionId = objectMetadata.VersionId,
            LastModified = now,
            SourceVersionId = sourceVersionId,
        };
    }

    private DeleteObjectResult DeleteLocked(string key, VersionId? versionId)
    {
        if (versionId is null)
        {
            var marker = StoredVersion.DeleteMarker(NewVersionId(), Now);
            AddLocked(key, marker);
            Publish(key, BucketEvent.ObjectDeletedDetailType, marker.VersionId, "DeleteObject", BucketEvent.DeleteMarkerCreated, size: null, etag: null);
            return new DeleteObjectResult { VersionId = marker.VersionId, DeleteMarker = true };
        }

        if (!_keys.TryGetValue(key, out var versions) || Find(versions, versionId.Value) is not { } removed)
        {
            return new DeleteObjectResult { VersionId = versionId };
        }

        RemoveLocked(key, removed);
        Publish(key, BucketEvent.ObjectDeletedDetailType, removed.VersionId, "DeleteObject", BucketEvent.PermanentlyDeleted, size: null, etag: null);
        return new DeleteObjectResult { VersionId = versionId, DeleteMarker = removed.IsDeleteMarker };
    }

    private void AddLocked(string key, StoredVersion version)
    {
        var added = SizeOf(version);
        if (_keys.TryGetValue(key, out var versions))
        {
            if (version.VersionId.IsNull)
            {
                added -= versions.Where(v => v.VersionId.IsNull).Sum(SizeOf);
                versions = [.. versions.Where(v => !v.VersionId.IsNull)];
            }

            _keys[key] = [.. versions, version];
        }
        else
        {
            _keys[key] = [version];
            _allKeys.Add(key);
        }

        if (version.IsDeleteMarker)
        {
            _currentKeys.Remove(key);
        }
        else
        {
            _currentKeys.Add(key);
        }

        ChangeStoredBytesLocked(added);
    }

    private void RemoveLocked(string key, StoredVersion version)
    {
        ChangeStoredBytesLocked(-SizeOf(version));
        var versions = _keys[key];
        if (versions.Length == 1)
        {
            _keys.TryRemove(key, out _);
            _allKeys.Remove(key);
            _currentKeys.Remove(key);
            return;
        }

        versions = [.. versions.Where(v => !ReferenceEquals(v, version))];
        _keys[key] = versions;
        if (versions[^1].IsDeleteMarker)
        {
            _currentKeys.Remove(key);
        }
        else
        {
            _currentKeys.Add(key);
        }
    }

    private static long SizeOf(StoredVersion version) => version.Content?.Length ?? 0;

    /// <summary>Adds <paramref name="delta"/> to <see cref="StoredBytes"/> and raises <see cref="StoredBytesChanged"/>; called with the lock held, so changes are raised in order.</summary>
    private void ChangeStoredBytesLocked(long delta)
    {
        if (delta != 0)
        {
            var stored = Interlocked.Add(ref _storedBytes, delta);
            StoredBytesChanged?.Invoke(this, stored);
        }
    }

    private void ReplaceLocked(string key, StoredVersion old, StoredVersion updated)
    {
        var versions = _keys[key].ToArray();
        versions[Array.IndexOf(versions, old)] = updated;
        _keys[key] = versions;
    }

    /// <summary>When a restored copy kept for <paramref name="days"/> days expires; a lifetime past the end of the calendar never expires.</summary>
    private DateTimeOffset RestoreExpiry(int days)
    {
        var now = Now;
        return days < (DateTimeOffset.MaxValue - now).TotalDays ? now.AddDays(days) : DateTimeOffset.MaxValue;
    }

    private void CompleteRestore(string key, VersionId versionId, int days)
    {
        lock (_gate)
        {
            if (!_keys.TryGetValue(key, out var versions) || Find(versions, versionId) is not { Metadata: { } metadata } version)
            {
                return;
            }

            if (metadata.ArchiveStatus is not null)
            {
                ReplaceLocked(key, version, version.WithMetadata(CopyOf(metadata, clearArchiveStatus: true)));
                return;
            }

            var expiry = RestoreExpiry(days);
            ReplaceLocked(key, version, version.WithMetadata(CopyOf(metadata, restoreExpiresAt: expiry)));
            ScheduleRestoreExpiry(key, versionId, expiry);
        }
    }

    private void ScheduleRestoreExpiry(string key, VersionId versionId, DateTimeOffset expiry) =>
        _scheduler.ScheduleAt(expiry, _ =>
        {
            lock (_gate)
            {
                if (_keys.TryGetValue(key, out var versions)
                    && Find(versions, versionId) is { Metadata: { RestoreExpiresAt: { } at } metadata } version
                    && at <= Now)
                {
                    ReplaceLocked(key, version, version.WithMetadata(CopyOf(metadata)));
                }
            }

            return ValueTask.CompletedTask;
        }, "restore-expiry");

    private VersionId NewVersionId()
    {
        if (_versioningStatus != BucketVersioningStatus.Enabled)
        {
            return VersionId.Null;
        }

        var n = (ulong)++_counter;
        return new VersionId(string.Create(CultureInfo.InvariantCulture, $"{Mix(n ^ _salt):x16}{Mix(n + 0x9E3779B97F4A7C15UL):x16}"));
    }

    /// <summary>Whether <paramref name="versionId"/> has the shape of the ids <see cref="NewVersionId"/> issues (32 lowercase
    /// hexadecimal digits, or <c>null</c>).</summary>
    private static bool IsVersionIdOfThisStore(VersionId versionId) =>
        versionId == VersionId.Null || (versionId.Value.Length == 32 && versionId.Value.All(char.IsAsciiHexDigitLower));

    private string NewOpaqueId()
    {
        var n = (ulong)++_counter;
        return string.Create(CultureInfo.InvariantCulture, $"{Mix(n + _salt):x16}{Mix(n ^ 0xC2B2AE3D27D4EB4FUL):x16}{n:x8}");
    }

    private void Publish(string key, string detailType, VersionId versionId, string reason, string? deletionType, long? size, ETag? etag)
    {
        var sequence = ++_counter;
        Span<byte> id = stackalloc byte[16];
        BinaryPrimitives.WriteUInt64LittleEndian(id, Mix((ulong)sequence ^ _salt));
        BinaryPrimitives.WriteUInt64LittleEndian(id[8..], Mix((ulong)sequence));
        _events.Publish(new BucketEvent
        {
            Id = new Guid(id).ToString(),
            DetailType = detailType,
            Region = Options.Region,
            AccountId = Options.AccountId,
            Time = Now,
            BucketName = BucketName,
            Key = key,
            Size = size,
            ETag = etag,
            VersionId = versionId,
            Sequencer = sequence.ToString("X18", CultureInfo.InvariantCulture),
            Reason = reason,
            DeletionType = deletionType,
        });
    }
}
