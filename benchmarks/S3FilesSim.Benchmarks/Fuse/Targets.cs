using System.Diagnostics;
using S3FilesSim.Fuse;

namespace S3FilesSim.Benchmarks.Fuse;

/// <summary>
/// The directories a FUSE benchmark runs the same calls in: plain tmpfs; libfuse's own passthrough_ll example over
/// tmpfs (built from /usr/share/doc/libfuse3-dev/examples with gcc, run with <c>-o cache=never</c> so the kernel asks it on
/// every call, as it asks the simulator: the cost of FUSE itself); the same with <c>-o xattr</c> (the cost of FUSE for a
/// file system with extended attributes: the kernel then asks for <c>security.capability</c> before every write and
/// truncating open, where plain passthrough_ll answers the first such request <c>ENOSYS</c> and is never asked again);
/// and the simulator's FUSE mount.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
internal sealed class Targets : IAsyncDisposable
{
    /// <summary>passthrough_ll, built once per process (every benchmark's set-up mounts it again) and removed at exit.</summary>
    private static readonly Lazy<string> PassthroughBinary = new(() =>
    {
        var directory = Directory.CreateTempSubdirectory("s3filessim-bench-passthrough-build-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(directory, recursive: true);
        return Build(directory);
    });

    private readonly List<string> _directories = [];
    private Process? _passthrough;
    private Process? _passthroughXattr;
    private S3FilesSimulation? _simulation;
    private FuseMount? _mount;

    /// <summary>Gets the tmpfs directory.</summary>
    public string Tmpfs { get; private set; } = string.Empty;

    /// <summary>Gets the passthrough_ll mount point (over another tmpfs directory).</summary>
    public string Passthrough { get; private set; } = string.Empty;

    /// <summary>Gets the passthrough_ll <c>-o xattr</c> mount point (over a third tmpfs directory).</summary>
    public string PassthroughXattr { get; private set; } = string.Empty;

    /// <summary>Gets the simulator's mount point.</summary>
    public string Simulator { get; private set; } = string.Empty;

    /// <summary>Builds passthrough_ll, mounts it and the simulator, and returns the three directories.</summary>
    public static async Task<Targets> StartAsync()
    {
        var targets = new Targets();
        try
        {
            var parent = Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath();
            targets.Tmpfs = targets.NewDirectory(parent, "tmpfs");
            var backing = targets.NewDirectory(parent, "passthrough-source");
            targets.Passthrough = targets.NewDirectory(Path.GetTempPath(), "passthrough");
            targets.Simulator = targets.NewDirectory(Path.GetTempPath(), "simulator");
            targets._passthrough = await StartPassthroughAsync(PassthroughBinary.Value, backing, targets.Passthrough, "cache=never");
            var backingXattr = targets.NewDirectory(parent, "passthrough-xattr-source");
            targets.PassthroughXattr = targets.NewDirectory(Path.GetTempPath(), "passthrough-xattr");
            targets._passthroughXattr = await StartPassthroughAsync(PassthroughBinary.Value, backingXattr, targets.PassthroughXattr, "cache=never,xattr");
            targets._simulation = S3FilesSimulation.Create();
            targets._mount = await FuseMount.StartAsync(targets._simulation.FileSystem, targets.Simulator);
            return targets;
        }
        catch
        {
            await targets.DisposeAsync();
            throw;
        }
    }

    /// <summary>Returns the directory of <paramref name="target"/>.</summary>
    public string Of(Target target) => target switch
    {
        Target.Tmpfs => Tmpfs,
        Target.PassthroughLl => Passthrough,
        Target.PassthroughLlXattr => PassthroughXattr,
        _ => Simulator,
    };

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_mount is not null)
            {
                await _mount.DisposeAsync();
            }

            foreach (var (process, mountPoint) in new[] { (_passthrough, Passthrough), (_passthroughXattr, PassthroughXattr) })
            {
                if (process is { HasExited: false })
                {
                    process.Kill();
                    await process.WaitForExitAsync();
                }

                if (mountPoint.Length > 0 && MountPoint.MountedType(mountPoint) is not null)
                {
                    MountPoint.Detach(mountPoint);
                }
            }
        }
        finally
        {
            _passthrough?.Dispose();
            _passthroughXattr?.Dispose();
            if (_simulation is not null)
            {
                await _simulation.DisposeAsync();
            }

            foreach (var directory in _directories)
            {
                if (MountPoint.MountedType(directory) is null && Directory.Exists(directory))
                {
                    Directory.Delete(directory, recursive: true);
                }
            }
        }
    }

    private static string Build(string directory)
    {
        const string Examples = "/usr/share/doc/libfuse3-dev/examples";
        var binary = Path.Combine(directory, "passthrough_ll");
        var pkgConfig = Run("pkg-config", "fuse3", "--cflags", "--libs").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Run("gcc", ["-O2", "-Wall", Path.Combine(Examples, "passthrough_ll.c"), "-I", Examples, "-o", binary, .. pkgConfig]);
        return binary;
    }

    private static async Task<Process> StartPassthroughAsync(string binary, string source, string mountPoint, string options)
    {
        var process = Process.Start(new ProcessStartInfo(binary) { ArgumentList = { "-f", "-o", $"source={source},{options}", mountPoint }, RedirectStandardError = true })
            ?? throw new InvalidOperationException("passthrough_ll did not start.");
        var start = TimeProvider.System.GetTimestamp();
        while (MountPoint.MountedType(mountPoint) is null)
        {
            if (process.HasExited || TimeProvider.System.GetElapsedTime(start) > TimeSpan.FromSeconds(30))
            {
                throw new InvalidOperationException($"passthrough_ll did not mount {mountPoint}: {await process.StandardError.ReadToEndAsync()}");
            }

            await Task.Delay(20);
        }

        return process;
    }

    private static string Run(string program, params string[] arguments)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{program} did not start.");
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? output.Trim() : throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed (install gcc, pkg-config, libfuse3-dev): {error}");
    }

    private string NewDirectory(string parent, string purpose)
    {
        var directory = Path.Combine(parent, $"s3filessim-bench-{purpose}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        _directories.Add(directory);
        return directory;
    }
}

/// <summary>Where a benchmark runs its calls.</summary>
public enum Target
{
    /// <summary>tmpfs, no FUSE.</summary>
    Tmpfs,

    /// <summary>libfuse's passthrough_ll over tmpfs (cache=never): the cost of FUSE itself, the baseline.</summary>
    PassthroughLl,

    /// <summary>The simulator's FUSE mount.</summary>
    Simulator,

    /// <summary>passthrough_ll <c>-o xattr</c> over tmpfs (cache=never): the cost of FUSE for a file system with extended attributes.</summary>
    PassthroughLlXattr,
}
