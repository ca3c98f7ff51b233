using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Extensions.Logging;
using S3FilesSim.Fuse.Native;

namespace S3FilesSim.Fuse;

/// <summary>
/// One libfuse session: the kernel connection of one mount point and the threads serving it. Each worker blocks in
/// <c>fuse_session_receive_buf</c> on /dev/fuse (the kernel hands each request to exactly one waiting reader) and hands
/// the request to <c>fuse_session_process_buf</c>, which calls the <see cref="FuseOperations"/> entry points on that
/// thread. The workers end when the connection does: unmounted from outside (the reads return <c>ENODEV</c>), or
/// aborted by <see cref="StopAsync"/> through the fusectl file system.
/// </summary>
/// <remarks>
/// <para>Blocking reads, as libfuse's own loop: on this kind of machine (a virtual machine, two vCPUs) a request woken
/// through epoll cost about twice a blocking read's round trip (stat through the mount: 102-121 µs against 51-54 µs,
/// same machine, same minute), and a context switch is most of a FUSE request's cost.</para>
/// <para>Signals: libfuse's own signal handlers are not installed (they fight .NET's); unmounting is
/// <see cref="MountPoint.Detach"/> and ending the connection is the abort, then closing /dev/fuse in
/// <c>fuse_session_destroy</c>.</para>
/// </remarks>
internal sealed class FuseSession
{

    private readonly ILogger _logger;
    private readonly TaskCompletionSource _initialized = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private GCHandle _self;
    private nint _session;
    private string? _connection;
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

    /// <summary>Finds the connection from the mount's <c>st_dev</c> when mountinfo did not name it (a mount point reached
    /// through a symbolic link); call it once INIT is answered.</summary>
    public void IdentifyConnection() => _connection ??= Fuse.MountPoint.ConnectionOfMounted(MountPoint);

    /// <summary>Records a failed INIT.</summary>
    public void InitializationFailed(Exception exception) => _initialized.TrySetException(exception);

    /// <summary>Aborts the kernel connection (requests still waiting fail with <c>ENOTCONN</c>) and waits for the workers
    /// to stop; call it after the mount point is detached and pending requests have replied.</summary>
    /// <returns><see langword="true"/> when the workers stopped; <see langword="false"/> when the connection could not be
    /// aborted here (fusectl not mountable): the workers then stop when the connection ends (its last open file is
    /// closed, or the process exits), and <see cref="Destroy"/> leaves the session to them.</returns>
    public async Task<bool> StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 0 && Volatile.Read(ref _runningWorkers) > 0
            && (_connection is not { } connection || !Fuse.MountPoint.AbortConnection(connection)))
        {
            _logger.LogWarning("The FUSE connection of {MountPoint} could not be aborted (fusectl is not mounted at /sys/fs/fuse/connections and cannot be); its threads end when its last open file is closed.", MountPoint);
            return false;
        }

        await _ended.Task.ConfigureAwait(false);
        return true;
    }

    /// <summary>Ends the kernel connection (closing /dev/fuse fails every request still waiting with <c>ENOTCONN</c>) and frees
    /// the session; does nothing while workers still read from it (after a <see cref="StopAsync"/> that could not abort).</summary>
    public void Destroy()
    {
        if (Volatile.Read(ref _runningWorkers) > 0)
        {
            // Workers still read from it (the connection could not be aborted): freeing it would pull it from under them.
            return;
        }

        if (_session != 0)
        {
            LibFuse.SessionDestroy(_session);
            _session = 0;
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
        _connection = Fuse.MountPoint.ConnectionOf(MountPoint);
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

    private unsafe void Serve()
    {
        FuseBuf buffer = default;
        try
        {
            while (true)
            {
                var received = LibFuse.SessionReceiveBuf(_session, &buffer);
                if (received is -LibC.EINTR or -LibC.EAGAIN)
                {
                    continue;
                }

                if (received <= 0)
                {
                    // 0 or ENODEV: unmounted, or the connection was aborted; another negative value: a device error.
                    // Either way the session is over, for every worker.
                    break;
                }

                LibFuse.SessionProcessBuf(_session, &buffer);
            }
        }
        catch (Exception exception)
        {
            _logger.LogError(exception, "A FUSE worker of {MountPoint} failed.", MountPoint);
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
