using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Unicode;
using Microsoft.Extensions.Logging;
using S3FilesSim.FileSystem;
using S3FilesSim.Fuse.Native;

namespace S3FilesSim.Fuse;

/// <summary>
/// The thin translation between FUSE requests and the simulator's <see cref="IFileSystem"/>: each request is decoded,
/// mapped to one facade call on the mount of its caller's identity, and answered with the result or an errno. Every
/// semantic decision (permissions, close-to-open, export, errno choice) lives below, in the simulator.
/// </summary>
/// <remarks>
/// <para>Each request runs as an async body that completes inline when the simulator answers synchronously (the
/// in-memory bucket always does); otherwise the reply is sent later from whichever thread completes it. Pointers into
/// libfuse's buffers are copied before the first await.</para>
/// <para>One simulator mount (NFS client) per caller identity: uid, gid and supplementary groups, with the umask set to
/// 0 because the kernel applies the caller's own umask before the request arrives.</para>
/// </remarks>
internal sealed partial class FuseFileSystem : IAsyncDisposable
{
    private static readonly ConcurrentDictionary<long, CancellationTokenSource> Interruptible = new();
    private static long s_lastInterruptKey;

    private readonly S3FilesFileSystem _fileSystem;
    private readonly MountOptions _mountTemplate;
    private readonly double _cacheSeconds;
    private readonly ILogger _logger;
    private readonly CallerIdentities _callers;
    private readonly ConcurrentDictionary<PosixUser, IFileSystem> _mounts = new();
    private readonly Lock _mountGate = new();
    private readonly ConcurrentDictionary<(ulong Node, ulong Owner), int> _lockOwners = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _pending;

    /// <summary>Creates the translation over <paramref name="fileSystem"/>.</summary>
    /// <param name="fileSystem">The simulated file system.</param>
    /// <param name="mountTemplate">The grants of every simulator mount (user and umask are replaced per caller).</param>
    /// <param name="rootInode">The simulator inode number of the mount root.</param>
    /// <param name="kernelCacheTimeout">The entry and attribute timeout given to the kernel (zero: no caching).</param>
    /// <param name="wall">The wall clock (identity cache lifetime).</param>
    /// <param name="logger">Where unexpected failures are logged.</param>
    public FuseFileSystem(S3FilesFileSystem fileSystem, MountOptions mountTemplate, ulong rootInode, TimeSpan kernelCacheTimeout, TimeProvider wall, ILogger logger)
    {
        _fileSystem = fileSystem;
        _mountTemplate = mountTemplate;
        _cacheSeconds = kernelCacheTimeout.TotalSeconds;
        _logger = logger;
        _callers = new CallerIdentities(wall);
        Nodes = new NodeTable(rootInode);
    }

    /// <summary>Gets the kernel's nodes.</summary>
    public NodeTable Nodes { get; }

    /// <summary>Gets the open files and directories.</summary>
    public OpenHandles Handles { get; } = new();

    /// <summary>Gets a value indicating whether the kernel may cache entries, attributes and pages.</summary>
    public bool KernelCaching => _cacheSeconds > 0;

    /// <summary>Gets the number of simulator mounts (identities seen).</summary>
    public int MountCount => _mounts.Count;

    /// <summary>Gets the number of requests whose reply is still pending (waiting locks, slow bucket calls).</summary>
    public int PendingRequests => Volatile.Read(ref _pending);

    /// <summary>Cancels waiting requests (they reply <c>EINTR</c>) and waits until every pending request has replied.</summary>
    public async Task DrainAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (Volatile.Read(ref _pending) == 0)
        {
            _drained.TrySetResult();
        }

        await _drained.Task.ConfigureAwait(false);
    }

    /// <summary>Closes every handle still open (unflushed writes are lost, as when an NFS client goes away) and unmounts the simulator mounts.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var open in Handles.RemoveAll())
        {
            var (mount, handle) = open switch
            {
                OpenFile file => (file.Mount, file.Handle),
                OpenDirectory directory => (directory.Mount, directory.Handle),
                _ => throw new InvalidOperationException("Unknown open handle."),
            };
            try
            {
                await mount.CloseAsync(handle).ConfigureAwait(false);
            }
            catch (FileSystemException)
            {
                // Already closed by the simulator mount's own disposal.
            }
        }

        foreach (var mount in _mounts.Values)
        {
            await mount.DisposeAsync().ConfigureAwait(false);
        }

        _mounts.Clear();
        _stopping.Dispose();
    }

    /// <summary>Returns the simulator mount of <paramref name="user"/>, mounting it on first use.</summary>
    public IFileSystem MountFor(PosixUser user)
    {
        if (_mounts.TryGetValue(user, out var mount))
        {
            return mount;
        }

        lock (_mountGate)
        {
            if (!_mounts.TryGetValue(user, out mount))
            {
                mount = _fileSystem.Mount(_mountTemplate with { User = user, Umask = 0 });
                _mounts[user] = mount;
            }

            return mount;
        }
    }

    /// <summary>Cancels the waiting request registered under <paramref name="key"/> (FUSE_INTERRUPT).</summary>
    internal static void Interrupt(nint key)
    {
        if (Interruptible.TryGetValue(key, out var source))
        {
            try
            {
                source.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The request completed meanwhile.
            }
        }
    }

    /// <summary>Maps a failure to the errno sent to the kernel: the simulator's own errno, ENOTSUPP (524, which FUSE cannot carry) as EOPNOTSUPP, a cancelled wait as EINTR, anything else as EIO.</summary>
    internal static int ToErrno(Exception exception) => exception switch
    {
        FileSystemException { Errno: Errno.ENOTSUPP } => LibC.EOPNOTSUPP,
        FileSystemException { Errno: var errno } when (int)errno is > 0 and < 512 => (int)errno,
        OperationCanceledException => LibC.EINTR,
        UnauthorizedAccessException => LibC.EACCES,
        _ => LibC.EIO,
    };

    /// <summary>Decodes a NUL-terminated name from the kernel: NFSv4 names are UTF-8, so other bytes are <c>EINVAL</c>.</summary>
    internal static unsafe string Name(byte* name, string operation)
    {
        var bytes = MemoryMarshal.CreateReadOnlySpanFromNullTerminated(name);
        return Utf8.IsValid(bytes) ? Encoding.UTF8.GetString(bytes) : throw FileSystemException.Create(Errno.EINVAL, operation);
    }

    /// <summary>Answers <paramref name="request"/> with the errno of <paramref name="exception"/>, logging failures that are not the simulator's.</summary>
    internal void Fail(nint request, Exception exception)
    {
        if (exception is not (FileSystemException or OperationCanceledException or UnauthorizedAccessException))
        {
            _logger.LogError(exception, "FUSE request failed unexpectedly; answered EIO");
        }

        _ = LibFuse.ReplyErr(request, ToErrno(exception));
    }

    private static void Ok(nint request) => _ = LibFuse.ReplyErr(request, 0);

    private static FileSystemException Stale(string operation) => FileSystemException.Create(Errno.ESTALE, operation);

    private static FileSystemException BadHandle(string operation) => FileSystemException.Create(Errno.EBADF, operation);

    private static Stat ToStat(FileStatus status)
    {
        Stat stat = default;
        stat.Ino = status.InodeNumber;
        stat.Mode = status.RawMode;
        stat.Nlink = (ulong)status.LinkCount;
        stat.Uid = status.Uid;
        stat.Gid = status.Gid;
        stat.Size = status.Size;
        stat.BlockSize = status.BlockSize;
        stat.Blocks = status.Blocks;
        stat.AccessSeconds = status.AccessTime.Seconds;
        stat.AccessNanoseconds = status.AccessTime.Nanoseconds;
        stat.ModificationSeconds = status.ModificationTime.Seconds;
        stat.ModificationNanoseconds = status.ModificationTime.Nanoseconds;
        stat.ChangeSeconds = status.ChangeTime.Seconds;
        stat.ChangeNanoseconds = status.ChangeTime.Nanoseconds;
        return stat;
    }

    private static unsafe int SendEntry(nint request, FuseEntryParam entry) => LibFuse.ReplyEntry(request, &entry);

    private static unsafe int SendCreate(nint request, FuseEntryParam entry, FuseFileInfo info) => LibFuse.ReplyCreate(request, &entry, &info);

    private static unsafe int SendOpen(nint request, FuseFileInfo info) => LibFuse.ReplyOpen(request, &info);

    private static unsafe void SendStatfs(nint request, StatVfs statistics) => _ = LibFuse.ReplyStatfs(request, &statistics);

    private static unsafe void SendLock(nint request, Flock lockInfo) => _ = LibFuse.ReplyLock(request, &lockInfo);

    private static unsafe void SendBuffer(nint request, byte[] buffer, int count)
    {
        fixed (byte* pointer = buffer)
        {
            _ = LibFuse.ReplyBuf(request, pointer, (nuint)count);
        }
    }

    /// <summary>Runs a request body; one that did not complete inline is counted until it replies.</summary>
    private void Run(ValueTask body)
    {
        if (body.IsCompleted)
        {
            body.GetAwaiter().GetResult();
            return;
        }

        Interlocked.Increment(ref _pending);
        _ = FinishAsync(body);
    }

    private async Task FinishAsync(ValueTask body)
    {
        try
        {
            await body.ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            _logger.LogError(exception, "FUSE request body failed after its reply");
        }
        finally
        {
            if (Interlocked.Decrement(ref _pending) == 0 && _stopping.IsCancellationRequested)
            {
                _drained.TrySetResult();
            }
        }
    }

    /// <summary>Returns the caller of <paramref name="request"/>; valid until the request is answered.</summary>
    private unsafe Caller Who(nint request)
    {
        var context = LibFuse.RequestContext(request);
        return _callers.Resolve(context->Uid, context->Gid, context->Pid);
    }

    private IFileSystem MountOf(nint request) => MountFor(Who(request).User);

    private string PathOf(ulong node, string operation) => Nodes.PathOf(node) ?? throw Stale(operation);

    private string ChildPath(ulong parent, string name, string operation) => Nodes.ChildPath(parent, name) ?? throw Stale(operation);

    /// <summary>Answers with an entry for <paramref name="status"/> found as <paramref name="name"/> in <paramref name="parent"/>, counting the lookup (undone when the kernel did not take the reply).</summary>
    private void ReplyEntry(nint request, ulong parent, string name, FileStatus status)
    {
        var entry = Entry(parent, name, status);
        if (SendEntry(request, entry) != 0)
        {
            Nodes.Forget(entry.Ino, 1);
        }
    }

    private FuseEntryParam Entry(ulong parent, string name, FileStatus status)
    {
        var nodeId = Nodes.ToNodeId(status.InodeNumber);
        Nodes.Remember(nodeId, parent, name, status.Type);
        FuseEntryParam entry = default;
        entry.Ino = nodeId;
        entry.Attr = ToStat(status);
        entry.AttrTimeout = _cacheSeconds;
        entry.EntryTimeout = _cacheSeconds;
        return entry;
    }

    private unsafe void ReplyAttributes(nint request, FileStatus status)
    {
        var stat = ToStat(status);
        _ = LibFuse.ReplyAttr(request, &stat, _cacheSeconds);
    }

    /// <summary>Registers <paramref name="request"/> for FUSE_INTERRUPT and returns a token cancelled by it or by unmounting.</summary>
    private unsafe (CancellationTokenSource Source, long Key) RegisterInterrupt(nint request)
    {
        var source = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
        var key = Interlocked.Increment(ref s_lastInterruptKey);
        Interruptible[key] = source;
        LibFuse.RequestInterruptFunc(request, &FuseOperations.Interrupted, (nint)key);
        return (source, key);
    }

    private static void EndInterruptible((CancellationTokenSource Source, long Key) registration)
    {
        Interruptible.TryRemove(registration.Key, out _);
        registration.Source.Dispose();
    }
}
