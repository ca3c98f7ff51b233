namespace S3FilesSim.Abstractions;

/// <summary>Options of the System.IO.Abstractions adapter (<see cref="SystemIOAdapterExtensions.AsSystemIOAbstractions"/>).</summary>
/// <remarks>Validated once, when the adapter is created; an invalid value throws <see cref="ArgumentException"/> naming it.</remarks>
public sealed record SystemIOAdapterOptions
{
    /// <summary>Gets the absolute path at which the application expects the mount, as in <c>mount -t s3files fs-… /mnt/data</c>.
    /// Paths the application uses are resolved against it: <c>/mnt/data/inbox/a.txt</c> is <c>/inbox/a.txt</c> on the mount.
    /// A path outside it throws <see cref="PathOutsideMountException"/>; the adapter never reaches the real disk.</summary>
    /// <value>The default value is <c>/</c> (the mount is the whole namespace).</value>
    public string MountPath { get; init; } = "/";

    /// <summary>Gets the directory <c>Path.GetTempPath()</c> returns and <c>Path.GetTempFileName()</c> and
    /// <c>Directory.CreateTempSubdirectory()</c> create in (created on first use). It must be inside <see cref="MountPath"/>:
    /// files there are files of the mount, exported to the bucket like any other once they stay 60 s.</summary>
    /// <value>The default value is <see langword="null"/>: <c>tmp</c> under <see cref="MountPath"/>.</value>
    public string? TempPath { get; init; }

    /// <summary>Gets what a synchronous member (<c>File.ReadAllBytes</c>, <c>Stream.Read</c>, <c>Directory.GetFiles</c>, ...)
    /// does when the simulator's call does not complete at once. With the in-memory bucket every call completes at once;
    /// with a remote bucket (S3FilesSim.Aws) a call that needs the bucket (a first listing, a cold read) completes later.</summary>
    /// <value>The default value is <see cref="SynchronousCallMode.Block"/>.</value>
    public SynchronousCallMode SynchronousCalls { get; init; } = SynchronousCallMode.Block;

    /// <summary>Gets <see cref="MountPath"/> normalized: no trailing separator except for <c>/</c>.</summary>
    internal string NormalizedMountPath => UnixPath.TrimEndingSeparator(MountPath);

    /// <summary>Gets the temporary directory, with a trailing separator as <c>Path.GetTempPath()</c> returns it.</summary>
    internal string NormalizedTempPath
    {
        get
        {
            var temp = TempPath ?? UnixPath.Join(NormalizedMountPath, "tmp");
            return UnixPath.EndsInSeparator(temp) ? temp : temp + "/";
        }
    }

    /// <summary>Checks every option.</summary>
    /// <exception cref="ArgumentException">An option is invalid; the message names it.</exception>
    internal void Validate()
    {
        ValidateAbsolute(MountPath, nameof(MountPath));
        if (TempPath is not null)
        {
            ValidateAbsolute(TempPath, nameof(TempPath));
            if (!UnixPath.IsSameOrUnder(UnixPath.TrimEndingSeparator(TempPath), NormalizedMountPath))
            {
                throw new ArgumentException($"{nameof(TempPath)} '{TempPath}' must be inside {nameof(MountPath)} '{MountPath}'.", nameof(TempPath));
            }
        }

        if (!Enum.IsDefined(SynchronousCalls))
        {
            throw new ArgumentException($"{nameof(SynchronousCalls)} is not a defined mode: {SynchronousCalls}.", nameof(SynchronousCalls));
        }
    }

    private static void ValidateAbsolute(string? path, string name)
    {
        if (string.IsNullOrEmpty(path) || !UnixPath.IsRooted(path) || path.Contains('\0', StringComparison.Ordinal)
            || UnixPath.Normalize(path) != path)
        {
            throw new ArgumentException($"{name} must be an absolute Unix path without '.', '..' or repeated '/' segments: '{path}'.", name);
        }
    }
}

/// <summary>What a synchronous System.IO member does when the simulator's call does not complete at once (a remote bucket).</summary>
public enum SynchronousCallMode
{
    /// <summary>Blocks the calling thread until the call completes, as a process blocks in a system call on an NFS mount.
    /// Something else must move the simulation on meanwhile (with a remote bucket, <c>RealTimeDriver</c>).</summary>
    Block,

    /// <summary>Throws <see cref="InvalidOperationException"/> instead of blocking, so a test learns which synchronous call
    /// needed the bucket (use the member's async form there). The simulator's call still completes in the background.</summary>
    Throw,
}
