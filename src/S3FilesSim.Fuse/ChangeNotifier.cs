using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Logging;
using S3FilesSim.FileSystem;
using S3FilesSim.Fuse.Native;

namespace S3FilesSim.Fuse;

/// <summary>
/// Tells the kernel about bucket-side changes the import applied (new, changed, deleted and moved names) with
/// <c>fuse_lowlevel_notify_inval_entry</c> and <c>fuse_lowlevel_notify_inval_inode</c>, so even a mount with kernel
/// caching on sees them at once. The change feed's handler runs under the file system's lock and only queues; the
/// notifications are sent from this class's own thread, never from a request's execution path (libfuse would deadlock
/// waiting for the directory lock the request holds).
/// </summary>
internal sealed class ChangeNotifier : IDisposable
{
    private readonly BlockingCollection<FileSystemChange> _queue = new(new ConcurrentQueue<FileSystemChange>());
    private readonly IFileSystem _mount;
    private readonly NodeTable _nodes;
    private readonly ILogger _logger;
    private readonly Thread _thread;
    private readonly IDisposable _subscription;
    private nint _session;
    private long _sent;

    /// <summary>Subscribes to <paramref name="mount"/>'s change feed (paths from the mount root) and starts the sending thread.</summary>
    public ChangeNotifier(IFileSystem mount, NodeTable nodes, ILogger logger)
    {
        _mount = mount;
        _nodes = nodes;
        _logger = logger;
        _thread = new Thread(Send) { IsBackground = true, Name = "fuse change notifications" };
        _subscription = ((IFileSystemChangeFeed)mount).SubscribeChanges(change =>
        {
            if (change.Source == FileSystemChangeSource.Import)
            {
                _queue.Add(change);
            }
        });
    }

    /// <summary>Gets the number of notifications the kernel accepted.</summary>
    public long Sent => Interlocked.Read(ref _sent);

    /// <summary>Starts sending to <paramref name="session"/> (a <c>struct fuse_session *</c>).</summary>
    public void Start(nint session)
    {
        _session = session;
        _thread.Start();
    }

    /// <summary>Stops listening and sending; queued notifications are dropped (the kernel connection is about to end).</summary>
    public void Dispose()
    {
        _subscription.Dispose();
        _queue.CompleteAdding();
        if (_thread.IsAlive)
        {
            _thread.Join();
        }

        _queue.Dispose();
    }

    private void Send()
    {
        foreach (var change in _queue.GetConsumingEnumerable())
        {
            try
            {
                switch (change.Kind)
                {
                    case FileSystemChangeKind.Created:
                        InvalidateEntry(change.Path);
                        break;
                    case FileSystemChangeKind.Deleted:
                        InvalidateEntry(change.Path);
                        InvalidateInode(change.InodeNumber);
                        break;
                    case FileSystemChangeKind.Renamed:
                        InvalidateEntry(change.OldPath!);
                        InvalidateEntry(change.Path);
                        break;
                    default:
                        InvalidateInode(change.InodeNumber);
                        break;
                }
            }
            catch (Exception exception)
            {
                _logger.LogWarning(exception, "Could not tell the kernel about the bucket-side change of {Path}.", change.Path);
            }
        }
    }

    /// <summary>Drops the kernel's dentry of <paramref name="path"/> (and the attributes of its directory), when the kernel holds the directory.</summary>
    private unsafe void InvalidateEntry(string path)
    {
        var slash = path.LastIndexOf('/');
        if (slash < 0 || slash == path.Length - 1)
        {
            return;
        }

        var parentPath = slash == 0 ? "/" : path[..slash];
        ulong parent;
        try
        {
            parent = _nodes.ToNodeId(_mount.LstatAsync(parentPath).AsTask().GetAwaiter().GetResult().InodeNumber);
        }
        catch (FileSystemException)
        {
            return;
        }

        if (_nodes.TypeOf(parent) is null)
        {
            return;
        }

        var name = Encoding.UTF8.GetBytes(path[(slash + 1)..]);
        fixed (byte* pointer = name)
        {
            Count(LibFuse.NotifyInvalEntry(_session, parent, pointer, (nuint)name.Length));
        }
    }

    /// <summary>Drops the kernel's attributes and cached pages of the inode, when the kernel holds it.</summary>
    private void InvalidateInode(ulong inodeNumber)
    {
        var node = _nodes.ToNodeId(inodeNumber);
        if (_nodes.TypeOf(node) is not null)
        {
            Count(LibFuse.NotifyInvalInode(_session, node, 0, 0));
        }
    }

    private void Count(int result)
    {
        if (result == 0)
        {
            Interlocked.Increment(ref _sent);
        }
    }
}
