using System.Globalization;
using System.Text;
using S3FilesSim.FileSystem;
using S3FilesSim.ObjectStorage;

namespace S3FilesSim.Tests.Reliability.Model;

/// <summary>The first difference between the simulator and the model: the step index (or the final quiet check) and what differed.</summary>
internal sealed record Divergence(int Step, string Message);

/// <summary>
/// Runs an operation list against a fresh simulation and the <see cref="ReferenceModel"/>, step by step.
/// File-system results are compared right after each operation (errno, then the touched paths through the other mount).
/// A bucket change by another client makes the paths its key can affect uncertain (<see cref="_uncertain"/>): events,
/// conflicts and lost+found act on them at times the model does not predict, so they are compared only at the next
/// <see cref="Quiet"/> point, where the whole file-system view must equal what the bucket's latest versions imply, every
/// acknowledged file version must still exist (at its path, in lost+found, or as a bucket version), and the model is
/// re-based on the observed view.
/// </summary>
internal sealed class ModelRun : IAsyncDisposable
{
    /// <summary>Past the 60 s commit delay, the 1 to 5 s event delays, the exports and the echoes they cause.</summary>
    public static readonly TimeSpan QuietPeriod = TimeSpan.FromSeconds(200);

    private readonly S3FilesSimulation _sim;
    private readonly IFileSystem[] _mounts;
    private readonly ReferenceModel _model = new();
    private readonly HashSet<string> _uncertain = new(StringComparer.Ordinal);
    private readonly List<Acknowledged> _acknowledged = [];
    private readonly HashSet<string> _changedDirectories = new(StringComparer.Ordinal);
    private readonly HashSet<string> _everDirectories = new(StringComparer.Ordinal);
    private readonly Dictionary<(string, ETag, DateTimeOffset), ObservedEntry> _bucketCache = [];
    private readonly List<Move> _moves = [];
    private HashSet<string> _lostAndFound = new(StringComparer.Ordinal);
    private bool _bucketChanged;

    private ModelRun(int seed)
    {
        _sim = S3FilesSimulation.Create(new SimulationOptions { Seed = seed });
        _mounts = [Mount(), Mount()];
    }

    /// <summary>Runs <paramref name="ops"/> followed by a final quiet check; null when the simulator agrees with the model throughout.</summary>
    public static async Task<Divergence?> RunAsync(int seed, IReadOnlyList<ModelOp> ops)
    {
        await using var run = new ModelRun(seed);
        for (var step = 0; step <= ops.Count; step++)
        {
            var op = step < ops.Count ? ops[step] : new Quiet();
            string? message;
            try
            {
                message = await run.StepAsync(op).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                var trace = e.ToString();
                message = $"{op}: unexpected {trace[..Math.Min(trace.Length, 700)]}";
            }

            if (message is not null)
            {
                return new Divergence(step, message);
            }
        }

        return null;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var mount in _mounts)
        {
            await mount.DisposeAsync().ConfigureAwait(false);
        }

        await _sim.DisposeAsync().ConfigureAwait(false);
    }

    private IFileSystem Mount() => _sim.FileSystem.Mount(new MountOptions { User = PosixUser.Root, Umask = 0 });

    private async Task<string?> StepAsync(ModelOp op)
    {
        switch (op)
        {
            case FsOp fsOp:
                return await FileSystemStepAsync(fsOp).ConfigureAwait(false);
            case Advance advance:
                await _sim.AdvanceAsync(TimeSpan.FromSeconds(advance.Seconds)).ConfigureAwait(false);
                return null;
            case Quiet:
                return await QuietAsync().ConfigureAwait(false);
            default:
                await BucketStepAsync(op).ConfigureAwait(false);
                return null;
        }
    }

    private async Task<string?> FileSystemStepAsync(FsOp op)
    {
        var certain = !op.Paths.Any(p => IsUncertain(p) || (op is Rmdir or Rename && HasUncertainDescendant(p)));
        var expected = certain ? _model.Apply(op) : null;
        var fs = _mounts[op.Mount];
        var actual = await ExecuteAsync(fs, op).ConfigureAwait(false);
        await AcknowledgeAsync(fs, op, actual).ConfigureAwait(false);
        await NoteDirectoriesAsync(fs, op, actual).ConfigureAwait(false);
        if (op is Rename rename && actual is null && rename.From != rename.To)
        {
            NoteMove(rename.From, rename.To);
        }

        if (!certain)
        {
            _uncertain.UnionWith(op.Paths);
            return null;
        }

        if (expected != actual)
        {
            return $"{op}: expected {Show(expected)}, got {Show(actual)}";
        }

        TrackDirectoryChanges(op, actual);
        return await CompareTouchedAsync(op, _mounts[1 - op.Mount]).ConfigureAwait(false);
    }

    // Every path that held a directory at some time: an object there may have been shadowed by it.
    private async Task NoteDirectoriesAsync(IFileSystem fs, FsOp op, Errno? result)
    {
        if (result is not null)
        {
            return;
        }

        switch (op)
        {
            case Mkdir mkdir:
                _everDirectories.Add(mkdir.Path);
                break;
            case Rename rename when rename.From != rename.To:
                try
                {
                    if ((await fs.LstatAsync(rename.To).ConfigureAwait(false)).Type == FileType.Directory)
                    {
                        _everDirectories.Add(rename.To);
                        _everDirectories.UnionWith(_everDirectories.Where(p => ModelPaths.IsUnder(p, rename.From)).Select(p => rename.To + p[rename.From.Length..]).ToList());
                    }
                }
                catch (FileSystemException)
                {
                    return;
                }

                break;
        }
    }

    // Directories whose own marker the model requires at the next quiet point: made or chmod-ed since the last one.
    private void TrackDirectoryChanges(FsOp op, Errno? result)
    {
        if (result is not null)
        {
            return;
        }

        switch (op)
        {
            case Mkdir mkdir:
                _changedDirectories.Add(mkdir.Path);
                break;
            case Chmod chmod when _model.Get(chmod.Path)?.Type == FileType.Directory:
                _changedDirectories.Add(chmod.Path);
                break;
            case Rmdir rmdir:
                _changedDirectories.Remove(rmdir.Path);
                break;
            case Rename rename when rename.From != rename.To:
                var moved = _changedDirectories.Where(p => p == rename.From || ModelPaths.IsUnder(p, rename.From)).ToList();
                _changedDirectories.Remove(rename.To);
                _changedDirectories.ExceptWith(moved);
                _changedDirectories.UnionWith(moved.Select(p => rename.To + p[rename.From.Length..]));
                break;
        }
    }

    private static async Task<Errno?> ExecuteAsync(IFileSystem fs, FsOp op)
    {
        try
        {
            switch (op)
            {
                case Create create:
                    var flags = OpenFlags.WriteOnly | OpenFlags.Create | (create.Exclusive ? OpenFlags.Exclusive : 0);
                    await fs.CloseAsync(await fs.OpenAsync(create.Path, flags, (UnixFileMode)create.Mode).ConfigureAwait(false)).ConfigureAwait(false);
                    break;
                case Write write:
                    var handle = await fs.OpenAsync(write.Path, OpenFlags.WriteOnly).ConfigureAwait(false);
                    await fs.WriteAsync(handle, Encoding.UTF8.GetBytes(write.Data), write.Offset).ConfigureAwait(false);
                    await fs.CloseAsync(handle).ConfigureAwait(false);
                    break;
                case Truncate truncate:
                    await fs.TruncateAsync(truncate.Path, truncate.Length).ConfigureAwait(false);
                    break;
                case Rename rename:
                    await fs.RenameAsync(rename.From, rename.To).ConfigureAwait(false);
                    break;
                case Unlink unlink:
                    await fs.UnlinkAsync(unlink.Path).ConfigureAwait(false);
                    break;
                case Mkdir mkdir:
                    await fs.MkdirAsync(mkdir.Path, (UnixFileMode)mkdir.Mode).ConfigureAwait(false);
                    break;
                case Rmdir rmdir:
                    await fs.RmdirAsync(rmdir.Path).ConfigureAwait(false);
                    break;
                case Chmod chmod:
                    await fs.ChmodAsync(chmod.Path, (UnixFileMode)chmod.Mode).ConfigureAwait(false);
                    break;
                case Symlink symlink:
                    await fs.SymlinkAsync(symlink.Target, symlink.Path).ConfigureAwait(false);
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(op), op, "Not a file-system operation.");
            }

            return null;
        }
        catch (FileSystemException e)
        {
            return e.Errno;
        }
    }

    private async Task BucketStepAsync(ModelOp op)
    {
        var key = op switch
        {
            PutObject put => put.Key,
            DeleteObject delete => delete.Key,
            CopyObject copy => copy.Destination,
            _ => throw new ArgumentOutOfRangeException(nameof(op), op, "Not a bucket operation."),
        };
        try
        {
            switch (op)
            {
                case PutObject put:
                    var metadata = put.Mode is { } mode ? new Dictionary<string, string>
                    {
                        ["file-owner"] = put.Owner.ToString(CultureInfo.InvariantCulture),
                        ["file-group"] = put.Owner.ToString(CultureInfo.InvariantCulture),
                        ["file-permissions"] = "0" + Convert.ToString((put.Key.EndsWith('/') ? 0x4000 : 0x8000) | mode, 8),
                    } : null;
                    await _sim.Bucket.PutObjectAsync(put.Key, Encoding.UTF8.GetBytes(put.Data), metadata).ConfigureAwait(false);
                    break;
                case DeleteObject delete:
                    await _sim.Bucket.DeleteObjectAsync(delete.Key).ConfigureAwait(false);
                    break;
                case CopyObject copy:
                    await _sim.Bucket.CopyObjectAsync(new CopyObjectRequest { SourceKey = copy.Source, DestinationKey = copy.Destination }).ConfigureAwait(false);
                    break;
            }
        }
        catch (ObjectStoreException e) when (e.ErrorCode is S3ErrorCode.NoSuchKey or S3ErrorCode.InvalidRequest)
        {
            return;
        }

        _bucketChanged = true;
        _everDirectories.UnionWith(ModelPaths.Ancestors("/" + key.TrimEnd('/')));
        if (key.EndsWith('/'))
        {
            _everDirectories.Add("/" + key.TrimEnd('/'));
        }

        MarkAffected(key);
        MarkMovedAffected("/" + key.TrimEnd('/'));
    }

    // The entries an event for `key` may add, replace, remove or move to lost+found: the first leading component that is
    // not already a directory (a new directory may appear there, or a file there may clash), else the key's own path.
    private void MarkAffected(string key)
    {
        var components = key.TrimEnd('/').Split('/');
        var path = "/";
        for (var i = 0; i < components.Length; i++)
        {
            if (!Snapshots.IsImportableName(components[i]))
            {
                // The valid leading directories appear again if the file system renames or removes them meanwhile.
                if (i > 0)
                {
                    _uncertain.Add(path);
                }

                return;
            }

            path = ModelPaths.Child(path, components[i]);
            if (i == components.Length - 1 || _model.Get(path)?.Type != FileType.Directory)
            {
                _uncertain.Add(path);
                return;
            }
        }
    }

    // Renames since the last quiet point may not be exported yet: their old keys are still the entries' base objects.
    private void NoteMove(string from, string to)
    {
        foreach (var move in _moves.Where(m => m.Current == from || ModelPaths.IsUnder(m.Current, from)))
        {
            move.Current = to + move.Current[from.Length..];
        }

        _moves.Add(new Move(from) { Current = to });
    }

    // A bucket change at `path` also reaches the entries renamed away from it (or from a directory above it) whose rename
    // may not be exported yet: a changed or deleted base is a conflict there.
    private void MarkMovedAffected(string path)
    {
        foreach (var move in _moves)
        {
            if (move.Origin == path || ModelPaths.IsUnder(move.Origin, path))
            {
                _uncertain.Add(move.Current);
            }
            else if (ModelPaths.IsUnder(path, move.Origin))
            {
                _uncertain.Add(move.Current + path[move.Origin.Length..]);
            }
        }
    }

    private bool IsUncertain(string path) => _uncertain.Any(u => u == path || ModelPaths.IsUnder(path, u));

    private bool HasUncertainDescendant(string path) => _uncertain.Any(u => ModelPaths.IsUnder(u, path));

    private async Task<string?> CompareTouchedAsync(FsOp op, IFileSystem observer)
    {
        foreach (var path in op.Paths)
        {
            if (await CompareEntryAsync(op, observer, path).ConfigureAwait(false) is { } entryMessage)
            {
                return entryMessage;
            }
        }

        if (op is Create or Rename or Unlink or Mkdir or Rmdir or Symlink)
        {
            var directories = op.Paths.Select(ModelPaths.Parent).ToList();
            if (op is Rename rename && _model.Get(rename.To)?.Type == FileType.Directory)
            {
                directories.Add(rename.To);
            }

            foreach (var directory in directories.Distinct())
            {
                if (await CompareListingAsync(op, observer, directory).ConfigureAwait(false) is { } listingMessage)
                {
                    return listingMessage;
                }
            }
        }

        return null;
    }

    private async Task<string?> CompareEntryAsync(FsOp op, IFileSystem observer, string path)
    {
        var expected = _model.Get(path);
        ObservedEntry actual;
        try
        {
            actual = await Snapshots.ObserveAsync(observer, path).ConfigureAwait(false);
        }
        catch (FileSystemException e)
        {
            return expected is null ? null : $"{op}: {path} should be {Describe(expected)}, lstat failed with {e.Errno}";
        }

        if (expected is null)
        {
            return $"{op}: {path} should not exist, found {actual.Describe()}";
        }

        var same = expected.Type == actual.Type && expected.Target == actual.Target && expected.Data.AsSpan().SequenceEqual(actual.Data) &&
            (expected.Type == FileType.SymbolicLink || expected.Mode == actual.Mode);
        return same ? null : $"{op}: {path} should be {Describe(expected)}, found {actual.Describe()}";
    }

    private async Task<string?> CompareListingAsync(FsOp op, IFileSystem observer, string directory)
    {
        if (directory != "/" && _model.Get(directory)?.Type != FileType.Directory)
        {
            return null;
        }

        var expected = _model.Children(directory).Where(p => !IsUncertain(p)).Select(ModelPaths.Name).Order(StringComparer.Ordinal);
        var actual = (await observer.ReadDirectoryAsync(directory).ConfigureAwait(false))
            .Select(e => ModelPaths.Child(directory, e.Name))
            .Where(p => !IsUncertain(p) && !ModelPaths.Name(p).StartsWith(Snapshots.LostAndFoundPrefix, StringComparison.Ordinal))
            .Select(ModelPaths.Name).Order(StringComparer.Ordinal);
        var expectedText = string.Join(", ", expected);
        var actualText = string.Join(", ", actual);
        return expectedText == actualText ? null : $"{op}: listing of {directory} should be [{expectedText}], found [{actualText}]";
    }

    // Bookkeeping for "no silent loss": the last file content each successful file-system write left at a path.
    private async Task AcknowledgeAsync(IFileSystem fs, FsOp op, Errno? result)
    {
        if (result is not null)
        {
            return;
        }

        switch (op)
        {
            case Create or Write or Truncate:
                var path = op.Paths[0];
                byte[] data;
                try
                {
                    data = await fs.ReadAllBytesAsync(path).ConfigureAwait(false);
                }
                catch (FileSystemException)
                {
                    return;
                }

                _acknowledged.RemoveAll(a => a.Path == path);
                _acknowledged.Add(new Acknowledged(data, [path]));
                break;
            case Unlink unlink:
                _acknowledged.RemoveAll(a => a.Path == unlink.Path);
                break;
            case Rename rename when rename.From != rename.To:
                _acknowledged.RemoveAll(a => a.Path == rename.To);
                foreach (var acknowledged in _acknowledged.Where(a => a.Path == rename.From || ModelPaths.IsUnder(a.Path, rename.From)))
                {
                    acknowledged.Paths.Add(rename.To + acknowledged.Path[rename.From.Length..]);
                }

                break;
        }
    }

    private async Task<string?> QuietAsync()
    {
        await _sim.AdvanceAsync(QuietPeriod).ConfigureAwait(false);
        var lostAndFound = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var view = await Snapshots.FileSystemAsync(_mounts[0], lostAndFound).ConfigureAwait(false);
        _everDirectories.UnionWith(view.Where(e => e.Value.Type == FileType.Directory).Select(e => e.Key));
        var bucket = await Snapshots.BucketAsync(_sim.Bucket, _everDirectories.Contains, _bucketCache).ConfigureAwait(false);
        var message = CompareWithModel(view)
            ?? await CompareWithBucketAsync(view, bucket).ConfigureAwait(false)
            ?? await FindSilentLossAsync(view, lostAndFound).ConfigureAwait(false)
            ?? CheckLostAndFound(lostAndFound);
        _model.Replace(view.Select(e => KeyValuePair.Create(e.Key, new ModelEntry(e.Value.Type, e.Value.Mode, e.Value.Data, e.Value.Target))));
        _uncertain.Clear();
        _acknowledged.Clear();
        _changedDirectories.Clear();
        _moves.Clear();
        _lostAndFound = [.. lostAndFound.Keys];

        // A hidden object surfaces when the file system writes its path (the write conflicts with it, and the bucket wins).
        _uncertain.UnionWith(bucket.Hidden);
        _bucketChanged = bucket.Hidden.Count > 0;
        return message is null ? null : "at the quiet point: " + message;
    }

    private string? CompareWithModel(SortedDictionary<string, ObservedEntry> view)
    {
        foreach (var path in _model.Entries.Keys.Union(view.Keys).Where(p => !IsUncertain(p)).Order(StringComparer.Ordinal))
        {
            var expected = _model.Get(path);
            var actual = view.GetValueOrDefault(path);
            if (expected is null || actual is null)
            {
                return $"{path} should be {(expected is null ? "absent" : Describe(expected))}, found {actual?.Describe() ?? "nothing"}";
            }

            var same = expected.Type == actual.Type && expected.Target == actual.Target && expected.Data.AsSpan().SequenceEqual(actual.Data) &&
                (expected.Type == FileType.SymbolicLink || expected.Mode == actual.Mode);
            if (!same)
            {
                return $"{path} should be {Describe(expected)}, found {actual.Describe()}";
            }
        }

        return null;
    }

    private async Task<string?> CompareWithBucketAsync(SortedDictionary<string, ObservedEntry> view, BucketView bucket)
    {
        if (_sim.FileSystem.PendingExports != 0)
        {
            return $"{_sim.FileSystem.PendingExports} exports still pending";
        }

        _everDirectories.UnionWith(bucket.Tree.Where(e => e.Value.Type == FileType.Directory).Select(e => e.Key));
        foreach (var path in bucket.Tree.Keys.Union(view.Keys).Order(StringComparer.Ordinal))
        {
            var fromBucket = bucket.Tree.GetValueOrDefault(path);
            var onFileSystem = view.GetValueOrDefault(path);
            if (!Agree(path, bucket, fromBucket, onFileSystem))
            {
                return $"bucket implies {path} = {fromBucket?.Describe() ?? "nothing"}, the file system shows {onFileSystem?.Describe() ?? "nothing"}; keys: {string.Join(", ", (await Snapshots.KeysAsync(_sim.Bucket).ConfigureAwait(false)).Select(Printable))}";
            }
        }

        return null;
    }

    // Decisions the comparison follows (docs/SEMANTICS.md, Reference-model testing). S3 holds a directory only through
    // its marker or the keys below it, so a directory whose marker and keys are gone (deleted by another client, or
    // moved out of an implicit directory) stays on the file system with its own attributes; only a directory made or
    // chmod-ed on the file system since the last quiet point must have its marker. Objects the file system does not show
    // (unimportable keys, an object shadowed by a directory of the same name, now or earlier) are not moved by a
    // directory rename nor removed by rmdir: they stay, and the directories only they imply may be absent.
    private bool Agree(string path, BucketView bucket, ObservedEntry? fromBucket, ObservedEntry? onFileSystem)
    {
        if (onFileSystem is { Type: FileType.Directory } &&
            (fromBucket is null || Snapshots.IsImplicit(fromBucket) || (fromBucket.Type != FileType.Directory && bucket.Hidden.Contains(path))))
        {
            return IsUncertain(path) || !_changedDirectories.Contains(path);
        }

        if (onFileSystem is null && fromBucket is not null && (bucket.Hidden.Contains(path) || bucket.Ghosts.Contains(path)))
        {
            return true;
        }

        if (onFileSystem is not null && bucket.Ghosts.Contains(path) && bucket.Shadowed.TryGetValue(path, out var shadowed))
        {
            return shadowed.SameAs(onFileSystem, compareMtime: true);
        }

        return fromBucket is not null && onFileSystem is not null && fromBucket.SameAs(onFileSystem, compareMtime: true);
    }

    private async Task<string?> FindSilentLossAsync(SortedDictionary<string, ObservedEntry> view, Dictionary<string, byte[]> lostAndFound)
    {
        foreach (var acknowledged in _acknowledged)
        {
            if (view.TryGetValue(acknowledged.Path, out var entry) && entry.Data.AsSpan().SequenceEqual(acknowledged.Data) ||
                lostAndFound.Values.Any(d => d.AsSpan().SequenceEqual(acknowledged.Data)))
            {
                continue;
            }

            var found = false;
            foreach (var path in acknowledged.Paths)
            {
                var versions = await Snapshots.VersionBytesAsync(_sim.Bucket, path[1..]).ConfigureAwait(false);
                found |= versions.Any(v => v.AsSpan().SequenceEqual(acknowledged.Data));
            }

            if (!found)
            {
                return $"silent loss: \"{Encoding.UTF8.GetString(acknowledged.Data)}\" written at {string.Join(" -> ", acknowledged.Paths)} is neither there, nor in lost+found, nor a bucket version";
            }
        }

        return null;
    }

    private string? CheckLostAndFound(Dictionary<string, byte[]> lostAndFound)
    {
        if (_sim.FileSystem.LostAndFoundFiles != lostAndFound.Count)
        {
            return $"LostAndFoundFiles is {_sim.FileSystem.LostAndFoundFiles}, lost+found holds {lostAndFound.Count} files";
        }

        if (!_bucketChanged && !_lostAndFound.SetEquals(lostAndFound.Keys))
        {
            return $"lost+found changed without any bucket change: [{string.Join(", ", lostAndFound.Keys.Except(_lostAndFound))}] appeared";
        }

        return null;
    }

    private static string Show(Errno? errno) => errno?.ToString() ?? "success";

    private static string Describe(ModelEntry entry) =>
        new ObservedEntry(entry.Type, entry.Mode, 0, 0, entry.Data, entry.Target, null).Describe();

    private static string Printable(string key) => key.Replace("\0", "\\0", StringComparison.Ordinal) is { Length: > 40 } longKey ? longKey[..20] + $"...({longKey.Length} chars)" : key.Replace("\0", "\\0", StringComparison.Ordinal);

    /// <summary>An entry renamed since the last quiet point: where it was (<see cref="Origin"/>) and where it is now.</summary>
    private sealed record Move(string Origin)
    {
        public required string Current { get; set; }
    }

    /// <summary>File content a successful write left; <see cref="Paths"/> are the paths it had, oldest first (renames append).</summary>
    private sealed record Acknowledged(byte[] Data, List<string> Paths)
    {
        public string Path => Paths[^1];
    }
}
