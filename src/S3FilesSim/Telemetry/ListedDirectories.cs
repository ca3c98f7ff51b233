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
    }

    /// <summary>Returns whether the client still holds the attributes of <paramref name="inode"/> from a listing of its parent.</summary>
    /// <param name="inode">The entry.</param>
    /// <returns><see langword="true"/> when its parent was listed less than the lifetime ago.</returns>
    public bool HasAttributesOf(Inode inode) =>
        inode.Parent is { } parent && _listedAt.TryGetValue(parent, out var at) && clock.GetUtcNow() - at < lifetime;
}
