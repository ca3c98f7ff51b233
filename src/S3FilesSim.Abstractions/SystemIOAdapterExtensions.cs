using IMount = S3FilesSim.FileSystem.IFileSystem;

namespace S3FilesSim.Abstractions;

/// <summary>
/// Runs code written against <see cref="System.IO.Abstractions.IFileSystem"/> (TestableIO) on a simulated S3 Files
/// mount, in-process, on virtual time: pass <c>mount.AsSystemIOAbstractions()</c> where the application takes
/// <c>new FileSystem()</c>.
/// </summary>
/// <remarks>
/// <para>Every member behaves as System.IO does on Linux over an NFS mount of S3 Files, whatever the host OS: Unix path
/// rules, the same exception types, messages and HResults for each errno (see docs/SEMANTICS.md, "System.IO.Abstractions
/// adapter"), FileShare as .NET's advisory flock(2) locks on NFS. What S3 Files cannot do fails as System.IO fails on such
/// a file system: no hard links (File.Move and File.Replace fall back to copying, as .NET does on EPERM), no ACLs
/// (<see cref="PlatformNotSupportedException"/>). Members over operating-system handles (<c>SafeFileHandle</c>,
/// <c>RandomAccess</c>) throw <see cref="NotSupportedException"/>.</para>
/// <para>Synchronous members block on the simulator's calls (with the in-memory bucket these complete at once; see
/// <see cref="SystemIOAdapterOptions.SynchronousCalls"/> for a remote bucket); asynchronous members stay asynchronous.
/// Writes reach the bucket about 60 s of virtual time after the last change, like any write through the mount.</para>
/// <para>https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files.html</para>
/// </remarks>
public static class SystemIOAdapterExtensions
{
    /// <summary>Returns a <see cref="System.IO.Abstractions.IFileSystem"/> over <paramref name="mount"/>.</summary>
    /// <param name="mount">The mount (<c>S3FilesFileSystem.Mount</c>); its user, umask and access point apply to every call.</param>
    /// <param name="options">The mount path the application uses and the blocking behaviour; <see langword="null"/> for the defaults (mount path <c>/</c>).</param>
    /// <returns>The file system. Its FileSystemWatcher raises the changes of the mount's file system (mount writes and imported
    /// bucket changes) when the mount is one returned by <c>S3FilesFileSystem.Mount</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="mount"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">An option is invalid; the message names it.</exception>
    public static System.IO.Abstractions.IFileSystem AsSystemIOAbstractions(this IMount mount, SystemIOAdapterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(mount);
        options ??= new SystemIOAdapterOptions();
        options.Validate();
        return new SimulatedFileSystem(mount, options, MountChangeSources.For(mount));
    }
}
