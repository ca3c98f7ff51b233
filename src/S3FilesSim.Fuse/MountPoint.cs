using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Extensions.Logging;
using S3FilesSim.Fuse.Native;

namespace S3FilesSim.Fuse;

/// <summary>Checks of the machine and the mount point before mounting, and the unmount itself; every failure is one line naming the fix.</summary>
internal static unsafe class MountPoint
{
    /// <summary>Checks that FUSE can be used here: Linux, /dev/fuse, libfuse 3.14, the struct layouts, and the right to mount with <c>allow_other</c>.</summary>
    /// <exception cref="PlatformNotSupportedException">Not Linux.</exception>
    /// <exception cref="FuseMountException">Anything else missing.</exception>
    public static void CheckEnvironment()
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("S3FilesSim.Fuse mounts through Linux FUSE (libfuse3); on this system use the in-process IFileSystem (S3FilesFileSystem.Mount) instead.");
        }

        if (!File.Exists("/dev/fuse"))
        {
            throw new FuseMountException("/dev/fuse does not exist: load the FUSE module (modprobe fuse), or run the container with --device /dev/fuse --cap-add SYS_ADMIN.");
        }

        int version;
        try
        {
            version = LibFuse.Version();
        }
        catch (DllNotFoundException)
        {
            throw new FuseMountException("libfuse3 is not installed: apt-get install fuse3 (the library is libfuse3.so.3).");
        }

        if (version != LibFuse.VerifiedVersion)
        {
            throw new FuseMountException(string.Create(CultureInfo.InvariantCulture,
                $"libfuse {version / 100}.{version % 100} is installed, but S3FilesSim.Fuse was verified against libfuse 3.14 only (its struct layouts and operation slots); install libfuse3 3.14 (Debian 12, Ubuntu 24.04)."));
        }

        if (LibFuse.CheckLayouts() is { } mismatch)
        {
            throw new FuseMountException($"S3FilesSim.Fuse cannot run here: {mismatch}.");
        }

        if (LibC.GetEuid() != 0 && !AllowsUserAllowOther())
        {
            throw new FuseMountException("mounting needs root: the mount uses allow_other so every user's processes reach the simulator; run as root (sudo), or add 'user_allow_other' to /etc/fuse.conf.");
        }
    }

    /// <summary>Checks the mount point and returns its absolute path: an existing, empty directory that is not a mount
    /// point. A stale FUSE mount left by a killed process (<c>ENOTCONN</c>) is lazily unmounted first, with a warning.</summary>
    /// <exception cref="FuseMountException">The directory is missing, not a directory, not empty, or already a mount point.</exception>
    public static string Check(string mountPoint, ILogger logger)
    {
        var path = Path.GetFullPath(mountPoint);
        if (path.Length > 1)
        {
            path = path.TrimEnd('/');
        }

        var error = StatError(path);
        if (error == LibC.ENOTCONN)
        {
            Detach(path);
            logger.LogWarning("Removed a stale FUSE mount at {MountPoint} (left by a process that ended without unmounting).", path);
            error = StatError(path);
        }

        if (error == LibC.ENOENT)
        {
            throw new FuseMountException($"mount point '{path}' does not exist: create it first (mkdir -p {path}).");
        }

        if (error != 0 || !Directory.Exists(path))
        {
            throw new FuseMountException(error == 0 ? $"mount point '{path}' is not a directory." : $"mount point '{path}' cannot be used: {new System.ComponentModel.Win32Exception(error).Message}.");
        }

        var resolved = new DirectoryInfo(path).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? path;
        if (MountedType(resolved) is { } type)
        {
            throw new FuseMountException($"'{path}' is already a mount point ({type}): unmount it first (umount {path}, or fusermount3 -u {path}).");
        }

        if (Directory.EnumerateFileSystemEntries(path).Any())
        {
            throw new FuseMountException($"mount point '{path}' is not empty: mount on an empty directory (the mount would hide what is there).");
        }

        return path;
    }

    /// <summary>Detaches the mount at <paramref name="path"/> at once (<c>umount2(MNT_DETACH)</c>, or <c>fusermount3 -u -z</c> without root); open files keep working until the connection ends.</summary>
    /// <returns><see langword="true"/> when something was unmounted.</returns>
    public static bool Detach(string path)
    {
        var native = Encoding.UTF8.GetBytes(path + "\0");
        fixed (byte* pointer = native)
        {
            if (LibC.Umount2(pointer, LibC.MntDetach) == 0)
            {
                return true;
            }
        }

        if (Marshal.GetLastPInvokeError() != LibC.EPERM)
        {
            return false;
        }

        try
        {
            using var fusermount = Process.Start(new ProcessStartInfo("fusermount3", ["-u", "-z", "-q", path]) { RedirectStandardError = true });
            fusermount?.WaitForExit();
            return fusermount?.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    /// <summary>Returns the FUSE connection of the mount at <paramref name="path"/>: its name under /sys/fs/fuse/connections
    /// (the mount's device number as the kernel prints it, from the <c>major:minor</c> field of /proc/self/mountinfo),
    /// or <see langword="null"/> when nothing is mounted there. Reading mountinfo sends the file system no request.</summary>
    public static string? ConnectionOf(string path)
    {
        foreach (var line in File.ReadLines("/proc/self/mountinfo"))
        {
            var fields = line.Split(' ');
            if (fields.Length > 4 && Unescape(fields[4]) == path && fields[2].Split(':') is [var major, var minor]
                && uint.TryParse(major, NumberStyles.None, CultureInfo.InvariantCulture, out var majorNumber)
                && uint.TryParse(minor, NumberStyles.None, CultureInfo.InvariantCulture, out var minorNumber))
            {
                // The kernel's dev_t: MKDEV(major, minor) = major << 20 | minor.
                return ((majorNumber << 20) | minorNumber).ToString(CultureInfo.InvariantCulture);
            }
        }

        return null;
    }

    /// <summary>Returns the FUSE connection of the file system mounted at <paramref name="path"/> from its <c>st_dev</c>
    /// (which follows symbolic links in the path, where mountinfo does not), or <see langword="null"/> when stat fails.
    /// Sends the file system a request: call it only once the mount serves requests.</summary>
    public static string? ConnectionOfMounted(string path)
    {
        var native = Encoding.UTF8.GetBytes(path + "\0");
        Stat stat;
        fixed (byte* pointer = native)
        {
            if (LibC.StatPath(pointer, &stat) != 0)
            {
                return null;
            }
        }

        // glibc's major() and minor() of a dev_t, then the kernel's MKDEV(major, minor) = major << 20 | minor.
        var major = (uint)(((stat.Dev >> 8) & 0xfff) | ((stat.Dev >> 32) & ~0xfffUL));
        var minor = (uint)((stat.Dev & 0xff) | ((stat.Dev >> 12) & ~0xffUL));
        return ((major << 20) | minor).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Aborts FUSE connection <paramref name="connection"/> (writes <c>/sys/fs/fuse/connections/N/abort</c>, mounting the
    /// fusectl file system there first if nobody has, as systemd does at boot): every request waiting on it fails with
    /// <c>ENOTCONN</c> and every read of /dev/fuse returns <c>ENODEV</c>, which ends the request loop's blocked reads.
    /// </summary>
    /// <returns><see langword="false"/> when the connection cannot be aborted here (fusectl not mountable, not the
    /// connection's owner); <see langword="true"/> when it was aborted or is already gone.</returns>
    /// <remarks>https://www.kernel.org/doc/html/latest/filesystems/fuse.html ("Control filesystem", "Aborting a filesystem connection").</remarks>
    public static bool AbortConnection(string connection)
    {
        const string Control = "/sys/fs/fuse/connections";
        var directory = Path.Combine(Control, connection);
        try
        {
            if (MountedType(Control) != "fusectl")
            {
                MountControlFileSystem(Control);
                if (MountedType(Control) != "fusectl")
                {
                    return false;
                }
            }

            // No directory: the connection ended already (unmounted and released).
            if (Directory.Exists(directory))
            {
                File.WriteAllText(Path.Combine(directory, "abort"), "1");
            }

            return true;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return !Directory.Exists(directory);
        }
    }

    /// <summary>Returns the file-system type mounted exactly at <paramref name="path"/> per /proc/self/mountinfo, or <see langword="null"/>.</summary>
    public static string? MountedType(string path)
    {
        foreach (var line in File.ReadLines("/proc/self/mountinfo"))
        {
            var fields = line.Split(' ');
            var separator = Array.IndexOf(fields, "-");
            if (fields.Length > 4 && separator > 4 && separator + 1 < fields.Length && Unescape(fields[4]) == path)
            {
                return fields[separator + 1];
            }
        }

        return null;
    }

    private static void MountControlFileSystem(string target)
    {
        var source = "fusectl\0"u8;
        var path = Encoding.UTF8.GetBytes(target + "\0");
        fixed (byte* type = source)
        fixed (byte* where = path)
        {
            // EBUSY (mounted meanwhile) and EPERM (not root) both leave the caller to find out from the directory.
            _ = LibC.Mount(type, where, type, 0, null);
        }
    }

    private static int StatError(string path)
    {
        var native = Encoding.UTF8.GetBytes(path + "\0");
        Stat stat;
        fixed (byte* pointer = native)
        {
            return LibC.StatPath(pointer, &stat) == 0 ? 0 : Marshal.GetLastPInvokeError();
        }
    }

    private static bool AllowsUserAllowOther()
    {
        try
        {
            return File.ReadLines("/etc/fuse.conf").Any(line => line.Trim() == "user_allow_other");
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>mountinfo escapes space, tab, newline and backslash as three octal digits.</summary>
    private static string Unescape(string field)
    {
        if (!field.Contains('\\', StringComparison.Ordinal))
        {
            return field;
        }

        var builder = new StringBuilder(field.Length);
        for (var i = 0; i < field.Length; i++)
        {
            if (field[i] == '\\' && i + 3 < field.Length && IsOctal(field.AsSpan(i + 1, 3)))
            {
                builder.Append((char)Convert.ToInt32(field.Substring(i + 1, 3), 8));
                i += 3;
            }
            else
            {
                builder.Append(field[i]);
            }
        }

        return builder.ToString();
    }

    private static bool IsOctal(ReadOnlySpan<char> digits) => digits.Length == 3 && digits.IndexOfAnyExceptInRange('0', '7') < 0;
}
