namespace S3FilesSim.Abstractions;

/// <summary>
/// Thrown when the application names a path outside <see cref="SystemIOAdapterOptions.MountPath"/>. The adapter never
/// passes such a path to the real disk, and never answers "does not exist" for it: a test that touches paths outside the
/// simulated mount is misconfigured, and this exception says where.
/// </summary>
/// <remarks>Derives from <see cref="InvalidOperationException"/>, not <see cref="IOException"/>, so the application's own
/// <c>catch (IOException)</c> handlers (and <c>File.Exists</c>) do not hide it.</remarks>
public sealed class PathOutsideMountException : InvalidOperationException
{
    /// <summary>Creates the exception for <paramref name="path"/>.</summary>
    /// <param name="path">The full path the application used.</param>
    /// <param name="mountPath">The adapter's mount path.</param>
    public PathOutsideMountException(string path, string mountPath)
        : base($"The path '{path}' is outside the simulated S3 Files mount at '{mountPath}' (SystemIOAdapterOptions.MountPath); the adapter does not reach the real disk.")
    {
        Path = path;
        MountPath = mountPath;
    }

    /// <summary>Gets the full path the application used.</summary>
    public string Path { get; }

    /// <summary>Gets the adapter's mount path.</summary>
    public string MountPath { get; }
}
