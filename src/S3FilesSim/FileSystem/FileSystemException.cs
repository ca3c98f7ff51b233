using System.Globalization;

namespace S3FilesSim.FileSystem;

/// <summary>
/// The one exception a file-system call throws: a POSIX <see cref="Errno"/>, the operation (named like the system
/// call, e.g. <c>open</c>, <c>rename</c>) and the path or paths involved.
/// </summary>
/// <remarks>Messages read like <c>No such file or directory (ENOENT): open '/data/a.txt'.</c> Instances are created
/// by <see cref="Create"/> only, so errno-to-message mapping lives in one place.</remarks>
public sealed class FileSystemException : IOException
{
    private FileSystemException(Errno errno, string operation, string? path, string? otherPath, string message)
        : base(message)
    {
        Errno = errno;
        Operation = operation;
        Path = path;
        OtherPath = otherPath;
        HResult = unchecked((int)0x80070000 | (int)errno);
    }

    /// <summary>Gets the POSIX error number.</summary>
    public Errno Errno { get; }

    /// <summary>Gets the operation that failed, named like the system call (<c>open</c>, <c>mkdir</c>, <c>rename</c>, ...).</summary>
    public string Operation { get; }

    /// <summary>Gets the path the operation was called with, when there is one.</summary>
    public string? Path { get; }

    /// <summary>Gets the second path of a two-path operation (the target of <c>rename</c>, <c>link</c>, <c>symlink</c>).</summary>
    public string? OtherPath { get; }

    /// <summary>Creates the exception for <paramref name="errno"/> raised by <paramref name="operation"/> on <paramref name="path"/>.</summary>
    /// <param name="errno">The POSIX error.</param>
    /// <param name="operation">The system call name.</param>
    /// <param name="path">The path, if any.</param>
    /// <param name="otherPath">The second path of a two-path call, if any.</param>
    /// <returns>The exception, not thrown.</returns>
    public static FileSystemException Create(Errno errno, string operation, string? path = null, string? otherPath = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(operation);
        var where = (path, otherPath) switch
        {
            (null, null) => operation,
            (not null, null) => string.Create(CultureInfo.InvariantCulture, $"{operation} '{path}'"),
            (null, not null) => string.Create(CultureInfo.InvariantCulture, $"{operation} '{otherPath}'"),
            _ => string.Create(CultureInfo.InvariantCulture, $"{operation} '{path}' -> '{otherPath}'"),
        };
        var message = string.Create(CultureInfo.InvariantCulture, $"{Describe(errno)} ({errno}): {where}.");
        return new FileSystemException(errno, operation, path, otherPath, message);
    }

    /// <summary>Returns the strerror(3) text of <paramref name="errno"/> as glibc words it.</summary>
    /// <param name="errno">The error number.</param>
    /// <returns>The description.</returns>
    public static string Describe(Errno errno) => errno switch
    {
        Errno.EPERM => "Operation not permitted",
        Errno.ENOENT => "No such file or directory",
        Errno.EIO => "Input/output error",
        Errno.ENXIO => "No such device or address",
        Errno.E2BIG => "Argument list too long",
        Errno.EBADF => "Bad file descriptor",
        Errno.EAGAIN => "Resource temporarily unavailable",
        Errno.EACCES => "Permission denied",
        Errno.EFAULT => "Bad address",
        Errno.EBUSY => "Device or resource busy",
        Errno.EEXIST => "File exists",
        Errno.EXDEV => "Invalid cross-device link",
        Errno.ENOTDIR => "Not a directory",
        Errno.EISDIR => "Is a directory",
        Errno.EINVAL => "Invalid argument",
        Errno.EMFILE => "Too many open files",
        Errno.EFBIG => "File too large",
        Errno.ENOSPC => "No space left on device",
        Errno.ESPIPE => "Illegal seek",
        Errno.EROFS => "Read-only file system",
        Errno.EMLINK => "Too many links",
        Errno.ERANGE => "Numerical result out of range",
        Errno.EDEADLK => "Resource deadlock avoided",
        Errno.ENAMETOOLONG => "File name too long",
        Errno.ENOLCK => "No locks available",
        Errno.ENOSYS => "Function not implemented",
        Errno.ENOTEMPTY => "Directory not empty",
        Errno.ELOOP => "Too many levels of symbolic links",
        Errno.ENODATA => "No data available",
        Errno.EOVERFLOW => "Value too large for defined data type",
        Errno.EOPNOTSUPP => "Operation not supported",
        Errno.ESTALE => "Stale file handle",
        Errno.ENOTSUPP => "Operation not supported",
        _ => string.Create(CultureInfo.InvariantCulture, $"Unknown error {(int)errno}"),
    };
}
