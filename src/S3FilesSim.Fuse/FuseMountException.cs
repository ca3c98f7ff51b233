namespace S3FilesSim.Fuse;

/// <summary>
/// Mounting through FUSE is not possible: the mount point is missing, not a directory, not empty or already mounted,
/// /dev/fuse or libfuse3 is missing, the libfuse version is not the verified one, or the process may not mount.
/// </summary>
/// <remarks>The message is one line that names the fix, such as <c>apt-get install fuse3</c>.</remarks>
public sealed class FuseMountException : IOException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">The one-line reason and fix.</param>
    public FuseMountException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public FuseMountException()
        : base("The FUSE mount failed.")
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The one-line reason and fix.</param>
    /// <param name="innerException">The underlying failure.</param>
    public FuseMountException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
