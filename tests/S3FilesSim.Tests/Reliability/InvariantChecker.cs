using System.Security.Cryptography;
using S3FilesSim.Export;
using S3FilesSim.FileSystem;
using S3FilesSim.HotTier;
using S3FilesSim.Import;
using S3FilesSim.Namespace;
using S3FilesSim.ObjectStorage;
using S3FilesSim.Telemetry;

namespace S3FilesSim.Tests.Reliability;

/// <summary>
/// Checks the reliability invariants of a file system after a fault run, once faults have stopped and the system is
/// quiet: (1) convergence, (2) no silent loss of acknowledged writes, (3) metrics agree with state; (4), only
/// documented errnos, is <see cref="MixedWorkload"/>'s job during the run.
/// </summary>
/// <remarks>Writes are tracked by content (every workload write is unique), so a write is found wherever it went:
/// a bucket version, a pending entry, or lost+found. A write later overwritten, truncated, unlinked or renamed over by
/// the workload itself is superseded and need not survive.</remarks>
internal sealed class InvariantChecker(S3FilesFileSystem fileSystem, InMemoryObjectStore bucket)
{
    private readonly List<(string Path, string Hash)> _acknowledged = [];
    private readonly HashSet<string> _superseded = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _latestWrite = new(StringComparer.Ordinal);

    /// <summary>Gets the number of writes acknowledged (closed without error).</summary>
    public int AcknowledgedWrites => _acknowledged.Count;

    /// <summary>Records that <paramref name="data"/> was written whole to <paramref name="path"/> and closed without error.</summary>
    public void Acknowledge(string path, byte[] data)
    {
        Supersede(path);
        var hash = Hash(data);
        _acknowledged.Add((path, hash));
        _latestWrite[path] = hash;
    }

    /// <summary>Records that the workload replaced or removed the content at <paramref name="path"/> (unlink, truncate, rename onto it).</summary>
    public void Supersede(string path)
    {
        if (_latestWrite.Remove(path, out var hash))
        {
            _superseded.Add(hash);
        }
    }

    /// <summary>Records a successful rename: the content tracked at <paramref name="from"/> (and below it) moves to <paramref name="to"/>.</summary>
    public void Move(string from, string to)
    {
        if (from == to)
        {
            return;
        }

        Supersede(to);
        foreach (var path in _latestWrite.Keys.Where(p => p == from || p.StartsWith(from + "/", StringComparison.Ordinal)).ToList())
        {
            _latestWrite.Remove(path, out var hash);
            _latestWrite[to + path[from.Length..]] = hash!;
        }
    }

    /// <summary>Checks the invariants; <paramref name="root"/> is a root mount used to access (and so load) every directory.</summary>
    /// <returns>Every violation found, one line each; empty when all hold.</returns>
    public async Task<IReadOnlyList<string>> CheckAsync(IFileSystem root)
    {
        await LoadAllAsync(root, "/");
        var violations = new List<string>();
        var bucketState = await ReadBucketAsync();
        Snapshot snapshot;
        lock (fileSystem.Namespace.Gate)
        {
            snapshot = TakeSnapshot();
        }

        CheckConvergence(snapshot, bucketState, violations);
        CheckNoSilentLoss(snapshot, bucketState, violations);
        CheckMetrics(snapshot, violations);
        return violations;
    }

    private static string Hash(ReadOnlySpan<byte> data) => Convert.ToHexString(SHA256.HashData(data));

    private static async Task LoadAllAsync(IFileSystem root, string path)
    {
        foreach (var entry in await root.ReadDirectoryAsync(path))
        {
            if (entry.Type == FileType.Directory && !entry.Name.StartsWith(".s3files-lost+found-", StringComparison.Ordinal))
            {
                await LoadAllAsync(root, (path == "/" ? "/" : path + "/") + entry.Name);
            }
        }
    }

    private async Task<BucketState> ReadBucketAsync()
    {
        var state = new BucketState();
        string? keyMarker = null;
        VersionId? versionMarker = null;
        do
        {
            var page = await bucket.ListObjectVersionsAsync(new ListObjectVersionsRequest { KeyMarker = keyMarker, VersionIdMarker = versionMarker });
            foreach (var version in page.Versions.Where(v => !v.IsDeleteMarker))
            {
                using var result = await bucket.GetObjectAsync(new GetObjectRequest { Key = version.Key, VersionId = version.VersionId });
                var bytes = await result.ReadAllBytesAsync();
                state.VersionHashes.Add(Hash(bytes));
                if (version.IsLatest)
                {
                    state.Latest[version.Key] = (result.Object!, bytes);
                }
            }

            keyMarker = page.IsTruncated ? page.NextKeyMarker : null;
            versionMarker = page.IsTruncated ? page.NextVersionIdMarker : null;
        }
        while (keyMarker is not null);

        return state;
    }

    private Snapshot TakeSnapshot()
    {
        var ns = fileSystem.Namespace;
        var conflicts = fileSystem.Namespace.LostAndFound;
        var (pending, failed) = fileSystem.ExportQueue.Audit(ns.Root);
        var snapshot = new Snapshot { AuditedPending = pending, FailedEntries = failed.Count };
        var stack = new Stack<Inode>();
        stack.Push(ns.Root);
        while (stack.TryPop(out var directory))
        {
            for (var child = directory.DirectoryAsIs.First; child is not null; child = child.NextSibling)
            {
                var lost = ReferenceEquals(directory, conflicts.Directory);
                if (child.IsDirectory)
                {
                    if (!ReferenceEquals(child, conflicts.Directory))
                    {
                        snapshot.Entries.Add(new EntryState(ns.ObjectKeyOf(child), child, null, FailedUnder(child, failed)));
                    }

                    stack.Push(child);
                    continue;
                }

                var content = child.Type == FileType.RegularFile && child.Resident ? ReadContent(child) : null;
                if (lost)
                {
                    snapshot.LostAndFoundHashes.Add(Hash(content ?? []));
                    snapshot.LostAndFoundFiles++;
                }
                else
                {
                    snapshot.Entries.Add(new EntryState(ns.ObjectKeyOf(child), child, content, FailedUnder(child, failed)));
                    if (child.DirtySinceTicks != 0 && content is not null)
                    {
                        snapshot.PendingHashes.Add(Hash(content));
                    }
                }
            }
        }

        snapshot.PendingMoveKeys.UnionWith(fileSystem.Renames.PendingMoveKeys);
        snapshot.PendingExports = fileSystem.PendingExports;
        snapshot.LostAndFoundMetric = conflicts.Count;
        snapshot.ExportFailuresMetric = fileSystem.ExportFailures;
        snapshot.LostAndFoundMoves = fileSystem.Timeline.Query(SyncEventKind.LostAndFoundMove).Count;
        snapshot.Conflicts = fileSystem.Timeline.Query(SyncEventKind.Conflict).Count;
        snapshot.ExportFailureEvents = fileSystem.Timeline.Query(SyncEventKind.Failure).Count(e => e.Path is not null);
        return snapshot;
    }

    private static bool FailedUnder(Inode inode, IReadOnlyList<Inode> failed)
    {
        for (var node = inode; node is not null; node = node.Parent)
        {
            if (failed.Contains(node))
            {
                return true;
            }
        }

        return false;
    }

    private static byte[] ReadContent(Inode inode)
    {
        var bytes = new byte[inode.Size];
        ChunkStore.Read(inode.Content, inode.Size, 0, bytes);
        return bytes;
    }

    private void CheckConvergence(Snapshot snapshot, BucketState state, List<string> violations)
    {
        var prefix = fileSystem.Namespace.Prefix;
        var byKey = new Dictionary<string, EntryState>(StringComparer.Ordinal);
        foreach (var entry in snapshot.Entries)
        {
            byKey[entry.Key] = entry;
            if (entry.Failed || (entry.Inode.IsDirectory && entry.Inode.VersionId is null))
            {
                continue;
            }

            if (entry.Inode.DirtySinceTicks != 0 && !entry.Inode.IsDirectory)
            {
                violations.Add($"(1) {entry.Key}: still dirty after the quiet period");
                continue;
            }

            if (!state.Latest.TryGetValue(entry.Key, out var latest))
            {
                violations.Add($"(1) {entry.Key}: on the file system but not in the bucket");
                continue;
            }

            if (latest.Head.VersionId != entry.Inode.VersionId)
            {
                violations.Add($"(1) {entry.Key}: file system base version {entry.Inode.VersionId}, bucket latest {latest.Head.VersionId}");
                continue;
            }

            if (entry.Content is { } content && !content.AsSpan().SequenceEqual(latest.Bytes))
            {
                violations.Add($"(1) {entry.Key}: bytes differ from the bucket's");
            }

            var metadata = latest.Head.Metadata;
            var (type, mode) = ImportedKeys.TypeAndMode(metadata, entry.Inode.IsDirectory);
            var expected = (type, mode, PosixObjectMetadata.ParseId(metadata, PosixObjectMetadata.Owner), PosixObjectMetadata.ParseId(metadata, PosixObjectMetadata.Group),
                PosixObjectMetadata.ParseTime(metadata, PosixObjectMetadata.ModificationTime, Timespec.FromDateTimeOffset(latest.Head.LastModified).TotalNanoseconds));
            // A directory's mtime follows its children on the file system, while its marker is exported only for its own changes.
            var actual = (entry.Inode.Type, entry.Inode.Mode, entry.Inode.Uid, entry.Inode.Gid, entry.Inode.IsDirectory ? expected.Item5 : entry.Inode.ModificationTimeNs);
            if (actual != expected)
            {
                violations.Add($"(1) {entry.Key}: POSIX metadata {actual} on the file system, {expected} from the bucket");
            }
        }

        foreach (var (key, latest) in state.Latest)
        {
            if (!key.StartsWith(prefix, StringComparison.Ordinal) || key.EndsWith('/') || snapshot.PendingMoveKeys.Contains(key) || !Importable(key[prefix.Length..], state))
            {
                continue;
            }

            if (!byKey.TryGetValue(key, out var entry))
            {
                violations.Add($"(1) {key}: importable object not visible on the file system");
            }
            else if (entry.Inode.VersionId != latest.Head.VersionId && !entry.Failed)
            {
                violations.Add($"(1) {key}: visible with version {entry.Inode.VersionId}, bucket latest {latest.Head.VersionId}");
            }
        }
    }

    private bool Importable(string relative, BucketState state)
    {
        var names = relative.Split('/');
        if (!names.All(ImportedKeys.IsValidName))
        {
            return false;
        }

        var prefix = fileSystem.Namespace.Prefix;
        for (var i = 1; i <= names.Length; i++)
        {
            var path = prefix + string.Join('/', names, 0, i);
            if (state.Latest.Keys.Any(k => k.StartsWith(path + "/", StringComparison.Ordinal)) && i == names.Length)
            {
                return false;
            }

            if (i < names.Length && state.Latest.ContainsKey(path))
            {
                return false;
            }
        }

        return true;
    }

    private void CheckNoSilentLoss(Snapshot snapshot, BucketState state, List<string> violations)
    {
        foreach (var (path, hash) in _acknowledged)
        {
            if (_superseded.Contains(hash) || state.VersionHashes.Contains(hash) || snapshot.PendingHashes.Contains(hash))
            {
                continue;
            }

            if (snapshot.LostAndFoundHashes.Contains(hash))
            {
                if (snapshot.Conflicts == 0 || snapshot.LostAndFoundMoves == 0)
                {
                    violations.Add($"(2) write to {path}: in lost+found without a recorded conflict");
                }

                continue;
            }

            violations.Add($"(2) write to {path} ({hash[..12]}): acknowledged, then lost silently");
        }
    }

    private static void CheckMetrics(Snapshot snapshot, List<string> violations)
    {
        if (snapshot.PendingExports != snapshot.AuditedPending)
        {
            violations.Add($"(3) PendingExports is {snapshot.PendingExports}, {snapshot.AuditedPending} entries are queued");
        }

        if (snapshot.LostAndFoundMetric != snapshot.LostAndFoundFiles)
        {
            violations.Add($"(3) LostAndFoundFiles is {snapshot.LostAndFoundMetric}, lost+found holds {snapshot.LostAndFoundFiles} files");
        }

        if (snapshot.ExportFailuresMetric < snapshot.FailedEntries)
        {
            violations.Add($"(3) ExportFailures is {snapshot.ExportFailuresMetric}, {snapshot.FailedEntries} entries have a permanent error");
        }

        if (snapshot.ExportFailuresMetric != snapshot.ExportFailureEvents)
        {
            violations.Add($"(3) ExportFailures is {snapshot.ExportFailuresMetric}, the timeline records {snapshot.ExportFailureEvents} export failures");
        }

        if (snapshot.LostAndFoundMoves < snapshot.LostAndFoundFiles)
        {
            violations.Add($"(3) lost+found holds {snapshot.LostAndFoundFiles} files, the timeline records {snapshot.LostAndFoundMoves} moves");
        }
    }

    private sealed record EntryState(string Key, Inode Inode, byte[]? Content, bool Failed);

    private sealed class BucketState
    {
        public HashSet<string> VersionHashes { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, (ObjectMetadata Head, byte[] Bytes)> Latest { get; } = new(StringComparer.Ordinal);
    }

    private sealed class Snapshot
    {
        public List<EntryState> Entries { get; } = [];

        public HashSet<string> PendingHashes { get; } = new(StringComparer.Ordinal);

        public HashSet<string> PendingMoveKeys { get; } = new(StringComparer.Ordinal);

        public HashSet<string> LostAndFoundHashes { get; } = new(StringComparer.Ordinal);

        public int LostAndFoundFiles { get; set; }

        public int AuditedPending { get; init; }

        public int FailedEntries { get; init; }

        public int PendingExports { get; set; }

        public int LostAndFoundMetric { get; set; }

        public long ExportFailuresMetric { get; set; }

        public int LostAndFoundMoves { get; set; }

        public int Conflicts { get; set; }

        public int ExportFailureEvents { get; set; }
    }
}
