using S3FilesSim.Namespace;

namespace S3FilesSim.Telemetry;

/// <summary>
/// The directories one mount listed recently: an NFS client keeps the attributes READDIRPLUS returned for
/// <see cref="LatencyProfile.ListedAttributesLifetime"/> and answers stat calls on the listed entries from them (nfs(5),
/// <c>acregmin</c>), which the latency model prices as <see cref="OperationKind.CachedMetadataRead"/>.
/// </summary>
/// <remarks>Not thread-safe: the mount calls it with the file system's lock held. Holds at most 1,024 directories;
/// expired ones are dropped when it is full.</remarks>
internal sealed class ListedDirectories(TimeProvider clock, TimeSpan lifetime)
{
    private const int Capacity = 1024;
    private readonly Dictionary<Inode, DateTimeOffset> _listedAt = [];
    private Inode? _lastDirectory;
    private DateTimeOffset _lastListedAt;

    /// <summary>Records that <paramref name="directory"/> was listed now.</summary>
    /// <param name="directory">The directory.</param>
    public void Listed(Inode directory)
    {
        if (lifetime <= TimeSpan.Zero)
        {
            return;
        }

        var now = clock.GetUtcNow();
        if (_listedAt.Count >= Capacity && !_listedAt.ContainsKey(directory))
        {
            foreach (var (listed, at) in _listedAt)
            {
                if (now - at >= lifetime)
                {
                    _listedAt.Remove(listed);
                }
            }

            if (_listedAt.Count >= Capacity)
            {
                _listedAt.Clear();
            }
        }

        _listedAt[directory] = now;
        _lastDirectory = directory;
        _lastListedAt = now;
    }

    /// <summary>Returns whether the client still holds the attributes of <paramref name="inode"/> from a listing of its parent.</summary>
    /// <param name="inode">The entry.</param>
    /// <returns><see langword="true"/> when its parent was listed less than the lifetime ago.</returns>
    /// <remarks>The last directory looked up is remembered (listed or not) until the next <see cref="Listed"/>, so a walk
    /// that stats the entries of one directory does one dictionary lookup, not one per entry.</remarks>
    public bool HasAttributesOf(Inode inode)
    {
        if (_listedAt.Count == 0 || inode.Parent is not { } parent)
        {
            return false;
        }

        if (!ReferenceEquals(parent, _lastDirectory))
        {
            _lastListedAt = _listedAt.TryGetValue(parent, out var at) ? at : DateTimeOffset.MinValue;
            _lastDirectory = parent;
        }

        return _lastListedAt != DateTimeOffset.MinValue && clock.GetUtcNow() - _lastListedAt < lifetime;
    }
}
