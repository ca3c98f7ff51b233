using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Extensions.Logging;
using S3FilesSim.Fuse.Native;

namespace S3FilesSim.Fuse;

/// <summary>
/// One libfuse session: the kernel connection of one mount point and the threads serving it. The workers share one
/// epoll instance holding /dev/fuse (non-blocking, <c>EPOLLONESHOT</c>) and an eventfd that stops them all: the one
/// worker the kernel wakes for a request reads it with <c>fuse_session_receive_buf</c>, re-arms /dev/fuse so another
/// worker can take the next request meanwhile, and hands the request to <c>fuse_session_process_buf</c>, which calls the
/// <see cref="FuseOperations"/> entry points on that thread.
/// </summary>
/// <remarks>One-shot arming gives each request exactly one wake-up, as libfuse's blocking reads do. A worker per
/// epoll instance (even with <c>EPOLLEXCLUSIVE</c>) was woken about 2.5 times per request, every extra worker finding
/// the request already taken (<c>EAGAIN</c>): each wasted wake-up is a context switch, the main cost of a FUSE request.</remarks>
/// <remarks>Signals: libfuse's own signal handlers are not installed (they fight .NET's); unmounting is
/// <see cref="MountPoint.Detach"/> and ending the connection is closing /dev/fuse in <c>fuse_session_destroy</c>.</remarks>
internal sealed class FuseSession
{
    private const int EventFdCloexec = 0x80000;
    private const int EventFdNonblock = 0x800;
    private const int EpollCloexec = 0x80000;
    private const ulong WakeToken = 1;
    private const uint RequestEvents = LibC.EpollIn | LibC.EpollOneShot;

    private readonly ILogger _logger;
    private readonly TaskCompletionSource _initialized = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private GCHandle _self;
    private nint _session;
    private int _fuseFd = -1;
    private int _wakeFd = -1;
    private int _epollFd = -1;
    private int _runningWorkers;
    private int _stopped;
    private bool _mounted;

    private FuseSession(FuseFileSystem fileSystem, string mountPoint, ILogger logger)
    {
        FileSystem = fileSystem;
        MountPoint = mountPoint;
        _logger = logger;
    }

    /// <summary>Gets the request translation.</summary>
    public FuseFileSystem FileSystem { get; }

    /// <summary>Gets the <c>struct fuse_session *</c> (for notifications), 0 once destroyed.</summary>
    public nint Handle => _session;

    /// <summary>Gets the absolute mount point.</summary>
    public string MountPoint { get; }

    /// <summary>Gets a task that completes when the kernel has answered INIT (the mount is usable), or faults when INIT failed.</summary>
    public Task Initialized => _initialized.Task;

    /// <summary>Gets a task that completes when every worker has stopped: unmounted from outside, or stopped by <see cref="StopAsync"/>.</summary>
    public Task Ended => _ended.Task;

    /// <summary>Creates the session, mounts <paramref name="mountPoint"/> and starts <paramref name="workers"/> threads.</summary>
    /// <exception cref="FuseMountException">libfuse could not create the session or mount.</exception>
    public static FuseSession Start(FuseFileSystem fileSystem, string mountPoint, string fileSystemName, int workers, ILogger logger)
    {
        var session = new FuseSession(fileSystem, mountPoint, logger);
        session._self = GCHandle.Alloc(session);
        try
        {
            session.Mount(fileSystemName);
            session.StartWorkers(workers);
            return session;
        }
        catch
        {
            if (session._mounted)
            {
                Fuse.MountPoint.Detach(mountPoint);
            }

            session.Destroy();
            throw;
        }
    }

    /// <summary>INIT: negotiates what the kernel may do. No writeback cache; READDIRPLUS only when the kernel may cache
    /// (its attributes would expire at once otherwise); <c>FUSE_CAP_HANDLE_KILLPRIV</c> so the simulator clears
    /// set-user-id and set-group-id on write as Linux does, instead of the kernel asking with a chmod as the writer.</summary>
    public unsafe void Initialize(FuseConnInfo* connection)
    {
        var want = connection->Want & ~LibFuse.CapWritebackCache & ~(LibFuse.CapSpliceRead | LibFuse.CapSpliceWrite | LibFuse.CapSpliceMove);
        if (!FileSystem.KernelCaching)
        {
            want &= ~(LibFuse.CapReaddirplus | LibFuse.CapReaddirplusAuto);
        }

        if ((connection->Capable & LibFuse.CapHandleKillpriv) != 0)
        {
            want |= LibFuse.CapHandleKillpriv;
        }

        connection->Want = want;
        connection->TimeGranularity = 1;
        _initialized.TrySetResult();
    }

    /// <summary>Records a failed INIT.</summary>
    public void InitializationFailed(Exception exception) => _initialized.TrySetException(exception);

    /// <summary>Stops the workers and waits for them; requests the kernel sends meanwhile wait until the connection ends.</summary>
    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 0)
        {
            Wake();
        }

        await _ended.Task.ConfigureAwait(false);
    }

    /// <summary>Ends the kernel connection (closing /dev/fuse fails every request still waiting with <c>ENOTCONN</c>) and frees the session.</summary>
    public void Destroy()
    {
        if (_session != 0)
        {
            LibFuse.SessionDestroy(_session);
            _session = 0;
        }

        if (_wakeFd >= 0)
        {
            _ = LibC.Close(_wakeFd);
            _wakeFd = -1;
        }

        if (_epollFd >= 0)
        {
            _ = LibC.Close(_epollFd);
            _epollFd = -1;
        }

        if (_self.IsAllocated)
        {
            _self.Free();
        }
    }

    private unsafe void Mount(string fileSystemName)
    {
        string[] arguments = ["s3files-sim", "-o", $"allow_other,fsname={fileSystemName},subtype=s3files"];
        var strings = arguments.Select(item => Marshal.StringToCoTaskMemUTF8(item)).ToArray();
        var argv = (byte**)NativeMemory.AllocZeroed((nuint)(strings.Length + 1), (nuint)sizeof(nint));
        var operations = FuseOperations.Create();
        try
        {
            for (var i = 0; i < strings.Length; i++)
            {
                argv[i] = (byte*)strings[i];
            }

            FuseArgs args = default;
            args.Argc = strings.Length;
            args.Argv = argv;
            _session = LibFuse.SessionNew(&args, operations, (nuint)(LibFuse.OperationSlots * sizeof(nint)), GCHandle.ToIntPtr(_self));
            LibFuse.OptFreeArgs(&args);
        }
        finally
        {
            NativeMemory.Free(operations);
            NativeMemory.Free(argv);
            foreach (var item in strings)
            {
                Marshal.FreeCoTaskMem(item);
            }
        }

        if (_session == 0)
        {
            throw new FuseMountException("libfuse could not create a session (see the 'fuse:' line above).");
        }

        var path = Encoding.UTF8.GetBytes(MountPoint + "\0");
        fixed (byte* pointer = path)
        {
            if (LibFuse.SessionMount(_session, pointer) != 0)
            {
                throw new FuseMountException($"mounting '{MountPoint}' failed (see the 'fuse:' line above).");
            }
        }

        _mounted = true;

        _fuseFd = LibFuse.SessionFd(_session);
        var flags = LibC.Fcntl(_fuseFd, LibC.FGetfl, 0);
        if (flags < 0 || LibC.Fcntl(_fuseFd, LibC.FSetfl, flags | LibC.ONonblock) < 0)
        {
            throw new FuseMountException($"cannot make /dev/fuse non-blocking for '{MountPoint}' (errno {Marshal.GetLastPInvokeError()}).");
        }

        _wakeFd = LibC.EventFd(0, EventFdCloexec | EventFdNonblock);
        if (_wakeFd < 0)
        {
            throw new FuseMountException($"eventfd failed (errno {Marshal.GetLastPInvokeError()}).");
        }

        _epollFd = LibC.EpollCreate1(EpollCloexec);
        EpollEvent request = default;
        request.Events = RequestEvents;
        EpollEvent wake = default;
        wake.Events = LibC.EpollIn;
        wake.Data = WakeToken;
        if (_epollFd < 0 || LibC.EpollCtl(_epollFd, LibC.EpollCtlAdd, _fuseFd, &request) != 0 || LibC.EpollCtl(_epollFd, LibC.EpollCtlAdd, _wakeFd, &wake) != 0)
        {
            throw new FuseMountException($"cannot set up epoll for '{MountPoint}' (errno {Marshal.GetLastPInvokeError()}).");
        }
    }

    /// <summary>Re-arms /dev/fuse after a worker took the event: the next request wakes one waiting worker.</summary>
    private unsafe bool Rearm()
    {
        EpollEvent request = default;
        request.Events = RequestEvents;
        return LibC.EpollCtl(_epollFd, LibC.EpollCtlMod, _fuseFd, &request) == 0;
    }

    private void StartWorkers(int count)
    {
        _runningWorkers = count;
        for (var i = 0; i < count; i++)
        {
            var worker = new Thread(Serve) { IsBackground = true, Name = $"fuse {MountPoint} #{i + 1}" };
            worker.Start();
        }
    }

    private unsafe void Wake()
    {
        ulong one = 1;
        _ = LibC.Write(_wakeFd, &one, sizeof(ulong));
    }

    private unsafe void Serve()
    {
        FuseBuf buffer = default;
        try
        {
            while (true)
            {
                EpollEvent ready;
                if (LibC.EpollWait(_epollFd, &ready, 1, -1) < 0)
                {
                    if (Marshal.GetLastPInvokeError() == LibC.EINTR)
                    {
                        continue;
                    }

                    _logger.LogError("A FUSE worker of {MountPoint} stopped: epoll_wait failed (errno {Errno}).", MountPoint, Marshal.GetLastPInvokeError());
                    Wake();
                    break;
                }

                if (ready.Data == WakeToken)
                {
                    // Level-triggered and never read: every worker sees it.
                    break;
                }

                var received = LibFuse.SessionReceiveBuf(_session, &buffer);
                if (!Rearm())
                {
                    _logger.LogError("A FUSE worker of {MountPoint} stopped: re-arming /dev/fuse failed (errno {Errno}).", MountPoint, Marshal.GetLastPInvokeError());
                    Wake();
                    break;
                }

                if (received is -LibC.EINTR or -LibC.EAGAIN)
                {
                    continue;
                }

                if (received <= 0)
                {
                    // 0: unmounted (or the connection aborted); negative: a device error. Either way the session is over.
                    Wake();
                    break;
                }

                LibFuse.SessionProcessBuf(_session, &buffer);
            }
        }
        catch (Exception exception)
        {
            _logger.LogError(exception, "A FUSE worker of {MountPoint} failed.", MountPoint);
            Wake();
        }
        finally
        {
            if (buffer.Mem != 0)
            {
                LibC.Free(buffer.Mem);
            }

            if (Interlocked.Decrement(ref _runningWorkers) == 0)
            {
                _initialized.TrySetException(new FuseMountException($"the FUSE connection of '{MountPoint}' ended before it was initialized."));
                _ended.TrySetResult();
            }
        }
    }
}
