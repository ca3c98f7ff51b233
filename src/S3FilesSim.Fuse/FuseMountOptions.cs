using Microsoft.Extensions.Logging;
using S3FilesSim.FileSystem;

namespace S3FilesSim.Fuse;

/// <summary>Options of a FUSE mount (<see cref="FuseMount.StartAsync"/>), validated once when it starts.</summary>
public sealed record FuseMountOptions
{
    /// <summary>
    /// Gets the grants of the simulated NFS client behind the mount point: <see cref="MountOptions.ReadOnly"/>,
    /// <see cref="MountOptions.AccessPointId"/>, <see cref="MountOptions.ClientWrite"/>,
    /// <see cref="MountOptions.ClientRootAccess"/> (without it root is squashed to 65534), the direct-read settings.
    /// <see cref="MountOptions.User"/> and <see cref="MountOptions.Umask"/> are ignored: every request acts as its calling
    /// process (uid, gid and supplementary groups), whose umask the kernel has already applied.
    /// </summary>
    /// <value>The default value is <see cref="MountOptions"/> with its defaults (read-write, root access, file system root).</value>
    public MountOptions Mount { get; init; } = new();

    /// <summary>
    /// Gets how long the kernel may cache entries, attributes and file pages. Zero (the default) gives programs exactly
    /// the simulator's NFS close-to-open consistency. A positive value is faster but leaves S3 Files semantics: another
    /// mount's writes, renames and bucket imports may be seen that much later (bucket imports still invalidate the
    /// kernel's entries at once).
    /// </summary>
    /// <value>The default value is <see cref="TimeSpan.Zero"/>.</value>
    public TimeSpan KernelCacheTimeout { get; init; } = TimeSpan.Zero;

    /// <summary>Gets the number of threads serving kernel requests.</summary>
    /// <value>The default value is twice the processor count, at least 4 and at most 16.</value>
    public int WorkerThreads { get; init; } = Math.Clamp(Environment.ProcessorCount * 2, 4, 16);

    /// <summary>Gets the logger factory for the mount's diagnostics (a stale mount removed, a failed request).</summary>
    /// <value>The default value is <see langword="null"/>: nothing is logged.</value>
    public ILoggerFactory? LoggerFactory { get; init; }

    /// <summary>Checks the options.</summary>
    /// <exception cref="ArgumentException">An option is out of range; the message names it.</exception>
    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(Mount, nameof(Mount));
        if (KernelCacheTimeout < TimeSpan.Zero || KernelCacheTimeout > TimeSpan.FromDays(1))
        {
            throw new ArgumentException($"{nameof(KernelCacheTimeout)} must be between 0 and 1 day; it was {KernelCacheTimeout}.", nameof(KernelCacheTimeout));
        }

        if (WorkerThreads is < 1 or > 256)
        {
            throw new ArgumentException($"{nameof(WorkerThreads)} must be between 1 and 256; it was {WorkerThreads}.", nameof(WorkerThreads));
        }
    }
}
