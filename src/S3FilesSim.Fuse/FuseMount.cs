using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using S3FilesSim.FileSystem;

namespace S3FilesSim.Fuse;

/// <summary>
/// An S3 Files file system mounted on the Linux kernel through FUSE, so unchanged programs (Python, shell tools,
/// System.IO apps) run on its semantics: NFS close-to-open consistency, the export to the bucket after the commit
/// delay, imports of bucket-side changes, lost+found, the read tiers and the errno of every refused call.
/// </summary>
/// <remarks>
/// <para>The mount point is one NFS client of the file system: several mount points of one file system behave as
/// several clients, close-to-open between them exactly as between two <see cref="S3FilesFileSystem.Mount"/> calls.
/// Each request acts as its calling process (uid, gid from the request, supplementary groups from
/// <c>/proc/&lt;pid&gt;/status</c>) through one simulator mount per identity; the mount uses <c>allow_other</c> without
/// <c>default_permissions</c>, so the simulator alone decides permissions, root squash and access points.</para>
/// <para>Kernel caching is off by default (entry and attribute timeouts 0, no <c>keep_cache</c>, no writeback cache).
/// Disposing unmounts; so does SIGINT or SIGTERM of the host process, and its exit. A mount left behind by a killed
/// process (<c>ENOTCONN</c>) is lazily unmounted by the next mount of the same directory. Linux only, libfuse 3.14,
/// root (or <c>user_allow_other</c> in /etc/fuse.conf). docs/SEMANTICS.md lists where a FUSE mount differs from a real
/// S3 Files NFS mount (https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-mounting.html).</para>
/// </remarks>
[SupportedOSPlatform("linux")]
public sealed class FuseMount : IAsyncDisposable
{
    private static readonly Lock LiveGate = new();
    private static readonly HashSet<FuseMount> Live = [];
    private static PosixSignalRegistration[]? s_signals;

    private readonly FuseSession _session;
    private readonly FuseFileSystem _translation;
    private readonly ChangeNotifier _notifier;
    private int _disposed;

    private FuseMount(S3FilesFileSystem fileSystem, FuseSession session, FuseFileSystem translation, ChangeNotifier notifier)
    {
        FileSystem = fileSystem;
        _session = session;
        _translation = translation;
        _notifier = notifier;
    }

    /// <summary>Gets the file system served at the mount point.</summary>
    public S3FilesFileSystem FileSystem { get; }

    /// <summary>Gets the absolute path of the mount point.</summary>
    public string MountPoint => _session.MountPoint;

    /// <summary>Gets a task that completes when the mount point is no longer served: after <see cref="DisposeAsync"/>, or
    /// once it was unmounted from outside (<c>umount</c>, <c>fusermount3 -u</c>); dispose the mount then too.</summary>
    public Task Completion => _session.Ended;

    /// <summary>Gets the number of inodes the kernel currently holds (lookup counts not yet released by FORGET), the root included.</summary>
    public int KernelInodes => _translation.Nodes.Count;

    /// <summary>Gets the number of files and directories open through the mount.</summary>
    public int OpenHandles => _translation.Handles.Count;

    internal FuseFileSystem Translation => _translation;

    internal ChangeNotifier Notifier => _notifier;

    /// <summary>Mounts <paramref name="fileSystem"/> at <paramref name="mountPoint"/> and returns once the kernel has initialised the connection.</summary>
    /// <param name="fileSystem">The file system to serve.</param>
    /// <param name="mountPoint">An existing, empty directory that is not a mount point.</param>
    /// <param name="options">The client's grants and the kernel cache; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels waiting for the kernel's INIT; the mount is undone.</param>
    /// <returns>The mount; dispose it to unmount.</returns>
    /// <exception cref="PlatformNotSupportedException">Not Linux.</exception>
    /// <exception cref="FuseMountException">The mount point is missing, not a directory, not empty or already a mount point;
    /// /dev/fuse or libfuse3 is missing (<c>apt-get install fuse3</c>); the libfuse version is not 3.14; the process is not
    /// root and /etc/fuse.conf lacks <c>user_allow_other</c>.</exception>
    /// <exception cref="UnauthorizedAccessException">The client lacks <c>s3files:ClientMount</c>.</exception>
    /// <exception cref="ArgumentException">An option is invalid, or the access point does not exist.</exception>
    /// <exception cref="FileSystemException">The access point's root directory cannot be used (as <see cref="S3FilesFileSystem.Mount"/>).</exception>
    public static async Task<FuseMount> StartAsync(S3FilesFileSystem fileSystem, string mountPoint, FuseMountOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fileSystem);
        ArgumentException.ThrowIfNullOrEmpty(mountPoint);
        options ??= new FuseMountOptions();
        options.Validate();
        cancellationToken.ThrowIfCancellationRequested();
        Fuse.MountPoint.CheckEnvironment();
        var logger = (options.LoggerFactory ?? NullLoggerFactory.Instance).CreateLogger<FuseMount>();
        var path = Fuse.MountPoint.Check(mountPoint, logger);

        // The root identity's simulator mount: the mount root's inode number, and the change feed (paths from that root).
        var rootMount = fileSystem.Mount(options.Mount with { User = PosixUser.Root, Umask = 0 });
        ulong rootInode;
        try
        {
            rootInode = (await rootMount.LstatAsync("/", cancellationToken).ConfigureAwait(false)).InodeNumber;
        }
        finally
        {
            await rootMount.DisposeAsync().ConfigureAwait(false);
        }

        var translation = new FuseFileSystem(fileSystem, options.Mount, rootInode, options.KernelCacheTimeout, TimeProvider.System, logger);
        var notifier = new ChangeNotifier(translation.MountFor(PosixUser.Root), translation.Nodes, logger);
        FuseSession session;
        try
        {
            session = FuseSession.Start(translation, path, fileSystem.FileSystemId, options.WorkerThreads, logger);
        }
        catch
        {
            notifier.Dispose();
            await translation.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        var mount = new FuseMount(fileSystem, session, translation, notifier);
        notifier.Start(session.Handle);
        Register(mount);
        try
        {
            await session.Initialized.WaitAsync(cancellationToken).ConfigureAwait(false);
            session.IdentifyConnection();
        }
        catch
        {
            await mount.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        logger.LogInformation("Mounted {FileSystemId} at {MountPoint}.", fileSystem.FileSystemId, path);
        return mount;
    }

    /// <summary>Unmounts: detaches the mount point, answers every waiting request, ends the kernel connection (files
    /// still open through it fail with <c>ENOTCONN</c>; their unflushed writes are lost, as when an NFS client goes
    /// away) and unmounts the simulator mounts.</summary>
    /// <returns>A task that completes when the mount is gone.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            await _session.Ended.ConfigureAwait(false);
            return;
        }

        Unregister(this);
        _notifier.Dispose();
        Fuse.MountPoint.Detach(MountPoint);
        await _translation.DrainAsync().ConfigureAwait(false);
        await _session.StopAsync().ConfigureAwait(false);
        _session.Destroy();
        await _translation.DisposeAsync().ConfigureAwait(false);
    }

    private static void Register(FuseMount mount)
    {
        lock (LiveGate)
        {
            Live.Add(mount);
            if (s_signals is null)
            {
                s_signals = [PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal), PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal)];
                AppDomain.CurrentDomain.ProcessExit += (_, _) => DetachAll();
            }
        }
    }

    private static void Unregister(FuseMount mount)
    {
        lock (LiveGate)
        {
            Live.Remove(mount);
        }
    }

    /// <summary>SIGINT, SIGTERM: every live mount point is detached at once (the host's own handling goes on unchanged),
    /// so a host that is stopped never leaves a dead mount behind.</summary>
    private static void OnSignal(PosixSignalContext context) => DetachAll();

    private static void DetachAll()
    {
        FuseMount[] live;
        lock (LiveGate)
        {
            live = [.. Live];
        }

        foreach (var mount in live)
        {
            Fuse.MountPoint.Detach(mount.MountPoint);
        }
    }
}
